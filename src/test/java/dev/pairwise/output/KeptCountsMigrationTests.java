package dev.pairwise.output;

import dev.pairwise.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V33 on a database that already holds eval sets and outputs: the kept counts
 * start out exact, so an existing install's list pages show what they showed before, on
 * H2 and, when configured, PostgreSQL.
 */
class KeptCountsMigrationTests {

	@Test
	void countsTheItemsAndOutputsOfExistingSetsOnH2() {
		assertBackfill(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:v33-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""), "h2");
	}

	@Test
	void countsTheItemsAndOutputsOfExistingSetsOnPostgres() {
		TestPostgres.assumeConfigured();
		TestPostgres.Database database = TestPostgres.createDatabase();
		assertBackfill(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(), database.user(),
				database.password()), "postgresql");
	}

	private static void assertBackfill(SimpleDriverDataSource dataSource, String vendor) {
		migrate(dataSource, vendor, "30");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("""
				insert into eval_set (id, name, version, title, created_at) values
				(1, 'set', '1', 'Set', current_timestamp), (2, 'empty', '1', 'Empty', current_timestamp)""").update();
		jdbc.sql("""
				insert into item (id, eval_set_id, position, item_key, category, setting, prompt) values
				(1, 1, 0, 'q1', 'math', 'zero-shot', 'a'), (2, 1, 1, 'q2', 'prose', 'few-shot', 'b'),
				(3, 1, 2, 'q3', 'math', 'zero-shot', 'c')""").update();
		jdbc.sql("insert into model (id, name, created_at) values (1, 'a', current_timestamp), "
				+ "(2, 'b', current_timestamp), (3, 'none', current_timestamp)")
			.update();
		jdbc.sql("""
				insert into output (item_id, model_id, text, text_length) values
				(1, 1, 'x', 1), (2, 1, 'x', 1), (3, 1, 'x', 1), (2, 2, 'y', 1)""").update();

		migrate(dataSource, vendor, "33");

		assertThat(jdbc
			.sql("select eval_set_id, kind, label, items, first_position from eval_set_count"
					+ " order by eval_set_id, kind, first_position")
			.query((rs, row) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4)
					+ " from " + rs.getInt(5))
			.list()).containsExactly("1 category math 2 from 0", "1 category prose 1 from 1",
					"1 setting zero-shot 2 from 0", "1 setting few-shot 1 from 1");
		assertThat(jdbc.sql("select eval_set_id, model_id, outputs from output_count order by model_id")
			.query((rs, row) -> rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getInt(3))
			.list()).containsExactly("1 1 3", "1 2 1");
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
