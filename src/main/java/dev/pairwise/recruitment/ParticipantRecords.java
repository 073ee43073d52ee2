package dev.pairwise.recruitment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.pairwise.exclusion.RaterExclusions;
import dev.pairwise.exclusion.RaterStanding;
import dev.pairwise.rating.Winner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds each participant's record from their judgments: active time (each task's time
 * capped, so a participant who left a tab open is not paid for it), attention-check
 * accuracy, median time, the flags that warrant a look, their status and a suggested
 * action with its reason.
 */
@Component
class ParticipantRecords {

	/** Time on one task beyond this is idle time, not work. */
	static final Duration TASK_TIME_CAP = Duration.ofMinutes(5);

	/**
	 * A participant with no activity for this long has returned or abandoned the study.
	 */
	static final Duration INACTIVE_AFTER = Duration.ofHours(1);

	static final double TOO_FAST_SECONDS = 5;

	static final int MIN_JUDGMENTS_FOR_FLAGS = 5;

	static final double LEFT_BIAS_SHARE = 0.9;

	static final double LOW_AGREEMENT_SHARE = 0.4;

	static final double MIN_ATTENTION_ACCURACY = 0.5;

	private final JdbcClient jdbc;

	private final RecruitmentRepository repository;

	private final RaterExclusions exclusions;

	private final Clock clock;

	ParticipantRecords(JdbcClient jdbc, RecruitmentRepository repository, RaterExclusions exclusions, Clock clock) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.exclusions = exclusions;
		this.clock = clock;
	}

	List<ParticipantRecord> of(long studyId) {
		Map<Long, List<Row>> byRater = judgments(studyId).stream().collect(Collectors.groupingBy(Row::raterId));
		Map<Long, Winner> majority = majorities(studyId);
		Map<Long, RaterStanding> excluded = this.exclusions.excluded(studyId)
			.stream()
			.collect(Collectors.toMap(RaterStanding::raterId, Function.identity()));
		List<ParticipantRecord> records = new ArrayList<>();
		for (Participant participant : this.repository.participants(studyId)) {
			records.add(record(participant, byRater.getOrDefault(participant.raterId(), List.of()), majority,
					excluded.get(participant.raterId())));
		}
		return records;
	}

	private ParticipantRecord record(Participant participant, List<Row> rows, Map<Long, Winner> majority,
			RaterStanding exclusion) {
		List<Row> real = rows.stream().filter((row) -> !row.attention()).toList();
		List<Row> checks = rows.stream().filter(Row::attention).toList();
		long activeMs = rows.stream()
			.mapToLong((row) -> Math.min((row.elapsedMs() != null) ? row.elapsedMs() : 0, TASK_TIME_CAP.toMillis()))
			.sum();
		Double accuracy = checks.isEmpty() ? null
				: checks.stream().filter(Row::attentionCorrect).count() / (double) checks.size();
		Double median = median(rows);
		List<String> flags = flags(real, median, majority);
		Instant last = rows.stream().map(Row::createdAt).max(Instant::compareTo).orElse(null);
		Instant lastActivity = latest(latest(participant.enrolledAt(), participant.consentAt()), last);
		String status = status(participant, exclusion, rows.size(), lastActivity);
		Suggestion suggestion = suggestion(participant, status, exclusion, accuracy, flags);
		return new ParticipantRecord(participant.platformId(), participant.extraParams(), participant.consentAt(),
				participant.enrolledAt(), lastActivity, activeMs / 1000, rows.size(), checks.size(), accuracy,
				participant.qualificationScore(), median, flags, status, suggestion.action(), suggestion.reason());
	}

	private String status(Participant participant, RaterStanding exclusion, int judgments, Instant lastActivity) {
		if (participant.screenedOut()) {
			return Participant.SCREENED_OUT;
		}
		if (exclusion != null) {
			return "excluded";
		}
		if (Participant.COMPLETED.equals(participant.status())) {
			return Participant.COMPLETED;
		}
		if (lastActivity.isBefore(this.clock.instant().minus(INACTIVE_AFTER))) {
			return (judgments == 0) ? "returned" : "abandoned";
		}
		return "in-progress";
	}

	private static Suggestion suggestion(Participant participant, String status, RaterStanding exclusion,
			Double accuracy, List<String> flags) {
		return switch (status) {
			case Participant.SCREENED_OUT ->
				participant.statusReason() != null && participant.statusReason().startsWith("Failed")
						? new Suggestion("reject", participant.statusReason())
						: new Suggestion("approve", "screened out by the qualification: pay the screen-out rate ("
								+ participant.statusReason() + ")");
			case "excluded" -> new Suggestion("reject", exclusion.reason());
			case Participant.COMPLETED -> {
				if (accuracy != null && accuracy < MIN_ATTENTION_ACCURACY) {
					yield new Suggestion("reject", "attention-check accuracy " + Math.round(accuracy * 100)
							+ "% is under " + Math.round(MIN_ATTENTION_ACCURACY * 100) + "%");
				}
				if (!flags.isEmpty()) {
					yield new Suggestion("review", "flagged: " + String.join(", ", flags));
				}
				yield new Suggestion("approve", "completed the tasks");
			}
			default -> new Suggestion("review", "did not finish (" + status + ")");
		};
	}

	private static List<String> flags(List<Row> real, Double median, Map<Long, Winner> majority) {
		List<String> flags = new ArrayList<>();
		if (real.size() < MIN_JUDGMENTS_FOR_FLAGS) {
			return flags;
		}
		if (median != null && median < TOO_FAST_SECONDS) {
			flags.add(ParticipantRecord.TOO_FAST);
		}
		List<Row> decisive = real.stream().filter(Row::decisive).toList();
		if (decisive.size() >= MIN_JUDGMENTS_FOR_FLAGS
				&& decisive.stream().filter(Row::choseLeft).count() >= LEFT_BIAS_SHARE * decisive.size()) {
			flags.add(ParticipantRecord.LEFT_BIAS);
		}
		List<Row> compared = real.stream().filter((row) -> majority.containsKey(row.taskId())).toList();
		if (compared.size() >= MIN_JUDGMENTS_FOR_FLAGS && compared.stream()
			.filter((row) -> row.winner() == majority.get(row.taskId()))
			.count() < LOW_AGREEMENT_SHARE * compared.size()) {
			flags.add(ParticipantRecord.LOW_AGREEMENT);
		}
		return flags;
	}

	private static Double median(List<Row> rows) {
		double[] seconds = rows.stream()
			.filter((row) -> row.elapsedMs() != null)
			.mapToDouble((row) -> row.elapsedMs() / 1000.0)
			.sorted()
			.toArray();
		if (seconds.length == 0) {
			return null;
		}
		int middle = seconds.length / 2;
		return (seconds.length % 2 == 1) ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
	}

	private List<Row> judgments(long studyId) {
		return this.jdbc.sql("""
				select j.rater_id, j.task_id, j.winner, j.left_is_a, j.elapsed_ms, j.attention, j.attention_correct,
				  j.created_at
				from judgment j join participant p on p.rater_id = j.rater_id
				where j.study_id = ?""").param(studyId).query((rs, row) -> {
			long elapsed = rs.getLong("elapsed_ms");
			Long elapsedMs = rs.wasNull() ? null : elapsed;
			boolean leftIsA = rs.getBoolean("left_is_a");
			Boolean left = rs.wasNull() ? null : leftIsA;
			return new Row(rs.getLong("rater_id"), rs.getLong("task_id"), Winner.fromStored(rs.getString("winner")),
					left, elapsedMs, rs.getBoolean("attention"), rs.getBoolean("attention_correct"),
					rs.getTimestamp("created_at").toInstant());
		}).list();
	}

	/**
	 * Each real task's most frequent answer among all its judgments, where one answer is
	 * ahead of the others (a tie among answers gives no majority).
	 */
	private Map<Long, Winner> majorities(long studyId) {
		Map<Long, Map<Winner, Integer>> counts = new HashMap<>();
		this.jdbc.sql("""
				select task_id, winner, count(*) as n from judgment
				where study_id = ? and attention = false and task_id is not null
				group by task_id, winner""").param(studyId).query((rs) -> {
			counts.computeIfAbsent(rs.getLong("task_id"), (task) -> new HashMap<>())
				.put(Winner.fromStored(rs.getString("winner")), rs.getInt("n"));
		});
		Map<Long, Winner> majority = new HashMap<>();
		counts.forEach((task, answers) -> {
			int total = answers.values().stream().mapToInt(Integer::intValue).sum();
			answers.forEach((answer, n) -> {
				if (total >= 3 && n * 2 > total) {
					majority.put(task, answer);
				}
			});
		});
		return majority;
	}

	private static Instant latest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

	/** What to do with a participant's submission on the platform, and why. */
	private record Suggestion(String action, String reason) {
	}

	private record Row(long raterId, long taskId, Winner winner, Boolean leftIsA, Long elapsedMs, boolean attention,
			boolean attentionCorrect, Instant createdAt) {

		boolean decisive() {
			return this.leftIsA != null && (this.winner == Winner.MODEL_A || this.winner == Winner.MODEL_B);
		}

		boolean choseLeft() {
			return (this.winner == Winner.MODEL_A) == this.leftIsA;
		}

	}

}
