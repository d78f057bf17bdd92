"""An HTML report of a labelled file: one self-contained page, charts inline as SVG.

The labelled file (the output of ``classifier label``) is read in chunks and
aggregated: mentions per dimension and polarity, overall sentiment shares,
the RATER five-dimension roll-up, by language, by any column, over time, and
typical example comments per dimension and polarity. Charts are drawn with
matplotlib into inline SVG, so the page opens offline (no CDN, no script).
The summary tables are also written as CSV.
"""

from __future__ import annotations

import html
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import ColumnNotFoundError
from .io import iter_chunks
from .taxonomy import RATER, rater_rollup

__all__ = ["ReportData", "collect", "render_html", "write_report"]

POLS = ("positive", "negative", "neutral", "mixed")
COLORS = {"positive": "#2e7d32", "negative": "#c62828", "neutral": "#9e9e9e", "mixed": "#f9a825"}
EXAMPLES_PER_CELL = 3


@dataclass
class ReportData:
    """Aggregates of a labelled file."""

    rows: int = 0
    labelled: int = 0
    dims: Counter = field(default_factory=Counter)          # (dim, pol)
    rater: Counter = field(default_factory=Counter)         # (five, pol)
    sentiment: Counter = field(default_factory=Counter)
    by_group: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # column -> (value, sentiment)
    by_period: Counter = field(default_factory=Counter)     # (period, dim, pol)
    examples: dict[tuple[str, str], list[tuple[float, str]]] = field(default_factory=lambda: defaultdict(list))


def _typicality(text: str, n_dims: int) -> float:
    """Lower is more typical: one dimension, about 12-30 words."""
    words = len(text.split())
    return (n_dims - 1) * 10 + abs(min(max(words, 12), 30) - words) / 5


def collect(path: str | Path, by: list[str] | None = None, date_column: str | None = None,
            freq: str = "M", text_column: str = "text", chunksize: int = 20_000) -> ReportData:
    """Aggregate the labelled file at ``path`` chunk by chunk."""
    data = ReportData()
    by = by or []
    for i, chunk in enumerate(iter_chunks(path, chunksize)):
        needed = ["dimensions", "sentiment", "status", *by] + ([date_column] if date_column else [])
        missing = [c for c in needed if c not in chunk.columns]
        if i == 0 and missing:
            raise ColumnNotFoundError("E130", f"{path}: no column(s) {', '.join(missing)}",
                                      f"give the output of `classifier label`; columns are: {', '.join(map(str, chunk.columns))}")
        data.rows += len(chunk)
        ok = chunk[chunk["status"].astype(str).str.startswith("ok")]
        data.labelled += len(ok)
        periods = (pd.to_datetime(ok[date_column], errors="coerce", utc=True).dt.tz_localize(None)
                   .dt.to_period(freq).astype(str) if date_column else None)
        for j, (idx, row) in enumerate(ok.iterrows()):
            dims = json.loads(row["dimensions"]) if isinstance(row["dimensions"], str) and row["dimensions"] else {}
            sent = row["sentiment"] if isinstance(row["sentiment"], str) else "unknown"
            data.sentiment[sent] += 1
            for k, v in dims.items():
                data.dims[(k, v)] += 1
                if periods is not None and periods.iloc[j] != "NaT":
                    data.by_period[(periods.iloc[j], k, v)] += 1
                text = str(row.get(text_column, ""))
                if text:
                    pool = data.examples[(k, v)]
                    pool.append((_typicality(text, len(dims)), text))
                    if len(pool) > 50:
                        pool.sort()
                        del pool[EXAMPLES_PER_CELL * 3:]
            for five, pol in rater_rollup(dims).items():
                data.rater[(five, pol)] += 1
            for col in ["lang", *by]:
                if col in ok.columns:
                    data.by_group[col][(str(row[col]), sent)] += 1
    return data


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _stacked(table: pd.DataFrame, title: str, horizontal: bool = True) -> str:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "service-quality-report"
    import matplotlib.pyplot as plt

    cols = [c for c in POLS if c in table.columns]
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(table), 3) + 1.2))
    if table.empty:
        ax.text(0.5, 0.5, "no data", ha="center")
    else:
        table[cols].plot(kind="barh" if horizontal else "bar", stacked=True, ax=ax,
                         color=[COLORS[c] for c in cols], width=0.75)
        ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title)
    ax.set_ylabel("")
    return _svg(fig)


def _lines(table: pd.DataFrame, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "service-quality-report"
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.5))
    if table.empty:
        ax.text(0.5, 0.5, "no dated rows", ha="center")
    else:
        table.plot(ax=ax, marker="o")
        ax.legend(fontsize=7, ncol=2)
    ax.set_title(title)
    return _svg(fig)


def tables(data: ReportData) -> dict[str, pd.DataFrame]:
    """The summary tables behind the charts."""
    def pivot(counter: Counter, index_name: str) -> pd.DataFrame:
        if not counter:
            return pd.DataFrame(columns=list(POLS))
        s = pd.Series(counter)
        s.index = pd.MultiIndex.from_tuples(s.index, names=[index_name, "polarity"])
        return s.unstack(fill_value=0).sort_index()

    out = {"dimensions": pivot(data.dims, "dimension"), "rater": pivot(data.rater, "rater")}
    out["rater"] = out["rater"].reindex([k for k in RATER if k in out["rater"].index])
    out["sentiment"] = pd.DataFrame({"comments": pd.Series(data.sentiment)}).rename_axis("sentiment")
    for col, counter in data.by_group.items():
        out[f"by_{col}"] = pivot(counter, col)
    if data.by_period:
        s = pd.Series(data.by_period)
        s.index = pd.MultiIndex.from_tuples(s.index, names=["period", "dimension", "polarity"])
        neg = s.xs("negative", level="polarity").unstack(fill_value=0) if "negative" in s.index.get_level_values(2) else pd.DataFrame()
        out["negative_mentions_over_time"] = neg.sort_index()
    return out


def render_html(data: ReportData, title: str = "Service-quality report") -> str:
    """The report page as one HTML string."""
    t = tables(data)
    charts = [("Mentions per dimension", _stacked(t["dimensions"], "Mentions per dimension, by polarity")),
              ("RATER roll-up", _stacked(t["rater"], "RATER five dimensions")),
              ("Overall sentiment", _stacked(t["sentiment"].T.rename(index={"comments": "all"}), "Overall sentiment shares"))]
    for key in [k for k in t if k.startswith("by_")]:
        charts.append((f"Sentiment {key.replace('_', ' ')}", _stacked(t[key], f"Overall sentiment {key.replace('_', ' ')}")))
    if "negative_mentions_over_time" in t:
        charts.append(("Over time", _lines(t["negative_mentions_over_time"], "Negative mentions per period")))
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}"
             "figure{margin:1.5em 0}table{border-collapse:collapse;font-size:0.9em}td,th{border:1px solid #ccc;"
             "padding:3px 8px}blockquote{margin:0.3em 0;padding:0.3em 0.8em;border-left:4px solid #ccc;background:#fafafa}"
             "svg{max-width:100%;height:auto}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>",
             f"<p>{data.rows:,} rows, {data.labelled:,} labelled.</p>"]
    for name, svg in charts:
        parts.append(f"<figure class='chart' data-chart='{html.escape(name)}'><figcaption><h2>{html.escape(name)}</h2></figcaption>{svg}</figure>")
    parts.append("<h2>Typical comments</h2>")
    for (dim, pol) in sorted(data.examples):
        pool = sorted(data.examples[(dim, pol)])[:EXAMPLES_PER_CELL]
        parts.append(f"<h3>{html.escape(dim)}: <span style='color:{COLORS.get(pol, '#000')}'>{html.escape(pol)}</span></h3>")
        parts.extend(f"<blockquote>{html.escape(text)}</blockquote>" for _, text in pool)
    parts.append("<h2>Tables</h2>")
    for name, table in t.items():
        parts.append(f"<h3>{html.escape(name)}</h3>{table.to_html(border=0)}")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(labelled: str | Path, output: str | Path, csv_path: str | Path | None = None, **kwargs: Any) -> ReportData:
    """Write the HTML report (and the summary CSV) of a labelled file; atomic."""
    import os
    import tempfile

    data = collect(labelled, **kwargs)
    output = Path(output)
    fd, tmp = tempfile.mkstemp(dir=output.resolve().parent, prefix=f".{output.name}.", suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(render_html(data))
    os.replace(tmp, output)
    csv_path = Path(csv_path) if csv_path else output.with_suffix(".csv")
    frames = []
    for name, table in tables(data).items():
        long = table.reset_index().melt(id_vars=table.index.names[0] or "index", var_name="column", value_name="value")
        long.insert(0, "table", name)
        long.columns = ["table", "key", "column", "value"]
        frames.append(long)
    pd.concat(frames, ignore_index=True).to_csv(csv_path, index=False)
    return data
