package dev.pairwise.rating;

import java.time.Clock;

import dev.pairwise.rating.RatingRepository.LeasedTask;
import dev.pairwise.study.RaterRevoked;
import dev.pairwise.study.TaskPool;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns the tasks of expired and revoked leases to the pool. Each lease is released in
 * its own short transaction by a conditional state change, so several instances may sweep
 * at once, a judgment that arrives at the same moment either wins the lease or finds it
 * expired, and no transaction holds one task's row while it waits for another's (which
 * could deadlock with a claim that holds that task and waits for the shared count row).
 */
@Component
class LeaseSweeper {

	private static final int BATCH = 500;

	private final RatingRepository repository;

	private final TaskPool taskPool;

	private final TransactionTemplate transactions;

	private final Clock clock;

	LeaseSweeper(RatingRepository repository, TaskPool taskPool, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.repository = repository;
		this.taskPool = taskPool;
		this.transactions = new TransactionTemplate(transactionManager);
		// Also when called after the revoking transaction committed, whose resources are
		// still bound to the thread then.
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * A revoked rater's leases end with the invite, so that the tasks they held are
	 * offered to others now rather than when the leases would have expired.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void revoked(RaterRevoked event) {
		this.repository.leasesOf(event.raterId()).forEach(this::release);
	}

	@Scheduled(fixedDelayString = "${pairwise.leases.sweep-interval:10s}")
	int sweep() {
		int released = 0;
		for (LeasedTask lease : this.repository.expiredLeases(this.clock.instant(), BATCH)) {
			if (release(lease)) {
				released++;
			}
		}
		return released;
	}

	/** Ends a lease that is still live; false when it had already ended. */
	private boolean release(LeasedTask lease) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.repository.transition(lease.assignmentId(), AssignmentRow.LEASED, AssignmentRow.EXPIRED)) {
				return false;
			}
			if (!lease.attention()) {
				this.taskPool.releaseLease(lease.taskId());
			}
			return true;
		}));
	}

}
