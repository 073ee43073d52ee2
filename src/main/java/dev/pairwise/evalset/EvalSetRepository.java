package dev.pairwise.evalset;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class EvalSetRepository {

	private static final String SUMMARY_COLUMNS = "id, name, version, title, description, source, license";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	EvalSetRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	boolean exists(String name, String version) {
		return this.jdbc.sql("select count(*) from eval_set where name = ? and version = ?")
			.params(name, version)
			.query(Integer.class)
			.single() > 0;
	}

	long insert(EvalSetHeader header) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into eval_set (name, version, title, description, source, license, category_order, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(header.name(), header.version(), header.title(), header.description(), header.source(),
					header.license(), CategoryOrder.toJson(header.categories()), Timestamp.from(Instant.now()))
			.update(key, "id");
		return key.getKey().longValue();
	}

	void insertItems(long evalSetId, List<ParsedItem> items, int firstPosition) {
		this.batch.batchUpdate("""
				insert into item (eval_set_id, position, item_key, category, setting, prompt, exemplars, variant_of,
				  messages, turn)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				ParsedItem item = items.get(i);
				ps.setLong(1, evalSetId);
				ps.setInt(2, firstPosition + i);
				ps.setString(3, item.key());
				ps.setString(4, item.category());
				ps.setString(5, item.setting());
				ps.setString(6, item.prompt());
				ps.setString(7, item.exemplarsJson());
				ps.setString(8, item.variantOf());
				ps.setString(9, item.messagesJson());
				ps.setObject(10, item.turn(), Types.INTEGER);
			}

			@Override
			public int getBatchSize() {
				return items.size();
			}

		});
	}

	List<EvalSetSummary> findAll() {
		return this.jdbc.sql("select " + SUMMARY_COLUMNS + " from eval_set order by name, created_at, id")
			.query(EvalSetRow.class)
			.list()
			.stream()
			.map(this::summary)
			.toList();
	}

	Optional<EvalSetSummary> findById(long id) {
		return this.jdbc.sql("select " + SUMMARY_COLUMNS + " from eval_set where id = ?")
			.param(id)
			.query(EvalSetRow.class)
			.optional()
			.map(this::summary);
	}

	Optional<EvalSetRef> findRef(String name, String version) {
		String versionFilter = (version != null) ? " and version = ?" : "";
		List<Object> params = (version != null) ? List.of(name, version) : List.of(name);
		return this.jdbc
			.sql("select id, name, version, title from eval_set where name = ?" + versionFilter
					+ " order by created_at desc, id desc fetch first 1 rows only")
			.params(params)
			.query((rs, row) -> new EvalSetRef(rs.getLong("id"), rs.getString("name"), rs.getString("version"),
					rs.getString("title")))
			.optional();
	}

	List<EvalSetRef> findVersions(String name) {
		return this.jdbc.sql("select id, name, version, title from eval_set where name = ? order by created_at, id")
			.param(name)
			.query((rs, row) -> new EvalSetRef(rs.getLong("id"), rs.getString("name"), rs.getString("version"),
					rs.getString("title")))
			.list();
	}

	void delete(long evalSetId) {
		this.jdbc.sql("delete from eval_set_count where eval_set_id = ?").param(evalSetId).update();
		this.jdbc.sql("delete from item where eval_set_id = ?").param(evalSetId).update();
		this.jdbc.sql("delete from eval_set where id = ?").param(evalSetId).update();
	}

	Map<String, Long> itemIdsByKey(long evalSetId) {
		Map<String, Long> ids = new LinkedHashMap<>();
		this.jdbc.sql("select id, item_key from item where eval_set_id = ? order by position")
			.param(evalSetId)
			.query((rs) -> {
				ids.put(rs.getString("item_key"), rs.getLong("id"));
			});
		return ids;
	}

	List<ItemRow> findItems(long evalSetId, String category, String setting, int offset, int limit) {
		return this.jdbc.sql("""
				select id, item_key, category, setting, prompt, exemplars, variant_of, messages, turn from item
				where eval_set_id = :set and (cast(:category as varchar(100)) is null or category = :category)
				  and (cast(:setting as varchar(30)) is null or setting = :setting)
				order by position offset :offset rows fetch next :limit rows only""")
			.param("set", evalSetId)
			.param("category", category)
			.param("setting", setting)
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, row) -> new ItemRow(rs.getLong("id"), rs.getString("item_key"), rs.getString("category"),
					rs.getString("setting"), rs.getString("prompt"), rs.getString("exemplars"),
					rs.getString("variant_of"), rs.getString("messages"), rs.getObject("turn", Integer.class)))
			.list();
	}

	int countItems(long evalSetId, String category, String setting) {
		return this.jdbc
			.sql("""
					select count(*) from item where eval_set_id = :set and (cast(:category as varchar(100)) is null or category = :category)
					  and (cast(:setting as varchar(30)) is null or setting = :setting)""")
			.param("set", evalSetId)
			.param("category", category)
			.param("setting", setting)
			.query(Integer.class)
			.single();
	}

	/**
	 * Counts are read after the row query has released its connection, never inside its
	 * row mapper.
	 */
	private EvalSetSummary summary(EvalSetRow set) {
		long id = set.id();
		Map<String, Integer> categoryCounts = counts(id, "category");
		Map<String, Integer> categories = new LinkedHashMap<>();
		categoryOrder(id).forEach((category) -> categories.put(category, categoryCounts.get(category)));
		Map<String, Integer> settings = new LinkedHashMap<>();
		Map<String, Integer> settingCounts = counts(id, "setting");
		Settings.ALL.stream()
			.filter(settingCounts::containsKey)
			.forEach((setting) -> settings.put(setting, settingCounts.get(setting)));
		int items = categories.values().stream().mapToInt(Integer::intValue).sum();
		return new EvalSetSummary(id, set.name(), set.version(), set.title(), set.description(), set.source(),
				set.license(), items, categories, settings);
	}

	/** The set's categories, those its set.json lists first ({@link CategoryOrder}). */
	List<String> categoryOrder(long evalSetId) {
		String stored = this.jdbc.sql("select category_order from eval_set where id = ?")
			.param(evalSetId)
			.query(String.class)
			.optional()
			.orElse(null);
		List<String> listed = CategoryOrder.fromJson(stored);
		return CategoryOrder.of((listed != null) ? listed : List.of(),
				List.copyOf(counts(evalSetId, "category").keySet()));
	}

	/**
	 * Counts the set's items again by category and by setting, once its items are stored:
	 * the lists read these counts instead of the items.
	 */
	void recount(long evalSetId) {
		this.jdbc.sql("delete from eval_set_count where eval_set_id = ?").param(evalSetId).update();
		for (String column : List.of("category", "setting")) {
			this.jdbc
				.sql("insert into eval_set_count (eval_set_id, kind, label, items, first_position) select"
						+ " eval_set_id, ?, " + column + ", count(*), min(position) from item where eval_set_id = ?"
						+ " group by eval_set_id, " + column)
				.params(column, evalSetId)
				.update();
		}
	}

	private Map<String, Integer> counts(long evalSetId, String kind) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("select label, items from eval_set_count where eval_set_id = ? and kind = ? order by first_position")
			.params(evalSetId, kind)
			.query((rs) -> {
				counts.put(rs.getString("label"), rs.getInt("items"));
			});
		return counts;
	}

	int count() {
		return this.jdbc.sql("select count(*) from eval_set").query(Integer.class).single();
	}

	record EvalSetRow(long id, String name, String version, String title, String description, String source,
			String license) {
	}

}
