package dev.pairwise.output;

import java.util.Map;

import dev.pairwise.evalset.EvalSetRef;

/** What an outputs import stored: outputs per model, in the order the file named them. */
record ImportSummary(EvalSetRef evalSet, Map<String, Integer> outputsByModel) {

	int total() {
		return this.outputsByModel.values().stream().mapToInt(Integer::intValue).sum();
	}

}
