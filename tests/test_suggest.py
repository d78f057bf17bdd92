"""Choosing what to label next: uncertainty measures and the picks."""

import numpy as np
import pytest

from classifier.model import ServiceQualityClassifier
from classifier.suggest import suggest, uncertainty

from .conftest import LANGS, TINY

UNLABELLED = [("en", "Rude driver but the bus was on time"), ("en", "ok"), ("fi", "Kiitos, nopea toimitus"),
              ("ru", "Грубый курьер"), ("ms", "Pekerja mesra tapi lambat"), ("bg", "Любезен, но закъсня"),
              ("en", "Rude driver but the bus was on time!"), ("fi", "Myyjä töykeä"), ("ru", "Спасибо"), ("bg", "Груб")]


@pytest.fixture(scope="module")
def fitted():
    X = [(text, lang) for lang, text, _, _ in TINY]
    y = [{"dimensions": dims, "sentiment": sent} for _, _, dims, sent in TINY]
    return ServiceQualityClassifier(features="chars", C=10.0, cv=2).fit(X, y)


@pytest.mark.parametrize("combine", ["max", "mean", "errors", "alternate"])
def test_uncertainty_is_a_number_in_0_1_per_comment(fitted, combine):
    u = uncertainty(fitted, [(t, lang) for lang, t in UNLABELLED], combine)
    assert u.shape[0] == len(UNLABELLED) and np.all((u >= 0) & (u <= 1))


def test_unknown_combination_is_refused(fitted):
    with pytest.raises(ValueError, match="combine"):
        uncertainty(fitted, [("text", "en")], "median")


@pytest.mark.parametrize("combine", ["max", "errors", "alternate"])
def test_suggestions_cover_the_languages_without_repeats(fitted, combine):
    texts, langs = [t for _, t in UNLABELLED], [lang for lang, _ in UNLABELLED]
    picks = suggest(fitted, texts, n=5, langs=langs, combine=combine)
    assert len(picks) == 5 and len({p["id"] for p in picks}) == 5
    assert {p["lang"] for p in picks} == set(LANGS)
    assert all(set(p) >= {"id", "lang", "text", "dimensions", "sentiment", "uncertainty"} for p in picks)
