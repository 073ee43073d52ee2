package dev.pairwise.study;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class StudyRepository {

	/**
	 * What {@link #study} reads, from {@code study s} and the joins of
	 * {@link #STUDY_JOINS}.
	 */
	static final String STUDY_SELECT_LIST = """
			s.id, s.name, s.eval_set_id, e.name as eval_set_name, e.version as eval_set_version, s.pairing,
			b.name as baseline, s.ratings_per_task, s.scale, s.categories, s.settings, s.attention_check_rate,
			s.instructions, s.reason_mode, s.allow_edit, s.lease_seconds, s.state, s.demo_invite_url, s.created_at,
			s.show_setting, s.too_fast_seconds""";

	/**
	 * Outer joins, so that a query locking other rows with the study's never locks these.
	 */
	static final String STUDY_JOINS = """
			left join eval_set e on e.id = s.eval_set_id left join model b on b.id = s.baseline_model_id""";

	private static final String STUDY_COLUMNS = STUDY_SELECT_LIST + " from study s " + STUDY_JOINS;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final Map<Long, List<String>> modelsByStudy = new ConcurrentHashMap<>();

	private final Map<Long, StudyCriteria> criteriaByStudy = new ConcurrentHashMap<>();

	StudyRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Map<String, Long> modelIds(List<String> names) {
		Map<String, Long> ids = new LinkedHashMap<>();
		for (String name : names) {
			this.jdbc.sql("select id from model where name = ?")
				.param(name)
				.query(Long.class)
				.optional()
				.ifPresent((id) -> ids.put(name, id));
		}
		return ids;
	}

	long insert(StudyRow study) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into study (name, eval_set_id, pairing, baseline_model_id, ratings_per_task, scale, categories,
					  settings, attention_check_rate, instructions, reason_mode, allow_edit, lease_seconds, state, created_at,
					  show_setting, criteria, overall_answer, too_fast_seconds)
					values (:name, :evalSet, :pairing, :baseline, :k, :scale, :categories, :settings, :attention,
					  :instructions, :reasonMode, :allowEdit, :lease, 'draft', :now, :showSetting, :criteria, :overall,
					  :tooFast)""")
			.param("name", study.name())
			.param("evalSet", study.evalSetId())
			.param("pairing", study.pairing().id())
			.param("baseline", study.baselineModelId())
			.param("k", study.ratingsPerTask())
			.param("scale", study.scale().id())
			.param("categories", join(study.categories()))
			.param("settings", join(study.settings()))
			.param("attention", study.attentionCheckRate())
			.param("instructions", study.instructions())
			.param("reasonMode", study.reasonRequired() ? "required" : "optional")
			.param("allowEdit", study.allowEdit())
			.param("lease", study.leaseSeconds())
			.param("showSetting", study.showSetting())
			.param("criteria", CriteriaJson.write(study.criteria().criteria()))
			.param("overall", study.criteria().overallAnswer())
			.param("tooFast", study.tooFastSeconds())
			.param("now", Timestamp.from(Instant.now()))
			.update(key, "id");
		long id = key.getKey().longValue();
		int position = 0;
		for (long modelId : study.modelIds()) {
			this.jdbc.sql("insert into study_model (study_id, model_id, position) values (?, ?, ?)")
				.params(id, modelId, position++)
				.update();
		}
		return id;
	}

	/**
	 * Items of the set that pass the filters and have an output of both models, in file
	 * order.
	 */
	List<Long> itemsWithBothOutputs(long evalSetId, List<String> categories, List<String> settings, long modelA,
			long modelB) {
		String categoryFilter = categories.isEmpty() ? "" : " and i.category in (:categories)";
		String settingFilter = settings.isEmpty() ? "" : " and i.setting in (:settings)";
		JdbcClient.StatementSpec query = this.jdbc
			.sql("""
					select i.id from item i where i.eval_set_id = :evalSet
					  and exists (select 1 from output o where o.item_id = i.id and o.model_id = :modelA)
					  and exists (select 1 from output o where o.item_id = i.id and o.model_id = :modelB)"""
					+ categoryFilter + settingFilter + " order by i.position")
			.param("evalSet", evalSetId)
			.param("modelA", modelA)
			.param("modelB", modelB);
		if (!categories.isEmpty()) {
			query = query.param("categories", categories);
		}
		if (!settings.isEmpty()) {
			query = query.param("settings", settings);
		}
		return query.query(Long.class).list();
	}

	void insertTasks(List<NewTask> tasks) {
		this.batch.batchUpdate("""
				insert into task (study_id, item_id, model_a_id, model_b_id, attention_kind, attention_good_side,
				  attention_text, needed, shuffle) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						NewTask task = tasks.get(i);
						ps.setLong(1, task.studyId());
						ps.setLong(2, task.itemId());
						ps.setLong(3, task.modelA());
						ps.setLong(4, task.modelB());
						ps.setString(5, task.attentionKind());
						ps.setString(6, task.attentionGoodSide());
						ps.setString(7, task.attentionText());
						ps.setInt(8, task.needed());
						ps.setInt(9, task.shuffle());
					}

					@Override
					public int getBatchSize() {
						return tasks.size();
					}

				});
	}

	String outputText(long itemId, long modelId) {
		return this.jdbc.sql("select text from output where item_id = ? and model_id = ?")
			.params(itemId, modelId)
			.query(String.class)
			.single();
	}

	/** Another item's output of the same model, to serve as an off-topic response. */
	Optional<String> otherItemsOutput(long evalSetId, long itemId, long modelId, int offset) {
		return this.jdbc.sql("""
				select o.text from output o join item i on i.id = o.item_id
				where i.eval_set_id = ? and o.model_id = ? and o.item_id <> ?
				order by i.position offset ? rows fetch next 1 rows only""")
			.params(evalSetId, modelId, itemId, offset)
			.query(String.class)
			.optional();
	}

	int countTasks(long studyId, boolean attention) {
		return this.jdbc
			.sql("select count(*) from task where study_id = ? and attention_kind is " + (attention ? "not " : "")
					+ "null")
			.param(studyId)
			.query(Integer.class)
			.single();
	}

	Optional<Study> find(long id) {
		return withModels(
				this.jdbc.sql("select " + STUDY_COLUMNS + " where s.id = ?").param(id).query(this::study).list())
			.stream()
			.findFirst();
	}

	Optional<Study> findByName(String name) {
		return withModels(
				this.jdbc.sql("select " + STUDY_COLUMNS + " where s.name = ? order by s.id fetch first 1 rows only")
					.param(name)
					.query(this::study)
					.list())
			.stream()
			.findFirst();
	}

	/** The studies not archived, or only the archived ones, newest first. */
	List<Study> findAll(boolean archived) {
		return withModels(this.jdbc
			.sql("select " + STUDY_COLUMNS + " where s.archived_at is " + (archived ? "not null" : "null")
					+ " order by s.id desc")
			.query(this::study)
			.list());
	}

	boolean isArchived(long id) {
		return this.jdbc.sql("select count(*) from study where id = ? and archived_at is not null")
			.param(id)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Archives a closed study, or restores an archived one; false when it is not closed.
	 */
	boolean archive(long id, boolean archived) {
		return this.jdbc.sql("update study set archived_at = ? where id = ? and state = ?")
			.params(archived ? Timestamp.from(Instant.now()) : null, id, Study.State.CLOSED.id())
			.update() == 1;
	}

	/**
	 * Deletes a draft study and its own rows (models, tasks, raters; a draft has no
	 * assignments or judgments, and its raters' targets go with them by the foreign key);
	 * false, with nothing deleted once the caller rolls back, when it is no longer a
	 * draft.
	 */
	boolean deleteDraft(long id) {
		this.jdbc.sql("delete from rater where study_id = ?").param(id).update();
		this.jdbc.sql("delete from task where study_id = ?").param(id).update();
		this.jdbc.sql("delete from study_model where study_id = ?").param(id).update();
		return this.jdbc.sql("delete from study where id = ? and state = ?")
			.params(id, Study.State.DRAFT.id())
			.update() == 1;
	}

	/**
	 * Fills in each study's models with a second query, once the first has released its
	 * connection: a query inside a row mapper would hold two connections at once. A
	 * study's models never change once it is created, so they are read once per study:
	 * every rater request looks its study up.
	 */
	private List<Study> withModels(List<Study> studies) {
		return studies.stream().map((study) -> {
			List<String> models = this.modelsByStudy.computeIfAbsent(study.id(), (id) -> this.jdbc
				.sql("select m.name from study_model sm join model m on m.id = sm.model_id where sm.study_id = ?"
						+ " order by sm.position")
				.param(id)
				.query(String.class)
				.list());
			return new Study(study.id(), study.name(), study.evalSetId(), study.evalSetLabel(), study.pairing(),
					study.baselineModel(), models, study.ratingsPerTask(), study.scale(), study.categories(),
					study.settings(), study.attentionCheckRate(), study.instructions(), study.reasonRequired(),
					study.allowEdit(), study.leaseSeconds(), study.state(), study.demoInviteUrl(), study.createdAt(),
					study.showSetting(), study.tooFastSeconds());
		}).toList();
	}

	/**
	 * The study's criteria, read once per study: they never change once it is created,
	 * and every judgment asks for them.
	 */
	Optional<StudyCriteria> criteria(long studyId) {
		StudyCriteria held = this.criteriaByStudy.get(studyId);
		if (held != null) {
			return Optional.of(held);
		}
		Optional<StudyCriteria> read = this.jdbc.sql("select criteria, overall_answer from study where id = ?")
			.param(studyId)
			.query((rs, row) -> new StudyCriteria(CriteriaJson.read(rs.getString("criteria")),
					StudyCriteria.OverallAnswer.DERIVED.equals(rs.getString("overall_answer"))))
			.optional();
		read.ifPresent((criteria) -> this.criteriaByStudy.put(studyId, criteria));
		return read;
	}

	boolean changeState(long id, Study.State from, Study.State to) {
		String stamp = (to == Study.State.OPEN) ? ", opened_at = ?" : ", closed_at = ?";
		return this.jdbc.sql("update study set state = ?" + stamp + " where id = ? and state = ?")
			.params(to.id(), Timestamp.from(Instant.now()), id, from.id())
			.update() == 1;
	}

	/** Judgments accepted and needed per study, over real tasks only. */
	Map<Long, StudyProgress> progressByStudy() {
		Map<Long, StudyProgress> progress = new LinkedHashMap<>();
		this.jdbc.sql("""
				select study_id, sum(cast(accepted as bigint)) as done, sum(cast(needed as bigint)) as needed,
				  count(*) as tasks from task where attention_kind is null group by study_id""").query((rs) -> {
			progress.put(rs.getLong("study_id"),
					new StudyProgress(rs.getLong("done"), rs.getLong("needed"), rs.getLong("tasks")));
		});
		return progress;
	}

	void setDemoInviteUrl(long id, String url) {
		this.jdbc.sql("update study set demo_invite_url = ? where id = ?").params(url, id).update();
	}

	/** The study of a row read with {@link #STUDY_SELECT_LIST}, its models included. */
	Study fromRow(ResultSet rs) throws SQLException {
		return withModels(List.of(study(rs, 0))).get(0);
	}

	private Study study(ResultSet rs, int row) throws SQLException {
		return new Study(rs.getLong("id"), rs.getString("name"), rs.getLong("eval_set_id"),
				rs.getString("eval_set_name") + " " + rs.getString("eval_set_version"),
				Study.Pairing.of(rs.getString("pairing")), rs.getString("baseline"), List.of(),
				rs.getInt("ratings_per_task"), Study.Scale.of(rs.getString("scale")), split(rs.getString("categories")),
				split(rs.getString("settings")), rs.getDouble("attention_check_rate"), rs.getString("instructions"),
				"required".equals(rs.getString("reason_mode")), rs.getBoolean("allow_edit"), rs.getInt("lease_seconds"),
				Study.State.valueOf(rs.getString("state").toUpperCase()), rs.getString("demo_invite_url"),
				rs.getTimestamp("created_at").toInstant(), rs.getBoolean("show_setting"),
				rs.getInt("too_fast_seconds"));
	}

	private static String join(List<String> values) {
		return values.isEmpty() ? null : String.join("\n", values);
	}

	private static List<String> split(String values) {
		return (values == null) ? List.of() : new ArrayList<>(Arrays.asList(values.split("\n")));
	}

	record StudyRow(String name, long evalSetId, Study.Pairing pairing, Long baselineModelId, List<Long> modelIds,
			int ratingsPerTask, Study.Scale scale, List<String> categories, List<String> settings,
			double attentionCheckRate, String instructions, boolean reasonRequired, boolean allowEdit, int leaseSeconds,
			boolean showSetting, StudyCriteria criteria, int tooFastSeconds) {
	}

	record NewTask(long studyId, long itemId, long modelA, long modelB, String attentionKind, String attentionGoodSide,
			String attentionText, int needed, int shuffle) {
	}

}
