"""Write labelled tables chunk by chunk, atomically.

A :class:`TableWriter` writes to a hidden temporary file beside the target
and renames it into place only on :meth:`TableWriter.commit`, so a crash,
Ctrl-C or full disk never leaves a half-written output. Text echoed into CSV
or XLSX that starts with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'``
so that spreadsheets do not run it as a formula (``neutralize=False`` turns
this off).

>>> neutralize_formulas(pd.Series(["=HYPERLINK(1)", "fine", "-3 stars"])).tolist()
["'=HYPERLINK(1)", 'fine', "'-3 stars"]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import OutputError
from .io import detect_format

__all__ = ["TableWriter", "neutralize_formulas"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(col: pd.Series) -> pd.Series:
    """Prefix ``'`` to strings a spreadsheet would read as a formula."""
    if col.dtype != object and not pd.api.types.is_string_dtype(col):
        return col
    return col.map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)


def _conform(table, schema):
    """Cast ``table`` to ``schema``; columns that will not cast are written as text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for field in schema:
        col = table.column(field.name) if field.name in table.column_names else pa.nulls(len(table), field.type)
        try:
            col = col.cast(field.type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            col = pc.cast(col, pa.large_string()).cast(field.type) if pa.types.is_large_string(field.type) else \
                pa.nulls(len(table), field.type)
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=schema)


class TableWriter:
    """Append DataFrames to ``path`` (csv, tsv, jsonl, parquet, xlsx, or ``-`` for stdout as CSV).

    Use as a context manager: the file appears only if the block ends without error.
    """

    def __init__(self, path: str | os.PathLike, fmt: str | None = None, neutralize: bool = True) -> None:
        self.path = str(path)
        self.fmt = detect_format(path, fmt)
        self.neutralize = neutralize and self.fmt in ("csv", "tsv", "xlsx")
        self._stdout = self.path == "-"
        self._tmp: str | None = None
        self._handle: Any = None
        self._parquet: Any = None
        self._xlsx: Any = None
        self._header_written = False
        if not self._stdout:
            target = Path(self.path).resolve()
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
                os.close(fd)
            except OSError as exc:
                raise OutputError("E120", f"cannot write to {target.parent} ({exc.strerror})",
                                  "choose a writable output directory") from None

    def _open_text(self):
        if self._handle is None:
            self._handle = sys.stdout if self._stdout else open(self._tmp, "w", encoding="utf-8", newline="")
        return self._handle

    def write(self, df: pd.DataFrame) -> None:
        """Append one chunk."""
        try:
            self._write(df)
        except OSError as exc:
            self.abort()
            raise OutputError("E121", f"writing {self.path} failed ({exc.strerror or exc})",
                              "free disk space or choose another output path; nothing was left behind") from None

    def _write(self, df: pd.DataFrame) -> None:
        if self.neutralize:
            df = df.apply(neutralize_formulas)
        if self.fmt in ("csv", "tsv"):
            df.to_csv(self._open_text(), sep="\t" if self.fmt == "tsv" else ",", index=False,
                      header=not self._header_written)
        elif self.fmt == "jsonl":
            df.to_json(self._open_text(), orient="records", lines=True, force_ascii=False)
        elif self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            if self._parquet is None:
                schema = pa.schema([f.with_type(pa.large_string()) if pa.types.is_null(f.type) else f
                                    for f in table.schema]).remove_metadata()
                self._parquet = pq.ParquetWriter(self._tmp, schema)
            self._parquet.write_table(_conform(table, self._parquet.schema))
        else:
            if self._xlsx is None:
                from openpyxl import Workbook

                self._xlsx = Workbook(write_only=True)
                self._sheet = self._xlsx.create_sheet("labels")
                self._sheet.append(list(map(str, df.columns)))
            for row in df.itertuples(index=False):
                self._sheet.append(["" if v is None or (isinstance(v, float) and pd.isna(v)) else v for v in row])
        self._header_written = True

    def commit(self) -> None:
        """Finish the file and move it into place."""
        if self._parquet is not None:
            self._parquet.close()
        if self._xlsx is not None:
            self._xlsx.save(self._tmp)
        if self._handle is not None and not self._stdout:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
        elif self._stdout and self._handle is not None:
            self._handle.flush()
        if self._tmp:
            os.replace(self._tmp, self.path)
            self._tmp = None

    def abort(self) -> None:
        """Drop the temporary file."""
        for closer in (self._parquet, None if self._stdout else self._handle):
            try:
                if closer is not None:
                    closer.close()
            except Exception:
                pass
        if self._tmp and os.path.exists(self._tmp):
            os.unlink(self._tmp)
        self._tmp = None

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
