"""Evaluation metrics, as the field measures them.

- ``dimension_f1``: micro-F1 over (comment, label) pairs: is the label there?
  (SemEval-2016 Task 5 slot 1, aspect category detection).
- ``polarity_accuracy``: accuracy of the predicted polarity on each gold
  (comment, label) pair (SemEval-2016 slot 3: gold labels given).
- ``triple_f1``: micro-F1 over (comment, label, polarity) triples, end to end.
- ``sentiment_accuracy`` and ``sentiment_macro_f1``: the overall sentiment.

>>> gold = [{"courtesy": "positive"}, {"reliability": "negative"}]
>>> pred = [{"courtesy": "positive"}, {"reliability": "positive", "access": "negative"}]
>>> round(dimension_f1(gold, pred), 3), round(triple_f1(gold, pred), 3)
(0.8, 0.4)
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

__all__ = [
    "dimension_f1",
    "triple_f1",
    "per_label_scores",
    "polarity_accuracy",
    "sentiment_scores",
    "evaluate",
]

Dims = Mapping[str, str]


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 1.0


def dimension_f1(gold: Sequence[Dims], pred: Sequence[Dims]) -> float:
    """Micro-F1 over (comment, label) pairs, polarity ignored."""
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    return _f1(tp, sum(map(len, pred)), sum(map(len, gold)))


def triple_f1(gold: Sequence[Dims], pred: Sequence[Dims]) -> float:
    """Micro-F1 over (comment, label, polarity) triples."""
    tp = sum(len(set(g.items()) & set(p.items())) for g, p in zip(gold, pred))
    return _f1(tp, sum(map(len, pred)), sum(map(len, gold)))


def per_label_scores(gold: Sequence[Dims], pred: Sequence[Dims], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each label's detection."""
    out = {}
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, pred))
        n_pred = sum(label in p for p in pred)
        n_gold = sum(label in g for g in gold)
        out[label] = {
            "precision": tp / n_pred if n_pred else 0.0,
            "recall": tp / n_gold if n_gold else 0.0,
            "f1": _f1(tp, n_pred, n_gold) if n_gold or n_pred else 0.0,
            "support": n_gold,
        }
    return out


def polarity_accuracy(gold: Sequence[Dims], polarity_given_label: Sequence[Dims]) -> float:
    """Share of gold (comment, label) pairs whose polarity is right.

    ``polarity_given_label[i][label]`` is the model's polarity for ``label``
    in comment ``i`` when told the label is there.
    """
    pairs = [(g[k], p.get(k)) for g, p in zip(gold, polarity_given_label) for k in g]
    return float(np.mean([a == b for a, b in pairs])) if pairs else float("nan")


def sentiment_scores(gold: Sequence[str | None], pred: Sequence[str | None]) -> dict[str, float]:
    """Accuracy and macro-F1 of the overall sentiment, on comments that have one."""
    from sklearn.metrics import f1_score

    keep = [(g, p or "") for g, p in zip(gold, pred) if g]
    if not keep:
        return {"accuracy": float("nan"), "macro_f1": float("nan")}
    g, p = zip(*keep)
    return {"accuracy": float(np.mean([a == b for a, b in keep])),
            "macro_f1": float(f1_score(g, p, average="macro", labels=sorted(set(g)), zero_division=0))}


def evaluate(model: Any, X: Sequence[Any], y: Sequence[Mapping[str, Any]],
             thresholds: Mapping[str, float] | float | None = None) -> dict[str, Any]:
    """All headline metrics of a fitted estimator on labelled data, overall and per language.

    ``X`` are texts or ``(text, lang)`` pairs; ``y`` target mappings.
    """
    from .model import as_pairs, parse_targets

    pairs = as_pairs(X)
    gold, gold_sent = parse_targets(y)
    proba = model.predict_proba(pairs)
    decided = model.decide(proba, thresholds)
    pred = [d["dimensions"] for d in decided]
    pred_sent = [d["sentiment"] for d in decided]
    best = proba.polarity.argmax(axis=2)
    index = {label: j for j, label in enumerate(proba.labels)}
    given = [{k: proba.polarities[best[i, index[k]]] for k in g if k in index} for i, g in enumerate(gold)]

    def block(rows: Sequence[int]) -> dict[str, Any]:
        g = [gold[i] for i in rows]
        p = [pred[i] for i in rows]
        tp = sum(len(set(a) & set(b)) for a, b in zip(g, p))
        n_pred, n_gold = sum(map(len, p)), sum(map(len, g))
        return {
            "n": len(rows),
            "dimension_precision": tp / n_pred if n_pred else 0.0,
            "dimension_recall": tp / n_gold if n_gold else 0.0,
            "dimension_f1": dimension_f1(g, p),
            "polarity_accuracy": polarity_accuracy(g, [given[i] for i in rows]),
            "triple_f1": triple_f1(g, p),
            "sentiment": sentiment_scores([gold_sent[i] for i in rows], [pred_sent[i] for i in rows]),
        }

    result = block(range(len(gold)))
    result["per_label"] = per_label_scores(gold, pred, proba.labels)
    supported = [v["f1"] for v in result["per_label"].values() if v["support"]]
    result["dimension_macro_f1"] = float(np.mean(supported)) if supported else float("nan")
    found = [(g[k], p[k]) for g, p in zip(gold, pred) for k in g if k in p]
    result["polarity_accuracy_on_found"] = float(np.mean([a == b for a, b in found])) if found else float("nan")
    langs = sorted({lang for _, lang in pairs})
    result["per_language"] = {lang: block([i for i, (_, l) in enumerate(pairs) if l == lang]) for lang in langs}
    return result
