package dev.pairwise.bundle;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ArgumentTypePreparedStatementSetter;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Rows of one table waiting to be inserted in one batch; with {@code ids}, the new id of
 * each row is recorded under the row's old id (its ref), which must grow from row to row.
 */
public final class BatchInsert {

	private static final int BATCH_SIZE = 500;

	private final JdbcTemplate batch;

	private final String sql;

	private final int[] types;

	private final IdMap ids;

	private final List<Object[]> rows = new ArrayList<>(BATCH_SIZE);

	private final List<Long> refs = new ArrayList<>(BATCH_SIZE);

	private long lastRef = Long.MIN_VALUE;

	/**
	 * @param sql the insert, one {@code ?} per value of a row
	 * @param types the SQL type of each value ({@link java.sql.Types})
	 * @param ids where to record the new ids under the rows' refs, or null
	 */
	public BatchInsert(JdbcTemplate batch, String sql, int[] types, IdMap ids) {
		this.batch = batch;
		this.sql = sql;
		this.types = types;
		this.ids = ids;
	}

	/**
	 * False, with an error, when {@code ref} does not come after the previous one.
	 */
	public boolean ordered(BundleElement element, long ref) {
		if (ref <= this.lastRef) {
			element.error("ref", "must be greater than the ref before it (rows come in the order of their refs)");
			return false;
		}
		this.lastRef = ref;
		return true;
	}

	public void add(Object... row) {
		this.rows.add(row);
		if (this.rows.size() == BATCH_SIZE) {
			flush();
		}
	}

	public void addWithRef(long ref, Object... row) {
		this.refs.add(ref);
		add(row);
	}

	public void flush() {
		if (this.rows.isEmpty()) {
			return;
		}
		if (this.ids == null) {
			this.batch.batchUpdate(this.sql, this.rows, this.types);
		}
		else {
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			this.batch.batchUpdate((connection) -> connection.prepareStatement(this.sql, new String[] { "id" }),
					new BatchPreparedStatementSetter() {

						@Override
						public void setValues(PreparedStatement ps, int i) throws SQLException {
							new ArgumentTypePreparedStatementSetter(BatchInsert.this.rows.get(i),
									BatchInsert.this.types)
								.setValues(ps);
						}

						@Override
						public int getBatchSize() {
							return BatchInsert.this.rows.size();
						}

					}, keys);
			List<Map<String, Object>> generated = keys.getKeyList();
			for (int i = 0; i < generated.size(); i++) {
				this.ids.add(this.refs.get(i), ((Number) generated.get(i).values().iterator().next()).longValue());
			}
			this.refs.clear();
		}
		this.rows.clear();
	}

	/** An instant as a statement takes it; null stays null. */
	public static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
