"""Bradley-Terry ratings of a Pairwise judgments.csv, computed the way FastChat computes them.

Usage: python3 fastchat_ratings.py judgments.csv  ->  JSON {"mle_elo": {model: elo}, "bt": {model: elo}}

The file is read unchanged with pandas, and only anonymous (blind) battles are kept, as FastChat's
elo_analysis.py does. Two of FastChat's fits are reproduced (lm-sys/FastChat):

* compute_mle_elo (the Chatbot Arena notebook and older fastchat/serve/monitor/elo_analysis.py):
  win counts pivoted by (model_a, model_b), a win counted 2 and a tie (both kinds) 1 in each
  direction, fitted by scikit-learn's LogisticRegression without intercept or penalty, on X = +-ln 10,
  Elo = 400 * coef + 1000.
* compute_bt (fastchat/serve/monitor/rating_systems.py today): outcomes 1, 0.5 (any tie), 0,
  weighted by their counts, log-likelihood minimised with SciPy's L-BFGS-B, same scale.

Both leave the ratings' mean at its start, 1000, up to the solver's tolerance (the gradient of the
likelihood never moves the sum of the coefficients); the only transformation applied here is to
re-centre them to a mean of exactly 1000, which is how Pairwise normalises its Elo scale. FastChat's
anchoring of mixtral-8x7b-instruct-v0.1 at 1114 does not apply (no such model here).
"""

import json
import math
import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

SCALE, BASE, INIT_RATING = 400, 10, 1000


def compute_mle_elo(df):
    ptbl_a_win = pd.pivot_table(df[df["winner"] == "model_a"], index="model_a", columns="model_b",
                                aggfunc="size", fill_value=0)
    if sum(df["winner"].isin(["tie", "tie (bothbad)"])) == 0:
        ptbl_tie = pd.DataFrame(0, index=ptbl_a_win.index, columns=ptbl_a_win.columns)
    else:
        ptbl_tie = pd.pivot_table(df[df["winner"].isin(["tie", "tie (bothbad)"])], index="model_a",
                                  columns="model_b", aggfunc="size", fill_value=0)
        ptbl_tie = ptbl_tie + ptbl_tie.T
    ptbl_b_win = pd.pivot_table(df[df["winner"] == "model_b"], index="model_a", columns="model_b",
                                aggfunc="size", fill_value=0)
    ptbl_win = ptbl_a_win * 2 + ptbl_b_win.T * 2 + ptbl_tie

    models = pd.Series(np.arange(len(ptbl_win.index)), index=ptbl_win.index)
    p = len(models)
    X = np.zeros([p * (p - 1) * 2, p])
    Y = np.zeros(p * (p - 1) * 2)
    cur_row = 0
    sample_weights = []
    for m_a in ptbl_win.index:
        for m_b in ptbl_win.columns:
            if m_a == m_b:
                continue
            if math.isnan(ptbl_win.loc[m_a, m_b]) or math.isnan(ptbl_win.loc[m_b, m_a]):
                continue
            X[cur_row, models[m_a]] = +math.log(BASE)
            X[cur_row, models[m_b]] = -math.log(BASE)
            Y[cur_row] = 1.0
            sample_weights.append(ptbl_win.loc[m_a, m_b])
            X[cur_row + 1, models[m_a]] = math.log(BASE)
            X[cur_row + 1, models[m_b]] = -math.log(BASE)
            Y[cur_row + 1] = 0.0
            sample_weights.append(ptbl_win.loc[m_b, m_a])
            cur_row += 2
    X = X[:cur_row]
    Y = Y[:cur_row]
    lr = LogisticRegression(fit_intercept=False, penalty=None, tol=1e-6)
    lr.fit(X, Y, sample_weight=sample_weights)
    elo_scores = SCALE * lr.coef_[0] + INIT_RATING
    return pd.Series(elo_scores, index=models.index)


def bt_loss_and_grad(ratings, matchups, outcomes, weights, alpha=1.0):
    matchup_ratings = ratings[matchups]
    logits = alpha * (matchup_ratings[:, 0] - matchup_ratings[:, 1])
    probs = expit(logits)
    loss = -((np.log(probs) * outcomes + np.log(1.0 - probs) * (1.0 - outcomes)) * weights).sum()
    matchups_grads = -alpha * (outcomes - probs) * weights
    model_grad = np.zeros_like(ratings)
    np.add.at(model_grad, matchups[:, [0, 1]], matchups_grads[:, None] * np.array([1.0, -1.0]))
    return loss, model_grad


def compute_bt(df):
    n_rows = len(df)
    model_indices, models = pd.factorize(pd.concat([df["model_a"], df["model_b"]]))
    schedule = np.full((n_rows, 3), fill_value=1, dtype=np.int32)
    schedule[:, 0] = model_indices[:n_rows]
    schedule[:, 1] = model_indices[n_rows:]
    schedule[(df["winner"] == "model_a").to_numpy(), 2] = 2
    schedule[(df["winner"] == "model_b").to_numpy(), 2] = 0
    matchups_outcomes, weights = np.unique(schedule, return_counts=True, axis=0)
    matchups = matchups_outcomes[:, [0, 1]]
    outcomes = matchups_outcomes[:, 2].astype(np.float64) / 2.0
    result = minimize(fun=bt_loss_and_grad, x0=np.zeros(len(models)),
                      args=(matchups, outcomes, weights.astype(np.float64), math.log(BASE)), jac=True,
                      method="L-BFGS-B", options={"disp": False, "maxiter": 100, "gtol": 1e-6})
    return pd.Series(result["x"] * SCALE + INIT_RATING, index=models.to_list())


def centred(ratings):
    return {str(model): float(elo) for model, elo in (ratings - ratings.mean() + INIT_RATING).items()}


def main(path):
    battles = pd.read_csv(path)
    battles = battles[battles["anony"]].reset_index(drop=True)
    print(json.dumps({"battles": len(battles), "mle_elo": centred(compute_mle_elo(battles)),
                      "bt": centred(compute_bt(battles))}))


if __name__ == "__main__":
    main(sys.argv[1])
