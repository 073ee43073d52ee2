#!/usr/bin/env python3
"""Independent reference for Pairwise's style-controlled Bradley-Terry (results.stats.StyleControlledBradleyTerry).

Simulates a five-model study whose judges favour longer responses and bold text (a known style bias),
fits Chatbot Arena's style-control model with statsmodels, and writes the data and the fitted numbers as JSON:

    logit P(a beats b) = r_a - r_b + sum_f beta_f * z_f

where for each feature f (length, headers, bold, list items) z_f is (A - B) / (A + B) of a's and b's counts,
0 when both are 0, standardised (population standard deviation) over the comparisons. Maximum likelihood
without a penalty: a binomial GLM without intercept whose columns are one indicator per model but the first
(+1 for model_a, -1 for model_b) and the four z. A tie counts half a win and half a loss (two rows with
weight 1/2 each). Ratings are reported on the Elo scale: 400 / ln(10) per unit, mean 1000.

Usage: python3 style_control_reference.py OUTPUT.json
"""
import json
import math
import sys

import numpy as np
import statsmodels.api as sm

SEED = 20240827
MODELS = ["alpha", "beta", "delta", "epsilon", "gamma"]
TRUE_STRENGTH = [0.6, 0.2, 0.0, -0.3, -0.5]
ITEMS = 160
JUDGMENTS_PER_ITEM = 4
TIE_PROBABILITY = 0.12
TRUE_BETA = [0.8, 0.1, 0.4, 0.0]


def ratio(a, b):
    return 0.0 if a + b == 0 else (a - b) / (a + b)


def simulate(rng):
    style = {}
    for item in range(ITEMS):
        for m, model in enumerate(MODELS):
            verbose = 1.0 + 0.4 * (m % 2)
            style[(item, model)] = [
                int(rng.lognormal(mean=6.0 + 0.3 * verbose, sigma=0.5)),
                int(rng.poisson(0.8 * verbose)),
                int(rng.poisson(1.2 * verbose)),
                int(rng.poisson(2.0)),
            ]
    rows = []
    for item in range(ITEMS):
        for _ in range(JUDGMENTS_PER_ITEM):
            a, b = rng.choice(len(MODELS), size=2, replace=False)
            rows.append([item, int(a), int(b)])
    raw = np.array([[ratio(sa, sb) for sa, sb in zip(style[(i, MODELS[a])], style[(i, MODELS[b])])]
                    for i, a, b in rows])
    z = (raw - raw.mean(axis=0)) / raw.std(axis=0)
    comparisons = []
    for (item, a, b), features in zip(rows, z):
        eta = TRUE_STRENGTH[a] - TRUE_STRENGTH[b] + float(np.dot(TRUE_BETA, features))
        if rng.random() < TIE_PROBABILITY:
            outcome = "TIE"
        else:
            outcome = "A" if rng.random() < 1 / (1 + math.exp(-eta)) else "B"
        comparisons.append({"item": "q%d" % item, "modelA": MODELS[a], "modelB": MODELS[b], "outcome": outcome,
                            "styleA": style[(item, MODELS[a])], "styleB": style[(item, MODELS[b])]})
    return comparisons


def fit(comparisons):
    raw = np.array([[ratio(a, b) for a, b in zip(c["styleA"], c["styleB"])] for c in comparisons])
    z = (raw - raw.mean(axis=0)) / raw.std(axis=0)
    columns, outcomes, weights = [], [], []
    for c, features in zip(comparisons, z):
        row = np.zeros(len(MODELS) - 1 + 4)
        a, b = MODELS.index(c["modelA"]), MODELS.index(c["modelB"])
        if a > 0:
            row[a - 1] = 1
        if b > 0:
            row[b - 1] = -1
        row[len(MODELS) - 1:] = features
        results = {"A": [(1.0, 1.0)], "B": [(0.0, 1.0)], "TIE": [(1.0, 0.5), (0.0, 0.5)]}[c["outcome"]]
        for y, w in results:
            columns.append(row)
            outcomes.append(y)
            weights.append(w)
    model = sm.GLM(np.array(outcomes), np.array(columns), family=sm.families.Binomial(),
                   var_weights=np.array(weights))
    params = model.fit(tol=1e-12).params
    strength = np.concatenate([[0.0], params[:len(MODELS) - 1]])
    elo = 1000 + 400 / math.log(10) * (strength - strength.mean())
    return {model: float(e) for model, e in zip(MODELS, elo)}, [float(p) for p in params[len(MODELS) - 1:]]


def main():
    rng = np.random.default_rng(SEED)
    comparisons = simulate(rng)
    elo, coefficients = fit(comparisons)
    json.dump({"comparisons": comparisons, "elo": elo, "coefficients": coefficients,
               "trueCoefficients": TRUE_BETA}, open(sys.argv[1], "w"), separators=(",", ":"))


if __name__ == "__main__":
    main()
