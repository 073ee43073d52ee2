package dev.pairwise.evalset;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.pairwise.bundle.BatchInsert;
import dev.pairwise.bundle.BundleElement;
import dev.pairwise.bundle.BundleWriter;
import dev.pairwise.importing.ImportError;
import dev.pairwise.importing.ImportErrors;
import dev.pairwise.importing.TextLimits;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The eval set's sections of a study bundle: {@code evalSet} and its {@code items}. An
 * import reuses the set when this instance has it with the same items, creates it when it
 * has not, and refuses a different content under the same name and version.
 */
@Component
public class EvalSetSection {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final EvalSetRepository repository;

	EvalSetSection(JdbcClient jdbc, JdbcTemplate batch, EvalSetRepository repository) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.repository = repository;
	}

	public void write(BundleWriter out, long evalSetId) {
		out.object("evalSet", this.jdbc.sql("""
				select name, version, title, description, source, license, category_order, created_at
				from eval_set where id = ?""").param(evalSetId), (g, rs) -> {
			g.writeStringProperty("name", rs.getString("name"));
			g.writeStringProperty("version", rs.getString("version"));
			g.writeStringProperty("title", rs.getString("title"));
			g.writeStringProperty("description", rs.getString("description"));
			g.writeStringProperty("source", rs.getString("source"));
			g.writeStringProperty("license", rs.getString("license"));
			BundleWriter.rawJson(g, "categoryOrder", rs.getString("category_order"));
			BundleWriter.instant(g, "createdAt", rs, "created_at");
		});
		out.array("items", this.jdbc.sql("""
				select item_key, category, setting, prompt, exemplars, variant_of, messages, turn from item
				where eval_set_id = ? order by position""").param(evalSetId), (g, rs) -> {
			g.writeStringProperty("id", rs.getString("item_key"));
			g.writeStringProperty("category", rs.getString("category"));
			g.writeStringProperty("setting", rs.getString("setting"));
			g.writeStringProperty("prompt", rs.getString("prompt"));
			BundleWriter.rawJson(g, "exemplars", rs.getString("exemplars"));
			g.writeStringProperty("variant_of", rs.getString("variant_of"));
			BundleWriter.rawJson(g, "messages", rs.getString("messages"));
			Integer turn = rs.getObject("turn", Integer.class);
			g.writeName("turn");
			if (turn == null) {
				g.writeNull();
			}
			else {
				g.writeNumber(turn);
			}
		});
	}

	/** Reads the sections of one import, reporting problems to {@code errors}. */
	public Reader reader(ImportErrors errors) {
		return new Reader(errors);
	}

	/** The eval set of one import, and the ids of its items by key. */
	public final class Reader {

		private final ImportErrors errors;

		private final Map<String, Long> itemIds = new HashMap<>();

		private final Map<String, Integer> variantOfLines = new LinkedHashMap<>();

		private final BatchInsert items = new BatchInsert(EvalSetSection.this.batch, """
				insert into item (eval_set_id, position, item_key, category, setting, prompt, exemplars, variant_of,
				  messages, turn)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				new int[] { Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
						Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER },
				null);

		private long evalSetId;

		private String label;

		private boolean created;

		private int existingItems;

		private Reader(ImportErrors errors) {
			this.errors = errors;
		}

		public void evalSet(BundleElement set) {
			String name = set.text("name", true);
			String version = set.text("version", true);
			String title = set.text("title", true);
			String description = set.text("description", false);
			String source = set.text("source", false);
			String license = set.text("license", false);
			Instant createdAt = set.instant("createdAt", true);
			String categoryOrder = set.json("categoryOrder");
			if (CategoryOrder.fromJson(categoryOrder) == null) {
				set.error("categoryOrder", "must be a list of category names");
			}
			if (name != null && version != null) {
				new EvalSetHeader(name, version, title, description, source, license, List.of()).problems()
					.forEach((problem) -> set.error((problem.field() != null) ? problem.field() : "name",
							problem.message()));
			}
			if (!this.errors.isEmpty()) {
				return;
			}
			this.label = name + " " + version;
			JdbcClient jdbc = EvalSetSection.this.jdbc;
			Optional<Long> existing = jdbc.sql("select id from eval_set where name = ? and version = ?")
				.params(name, version)
				.query(Long.class)
				.optional();
			if (existing.isPresent()) {
				this.evalSetId = existing.get();
				this.existingItems = jdbc.sql("select count(*) from item where eval_set_id = ?")
					.param(this.evalSetId)
					.query(Integer.class)
					.single();
				return;
			}
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			jdbc.sql(
					"""
							insert into eval_set (name, version, title, description, source, license, category_order, created_at)
							values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(name, version, title, description, source, license, categoryOrder, Timestamp.from(createdAt))
				.update(key, "id");
			this.evalSetId = key.getKey().longValue();
			this.created = true;
		}

		public void item(BundleElement item) {
			String key = item.text("id", true);
			String category = item.text("category", true);
			String setting = item.oneOf("setting", Settings.ALL, true);
			String prompt = item.text("prompt", true);
			String exemplars = item.json("exemplars");
			String variantOf = item.text("variant_of", false);
			String messages = item.json("messages");
			Integer turn = item.integer("turn", false);
			boolean valid = check(item, "id", (key != null) ? TextLimits.problem(key, ItemParser.MAX_ID) : null);
			valid &= check(item, "category",
					(category != null) ? TextLimits.nameProblem(category, ItemParser.MAX_CATEGORY) : null);
			valid &= check(item, "prompt", (prompt != null) ? TextLimits.problem(prompt, ItemParser.MAX_TEXT) : null);
			valid &= check(item, "variant_of",
					(variantOf != null) ? TextLimits.problem(variantOf, ItemParser.MAX_ID) : null);
			JsonNode exemplarList = item.get("exemplars");
			if (exemplarList != null && !exemplarList.isNull()) {
				valid &= ItemParser.exemplarsAreValid(exemplarList, item::error);
			}
			if (messages != null) {
				valid &= MessagesField.read(item.get("messages"), item::error) != null
						&& check(item, "messages", TextLimits.problem(messages, ItemParser.MAX_TEXT));
			}
			if (valid && exemplars != null && exemplars.length() > ItemParser.MAX_TEXT) {
				item.error("exemplars", "is longer than " + ItemParser.MAX_TEXT + " characters as JSON");
				valid = false;
			}
			if (!valid || key == null || category == null || setting == null || prompt == null) {
				return;
			}
			if (this.itemIds.containsKey(key)) {
				item.error("id", "item '" + key + "' comes twice");
				return;
			}
			int position = this.itemIds.size();
			if (this.created) {
				this.itemIds.put(key, 0L);
				this.items.add(this.evalSetId, position, key, category, setting, prompt, exemplars, variantOf, messages,
						turn);
				if (variantOf != null) {
					this.variantOfLines.put(variantOf, item.line());
				}
				return;
			}
			Optional<Object[]> stored = EvalSetSection.this.jdbc.sql("""
					select id, category, setting, prompt, exemplars, variant_of, messages from item
					where eval_set_id = ? and item_key = ?""")
				.params(this.evalSetId, key)
				.query((rs,
						row) -> new Object[] { rs.getLong("id"), rs.getString("category"), rs.getString("setting"),
								rs.getString("prompt"), rs.getString("exemplars"), rs.getString("variant_of"),
								rs.getString("messages") })
				.optional();
			if (stored.isEmpty()) {
				item.error("id", "eval set " + this.label + " exists here without item '" + key
						+ "'; a set version cannot differ between instances");
				return;
			}
			Object[] row = stored.get();
			if (!category.equals(row[1]) || !setting.equals(row[2]) || !prompt.equals(row[3])
					|| !Objects.equals(exemplars, row[4]) || !Objects.equals(variantOf, row[5])
					|| !Objects.equals(messages, row[6])) {
				item.error("id", "item '" + key + "' differs from the one eval set " + this.label
						+ " has here; a set version cannot differ between instances");
				return;
			}
			this.itemIds.put(key, (Long) row[0]);
		}

		/** Whether there is no problem; reports it otherwise. */
		private static boolean check(BundleElement element, String field, String problem) {
			if (problem != null) {
				element.error(field, problem);
			}
			return problem == null;
		}

		/**
		 * Writes the items left pending, then checks that every variant points to an item
		 * of the set, or that a reused set has as many items here as in the bundle.
		 */
		public void endOfItems() {
			this.items.flush();
			if (this.created) {
				EvalSetSection.this.jdbc.sql("select item_key, id from item where eval_set_id = ?")
					.param(this.evalSetId)
					.query((java.sql.ResultSet rs) -> {
						this.itemIds.put(rs.getString("item_key"), rs.getLong("id"));
					});
				EvalSetSection.this.repository.recount(this.evalSetId);
				this.variantOfLines.forEach((variantOf, line) -> {
					if (!this.itemIds.containsKey(variantOf)) {
						this.errors.add(ImportError.atLine(line, "items.variant_of",
								"points to item '" + variantOf + "', which the set does not have"));
					}
				});
			}
			else if (this.itemIds.size() != this.existingItems) {
				this.errors.add(ImportError
					.forFile("eval set " + this.label + " has " + this.existingItems + " items here but "
							+ this.itemIds.size() + " in the bundle; a set version cannot differ between instances"));
			}
		}

		/**
		 * The id of the item with key {@code key}; null, with an error on {@code field},
		 * when the set has no such item.
		 */
		public Long itemId(BundleElement element, String field, String key) {
			if (key == null) {
				return null;
			}
			Long id = this.itemIds.get(key);
			if (id == null) {
				element.error(field, "no item '" + key + "' in the bundle's eval set");
			}
			return id;
		}

		public long evalSetId() {
			return this.evalSetId;
		}

		/** Name and version, as the import's summary shows the set. */
		public String label() {
			return this.label;
		}

		public boolean created() {
			return this.created;
		}

	}

}
