package dev.pairwise.results;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.pairwise.rating.JudgmentsChanged;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Lets results follow judgments stored through any instance on one PostgreSQL database.
 * Each committed {@link JudgmentsChanged} is gathered for a fifth of a second and sent as
 * {@code NOTIFY}s per study, naming the judgments changed (or {@code *} for all of the
 * study's), outside the judgments' transactions, so the rating loop pays nothing for it.
 * Each instance {@code LISTEN}s on a connection of its own and hands what the others sent
 * straight to its results, never back to the event, so nothing it receives is sent again.
 * After a lost connection it tells its results that every study changed, since
 * notifications sent meanwhile are gone.
 */
@Component
@Profile("postgres")
class JudgmentsChangedAcrossInstances implements SmartLifecycle {

	static final String CHANNEL = "pairwise_judgments";

	private static final String WHOLE_STUDY = "*";

	/** PostgreSQL refuses a payload of 8000 bytes or more. */
	private static final int MAX_PAYLOAD = 7000;

	private static final Logger log = LoggerFactory.getLogger(JudgmentsChangedAcrossInstances.class);

	private final String instance = UUID.randomUUID().toString();

	/** Judgment ids changed by study since the last send; empty for the whole study. */
	private final Map<Long, Set<Long>> changed = new HashMap<>();

	private final JdbcClient jdbc;

	private final DataSourceProperties dataSource;

	private final ResultsService results;

	private volatile Thread listener;

	JudgmentsChangedAcrossInstances(JdbcClient jdbc, DataSourceProperties dataSource, ResultsService results) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.results = results;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onJudgmentsChanged(JudgmentsChanged event) {
		gather(event.studyId(), event.judgmentIds());
	}

	/** Adds ids (none: the whole study) to what the next send announces. */
	private synchronized void gather(long studyId, Set<Long> ids) {
		Set<Long> gathered = this.changed.get(studyId);
		if (ids.isEmpty()) {
			this.changed.put(studyId, new HashSet<>());
		}
		else if (gathered == null) {
			this.changed.put(studyId, new HashSet<>(ids));
		}
		else if (!gathered.isEmpty()) {
			gathered.addAll(ids);
		}
	}

	/**
	 * Sends what was gathered. What could not be sent, because the database could not be
	 * reached, is gathered again for the next send: the other instances would otherwise
	 * serve results without those judgments until the study changed again.
	 */
	@Scheduled(fixedDelayString = "${pairwise.instances.notify-interval:200ms}")
	void send() {
		Map<Long, Set<Long>> toSend;
		synchronized (this) {
			toSend = new HashMap<>(this.changed);
			this.changed.clear();
		}
		Deque<Long> unsent = new ArrayDeque<>(toSend.keySet());
		try {
			while (!unsent.isEmpty()) {
				long studyId = unsent.element();
				for (String payload : payloads(prefix(studyId), toSend.get(studyId))) {
					this.jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query().singleRow();
				}
				unsent.remove();
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not tell the other instances of judgments changed in {} studies; trying again: {}",
					unsent.size(), ex.getMessage());
			unsent.forEach((studyId) -> gather(studyId, toSend.get(studyId)));
		}
	}

	/** What a payload of this instance about the study starts with. */
	String prefix(long studyId) {
		return this.instance + " " + studyId + " ";
	}

	/** The ids, comma-separated, in as few payloads as fit; {@code *} for none. */
	static List<String> payloads(String prefix, Set<Long> ids) {
		if (ids.isEmpty()) {
			return List.of(prefix + WHOLE_STUDY);
		}
		List<String> payloads = new ArrayList<>();
		StringBuilder payload = new StringBuilder(prefix);
		for (long id : ids) {
			if (payload.length() > MAX_PAYLOAD) {
				payloads.add(payload.toString());
				payload = new StringBuilder(prefix);
			}
			if (payload.length() > prefix.length()) {
				payload.append(',');
			}
			payload.append(id);
		}
		payloads.add(payload.toString());
		return payloads;
	}

	/** The change a payload announces, or empty when this instance sent it. */
	Optional<JudgmentsChanged> received(String payload) {
		String[] parts = payload.split(" ", 3);
		if (parts[0].equals(this.instance)) {
			return Optional.empty();
		}
		long studyId = Long.parseLong(parts[1]);
		if (parts.length < 3 || parts[2].equals(WHOLE_STUDY)) {
			return Optional.of(JudgmentsChanged.wholeStudy(studyId));
		}
		Set<Long> ids = Arrays.stream(parts[2].split(",")).map(Long::valueOf).collect(Collectors.toSet());
		return Optional.of(new JudgmentsChanged(studyId, ids));
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
					deliver(this.jdbc.sql("select id from study")
						.query(Long.class)
						.list()
						.stream()
						.map(JudgmentsChanged::wholeStudy)
						.toList());
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.listener == Thread.currentThread()) {
					PGNotification[] received = notifications.getNotifications(1000);
					if (received != null) {
						deliver(Arrays.stream(received)
							.map(PGNotification::getParameter)
							.map(this::received)
							.flatMap(Optional::stream)
							.toList());
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

	private void deliver(List<JudgmentsChanged> changes) {
		changes.forEach(this.results::onJudgmentsChanged);
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
