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

import bisect
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
    """A loaded word-vector table: ``index`` maps a word to its row of ``vectors``."""

    words: list[str]  # sorted; row i of ``vectors`` is ``words[i]``
    vectors: np.ndarray  # (words, dims) float32, rows pre-multiplied by the word weight
    sha256: str
    metadata: dict
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.words)})

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def lookup(self, word: str, min_prefix: int) -> int | None:
        """Row of ``word``; else of the known word sharing its longest prefix (at least ``min_prefix``
        characters and all but 4 of the word), a crude stemmer for inflected languages.

        >>> t = StaticTable(["kiitos", "myöhässä"], np.zeros((2, 1)), "", {})
        >>> t.lookup("myöhässäkin", 5), t.lookup("kiva", 5)
        (1, None)
        """
        hit = self.index.get(word)
        if hit is not None or not min_prefix or len(word) <= min_prefix:
            return hit
        need = max(min_prefix, len(word) - 4)
        pos = bisect.bisect_left(self.words, word)
        best, best_len = None, need - 1
        for row in range(max(0, pos - 1), min(pos + 1, len(self.words))):
            common = len(os.path.commonprefix([word, self.words[row]]))
            if common > best_len:
                best, best_len = row, common
        return best


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
            vectors = z["vectors"].astype(np.float32) * z["scale"][None, :] * z["weights"][:, None]
        if any(a >= b for a, b in zip(words, words[1:])):  # the build script writes them sorted
            order = sorted(range(len(words)), key=words.__getitem__)
            words, vectors = [words[i] for i in order], vectors[order]
        _tables[table] = StaticTable(words, vectors, digest, meta)
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
        rows, cols = [], []
        cache: dict[str, int | None] = {}
        for i, item in enumerate(X):
            ids = []
            for w in _WORD.findall(normalize_text(item)):
                j = cache.get(w, -1)
                if j == -1:
                    j = cache[w] = tab.lookup(w, self.backoff)
                if j is not None:
                    ids.append(j)
            rows.extend([i] * len(ids))
            cols.extend(ids)
        counts = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(X), len(tab.index)))
        out = np.asarray(counts @ tab.vectors, dtype=np.float32)
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
