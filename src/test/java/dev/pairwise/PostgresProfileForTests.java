package dev.pairwise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pairwise.testsupport.TestPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Runs the app's own tests on the postgres profile: when the build's second test pass
 * includes that profile (the {@code postgres-tests} Maven profile), each app the tests
 * start gets a PostgreSQL database through {@code PAIRWISE_DB_URL},
 * {@code PAIRWISE_DB_USER} and {@code PAIRWISE_DB_PASSWORD}, standing in for the H2
 * database it would have had: a fresh one per test context (in place of the test
 * profile's in-memory database), and one per data directory for apps that a test starts
 * and restarts on an H2 file.
 */
class PostgresProfileForTests implements EnvironmentPostProcessor {

	private static final Map<String, TestPostgres.Database> BY_DATA_DIR = new ConcurrentHashMap<>();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("postgres")) || environment.containsProperty("PAIRWISE_DB_URL")
				|| !TestPostgres.configured()) {
			return;
		}
		TestPostgres.Database database = environment.acceptsProfiles(Profiles.of("test"))
				? TestPostgres.createDatabase() : BY_DATA_DIR.computeIfAbsent(
						environment.getProperty("pairwise.data-dir", "./data"), (dir) -> TestPostgres.createDatabase());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("pairwise-test-postgres",
					Map.of("PAIRWISE_DB_URL", database.url(), "PAIRWISE_DB_USER", database.user(),
							"PAIRWISE_DB_PASSWORD", database.password(), "spring.datasource.url", "${PAIRWISE_DB_URL}",
							"spring.datasource.username", "${PAIRWISE_DB_USER}", "spring.datasource.password",
							"${PAIRWISE_DB_PASSWORD}")));
	}

}
