package dev.pairwise.study;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pairwise.bundle.BatchInsert;
import dev.pairwise.bundle.BundleElement;
import dev.pairwise.bundle.BundleWriter;
import dev.pairwise.bundle.IdMap;
import dev.pairwise.evalset.EvalSetSection;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.TextLimits;
import dev.pairwise.output.OutputSection;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The study's sections of a study bundle: {@code study} with its models, its
 * {@code tasks} with their counters, and its {@code raters} without their token hashes (a
 * copy of the data opens no study; an imported rater gets a hash no token has).
 */
@Component
public class StudySection {

	private static final Set<String> STUDY_STATES = Set.of("draft", "open", "closed");

	private static final Set<String> PAIRINGS = Set.of("all-pairs", "baseline");

	private static final Set<String> SCALES = Set.of("preference", "graded");

	private static final Set<String> REASON_MODES = Set.of("optional", "required");

	private static final Set<String> SIDES = Set.of("a", "b");

	/** The size of the attention text column, as large as an output. */
	private static final int MAX_OUTPUT = 1_000_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TaskPool taskPool;

	StudySection(JdbcClient jdbc, JdbcTemplate batch, TaskPool taskPool) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.taskPool = taskPool;
	}

	public void write(BundleWriter out, long studyId) {
		List<String> models = this.jdbc
			.sql("select m.name from study_model sm join model m on m.id = sm.model_id where sm.study_id = ?"
					+ " order by sm.position")
			.param(studyId)
			.query(String.class)
			.list();
		out.object("study", this.jdbc.sql("""
				select s.name, s.pairing, b.name as baseline, s.ratings_per_task, s.scale, s.categories, s.settings,
				  s.attention_check_rate, s.instructions, s.reason_mode, s.allow_edit, s.show_setting, s.lease_seconds,
				  s.too_fast_seconds, s.state, s.created_at, s.opened_at, s.closed_at, s.criteria, s.overall_answer
				from study s left join model b on b.id = s.baseline_model_id where s.id = ?""").param(studyId),
				(g, rs) -> {
					g.writeStringProperty("name", rs.getString("name"));
					g.writeName("models");
					g.writeStartArray();
					for (String model : models) {
						g.writeString(model);
					}
					g.writeEndArray();
					g.writeStringProperty("pairing", rs.getString("pairing"));
					g.writeStringProperty("baseline", rs.getString("baseline"));
					g.writeNumberProperty("ratingsPerTask", rs.getInt("ratings_per_task"));
					g.writeStringProperty("scale", rs.getString("scale"));
					g.writeStringProperty("categories", rs.getString("categories"));
					g.writeStringProperty("settings", rs.getString("settings"));
					g.writeNumberProperty("attentionCheckRate", rs.getDouble("attention_check_rate"));
					g.writeStringProperty("instructions", rs.getString("instructions"));
					g.writeStringProperty("reasonMode", rs.getString("reason_mode"));
					g.writeBooleanProperty("allowEdit", rs.getBoolean("allow_edit"));
					g.writeBooleanProperty("showSetting", rs.getBoolean("show_setting"));
					g.writeNumberProperty("leaseSeconds", rs.getInt("lease_seconds"));
					g.writeNumberProperty("tooFastSeconds", rs.getInt("too_fast_seconds"));
					g.writeStringProperty("state", rs.getString("state"));
					BundleWriter.instant(g, "createdAt", rs, "created_at");
					BundleWriter.instant(g, "openedAt", rs, "opened_at");
					BundleWriter.instant(g, "closedAt", rs, "closed_at");
					BundleWriter.rawJson(g, "criteria", rs.getString("criteria"));
					g.writeStringProperty("overallAnswer", rs.getString("overall_answer"));
				});
		out.array("tasks", this.jdbc.sql("""
				select t.id, i.item_key, ma.name as model_a, mb.name as model_b, t.attention_kind,
				  t.attention_good_side, t.attention_text, t.needed, t.accepted, t.leased, t.shuffle
				from task t join item i on i.id = t.item_id join model ma on ma.id = t.model_a_id
				join model mb on mb.id = t.model_b_id where t.study_id = ? order by t.id""").param(studyId),
				(g, rs) -> {
					g.writeNumberProperty("ref", rs.getLong("id"));
					g.writeStringProperty("item_id", rs.getString("item_key"));
					g.writeStringProperty("model_a", rs.getString("model_a"));
					g.writeStringProperty("model_b", rs.getString("model_b"));
					g.writeStringProperty("attentionKind", rs.getString("attention_kind"));
					g.writeStringProperty("attentionGoodSide", rs.getString("attention_good_side"));
					g.writeStringProperty("attentionText", rs.getString("attention_text"));
					g.writeNumberProperty("needed", rs.getInt("needed"));
					g.writeNumberProperty("accepted", rs.getInt("accepted"));
					g.writeNumberProperty("leased", rs.getInt("leased"));
					g.writeNumberProperty("shuffle", rs.getInt("shuffle"));
				});
		out.array("raters", this.jdbc
			.sql("select id, label, quota, salt, revoked_at, created_at from rater where study_id = ? order by id")
			.param(studyId), (g, rs) -> {
				g.writeNumberProperty("ref", rs.getLong("id"));
				g.writeStringProperty("label", rs.getString("label"));
				BundleWriter.nullable(g, "quota", rs, "quota");
				g.writeNumberProperty("salt", rs.getInt("salt"));
				BundleWriter.instant(g, "revokedAt", rs, "revoked_at");
				BundleWriter.instant(g, "createdAt", rs, "created_at");
			});
	}

	/**
	 * Reads the sections of one import, whose eval set and outputs {@code items} and
	 * {@code outputs} have read.
	 */
	public Reader reader(ImportErrors errors, EvalSetSection.Reader items, OutputSection.Reader outputs) {
		return new Reader(errors, items, outputs);
	}

	/** The study of one import, and the new ids of its tasks and raters by ref. */
	public final class Reader {

		private final ImportErrors errors;

		private final EvalSetSection.Reader items;

		private final OutputSection.Reader outputs;

		private final IdMap tasks = new IdMap();

		private final IdMap raters = new IdMap();

		private final BatchInsert pendingTasks = new BatchInsert(StudySection.this.batch, """
				insert into task (study_id, item_id, model_a_id, model_b_id, attention_kind, attention_good_side,
				  attention_text, needed, accepted, leased, shuffle) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
						Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER },
				this.tasks);

		private final BatchInsert pendingRaters = new BatchInsert(StudySection.this.batch, """
				insert into rater (study_id, label, token_hash, quota, salt, revoked_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""", new int[] { Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
				Types.INTEGER, Types.TIMESTAMP, Types.TIMESTAMP }, this.raters);

		private long studyId;

		private String name;

		private Map<String, Long> models = Map.of();

		private int ratingsPerTask;

		private List<String> criteria = List.of();

		private Reader(ImportErrors errors, EvalSetSection.Reader items, OutputSection.Reader outputs) {
			this.errors = errors;
			this.items = items;
			this.outputs = outputs;
		}

		public void study(BundleElement study) {
			this.name = study.text("name", true);
			List<String> modelNames = new ArrayList<>();
			JsonNode modelList = study.get("models");
			if (modelList == null || !modelList.isArray() || modelList.size() < 2) {
				study.error("models", "must list the study's models, at least two");
			}
			else {
				for (int i = 0; i < modelList.size(); i++) {
					if (!modelList.get(i).isString()) {
						study.error("models[" + i + "]", "must be a string");
					}
					else {
						modelNames.add(modelList.get(i).asString());
					}
				}
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
			// Absent from bundles made before raters could be shown the setting.
			boolean showSetting = Boolean.TRUE.equals(study.bool("showSetting", false));
			Integer leaseSeconds = study.integer("leaseSeconds", true);
			// Absent from bundles made before the threshold was a study's own.
			Integer tooFast = study.integer("tooFastSeconds", false);
			int tooFastSeconds = (tooFast != null) ? tooFast : StudyService.DEFAULT_TOO_FAST_SECONDS;
			String state = study.oneOf("state", STUDY_STATES, true);
			Instant createdAt = study.instant("createdAt", true);
			Instant openedAt = study.instant("openedAt", false);
			Instant closedAt = study.instant("closedAt", false);
			StudyCriteria criteria = criteria(study);
			check(study, "name", (this.name != null) ? StudyRules.name(this.name) : null);
			check(study, "instructions", StudyRules.instructions(instructions));
			check(study, "ratingsPerTask", (k != null) ? StudyRules.ratingsPerTask(k) : null);
			check(study, "attentionCheckRate", (attention != null) ? StudyRules.attentionCheckRate(attention) : null);
			check(study, "leaseSeconds", (leaseSeconds != null) ? StudyRules.leaseSeconds(leaseSeconds) : null);
			check(study, "tooFastSeconds", StudyRules.tooFastSeconds(tooFastSeconds));
			checkList(study, "categories", categories, StudyRules.MAX_CATEGORIES);
			checkList(study, "settings", settings, StudyRules.MAX_SETTINGS);
			this.ratingsPerTask = (k != null) ? k : 0;
			Map<String, Long> ids = new LinkedHashMap<>();
			for (String model : modelNames) {
				Long id = this.outputs.modelId(model);
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
			this.models = ids;
			JdbcClient jdbc = StudySection.this.jdbc;
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			jdbc.sql(
					"""
							insert into study (name, eval_set_id, pairing, baseline_model_id, ratings_per_task, scale, categories,
							  settings, attention_check_rate, instructions, reason_mode, allow_edit, show_setting, lease_seconds,
							  too_fast_seconds, state, created_at, opened_at, closed_at, criteria, overall_answer)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(this.name, this.items.evalSetId(), pairing, (baseline != null) ? ids.get(baseline) : null, k,
						scale, categories, settings, attention, instructions, reasonMode, allowEdit, showSetting,
						leaseSeconds, tooFastSeconds, state, Timestamp.from(createdAt), BatchInsert.timestamp(openedAt),
						BatchInsert.timestamp(closedAt), CriteriaJson.write(criteria.criteria()),
						criteria.overallAnswer())
				.update(key, "id");
			this.studyId = key.getKey().longValue();
			this.criteria = criteria.ids();
			int position = 0;
			for (long modelId : ids.values()) {
				jdbc.sql("insert into study_model (study_id, model_id, position) values (?, ?, ?)")
					.params(this.studyId, modelId, position++)
					.update();
			}
		}

		/**
		 * The study's criteria; absent from bundles made before studies had any. Checked
		 * by the rules a new study's are.
		 */
		private StudyCriteria criteria(BundleElement study) {
			JsonNode list = study.get("criteria");
			List<Criterion> criteria = List.of();
			if (list != null && !list.isNull()) {
				try {
					criteria = CriteriaJson.read(list.toString());
				}
				catch (RuntimeException ex) {
					study.error("criteria", "must be a list of {\"id\", \"label\", \"labelZh\", \"help\"}");
				}
			}
			String overall = study.oneOf("overallAnswer",
					List.of(StudyCriteria.OverallAnswer.ASKED, StudyCriteria.OverallAnswer.DERIVED), false);
			StudyRules.criteria(criteria, overall)
				.forEach((problem) -> study.error(problem.field(), problem.message()));
			return new StudyCriteria(criteria, StudyCriteria.OverallAnswer.DERIVED.equals(overall));
		}

		/** The ids of the study's criteria, which judgments may answer. */
		public List<String> criteria() {
			return this.criteria;
		}

		public void task(BundleElement task) {
			Long ref = task.number("ref", true);
			Long itemId = this.items.itemId(task, "item_id", task.text("item_id", true));
			Long modelA = studyModel(task, "model_a");
			Long modelB = studyModel(task, "model_b");
			String attentionKind = task.text("attentionKind", false);
			String goodSide = task.oneOf("attentionGoodSide", SIDES, attentionKind != null);
			String attentionText = task.text("attentionText", false);
			Integer needed = task.integer("needed", true);
			Integer accepted = task.integer("accepted", true);
			Integer leased = task.integer("leased", true);
			Integer shuffle = task.integer("shuffle", true);
			check(task, "needed", (needed != null) ? StudyRules.counter(needed, this.ratingsPerTask) : null);
			check(task, "accepted", (accepted != null && accepted < 0) ? "must not be negative" : null);
			check(task, "leased", (leased != null && leased < 0) ? "must not be negative" : null);
			check(task, "attentionText",
					(attentionText != null) ? TextLimits.problem(attentionText, MAX_OUTPUT) : null);
			check(task, "attentionKind", (attentionKind != null) ? TextLimits.nameProblem(attentionKind, 20) : null);
			if (ref != null && itemId != null && modelA != null && modelB != null && needed != null && accepted != null
					&& leased != null && shuffle != null && this.pendingTasks.ordered(task, ref)) {
				this.pendingTasks.addWithRef(ref, this.studyId, itemId, modelA, modelB, attentionKind, goodSide,
						attentionText, needed, accepted, leased, shuffle);
			}
		}

		public void endOfTasks() {
			this.pendingTasks.flush();
		}

		public void rater(BundleElement rater) {
			Long ref = rater.number("ref", true);
			String label = rater.text("label", true);
			Integer quota = rater.integer("quota", false);
			Integer salt = rater.integer("salt", true);
			Instant revokedAt = rater.instant("revokedAt", false);
			Instant createdAt = rater.instant("createdAt", true);
			check(rater, "label", (label != null) ? TextLimits.problem(label, StudyRules.MAX_STORED_LABEL) : null);
			check(rater, "quota", StudyRules.quota(quota));
			if (ref != null && label != null && salt != null && createdAt != null
					&& this.pendingRaters.ordered(rater, ref)) {
				this.pendingRaters.addWithRef(ref, this.studyId, label, InviteTokens.unusableHash(), quota, salt,
						BatchInsert.timestamp(revokedAt), Timestamp.from(createdAt));
			}
		}

		private void checkList(BundleElement study, String field, String names, int maxLength) {
			if (names != null && names.length() > maxLength) {
				study.error(field, "is longer than " + maxLength + " characters");
			}
			else if (names != null) {
				for (String name : names.split("\n", -1)) {
					check(study, field, StudyRules.listedName(name));
				}
			}
		}

		private static void check(BundleElement element, String field, String problem) {
			if (problem != null) {
				element.error(field, problem);
			}
		}

		public void endOfRaters() {
			this.pendingRaters.flush();
		}

		/**
		 * The id of the study model a field names; null, with an error, when it names
		 * another.
		 */
		public Long studyModel(BundleElement element, String field) {
			String model = element.text(field, true);
			Long id = (model != null) ? this.models.get(model) : null;
			if (model != null && id == null) {
				element.error(field, "'" + model + "' is not a model of the study");
			}
			return id;
		}

		/**
		 * Once every row is in: checks that the counters brought over agree with the
		 * judgments and leases brought over, so that a copied study keeps the assignment
		 * invariants, and counts its open tasks.
		 */
		public void finish() {
			int disagreeing = StudySection.this.taskPool.tasksWithWrongCounters(this.studyId);
			if (disagreeing > 0) {
				throw this.errors.rejectWith(ImportError.forFile(disagreeing
						+ " tasks have accepted or leased counts that disagree with the bundle's judgments and leases"));
			}
			StudySection.this.taskPool.recount(this.studyId);
		}

		public long studyId() {
			return this.studyId;
		}

		public String name() {
			return this.name;
		}

		/** The new ids of the bundle's tasks, by their refs. */
		public IdMap tasks() {
			return this.tasks;
		}

		/** The new ids of the bundle's raters, by their refs. */
		public IdMap raters() {
			return this.raters;
		}

	}

}
