"""Read and write tables in chunks: CSV/TSV, JSON Lines, Parquet, XLSX (``.gz`` too).

Readers yield pandas DataFrames of at most ``chunksize`` rows, so memory stays
flat whatever the file size. CSV encoding (BOM, UTF-8, else detected with
charset-normalizer) and delimiter (csv.Sniffer) are detected from the first
bytes. A JSON Lines line that is not a JSON object becomes a row whose
``status`` says so; no line is dropped.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
>>> _ = p.write_text("id;text\\n1;Hyvä palvelu\\n2;Huono\\n", encoding="utf-8")
>>> [len(c) for c in iter_chunks(p, chunksize=1)]
[1, 1]
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterator

import pandas as pd

from .errors import InputFileError, InputNotFoundError

__all__ = ["FORMATS", "detect_format", "iter_chunks", "open_text", "STATUS_COLUMN"]

FORMATS = ("csv", "tsv", "jsonl", "parquet", "xlsx")
STATUS_COLUMN = "status"
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def detect_format(path: str | os.PathLike, given: str | None = None) -> str:
    """The table format of ``path`` from ``given`` or its suffix (``-`` means CSV).

    >>> detect_format("reviews.jsonl.gz"), detect_format("-")
    ('jsonl', 'csv')
    """
    if given:
        if given not in FORMATS:
            raise InputFileError("E110", f"unknown format {given!r}", f"use one of {', '.join(FORMATS)}")
        return given
    if str(path) == "-":
        return "csv"
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _SUFFIXES.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise InputFileError("E111", f"{path}: cannot tell the format from the name",
                             f"rename it with one of {', '.join(sorted(_SUFFIXES))} or pass --format")
    return fmt


def _open_binary(path: str | os.PathLike) -> IO[bytes]:
    if str(path) == "-":
        return sys.stdin.buffer
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError("E101", f"no such file: {p}", "check the path")
    if p.is_dir():
        raise InputFileError("E112", f"{p} is a directory, not a file", "give a file (or a glob with --engine dask)")
    raw = open(p, "rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.open(raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


def _sniff_encoding(sample: bytes, path: str) -> str:
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InputFileError("E113", f"{path}: not a text file (binary content, no encoding fits)",
                             "give a CSV/TSV text file, or pass --format for other formats")
    return best.encoding


def open_text(path: str | os.PathLike, encoding: str | None = None) -> tuple[IO[str], str]:
    """A text stream of ``path`` (``-`` = stdin, ``.gz`` transparently) and its encoding."""
    raw = io.BufferedReader(_open_binary(path)) if str(path) == "-" else _open_binary(path)
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    sample = raw.peek(65536)[:65536]  # type: ignore[union-attr]
    nuls = sample.count(b"\x00")
    if nuls >= 3 and nuls * 100 > len(sample) and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError("E113", f"{path}: binary content (NUL bytes), not a text table",
                             "give a CSV, TSV, JSONL, Parquet or XLSX file")
    enc = encoding or _sniff_encoding(sample, str(path))
    return io.TextIOWrapper(raw, encoding=enc, errors="replace", newline=""), enc  # type: ignore[arg-type]


def _csv_chunks(path, chunksize: int, fmt: str, encoding: str | None) -> Iterator[pd.DataFrame]:
    stream, _ = open_text(path, encoding)
    with stream:
        head = stream.buffer.peek(65536)[:65536].decode(stream.encoding, errors="ignore")  # type: ignore[attr-defined]
        if not head.strip():
            raise InputFileError("E114", f"{path}: the file is empty", "give a file with a header row and comments")
        sep = "\t" if fmt == "tsv" else ","
        if fmt == "csv":
            try:
                sep = csv.Sniffer().sniff(head[:20000], delimiters=",;\t|").delimiter
            except csv.Error:
                sep = ","
        try:
            reader = pd.read_csv(stream, sep=sep, dtype=str, keep_default_na=False, chunksize=chunksize,
                                 on_bad_lines="error", engine="c")
            for chunk in reader:
                yield chunk
        except pd.errors.ParserError as exc:
            raise InputFileError("E115", f"{path}: broken CSV ({exc})".replace("\n", " "),
                                 "check quoting around that line: a field with the delimiter or a newline must be in double quotes") from None
        except pd.errors.EmptyDataError:
            raise InputFileError("E114", f"{path}: the file is empty", "give a file with a header row and comments") from None


def _jsonl_chunks(path, chunksize: int, encoding: str | None) -> Iterator[pd.DataFrame]:
    stream, _ = open_text(path, encoding)
    rows: list[dict] = []
    seen_any = False
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            seen_any = True
            try:
                obj = json.loads(line)
                row = obj if isinstance(obj, dict) else {STATUS_COLUMN: f"error: line {n} is a JSON {type(obj).__name__}, not an object"}
            except json.JSONDecodeError as exc:
                row = {STATUS_COLUMN: f"error: line {n} is not valid JSON ({exc.msg})"}
            rows.append(row)
            if len(rows) >= chunksize:
                yield _frame(rows)
                rows = []
    if rows:
        yield _frame(rows)
    if not seen_any:
        raise InputFileError("E114", f"{path}: the file is empty", "give a JSON Lines file with one object per line")


def _frame(rows: list[dict]) -> pd.DataFrame:
    from .features import clean_surrogates

    rows = [{k: clean_surrogates(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows]
    df = pd.DataFrame.from_records(rows)
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, (dict, list))).any():
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
    return df


def _parquet_chunks(path, chunksize: int) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    p = Path(path)
    if not p.exists():
        raise InputNotFoundError("E101", f"no such file: {p}", "check the path")
    try:
        pf = pq.ParquetFile(p)
    except Exception as exc:
        raise InputFileError("E116", f"{p}: not a readable Parquet file ({exc})", "re-export the file as Parquet") from None
    for batch in pf.iter_batches(batch_size=chunksize):
        yield batch.to_pandas()


def _xlsx_chunks(path, chunksize: int, sheet: str | None) -> Iterator[pd.DataFrame]:
    from openpyxl import load_workbook

    p = Path(path)
    if not p.exists():
        raise InputNotFoundError("E101", f"no such file: {p}", "check the path")
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:
        raise InputFileError("E117", f"{p}: not a readable XLSX workbook ({type(exc).__name__})",
                             "re-save it as .xlsx or export as CSV") from None
    if sheet is None and len(wb.sheetnames) > 1:
        raise InputFileError("E118", f"{p} has several sheets: {', '.join(wb.sheetnames)}", "choose one with --sheet NAME")
    if sheet is not None and sheet not in wb.sheetnames:
        raise InputFileError("E119", f"{p} has no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})", "pass one of those to --sheet")
    rows_iter = wb[sheet or wb.sheetnames[0]].iter_rows(values_only=True)
    header = next(rows_iter, None)
    if header is None or all(h is None for h in header):
        raise InputFileError("E114", f"{p}: the sheet is empty", "put a header row and comments in the sheet")
    columns = [str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(header)]
    buf: list[tuple] = []
    for row in rows_iter:
        buf.append(tuple("" if v is None else str(v) for v in row))
        if len(buf) >= chunksize:
            yield pd.DataFrame(buf, columns=columns[: len(buf[0])] if buf else columns)
            buf = []
    if buf:
        yield pd.DataFrame(buf, columns=columns[: len(buf[0])])
    wb.close()


def iter_chunks(path: str | os.PathLike, chunksize: int = 10_000, fmt: str | None = None,
                sheet: str | None = None, encoding: str | None = None) -> Iterator[pd.DataFrame]:
    """DataFrames of at most ``chunksize`` rows from ``path`` (``-`` for stdin)."""
    fmt = detect_format(path, fmt)
    if fmt in ("csv", "tsv"):
        chunks = _csv_chunks(path, chunksize, fmt, encoding)
    elif fmt == "jsonl":
        chunks = _jsonl_chunks(path, chunksize, encoding)
    elif fmt == "parquet":
        chunks = _parquet_chunks(path, chunksize)
    else:
        chunks = _xlsx_chunks(path, chunksize, sheet)
    return _guarded(chunks, path)


def _guarded(chunks: Iterator[pd.DataFrame], path) -> Iterator[pd.DataFrame]:
    """Turn low-level read failures (corrupt gzip, truncated archives) into one clear error."""
    import zlib

    try:
        yield from chunks
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputFileError("E124", f"{path}: corrupt or truncated compressed file ({exc})",
                             "re-export the file, or decompress it and check it opens") from None
    except UnicodeError as exc:
        raise InputFileError("E125", f"{path}: cannot decode the text ({exc})", "pass --encoding, e.g. --encoding cp1252") from None
