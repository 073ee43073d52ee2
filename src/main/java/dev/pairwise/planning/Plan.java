package dev.pairwise.planning;

import java.util.List;

/**
 * A power plan: the assumptions it rests on and the expected interval of each win rate.
 *
 * @param evalSet the eval set's name and version
 * @param models the models; the figures hold for each pair of them
 * @param ratingsPerTask k
 * @param assumedWinRate the focal model's true win rate, ties half
 * @param tieRate the assumed share of ties and both-bad answers (each scoring ½)
 * @param ties how ties count: {@code half}, the results' default policy
 * @param intraItemCorrelation ρ
 * @param correlationFrom where ρ comes from: {@code request}, {@code pilot} (the study's
 * own judgments) or {@code default}
 * @param pilotTasks tasks with two or more judgments in the study's pilot data; null for
 * a plan of a study not yet created
 * @param targetHalfWidth the half-width wanted, or null
 * @param overall the overall win rate
 * @param byCategory each category's win rate, in the eval set's order
 */
record Plan(String evalSet, List<String> models, int ratingsPerTask, double assumedWinRate, double tieRate, String ties,
		double intraItemCorrelation, String correlationFrom, Integer pilotTasks, Double targetHalfWidth,
		PowerEstimate overall, List<PowerEstimate> byCategory) {

}
