"""Progress display and terminal tables.

On a terminal, a rich progress bar with rows/s and ETA; otherwise a plain
line every few seconds (good for logs and CI); nothing with ``quiet``.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

__all__ = ["progress_reporter", "estimate_rows", "print_stats"]


def estimate_rows(path: str) -> int | None:
    """Rough row count for the ETA: Parquet metadata, else newlines in an uncompressed file."""
    p = Path(path)
    if path == "-" or not p.is_file():
        return None
    try:
        if p.suffix.lower() in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            return pq.ParquetFile(p).metadata.num_rows
        if p.suffix.lower() in (".csv", ".tsv", ".jsonl", ".ndjson", ".txt") and p.stat().st_size < 20 << 30:
            n = 0
            with open(p, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 24), b""):
                    n += block.count(b"\n")
            return max(n - (0 if p.suffix.lower() in (".jsonl", ".ndjson") else 1), 1)
    except Exception:
        return None
    return None


@contextmanager
def progress_reporter(path: str, quiet: bool = False, every: float = 5.0) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(rows)``; shows progress on stderr as described above."""
    if quiet:
        yield lambda n: None
        return
    total = estimate_rows(path)
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
        from rich.text import Text

        class _Rate(ProgressColumn):
            def render(self, task) -> Text:
                return Text(f"{task.speed or 0:,.0f} rows/s")

        columns = [TextColumn("labelling"), BarColumn(), MofNCompleteColumn(), _Rate(), TimeRemainingColumn()]
        with Progress(*columns, transient=True, console=None) as bar:
            task = bar.add_task("label", total=total)
            yield lambda n: bar.advance(task, n)
        return
    state = {"rows": 0, "last": time.perf_counter(), "start": time.perf_counter()}

    def advance(n: int) -> None:
        state["rows"] += n
        now = time.perf_counter()
        if now - state["last"] >= every:
            state["last"] = now
            rate = state["rows"] / max(now - state["start"], 1e-9)
            eta = f", ETA {max(total - state['rows'], 0) / rate:.0f} s" if total and rate else ""
            print(f"labelled {state['rows']:,}{f' of ~{total:,}' if total else ''} rows, {rate:,.0f} rows/s{eta}",
                  file=sys.stderr, flush=True)

    yield advance


def print_stats(stats: dict[str, Any]) -> None:
    """Print :func:`classifier.corpus.corpus_stats` output as tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{stats['records']}[/] records; no dimension {stats['no_dimension_share']:.1%}, "
                  f"2+ dimensions {stats['multi_dimension_share']:.1%}; splits {stats['splits']}")
    for title, mapping in (("language", stats["languages"]), ("sentiment", stats["sentiment"]),
                           ("domain", stats["domains"]), ("length (words)", stats["length_words"])):
        t = Table(title=title)
        t.add_column(title)
        t.add_column("records", justify="right")
        for k, v in mapping.items():
            t.add_row(str(k), str(v))
        console.print(t)
    t = Table(title="dimension x polarity")
    t.add_column("dimension")
    for p in ("positive", "negative", "neutral"):
        t.add_column(p, justify="right")
    for dim, counts in stats["dimensions"].items():
        t.add_row(dim, *(str(counts.get(p, 0)) for p in ("positive", "negative", "neutral")))
    console.print(t)
