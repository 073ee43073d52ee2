package dev.pairwise.rating;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores judgments made elsewhere into a study. Rating owns the {@code judgment} table,
 * so a judgment import writes its rows through here. Imported rows carry no rater or
 * assignment and never count towards a task's k.
 */
@Service
public class JudgmentImports {

	private static final int BATCH_SIZE = 1000;

	private static final String INSERT = """
			insert into judgment (study_id, task_id, item_id, model_a_id, model_b_id, winner, left_is_a, fail_a,
			  fail_b, strength, reason, elapsed_ms, judge, source, attention, created_at, updated_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""";

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	JudgmentImports(JdbcTemplate jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Stores, in batches, the judgments that {@code judgments} hands over, as source
	 * {@code source}, and announces a change of the whole study once the transaction
	 * commits. {@code judgments} may throw to refuse the import: what it handed over
	 * before is rolled back with the caller's transaction, and what it handed over since
	 * the last full batch is not stored at all.
	 * @return how many were stored
	 */
	@Transactional
	public int store(long studyId, String source, Consumer<Consumer<ImportedJudgment>> judgments) {
		List<ImportedJudgment> pending = new ArrayList<>(BATCH_SIZE);
		int[] count = new int[1];
		judgments.accept((judgment) -> {
			pending.add(judgment);
			count[0]++;
			if (pending.size() == BATCH_SIZE) {
				insert(studyId, pending, source);
				pending.clear();
			}
		});
		if (!pending.isEmpty()) {
			insert(studyId, pending, source);
		}
		this.events.publishEvent(JudgmentsChanged.wholeStudy(studyId));
		return count[0];
	}

	/**
	 * Inserts one batch; every parameter is set with its SQL type, so that a null does
	 * not send the driver looking up parameter metadata row after row.
	 */
	private void insert(long studyId, List<ImportedJudgment> judgments, String source) {
		Timestamp now = Timestamp.from(Instant.now());
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.batchUpdate((connection) -> connection.prepareStatement(INSERT, new String[] { "id" }),
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						ImportedJudgment judgment = judgments.get(i);
						ps.setLong(1, studyId);
						ps.setObject(2, judgment.taskId(), Types.BIGINT);
						ps.setLong(3, judgment.itemId());
						ps.setLong(4, judgment.modelA());
						ps.setLong(5, judgment.modelB());
						ps.setString(6, judgment.winner().stored());
						ps.setObject(7, judgment.leftIsA(), Types.BOOLEAN);
						ps.setBoolean(8, judgment.failA());
						ps.setBoolean(9, judgment.failB());
						ps.setObject(10, judgment.strength(), Types.VARCHAR);
						ps.setObject(11, judgment.reason(), Types.VARCHAR);
						ps.setObject(12, judgment.elapsedMs(), Types.BIGINT);
						ps.setString(13, judgment.judge());
						ps.setString(14, source);
						ps.setTimestamp(15,
								(judgment.createdAt() != null) ? Timestamp.from(judgment.createdAt()) : now);
						ps.setTimestamp(16, now);
					}

					@Override
					public int getBatchSize() {
						return judgments.size();
					}

				}, keys);
		insertCriteria(judgments, keys.getKeyList());
	}

	/** The criterion answers of the batch's judgments, by the judgments' new ids. */
	private void insertCriteria(List<ImportedJudgment> judgments, List<Map<String, Object>> keys) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < judgments.size(); i++) {
			long id = ((Number) keys.get(i).values().iterator().next()).longValue();
			judgments.get(i)
				.criteria()
				.forEach((criterion, winner) -> rows.add(new Object[] { id, criterion, winner.stored() }));
		}
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate("insert into judgment_criterion (judgment_id, criterion, winner) values (?, ?, ?)",
					rows, new int[] { Types.BIGINT, Types.VARCHAR, Types.VARCHAR });
		}
	}

}
