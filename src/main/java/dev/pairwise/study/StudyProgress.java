package dev.pairwise.study;

/**
 * Judgments accepted against judgments needed over a study's real tasks (attention checks
 * aside).
 */
public record StudyProgress(long done, long needed, long tasks) {

	public int percent() {
		return (this.needed == 0) ? 0 : (int) Math.floor(100.0 * this.done / this.needed);
	}

}
