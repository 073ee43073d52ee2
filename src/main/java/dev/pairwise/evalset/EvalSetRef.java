package dev.pairwise.evalset;

/** Identifies one version of an eval set. */
public record EvalSetRef(long id, String name, String version, String title) {

	public String label() {
		return this.name + " " + this.version;
	}

}
