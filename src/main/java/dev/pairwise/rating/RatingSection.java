package dev.pairwise.rating;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pairwise.bundle.BatchInsert;
import dev.pairwise.bundle.BundleElement;
import dev.pairwise.bundle.BundleWriter;
import dev.pairwise.bundle.IdMap;
import dev.pairwise.evalset.EvalSetSection;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.rating.RatingRepository.CriterionAnswer;
import dev.pairwise.study.Studies;
import dev.pairwise.study.StudySection;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rating's sections of a study bundle: {@code assignments}, {@code judgments} with the
 * {@code edits} of their answers, and {@code flags}. Rows refer to the study's tasks and
 * raters, and to one another, by their refs (the ids they had where they were exported).
 */
@Component
public class RatingSection {

	private static final List<String> WINNERS = Arrays.stream(Winner.values()).map(Winner::stored).toList();

	private static final List<String> CRITERION_WINNERS = List.of(Winner.MODEL_A.stored(), Winner.MODEL_B.stored(),
			Winner.TIE.stored());

	/** Criterion answers held before their judgments are inserted to learn their ids. */
	private static final int WAITING_CRITERIA = 2000;

	private static final Set<String> ASSIGNMENT_STATES = Set.of(AssignmentRow.LEASED, AssignmentRow.JUDGED,
			AssignmentRow.SKIPPED, AssignmentRow.EXPIRED);

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final Studies studies;

	RatingSection(JdbcClient jdbc, JdbcTemplate batch, Studies studies) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.studies = studies;
	}

	public void write(BundleWriter out, long studyId) {
		out.array("assignments", this.jdbc.sql("""
				select id, task_id, rater_id, left_is_a, state, leased_at, expires_at from assignment
				where study_id = ? order by id""").param(studyId), (g, rs) -> {
			g.writeNumberProperty("ref", rs.getLong("id"));
			g.writeNumberProperty("task", rs.getLong("task_id"));
			g.writeNumberProperty("rater", rs.getLong("rater_id"));
			g.writeBooleanProperty("leftIsA", rs.getBoolean("left_is_a"));
			g.writeStringProperty("state", rs.getString("state"));
			BundleWriter.instant(g, "leasedAt", rs, "leased_at");
			BundleWriter.instant(g, "expiresAt", rs, "expires_at");
		});
		List<String> criteria = this.studies.criteria(studyId).ids();
		JdbcClient.StatementSpec judgments = this.jdbc
			.sql("""
					select j.task_id, j.assignment_id, j.rater_id, i.item_key, ma.name as model_a, mb.name as model_b,
					  j.winner, j.left_is_a, j.fail_a, j.fail_b, j.strength, j.reason, j.elapsed_ms, j.judge, j.source,
					  j.attention, j.attention_correct, j.created_at, j.updated_at"""
					+ criterionColumns(criteria.size()) + "\n" + """
							from judgment j join item i on i.id = j.item_id join model ma on ma.id = j.model_a_id
							join model mb on mb.id = j.model_b_id where j.study_id = :study order by j.id""")
			.param("study", studyId);
		for (int i = 0; i < criteria.size(); i++) {
			judgments = judgments.param("c" + i, criteria.get(i));
		}
		out.array("judgments", judgments, (g, rs) -> {
			BundleWriter.nullable(g, "task", rs, "task_id");
			BundleWriter.nullable(g, "assignment", rs, "assignment_id");
			BundleWriter.nullable(g, "rater", rs, "rater_id");
			g.writeStringProperty("item_id", rs.getString("item_key"));
			g.writeStringProperty("model_a", rs.getString("model_a"));
			g.writeStringProperty("model_b", rs.getString("model_b"));
			g.writeStringProperty("winner", rs.getString("winner"));
			BundleWriter.nullable(g, "leftIsA", rs, "left_is_a");
			g.writeBooleanProperty("failA", rs.getBoolean("fail_a"));
			g.writeBooleanProperty("failB", rs.getBoolean("fail_b"));
			g.writeStringProperty("strength", rs.getString("strength"));
			g.writeStringProperty("reason", rs.getString("reason"));
			BundleWriter.nullable(g, "elapsedMs", rs, "elapsed_ms");
			g.writeStringProperty("judge", rs.getString("judge"));
			g.writeStringProperty("source", rs.getString("source"));
			g.writeBooleanProperty("attention", rs.getBoolean("attention"));
			BundleWriter.nullable(g, "attentionCorrect", rs, "attention_correct");
			BundleWriter.instant(g, "createdAt", rs, "created_at");
			BundleWriter.instant(g, "updatedAt", rs, "updated_at");
			writeCriteria(g, rs, criteria);
		});
		// Only raters change answers, so an edit names its judgment by the judgment's
		// assignment.
		out.array("edits", this.jdbc.sql("""
				select j.assignment_id, e.previous_winner, e.previous_fail_a, e.previous_fail_b, e.previous_strength,
				  e.previous_reason, e.previous_criteria, e.edited_at
				from judgment_edit e join judgment j on j.id = e.judgment_id where j.study_id = ? order by e.id""")
			.param(studyId), (g, rs) -> {
				g.writeNumberProperty("assignment", rs.getLong("assignment_id"));
				g.writeStringProperty("previousWinner", rs.getString("previous_winner"));
				g.writeBooleanProperty("previousFailA", rs.getBoolean("previous_fail_a"));
				g.writeBooleanProperty("previousFailB", rs.getBoolean("previous_fail_b"));
				g.writeStringProperty("previousStrength", rs.getString("previous_strength"));
				g.writeStringProperty("previousReason", rs.getString("previous_reason"));
				BundleWriter.rawJson(g, "previousCriteria", rs.getString("previous_criteria"));
				BundleWriter.instant(g, "editedAt", rs, "edited_at");
			});
		out.array("flags", this.jdbc.sql("""
				select f.task_id, f.rater_id, f.note, f.created_at, l.name as left_model, r.name as right_model
				from task_flag f left join model l on l.id = f.left_model_id
				left join model r on r.id = f.right_model_id where f.study_id = ? order by f.id""").param(studyId),
				(g, rs) -> {
					g.writeNumberProperty("task", rs.getLong("task_id"));
					g.writeNumberProperty("rater", rs.getLong("rater_id"));
					g.writeStringProperty("note", rs.getString("note"));
					BundleWriter.instant(g, "createdAt", rs, "created_at");
					g.writeStringProperty("leftModel", rs.getString("left_model"));
					g.writeStringProperty("rightModel", rs.getString("right_model"));
				});
	}

	/**
	 * One winner and one strength column per criterion of the study, read with the
	 * judgment so that its rows stream in one query.
	 */
	static String criterionColumns(int count) {
		StringBuilder columns = new StringBuilder();
		for (int i = 0; i < count; i++) {
			columns.append(
					",\n  (select c.winner from judgment_criterion c where c.judgment_id = j.id and c.criterion = :c")
				.append(i)
				.append(") as c")
				.append(i)
				.append("_winner, (select c.strength from judgment_criterion c where c.judgment_id = j.id")
				.append(" and c.criterion = :c")
				.append(i)
				.append(") as c")
				.append(i)
				.append("_strength");
		}
		return columns.toString();
	}

	/**
	 * A judgment's criterion answers, nested in it as {@code "criteria": {"<id>":
	 * {"winner", "strength"}}}; absent when it has none.
	 */
	private static void writeCriteria(JsonGenerator g, ResultSet rs, List<String> criteria) throws SQLException {
		boolean any = false;
		for (int i = 0; i < criteria.size(); i++) {
			String winner = rs.getString("c" + i + "_winner");
			if (winner == null) {
				continue;
			}
			if (!any) {
				g.writeName("criteria");
				g.writeStartObject();
				any = true;
			}
			g.writeName(criteria.get(i));
			g.writeStartObject();
			g.writeStringProperty("winner", winner);
			g.writeStringProperty("strength", rs.getString("c" + i + "_strength"));
			g.writeEndObject();
		}
		if (any) {
			g.writeEndObject();
		}
	}

	/**
	 * Reads the sections of one import, whose items and study {@code items} and
	 * {@code study} have read.
	 */
	public Reader reader(ImportErrors errors, EvalSetSection.Reader items, StudySection.Reader study) {
		return new Reader(errors, items, study);
	}

	/** The assignments, judgments, edits and flags of one import. */
	public final class Reader {

		private final ImportErrors errors;

		private final EvalSetSection.Reader items;

		private final StudySection.Reader study;

		private final IdMap assignments = new IdMap();

		private final BatchInsert pendingAssignments = new BatchInsert(RatingSection.this.batch, """
				insert into assignment (study_id, task_id, rater_id, left_is_a, state, leased_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?)""", new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BOOLEAN,
				Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP }, this.assignments);

		/** New judgment ids by the judgment's place in the bundle, for their criteria. */
		private final IdMap judgmentIds = new IdMap();

		private final BatchInsert pendingJudgments = new BatchInsert(RatingSection.this.batch,
				"""
						insert into judgment (study_id, task_id, assignment_id, rater_id, item_id, model_a_id, model_b_id, winner,
						  left_is_a, fail_a, fail_b, strength, reason, elapsed_ms, judge, source, attention, attention_correct,
						  created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
						Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN, Types.BOOLEAN, Types.VARCHAR,
						Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN,
						Types.TIMESTAMP, Types.TIMESTAMP },
				this.judgmentIds);

		private final BatchInsert pendingCriteria = new BatchInsert(RatingSection.this.batch,
				"insert into judgment_criterion (judgment_id, criterion, winner, strength) values (?, ?, ?, ?)",
				new int[] { Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR }, null);

		/**
		 * Criterion answers whose judgment is not inserted yet: place, id, winner,
		 * strength.
		 */
		private final List<Object[]> waitingCriteria = new ArrayList<>();

		private final BatchInsert pendingEdits = new BatchInsert(RatingSection.this.batch, """
				insert into judgment_edit (judgment_id, previous_winner, previous_fail_a, previous_fail_b,
				  previous_strength, previous_reason, previous_criteria, edited_at) values (?, ?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN, Types.VARCHAR, Types.VARCHAR,
						Types.VARCHAR, Types.TIMESTAMP },
				null);

		private final BatchInsert pendingFlags = new BatchInsert(RatingSection.this.batch,
				"insert into task_flag (study_id, task_id, rater_id, note, created_at, left_model_id, right_model_id)"
						+ " values (?, ?, ?, ?, ?, ?, ?)",
				new int[] { Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP, Types.BIGINT,
						Types.BIGINT },
				null);

		private int judgments;

		private Reader(ImportErrors errors, EvalSetSection.Reader items, StudySection.Reader study) {
			this.errors = errors;
			this.items = items;
			this.study = study;
		}

		public void assignment(BundleElement assignment) {
			Long ref = assignment.number("ref", true);
			Long taskId = assignment.reference("task", this.study.tasks(), true);
			Long raterId = assignment.reference("rater", this.study.raters(), true);
			Boolean leftIsA = assignment.bool("leftIsA", true);
			String state = assignment.oneOf("state", ASSIGNMENT_STATES, true);
			Instant leasedAt = assignment.instant("leasedAt", true);
			Instant expiresAt = assignment.instant("expiresAt", true);
			if (ref != null && taskId != null && raterId != null && leftIsA != null && state != null && leasedAt != null
					&& expiresAt != null && this.pendingAssignments.ordered(assignment, ref)) {
				this.pendingAssignments.addWithRef(ref, this.study.studyId(), taskId, raterId, leftIsA, state,
						Timestamp.from(leasedAt), Timestamp.from(expiresAt));
			}
		}

		public void endOfAssignments() {
			this.pendingAssignments.flush();
		}

		public void judgment(BundleElement judgment) {
			Long taskId = judgment.reference("task", this.study.tasks(), false);
			Long assignmentId = judgment.reference("assignment", this.assignments, false);
			Long raterId = judgment.reference("rater", this.study.raters(), false);
			Long itemId = this.items.itemId(judgment, "item_id", judgment.text("item_id", true));
			Long modelA = this.study.studyModel(judgment, "model_a");
			Long modelB = this.study.studyModel(judgment, "model_b");
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
			List<Object[]> criteria = criteria(judgment, "criteria");
			if (this.errors.isEmpty()) {
				this.judgments++;
				this.pendingJudgments.addWithRef(this.judgments, this.study.studyId(), taskId, assignmentId, raterId,
						itemId, modelA, modelB, winner, leftIsA, failA, failB, strength, reason, elapsedMs, judge,
						source, attention, attentionCorrect, Timestamp.from(createdAt), Timestamp.from(updatedAt));
				for (Object[] criterion : criteria) {
					this.waitingCriteria
						.add(new Object[] { (long) this.judgments, criterion[0], criterion[1], criterion[2] });
				}
				if (this.waitingCriteria.size() >= WAITING_CRITERIA) {
					endOfJudgments();
				}
			}
		}

		/**
		 * A judgment's criterion answers (id, winner, strength), or those an edit
		 * replaced, each naming one of the study's criteria.
		 */
		private List<Object[]> criteria(BundleElement judgment, String field) {
			JsonNode criteria = judgment.get(field);
			List<Object[]> answers = new ArrayList<>();
			if (criteria == null || criteria.isNull()) {
				return answers;
			}
			if (!criteria.isObject()) {
				judgment.error(field, "must be an object of {\"winner\", \"strength\"} by criterion id");
				return answers;
			}
			criteria.properties().forEach((entry) -> {
				String id = entry.getKey();
				BundleElement answer = new BundleElement(entry.getValue(), judgment.line(), field + "." + id,
						this.errors);
				if (!this.study.criteria().contains(id)) {
					judgment.error(field + "." + id, "is not one of the study's criteria " + this.study.criteria());
					return;
				}
				String winner = answer.oneOf("winner", CRITERION_WINNERS, true);
				String strength = answer.oneOf("strength", Answers.STRENGTHS, false);
				answers.add(new Object[] { id, winner, strength });
			});
			return answers;
		}

		public void endOfJudgments() {
			this.pendingJudgments.flush();
			for (Object[] waiting : this.waitingCriteria) {
				this.pendingCriteria.add(this.judgmentIds.get((Long) waiting[0]), waiting[1], waiting[2], waiting[3]);
			}
			this.waitingCriteria.clear();
			this.pendingCriteria.flush();
		}

		public void edit(BundleElement edit) {
			Long assignmentId = edit.reference("assignment", this.assignments, true);
			String winner = edit.oneOf("previousWinner", WINNERS, true);
			Boolean failA = edit.bool("previousFailA", true);
			Boolean failB = edit.bool("previousFailB", true);
			String strength = edit.text("previousStrength", false);
			String reason = edit.text("previousReason", false);
			Map<String, CriterionAnswer> previousCriteria = new LinkedHashMap<>();
			for (Object[] criterion : criteria(edit, "previousCriteria")) {
				previousCriteria.put((String) criterion[0],
						new CriterionAnswer((String) criterion[1], (String) criterion[2]));
			}
			Instant editedAt = edit.instant("editedAt", true);
			if (assignmentId == null || !this.errors.isEmpty()) {
				return;
			}
			Optional<Long> judgmentId = RatingSection.this.jdbc.sql("select id from judgment where assignment_id = ?")
				.param(assignmentId)
				.query(Long.class)
				.optional();
			if (judgmentId.isEmpty()) {
				edit.error("assignment", "names an assignment without a judgment");
				return;
			}
			this.pendingEdits.add(judgmentId.get(), winner, failA, failB, strength, reason,
					CriteriaTrail.json(previousCriteria), Timestamp.from(editedAt));
		}

		public void endOfEdits() {
			this.pendingEdits.flush();
		}

		public void flag(BundleElement flag) {
			Long taskId = flag.reference("task", this.study.tasks(), true);
			Long raterId = flag.reference("rater", this.study.raters(), true);
			String note = flag.text("note", false);
			Instant createdAt = flag.instant("createdAt", true);
			// Which model the rater saw on each side; absent for flags made before it was
			// kept.
			Long leftModel = (flag.text("leftModel", false) != null) ? this.study.studyModel(flag, "leftModel") : null;
			Long rightModel = (flag.text("rightModel", false) != null) ? this.study.studyModel(flag, "rightModel")
					: null;
			if (taskId != null && raterId != null && createdAt != null) {
				this.pendingFlags.add(this.study.studyId(), taskId, raterId, note, Timestamp.from(createdAt), leftModel,
						rightModel);
			}
		}

		public void endOfFlags() {
			this.pendingFlags.flush();
		}

		/** Judgments the import brought, attention checks included. */
		public int judgments() {
			return this.judgments;
		}

	}

}
