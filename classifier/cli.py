"""The ``classifier`` command line: a thin layer over the library.

Exit codes: 0 ok, 1 error (one clear line on stderr), 2 usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import ClassifierError

__all__ = ["main"]


class _Group(click.Group):
    """Turns the package's errors (and a few OS ones) into one line and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClassifierError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted: run the same command with --resume to continue.", err=True)
            ctx.exit(130)


def _interrupt_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl-C, so a killed run cleans up and stays resumable."""
    import signal
    import threading

    def handler(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="service-quality-classifier", prog_name="classifier")
def main() -> None:
    """Tag customer comments with service-quality dimensions, polarity and sentiment.

    \b
    Examples:
      classifier label examples/reviews.csv -o labelled.csv
      classifier predict "The staff were rude and the queue was endless."
      classifier train data/labeled -o models/mine
      classifier info
    """


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(allow_dash=True),
              help="Output file (.csv, .tsv, .jsonl, .parquet, .xlsx) or - for CSV on stdout.")
@click.option("--text-column", default=None, help="Column holding the comment (default: 'text', or an obvious one such as 'comment', 'review', 'body').")
@click.option("--lang-column", default="lang", show_default=True, help="Column with a language code; wins over detection.")
@click.option("-m", "--model", default=None, help="Model bundle directory, or 'fast' (default: the packaged model).")
@click.option("-j", "--jobs", default=0, show_default=True, type=int, help="Worker processes; 0 = all cores.")
@click.option("--chunksize", default=5000, show_default=True, type=click.IntRange(1), help="Rows per chunk.")
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "jsonl", "parquet", "xlsx"]), help="Input format (default: from the name).")
@click.option("--output-format", type=click.Choice(["csv", "tsv", "jsonl", "parquet", "xlsx"]), help="Output format (default: from the name).")
@click.option("--sheet", default=None, help="Sheet of an XLSX input.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--max-chars", default=5000, show_default=True, type=click.IntRange(1), help="Longer comments are truncated (and marked).")
@click.option("--no-formula-guard", is_flag=True, help="Do not prefix ' to cells starting with = + - @ in CSV/XLSX output.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run from its last finished chunk.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: label a glob of CSV/Parquet files (or one big file) on a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local cluster).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary.")
def label(input_path, output, text_column, lang_column, model, jobs, chunksize, fmt, output_format, sheet,
          encoding, max_chars, no_formula_guard, resume, engine, scheduler, quiet):
    """Label every comment of a CSV/TSV/JSONL/Parquet/XLSX file.

    Every input row is kept, in order, with lang, sentiment, dimensions (JSON),
    one dim_<dimension> column per dimension, and a status column.

    \b
    Examples:
      classifier label examples/reviews.csv -o labelled.csv
      classifier label export.xlsx --sheet Reviews --text-column body -o out.parquet
      cat reviews.jsonl | classifier label - --format jsonl > labelled.csv
      classifier label big.csv -o big_labelled.parquet --jobs 4 --resume
      classifier label "exports/*.csv" --engine dask --scheduler tcp://10.0.0.5:8786 -o labelled.parquet
    """
    import os

    # pyarrow allocating with malloc, which batch trims after each chunk: its default pool (mimalloc) keeps
    # what it freed, 15-20 MB per process over a run (set the variable yourself to choose another pool)
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    from .batch import LabelConfig, label_file
    from .progress import progress_reporter

    config = LabelConfig(text_column=text_column, lang_column=lang_column, model=model, chunksize=chunksize,
                         jobs=jobs, max_chars=max_chars, neutralize_formulas=not no_formula_guard, fmt=fmt,
                         output_fmt=output_format, sheet=sheet, encoding=encoding)
    if engine == "dask":
        from .distributed import label_dask

        if output == "-":
            raise click.UsageError("--engine dask needs -o: a .parquet dataset or a .csv directory")
        result = label_dask(input_path, output, config, scheduler=scheduler, n_workers=jobs or 2)
        if not quiet:
            click.echo(f"Done: {result['rows']:,} rows in {result['partitions']} partitions -> {output}", err=True)
        return
    _interrupt_on_sigterm()
    with progress_reporter(input_path, quiet=quiet) as advance:
        summary = label_file(input_path, output, config, resume=resume, progress=advance)
    if not quiet:
        click.echo(f"Done: {summary}" + (f" -> {output}" if output != "-" else ""), err=True)


@main.command()
@click.argument("labelled", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--csv", "csv_path", default=None, type=click.Path(dir_okay=False), help="Summary tables as CSV (default: OUTPUT with .csv).")
@click.option("--by", multiple=True, help="Also break sentiment down by this column (repeatable).")
@click.option("--date-column", default=None, help="Column with dates, for the over-time chart.")
@click.option("--freq", default="month", show_default=True, type=click.Choice(["day", "week", "month", "quarter", "year"]))
@click.option("--text-column", default="text", show_default=True)
def report(labelled, output, csv_path, by, date_column, freq, text_column):
    """Write a self-contained HTML report (charts, examples) of a labelled file.

    \b
    Examples:
      classifier report labelled.csv -o report.html
      classifier report labelled.parquet --by store --date-column date --freq month
    """
    from .report import write_report

    codes = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
    data = write_report(labelled, output, csv_path, by=list(by), date_column=date_column, freq=codes[freq],
                        text_column=text_column)
    click.echo(f"Wrote {output} ({data.labelled:,} labelled of {data.rows:,} rows).", err=True)


@main.command()
@click.argument("texts", nargs=-1)
@click.option("-m", "--model", default=None, help="Model bundle directory, or 'fast'/'accurate' (default: the packaged model).")
@click.option("--lang", default=None, help="Language of the texts (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the default when not on a terminal).")
@click.option("--scores", is_flag=True, help="Include probabilities (JSON output).")
def predict(texts, model, lang, as_json, scores):
    """Label texts given as arguments (or one per line on stdin).

    A table on a terminal; JSON Lines with --json or when piped.

    \b
    Examples:
      classifier predict "Jonotin tunnin, mutta virkailija oli ystävällinen."
      echo "Персонал хамит" | classifier predict --json --scores
    """
    from .api import load_model

    texts = list(texts) or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    preds = load_model(model).predict(texts, langs=[lang] * len(texts) if lang else None)
    if as_json or not sys.stdout.isatty():
        for text, p in zip(texts, preds):
            d = p.to_dict()
            if not scores:
                d.pop("scores")
            click.echo(json.dumps({"text": text, **d}, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("text", "lang", "sentiment", "dimensions")
    for text, p in zip(texts, preds):
        table.add_row(text[:80], p.lang, p.sentiment or "", ", ".join(f"{k}: {v}" for k, v in p.dimensions.items()) or "-")
    Console().print(table)


@main.command()
@click.argument("model", required=False)
def info(model):
    """Show a model's labels, data, versions and held-out metrics.

    \b
    Examples:
      classifier info
      classifier info models/mine
    """
    from .api import load_model

    m = load_model(model)
    meta = m.metadata
    click.echo(f"Model: {model or 'default (packaged)'}; created {meta.get('created')}; backbone {meta.get('backbone')}")
    click.echo(f"Labels: {', '.join(m.labels)}")
    click.echo(f"Training records: {meta.get('train_size')} in {len(meta.get('languages', {}))} languages "
               f"({', '.join(meta.get('languages', {}))}); data sha256 {meta.get('training_data', {}).get('sha256', '')[:12]}")
    click.echo(f"Versions: {json.dumps(meta.get('versions', {}))}")
    if meta.get("heldout_metrics"):
        from .cli_science import headline, per_language

        click.echo(headline(meta["heldout_metrics"]))
        click.echo(per_language(meta["heldout_metrics"]))
    lolo = meta.get("leave_one_language_out")
    if lolo:
        worst = min(lolo["per_language"].items(), key=lambda kv: kv[1]["dimension_f1"])
        click.echo(f"Leave-one-language-out (trained without the language, tested on its held-out part; "
                   f"{', '.join(sorted(lolo['per_language']))}): mean dimension "
                   f"F1 {lolo['mean_dimension_f1']:.3f}; lowest {worst[0]} {worst[1]['dimension_f1']:.3f}")


from .cli_data import data  # noqa: E402
from .cli_science import compare, evaluate, explain, suggest, train  # noqa: E402

for _command in (train, evaluate, explain, suggest, compare, data):
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
