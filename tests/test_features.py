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


def test_vocabulary_stays_bounded_and_tokens_stay_the_same(monkeypatch):
    monkeypatch.setattr(SpacyTokens, "WARM_UP", 3)
    monkeypatch.setattr(SpacyTokens, "ZONE_SIZE", 4)
    tok, plain = SpacyTokens(), SpacyTokens()
    monkeypatch.setattr(plain, "WARM_UP", 10**9)
    texts = [(f"Parcel {i}x{i} arrived late, again! Kod{i}", "en") for i in range(30)]
    out = [tok(t) for t in texts[:7]]
    size = len(tok._nlps["en"].vocab.strings)
    out += [tok(t) for t in texts[7:]]
    assert out == [plain(t) for t in texts] == [f"parcel {i}x{i} arrived late , again ! kod{i}" for i in range(30)]
    assert len(tok._nlps["en"].vocab.strings) <= size + 4 * 3 * 4  # at most one zone's new words are kept
    assert len(plain._nlps["en"].vocab.strings) > size + 23 * 3  # without zones every new word stays


def test_spacy_tokens_pickle_without_tokenizers():
    tok = SpacyTokens()
    tok(("hello", "en"))
    again = pickle.loads(pickle.dumps(tok))
    assert again._nlps == {} and again(("Hello there", "en")) == "hello there"


@pytest.mark.parametrize("name", [n for n in FEATURE_SETS if n not in ("accurate",)])
def test_every_feature_set_fits_and_transforms(name):
    X = [(text, lang) for lang, text, _, _ in TINY]
    vec = build_features(name).fit(X)
    assert vec.transform(X[:3]).shape[0] == 3


def test_unknown_feature_set_is_a_config_error():
    with pytest.raises(ConfigError, match="E201"):
        build_features("bert-large")
