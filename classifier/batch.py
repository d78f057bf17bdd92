"""Batch labelling of files: streaming, parallel, resumable, nothing lost.

The input is read in chunks; each chunk is labelled (in worker processes when
``jobs > 1``) and saved as a numbered Parquet part in a hidden directory
beside the output. When every chunk is done, the parts are joined, in input
order, into the output file, which appears only then. ``resume=True`` after
an interruption reuses the finished parts, so the final file is the same as
an uninterrupted run's.

Every input row appears once in the output, in order, with a ``status``:
``ok``, ``ok: truncated to N characters``, or ``skipped: <why>`` (then no labels).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pandas as pd

from .bundle import MAX_CHARS
from .errors import ColumnNotFoundError, OutputError
from .io import STATUS_COLUMN, iter_chunks
from .writers import TableWriter

__all__ = ["LabelConfig", "LabelSummary", "label_frame", "label_file", "shape_output", "MAX_CHARS"]



@dataclass(frozen=True)
class LabelConfig:
    """Options of a labelling run."""

    text_column: str | None = None  # None: "text" or another obvious name (see TEXT_COLUMN_NAMES)
    lang_column: str | None = "lang"
    model: str | None = None
    chunksize: int = 5000
    jobs: int = 1
    start_method: str | None = None  # None: fork where available and safe for the model (workers share it), else spawn
    max_chars: int = MAX_CHARS
    neutralize_formulas: bool = True
    fmt: str | None = None
    output_fmt: str | None = None
    sheet: str | None = None
    encoding: str | None = None


@dataclass
class LabelSummary:
    """What a run did: rows read, labelled, skipped (by reason), time."""

    rows: int = 0
    labelled: int = 0
    skipped: Counter = field(default_factory=Counter)
    truncated: int = 0
    seconds: float = 0.0
    resumed_chunks: int = 0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def add(self, frame: pd.DataFrame) -> None:
        status = frame[STATUS_COLUMN].astype(str)
        self.rows += len(frame)
        self.labelled += int(status.str.startswith("ok").sum())
        self.truncated += int(status.str.startswith("ok: truncated").sum())
        self.skipped.update(s for s in status if not s.startswith("ok"))

    def __str__(self) -> str:
        skipped = sum(self.skipped.values())
        why = "; ".join(f"{n} {reason}" for reason, n in self.skipped.most_common(5))
        return (f"{self.rows} rows read, {self.labelled} labelled ({self.truncated} truncated), "
                f"{skipped} skipped{f' ({why})' if why else ''}, {self.seconds:.1f} s, "
                f"{self.rows_per_second:,.0f} rows/s")


#: Column names taken as the comment when ``text`` is absent and none is given (in this order).
TEXT_COLUMN_NAMES = ("text", "comment", "comments", "review", "review_text", "body", "message", "feedback",
                     "content", "opinion", "answer", "verbatim", "description")


def pick_text_column(frame: pd.DataFrame, requested: str | None, source: str = "input") -> str:
    """The comment column: ``requested`` if given, else the first obvious name (case-insensitive).

    >>> pick_text_column(pd.DataFrame(columns=["id", "Review"]), None)
    'Review'
    """
    cols = [c for c in frame.columns if c != STATUS_COLUMN]
    if requested is not None:
        if requested in frame.columns:
            return requested
    else:
        by_name = {str(c).lower(): c for c in cols}
        for name in TEXT_COLUMN_NAMES:
            if name in by_name:
                return by_name[name]
    raise ColumnNotFoundError("E104", f"{source}: no column {requested or 'text'!r}",
                              f"pass --text-column; columns are: {', '.join(map(str, cols))}")


def _row_status(value: Any, max_chars: int) -> tuple[str | None, str]:
    """The text to label (or None) and the row's status."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None, "skipped: empty text"
    if not isinstance(value, str):
        return None, f"skipped: text is {type(value).__name__}, not a string"
    if not value.strip():
        return None, "skipped: empty text"
    if not any(ch.isalnum() for ch in value[:max_chars]):
        return None, "skipped: no letters or digits"
    if len(value) > max_chars:
        return value[:max_chars], f"ok: truncated to {max_chars} characters"
    return value, "ok"


def label_frame(df: pd.DataFrame, model: Any, config: LabelConfig = LabelConfig()) -> pd.DataFrame:
    """``df`` with ``lang``, ``sentiment``, ``dimensions`` (JSON), ``dim_<label>`` (polarity or empty),
    ``score_<label>`` (probability the label is mentioned), ``score_sentiment`` and ``status`` columns."""
    config = replace(config, text_column=pick_text_column(df, config.text_column))
    out = df.copy()
    prior = out[STATUS_COLUMN] if STATUS_COLUMN in out.columns else pd.Series([None] * len(out), index=out.index)
    texts, status = [], []
    for value, before in zip(out[config.text_column].tolist(), prior.tolist()):
        if isinstance(before, str) and before:
            texts.append(None)
            status.append(before if before.startswith("skipped") else f"skipped: {before}")
        else:
            text, st = _row_status(value, config.max_chars)
            texts.append(text)
            status.append(st)
    rows = [i for i, t in enumerate(texts) if t is not None]
    langs_given = out[config.lang_column].tolist() if config.lang_column and config.lang_column in out.columns else None
    n, labels = len(out), list(model.labels)
    lang, sentiment, dims = [None] * n, [None] * n, [None] * n
    per_label = {label: [None] * n for label in labels}
    scores = np.full((n, len(labels) + 1), np.nan)
    if rows:
        given = [langs_given[i] if isinstance(langs_given[i], str) else None for i in rows] if langs_given else None
        pairs, proba, decided = model.predict_arrays([texts[i] for i in rows], given, max_chars=config.max_chars)
        scores[rows, : len(labels)] = proba.presence.round(4)
        if proba.sentiment.shape[1]:
            scores[rows, len(labels)] = proba.sentiment.max(axis=1).round(4)
        for i, d, (_, lg) in zip(rows, decided, pairs):
            lang[i], sentiment[i], dims[i] = lg, d["sentiment"], json.dumps(d["dimensions"], ensure_ascii=False)
            for label, pol in d["dimensions"].items():
                per_label[label][i] = pol
    out["lang" if "lang" not in df.columns else "lang_detected"] = lang
    out["sentiment"] = sentiment
    out["dimensions"] = dims
    for label, values in per_label.items():
        out[f"dim_{label}"] = values
    for j, label in enumerate(labels):
        out[f"score_{label}"] = scores[:, j]
    out["score_sentiment"] = scores[:, len(labels)]
    out[STATUS_COLUMN] = status
    for col in df.columns:  # a column mixing text and numbers (JSON Lines) is kept as text, losslessly
        if out[col].dtype == object:
            kinds = {type(v) for v in out[col] if v is not None and not (isinstance(v, float) and pd.isna(v))}
            if str in kinds and len(kinds) > 1:
                out[col] = out[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return out


def shape_output(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """For JSON Lines, labels as the taxonomy's objects: ``dimensions`` {label: polarity} and
    ``scores`` {label: probability}, instead of the flat ``dim_*`` / ``score_*`` columns of tables."""
    if fmt != "jsonl" or "dimensions" not in frame.columns:
        return frame
    out = frame.copy()
    score_cols = [c for c in out.columns if str(c).startswith("score_") and c != "score_sentiment"]
    out["dimensions"] = out["dimensions"].map(lambda v: json.loads(v) if isinstance(v, str) and v else None)
    values = out[score_cols].to_numpy()
    names = [str(c)[6:] for c in score_cols]
    out["scores"] = [None if np.isnan(row).all() else {k: float(v) for k, v in zip(names, row)} for row in values]
    return out.drop(columns=[c for c in out.columns if str(c).startswith("dim_")] + score_cols)


_worker_models: dict[str, Any] = {}


def _label_part(df: pd.DataFrame, config: LabelConfig, part: Path) -> pd.DataFrame:
    """Label one chunk (in a worker) and save it atomically as ``part``."""
    from .api import load_model

    key = config.model or "default"
    if key not in _worker_models:
        _worker_models[key] = load_model(config.model)
    labelled = label_frame(df, _worker_models[key], config)
    tmp = part.with_suffix(".tmp")
    labelled.to_parquet(tmp, index=False)
    os.replace(tmp, part)
    _release_freed_memory()
    return labelled[[STATUS_COLUMN]]


def _release_freed_memory() -> None:
    """Hand the heap freed after a chunk back to the OS (glibc keeps it otherwise, and a long run's
    memory creeps up through fragmentation); a no-op where there is no glibc."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Any = None


#: Chunks each worker labels before the workers are replaced by fresh forks of the parent (which holds
#: the warmed-up model): what a long run leaves behind in a worker (heap fragmentation, pages copied on
#: write) is then bounded by these chunks instead of growing with the file.
RECYCLE_AFTER = 20

#: Rows of the file's first chunks the parent warms the model up on before forking workers. Forked
#: workers share what it fills (the tokenizers' caches and vocabularies, about 1,000 comments per
#: language at this size); with less, every worker grows its own copy (30-40 MB each) and tokenises slower.
WARM_UP_ROWS = 20_000


def _parallel_map(tasks: Iterator, config: LabelConfig, jobs: int) -> Iterator[pd.DataFrame]:
    """Run tasks in ``jobs`` processes (start method ``config.start_method``), yielding results in order.

    At most ``2 * jobs`` chunks are in flight, so memory stays bounded; forked workers are renewed
    every ``RECYCLE_AFTER`` chunks each.
    """
    import gc
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods() and _worker_models[config.model or "default"].fork_safe
    method = config.start_method or ("fork" if fork else "spawn")
    context = multiprocessing.get_context(method)

    def new_pool() -> ProcessPoolExecutor:
        if method == "fork":
            gc.freeze()  # keep the collector from touching (and so copying) the parent's objects in every worker
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context)

    pool, submitted = new_pool(), 0
    pending: deque = deque()
    try:
        for chunk, part in tasks:
            if method == "fork" and submitted >= RECYCLE_AFTER * jobs:
                while pending:
                    yield pending.popleft().result()
                pool.shutdown()
                pool, submitted = new_pool(), 0
            pending.append(pool.submit(_read_status, part) if chunk is None else pool.submit(_label_part, chunk, config, part))
            submitted += chunk is not None
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        for future in pending:
            future.cancel()
        raise
    finally:
        pool.shutdown()


def _warm_up(model: Any, chunks: list[pd.DataFrame], config: LabelConfig) -> None:
    """Warm ``model`` up on the usable texts of ``chunks`` (at most ``WARM_UP_ROWS``), before forking."""

    def usable() -> Iterator[tuple[str, str | None]]:
        for chunk in chunks:
            if config.text_column in chunk.columns:
                given = chunk[config.lang_column].tolist() if config.lang_column in chunk.columns else [None] * len(chunk)
                for value, lang in zip(chunk[config.text_column].tolist(), given):
                    text = _row_status(value, config.max_chars)[0]
                    if text is not None:
                        yield text, lang if isinstance(lang, str) and lang else None

    pairs = list(itertools.islice(usable(), WARM_UP_ROWS))
    if pairs:
        model.warm_up([t for t, _ in pairs], [lang for _, lang in pairs])


def _read_status(part: Path) -> pd.DataFrame:
    return pd.read_parquet(part, columns=[STATUS_COLUMN])


def _run_key(input_path: str, config: LabelConfig) -> str:
    try:
        st = os.stat(input_path)
        ident = [os.path.abspath(input_path), st.st_size, st.st_mtime_ns]
    except OSError:
        ident = [input_path]
    cfg = {k: v for k, v in asdict(config).items() if k not in ("jobs", "start_method", "output_fmt", "neutralize_formulas")}
    return hashlib.sha256(json.dumps([ident, cfg], sort_keys=True, default=str).encode()).hexdigest()[:16]


def _check_paths(input_path: str, output_path: str) -> None:
    if input_path != "-" and output_path != "-" and Path(input_path).resolve() == Path(output_path).resolve():
        raise OutputError("E122", f"the output {output_path} is the input file", "write the labels to a new file, e.g. -o labelled.csv")


def label_file(input_path: str | os.PathLike, output_path: str | os.PathLike, config: LabelConfig = LabelConfig(),
               resume: bool = False, progress: Callable[[int], None] | None = None) -> LabelSummary:
    """Label every row of ``input_path`` into ``output_path``; see the module docstring."""
    input_path, output_path = str(input_path), str(output_path)
    _check_paths(input_path, output_path)
    start = time.perf_counter()
    from .api import load_model

    _worker_models[config.model or "default"] = load_model(config.model)  # fail fast on a bad model
    out_dir = Path(output_path).resolve().parent if output_path != "-" else Path.cwd()
    name = Path(output_path).name if output_path != "-" else "stdout"
    parts = out_dir / f".{name}.parts"
    key = _run_key(input_path, config)
    manifest = parts / "run.json"
    if parts.exists() and not (resume and manifest.exists() and json.loads(manifest.read_text()).get("key") == key):
        shutil.rmtree(parts)
    try:
        parts.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps({"key": key, "input": input_path}))
    except OSError as exc:
        raise OutputError("E120", f"cannot write to {out_dir} ({exc.strerror})", "choose a writable output directory") from None
    summary = LabelSummary()
    jobs = config.jobs if config.jobs > 0 else (os.cpu_count() or 1)

    def tasks() -> Iterator:
        nonlocal config
        for i, chunk in enumerate(iter_chunks(input_path, config.chunksize, config.fmt, config.sheet, config.encoding)):
            part = parts / f"part-{i:06d}.parquet"
            if i == 0:
                config = replace(config, text_column=pick_text_column(chunk, config.text_column, input_path))
            if part.exists():
                summary.resumed_chunks += 1
                yield None, part
            else:
                yield chunk, part

    def done(frame: pd.DataFrame) -> None:
        summary.add(frame)
        _release_freed_memory()
        if progress:
            progress(len(frame))

    stream = tasks()
    head = list(itertools.islice(stream, 2 if jobs == 1 else max(2, -(-WARM_UP_ROWS // max(config.chunksize, 1)))))
    stream = itertools.chain(head, stream)
    if jobs == 1 or len(head) < 2:  # one chunk: workers would only add start-up time
        for chunk, part in stream:
            done(_read_status(part) if chunk is None else _label_part(chunk, config, part))
    else:
        _warm_up(_worker_models[config.model or "default"], [chunk for chunk, _ in head if chunk is not None], config)
        for frame in _parallel_map(stream, config, jobs):
            done(frame)
    with TableWriter(output_path, config.output_fmt, neutralize=config.neutralize_formulas) as writer:
        for part in sorted(parts.glob("part-*.parquet")):
            writer.write(shape_output(pd.read_parquet(part), writer.fmt))
    shutil.rmtree(parts, ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary
