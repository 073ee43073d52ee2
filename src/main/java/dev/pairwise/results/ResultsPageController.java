package dev.pairwise.results;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.pairwise.results.stats.Agreement;
import dev.pairwise.results.stats.RaterPairKappa;
import dev.pairwise.results.stats.RaterQuality;
import dev.pairwise.results.stats.TiePolicy;
import dev.pairwise.results.stats.TwoModelResult;
import dev.pairwise.study.Study;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The results page, figure first, and the figure on its own as an SVG file. */
@Controller
class ResultsPageController {

	private static final ResultsFormat FORMAT = new ResultsFormat();

	/**
	 * Hundreds of raters make tens of thousands of rater pairs; the page lists those with
	 * the most shared tasks and the JSON has them all.
	 */
	private static final int MAX_KAPPA_ROWS = 200;

	/**
	 * Raw agreement at or above this with α below {@link #PARADOX_ALPHA} is explained.
	 */
	private static final double PARADOX_RAW_AGREEMENT = 0.7;

	private static final double PARADOX_ALPHA = 0.2;

	private final ResultsService results;

	private final MessageSource messages;

	ResultsPageController(ResultsService results, MessageSource messages) {
		this.results = results;
		this.messages = messages;
	}

	@GetMapping("/studies/{id}/results")
	String page(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, Locale locale, Model model) {
		Study study = this.results.study(id);
		ResultsQuery query = this.results.query(study, ties, source, focal, bootstrap);
		StudyResults computed = this.results.results(study, query);
		model.addAttribute("study", study);
		model.addAttribute("results", computed);
		model.addAttribute("fmt", FORMAT);
		model.addAttribute("focalPairs", computed.focalPairs());
		model.addAttribute("otherPairs",
				computed.pairs().stream().filter((pair) -> !pair.focalModel().equals(computed.focal())).toList());
		model.addAttribute("figure", chart(computed, query.ties(), locale));
		model.addAttribute("paradoxicalAgreement", paradoxical(computed.studyWide().agreement())
				|| computed.pairs().stream().anyMatch((pair) -> paradoxical(pair.agreement())));
		model.addAttribute("raters",
				computed.studyWide()
					.raters()
					.stream()
					.sorted(Comparator.comparing(RaterQuality::judge, LabelOrder.NATURAL))
					.toList());
		List<RaterPairKappa> kappas = computed.studyWide().agreement().cohenKappaByRaterPair();
		model.addAttribute("kappaPairs",
				kappas.stream()
					.sorted(Comparator.comparingInt(RaterPairKappa::shared).reversed())
					.limit(MAX_KAPPA_ROWS)
					.toList());
		return "results/results";
	}

	@GetMapping("/studies/{id}/results.svg")
	ResponseEntity<String> figure(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, Locale locale) {
		Study study = this.results.study(id);
		ResultsQuery query = this.results.query(study, ties, source, focal, bootstrap);
		String svg = chart(this.results.results(study, query), query.ties(), locale);
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/svg+xml;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"study-" + id + "-win-rates.svg\"")
			.body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n");
	}

	/**
	 * High raw agreement with chance-corrected agreement near zero: the mark of skewed
	 * labels, which the page explains so that a reader does not take it for an error.
	 */
	private static boolean paradoxical(Agreement agreement) {
		Double raw = agreement.pairwiseAgreement();
		Double alpha = agreement.krippendorffAlphaNominal();
		return raw != null && alpha != null && raw >= PARADOX_RAW_AGREEMENT && alpha < PARADOX_ALPHA;
	}

	private String chart(StudyResults results, TiePolicy ties, Locale locale) {
		List<TwoModelResult> pairs = results.focalPairs();
		String against = (pairs.size() == 1) ? pairs.get(0).otherModel() : message("results.figure.eachOther", locale);
		String tieNote = message((ties == TiePolicy.HALF) ? "results.figure.tiesHalf" : "results.figure.tiesExcluded",
				locale);
		WinRateChart.Labels labels = new WinRateChart.Labels(
				message("results.figure.title", locale, results.focal(), against, tieNote),
				message("results.figure.description", locale, results.focal(), against),
				message("results.overall", locale), message("results.byCategory", locale),
				message("results.bySetting", locale), message("results.figure.axis", locale, results.focal()),
				message("results.figure.versus", locale), message("results.figure.noData", locale),
				message("results.figure.valueHeading", locale), message("results.figure.nAndB", locale,
						FORMAT.count(results.judgments()), FORMAT.count(results.bootstrap()), tieNote));
		return WinRateChart.render(pairs, labels);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}
