package dev.pairwise.sampling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.output.Outputs;
import dev.pairwise.output.Outputs.ChosenOutput;
import dev.pairwise.sampling.SampleRepository.StoredSample;
import dev.pairwise.sampling.SelectionRule.Candidate;
import dev.pairwise.sampling.SelectionRule.Decision;
import dev.pairwise.sampling.SelectionRule.Verdict;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Applies a rule to a model's samples on an eval set: the chosen sample of each item
 * becomes the model's output for it (through the output feature), with the decision in
 * the output's meta.
 */
@Service
class Selector {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SampleRepository repository;

	private final Outputs outputs;

	private final Studies studies;

	Selector(SampleRepository repository, Outputs outputs, Studies studies) {
		this.repository = repository;
		this.outputs = outputs;
		this.studies = studies;
	}

	/** Refuses (409) while an open study compares the model's outputs on this set. */
	void checkNoOpenStudyUses(long evalSetId, String model) {
		List<String> open = this.studies.list()
			.stream()
			.filter((study) -> study.isOpen() && study.evalSetId() == evalSetId && study.models().contains(model))
			.map(Study::name)
			.toList();
		if (!open.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"model '" + model + "' has outputs in use by open studies (" + String.join(", ", open)
							+ "); close them before its samples or selection change");
		}
	}

	@Transactional
	SelectionSummary select(long evalSetId, String model, SelectionRule rule) {
		checkNoOpenStudyUses(evalSetId, model);
		List<ItemSelection> report = report(evalSetId, model, rule);
		if (report.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"model '" + model + "' has no samples on this eval set");
		}
		Map<String, StoredSample> samples = new LinkedHashMap<>();
		this.repository.samples(evalSetId, model)
			.forEach((sample) -> samples.put(sample.itemKey() + "/" + sample.sample(), sample));
		List<ChosenOutput> outputs = new ArrayList<>();
		for (ItemSelection item : report) {
			StoredSample sample = samples.get(item.itemId() + "/" + item.chosen());
			outputs.add(new ChosenOutput(sample.itemId(), sample.text(), meta(sample, rule, item)));
		}
		this.outputs.replace(model, outputs);
		int allDropped = (int) report.stream().filter(ItemSelection::allDropped).count();
		this.repository.saveSelection(evalSetId, model, rule, report.size(), allDropped);
		return new SelectionSummary(model, rule.id(), report.size(), samples.size(), allDropped);
	}

	/**
	 * Each item's decision under the rule, in file order; refuses (400) a rule that needs
	 * log-probabilities when some sample has none.
	 */
	List<ItemSelection> report(long evalSetId, String model, SelectionRule rule) {
		Map<String, List<StoredSample>> byItem = new LinkedHashMap<>();
		for (StoredSample sample : this.repository.samples(evalSetId, model)) {
			if (rule.needsLogprobs() && sample.logprob() == null) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"sample " + sample.sample() + " of item '" + sample.itemKey()
								+ "' has no log-probability (the endpoint offered none), so rule '" + rule.id()
								+ "' cannot apply; use 'first'");
			}
			byItem.computeIfAbsent(sample.itemKey(), (key) -> new ArrayList<>()).add(sample);
		}
		List<ItemSelection> report = new ArrayList<>();
		byItem.forEach((itemKey, itemSamples) -> {
			Decision decision = rule.decide(
					itemSamples.stream().map((sample) -> new Candidate(sample.sample(), sample.logprob())).toList());
			List<SampleVerdict> verdicts = new ArrayList<>();
			for (Verdict verdict : decision.verdicts()) {
				StoredSample sample = itemSamples.stream()
					.filter((candidate) -> candidate.sample() == verdict.sample())
					.findFirst()
					.orElseThrow();
				verdicts.add(new SampleVerdict(sample.sample(), sample.text(), sample.logprob(), verdict.kept(),
						verdict.reason()));
			}
			report.add(new ItemSelection(itemKey, decision.chosen(), decision.median(), decision.threshold(),
					decision.allDropped(), verdicts));
		});
		return report;
	}

	private static String meta(StoredSample sample, SelectionRule rule, ItemSelection decision) {
		ObjectNode meta = JSON.createObjectNode();
		meta.put("sample", sample.sample());
		if (sample.logprob() != null) {
			meta.put("logprob", sample.logprob());
		}
		meta.put("selection", rule.id());
		if (decision.median() != null) {
			meta.put("median", decision.median());
			meta.put("threshold", decision.threshold());
		}
		if (decision.allDropped()) {
			meta.put("allDropped", true);
		}
		if (sample.metaJson() != null) {
			meta.set("meta", JSON.readTree(sample.metaJson()));
		}
		return meta.toString();
	}

}
