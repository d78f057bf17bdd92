"""Feature builders and the spaCy tokenizer wrapper."""

import pickle

import pytest

from classifier.errors import ConfigError
from classifier.features import FEATURE_SETS, SpacyTokens, build_features

from .conftest import TINY


@pytest.mark.parametrize("lang,text,expected", [
    ("fi", "Ei ollut yhtään ystävällinen!", "ei ollut yhtään ystävällinen !"),
    ("ru", "Кассир нахамила, ужас.", "кассир нахамила , ужас ."),
    ("bg", "Много любезен персонал", "много любезен персонал"),
    ("ms", "Staff kaunter kurang ajar!!", "staff kaunter kurang ajar ! !"),
    ("zz", "Unknown language code", "unknown language code"),
])
def test_spacy_tokens_per_language(lang, text, expected):
    assert SpacyTokens()((text, lang)) == expected


def test_tokenizers_are_renewed_and_give_the_same_tokens(monkeypatch):
    tok = SpacyTokens()
    monkeypatch.setattr(SpacyTokens, "RENEW_AFTER", 3)
    first = tok._tokenizer("en")
    out = [tok((f"Parcel {i} arrived late, again!", "en")) for i in range(7)]
    assert tok._tokenizer("en") is not first  # replaced: spaCy's vocabulary cannot grow without end
    assert out == [f"parcel {i} arrived late , again !" for i in range(7)]


def test_spacy_tokens_pickle_without_tokenizers():
    tok = SpacyTokens()
    tok(("hello", "en"))
    again = pickle.loads(pickle.dumps(tok))
    assert again._tokenizers == {} and again(("Hello there", "en")) == "hello there"


@pytest.mark.parametrize("name", [n for n in FEATURE_SETS if n not in ("accurate",)])
def test_every_feature_set_fits_and_transforms(name):
    X = [(text, lang) for lang, text, _, _ in TINY]
    vec = build_features(name).fit(X)
    assert vec.transform(X[:3]).shape[0] == 3


def test_unknown_feature_set_is_a_config_error():
    with pytest.raises(ConfigError, match="E201"):
        build_features("bert-large")
