package dev.pairwise.rating;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
