package dev.pairwise.study;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How many tasks of a study can still be handed out, kept as a count (table
 * {@code open_task_count}) rather than counted on each rater request. Whoever changes a
 * task's {@code accepted} or {@code leased} calls {@link #filledMaybe} or
 * {@link #reopenedMaybe} in the same transaction, right after the change while it holds
 * the task's row lock, so each fill or reopening is counted exactly once, on any number
 * of instances. The count is spread over {@value #SHARDS} rows by task id, so that raters
 * filling different tasks seldom wait for one another.
 */
@Repository
public class OpenTasks {

	static final int SHARDS = 16;

	private final JdbcClient jdbc;

	OpenTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Sets a study's count from its tasks, after they were created or imported. */
	public void recount(long studyId) {
		this.jdbc.sql("delete from open_task_count where study_id = ?").param(studyId).update();
		int open = this.jdbc.sql("select count(*) from task where study_id = ? and open_load >= 0")
			.param(studyId)
			.query(Integer.class)
			.single();
		for (int shard = 0; shard < SHARDS; shard++) {
			this.jdbc.sql("insert into open_task_count (study_id, shard, tasks) values (?, ?, ?)")
				.params(studyId, shard, (shard == 0) ? open : 0)
				.update();
		}
	}

	public int count(long studyId) {
		return this.jdbc.sql("select coalesce(sum(tasks), 0) from open_task_count where study_id = ?")
			.param(studyId)
			.query(Integer.class)
			.single();
	}

	/**
	 * After a task's load went up: if that took its last slot, one fewer open task.
	 */
	public void filledMaybe(long taskId) {
		this.jdbc.sql("""
				update open_task_count set tasks = tasks - 1 where shard = :shard and study_id = (
				  select study_id from task where id = :task and attention_kind is null and open_load is null)""")
			.param("shard", shardOf(taskId))
			.param("task", taskId)
			.update();
	}

	/**
	 * After a task's load went down by one: if it was full before, one more open task.
	 */
	public void reopenedMaybe(long taskId) {
		this.jdbc.sql("""
				update open_task_count set tasks = tasks + 1 where shard = :shard and study_id = (
				  select study_id from task where id = :task and open_load = needed - 1)""")
			.param("shard", shardOf(taskId))
			.param("task", taskId)
			.update();
	}

	private static int shardOf(long taskId) {
		return (int) (taskId % SHARDS);
	}

}
