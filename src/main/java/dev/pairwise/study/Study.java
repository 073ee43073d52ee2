package dev.pairwise.study;

import java.time.Instant;
import java.util.List;

/**
 * A study as other features see it: its settings and state. {@code models} is in the
 * study's order; the first model is the focal one (X) in results. {@code showSetting}
 * shows raters each item's setting (zero-shot, chain of thought, few-shot); off by
 * default, since the label tells raters which condition they judge.
 */
public record Study(long id, String name, long evalSetId, String evalSetLabel, Pairing pairing, String baselineModel,
		List<String> models, int ratingsPerTask, Scale scale, List<String> categories, List<String> settings,
		double attentionCheckRate, String instructions, boolean reasonRequired, boolean allowEdit, int leaseSeconds,
		State state, String demoInviteUrl, Instant createdAt, boolean showSetting, int tooFastSeconds) {

	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	public enum State {

		DRAFT, OPEN, CLOSED;

		public String id() {
			return name().toLowerCase();
		}

	}

	public enum Pairing {

		ALL_PAIRS("all-pairs"), BASELINE("baseline");

		private final String id;

		Pairing(String id) {
			this.id = id;
		}

		public String id() {
			return this.id;
		}

		public static Pairing of(String id) {
			for (Pairing pairing : values()) {
				if (pairing.id.equals(id)) {
					return pairing;
				}
			}
			return null;
		}

	}

	public enum Scale {

		PREFERENCE("preference"), GRADED("graded");

		private final String id;

		Scale(String id) {
			this.id = id;
		}

		public String id() {
			return this.id;
		}

		public static Scale of(String id) {
			for (Scale scale : values()) {
				if (scale.id.equals(id)) {
					return scale;
				}
			}
			return null;
		}

	}

}
