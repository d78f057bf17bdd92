"""Polarity in context: the clause of a comment that speaks of a label.

"The staff were lovely but we waited an hour" is positive about courtesy and
negative about responsiveness. A polarity model that sees only the whole
comment gives both labels the same evidence. With ``polarity="clause"`` the
estimator splits each comment into clauses (at sentence punctuation, commas,
dashes and the contrastive conjunctions of the corpus's languages), finds for
each label the clause its detector scores highest, and gives the polarity
model that clause's features on top of the whole comment's
(``clause_weight`` scales the whole comment against the clause).

>>> split_clauses("The staff were lovely but we waited an hour!")
['The staff were lovely', 'we waited an hour']
>>> split_clauses("Kiitos.")
['Kiitos.']
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import scipy.sparse as sp

__all__ = ["split_clauses", "clause_rows", "best_clauses", "context_matrix"]

#: Contrastive conjunctions that open a new clause, in the project's 16 languages.
CONTRAST = (
    "but", "however", "although", "though", "yet", "aber", "doch", "jedoch", "allerdings", "mais", "cependant",
    "pero", "aunque", "sin embargo", "ma", "però", "tuttavia", "mas", "porém", "contudo", "maar", "echter",
    "men", "dock", "ale", "jednak", "lecz", "но", "однако", "зато", "але", "проте", "обаче", "ама", "ama",
    "fakat", "ancak", "tapi", "tetapi", "namun", "cuma", "mutta", "kuitenkin", "vaikka",
)
_SPLIT = re.compile(r"[.!?;:\n…]+\s*|,\s+|\s[-–—]+\s|\s(?:" + "|".join(map(re.escape, CONTRAST)) + r")\s", re.IGNORECASE)
#: Pieces shorter than this (in letters) are joined to the previous clause.
MIN_LETTERS = 3


def split_clauses(text: str) -> list[str]:
    """The clauses of ``text``; the text itself when it has one (or none that is long enough)."""
    pieces = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    clauses: list[str] = []
    for piece in pieces:
        if clauses and sum(ch.isalpha() for ch in piece) < MIN_LETTERS:
            clauses[-1] = f"{clauses[-1]} {piece}"
        else:
            clauses.append(piece)
    return clauses if len(clauses) > 1 else [text]


def clause_rows(pairs: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The clauses of every comment with two or more, as ``(clause, lang)`` pairs, and the comment each belongs to."""
    clauses: list[tuple[str, str]] = []
    owner: list[int] = []
    for i, (text, lang) in enumerate(pairs):
        parts = split_clauses(text) if isinstance(text, str) else [text]
        if len(parts) > 1:
            clauses.extend((p, lang) for p in parts)
            owner.extend([i] * len(parts))
    return clauses, np.asarray(owner, dtype=np.int64)


def best_clauses(scores: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """``(n, labels)`` row index into ``vstack([texts, clauses])``: for each comment and label, its clause
    with the highest detector score (offset by ``n``), or the comment itself (its own row) when it has one clause.

    >>> best_clauses(np.array([[0.1, 2.0], [0.9, -1.0]]), np.array([1, 1]), 2).tolist()
    [[0, 0], [3, 2]]
    """
    out = np.repeat(np.arange(n)[:, None], scores.shape[1], axis=1)
    if not len(owner):
        return out
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    ends = np.r_[starts[1:], len(owner)]
    for s, e in zip(starts, ends):
        out[owner[s]] = n + s + scores[s:e].argmax(axis=0)
    return out


def context_matrix(Xv, Xc) -> sp.csr_matrix:
    """Texts' rows, then clauses' rows: what :func:`best_clauses` indexes."""
    return sp.vstack([Xv, Xc]).tocsr() if Xc is not None and Xc.shape[0] else sp.csr_matrix(Xv)
