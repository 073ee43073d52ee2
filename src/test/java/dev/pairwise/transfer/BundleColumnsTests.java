package dev.pairwise.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new column cannot silently drop out of the study bundle: every column of every table
 * the migrations create (as the database reports it, after Flyway ran) is either a field
 * that an export writes, or listed here as deliberately not carried, with the reason.
 * Runs on H2 and, in the PostgreSQL pass, on PostgreSQL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BundleColumnsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The section of the bundle that carries the rows of each table. */
	private static final Map<String, String> SECTIONS = Map.ofEntries(Map.entry("eval_set", "evalSet"),
			Map.entry("item", "items"), Map.entry("model", "outputs"), Map.entry("output", "outputs"),
			Map.entry("study", "study"), Map.entry("study_model", "study"), Map.entry("task", "tasks"),
			Map.entry("rater", "raters"), Map.entry("assignment", "assignments"), Map.entry("judgment", "judgments"),
			Map.entry("judgment_edit", "edits"), Map.entry("task_flag", "flags"),
			Map.entry("rater_exclusion", "exclusions"), Map.entry("audit_entry", "audit"),
			Map.entry("judgment_criterion", "judgments"));

	/**
	 * Tables that hold no part of a study: the admin account (an instance's own), the
	 * admin sessions (Spring Session's), the start-up lock, the open-task count, which an
	 * import counts again from the tasks, and how outputs were produced (samples, their
	 * selection, generation runs): a study carries the selected outputs as outputs. And a
	 * rater's kept progress target, which is set again from the pool on their next visit.
	 * And a crowd campaign's recruitment link and participants: platform ids are personal
	 * data kept for paying people on this instance (participants.csv is their record),
	 * and a moved study gets a link of its own; its raters and judgments move as usual.
	 * And the item and output counts the list pages read, which an import counts again
	 * from the items and outputs.
	 */
	private static final Set<String> NOT_STUDY_DATA = Set.of("account", "api_token", "spring_session",
			"spring_session_attributes", "startup_lock", "open_task_count", "sample", "sample_selection",
			"generation_run", "generation_item", "rater_target", "recruitment_link", "participant", "eval_set_count",
			"output_count");

	/**
	 * Columns carried under another name than their own, their camel case, or their name
	 * without {@code _id} (a reference, such as {@code task_id} as {@code task}).
	 */
	private static final Map<String, String> RENAMED = Map.ofEntries(Map.entry("item.item_key", "id"),
			Map.entry("model.name", "model"), Map.entry("output.model_id", "model"), Map.entry("output.text", "output"),
			Map.entry("study.baseline_model_id", "baseline"), Map.entry("study_model.model_id", "models"),
			Map.entry("task_flag.left_model_id", "leftModel"), Map.entry("task_flag.right_model_id", "rightModel"),
			Map.entry("task.id", "ref"), Map.entry("rater.id", "ref"), Map.entry("assignment.id", "ref"),
			// Only raters change answers, so an edit names its judgment by its
			// assignment.
			Map.entry("judgment_edit.judgment_id", "assignment"),
			// A judgment's criterion answers are nested in it: "criteria": {"<id>":
			// {"winner", "strength"}}.
			Map.entry("judgment_criterion.criterion", "criteria"), Map.entry("judgment_criterion.winner", "criteria"),
			Map.entry("judgment_criterion.strength", "criteria"),
			Map.entry("judgment_criterion.judgment_id", "criteria"));

	/** Columns deliberately not carried, and why. */
	private static final Map<String, String> NOT_CARRIED = Map.ofEntries(
			// Rows no other row refers to by id get new ids on import.
			Map.entry("eval_set.id", "a new id"), Map.entry("item.id", "a new id; items are named by key"),
			Map.entry("model.id", "a new id; models are named by name"), Map.entry("output.id", "a new id"),
			Map.entry("study.id", "a new id"), Map.entry("judgment.id", "a new id"),
			Map.entry("judgment_edit.id", "a new id"), Map.entry("task_flag.id", "a new id"),
			// The owner a row belongs to is the bundle's one eval set or study.
			Map.entry("item.eval_set_id", "the bundle's eval set"),
			Map.entry("study.eval_set_id", "the bundle's eval set"),
			Map.entry("study_model.study_id", "the bundle's study"), Map.entry("task.study_id", "the bundle's study"),
			Map.entry("rater.study_id", "the bundle's study"), Map.entry("assignment.study_id", "the bundle's study"),
			Map.entry("judgment.study_id", "the bundle's study"), Map.entry("task_flag.study_id", "the bundle's study"),
			Map.entry("rater_exclusion.study_id", "the bundle's study"),
			Map.entry("audit_entry.study_id", "the bundle's study"), Map.entry("audit_entry.id", "a new id"),
			// Carried by the order of the rows.
			Map.entry("item.position", "the order of items"),
			Map.entry("study_model.position", "the order of study.models"),
			// Derived from what is carried.
			Map.entry("output.text_length", "computed from the output on import"),
			Map.entry("task.open_load", "generated by the database from the counters"),
			// A model is shared by every study on an instance; it is created when first
			// seen.
			Map.entry("model.created_at", "when the model first came to this instance"),
			// Secrets: a copy of the data opens no study and shows no invite link.
			Map.entry("rater.token_hash", "a fresh unusable hash on import; new links are made there"),
			Map.entry("study.demo_invite_url", "the demo study's invite link, an instance's own"),
			// Participants stay on their instance (above), so an imported rater is none.
			Map.entry("rater.participant", "participants are not carried"),
			// Whether an instance lists the study: a moved study arrives in the lists.
			Map.entry("study.archived_at", "an imported study is not archived"));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyColumnOfAStudysTablesIsAFieldOfTheBundleOrListedAsNotCarried() {
		HttpTestClient admin = HttpTestClient.admin(this.port);
		long study = Campaign.run("columns", admin, this.port, this.jdbc).study();
		long firstRater = this.jdbc.sql("select min(id) from rater where study_id = ?")
			.param(study)
			.query(Long.class)
			.single();
		assertThat(admin
			.postJson("/api/studies/" + study + "/raters/" + firstRater + "/exclude", Map.of("reason", "columns"))
			.status()).isEqualTo(200);
		Response export = admin.get("/api/studies/" + study + "/export");
		assertThat(export.status()).as(export.body()).isEqualTo(200);
		JsonNode bundle = JSON.readTree(export.body());

		Map<String, Set<String>> columns = columns();
		Set<String> unaccounted = new TreeSet<>(columns.keySet());
		unaccounted.removeAll(SECTIONS.keySet());
		unaccounted.removeAll(NOT_STUDY_DATA);
		assertThat(unaccounted).as("tables neither in the bundle nor listed as not study data").isEmpty();

		List<String> dropped = new ArrayList<>();
		SECTIONS.forEach((table, section) -> {
			Set<String> fields = fields(bundle.path(section));
			assertThat(fields).as("fields of section " + section).isNotEmpty();
			for (String column : columns.get(table)) {
				String qualified = table + "." + column;
				if (!NOT_CARRIED.containsKey(qualified) && fieldNames(qualified).stream().noneMatch(fields::contains)) {
					dropped.add(qualified);
				}
			}
		});
		assertThat(dropped).as("columns the bundle does not carry; carry them, or list them in NOT_CARRIED").isEmpty();

		List<String> stale = new ArrayList<>();
		for (String qualified : concat(NOT_CARRIED.keySet(), RENAMED.keySet())) {
			String[] parts = qualified.split("\\.");
			if (!columns.getOrDefault(parts[0], Set.of()).contains(parts[1])) {
				stale.add(qualified);
			}
		}
		assertThat(stale).as("listed columns the database does not have").isEmpty();
	}

	/** Each table's columns, as the database has them after the migrations. */
	private Map<String, Set<String>> columns() {
		Map<String, Set<String>> columns = new TreeMap<>();
		this.jdbc.sql("""
				select lower(table_name), lower(column_name) from information_schema.columns
				where lower(table_schema) = lower(current_schema) and lower(table_name) <> 'flyway_schema_history'""")
			.query((rs) -> {
				columns.computeIfAbsent(rs.getString(1), (table) -> new TreeSet<>()).add(rs.getString(2));
			});
		return columns;
	}

	/** The fields of a section's object, or of all the objects of its array. */
	private static Set<String> fields(JsonNode section) {
		Set<String> fields = new TreeSet<>();
		List<JsonNode> rows = new ArrayList<>();
		if (section.isArray()) {
			section.forEach(rows::add);
		}
		else if (section.isObject()) {
			rows.add(section);
		}
		rows.forEach((row) -> fields.addAll(row.propertyNames()));
		return fields;
	}

	/**
	 * The names a column may be carried as: its listed new name, else its own name, its
	 * camel case, or, for a reference to another row, its name without {@code _id}.
	 */
	private static List<String> fieldNames(String qualified) {
		if (RENAMED.containsKey(qualified)) {
			return List.of(RENAMED.get(qualified));
		}
		String column = qualified.substring(qualified.indexOf('.') + 1);
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : column.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return List.of(column, camel.toString(), column.replaceFirst("_id$", ""));
	}

	private static List<String> concat(Set<String> a, Set<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
