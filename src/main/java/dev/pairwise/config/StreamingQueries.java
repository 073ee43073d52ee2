package dev.pairwise.config;

import java.sql.DatabaseMetaData;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a large result row by row, never collected into a list: a large fetch size, so
 * that PostgreSQL uses a cursor instead of loading a million rows, and H2's lazy
 * execution, so that H2 hands rows over as it reads them instead of first buffering the
 * whole result (to a temporary file beyond a few thousand rows), which halves the time to
 * read a million judgments.
 */
@Component
public class StreamingQueries {

	private static final int FETCH_SIZE = 5000;

	private final JdbcClient client;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final boolean h2;

	StreamingQueries(JdbcTemplate jdbc, PlatformTransactionManager transactions) throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
		streaming.setFetchSize(FETCH_SIZE);
		this.client = JdbcClient.create(streaming);
		this.h2 = "H2"
			.equals(JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName));
	}

	/** A client that fetches rows in large steps; run its queries in {@link #run}. */
	public JdbcClient client() {
		return this.client;
	}

	/**
	 * Runs a streaming query with H2's lazy execution on. Runs in a transaction, so that
	 * the setting and the query share the connection; it is reset before the connection
	 * goes back to the pool. PostgreSQL streams through the fetch size instead.
	 */
	public void run(Runnable query) {
		this.readOnly.executeWithoutResult((status) -> {
			if (!this.h2) {
				query.run();
				return;
			}
			this.jdbc.execute("set lazy_query_execution true");
			try {
				query.run();
			}
			finally {
				this.jdbc.execute("set lazy_query_execution false");
			}
		});
	}

}
