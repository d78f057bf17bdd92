"""Static multilingual word vectors distilled from multilingual-e5-small.

A table of about 250,000 frequent words of the project's 16 languages (the
20,000 most frequent of each, from ``wordfreq``), each embedded once by the
sentence encoder and reduced to 64 dimensions with PCA
(``scripts/build_static_vectors.py``), ships in ``models/static/``. A
comment's vector is the frequency-weighted mean of its words' vectors: a
dictionary lookup, so it runs at n-gram speed, yet words that mean alike in
different languages ("rude", "unhöflich", "грубый") lie close together. This
is what lets the default model carry what it learned in one language to
another.

>>> emb = StaticEmbedder().fit([("Rude staff", "en")])
>>> emb.transform([("Very rude staff", "en"), ("", "en")]).shape
(2, 64)
"""

from __future__ import annotations

import hashlib
import os
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .errors import ConfigError, ModelFormatError
from .features import normalize_text

__all__ = ["StaticEmbedder", "StaticTable", "load_table"]

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_tables: dict[str, "StaticTable"] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class StaticTable:
    """A loaded word-vector table, kept compact: about 27 MB for 250,000 words.

    ``words`` is a sorted array of UTF-8 byte strings (binary search, no
    dictionary of Python objects for forked workers to copy); row ``i`` of
    the vector of ``words[i]`` is ``codes[i] * scale * weights[i]`` (int8
    codes, per-dimension scale, per-word frequency weight).
    """

    words: np.ndarray  # (n,) bytes ("S"), sorted
    codes: np.ndarray  # (n, dims) int8
    scale: np.ndarray  # (dims,) float32
    weights: np.ndarray  # (n,) float32
    sha256: str
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_words(cls, words: list[str], vectors: np.ndarray, sha256: str = "", metadata: dict | None = None,
                   weights: np.ndarray | None = None, scale: np.ndarray | None = None) -> "StaticTable":
        """A table from words (any order) and their int8 codes, or float vectors (then scaled to int8 here)."""
        vectors = np.asarray(vectors)
        if vectors.dtype != np.int8:
            scale = np.where(np.abs(vectors).max(axis=0) > 0, np.abs(vectors).max(axis=0) / 127, 1.0)
            vectors = np.round(vectors / scale).astype(np.int8)
        keys = np.array([w.encode("utf-8") for w in words], dtype=bytes)
        order = np.argsort(keys, kind="stable")
        weights = np.ones(len(words), np.float32) if weights is None else np.asarray(weights, np.float32)
        scale = np.ones(vectors.shape[1], np.float32) if scale is None else np.asarray(scale, np.float32)
        return cls(keys[order], vectors[order], scale, weights[order], sha256, dict(metadata or {}))

    def __len__(self) -> int:
        return len(self.words)

    @property
    def dims(self) -> int:
        return int(self.codes.shape[1])

    def rows(self, words: list[str], min_prefix: int) -> np.ndarray:
        """Row of each word, or -1: an exact match; else the known word sharing its longest prefix (at
        least ``min_prefix`` characters and all but 4 of the word), a crude stemmer for inflected languages.

        >>> t = StaticTable.from_words(["kiitos", "myöhässä"], np.ones((2, 1)))
        >>> t.rows(["myöhässäkin", "kiva", "kiitos"], 5).tolist()
        [1, -1, 0]
        """
        if not words:
            return np.zeros(0, np.int64)
        keys = np.array([w.encode("utf-8") for w in words], dtype=bytes)
        pos = np.searchsorted(self.words, keys)
        at = np.minimum(pos, len(self.words) - 1)
        out = np.where(self.words[at] == keys, at, -1)
        if min_prefix:
            for i in np.flatnonzero(out < 0):
                word = words[i]
                if len(word) <= min_prefix:
                    continue
                best_len = max(min_prefix, len(word) - 4) - 1
                for row in range(max(0, pos[i] - 1), min(pos[i] + 1, len(self.words))):
                    common = len(os.path.commonprefix([word, self.words[row].decode("utf-8")]))
                    if common > best_len:
                        out[i], best_len = row, common
        return out

    def embed(self, docs: list[list[int]]) -> np.ndarray:
        """Sum of the (weighted) vectors of each document's rows, as float32 ``(len(docs), dims)``."""
        cols = np.fromiter((j for ids in docs for j in ids), dtype=np.int64)
        if not len(cols):
            return np.zeros((len(docs), self.dims), np.float32)
        doc_of = np.repeat(np.arange(len(docs)), [len(ids) for ids in docs])
        used, local = np.unique(cols, return_inverse=True)
        counts = sp.csr_matrix((np.ones(len(cols), np.float32), (doc_of, local)), shape=(len(docs), len(used)))
        sub = self.codes[used].astype(np.float32) * self.weights[used, None]
        return np.asarray(counts @ sub, dtype=np.float32) * self.scale[None, :]


def _table_dir(table: str) -> Path:
    path = Path(table)
    if path.is_dir():
        return path
    if "/" in table or "\\" in table:
        raise ConfigError("E212", f"static vector table {table!r} does not exist",
                          "pass a directory made by scripts/build_static_vectors.py, or 'static' for the packaged one")
    from .api import default_model_path

    return default_model_path(table)


def load_table(table: str = "static") -> StaticTable:
    """Load (once per process) and check a static vector table by name or directory."""
    with _lock:
        if table in _tables:
            return _tables[table]
        folder = _table_dir(table)
        npz, meta_path = folder / "vectors.npz", folder / "metadata.json"
        if not npz.is_file() or not meta_path.is_file():
            raise ModelFormatError("E413", f"static vector table missing in {folder} (needs vectors.npz and metadata.json)",
                                   "reinstall the package, or rebuild it: python scripts/build_static_vectors.py -o models/static")
        data = npz.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("sha256") != digest:
            raise ModelFormatError("E414", f"{npz} does not match the SHA-256 in its metadata.json (corrupt or tampered)",
                                   "reinstall the package, or rebuild the table with scripts/build_static_vectors.py")
        with np.load(npz, allow_pickle=False) as z:
            words = str(z["vocab"]).split("\n")
            _tables[table] = StaticTable.from_words(words, z["vectors"], digest, meta, z["weights"], z["scale"])
        return _tables[table]


class StaticEmbedder(TransformerMixin, BaseEstimator):
    """Comment vectors from a static word-vector table (see the module docstring).

    Parameters
    ----------
    table : name of a packaged table (``"static"``, in ``models/static``) or a directory.
    weight : scale of the (L2-normalised) comment vector against the n-gram features.
    backoff : for a word not in the table, use the known word with the longest shared prefix of at
        least this many characters (0: skip unknown words).

    The table itself is not stored in the fitted estimator (it would add
    15 MB to every bundle); its SHA-256 is, and ``transform`` refuses a
    different table.
    """

    def __init__(self, table: str = "static", weight: float = 1.0, backoff: int = 5) -> None:
        self.table = table
        self.weight = weight
        self.backoff = backoff

    def fit(self, X, y=None) -> "StaticEmbedder":
        if not isinstance(self.weight, (int, float)) or self.weight <= 0:
            raise ConfigError("E213", f"weight must be a positive number, got {self.weight!r}", "use e.g. weight=1.0")
        tab = load_table(self.table)
        self.table_sha256_ = tab.sha256
        self.n_dims_ = tab.dims
        self.n_features_in_ = 1
        return self

    def transform(self, X) -> np.ndarray:
        check_is_fitted(self, "table_sha256_")
        tab = load_table(self.table)
        if tab.sha256 != self.table_sha256_:
            raise ModelFormatError("E415", f"the static vector table {self.table!r} differs from the one this model was trained with",
                                   "install the package version the model was made with, or retrain the model")
        docs = [_WORD.findall(normalize_text(item)) for item in X]
        vocab = {w: None for ids in docs for w in ids}
        found = dict(zip(vocab, tab.rows(list(vocab), self.backoff).tolist()))
        out = tab.embed([[j for j in map(found.__getitem__, ws) if j >= 0] for ws in docs])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out * np.float32(self.weight)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "n_dims_")
        return np.array([f"static_{i}" for i in range(self.n_dims_)], dtype=object)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags
