package dev.pairwise.rating;

import java.time.Clock;

import dev.pairwise.rating.RatingRepository.LeasedTask;
import dev.pairwise.study.RaterRevoked;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns the tasks of expired leases to the pool. Each lease is released in its own
 * short transaction by a conditional state change, so several instances may sweep at once
 * and a judgment that arrives at the same moment either wins the lease or finds it
 * expired.
 */
@Component
class LeaseSweeper {

	private static final int BATCH = 500;

	private final RatingRepository repository;

	private final TransactionTemplate transactions;

	private final Clock clock;

	LeaseSweeper(RatingRepository repository, TransactionTemplate transactions, Clock clock) {
		this.repository = repository;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * A revoked rater's leases end with the invite, so that the tasks they held are
	 * offered to others now rather than when the leases would have expired.
	 */
	@EventListener
	void revoked(RaterRevoked event) {
		for (LeasedTask lease : this.repository.leasesOf(event.raterId())) {
			if (this.repository.transition(lease.assignmentId(), AssignmentRow.LEASED, AssignmentRow.EXPIRED)
					&& !lease.attention()) {
				this.repository.releaseLease(lease.taskId());
			}
		}
	}

	@Scheduled(fixedDelayString = "${pairwise.leases.sweep-interval:10s}")
	int sweep() {
		int released = 0;
		for (LeasedTask lease : this.repository.expiredLeases(this.clock.instant(), BATCH)) {
			Boolean done = this.transactions.execute((status) -> {
				if (!this.repository.transition(lease.assignmentId(), AssignmentRow.LEASED, AssignmentRow.EXPIRED)) {
					return false;
				}
				if (!lease.attention()) {
					this.repository.releaseLease(lease.taskId());
				}
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				released++;
			}
		}
		return released;
	}

}
