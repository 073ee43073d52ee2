package dev.pairwise.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a million judgments of one study straight into its database, as a long campaign
 * would have left them: every task judged the same number of times by distinct raters
 * (but the last task, left one judgment short so that a rater can still complete it),
 * model i beating model j with a probability that grows with j − i, about 10% ties and 3%
 * "both bad", 5% fails per side, a fair coin for the left side. Going around the app is
 * what makes a million-judgment study quick to set up; the app then reads it as its own.
 */
final class MillionJudgments {

	private MillionJudgments() {
	}

	/**
	 * Inserts {@code perTask} judgments for every real task of the study but the last,
	 * which gets one fewer and stays open; returns how many.
	 */
	static int insert(String url, String user, String password, long studyId, int perTask) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			connection.setAutoCommit(false);
			List<long[]> raters = new ArrayList<>();
			List<String> labels = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("select id, label from rater where study_id = " + studyId + " order by id")) {
				while (rs.next()) {
					raters.add(new long[] { rs.getLong(1) });
					labels.add(rs.getString(2));
				}
			}
			List<long[]> tasks = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("select t.id, t.item_id, t.model_a_id, t.model_b_id, sa.position, sb.position"
								+ " from task t join study_model sa on sa.study_id = t.study_id and sa.model_id = t.model_a_id"
								+ " join study_model sb on sb.study_id = t.study_id and sb.model_id = t.model_b_id"
								+ " where t.study_id = " + studyId + " and t.attention_kind is null order by t.id")) {
				while (rs.next()) {
					tasks.add(new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
							rs.getLong(6) });
				}
			}
			SplittableRandom random = new SplittableRandom(42);
			long start = System.currentTimeMillis() - 30L * 24 * 3600 * 1000;
			int written = 0;
			try (PreparedStatement insert = connection.prepareStatement(
					"""
							insert into judgment (study_id, task_id, rater_id, item_id, model_a_id, model_b_id, winner, left_is_a,
							  fail_a, fail_b, elapsed_ms, judge, source, attention, created_at, updated_at)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'raters', false, ?, ?)""")) {
				for (long[] task : tasks) {
					int firstRater = random.nextInt(raters.size());
					double aWins = 0.5 + 0.08 * (task[5] - task[4]);
					int judgments = (task == tasks.get(tasks.size() - 1)) ? perTask - 1 : perTask;
					for (int k = 0; k < judgments; k++) {
						int rater = (firstRater + k) % raters.size();
						double u = random.nextDouble();
						String winner = (u < 0.10) ? "tie"
								: (u < 0.13) ? "both-bad" : (random.nextDouble() < aWins) ? "model_a" : "model_b";
						Timestamp at = new Timestamp(start + written * 2L);
						insert.setLong(1, studyId);
						insert.setLong(2, task[0]);
						insert.setLong(3, raters.get(rater)[0]);
						insert.setLong(4, task[1]);
						insert.setLong(5, task[2]);
						insert.setLong(6, task[3]);
						insert.setString(7, winner);
						insert.setBoolean(8, random.nextBoolean());
						insert.setBoolean(9, random.nextDouble() < 0.05);
						insert.setBoolean(10, random.nextDouble() < 0.05);
						insert.setLong(11, 5_000 + random.nextInt(120_000));
						insert.setString(12, labels.get(rater));
						insert.setTimestamp(13, at);
						insert.setTimestamp(14, at);
						insert.addBatch();
						if (++written % 5000 == 0) {
							insert.executeBatch();
						}
					}
				}
				insert.executeBatch();
			}
			long openTask = tasks.get(tasks.size() - 1)[0];
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("update task set accepted = needed where study_id = " + studyId
						+ " and attention_kind is null and id <> " + openTask);
				statement.executeUpdate("update task set accepted = needed - 1 where id = " + openTask);
				statement.executeUpdate("update open_task_count set tasks = 0 where study_id = " + studyId);
				// The shard of a task's count is its id modulo the 16 shards (TaskPool).
				statement.executeUpdate("update open_task_count set tasks = 1 where study_id = " + studyId
						+ " and shard = " + (openTask % 16));
			}
			connection.commit();
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				// What PostgreSQL's autovacuum does to a table that grew during a
				// campaign:
				// it marks the pages all-visible, so that an index-only scan needs no
				// heap.
				statement.execute(url.startsWith("jdbc:postgresql:") ? "vacuum analyze judgment" : "analyze");
			}
			return written;
		}
	}

}
