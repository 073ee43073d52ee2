package dev.pairwise.judgmentfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.Upload;
import dev.pairwise.judgmentfile.JudgmentFileRepository.ItemRef;
import dev.pairwise.judgmentfile.JudgmentFileRepository.TaskKey;
import dev.pairwise.rating.ImportedJudgment;
import dev.pairwise.rating.JudgmentImports;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports judgments made elsewhere (an LLM judge, an earlier campaign) into a study, as
 * one transaction: every row is checked against the study — the item is in the study's
 * eval set and within its categories and settings, both models are the study's and the
 * study compares them — and any error rolls back the whole file. Rows are kept apart from
 * the study's own raters by their source, {@code import:<name>}, and stored by rating,
 * which owns the judgments.
 */
@Service
class JudgmentImporter {

	static final String DEFAULT_SOURCE = "upload";

	private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,80}");

	private final JudgmentFileRepository repository;

	private final JudgmentImports judgments;

	private final Studies studies;

	JudgmentImporter(JudgmentFileRepository repository, JudgmentImports judgments, Studies studies) {
		this.studies = studies;
		this.repository = repository;
		this.judgments = judgments;
	}

	/** Why a source name is unusable, or null when it is fine. */
	static String sourceProblem(String name) {
		return SOURCE_NAME.matcher(name).matches() ? null
				: "source '" + name + "' may use only letters, digits and . _ : + - (no spaces), up to 81";
	}

	@Transactional
	ImportedCount importJudgments(Study study, Upload upload, boolean csv, String sourceName) {
		ImportErrors errors = new ImportErrors(upload.fileName());
		String problem = sourceProblem(sourceName);
		if (problem != null) {
			throw errors.rejectWith(new ImportError(null, null, "source", problem));
		}
		StudyScope scope = new StudyScope(study, this.repository.studyModels(study.id()),
				this.repository.itemsByKey(study.evalSetId()), this.repository.tasks(study.id()));
		String source = "import:" + sourceName;
		List<String> criteria = this.studies.criteria(study.id()).ids();
		int stored = this.judgments.store(study.id(), source, (store) -> {
			int[] count = new int[1];
			Consumer<ParsedJudgment> sink = (row) -> {
				ImportedJudgment judgment = scope.check(row, errors);
				if (judgment != null && errors.isEmpty()) {
					store.accept(judgment);
					count[0]++;
				}
			};
			if (csv) {
				JudgmentFileParser.parseCsv(upload, criteria, errors, sink);
			}
			else {
				JudgmentFileParser.parseJsonl(upload, criteria, errors, sink);
			}
			if (errors.isEmpty() && count[0] == 0) {
				errors.add(ImportError.forFile("the file holds no judgments"));
			}
			errors.throwIfAny();
		});
		return new ImportedCount(source, stored);
	}

	record ImportedCount(String source, int judgments) {
	}

	/** What a row may refer to in the study. */
	private static final class StudyScope {

		private final Study study;

		private final Map<String, Long> modelIds = new LinkedHashMap<>();

		private final Map<String, ItemRef> items;

		private final Map<TaskKey, Long> tasks;

		StudyScope(Study study, Map<Long, String> models, Map<String, ItemRef> items, Map<TaskKey, Long> tasks) {
			this.study = study;
			models.forEach((id, name) -> this.modelIds.put(name, id));
			this.items = items;
			this.tasks = tasks;
		}

		ImportedJudgment check(ParsedJudgment row, ImportErrors errors) {
			ItemRef item = this.items.get(row.itemId());
			boolean ok = true;
			if (item == null) {
				ok = error(errors, row, "item_id",
						"no item '" + row.itemId() + "' in eval set " + this.study.evalSetLabel());
			}
			else {
				ok &= matches(errors, row, "category", row.category(), item.category(), this.study.categories());
				ok &= matches(errors, row, "setting", row.setting(), item.setting(), this.study.settings());
			}
			Long modelA = model(errors, row, JudgmentCsv.MODEL_A, row.modelA());
			Long modelB = model(errors, row, JudgmentCsv.MODEL_B, row.modelB());
			if (modelA == null || modelB == null) {
				return null;
			}
			String baseline = this.study.baselineModel();
			if (this.study.pairing() == Study.Pairing.BASELINE && !row.modelA().equals(baseline)
					&& !row.modelB().equals(baseline)) {
				ok = error(errors, row, JudgmentCsv.MODEL_B, "the study compares each model with the baseline '"
						+ baseline + "', not " + row.modelA() + " with " + row.modelB());
			}
			if (!ok) {
				return null;
			}
			Long taskId = this.tasks.get(new TaskKey(item.id(), Math.min(modelA, modelB), Math.max(modelA, modelB)));
			return new ImportedJudgment(taskId, item.id(), modelA, modelB, row.winner(), row.leftIsA(), row.failA(),
					row.failB(), row.strength(), row.reason(), row.elapsedMs(), row.judge(), row.createdAt(),
					row.criteria());
		}

		/**
		 * A category or setting given in the row must be the item's, and the item must be
		 * within the study's choice (when it made one).
		 */
		private boolean matches(ImportErrors errors, ParsedJudgment row, String field, String given, String actual,
				List<String> chosen) {
			if (given != null && !given.equals(actual)) {
				return error(errors, row, field, "item '" + row.itemId() + "' has " + field + " '" + actual
						+ "' in eval set " + this.study.evalSetLabel() + ", not '" + given + "'");
			}
			if (!chosen.isEmpty() && !chosen.contains(actual)) {
				return error(errors, row, "item_id", "item '" + row.itemId() + "' is outside the study, which covers "
						+ field + " " + String.join(", ", chosen));
			}
			return true;
		}

		private Long model(ImportErrors errors, ParsedJudgment row, String field, String name) {
			Long id = this.modelIds.get(name);
			if (id == null) {
				error(errors, row, field, "model '" + name + "' is not one of the study's models ("
						+ String.join(", ", this.modelIds.keySet()) + ")");
			}
			return id;
		}

		private static boolean error(ImportErrors errors, ParsedJudgment row, String field, String message) {
			errors.add(new ImportError(row.line(), row.column(field), field, message));
			return false;
		}

	}

}
