package dev.pairwise.results;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.pairwise.testsupport.TestPostgres;
import dev.pairwise.rating.JudgmentsChanged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The payloads of the notifications that carry changed judgments between instances. */
class JudgmentsChangedAcrossInstancesTests {

	private final JudgmentsChangedAcrossInstances receiver = new JudgmentsChangedAcrossInstances(null, null, null);

	@Test
	void manyJudgmentsAreSplitIntoPayloadsPostgresAcceptsAndReadBackWhole() {
		Set<Long> ids = LongStream.range(1_000_000_000_000L, 1_000_000_003_000L).boxed().collect(Collectors.toSet());
		List<String> payloads = JudgmentsChangedAcrossInstances.payloads("other-instance 42 ", ids);

		// 499 ids of 13 digits and a comma fill a payload past 7000 characters.
		assertThat(payloads).hasSize(7)
			.allSatisfy((payload) -> assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000));
		Set<Long> received = new HashSet<>();
		for (String payload : payloads) {
			JudgmentsChanged change = this.receiver.received(payload).orElseThrow();
			assertThat(change.studyId()).isEqualTo(42);
			received.addAll(change.judgmentIds());
		}
		assertThat(received).isEqualTo(ids);
	}

	@Test
	void aChangeOfTheWholeStudyIsAStar() {
		List<String> payloads = JudgmentsChangedAcrossInstances.payloads("other-instance 7 ", Set.of());

		assertThat(payloads).containsExactly("other-instance 7 *");
		assertThat(this.receiver.received(payloads.get(0))).contains(JudgmentsChanged.wholeStudy(7));
	}

	@Test
	void anInstanceIgnoresWhatItSentItself() {
		String own = JudgmentsChangedAcrossInstances.payloads(this.receiver.prefix(3), Set.of(5L)).get(0);

		assertThat(this.receiver.received(own)).isEmpty();
	}

	@Test
	@Tag("postgres")
	void changesThatCouldNotBeSentAreSentOnceTheDatabaseAnswersAgain() throws Exception {
		TestPostgres.assumeConfigured();
		TestPostgres.Database database = TestPostgres.createDatabase();
		// Nothing listens on port 1: connecting is refused, as when the server is down.
		DelegatingDataSource dataSource = new DelegatingDataSource(new SimpleDriverDataSource(
				new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:1/postgres", "postgres", ""));
		JudgmentsChangedAcrossInstances sender = new JudgmentsChangedAcrossInstances(JdbcClient.create(dataSource),
				null, null);
		sender.onJudgmentsChanged(new JudgmentsChanged(7, Set.of(11L, 12L)));
		sender.onJudgmentsChanged(JudgmentsChanged.wholeStudy(8));
		assertThatNoException().isThrownBy(sender::send);

		try (Connection listening = DriverManager.getConnection(database.url(), database.user(), database.password())) {
			try (Statement statement = listening.createStatement()) {
				statement.execute("listen " + JudgmentsChangedAcrossInstances.CHANNEL);
			}
			dataSource.setTargetDataSource(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(),
					database.user(), database.password()));
			sender.onJudgmentsChanged(JudgmentsChanged.judgment(7, 13L));
			sender.send();

			Set<JudgmentsChanged> received = new HashSet<>();
			PGConnection notifications = listening.unwrap(PGConnection.class);
			for (int wait = 0; wait < 10 && received.size() < 2; wait++) {
				PGNotification[] batch = notifications.getNotifications(1000);
				for (PGNotification notification : (batch != null) ? batch : new PGNotification[0]) {
					received.add(this.receiver.received(notification.getParameter()).orElseThrow());
				}
			}
			assertThat(received).containsExactlyInAnyOrder(new JudgmentsChanged(7, Set.of(11L, 12L, 13L)),
					JudgmentsChanged.wholeStudy(8));
		}
	}

}
