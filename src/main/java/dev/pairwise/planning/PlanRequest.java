package dev.pairwise.planning;

import java.util.List;

/**
 * What a plan is asked for. {@code evalSet}, {@code models}, {@code categories} and
 * {@code settings} describe the study to be (an existing study's own are used when the
 * plan is for it); exactly one of {@code assumedWinRate} (the focal model's true win
 * rate, ties half) and {@code assumedEffect} (its distance from ½, so that the win rate
 * is ½ + effect) is required.
 */
record PlanRequest(String evalSet, String evalSetVersion, List<String> models, Integer ratingsPerTask,
		Double assumedWinRate, Double assumedEffect, Double targetHalfWidth, Double intraItemCorrelation,
		Double tieRate, List<String> categories, List<String> settings) {

	PlanRequest {
		models = (models != null) ? List.copyOf(models) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		settings = (settings != null) ? List.copyOf(settings) : List.of();
	}

}
