"""Labelled records: read, validate and summarise JSON Lines corpora.

The record format is the taxonomy's (``docs/labeling.md``)::

    {"id": "fi-0042", "lang": "fi", "domain": "bank", "text": "...",
     "dimensions": {"responsiveness": "negative"}, "sentiment": "mixed"}

plus an optional ``"split": "test"`` marking the held-out part.

>>> problems = validate_lines(['{"id": "a", "lang": "en", "text": "ok", "dimensions": {"speed": "good"}, "sentiment": "positive"}'], "x.jsonl")
>>> print(problems[0])
x.jsonl:1: unknown dimension 'speed' (known: reliability, responsiveness, competence, courtesy, communication, credibility, security, access, understanding, tangibles)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import DataFormatError, InputNotFoundError
from .taxonomy import DIMENSIONS, POLARITIES, SENTIMENTS

__all__ = ["Problem", "expand_paths", "validate_lines", "validate_files", "read_records", "read_labelled_table",
           "corpus_stats"]

_LANG = re.compile(r"^[a-z]{2}$")
SPLITS = ("train", "test")


@dataclass(frozen=True)
class Problem:
    """One problem in a labelled file: ``file:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def expand_paths(paths: Iterable[str | Path], pattern: str = "*.jsonl") -> list[Path]:
    """Files named, plus ``pattern`` files inside named directories, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob(pattern)))
        elif p.exists():
            out.append(p)
        else:
            raise InputNotFoundError("E101", f"no such file or directory: {p}", "check the path")
    return out


def _record_problems(rec: Any, labels: Sequence[str] | None) -> Iterator[str]:
    if not isinstance(rec, dict):
        yield f"expected a JSON object, got {type(rec).__name__}"
        return
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        yield "missing or empty 'text'"
    if not isinstance(rec.get("id"), (str, int)) or rec.get("id") == "":
        yield "missing 'id'"
    lang = rec.get("lang")
    if not isinstance(lang, str) or not _LANG.match(lang):
        yield f"bad 'lang' {lang!r}: use a two-letter lower-case ISO 639-1 code such as 'fi'"
    dims = rec.get("dimensions")
    if not isinstance(dims, dict):
        yield "'dimensions' must be an object such as {\"courtesy\": \"positive\"} (or {})"
    else:
        for k, v in dims.items():
            if labels is not None and k not in labels:
                yield f"unknown dimension {k!r} (known: {', '.join(labels)})"
            if v not in POLARITIES:
                yield f"unknown polarity {v!r} for {k!r} (use {', '.join(POLARITIES)})"
    if rec.get("sentiment") not in SENTIMENTS:
        yield f"bad 'sentiment' {rec.get('sentiment')!r} (use {', '.join(SENTIMENTS)})"
    if "split" in rec and rec["split"] not in SPLITS:
        yield f"bad 'split' {rec['split']!r} (use {' or '.join(SPLITS)})"


def validate_lines(lines: Iterable[str], path: str, labels: Sequence[str] | None = DIMENSIONS,
                   seen: dict[str, str] | None = None) -> list[Problem]:
    """Problems in the lines of one JSONL file; ``seen`` tracks ids across files."""
    seen = {} if seen is None else seen
    problems = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, n, f"invalid JSON ({exc.msg} at column {exc.colno})"))
            continue
        problems.extend(Problem(path, n, m) for m in _record_problems(rec, labels))
        if isinstance(rec, dict) and isinstance(rec.get("id"), (str, int)):
            rid = str(rec["id"])
            if rid in seen:
                problems.append(Problem(path, n, f"duplicate id {rid!r} (first at {seen[rid]})"))
            else:
                seen[rid] = f"{path}:{n}"
    return problems


def validate_files(paths: Iterable[str | Path], labels: Sequence[str] | None = DIMENSIONS) -> list[Problem]:
    """Problems in all JSONL files under ``paths`` (ids must be unique across them)."""
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for path in expand_paths(paths):
        try:
            with open(path, encoding="utf-8") as fh:
                problems.extend(validate_lines(fh, str(path), labels, seen))
        except UnicodeDecodeError as exc:
            problems.append(Problem(str(path), 0, f"not UTF-8 ({exc.reason} at byte {exc.start}); re-save as UTF-8"))
    return problems


def read_records(paths: Iterable[str | Path], split: str | None = None,
                 labels: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Records of the JSONL files under ``paths``, optionally one split only.

    Raises :class:`DataFormatError` naming ``file:line`` on the first bad record.
    Records without a ``split`` field count as ``train``.
    """
    problems = validate_files(paths, labels)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataFormatError("E102", f"{problems[0]}{more}", "run `classifier data validate` on the files and fix them")
    records = []
    for path in expand_paths(paths):
        with open(path, encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    if split is not None:
        records = [r for r in records if r.get("split", "train") == split]
    return records


def _length_bucket(text: str) -> str:
    n = len(text.split())
    return "1-10" if n <= 10 else "11-30" if n <= 30 else "31-80" if n <= 80 else "81+"


def corpus_stats(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts per language, label x polarity, sentiment, domain, length and split."""
    dims = Counter((k, v) for r in records for k, v in r["dimensions"].items())
    n = len(records)
    return {
        "records": n,
        "languages": dict(sorted(Counter(r["lang"] for r in records).items())),
        "dimensions": {k: {p: dims[(k, p)] for p in POLARITIES} for k in sorted({k for k, _ in dims})},
        "sentiment": dict(Counter(r["sentiment"] for r in records).most_common()),
        "domains": dict(Counter(r.get("domain", "") for r in records).most_common()),
        "length_words": {b: c for b, c in sorted(Counter(_length_bucket(r["text"]) for r in records).items())},
        "no_dimension_share": sum(not r["dimensions"] for r in records) / n if n else 0.0,
        "multi_dimension_share": sum(len(r["dimensions"]) >= 2 for r in records) / n if n else 0.0,
        "splits": dict(Counter(r.get("split", "train") for r in records)),
    }


def read_labelled_table(path: str | Path, text_column: str = "text") -> list[dict[str, Any]]:
    """Labelled records from a CSV/TSV/XLSX/Parquet table or JSONL with any label names.

    Labels come from a ``dimensions`` column (JSON, as written by ``classifier
    label``) or from ``dim_<label>`` columns holding a polarity (empty = absent);
    ``lang``, ``sentiment``, ``id`` and ``split`` columns are used when present.
    Rows with empty text are skipped; a bad label names the file and row.
    """
    from .io import detect_format, iter_chunks

    if detect_format(path) == "jsonl":
        return read_records([path], labels=None)
    records: list[dict[str, Any]] = []
    row_no = 1
    for chunk in iter_chunks(path):
        if text_column not in chunk.columns:
            raise DataFormatError("E105", f"{path}: no column {text_column!r}", f"columns are: {', '.join(map(str, chunk.columns))}")
        dim_cols = [c for c in chunk.columns if str(c).startswith("dim_")]
        if "dimensions" not in chunk.columns and not dim_cols:
            raise DataFormatError("E106", f"{path}: no labels (a 'dimensions' JSON column or 'dim_<label>' columns)",
                                  "add one of them; see docs/labeling.md")
        for rec in chunk.to_dict("records"):
            row_no += 1
            text = rec.get(text_column)
            if not isinstance(text, str) or not text.strip():
                continue
            if "dimensions" in rec and isinstance(rec["dimensions"], str) and rec["dimensions"].strip():
                try:
                    dims = json.loads(rec["dimensions"])
                except json.JSONDecodeError:
                    raise DataFormatError("E107", f"{path}: row {row_no}: 'dimensions' is not JSON", 'write e.g. {"courtesy": "positive"}') from None
            else:
                dims = {str(c)[4:]: str(rec[c]).strip() for c in dim_cols if isinstance(rec[c], str) and rec[c].strip()}
            bad = [v for v in dims.values() if v not in POLARITIES]
            if not isinstance(dims, dict) or bad:
                raise DataFormatError("E108", f"{path}: row {row_no}: bad polarity {bad[:1] if bad else dims!r}",
                                      f"use {', '.join(POLARITIES)}")
            sentiment = rec.get("sentiment") if rec.get("sentiment") in SENTIMENTS else None
            lang = rec.get("lang") if isinstance(rec.get("lang"), str) and _LANG.match(rec.get("lang") or "") else None
            out = {"id": str(rec.get("id", f"{Path(path).stem}-{row_no}")), "lang": lang, "text": text,
                   "dimensions": dims, "sentiment": sentiment}
            if rec.get("split") in SPLITS:
                out["split"] = rec["split"]
            records.append(out)
    return records
