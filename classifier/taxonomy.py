"""The label scheme: ten service-quality dimensions, polarities, sentiments.

The scheme is documented in ``docs/labeling.md``. The estimator itself never
hard-codes it: it learns whatever label set its training data carries. These
constants are used to validate the project's own corpus and to roll the ten
dimensions up to the five RATER dimensions in reports.

>>> rater_rollup({"courtesy": "positive", "security": "negative"})
{'assurance': 'mixed'}
"""

from __future__ import annotations

from typing import Mapping

__all__ = [
    "DIMENSIONS",
    "POLARITIES",
    "SENTIMENTS",
    "LANGUAGES",
    "RATER",
    "rater_rollup",
    "sentiment_from_polarities",
]

DIMENSIONS: tuple[str, ...] = (
    "reliability",
    "responsiveness",
    "competence",
    "courtesy",
    "communication",
    "credibility",
    "security",
    "access",
    "understanding",
    "tangibles",
)
POLARITIES: tuple[str, ...] = ("positive", "negative", "neutral")
SENTIMENTS: tuple[str, ...] = ("positive", "negative", "neutral", "mixed")

#: The 16 languages of the shipped corpus (ISO 639-1).
LANGUAGES: tuple[str, ...] = (
    "fi", "ms", "ru", "bg", "en", "de", "fr", "es",
    "pt", "it", "nl", "pl", "sv", "tr", "id", "uk",
)

#: Roll-up of the ten dimensions into the five RATER dimensions.
RATER: dict[str, tuple[str, ...]] = {
    "tangibles": ("tangibles",),
    "reliability": ("reliability",),
    "responsiveness": ("responsiveness",),
    "assurance": ("competence", "courtesy", "credibility", "security"),
    "empathy": ("access", "communication", "understanding"),
}


def rater_rollup(dimensions: Mapping[str, str]) -> dict[str, str]:
    """Roll ten-dimension polarities up to RATER; disagreeing members give ``mixed``.

    >>> rater_rollup({"reliability": "negative", "access": "positive", "communication": "positive"})
    {'reliability': 'negative', 'empathy': 'positive'}
    """
    out: dict[str, str] = {}
    for five, members in RATER.items():
        found = {dimensions[m] for m in members if m in dimensions}
        if found:
            out[five] = found.pop() if len(found) == 1 else "mixed"
    return out


def sentiment_from_polarities(polarities: Mapping[str, str]) -> str | None:
    """The overall sentiment implied by dimension polarities alone, or None if undecided.

    >>> sentiment_from_polarities({"courtesy": "positive", "responsiveness": "negative"})
    'mixed'
    """
    values = set(polarities.values())
    if "positive" in values and "negative" in values:
        return "mixed"
    return None
