package dev.pairwise.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class GenerationRepository {

	private static final String RUN_COLUMNS = """
			r.id, r.eval_set_id, e.name as eval_set_name, e.version, r.model, r.base_url, r.api, r.endpoint_model,
			r.api_key, r.samples, r.temperature, r.max_tokens, r.selection, r.state, r.message, r.total, r.done,
			r.errors, r.prompt_tokens, r.completion_tokens, r.created_at""";

	private final JdbcClient jdbc;

	GenerationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(GenerationCommand command, long evalSetId, List<Long> itemIds) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into generation_run (eval_set_id, model, base_url, api, endpoint_model, api_key, samples,
				  temperature, max_tokens, selection, state, total, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)""")
			.params(evalSetId, command.model(), command.endpoint().baseUrl(), command.endpoint().api(),
					command.endpoint().model(), command.endpoint().apiKey(), command.samples(), command.temperature(),
					command.maxTokens(), command.selection().id(), itemIds.size(), Timestamp.from(Instant.now()))
			.update(key, "id");
		long runId = key.getKey().longValue();
		for (Long itemId : itemIds) {
			this.jdbc.sql("insert into generation_item (run_id, item_id, state) values (?, ?, 'pending')")
				.params(runId, itemId)
				.update();
		}
		return runId;
	}

	Optional<Run> find(long id) {
		return this.jdbc
			.sql("select " + RUN_COLUMNS + " from generation_run r join eval_set e on e.id = r.eval_set_id"
					+ " where r.id = ?")
			.param(id)
			.query(this::run)
			.optional();
	}

	List<Run> findAll() {
		return this.jdbc
			.sql("select " + RUN_COLUMNS + " from generation_run r join eval_set e on e.id = r.eval_set_id"
					+ " order by r.id desc")
			.query(this::run)
			.list();
	}

	/** Runs a stopped app left queued or running, oldest first. */
	List<Long> unfinished() {
		return this.jdbc.sql("select id from generation_run where state in ('queued', 'running') order by id")
			.query(Long.class)
			.list();
	}

	boolean active(long evalSetId, String model) {
		return this.jdbc.sql("""
				select count(*) from generation_run
				where eval_set_id = ? and model = ? and state in ('queued', 'running')""")
			.params(evalSetId, model)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Whether a run on the set, of the model or (null) of any model, is queued or
	 * running.
	 */
	boolean activeOnEvalSet(long evalSetId, String model) {
		String byModel = (model != null) ? " and model = ?" : "";
		List<Object> params = (model != null) ? List.of(evalSetId, model) : List.of(evalSetId);
		return this.jdbc
			.sql("select count(*) from generation_run where eval_set_id = ? and state in ('queued', 'running')"
					+ byModel)
			.params(params)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Deletes the runs on the set, of one model or (null) of every model, with their
	 * items.
	 */
	void deleteOnEvalSet(long evalSetId, String model) {
		String byModel = (model != null) ? " and model = ?" : "";
		List<Object> params = (model != null) ? List.of(evalSetId, model) : List.of(evalSetId);
		this.jdbc
			.sql("delete from generation_item where run_id in (select id from generation_run where eval_set_id = ?"
					+ byModel + ")")
			.params(params)
			.update();
		this.jdbc.sql("delete from generation_run where eval_set_id = ?" + byModel).params(params).update();
	}

	List<Long> pendingItems(long runId) {
		return this.jdbc.sql("select item_id from generation_item where run_id = ? and state = 'pending'")
			.param(runId)
			.query(Long.class)
			.list();
	}

	void markRunning(long runId) {
		this.jdbc.sql("update generation_run set state = 'running' where id = ? and state = 'queued'")
			.param(runId)
			.update();
	}

	/** Records an item's success; false when it was no longer pending. */
	boolean itemDone(long runId, long itemId, int attempts, long promptTokens, long completionTokens) {
		int updated = this.jdbc.sql("""
				update generation_item set state = 'done', attempts = ?, prompt_tokens = ?, completion_tokens = ?
				where run_id = ? and item_id = ? and state = 'pending'""")
			.params(attempts, promptTokens, completionTokens, runId, itemId)
			.update();
		if (updated == 1) {
			this.jdbc.sql("""
					update generation_run set done = done + 1, prompt_tokens = prompt_tokens + ?,
					  completion_tokens = completion_tokens + ? where id = ?""")
				.params(promptTokens, completionTokens, runId)
				.update();
		}
		return updated == 1;
	}

	void itemFailed(long runId, long itemId, int attempts, long promptTokens, long completionTokens, String error) {
		int updated = this.jdbc.sql("""
				update generation_item set state = 'failed', attempts = ?, error = ?
				where run_id = ? and item_id = ? and state = 'pending'""")
			.params(attempts, error, runId, itemId)
			.update();
		if (updated == 1) {
			this.jdbc.sql("""
					update generation_run set errors = errors + 1, prompt_tokens = prompt_tokens + ?,
					  completion_tokens = completion_tokens + ? where id = ?""")
				.params(promptTokens, completionTokens, runId)
				.update();
		}
	}

	/**
	 * Ends a run that is still queued or running, erasing its API key, which is no longer
	 * needed; false when it had ended already (cancelled, say).
	 */
	boolean finish(long runId, String state, String message) {
		return this.jdbc.sql("""
				update generation_run set state = ?, message = ?, api_key = null, finished_at = ?
				where id = ? and state in ('queued', 'running')""")
			.params(state, message, Timestamp.from(Instant.now()), runId)
			.update() == 1;
	}

	private Run run(ResultSet rs, int row) throws SQLException {
		return new Run(rs.getLong("id"), rs.getLong("eval_set_id"),
				rs.getString("eval_set_name") + " " + rs.getString("version"), rs.getString("model"),
				new Endpoint(rs.getString("base_url"), rs.getString("api"), rs.getString("endpoint_model"),
						rs.getString("api_key")),
				rs.getInt("samples"), rs.getDouble("temperature"), rs.getInt("max_tokens"), rs.getString("selection"),
				rs.getString("state"), rs.getString("message"), rs.getInt("total"), rs.getInt("done"),
				rs.getInt("errors"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
				rs.getTimestamp("created_at").toInstant());
	}

	/** A run as stored; its endpoint carries the API key while the run can resume. */
	record Run(long id, long evalSetId, String evalSetLabel, String model, Endpoint endpoint, int samples,
			double temperature, int maxTokens, String selection, String state, String message, int total, int done,
			int errors, long promptTokens, long completionTokens, Instant createdAt) {

		boolean finished() {
			return !this.state.equals("queued") && !this.state.equals("running");
		}

	}

}
