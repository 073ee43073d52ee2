package dev.pairwise.rating;

import dev.pairwise.study.TaskPool;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a rater's leases in the caller's transaction, so that the tasks they hold go back
 * to the pool at once and together with the caller's change (an exclusion).
 */
@Service
public class RaterLeases {

	private final RatingRepository repository;

	private final TaskPool taskPool;

	RaterLeases(RatingRepository repository, TaskPool taskPool) {
		this.repository = repository;
		this.taskPool = taskPool;
	}

	/** Ends each lease the rater holds; returns how many ended. */
	@Transactional
	public int endAll(long raterId) {
		int ended = 0;
		for (RatingRepository.LeasedTask lease : this.repository.leasesOf(raterId)) {
			if (this.repository.transition(lease.assignmentId(), AssignmentRow.LEASED, AssignmentRow.EXPIRED)) {
				if (!lease.attention()) {
					this.taskPool.releaseLease(lease.taskId());
				}
				ended++;
			}
		}
		return ended;
	}

}
