"""Multilingual service-quality classifier for customer comments.

Tags each comment with the service-quality dimensions it speaks of, the
polarity towards each, and an overall sentiment.

>>> import classifier
>>> pred = classifier.predict(["The staff were lovely but we waited an hour."])[0]
>>> sorted(pred.to_dict())
['dimensions', 'lang', 'scores', 'sentiment']

Heavy modules (scikit-learn, spaCy, the model) load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "predict",
    "load_model",
    "Model",
    "Prediction",
    "ServiceQualityClassifier",
    "train",
    "evaluate",
    "DIMENSIONS",
    "SENTIMENTS",
    "ClassifierError",
    "__version__",
]

_LAZY = {
    "predict": "api",
    "load_model": "api",
    "Model": "bundle",
    "Prediction": "bundle",
    "ServiceQualityClassifier": "model",
    "train": "training",
    "evaluate": "metrics",
    "DIMENSIONS": "taxonomy",
    "SENTIMENTS": "taxonomy",
    "ClassifierError": "errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'classifier' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
