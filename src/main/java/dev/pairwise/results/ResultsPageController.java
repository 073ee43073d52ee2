package dev.pairwise.results;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.pairwise.results.stats.Agreement;
import dev.pairwise.results.stats.RaterPairKappa;
import dev.pairwise.results.stats.RaterQuality;
import dev.pairwise.results.stats.TiePolicy;
import dev.pairwise.results.stats.TwoModelResult;
import dev.pairwise.study.Rater;
import dev.pairwise.study.Raters;
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

/** The results page, figure first, and the figure on its own as SVG, PNG and PDF. */
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

	private final Raters raters;

	ResultsPageController(ResultsService results, MessageSource messages, Raters raters) {
		this.results = results;
		this.raters = raters;
		this.messages = messages;
	}

	@GetMapping("/studies/{id}/results")
	String page(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, @RequestParam(required = false) String criterion,
			Locale locale, Model model) {
		Study study = this.results.study(id);
		ResultsQuery query = this.results.query(study, ties, source, focal, bootstrap, criterion);
		StudyResults computed = this.results.results(study, query);
		model.addAttribute("study", study);
		model.addAttribute("results", computed);
		model.addAttribute("criteria", this.results.criteria(study));
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
		model.addAttribute("raterIds", raterIdsByLabel(id));
		List<RaterPairKappa> kappas = computed.studyWide().agreement().cohenKappaByRaterPair();
		model.addAttribute("kappaPairs",
				kappas.stream()
					.sorted(Comparator.comparingInt(RaterPairKappa::shared).reversed())
					.limit(MAX_KAPPA_ROWS)
					.toList());
		return "results/results";
	}

	/**
	 * The study's raters by label, which is the judge of their judgments, for the exclude
	 * buttons; a label that two raters share gets none, as it cannot say which one.
	 */
	private Map<String, Long> raterIdsByLabel(long studyId) {
		Map<String, Long> ids = new HashMap<>();
		Set<String> shared = new HashSet<>();
		for (Rater rater : this.raters.list(studyId)) {
			if (ids.putIfAbsent(rater.label(), rater.id()) != null) {
				shared.add(rater.label());
			}
		}
		ids.keySet().removeAll(shared);
		return ids;
	}

	@GetMapping("/studies/{id}/results.svg")
	ResponseEntity<String> figure(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, @RequestParam(required = false) String criterion,
			Locale locale) {
		String svg = figureSvg(id, ties, source, focal, bootstrap, criterion, locale);
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/svg+xml;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"study-" + id + "-win-rates.svg\"")
			.body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n");
	}

	/** The same figure as a PNG at twice its size, for slides and documents. */
	@GetMapping("/studies/{id}/results.png")
	ResponseEntity<byte[]> figurePng(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, @RequestParam(required = false) String criterion,
			Locale locale) {
		String svg = figureSvg(id, ties, source, focal, bootstrap, criterion, locale);
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"study-" + id + "-win-rates.png\"")
			.body(FigureFiles.png(svg, WinRateChart.WIDTH));
	}

	/** The same figure as a vector PDF, for a paper. */
	@GetMapping("/studies/{id}/results.pdf")
	ResponseEntity<byte[]> figurePdf(@PathVariable long id, @RequestParam(required = false) String ties,
			@RequestParam(required = false) String source, @RequestParam(required = false) String focal,
			@RequestParam(required = false) Integer bootstrap, @RequestParam(required = false) String criterion,
			Locale locale) {
		String svg = figureSvg(id, ties, source, focal, bootstrap, criterion, locale);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"study-" + id + "-win-rates.pdf\"")
			.body(FigureFiles.pdf(svg));
	}

	private String figureSvg(long id, String ties, String source, String focal, Integer bootstrap, String criterion,
			Locale locale) {
		Study study = this.results.study(id);
		ResultsQuery query = this.results.query(study, ties, source, focal, bootstrap, criterion);
		return chart(this.results.results(study, query), query.ties(), locale);
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
		if (results.criterion() != null) {
			tieNote = tieNote + " · " + message("criteria.results.figureNote", locale, results.criterion());
		}
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
