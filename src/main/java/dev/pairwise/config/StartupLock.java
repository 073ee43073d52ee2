package dev.pairwise.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Serialises the start-up work of app instances that share one database: the first runner
 * takes the row lock of {@code startup_lock} on a connection of its own and the last one
 * commits it, so the runners in between (admin account, bundled eval sets, demo study)
 * see each other's work complete instead of racing to insert the same rows. A crashed
 * instance releases the lock when its connection closes.
 */
@Component
class StartupLock {

	private final DataSource dataSource;

	private Connection holder;

	StartupLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Component
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class Acquire implements ApplicationRunner {

		private final StartupLock lock;

		Acquire(StartupLock lock) {
			this.lock = lock;
		}

		@Override
		public void run(ApplicationArguments args) throws SQLException {
			this.lock.acquire();
		}

	}

	@Component
	@Order(Ordered.LOWEST_PRECEDENCE)
	static class Release implements ApplicationRunner {

		private final StartupLock lock;

		Release(StartupLock lock) {
			this.lock = lock;
		}

		@Override
		public void run(ApplicationArguments args) throws SQLException {
			this.lock.release();
		}

	}

	synchronized void acquire() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		try {
			connection.setAutoCommit(false);
			try (PreparedStatement lock = connection
				.prepareStatement("select name from startup_lock where name = 'startup' for update")) {
				lock.executeQuery().close();
			}
			this.holder = connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	synchronized void release() throws SQLException {
		if (this.holder != null) {
			try (Connection connection = this.holder) {
				connection.commit();
			}
			finally {
				this.holder = null;
			}
		}
	}

}
