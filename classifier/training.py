"""Train a model bundle from labelled files and measure it on the held-out split.

Records with ``"split": "test"`` are never trained on; the metrics stored in
the bundle come from them only.

>>> import json, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> rows = [{"id": str(i), "lang": "en", "text": t, "dimensions": dims, "sentiment": s}
...         for i, (t, dims, s) in enumerate([("rude staff", {"courtesy": "negative"}, "negative"),
...                                          ("kind staff", {"courtesy": "positive"}, "positive")] * 4)]
>>> _ = (d / "en.jsonl").write_text("\\n".join(json.dumps(r) for r in rows))
>>> model = train([d], config=TrainConfig(features="chars", tune_thresholds=False))
>>> model.metadata["train_size"]
8
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .corpus import read_records
from .metrics import evaluate
from .model import ServiceQualityClassifier

__all__ = ["TrainConfig", "train", "load_labelled", "records_to_xy", "data_hash", "model_card", "default_corpus_path"]


def default_corpus_path() -> Path:
    """The shipped labelled corpus (``data/labeled`` in a checkout, ``classifier/labeled`` installed)."""
    from importlib import resources

    try:
        root = Path(str(resources.files("classifier.labeled")))
    except ModuleNotFoundError:
        root = Path(__file__).resolve().parent.parent / "data" / "labeled"
    return root


def load_labelled(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Records from a directory of JSONL files, a JSONL file, or a CSV/TSV/XLSX/Parquet table (any label names);
    ``default`` means the shipped corpus."""
    from .corpus import read_labelled_table

    if str(path) == "default":
        return read_records([default_corpus_path()])
    p = Path(path)
    return read_records([p], labels=None) if p.is_dir() else read_labelled_table(p)


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of :func:`train` (see :class:`ServiceQualityClassifier`)."""

    features: str = "default"
    C: float = 8.0
    class_weight: str | None = "balanced"
    threshold: float = 0.5
    tune_thresholds: bool = True
    calibrate: bool = True
    cv: int = 3
    polarity: str = "shared"
    polarity_C: float = 4.0
    clause_weight: float = 0.5
    random_state: int = 0

    def estimator(self) -> ServiceQualityClassifier:
        return ServiceQualityClassifier(**asdict(self))


def records_to_xy(records: Sequence[dict[str, Any]]) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """``(text, lang)`` pairs and target mappings of labelled records."""
    return [(r["text"], r.get("lang")) for r in records], [
        {"dimensions": r.get("dimensions") or {}, "sentiment": r.get("sentiment")} for r in records]


def data_hash(records: Iterable[dict[str, Any]]) -> str:
    """SHA-256 of the records' canonical JSON, order-independent."""
    lines = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def train(paths: Iterable[str | os.PathLike], config: TrainConfig = TrainConfig(),
          extra_records: Sequence[dict[str, Any]] = (), use_test: bool = False):
    """Fit on the train split of ``paths`` (+ ``extra_records``); evaluate on the test split.

    ``use_test=True`` also trains on the test split (then no held-out metrics are stored).
    """
    from .bundle import Model

    paths = [Path(p) for p in paths]
    records = [r for p in paths for r in load_labelled(p)] + list(extra_records)
    train_recs = [r for r in records if use_test or r.get("split", "train") != "test"]
    test_recs = [] if use_test else [r for r in records if r.get("split") == "test"]
    X, y = records_to_xy(train_recs)
    estimator = config.estimator().fit(X, y)
    metrics = evaluate(estimator, *records_to_xy(test_recs)) if test_recs else None
    meta = {
        "training_data": {"paths": [str(p) for p in paths], "sha256": data_hash(train_recs)},
        "train_size": len(train_recs),
        "test_size": len(test_recs),
        "languages": dict(sorted(Counter(r.get("lang") for r in train_recs).items())),
        "label_counts": dict(sorted(Counter(k for r in train_recs for k in r.get("dimensions", {})).items())),
        "config": asdict(config),
        "backbone": config.features,
        "heldout_metrics": metrics,
    }
    model = Model(estimator, meta)
    model.metadata["model_card"] = model_card(model)
    return model


def _fmt(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def model_card(model: Any) -> str:
    """A Markdown model card: data, metrics per language, thresholds, intended use, limits."""
    m = model.metadata
    lines = ["# Model card", "", "Multilingual service-quality classifier: dimensions, polarity per dimension, "
             "overall sentiment.", "", f"- Backbone (features): `{m.get('backbone')}`",
             f"- Training records: {m.get('train_size')}; held-out records: {m.get('test_size')}",
             f"- Training data SHA-256: `{m.get('training_data', {}).get('sha256')}`", "",
             "## Training data per language", "", "| lang | records |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in m.get("languages", {}).items()]
    lines += ["", "## Labels and thresholds", "", "| label | train count | threshold |", "| --- | --- | --- |"]
    thresholds = dict(zip(model.estimator.labels_, model.estimator.thresholds_))
    lines += [f"| {k} | {m.get('label_counts', {}).get(k, 0)} | {thresholds[k]:.3f} |" for k in model.estimator.labels_]
    metrics = m.get("heldout_metrics")
    if metrics:
        lines += ["", "## Held-out metrics (test split, never trained on)", "",
                  "| lang | n | dimension F1 | polarity acc. | triple F1 | sentiment acc. |",
                  "| --- | --- | --- | --- | --- | --- |"]
        rows = [("all", metrics)] + list(metrics["per_language"].items())
        lines += [f"| {k} | {b['n']} | {_fmt(b['dimension_f1'])} | {_fmt(b['polarity_accuracy'])} | "
                  f"{_fmt(b['triple_f1'])} | {_fmt(b['sentiment']['accuracy'])} |" for k, b in rows]
    lines += ["", "## Intended use", "", "Tagging customer comments (reviews, complaints, survey answers) with the "
              "service-quality dimensions they speak of, to count and compare them. Not for decisions about "
              "individual people.", "", "## Known limits", "",
              "- Trained on comments written by the project, not on a sample of real traffic: expect lower accuracy "
              "on real data, especially on long, multi-topic comments and sarcasm.",
              "- Languages absent from training get character-level transfer only.",
              "- Bag-of-n-grams features: negation and contrast are learned only as far as n-grams capture them.", ""]
    return "\n".join(lines)
