package dev.pairwise.rating;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * How many tasks of each study can still be handed out, for the raters' progress bars,
 * counted at most once a second per study and instance: counting is a scan of the study's
 * open tasks, too dear to repeat for every one of thousands of requests a second, and a
 * progress bar a second behind is as useful. Assignment never uses this figure.
 */
@Component
class OpenTaskCounts {

	private static final long MAX_AGE_NANOS = 1_000_000_000L;

	private final RatingRepository repository;

	private final Map<Long, Count> counts = new ConcurrentHashMap<>();

	OpenTaskCounts(RatingRepository repository) {
		this.repository = repository;
	}

	int open(long studyId) {
		long now = System.nanoTime();
		Count count = this.counts.get(studyId);
		if (count == null || now - count.countedAt() > MAX_AGE_NANOS) {
			count = new Count(this.repository.countOpen(studyId), now);
			this.counts.put(studyId, count);
		}
		return count.open();
	}

	private record Count(int open, long countedAt) {
	}

}
