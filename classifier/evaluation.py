"""Honest evaluation: intervals, cross-validation, calibration, model comparison.

- :func:`bootstrap_interval`: a percentile bootstrap 95% interval of any
  corpus-level metric (resampling comments).
- :func:`cross_validate`: K-fold metrics with mean, std and the per-fold values.
- :func:`calibration`: expected calibration error and the reliability-diagram
  bins of the label-presence probabilities.
- :func:`compare`: two models on the same data, the paired bootstrap interval
  of their difference, McNemar's test on sentiment, and their disagreements.

>>> lo, hi = bootstrap_interval(lambda idx: float(np.mean(np.asarray([1, 0, 1, 1])[idx])), 4, n_boot=200)
>>> 0.0 <= lo <= hi <= 1.0
True
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .metrics import dimension_f1, evaluate, triple_f1
from .model import as_pairs, parse_targets

__all__ = ["bootstrap_interval", "cross_validate", "calibration", "detailed", "compare"]


def bootstrap_interval(metric: Callable[[np.ndarray], float], n: int, n_boot: int = 1000,
                       seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of ``metric(indices)`` over bootstrap resamples of ``range(n)``."""
    if n == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    values = [metric(rng.integers(0, n, n)) for _ in range(n_boot)]
    return float(np.quantile(values, (1 - level) / 2)), float(np.quantile(values, 1 - (1 - level) / 2))


def calibration(presence: np.ndarray, truth: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Expected calibration error and reliability bins of presence probabilities.

    >>> round(calibration(np.array([[0.9], [0.1]]), np.array([[True], [False]]))["ece"], 2)
    0.1
    """
    p, t = presence.ravel(), truth.ravel().astype(float)
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            conf, acc = float(p[mask].mean()), float(t[mask].mean())
            ece += mask.mean() * abs(conf - acc)
            rows.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(mask.sum()), "confidence": conf, "observed": acc})
    return {"ece": float(ece), "bins": rows}


def detailed(model: Any, X: Sequence[Any], y: Sequence[Mapping[str, Any]], n_boot: int = 500,
             thresholds: Mapping[str, float] | float | None = None) -> dict[str, Any]:
    """:func:`classifier.metrics.evaluate` plus intervals, calibration, confusion and worst errors."""
    pairs = as_pairs(X)
    gold, gold_sent = parse_targets(y)
    result = evaluate(model, pairs, y, thresholds)
    proba = model.predict_proba(pairs)
    decided = model.decide(proba, thresholds)
    pred = [d["dimensions"] for d in decided]
    n = len(gold)
    result["intervals"] = {
        "dimension_f1": bootstrap_interval(lambda i: dimension_f1([gold[k] for k in i], [pred[k] for k in i]), n, n_boot),
        "triple_f1": bootstrap_interval(lambda i: triple_f1([gold[k] for k in i], [pred[k] for k in i]), n, n_boot),
    }
    for label, scores in result["per_label"].items():
        has = lambda i, label=label: dimension_f1([{label: 1} if label in gold[k] else {} for k in i],  # noqa: E731
                                                  [{label: 1} if label in pred[k] else {} for k in i])
        scores["f1_interval"] = bootstrap_interval(has, n, n_boot // 2)
    for lang, block in result["per_language"].items():
        rows = [i for i, (_, l) in enumerate(pairs) if l == lang]
        block["dimension_f1_interval"] = bootstrap_interval(
            lambda i, rows=rows: dimension_f1([gold[rows[k]] for k in i], [pred[rows[k]] for k in i]), len(rows), n_boot // 2)
    truth = np.array([[label in g for label in proba.labels] for g in gold], dtype=bool).reshape(n, -1)
    result["calibration"] = calibration(proba.presence, truth)
    labels = list(proba.labels)
    confusion = {a: {b: 0 for b in labels} for a in labels}  # gold a missed while b predicted instead
    for g, p in zip(gold, pred):
        for a in set(g) - set(p):
            for b in set(p) - set(g):
                confusion[a][b] += 1
    result["confusion"] = confusion
    errors = []
    for i, (g, p) in enumerate(zip(gold, pred)):
        wrong = len(set(g.items()) ^ set(p.items())) + (decided[i]["sentiment"] != gold_sent[i])
        if wrong:
            confidence = float(np.max(np.abs(proba.presence[i] - 0.5)))
            errors.append((wrong, confidence, i))
    errors.sort(reverse=True)
    result["worst_errors"] = [{"text": pairs[i][0], "lang": pairs[i][1], "gold": gold[i], "predicted": pred[i],
                               "gold_sentiment": gold_sent[i], "predicted_sentiment": decided[i]["sentiment"]}
                              for _, _, i in errors[:25]]
    return result


def cross_validate(estimator: Any, X: Sequence[Any], y: Sequence[Mapping[str, Any]], k: int = 5,
                   seed: int = 0) -> dict[str, Any]:
    """K-fold cross-validated headline metrics: mean, std and per fold."""
    from sklearn.base import clone
    from sklearn.model_selection import KFold

    pairs = as_pairs(X)
    y = list(y)
    folds = []
    for train, test in KFold(k, shuffle=True, random_state=seed).split(pairs):
        est = clone(estimator).fit([pairs[i] for i in train], [y[i] for i in train])
        m = evaluate(est, [pairs[i] for i in test], [y[i] for i in test])
        folds.append({"dimension_f1": m["dimension_f1"], "polarity_accuracy": m["polarity_accuracy"],
                      "triple_f1": m["triple_f1"], "sentiment_accuracy": m["sentiment"]["accuracy"]})
    out: dict[str, Any] = {"k": k, "folds": folds}
    for key in folds[0]:
        values = np.array([f[key] for f in folds], dtype=float)
        out[key] = {"mean": float(np.nanmean(values)), "std": float(np.nanstd(values, ddof=1)) if k > 1 else 0.0}
    return out


def compare(model_a: Any, model_b: Any, X: Sequence[Any], y: Sequence[Mapping[str, Any]],
            n_boot: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Both models' metrics, the paired bootstrap interval of B - A, McNemar on sentiment, disagreements."""
    from scipy.stats import binomtest

    pairs = as_pairs(X)
    gold, gold_sent = parse_targets(y)
    pa, pb = model_a.predict(pairs), model_b.predict(pairs)
    da, db = [p["dimensions"] for p in pa], [p["dimensions"] for p in pb]
    n = len(gold)

    def diff(idx: np.ndarray) -> float:
        g = [gold[i] for i in idx]
        return triple_f1(g, [db[i] for i in idx]) - triple_f1(g, [da[i] for i in idx])

    ok_a = np.array([p["sentiment"] == s for p, s in zip(pa, gold_sent)])
    ok_b = np.array([p["sentiment"] == s for p, s in zip(pb, gold_sent)])
    only_a, only_b = int((ok_a & ~ok_b).sum()), int((~ok_a & ok_b).sum())
    p_value = float(binomtest(only_a, only_a + only_b, 0.5).pvalue) if only_a + only_b else 1.0
    disagreements = [{"text": pairs[i][0], "gold": gold[i], "a": da[i], "b": db[i],
                      "gold_sentiment": gold_sent[i], "a_sentiment": pa[i]["sentiment"], "b_sentiment": pb[i]["sentiment"]}
                     for i in range(n) if da[i] != db[i] or pa[i]["sentiment"] != pb[i]["sentiment"]]
    return {
        "a": evaluate(model_a, pairs, y), "b": evaluate(model_b, pairs, y),
        "triple_f1_difference": diff(np.arange(n)),
        "triple_f1_difference_interval": bootstrap_interval(diff, n, n_boot, seed),
        "sentiment_mcnemar": {"a_only_right": only_a, "b_only_right": only_b, "p_value": p_value},
        "disagreements": disagreements,
    }
