package dev.pairwise.study;

import java.util.List;

import dev.pairwise.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V7 on a database that already holds studies: each study gets its sixteen
 * count rows, and their sum is the number of its tasks that can still be handed out
 * (real, with room for a judgment or a lease), on H2 and, when configured, PostgreSQL.
 */
class OpenTaskCountMigrationTests {

	@Test
	void countsTheOpenTasksOfExistingStudiesOnH2() {
		assertBackfill(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:v7-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""), "h2");
	}

	@Test
	void countsTheOpenTasksOfExistingStudiesOnPostgres() {
		TestPostgres.assumeConfigured();
		TestPostgres.Database database = TestPostgres.createDatabase();
		assertBackfill(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(), database.user(),
				database.password()), "postgresql");
	}

	private static void assertBackfill(SimpleDriverDataSource dataSource, String vendor) {
		migrate(dataSource, vendor, "6");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql(
				"""
						insert into eval_set (id, name, version, title, created_at) values (1, 'set', '1', 'Set', current_timestamp)
						""")
			.update();
		jdbc.sql("""
				insert into item (id, eval_set_id, position, item_key, category, setting, prompt)
				values (1, 1, 1, 'q1', 'planning', 'zero-shot', 'Plan a trip.')""").update();
		jdbc.sql(
				"insert into model (id, name, created_at) values (1, 'a', current_timestamp), (2, 'b', current_timestamp)")
			.update();
		for (long study : List.of(1L, 2L)) {
			jdbc.sql(
					"""
							insert into study (id, name, eval_set_id, pairing, ratings_per_task, scale, attention_check_rate,
							  reason_mode, allow_edit, lease_seconds, state, created_at)
							values (?, 'study', 1, 'all-pairs', 3, 'binary', 0, 'optional', false, 600, 'open', current_timestamp)""")
				.param(study)
				.update();
		}
		// Study 1: two tasks with room, one full of judgments, one full with a lease, one
		// attention check; study 2 has no task.
		task(jdbc, null, 0, 0);
		task(jdbc, null, 1, 1);
		task(jdbc, null, 3, 0);
		task(jdbc, null, 2, 1);
		task(jdbc, "empty", 0, 0);

		migrate(dataSource, vendor, "latest");

		assertThat(jdbc.sql("select study_id, count(*), sum(tasks) from open_task_count group by study_id order by 1")
			.query((rs, row) -> rs.getLong(1) + ": " + rs.getInt(2) + " rows, " + rs.getInt(3) + " open")
			.list()).containsExactly("1: 16 rows, 2 open", "2: 16 rows, 0 open");
	}

	private static void task(JdbcClient jdbc, String attentionKind, int accepted, int leased) {
		jdbc.sql("""
				insert into task (study_id, item_id, model_a_id, model_b_id, attention_kind, needed, accepted, leased,
				  shuffle) values (1, 1, 1, 2, ?, 3, ?, ?, 7)""").params(attentionKind, accepted, leased).update();
	}

	private static void migrate(SimpleDriverDataSource dataSource, String vendor, String target) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.target(target)
			.load()
			.migrate();
	}

}
