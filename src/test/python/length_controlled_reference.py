#!/usr/bin/env python3
"""Independent reference for Pairwise's length-controlled win rate (results.stats.LengthControlledWinRate).

Simulates judgments of a model X against a model Y with a known length bias, fits AlpacaEval 2's
length-controlled GLM with scikit-learn, and writes the data and the fitted numbers as JSON:

    logit P(X better) = theta + beta * tanh(dlen_i / sd(dlen)) + gamma_i

with a ridge penalty (beta^2 + sum gamma_i^2) / 2 and theta unpenalised, which is
LogisticRegression(C=1, solver="newton-cholesky") with fit_intercept=True: the features are the length term and one indicator
per item. A tie counts half a win and half a loss (two rows with weight 1/2 each, as AlpacaEval's
preference in [0, 1]). The length-controlled win rate is the mean over items of sigmoid(theta + gamma_i).

Usage: python3 length_controlled_reference.py OUTPUT.json
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

SEED = 20240518
ITEMS = 120
JUDGMENTS_PER_ITEM = 3
TIE_PROBABILITY = 0.15
TRUE_THETA = 0.2
TRUE_BETA = 1.2
DIFFICULTY_SD = 0.6
PENALTY = 1.0


def simulate(rng):
    length_x = rng.lognormal(mean=6.6, sigma=0.5, size=ITEMS).round()
    length_y = rng.lognormal(mean=6.3, sigma=0.5, size=ITEMS).round()
    difference = length_x - length_y
    x = np.tanh(difference / difference.std(ddof=1))
    gamma = rng.normal(0, DIFFICULTY_SD, size=ITEMS)
    p = 1 / (1 + np.exp(-(TRUE_THETA + TRUE_BETA * x + gamma)))
    wins = np.zeros(ITEMS)
    losses = np.zeros(ITEMS)
    for i in range(ITEMS):
        for _ in range(JUDGMENTS_PER_ITEM):
            if rng.random() < TIE_PROBABILITY:
                wins[i] += 0.5
                losses[i] += 0.5
            elif rng.random() < p[i]:
                wins[i] += 1
            else:
                losses[i] += 1
    return difference, wins, losses


def fit(difference, wins, losses):
    n = len(difference)
    x = np.tanh(difference / difference.std(ddof=1))
    features = np.hstack([x.reshape(-1, 1), np.eye(n)])
    rows = np.vstack([features, features])
    outcome = np.concatenate([np.ones(n), np.zeros(n)])
    weight = np.concatenate([wins, losses])
    keep = weight > 0
    model = LogisticRegression(C=1 / PENALTY, fit_intercept=True, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    model.fit(rows[keep], outcome[keep], sample_weight=weight[keep])
    theta = model.intercept_[0]
    beta = model.coef_[0][0]
    gamma = model.coef_[0][1:]
    rate = float(np.mean(1 / (1 + np.exp(-(theta + gamma)))))
    return theta, beta, gamma, rate


def main(path):
    rng = np.random.default_rng(SEED)
    difference, wins, losses = simulate(rng)
    theta, beta, gamma, rate = fit(difference, wins, losses)
    reference = {
        "description": "Simulated by src/test/python/length_controlled_reference.py (seed %d): %d items, %d judgments "
                       "each, true theta %.1f, true beta %.1f on tanh(dlen / sd), difficulty sd %.1f; fitted with "
                       "scikit-learn LogisticRegression(C=1, solver=newton-cholesky)" % (SEED, ITEMS, JUDGMENTS_PER_ITEM, TRUE_THETA,
                                                                 TRUE_BETA, DIFFICULTY_SD),
        "penalty": PENALTY,
        "difference": difference.tolist(),
        "wins": wins.tolist(),
        "losses": losses.tolist(),
        "rawWinRate": float(wins.sum() / (wins.sum() + losses.sum())),
        "intercept": float(theta),
        "lengthCoefficient": float(beta),
        "difficulty": [float(g) for g in gamma],
        "lengthControlledWinRate": rate,
    }
    with open(path, "w") as out:
        json.dump(reference, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
