package dev.pairwise.exclusion;

import java.time.Clock;
import java.util.List;

import dev.pairwise.rating.JudgmentsChanged;
import dev.pairwise.rating.RaterLeases;
import dev.pairwise.study.TaskPool;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Excludes raters from a study's results and includes them again.
 * <p>
 * Each change runs in one transaction that first takes the rater's row lock, which the
 * rater's own requests take too: an answer in flight is either counted before the
 * exclusion (and then withdrawn with the others) or refused after it, and an excluded
 * rater is handed no task. The counters of the rater's tasks change through
 * {@link TaskPool}'s conditional updates, under each task's row lock, so no task ever
 * holds more than k counted judgments:
 * <ul>
 * <li>excluding withdraws each of the rater's judgments from its task's count and ends
 * the rater's leases, so the tasks are offered to others while the study is open (and
 * when it is opened again);</li>
 * <li>including counts each judgment again only where its task still has room; when other
 * raters have filled any of them meanwhile, including is refused as a whole (409) and the
 * rater stays excluded, since counting the rater again would push those tasks past k, or
 * count only part of what the rater did.</li>
 * </ul>
 */
@Service
public class RaterExclusions {

	static final int MAX_REASON = 2000;

	private final ExclusionRepository repository;

	private final TaskPool taskPool;

	private final RaterLeases leases;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RaterExclusions(ExclusionRepository repository, TaskPool taskPool, RaterLeases leases,
			ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.taskPool = taskPool;
		this.leases = leases;
		this.events = events;
		this.clock = clock;
	}

	/** The study's excluded raters, oldest invite first. */
	public List<RaterStanding> excluded(long studyId) {
		return this.repository.excludedOf(studyId);
	}

	/** Excludes the rater; excluding an excluded rater changes nothing. */
	@Transactional
	public RaterStanding exclude(long studyId, long raterId, String reason) {
		String why = requireReason(reason);
		requireRater(studyId, raterId);
		RaterStanding now = this.repository.standing(raterId).orElseThrow();
		if (now.excluded()) {
			return now;
		}
		this.repository.insert(studyId, raterId, why, this.clock.instant());
		this.leases.endAll(raterId);
		this.repository.judgedTasks(raterId).forEach(this.taskPool::withdrawAccepted);
		this.events.publishEvent(JudgmentsChanged.wholeStudy(studyId));
		return this.repository.standing(raterId).orElseThrow();
	}

	/** Counts the rater's judgments again, all of them or (409) none. */
	@Transactional
	public RaterStanding include(long studyId, long raterId) {
		requireRater(studyId, raterId);
		RaterStanding now = this.repository.standing(raterId).orElseThrow();
		if (!now.excluded()) {
			return now;
		}
		List<Long> tasks = this.repository.judgedTasks(raterId);
		long filled = tasks.stream().filter((task) -> !this.taskPool.acceptIfRoom(task)).count();
		if (filled > 0) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, filled + " of the " + tasks.size()
					+ " tasks this rater judged have since been completed by other raters; counting this rater again"
					+ " would give them more judgments than the study's k. The rater stays excluded.");
		}
		this.repository.delete(raterId);
		this.events.publishEvent(JudgmentsChanged.wholeStudy(studyId));
		return this.repository.standing(raterId).orElseThrow();
	}

	private void requireRater(long studyId, long raterId) {
		if (!this.repository.lockRater(studyId, raterId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No rater " + raterId + " in study " + studyId);
		}
	}

	private static String requireReason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"reason is required: say why this rater's judgments are left out, for the record and the results page");
		}
		String trimmed = reason.strip();
		if (trimmed.length() > MAX_REASON || trimmed.indexOf('\0') >= 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"reason must be at most " + MAX_REASON + " characters of text");
		}
		return trimmed;
	}

}
