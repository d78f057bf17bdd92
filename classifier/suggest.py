"""Choose what to label next: uncertain, diverse comments, spread over languages.

What a comment would teach is measured, by default, as the expected number
of wrong decisions the model makes on it: for each label, the probability
that it is decided wrongly at the label's threshold, plus the probability
that the sentiment is wrong (``combine="errors"``; other measures in
:func:`uncertainty`, compared by ``scripts/simulate_active_learning.py`` in
``docs/benchmarks.md``: this one gives the best dimension model for the same
number of labels). From the most uncertain pool, comments are picked language by
language in turn (so every language gets its share) and, within a language,
by uncertainty times distance to what was already picked (cosine on the
model's own features), so that near-duplicates are not suggested twice. Each
language gets at least one suggestion and otherwise its share of the input.

The output records are in the labelled-record format, pre-filled with the
model's guess (``dimensions``, ``sentiment``) for the labeller to correct.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Sequence

import numpy as np

from .model import as_pairs

__all__ = ["uncertainty", "suggest", "COMBINE"]

#: Ways to measure what a comment would teach (see :func:`uncertainty`).
COMBINE = ("max", "mean", "errors", "alternate")


def uncertainty(estimator: Any, pairs: Sequence[tuple[str, str]], combine: str = "errors") -> np.ndarray:
    """Per-comment uncertainty in [0, 1].

    ``combine="max"``: the most doubtful of the labels and the sentiment; ``"mean"``: the mean
    doubt over all labels, averaged with the sentiment's; ``"errors"``: the expected number of
    wrong decisions (each label's probability of being decided wrongly at its threshold, plus the
    sentiment's), divided by the number of decisions; ``"alternate"``: the expected wrong
    dimension decisions (per label) and the sentiment's probability of being wrong, as two
    columns, for :func:`suggest` to pick by each in turn.
    """
    if combine not in COMBINE:
        raise ValueError(f"combine must be one of {', '.join(COMBINE)}, got {combine!r}")
    proba = estimator.predict_proba(pairs)
    if combine in ("errors", "alternate"):
        dim_wrong, sent_wrong = _expected_errors(estimator, proba)
        if combine == "errors":
            return (dim_wrong + sent_wrong) / (proba.presence.shape[1] + (proba.sentiment.shape[1] > 0) or 1)
        return np.stack([dim_wrong / max(proba.presence.shape[1], 1), sent_wrong], axis=1)
    margin = np.abs(proba.presence - np.asarray(estimator.thresholds_)[None, :])
    scale = np.maximum(np.asarray(estimator.thresholds_), 1 - np.asarray(estimator.thresholds_))[None, :]
    per_label = 1 - margin / scale
    reduce = np.max if combine == "max" else np.mean
    u_dims = reduce(per_label, axis=1) if proba.presence.shape[1] else np.zeros(len(pairs))
    s = proba.sentiment
    if s.shape[1] > 1:
        u_sent = -(s * np.log(np.clip(s, 1e-12, 1))).sum(axis=1) / np.log(s.shape[1])
    else:
        u_sent = np.zeros(len(pairs))
    return np.maximum(u_dims, u_sent) if combine == "max" else (u_dims + u_sent) / 2


def _expected_errors(estimator: Any, proba: Any) -> tuple[np.ndarray, np.ndarray]:
    """Expected number of wrong dimension decisions (at the model's thresholds), and the
    probability that the sentiment is wrong, per comment."""
    p, cut = proba.presence, np.asarray(estimator.thresholds_)[None, :]
    dim_wrong = np.where(p >= cut, 1 - p, p).sum(axis=1)
    sent_wrong = 1 - proba.sentiment.max(axis=1) if proba.sentiment.shape[1] else np.zeros(len(p))
    return dim_wrong, sent_wrong


def suggest(estimator: Any, texts: Sequence[str], n: int = 200, langs: Sequence[str | None] | None = None,
            ids: Sequence[Any] | None = None, pool_factor: int = 5, combine: str = "errors") -> list[dict[str, Any]]:
    """The ``n`` comments whose labels should teach the model most, as pre-filled records."""
    pairs = as_pairs(list(zip(texts, langs)) if langs is not None else list(texts))
    keep = [i for i, (t, _) in enumerate(pairs) if isinstance(t, str) and t.strip()]
    if not keep or n <= 0:
        return []
    scores = np.asarray(uncertainty(estimator, [pairs[i] for i in keep], combine)).reshape(len(keep), -1)
    u = np.zeros((len(pairs), scores.shape[1]))
    u[keep] = scores  # one column, or (with "alternate") one per aim, taken in turn
    size = max(n * pool_factor // u.shape[1], n)
    pool = sorted({i for col in range(u.shape[1]) for i in sorted(keep, key=lambda i: (-u[i, col], i))[:size]})
    X = estimator.vectorizer_.transform([pairs[i] for i in pool]).tocsr()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel()) + 1e-12
    by_lang: dict[str, list[int]] = defaultdict(list)
    for k, i in enumerate(pool):
        by_lang[pairs[i][1]].append(k)
    max_sim = np.zeros(len(pool))
    chosen: list[int] = []
    taken: set[int] = set()
    share = Counter(pairs[i][1] for i in keep)
    quota = {lang: max(1, round(n * share[lang] / len(keep))) for lang in by_lang}

    def pick(cands: list[int]) -> None:
        nonlocal max_sim
        col = len(chosen) % u.shape[1]
        best = cands[int(np.argmax([u[pool[k], col] * (1 - max_sim[k]) for k in cands]))]
        chosen.append(best)
        taken.add(best)
        max_sim = np.maximum(max_sim, (X @ X[best].T).toarray().ravel() / (norms * norms[best]))

    while len(chosen) < min(n, len(pool)):  # languages in turn, each up to its share of the input
        open_langs = [lang for lang in by_lang if quota[lang] > 0 and any(k not in taken for k in by_lang[lang])]
        if not open_langs:
            break
        for lang in sorted(open_langs, key=lambda lang: -share[lang]):
            if len(chosen) >= n:
                break
            pick([k for k in by_lang[lang] if k not in taken])
            quota[lang] -= 1
    while len(chosen) < min(n, len(pool)):  # quotas filled early: best remaining anywhere
        pick([k for k in range(len(pool)) if k not in taken])
    guesses = estimator.predict([pairs[pool[k]] for k in chosen])
    out = []
    for k, guess in zip(chosen, guesses):
        i = pool[k]
        out.append({"id": str(ids[i]) if ids is not None else f"suggested-{i}", "lang": pairs[i][1], "text": pairs[i][0],
                    "dimensions": guess["dimensions"], "sentiment": guess["sentiment"] or "neutral",
                    "uncertainty": round(float(u[i].mean()), 4)})
    return out
