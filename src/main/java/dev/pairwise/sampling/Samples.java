package dev.pairwise.sampling;

import java.util.List;

import dev.pairwise.sampling.SampleRepository.StoredSample;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may do with samples: record generated ones, and select among them.
 */
@Service
public class Samples {

	private final SampleRepository repository;

	private final Selector selector;

	Samples(SampleRepository repository, Selector selector) {
		this.repository = repository;
		this.selector = selector;
	}

	/** Whether the model has any sample on the set. */
	public boolean exist(long evalSetId, String model) {
		return this.repository.countSamples(evalSetId, model) > 0;
	}

	/**
	 * Refuses (409, naming them) while open studies use the model's outputs on the set.
	 */
	public void checkNoOpenStudyUses(long evalSetId, String model) {
		this.selector.checkNoOpenStudyUses(evalSetId, model);
	}

	/** Stores the samples of one item, in the caller's transaction. */
	@Transactional
	public void record(String model, long itemId, List<NewSample> samples) {
		this.repository.insert(samples.stream()
			.map((sample) -> new StoredSample(itemId, null, model, sample.sample(), sample.text(), sample.logprob(),
					sample.metaJson()))
			.toList());
	}

	/**
	 * Chooses the model's outputs on the set among all its samples there; returns how
	 * many items had every sample dropped.
	 */
	public int select(long evalSetId, String model, SelectionRule rule) {
		return this.selector.select(evalSetId, model, rule).allDropped();
	}

	/**
	 * Deletes the samples and selections on the set, of one model or (null) of every
	 * model, in the caller's transaction.
	 */
	@Transactional
	public void deleteOnEvalSet(long evalSetId, String model) {
		this.repository.deleteOnEvalSet(evalSetId, model);
	}

	/**
	 * A sample to store: its index, text, total log-probability (null when the endpoint
	 * offered none) and meta as JSON (or null).
	 */
	public record NewSample(int sample, String text, Double logprob, String metaJson) {
	}

}
