"""The Python API: :func:`predict` with the packaged default model, :func:`load_model`.

>>> from classifier import predict
>>> [p.sentiment in {"positive", "negative", "neutral", "mixed"} for p in predict(["Tosi ystävällinen palvelu!", "Muy lento."])]
[True, True]
"""

from __future__ import annotations

import os
import threading
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

from .bundle import Model, Prediction, load_bundle
from .errors import ModelNotFoundError

__all__ = ["predict", "load_model", "default_model_path"]

_cache: dict[str, Model] = {}
_lock = threading.Lock()

#: Variants shipped in the package: the name given to ``load_model``.
VARIANTS = ("default", "fast", "accurate")


def default_model_path(name: str = "default") -> Path:
    """Where the packaged model ``name`` lives (``models/<name>`` in a checkout)."""
    try:
        root = Path(str(resources.files("classifier.models")))
    except ModuleNotFoundError:  # pragma: no cover - broken install
        root = Path(__file__).resolve().parent.parent / "models"
    return root / name


def load_model(path: str | os.PathLike | None = None) -> Model:
    """Load a model bundle; ``None`` (or a variant name) means a packaged model, cached.

    >>> load_model().labels[:3]
    ('access', 'communication', 'competence')
    """
    if path is None or str(path) in VARIANTS:
        name = "default" if path is None else str(path)
        with _lock:
            if name not in _cache:
                target = default_model_path(name)
                if not target.exists():
                    raise ModelNotFoundError("E409", f"the packaged {name!r} model is missing ({target})",
                                             "reinstall the package or train one: classifier train data/labeled -o models/default")
                _cache[name] = load_bundle(target)
            return _cache[name]
    return load_bundle(path)


def predict(texts: Sequence[str] | str, langs: Sequence[str | None] | None = None,
            thresholds: Mapping[str, float] | float | None = None, model: str | os.PathLike | None = None) -> list[Prediction]:
    """Label ``texts`` with the default (or given) model: one :class:`Prediction` each.

    >>> p = predict("The staff were rude.", langs=["en"])[0]
    >>> p.lang, p.sentiment in {"positive", "negative", "neutral", "mixed"}
    ('en', True)
    """
    return load_model(model).predict([texts] if isinstance(texts, str) else texts, langs=langs, thresholds=thresholds)
