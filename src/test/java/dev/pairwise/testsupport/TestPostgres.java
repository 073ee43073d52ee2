package dev.pairwise.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests may use, from {@code PAIRWISE_TEST_POSTGRES_URL},
 * {@code PAIRWISE_TEST_POSTGRES_USER} and {@code PAIRWISE_TEST_POSTGRES_PASSWORD}
 * (.ci/run starts a throw-away server and sets them). Each caller gets a fresh database
 * of its own, dropped when the test JVM exits.
 */
public final class TestPostgres {

	public static final String URL_VARIABLE = "PAIRWISE_TEST_POSTGRES_URL";

	private static final List<String> CREATED = new ArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "drop-test-databases"));
	}

	private TestPostgres() {
	}

	public static boolean configured() {
		String url = System.getenv(URL_VARIABLE);
		return url != null && !url.isBlank();
	}

	/** Skips the calling test, saying why, when no server is configured. */
	public static void assumeConfigured() {
		Assumptions.assumeTrue(configured(), "No PostgreSQL server for the tests: set " + URL_VARIABLE
				+ ", PAIRWISE_TEST_POSTGRES_USER and PAIRWISE_TEST_POSTGRES_PASSWORD (.ci/run starts one) to run this");
	}

	/** Creates an empty database on the configured server. */
	public static Database createDatabase() {
		String name = "pairwise_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute("create database " + name);
		synchronized (CREATED) {
			CREATED.add(name);
		}
		String serverUrl = System.getenv(URL_VARIABLE);
		int query = serverUrl.indexOf('?');
		String base = (query >= 0) ? serverUrl.substring(0, query) : serverUrl;
		String parameters = (query >= 0) ? serverUrl.substring(query) : "";
		String url = base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
		return new Database(url, user(), password());
	}

	private static String user() {
		String user = System.getenv("PAIRWISE_TEST_POSTGRES_USER");
		return (user == null || user.isBlank()) ? "postgres" : user;
	}

	private static String password() {
		String password = System.getenv("PAIRWISE_TEST_POSTGRES_PASSWORD");
		return (password == null) ? "" : password;
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(System.getenv(URL_VARIABLE), user(), password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + System.getenv(URL_VARIABLE) + ": " + ex.getMessage(),
					ex);
		}
	}

	private static void dropCreated() {
		synchronized (CREATED) {
			for (String name : CREATED) {
				try {
					execute("drop database if exists " + name + " with (force)");
				}
				catch (IllegalStateException ex) {
					// The server may already be gone (CI stops it with the build);
					// nothing to clean then.
				}
			}
		}
	}

	/** A database to connect to. */
	public record Database(String url, String user, String password) {
	}

}
