"""Model bundles: a directory with the fitted estimator and ``metadata.json``.

The estimator is stored with skops (``model.skops``), a format that cannot
run code on load; only the project's own types and the ones skops trusts by
default are accepted, and the file's SHA-256 must match the one recorded in
``metadata.json``. A bundle made by a newer format version is refused.

>>> import tempfile
>>> from classifier.model import ServiceQualityClassifier
>>> X = [("rude staff", "en"), ("kind staff", "en")] * 3
>>> y = [{"dimensions": {"courtesy": "negative"}, "sentiment": "negative"},
...      {"dimensions": {"courtesy": "positive"}, "sentiment": "positive"}] * 3
>>> model = Model(ServiceQualityClassifier(features="chars", tune_thresholds=False).fit(X, y))
>>> path = model.save(tempfile.mkdtemp() + "/bundle")
>>> load_bundle(path).predict(["rude staff"], langs=["en"])[0].dimensions
{'courtesy': 'negative'}
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import platform
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .errors import ModelFormatError, ModelNotFoundError, ModelVersionError

__all__ = ["Model", "Prediction", "load_bundle", "FORMAT_VERSION", "TRUSTED_TYPES"]

#: Default maximum comment length; longer comments are truncated to it.
MAX_CHARS = 5000
#: Texts featurised at a time by :meth:`Model.predict_arrays`.
PREDICT_BATCH = 1000

#: Version of the bundle layout; bumped on incompatible changes.
FORMAT_VERSION = 1
MODEL_FILE = "model.skops"
METADATA_FILE = "metadata.json"

#: The project's own types a bundle may contain, beyond what skops trusts by default.
TRUSTED_TYPES = (
    "classifier.features.SpacyTokens",
    "classifier.features.E5Embedder",
    "classifier.static.StaticEmbedder",
    "classifier.features.CompactTfidfVectorizer",
    "classifier.features._split",
    "classifier.features.normalize_text",
    "classifier.model.ServiceQualityClassifier",
    "classifier.model._Constant",
)


@dataclass(frozen=True)
class Prediction:
    """Labels of one comment.

    ``dimensions``: {dimension: polarity}; ``sentiment``: overall sentiment;
    ``lang``: language (given or detected); ``scores``: probability of each
    dimension (``dimension:<name>``), each polarity given the dimension
    (``polarity:<name>:<polarity>``) and each sentiment (``sentiment:<value>``).
    """

    dimensions: dict[str, str]
    sentiment: str | None
    lang: str
    scores: dict[str, float] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"dimensions": dict(self.dimensions), "sentiment": self.sentiment,
                "lang": self.lang, "scores": dict(self.scores)}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _versions() -> dict[str, str]:
    import sklearn
    import spacy

    from . import __version__

    return {"classifier": __version__, "scikit-learn": sklearn.__version__, "spacy": spacy.__version__,
            "python": platform.python_version()}


class Model:
    """A fitted estimator with its metadata: what :func:`classifier.load_model` returns."""

    def __init__(self, estimator: Any, metadata: Mapping[str, Any] | None = None) -> None:
        self.estimator = estimator
        self.metadata = dict(metadata or {})

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.estimator.labels_)

    @property
    def fork_safe(self) -> bool:
        """False when a feature part runs native thread pools (the e5 sentence encoder of ``accurate``),
        which hang in a forked child once used in the parent: batch workers are then spawned."""
        from .features import E5Embedder

        return not self._feature_parts(E5Embedder)

    def _feature_parts(self, kind: type) -> list[Any]:
        return [v for v in self.estimator.vectorizer_.get_params(deep=True).values() if isinstance(v, kind)]

    def predict_proba(self, texts: Sequence[str], langs: Sequence[str | None] | None = None):
        """:class:`classifier.model.Probabilities` for ``texts``."""
        from .model import as_pairs

        return self.estimator.predict_proba(as_pairs(_with_langs(texts, langs)))

    def predict_arrays(self, texts: Sequence[str], langs: Sequence[str | None] | None = None,
                       thresholds: Mapping[str, float] | float | None = None, max_chars: int = MAX_CHARS):
        """``(pairs, probabilities, decisions)`` for ``texts``: the vectorised core of :meth:`predict`."""
        from .model import as_pairs

        pairs = as_pairs([(t[:max_chars] if isinstance(t, str) else t, lang) for t, lang in _with_langs(texts, langs)])
        # in batches: the sparse feature matrices of a whole chunk would cost far more memory than its texts
        import numpy as np

        parts = [self.estimator.predict_proba(pairs[i:i + PREDICT_BATCH]) for i in range(0, max(len(pairs), 1), PREDICT_BATCH)]
        proba = parts[0] if len(parts) == 1 else dataclasses.replace(
            parts[0], **{name: np.concatenate([getattr(p, name) for p in parts]) for name in ("presence", "polarity", "sentiment")})
        return pairs, proba, self.estimator.decide(proba, thresholds)

    def predict(self, texts: Sequence[str], langs: Sequence[str | None] | None = None,
                thresholds: Mapping[str, float] | float | None = None, max_chars: int = MAX_CHARS,
                scores: bool = True) -> list[Prediction]:
        """One :class:`Prediction` per text; ``langs`` entries that are given win over detection.

        Texts longer than ``max_chars`` are labelled on their first ``max_chars`` characters;
        ``scores=False`` skips the probabilities.
        """
        pairs, proba, decided = self.predict_arrays(texts, langs, thresholds, max_chars)
        out = []
        for i, (d, (_, lang)) in enumerate(zip(decided, pairs)):
            if not scores:
                out.append(Prediction(d["dimensions"], d["sentiment"], lang))
                continue
            scored = {f"dimension:{label}": round(float(proba.presence[i, j]), 4) for j, label in enumerate(proba.labels)}
            for label in d["dimensions"]:
                j = proba.labels.index(label)
                scored.update({f"polarity:{label}:{p}": round(float(proba.polarity[i, j, k]), 4)
                               for k, p in enumerate(proba.polarities)})
            scored.update({f"sentiment:{s}": round(float(proba.sentiment[i, k]), 4)
                           for k, s in enumerate(proba.sentiments)})
            out.append(Prediction(d["dimensions"], d["sentiment"], lang, scored))
        return out

    def warm_up(self, texts: Sequence[str], langs: Sequence[str | None] | None = None) -> None:
        """Load all that prediction needs and fill the tokenizers' caches with the words of ``texts``.

        Call it before forking worker processes: they then share these pages instead of each
        building its own copy.
        """
        from .features import SpacyTokens
        from .model import as_pairs

        tokenizers = self._feature_parts(SpacyTokens)
        n = len(texts) if tokenizers else min(len(texts), 500)
        pairs = as_pairs(_with_langs(list(texts)[:n], None if langs is None else list(langs)[:n]))  # detected once
        self.predict([t for t, _ in pairs[:500]], [lang for _, lang in pairs[:500]], scores=False)
        for tok in tokenizers:  # the first 500 went through them in predict
            for pair in pairs[500:]:
                tok(pair)

    def save(self, path: str | os.PathLike, extra_metadata: Mapping[str, Any] | None = None) -> Path:
        """Write the bundle directory atomically (built aside, then renamed); returns its path."""
        import skops.io as sio

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
        try:
            sio.dump(self.estimator, tmp / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
            meta = {**self.metadata, **(extra_metadata or {})}
            meta.update({
                "format": "service-quality-classifier",
                "format_version": FORMAT_VERSION,
                "labels": list(self.estimator.labels_),
                "polarities": list(self.estimator.polarities_),
                "sentiments": list(self.estimator.sentiments_),
                "params": {k: v for k, v in self.estimator.get_params().items() if isinstance(v, (str, int, float, bool, type(None)))},
                "thresholds": dict(zip(self.estimator.labels_, map(float, self.estimator.thresholds_))),
                "versions": _versions(),
                "model_sha256": _sha256(tmp / MODEL_FILE),
            })
            meta.setdefault("created", _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())
            (tmp / METADATA_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            if meta.get("model_card"):
                (tmp / "MODEL_CARD.md").write_text(meta["model_card"], encoding="utf-8")
            if path.exists():
                shutil.rmtree(path)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        self.metadata = meta
        return path

    def __repr__(self) -> str:
        return f"Model(labels={list(self.labels)}, created={self.metadata.get('created')!r})"


def _with_langs(texts: Sequence[str], langs: Sequence[str | None] | None) -> list[tuple[str, str | None]]:
    if isinstance(texts, str):
        texts = [texts]
    texts = list(texts)
    langs = [None] * len(texts) if langs is None else list(langs)
    return list(zip(texts, langs))


def load_bundle(path: str | os.PathLike) -> Model:
    """Load a bundle directory, checking format, version and hash before deserialising."""
    import skops.io as sio

    path = Path(path)
    meta_path, model_path = path / METADATA_FILE, path / MODEL_FILE
    if not path.exists():
        raise ModelNotFoundError("E401", f"no model bundle at {path}", "pass a directory made by `classifier train`")
    if not path.is_dir() or not meta_path.is_file() or not model_path.is_file():
        raise ModelFormatError("E402", f"{path} is not a model bundle (needs {METADATA_FILE} and {MODEL_FILE})",
                               "pass a directory made by `classifier train` or `Model.save`")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        assert isinstance(meta, dict)
    except (ValueError, AssertionError, UnicodeDecodeError):
        raise ModelFormatError("E403", f"{meta_path} is not valid JSON metadata", "re-create the bundle") from None
    if meta.get("format") != "service-quality-classifier":
        raise ModelFormatError("E404", f"{path} is not a bundle of this project", "train one with `classifier train`")
    version = meta.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        made_by = meta.get("versions", {}).get("classifier", "an unknown version")
        raise ModelVersionError("E405", f"{path} has bundle format {version!r}, made by classifier {made_by}; "
                                f"this version reads format {FORMAT_VERSION}", "upgrade the classifier package")
    if _sha256(model_path) != meta.get("model_sha256"):
        raise ModelFormatError("E406", f"{model_path} does not match the hash in {METADATA_FILE} (tampered or truncated)",
                               "re-copy or re-train the bundle")
    try:
        untrusted = set(sio.get_untrusted_types(file=model_path))
        if untrusted - set(TRUSTED_TYPES):
            raise ModelFormatError("E407", f"{model_path} holds types this project does not trust: "
                                   f"{', '.join(sorted(untrusted - set(TRUSTED_TYPES)))}", "only load bundles made by this project")
        estimator = sio.load(model_path, trusted=sorted(untrusted))
    except ModelFormatError:
        raise
    except Exception as exc:
        raise ModelFormatError("E408", f"{model_path} cannot be read ({type(exc).__name__}: {exc})",
                               "re-copy or re-train the bundle") from None
    return Model(estimator, meta)
