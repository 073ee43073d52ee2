package dev.pairwise.recruitment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The recruitment links and their participants. */
@Repository
class RecruitmentRepository {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	RecruitmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<RecruitmentLink> linkOf(long studyId) {
		return this.jdbc.sql("select * from recruitment_link where study_id = ?")
			.param(studyId)
			.query((rs, row) -> link(rs))
			.optional();
	}

	Optional<RecruitmentLink> linkBySlug(String slug) {
		return this.jdbc.sql("select * from recruitment_link where slug = ?")
			.param(slug)
			.query((rs, row) -> link(rs))
			.optional();
	}

	/** Takes the link's row lock: enrolments of one study run one at a time. */
	void lockLink(long studyId) {
		this.jdbc.sql("select study_id from recruitment_link where study_id = ? for update")
			.param(studyId)
			.query(Long.class)
			.optional();
	}

	void insertLink(RecruitmentLink link) {
		this.jdbc.sql("""
				insert into recruitment_link (study_id, slug, token_secret, participant_param, extra_params,
				  tasks_per_participant, max_participants, completion_code, completion_url, screen_out_code,
				  screen_out_url, consent, estimated_minutes, qualification, pass_mark, attention_policy,
				  attention_limit, state, generate_participant_ids, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(link.studyId(), link.slug(), link.tokenSecret(), link.participantParam(),
					JSON.writeValueAsString(link.extraParams()), link.tasksPerParticipant(), link.maxParticipants(),
					link.completionCode(), link.completionUrl(), link.screenOutCode(), link.screenOutUrl(),
					link.consent(), link.estimatedMinutes(), JSON.writeValueAsString(link.questions()), link.passMark(),
					link.attentionPolicy().id(), link.attentionLimit(), link.state(), link.generateParticipantIds(),
					Timestamp.from(Instant.now()))
			.update();
	}

	void deleteLink(long studyId) {
		this.jdbc.sql("delete from recruitment_link where study_id = ?").param(studyId).update();
	}

	boolean setState(long studyId, String state) {
		return this.jdbc.sql("update recruitment_link set state = ? where study_id = ?")
			.params(state, studyId)
			.update() == 1;
	}

	Optional<Participant> participant(long studyId, String platformId) {
		return this.jdbc.sql("select * from participant where study_id = ? and platform_id = ?")
			.params(studyId, platformId)
			.query((rs, row) -> participant(rs))
			.optional();
	}

	Optional<Participant> participantOfRater(long raterId) {
		return this.jdbc.sql("select * from participant where rater_id = ?")
			.param(raterId)
			.query((rs, row) -> participant(rs))
			.optional();
	}

	List<Participant> participants(long studyId) {
		return this.jdbc.sql("select * from participant where study_id = ? order by id")
			.param(studyId)
			.query((rs, row) -> participant(rs))
			.list();
	}

	int countParticipants(long studyId) {
		return this.jdbc.sql("select count(*) from participant where study_id = ?")
			.param(studyId)
			.query(Integer.class)
			.single();
	}

	/** The study's participants by status. */
	Map<String, Integer> countByStatus(long studyId) {
		Map<String, Integer> counts = new HashMap<>();
		this.jdbc.sql("select status, count(*) as n from participant where study_id = ? group by status")
			.param(studyId)
			.query((rs) -> {
				counts.put(rs.getString("status"), rs.getInt("n"));
			});
		return counts;
	}

	void insertParticipant(long studyId, String platformId, long raterId, Map<String, String> extraParams) {
		this.jdbc.sql("""
				insert into participant (study_id, platform_id, rater_id, extra_params, status, enrolled_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(studyId, platformId, raterId, JSON.writeValueAsString(extraParams), Participant.ENROLLED,
					Timestamp.from(Instant.now()))
			.update();
	}

	void consent(long participantId, Instant at) {
		this.jdbc.sql("""
				update participant set consent_at = ?, status = ?
				where id = ? and consent_at is null""")
			.params(Timestamp.from(at), Participant.CONSENTED, participantId)
			.update();
	}

	/**
	 * Records the answer to question {@code index} only when it is the next one, so a
	 * double submission cannot answer twice.
	 */
	boolean answer(long participantId, List<String> before, List<String> after, int score) {
		return this.jdbc.sql("""
				update participant set qualification_answers = ?, qualification_score = ?
				where id = ? and coalesce(qualification_answers, '[]') = ?""")
			.params(JSON.writeValueAsString(after), score, participantId, JSON.writeValueAsString(before))
			.update() == 1;
	}

	void screenOut(long participantId, String reason, Instant at) {
		this.jdbc.sql("""
				update participant set status = ?, status_reason = ?, finished_at = ?
				where id = ? and status <> ?""")
			.params(Participant.SCREENED_OUT, reason, Timestamp.from(at), participantId, Participant.SCREENED_OUT)
			.update();
	}

	void qualify(long participantId) {
		this.jdbc.sql("update participant set status = ? where id = ? and status = ?")
			.params(Participant.QUALIFIED, participantId, Participant.CONSENTED)
			.update();
	}

	void setReason(long participantId, String reason) {
		this.jdbc.sql("update participant set status_reason = ? where id = ?").params(reason, participantId).update();
	}

	/**
	 * Records that the participant was warned about their first {@code failed} checks.
	 */
	void warned(long participantId, int failed) {
		this.jdbc.sql("update participant set attention_warned = ? where id = ? and attention_warned < ?")
			.params(failed, participantId, failed)
			.update();
	}

	void finish(long participantId, String status, Instant at) {
		this.jdbc.sql("""
				update participant set status = ?, finished_at = ?
				where id = ? and finished_at is null and status <> 'screened-out'""")
			.params(status, Timestamp.from(at), participantId)
			.update();
	}

	/** Judgments of the rater on attention checks they got wrong. */
	int failedChecks(long raterId) {
		return this.jdbc
			.sql("select count(*) from judgment where rater_id = ? and attention = true and attention_correct = false")
			.param(raterId)
			.query(Integer.class)
			.single();
	}

	int judgments(long raterId) {
		return this.jdbc.sql("select count(*) from judgment where rater_id = ?")
			.param(raterId)
			.query(Integer.class)
			.single();
	}

	private static RecruitmentLink link(ResultSet rs) throws SQLException {
		int max = rs.getInt("max_participants");
		Integer maxParticipants = rs.wasNull() ? null : max;
		int minutes = rs.getInt("estimated_minutes");
		Integer estimatedMinutes = rs.wasNull() ? null : minutes;
		return new RecruitmentLink(rs.getLong("study_id"), rs.getString("slug"), rs.getString("token_secret"),
				rs.getString("participant_param"),
				JSON.readValue(rs.getString("extra_params"), new TypeReference<List<String>>() {
				}), rs.getInt("tasks_per_participant"), maxParticipants, rs.getString("completion_code"),
				rs.getString("completion_url"), rs.getString("screen_out_code"), rs.getString("screen_out_url"),
				rs.getString("consent"), estimatedMinutes,
				JSON.readValue(rs.getString("qualification"), new TypeReference<List<Question>>() {
				}), rs.getInt("pass_mark"), RecruitmentLink.AttentionPolicy.of(rs.getString("attention_policy")),
				rs.getInt("attention_limit"), rs.getString("state"), rs.getBoolean("generate_participant_ids"));
	}

	private static Participant participant(ResultSet rs) throws SQLException {
		String answers = rs.getString("qualification_answers");
		int score = rs.getInt("qualification_score");
		Integer qualificationScore = rs.wasNull() ? null : score;
		return new Participant(rs.getLong("id"), rs.getLong("study_id"), rs.getString("platform_id"),
				rs.getLong("rater_id"),
				JSON.readValue(rs.getString("extra_params"), new TypeReference<Map<String, String>>() {
				}), instant(rs.getTimestamp("consent_at")),
				(answers != null) ? JSON.readValue(answers, new TypeReference<List<String>>() {
				}) : List.of(), qualificationScore, rs.getString("status"), rs.getString("status_reason"),
				instant(rs.getTimestamp("enrolled_at")), instant(rs.getTimestamp("finished_at")),
				rs.getInt("attention_warned"));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
