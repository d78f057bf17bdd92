"""Choose what to label next: uncertain, diverse comments, spread over languages.

Uncertainty of a comment is the larger of (a) how close its most doubtful
label is to that label's threshold and (b) the normalised entropy of its
sentiment. From the most uncertain pool, comments are picked language by
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

__all__ = ["uncertainty", "suggest"]


def uncertainty(estimator: Any, pairs: Sequence[tuple[str, str]], combine: str = "max") -> np.ndarray:
    """Per-comment uncertainty in [0, 1].

    ``combine="max"``: the most doubtful of the labels and the sentiment; ``"mean"``: the mean
    doubt over all labels, averaged with the sentiment's; ``"errors"``: the expected number of
    wrong decisions (each label's probability of being decided wrongly at its threshold, plus the
    sentiment's), divided by the number of decisions.
    """
    if combine not in ("max", "mean", "errors"):
        raise ValueError(f"combine must be 'max', 'mean' or 'errors', got {combine!r}")
    proba = estimator.predict_proba(pairs)
    if combine == "errors":
        p, cut = proba.presence, np.asarray(estimator.thresholds_)[None, :]
        wrong = np.where(p >= cut, 1 - p, p).sum(axis=1)
        if proba.sentiment.shape[1]:
            wrong = wrong + 1 - proba.sentiment.max(axis=1)
        return wrong / (p.shape[1] + (proba.sentiment.shape[1] > 0) or 1)
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


def suggest(estimator: Any, texts: Sequence[str], n: int = 200, langs: Sequence[str | None] | None = None,
            ids: Sequence[Any] | None = None, pool_factor: int = 5, combine: str = "max") -> list[dict[str, Any]]:
    """The ``n`` comments whose labels should teach the model most, as pre-filled records."""
    pairs = as_pairs(list(zip(texts, langs)) if langs is not None else list(texts))
    keep = [i for i, (t, _) in enumerate(pairs) if isinstance(t, str) and t.strip()]
    if not keep or n <= 0:
        return []
    u = np.zeros(len(pairs))
    u[keep] = uncertainty(estimator, [pairs[i] for i in keep], combine)
    pool = sorted(keep, key=lambda i: (-u[i], i))[: max(n * pool_factor, n)]
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
        best = cands[int(np.argmax([u[pool[k]] * (1 - max_sim[k]) for k in cands]))]
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
                    "uncertainty": round(float(u[i]), 4)})
    return out
