package dev.pairwise.rating;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries {@link JudgmentsChanged} to every instance on one PostgreSQL database, so that
 * what an instance caches about a study's judgments (results) is dropped when a judgment
 * is stored through any instance. Changes are gathered for a fifth of a second and sent
 * as one {@code NOTIFY} per study, outside the judgments' transactions, so the rating
 * loop pays nothing for it; each instance {@code LISTEN}s on a connection of its own and
 * republishes what the others sent. After a lost connection it republishes the change of
 * every study, since notifications sent meanwhile are gone.
 */
@Component
@Profile("postgres")
class JudgmentsChangedAcrossInstances implements SmartLifecycle {

	static final String CHANNEL = "pairwise_judgments";

	private static final Logger log = LoggerFactory.getLogger(JudgmentsChangedAcrossInstances.class);

	private static final ThreadLocal<Boolean> RELAYING = ThreadLocal.withInitial(() -> false);

	private final String instance = UUID.randomUUID().toString();

	private final Set<Long> changed = ConcurrentHashMap.newKeySet();

	private final JdbcClient jdbc;

	private final DataSourceProperties dataSource;

	private final ApplicationEventPublisher events;

	private volatile Thread listener;

	JudgmentsChangedAcrossInstances(JdbcClient jdbc, DataSourceProperties dataSource,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.events = events;
	}

	@EventListener
	void onJudgmentsChanged(JudgmentsChanged event) {
		if (!RELAYING.get()) {
			this.changed.add(event.studyId());
		}
	}

	@Scheduled(fixedDelayString = "${pairwise.instances.notify-interval:200ms}")
	void send() {
		Iterator<Long> studies = this.changed.iterator();
		while (studies.hasNext()) {
			long studyId = studies.next();
			studies.remove();
			this.jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, this.instance + " " + studyId).query().singleRow();
		}
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::listen, "judgments-changed-listener");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.listener;
		this.listener = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.listener != null;
	}

	private void listen() {
		boolean reconnecting = false;
		while (this.listener == Thread.currentThread()) {
			try (Connection connection = DriverManager.getConnection(this.dataSource.determineUrl(),
					this.dataSource.determineUsername(), this.dataSource.determinePassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				if (reconnecting) {
					relay(this.jdbc.sql("select id from study").query(Long.class).list());
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.listener == Thread.currentThread()) {
					PGNotification[] received = notifications.getNotifications(1000);
					if (received != null) {
						relay(studiesChangedElsewhere(received));
					}
				}
			}
			catch (SQLException ex) {
				if (this.listener == Thread.currentThread()) {
					log.warn("Lost the connection that listens for judgments stored by other instances; retrying: {}",
							ex.getMessage());
					reconnecting = true;
					sleep();
				}
			}
		}
	}

	private List<Long> studiesChangedElsewhere(PGNotification[] received) {
		return java.util.Arrays.stream(received)
			.map(PGNotification::getParameter)
			.filter((payload) -> !payload.startsWith(this.instance + " "))
			.map((payload) -> Long.parseLong(payload.substring(payload.indexOf(' ') + 1)))
			.distinct()
			.toList();
	}

	private void relay(List<Long> studies) {
		RELAYING.set(true);
		try {
			studies.forEach((studyId) -> this.events.publishEvent(new JudgmentsChanged(studyId)));
		}
		finally {
			RELAYING.set(false);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
