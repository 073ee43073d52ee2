package dev.pairwise.transfer;

import java.nio.charset.CharacterCodingException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pairwise.evalset.Settings;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.Upload;
import dev.pairwise.study.TaskPool;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ArgumentTypePreparedStatementSetter;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a study bundle and stores it as a new study, in one transaction: any problem
 * refuses the whole bundle, with the line and field of each. The bundle streams through
 * (one row at a time, inserted in batches), so its size is bounded by the upload limit,
 * not the heap. The eval set and outputs are reused when this instance already has them
 * with the same content and created when it has not; a different content under the same
 * name is refused rather than merged. Raters get a fresh random token hash, so their old
 * links do not open the copy: new links are made as for any study.
 */
@Service
class StudyImporter {

	private static final int BATCH_SIZE = 500;

	private static final Set<String> WINNERS = Set.of("model_a", "model_b", "tie", "both-bad");

	private static final Set<String> ASSIGNMENT_STATES = Set.of("leased", "judged", "skipped", "expired");

	private static final Set<String> STUDY_STATES = Set.of("draft", "open", "closed");

	private static final Set<String> PAIRINGS = Set.of("all-pairs", "baseline");

	private static final Set<String> SCALES = Set.of("preference", "graded");

	private static final Set<String> REASON_MODES = Set.of("optional", "required");

	private static final Set<String> SIDES = Set.of("a", "b");

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final JsonMapper json;

	private final TaskPool taskPool;

	private final SecureRandom random = new SecureRandom();

	StudyImporter(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json, TaskPool taskPool) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
		this.taskPool = taskPool;
	}

	@Transactional
	ImportedStudy importBundle(Upload upload) {
		ImportErrors errors = new ImportErrors(upload.fileName());
		Run run = new Run(errors);
		try (JsonParser parser = this.json.createParser(upload.reader())) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw errors.rejectWith(ImportError.forFile("a study bundle is one JSON object"));
			}
			int next = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String section = parser.currentName();
				int line = parser.currentLocation().getLineNr();
				int index = Bundle.SECTIONS.indexOf(section);
				if (index < 0) {
					throw errors.rejectWith(ImportError.atLine(line, section, "is not a section of a study bundle"));
				}
				if (index < next) {
					throw errors.rejectWith(ImportError.atLine(line, section,
							"comes out of order; the sections are " + String.join(", ", Bundle.SECTIONS)));
				}
				for (String missing : Bundle.SECTIONS.subList(next, index)) {
					run.requirePresent(missing, line);
				}
				next = index + 1;
				parser.nextToken();
				read(parser, section, run);
				errors.throwIfAny();
			}
			for (String missing : Bundle.SECTIONS.subList(next, Bundle.SECTIONS.size())) {
				run.requirePresent(missing, parser.currentLocation().getLineNr());
			}
			errors.throwIfAny();
			return run.finish();
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof CharacterCodingException invalid) {
				throw Upload.invalidUtf8(errors, invalid);
			}
			int line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
			throw errors.rejectWith(
					new ImportError((line > 0) ? line : null, null, null, "invalid JSON: " + ex.getOriginalMessage()));
		}
	}

	private void read(JsonParser parser, String section, Run run) {
		switch (section) {
			case "format" -> run.format(parser);
			case "version" -> run.version(parser);
			case "exportedAt" -> parser.skipChildren();
			case "evalSet" -> run.evalSet(element(parser, section, run.errors));
			case "items" -> forEach(parser, section, run, run::item);
			case "outputs" -> forEach(parser, section, run, run::output);
			case "study" -> run.study(element(parser, section, run.errors));
			case "tasks" -> forEach(parser, section, run, run::task);
			case "raters" -> forEach(parser, section, run, run::rater);
			case "assignments" -> forEach(parser, section, run, run::assignment);
			case "judgments" -> forEach(parser, section, run, run::judgment);
			case "edits" -> forEach(parser, section, run, run::edit);
			case "flags" -> forEach(parser, section, run, run::flag);
			default -> throw new IllegalStateException("unknown section " + section);
		}
		run.endOf(section);
	}

	private BundleElement element(JsonParser parser, String path, ImportErrors errors) {
		int line = parser.currentLocation().getLineNr();
		JsonNode node = parser.readValueAsTree();
		return new BundleElement(node, line, path, errors);
	}

	private void forEach(JsonParser parser, String section, Run run, java.util.function.Consumer<BundleElement> row) {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			throw run.errors
				.rejectWith(ImportError.atLine(parser.currentLocation().getLineNr(), section, "must be a JSON array"));
		}
		int index = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			row.accept(element(parser, section + "[" + index++ + "]", run.errors));
			if (run.errors.isFull()) {
				run.errors.throwIfAny();
			}
		}
	}

	/**
	 * The state of one import: what has been created so far, and the ids it was given.
	 */
	private final class Run {

		final ImportErrors errors;

		final Set<String> present = new java.util.HashSet<>();

		long evalSetId;

		String evalSetLabel;

		boolean evalSetCreated;

		int existingItems;

		final Map<String, Long> itemIds = new HashMap<>();

		final Map<String, Integer> variantOfLines = new LinkedHashMap<>();

		final Map<String, Long> modelIds = new HashMap<>();

		int outputsAdded;

		long studyId;

		String studyName;

		Map<String, Long> studyModels = Map.of();

		final IdMap tasks = new IdMap();

		final IdMap raters = new IdMap();

		final IdMap assignments = new IdMap();

		final Pending pendingItems = new Pending("""
				insert into item (eval_set_id, position, item_key, category, setting, prompt, exemplars, variant_of)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", new int[] { Types.BIGINT, Types.INTEGER, Types.VARCHAR,
				Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR }, null);

		final Pending pendingOutputs = new Pending(
				"insert into output (item_id, model_id, text, text_length, meta) values (?, ?, ?, ?, ?)",
				new int[] { Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.VARCHAR }, null);

		final Pending pendingTasks = new Pending("""
				insert into task (study_id, item_id, model_a_id, model_b_id, attention_kind, attention_good_side,
				  attention_text, needed, accepted, leased, shuffle) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
						Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER },
				this.tasks);

		final Pending pendingRaters = new Pending("""
				insert into rater (study_id, label, token_hash, quota, salt, revoked_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""", new int[] { Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
				Types.INTEGER, Types.TIMESTAMP, Types.TIMESTAMP }, this.raters);

		final Pending pendingAssignments = new Pending("""
				insert into assignment (study_id, task_id, rater_id, left_is_a, state, leased_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?)""", new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BOOLEAN,
				Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP }, this.assignments);

		final Pending pendingJudgments = new Pending(
				"""
						insert into judgment (study_id, task_id, assignment_id, rater_id, item_id, model_a_id, model_b_id, winner,
						  left_is_a, fail_a, fail_b, strength, reason, elapsed_ms, judge, source, attention, attention_correct,
						  created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
						Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN, Types.BOOLEAN, Types.VARCHAR,
						Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN,
						Types.TIMESTAMP, Types.TIMESTAMP },
				null);

		final Pending pendingEdits = new Pending("""
				insert into judgment_edit (judgment_id, previous_winner, previous_fail_a, previous_fail_b,
				  previous_strength, previous_reason, edited_at) values (?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN, Types.VARCHAR, Types.VARCHAR,
						Types.TIMESTAMP },
				null);

		final Pending pendingFlags = new Pending(
				"insert into task_flag (study_id, task_id, rater_id, note, created_at) values (?, ?, ?, ?, ?)",
				new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP }, null);

		int judgments;

		Run(ImportErrors errors) {
			this.errors = errors;
		}

		void requirePresent(String section, int line) {
			if (!section.equals("exportedAt")) {
				this.errors.add(ImportError.atLine(line, section,
						"is missing; a study bundle has every section of " + String.join(", ", Bundle.SECTIONS)));
			}
		}

		void format(JsonParser parser) {
			if (parser.currentToken() != JsonToken.VALUE_STRING || !Bundle.FORMAT.equals(parser.getString())) {
				throw this.errors.rejectWith(ImportError.atLine(parser.currentLocation().getLineNr(), "format",
						"must be \"" + Bundle.FORMAT + "\": this is not a Pairwise study export"));
			}
		}

		void version(JsonParser parser) {
			if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() != Bundle.VERSION) {
				throw this.errors.rejectWith(ImportError.atLine(parser.currentLocation().getLineNr(), "version",
						"must be " + Bundle.VERSION + ", the bundle version this Pairwise reads"));
			}
		}

		void evalSet(BundleElement set) {
			String name = set.text("name", true);
			String version = set.text("version", true);
			String title = set.text("title", true);
			String description = set.text("description", false);
			String source = set.text("source", false);
			String license = set.text("license", false);
			Instant createdAt = set.instant("createdAt", true);
			if (!this.errors.isEmpty()) {
				return;
			}
			this.evalSetLabel = name + " " + version;
			Optional<Long> existing = StudyImporter.this.jdbc
				.sql("select id from eval_set where name = ? and version = ?")
				.params(name, version)
				.query(Long.class)
				.optional();
			if (existing.isPresent()) {
				this.evalSetId = existing.get();
				this.existingItems = StudyImporter.this.jdbc.sql("select count(*) from item where eval_set_id = ?")
					.param(this.evalSetId)
					.query(Integer.class)
					.single();
				return;
			}
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			StudyImporter.this.jdbc.sql("""
					insert into eval_set (name, version, title, description, source, license, created_at)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(name, version, title, description, source, license, Timestamp.from(createdAt))
				.update(key, "id");
			this.evalSetId = key.getKey().longValue();
			this.evalSetCreated = true;
		}

		void item(BundleElement item) {
			String key = item.text("id", true);
			String category = item.text("category", true);
			String setting = item.oneOf("setting", Settings.ALL, true);
			String prompt = item.text("prompt", true);
			String exemplars = item.json("exemplars");
			String variantOf = item.text("variant_of", false);
			if (key == null || category == null || setting == null || prompt == null) {
				return;
			}
			if (this.itemIds.containsKey(key)) {
				item.error("id", "item '" + key + "' comes twice");
				return;
			}
			int position = this.itemIds.size();
			if (this.evalSetCreated) {
				this.itemIds.put(key, 0L);
				this.pendingItems.add(this.evalSetId, position, key, category, setting, prompt, exemplars, variantOf);
				if (variantOf != null) {
					this.variantOfLines.put(variantOf, item.line());
				}
				return;
			}
			Optional<Object[]> stored = StudyImporter.this.jdbc.sql("""
					select id, category, setting, prompt, exemplars, variant_of from item
					where eval_set_id = ? and item_key = ?""")
				.params(this.evalSetId, key)
				.query((rs,
						row) -> new Object[] { rs.getLong("id"), rs.getString("category"), rs.getString("setting"),
								rs.getString("prompt"), rs.getString("exemplars"), rs.getString("variant_of") })
				.optional();
			if (stored.isEmpty()) {
				item.error("id", "eval set " + this.evalSetLabel + " exists here without item '" + key
						+ "'; a set version cannot differ between instances");
				return;
			}
			Object[] row = stored.get();
			if (!category.equals(row[1]) || !setting.equals(row[2]) || !prompt.equals(row[3])
					|| !same(exemplars, (String) row[4]) || !same(variantOf, (String) row[5])) {
				item.error("id", "item '" + key + "' differs from the one eval set " + this.evalSetLabel
						+ " has here; a set version cannot differ between instances");
				return;
			}
			this.itemIds.put(key, (Long) row[0]);
		}

		void output(BundleElement output) {
			String itemKey = output.text("item_id", true);
			String model = output.text("model", true);
			String text = output.text("output", false);
			String meta = output.json("meta");
			if (text == null) {
				output.error("output", "is required");
			}
			Long itemId = item(output, "item_id", itemKey);
			if (itemId == null || model == null || text == null) {
				return;
			}
			long modelId = this.modelIds.computeIfAbsent(model, this::findOrCreateModel);
			Optional<String[]> stored = StudyImporter.this.jdbc
				.sql("select text, meta from output where item_id = ? and model_id = ?")
				.params(itemId, modelId)
				.query((rs, row) -> new String[] { rs.getString("text"), rs.getString("meta") })
				.optional();
			if (stored.isPresent()) {
				if (!text.equals(stored.get()[0]) || !same(meta, stored.get()[1])) {
					output.error("output", "model '" + model + "' has a different output for item '" + itemKey
							+ "' here; outputs cannot differ between instances");
				}
				return;
			}
			this.pendingOutputs.add(itemId, modelId, text, text.codePointCount(0, text.length()), meta);
			this.outputsAdded++;
		}

		void study(BundleElement study) {
			this.studyName = study.text("name", true);
			List<String> models = new ArrayList<>();
			JsonNode modelList = study.get("models");
			if (modelList == null || !modelList.isArray() || modelList.size() < 2) {
				study.error("models", "must list the study's models, at least two");
			}
			else {
				modelList.forEach((model) -> models.add(model.asString()));
			}
			String pairing = study.oneOf("pairing", PAIRINGS, true);
			String baseline = study.text("baseline", false);
			Integer k = study.integer("ratingsPerTask", true);
			String scale = study.oneOf("scale", SCALES, true);
			String categories = study.text("categories", false);
			String settings = study.text("settings", false);
			Double attention = study.decimal("attentionCheckRate");
			String instructions = study.text("instructions", false);
			String reasonMode = study.oneOf("reasonMode", REASON_MODES, true);
			Boolean allowEdit = study.bool("allowEdit", true);
			Integer leaseSeconds = study.integer("leaseSeconds", true);
			String state = study.oneOf("state", STUDY_STATES, true);
			Instant createdAt = study.instant("createdAt", true);
			Instant openedAt = study.instant("openedAt", false);
			Instant closedAt = study.instant("closedAt", false);
			Map<String, Long> ids = new LinkedHashMap<>();
			for (String model : models) {
				Long id = this.modelIds.get(model);
				if (id == null) {
					id = StudyImporter.this.jdbc.sql("select id from model where name = ?")
						.param(model)
						.query(Long.class)
						.optional()
						.orElse(null);
				}
				if (id == null) {
					study.error("models", "model '" + model + "' has no outputs in the bundle or here");
				}
				ids.put(model, id);
			}
			if (baseline != null && !ids.containsKey(baseline)) {
				study.error("baseline", "must be one of the study's models");
			}
			if (!this.errors.isEmpty()) {
				return;
			}
			this.studyModels = ids;
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			StudyImporter.this.jdbc
				.sql("""
						insert into study (name, eval_set_id, pairing, baseline_model_id, ratings_per_task, scale, categories,
						  settings, attention_check_rate, instructions, reason_mode, allow_edit, lease_seconds, state,
						  created_at, opened_at, closed_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(this.studyName, this.evalSetId, pairing, (baseline != null) ? ids.get(baseline) : null, k,
						scale, categories, settings, attention, instructions, reasonMode, allowEdit, leaseSeconds,
						state, Timestamp.from(createdAt), timestamp(openedAt), timestamp(closedAt))
				.update(key, "id");
			this.studyId = key.getKey().longValue();
			int position = 0;
			for (long modelId : ids.values()) {
				StudyImporter.this.jdbc.sql("insert into study_model (study_id, model_id, position) values (?, ?, ?)")
					.params(this.studyId, modelId, position++)
					.update();
			}
		}

		void task(BundleElement task) {
			Long ref = task.number("ref", true);
			Long itemId = item(task, "item_id", task.text("item_id", true));
			Long modelA = studyModel(task, "model_a");
			Long modelB = studyModel(task, "model_b");
			String attentionKind = task.text("attentionKind", false);
			String goodSide = task.oneOf("attentionGoodSide", SIDES, attentionKind != null);
			String attentionText = task.text("attentionText", false);
			Integer needed = task.integer("needed", true);
			Integer accepted = task.integer("accepted", true);
			Integer leased = task.integer("leased", true);
			Integer shuffle = task.integer("shuffle", true);
			if (ref != null && itemId != null && modelA != null && modelB != null && needed != null && accepted != null
					&& leased != null && shuffle != null && this.pendingTasks.ordered(task, ref)) {
				this.pendingTasks.addWithRef(ref, this.studyId, itemId, modelA, modelB, attentionKind, goodSide,
						attentionText, needed, accepted, leased, shuffle);
			}
		}

		void rater(BundleElement rater) {
			Long ref = rater.number("ref", true);
			String label = rater.text("label", true);
			Integer quota = rater.integer("quota", false);
			Integer salt = rater.integer("salt", true);
			Instant revokedAt = rater.instant("revokedAt", false);
			Instant createdAt = rater.instant("createdAt", true);
			if (ref != null && label != null && salt != null && createdAt != null
					&& this.pendingRaters.ordered(rater, ref)) {
				this.pendingRaters.addWithRef(ref, this.studyId, label, unusableTokenHash(), quota, salt,
						timestamp(revokedAt), Timestamp.from(createdAt));
			}
		}

		void assignment(BundleElement assignment) {
			Long ref = assignment.number("ref", true);
			Long taskId = reference(assignment, "task", this.tasks, true);
			Long raterId = reference(assignment, "rater", this.raters, true);
			Boolean leftIsA = assignment.bool("leftIsA", true);
			String state = assignment.oneOf("state", ASSIGNMENT_STATES, true);
			Instant leasedAt = assignment.instant("leasedAt", true);
			Instant expiresAt = assignment.instant("expiresAt", true);
			if (ref != null && taskId != null && raterId != null && leftIsA != null && state != null && leasedAt != null
					&& expiresAt != null && this.pendingAssignments.ordered(assignment, ref)) {
				this.pendingAssignments.addWithRef(ref, this.studyId, taskId, raterId, leftIsA, state,
						Timestamp.from(leasedAt), Timestamp.from(expiresAt));
			}
		}

		void judgment(BundleElement judgment) {
			Long taskId = reference(judgment, "task", this.tasks, false);
			Long assignmentId = reference(judgment, "assignment", this.assignments, false);
			Long raterId = reference(judgment, "rater", this.raters, false);
			Long itemId = item(judgment, "item_id", judgment.text("item_id", true));
			Long modelA = studyModel(judgment, "model_a");
			Long modelB = studyModel(judgment, "model_b");
			String winner = judgment.oneOf("winner", WINNERS, true);
			Boolean leftIsA = judgment.bool("leftIsA", false);
			Boolean failA = judgment.bool("failA", true);
			Boolean failB = judgment.bool("failB", true);
			String strength = judgment.text("strength", false);
			String reason = judgment.text("reason", false);
			Long elapsedMs = judgment.number("elapsedMs", false);
			String judge = judgment.text("judge", true);
			String source = judgment.text("source", true);
			Boolean attention = judgment.bool("attention", true);
			Boolean attentionCorrect = judgment.bool("attentionCorrect", false);
			Instant createdAt = judgment.instant("createdAt", true);
			Instant updatedAt = judgment.instant("updatedAt", true);
			if (this.errors.isEmpty()) {
				this.pendingJudgments.add(this.studyId, taskId, assignmentId, raterId, itemId, modelA, modelB, winner,
						leftIsA, failA, failB, strength, reason, elapsedMs, judge, source, attention, attentionCorrect,
						Timestamp.from(createdAt), Timestamp.from(updatedAt));
				this.judgments++;
			}
		}

		void edit(BundleElement edit) {
			Long assignmentId = reference(edit, "assignment", this.assignments, true);
			String winner = edit.oneOf("previousWinner", WINNERS, true);
			Boolean failA = edit.bool("previousFailA", true);
			Boolean failB = edit.bool("previousFailB", true);
			String strength = edit.text("previousStrength", false);
			String reason = edit.text("previousReason", false);
			Instant editedAt = edit.instant("editedAt", true);
			if (assignmentId == null || !this.errors.isEmpty()) {
				return;
			}
			Optional<Long> judgmentId = StudyImporter.this.jdbc.sql("select id from judgment where assignment_id = ?")
				.param(assignmentId)
				.query(Long.class)
				.optional();
			if (judgmentId.isEmpty()) {
				edit.error("assignment", "names an assignment without a judgment");
				return;
			}
			this.pendingEdits.add(judgmentId.get(), winner, failA, failB, strength, reason, Timestamp.from(editedAt));
		}

		void flag(BundleElement flag) {
			Long taskId = reference(flag, "task", this.tasks, true);
			Long raterId = reference(flag, "rater", this.raters, true);
			String note = flag.text("note", false);
			Instant createdAt = flag.instant("createdAt", true);
			if (taskId != null && raterId != null && createdAt != null) {
				this.pendingFlags.add(this.studyId, taskId, raterId, note, Timestamp.from(createdAt));
			}
		}

		/** Writes what a section left pending; a reference to it may follow. */
		void endOf(String section) {
			this.present.add(section);
			if (!this.errors.isEmpty()) {
				return;
			}
			switch (section) {
				case "items" -> {
					this.pendingItems.flush();
					if (this.evalSetCreated) {
						this.itemIds.putAll(StudyImporter.this.evalSetItemIds(this.evalSetId));
						this.variantOfLines.forEach((variantOf, line) -> {
							if (!this.itemIds.containsKey(variantOf)) {
								this.errors.add(ImportError.atLine(line, "items.variant_of",
										"points to item '" + variantOf + "', which the set does not have"));
							}
						});
					}
					else if (this.itemIds.size() != this.existingItems) {
						this.errors.add(ImportError.forFile("eval set " + this.evalSetLabel + " has "
								+ this.existingItems + " items here but " + this.itemIds.size()
								+ " in the bundle; a set version cannot differ between instances"));
					}
				}
				case "outputs" -> this.pendingOutputs.flush();
				case "tasks" -> this.pendingTasks.flush();
				case "raters" -> this.pendingRaters.flush();
				case "assignments" -> this.pendingAssignments.flush();
				case "judgments" -> this.pendingJudgments.flush();
				case "edits" -> this.pendingEdits.flush();
				case "flags" -> this.pendingFlags.flush();
				default -> {
				}
			}
		}

		/**
		 * Checks that the counters brought over agree with the judgments and leases
		 * brought over, so that a copied study keeps the assignment invariants.
		 */
		ImportedStudy finish() {
			int disagreeing = StudyImporter.this.taskPool.tasksWithWrongCounters(this.studyId);
			if (disagreeing > 0) {
				throw this.errors.rejectWith(ImportError.forFile(disagreeing
						+ " tasks have accepted or leased counts that disagree with the bundle's judgments and leases"));
			}
			StudyImporter.this.taskPool.recount(this.studyId);
			return new ImportedStudy(this.studyId, this.studyName, this.evalSetLabel, this.evalSetCreated,
					this.outputsAdded, this.tasks.size(), this.raters.size(), this.judgments);
		}

		private Long item(BundleElement element, String field, String key) {
			if (key == null) {
				return null;
			}
			Long id = this.itemIds.get(key);
			if (id == null) {
				element.error(field, "no item '" + key + "' in the bundle's eval set");
			}
			return id;
		}

		private Long studyModel(BundleElement element, String field) {
			String model = element.text(field, true);
			Long id = (model != null) ? this.studyModels.get(model) : null;
			if (model != null && id == null) {
				element.error(field, "'" + model + "' is not a model of the study");
			}
			return id;
		}

		private Long reference(BundleElement element, String field, IdMap ids, boolean required) {
			Long ref = element.number(field, required);
			if (ref == null) {
				return null;
			}
			long id = ids.get(ref);
			if (id < 0) {
				element.error(field, "refers to " + field + " " + ref + ", which the bundle does not have");
				return null;
			}
			return id;
		}

		private long findOrCreateModel(String name) {
			return StudyImporter.this.jdbc.sql("select id from model where name = ?")
				.param(name)
				.query(Long.class)
				.optional()
				.orElseGet(() -> {
					GeneratedKeyHolder key = new GeneratedKeyHolder();
					StudyImporter.this.jdbc.sql("insert into model (name, created_at) values (?, ?)")
						.params(name, Timestamp.from(Instant.now()))
						.update(key, "id");
					return key.getKey().longValue();
				});
		}

	}

	private Map<String, Long> evalSetItemIds(long evalSetId) {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("select item_key, id from item where eval_set_id = ?")
			.param(evalSetId)
			.query((java.sql.ResultSet rs) -> {
				ids.put(rs.getString("item_key"), rs.getLong("id"));
			});
		return ids;
	}

	/**
	 * A value in the shape of a token hash that no token hashes to (random, not derived
	 * from a token anyone holds), so an imported rater's old link opens nothing here.
	 */
	private String unusableTokenHash() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static boolean same(String a, String b) {
		return (a == null) ? b == null : a.equals(b);
	}

	/**
	 * Rows waiting to be inserted in one batch; with {@code ids}, the new id of each row
	 * is recorded under the row's old id (its ref), which must grow from row to row.
	 */
	private final class Pending {

		private final String sql;

		private final int[] types;

		private final IdMap ids;

		private final List<Object[]> rows = new ArrayList<>(BATCH_SIZE);

		private final List<Long> refs = new ArrayList<>(BATCH_SIZE);

		private long lastRef = Long.MIN_VALUE;

		Pending(String sql, int[] types, IdMap ids) {
			this.sql = sql;
			this.types = types;
			this.ids = ids;
		}

		/**
		 * False, with an error, when {@code ref} does not come after the previous one.
		 */
		boolean ordered(BundleElement element, long ref) {
			if (ref <= this.lastRef) {
				element.error("ref", "must be greater than the ref before it (rows come in the order of their refs)");
				return false;
			}
			this.lastRef = ref;
			return true;
		}

		void add(Object... row) {
			this.rows.add(row);
			if (this.rows.size() == BATCH_SIZE) {
				flush();
			}
		}

		void addWithRef(long ref, Object... row) {
			this.refs.add(ref);
			add(row);
		}

		void flush() {
			if (this.rows.isEmpty()) {
				return;
			}
			if (this.ids == null) {
				StudyImporter.this.batch.batchUpdate(this.sql, this.rows, this.types);
			}
			else {
				GeneratedKeyHolder keys = new GeneratedKeyHolder();
				StudyImporter.this.batch.batchUpdate(
						(connection) -> connection.prepareStatement(this.sql, new String[] { "id" }),
						new BatchPreparedStatementSetter() {

							@Override
							public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
								new ArgumentTypePreparedStatementSetter(Pending.this.rows.get(i), Pending.this.types)
									.setValues(ps);
							}

							@Override
							public int getBatchSize() {
								return Pending.this.rows.size();
							}

						}, keys);
				List<Map<String, Object>> generated = keys.getKeyList();
				for (int i = 0; i < generated.size(); i++) {
					this.ids.add(this.refs.get(i), ((Number) generated.get(i).values().iterator().next()).longValue());
				}
				this.refs.clear();
			}
			this.rows.clear();
		}

	}

}
