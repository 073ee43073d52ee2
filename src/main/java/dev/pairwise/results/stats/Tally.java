package dev.pairwise.results.stats;

/**
 * Counts of one group of judgments of a model pair, from which its {@link WinRate}
 * follows.
 */
final class Tally {

	private int n;

	private int items;

	private int wins;

	private int losses;

	private int ties;

	private int bothBad;

	private int focalFails;

	private int otherFails;

	void add(byte label, boolean isBothBad, boolean focalFailed, boolean otherFailed) {
		n++;
		if (label == PairJudgments.FOCAL_BETTER) {
			wins++;
		}
		else if (label == PairJudgments.OTHER_BETTER) {
			losses++;
		}
		else {
			ties++;
		}
		bothBad += isBothBad ? 1 : 0;
		focalFails += focalFailed ? 1 : 0;
		otherFails += otherFailed ? 1 : 0;
	}

	void addItem() {
		items++;
	}

	void addAll(Tally other) {
		n += other.n;
		items += other.items;
		wins += other.wins;
		losses += other.losses;
		ties += other.ties;
		bothBad += other.bothBad;
		focalFails += other.focalFails;
		otherFails += other.otherFails;
	}

	/**
	 * The group's figures; the bootstrap interval is dropped for fewer than two items
	 * (see {@link WinRate}). With ties excluded, n, the win rate and its standard error
	 * are those of the decisive judgments alone, scored 1 and 0.
	 */
	WinRate toWinRate(Interval bootstrap95, TiePolicy tiePolicy) {
		int decisive = wins + losses;
		Double excludingTies = (decisive == 0) ? null : (double) wins / decisive;
		boolean half = tiePolicy == TiePolicy.HALF;
		return new WinRate(half ? n : decisive, items, wins, losses, ties, bothBad, focalFails, otherFails,
				half ? meanScore() : excludingTies, half ? standardError() : decisiveStandardError(), excludingTies,
				(items < 2) ? null : bootstrap95, Binomial.wilson95(wins, decisive),
				Binomial.twoSidedP(wins, decisive));
	}

	private Double meanScore() {
		return (n == 0) ? null : (wins + 0.5 * ties) / n;
	}

	/** Sample standard deviation (n − 1) of the 1 / ½ / 0 scores, over √n. */
	private Double standardError() {
		if (n < 2) {
			return null;
		}
		double mean = (wins + 0.5 * ties) / n;
		double squaredDeviations = wins * (1 - mean) * (1 - mean) + ties * (0.5 - mean) * (0.5 - mean)
				+ losses * mean * mean;
		return Math.sqrt(squaredDeviations / (n - 1) / n);
	}

	/** The same over the decisive judgments alone, scored 1 and 0. */
	private Double decisiveStandardError() {
		int decisive = wins + losses;
		if (decisive < 2) {
			return null;
		}
		double share = (double) wins / decisive;
		return Math.sqrt(share * (1 - share) * decisive / (decisive - 1) / decisive);
	}

}
