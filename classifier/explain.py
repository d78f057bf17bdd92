"""Why the model said what it said: the words and phrases behind each decision.

The model is linear in its features, so each feature's contribution to a
decision is its value times its weight. Word and word-bigram features are
reported as they are; character n-gram contributions are shared out among
the words they occur in, so that everything reads as words and phrases.

>>> from classifier.model import ServiceQualityClassifier
>>> X = [("rude staff", "en"), ("kind staff", "en")] * 4
>>> y = [{"dimensions": {"courtesy": "negative"}, "sentiment": "negative"},
...      {"dimensions": {"courtesy": "positive"}, "sentiment": "positive"}] * 4
>>> clf = ServiceQualityClassifier(tune_thresholds=False, calibrate=False, C=10).fit(X, y)
>>> exp = explain(clf, "rude staff", lang="en")
>>> exp.decisions[0].target, exp.decisions[0].top()[0][0]
('courtesy', 'rude')
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .features import SpacyTokens
from .model import as_pairs

__all__ = ["Decision", "Explanation", "explain", "render_terminal", "render_html"]


@dataclass
class Decision:
    """One decision (a dimension's presence and polarity, or the sentiment) and its evidence."""

    target: str
    value: str
    probability: float
    weights: dict[str, float] = field(default_factory=dict)  # phrase -> contribution (positive pushes towards value)

    def top(self, k: int = 8) -> list[tuple[str, float]]:
        return sorted(self.weights.items(), key=lambda kv: -abs(kv[1]))[:k]


@dataclass
class Explanation:
    text: str
    lang: str
    tokens: list[str]
    decisions: list[Decision]


def _class_direction(model: Any, value: Any) -> np.ndarray | None:
    """Weight vector pushing towards class ``value`` (None for constant models)."""
    if not hasattr(model, "coef_"):
        return None
    classes = list(model.classes_)
    if value not in classes:
        return None
    if model.coef_.shape[0] == 1:  # binary: coef is for classes_[1]
        sign = 1.0 if classes.index(value) == 1 else -1.0
        return sign * np.asarray(model.coef_[0], dtype=float)
    return np.asarray(model.coef_[classes.index(value)], dtype=float)


def _phrase_weights(contrib: dict[str, float], tokens: list[str]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    padded = [f" {t} " for t in tokens]
    for name, c in contrib.items():
        kind, _, feat = name.partition("__")
        if not feat:
            kind, feat = "chars", name
        if kind == "words":
            out[feat] += c
            continue
        if kind == "e5":  # sentence-embedding dimensions have no words: reported together
            out["(sentence meaning)"] += c
            continue
        hits = [t for t, p in zip(tokens, padded) if feat in p]
        for t in hits:
            out[t] += c / len(hits)
    return {k: float(v) for k, v in out.items() if abs(v) > 1e-9}


def explain(estimator: Any, text: str, lang: str | None = None, thresholds: Any = None) -> Explanation:
    """Explain the estimator's decisions on one text."""
    pair = as_pairs([(text, lang)])
    x = estimator.vectorizer_.transform(pair).tocsr()
    names = np.asarray(estimator.vectorizer_.get_feature_names_out())
    idx, vals = x.indices, x.data
    tokens = SpacyTokens()(pair[0]).split()
    proba = estimator.predict_proba(pair)
    decided = estimator.decide(proba, thresholds)[0]

    def weights(model: Any, value: Any) -> dict[str, float]:
        w = _class_direction(model, value)
        if w is None:
            return {}
        return _phrase_weights({names[i]: float(v * w[i]) for i, v in zip(idx, vals)}, tokens)

    decisions = []
    for j, label in enumerate(estimator.labels_):
        if label in decided["dimensions"]:
            pol = decided["dimensions"][label]
            k = estimator.polarities_.index(pol)
            w = weights(estimator.detectors_[j], True)
            pol_model = estimator.polarity_models_[j] if estimator.polarity_models_ else estimator.polarity_model_
            for phrase, c in weights(pol_model, pol).items():
                w[phrase] = w.get(phrase, 0.0) + c
            decisions.append(Decision(label, pol, float(proba.presence[0, j] * proba.polarity[0, j, k]), w))
    if estimator.sentiment_model_ is not None and decided["sentiment"]:
        k = estimator.sentiments_.index(decided["sentiment"])
        decisions.append(Decision("sentiment", decided["sentiment"], float(proba.sentiment[0, k]),
                                  weights(estimator.sentiment_model_, decided["sentiment"])))
    return Explanation(text, pair[0][1], tokens, decisions)


def render_terminal(exp: Explanation, k: int = 8) -> str:
    """Rich markup: each decision with its top phrases, green for, red against."""
    lines = [f"[bold]{exp.text}[/] ({exp.lang})"]
    if not exp.decisions:
        lines.append("  no dimension detected")
    for d in exp.decisions:
        lines.append(f"  [bold]{d.target}[/] = {d.value} (p={d.probability:.2f})")
        for phrase, w in d.top(k):
            color = "green" if w > 0 else "red"
            lines.append(f"      [{color}]{'+' if w > 0 else '-'}{abs(w):.3f}[/]  {phrase}")
    return "\n".join(lines)


def render_html(exp: Explanation) -> str:
    """A self-contained page: the text highlighted per decision, and the weights."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Explanation</title><style>"
             "body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto}span.t{padding:1px 2px;border-radius:3px}"
             "td{padding:2px 8px}</style></head><body>", f"<h1>Explanation</h1><p>Language: {html.escape(exp.lang)}</p>"]
    for d in exp.decisions:
        scale = max((abs(w) for w in d.weights.values()), default=1.0) or 1.0
        spans = []
        for tok in exp.tokens:
            w = d.weights.get(tok, 0.0)
            alpha = min(abs(w) / scale, 1.0)
            rgb = "46,125,50" if w > 0 else "198,40,40"
            spans.append(f"<span class='t' title='{w:+.3f}' style='background:rgba({rgb},{alpha:.2f})'>{html.escape(tok)}</span>")
        parts.append(f"<h2>{html.escape(d.target)} = {html.escape(d.value)} <small>(p={d.probability:.2f})</small></h2>")
        parts.append("<p>" + " ".join(spans) + "</p><table>")
        parts.extend(f"<tr><td>{html.escape(p)}</td><td>{w:+.3f}</td></tr>" for p, w in d.top(12))
        parts.append("</table>")
    if not exp.decisions:
        parts.append("<p>No dimension detected.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
