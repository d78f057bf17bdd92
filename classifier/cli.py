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
@click.option("--text-column", default="text", show_default=True, help="Column holding the comment.")
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
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary.")
def label(input_path, output, text_column, lang_column, model, jobs, chunksize, fmt, output_format, sheet,
          encoding, max_chars, no_formula_guard, resume, quiet):
    """Label every comment of a CSV/TSV/JSONL/Parquet/XLSX file.

    Every input row is kept, in order, with lang, sentiment, dimensions (JSON),
    one dim_<dimension> column per dimension, and a status column.

    \b
    Examples:
      classifier label examples/reviews.csv -o labelled.csv
      classifier label export.xlsx --sheet Reviews --text-column body -o out.parquet
      cat reviews.jsonl | classifier label - --format jsonl > labelled.csv
      classifier label big.csv -o big_labelled.parquet --jobs 4 --resume
    """
    from .batch import LabelConfig, label_file
    from .progress import progress_reporter

    config = LabelConfig(text_column=text_column, lang_column=lang_column, model=model, chunksize=chunksize,
                         jobs=jobs, max_chars=max_chars, neutralize_formulas=not no_formula_guard, fmt=fmt,
                         output_fmt=output_format, sheet=sheet, encoding=encoding)
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
@click.option("-m", "--model", default=None, help="Model bundle directory (default: the packaged model).")
@click.option("--lang", default=None, help="Language of the texts (default: detected).")
@click.option("--scores", is_flag=True, help="Include probabilities.")
def predict(texts, model, lang, scores):
    """Label texts given as arguments (or one per line on stdin) and print JSON Lines.

    \b
    Examples:
      classifier predict "Jonotin tunnin, mutta virkailija oli ystävällinen."
      echo "Персонал хамит" | classifier predict --scores
    """
    from .api import load_model

    texts = list(texts) or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    m = load_model(model)
    for text, p in zip(texts, m.predict(texts, langs=[lang] * len(texts) if lang else None)):
        d = p.to_dict()
        if not scores:
            d.pop("scores")
        click.echo(json.dumps({"text": text, **d}, ensure_ascii=False))


@main.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(), help="Directory for the model bundle.")
@click.option("--features", default="default", show_default=True, help="Feature set: default, fast, words, chars.")
@click.option("--C", "c", default=8.0, show_default=True, type=float, help="Inverse regularisation strength.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--no-tune-thresholds", is_flag=True, help="Use 0.5 for every label instead of tuned thresholds.")
@click.option("--use-test", is_flag=True, help="Also train on the test split (no held-out metrics then).")
def train(data, output, features, c, seed, no_tune_thresholds, use_test):
    """Train a model bundle on labelled JSONL files (the test split is held out).

    \b
    Examples:
      classifier train data/labeled -o models/default
      classifier train my_labels.jsonl --features fast -o models/mine
    """
    from .training import TrainConfig, train as train_model

    config = TrainConfig(features=features, C=c, random_state=seed, tune_thresholds=not no_tune_thresholds)
    model = train_model(data, config, use_test=use_test)
    path = model.save(output)
    click.echo(f"Saved {path} ({model.metadata['train_size']} training records).")
    metrics = model.metadata.get("heldout_metrics")
    if metrics:
        click.echo(_headline(metrics))


def _headline(m: dict) -> str:
    return (f"Held-out ({m['n']} records): dimension F1 {m['dimension_f1']:.3f}, polarity accuracy "
            f"{m['polarity_accuracy']:.3f}, triple F1 {m['triple_f1']:.3f}, sentiment accuracy {m['sentiment']['accuracy']:.3f}")


@main.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-m", "--model", default=None, help="Model bundle directory (default: the packaged model).")
@click.option("--split", default="test", show_default=True, type=click.Choice(["test", "train", "all"]), help="Records to evaluate on.")
@click.option("--json", "as_json", is_flag=True, help="Print all metrics as JSON.")
def evaluate(data, model, split, as_json):
    """Measure a model on labelled JSONL files.

    \b
    Examples:
      classifier evaluate data/labeled
      classifier evaluate my_test.jsonl -m models/mine --split all --json
    """
    from .api import load_model
    from .corpus import read_records
    from .metrics import evaluate as run
    from .training import records_to_xy

    records = read_records(data, split=None if split == "all" else split)
    m = run(load_model(model).estimator, *records_to_xy(records))
    click.echo(json.dumps(m, indent=2) if as_json else _headline(m) + "\n" + _per_language(m))


def _per_language(m: dict) -> str:
    rows = [f"{'lang':<6}{'n':>6}{'dim F1':>9}{'pol acc':>9}{'sent acc':>10}"]
    for lang, b in m["per_language"].items():
        rows.append(f"{lang:<6}{b['n']:>6}{b['dimension_f1']:>9.3f}{b['polarity_accuracy']:>9.3f}{b['sentiment']['accuracy']:>10.3f}")
    return "\n".join(rows)


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
        click.echo(_headline(meta["heldout_metrics"]))
        click.echo(_per_language(meta["heldout_metrics"]))


@main.group()
def data() -> None:
    """Check and summarise labelled JSONL files.

    \b
    Examples:
      classifier data validate data/labeled
      classifier data stats data/labeled --json
    """


@data.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--any-labels", is_flag=True, help="Accept label names outside the ten dimensions.")
def validate(paths, any_labels):
    """Check the record format; print file:line: problem; exit 1 if any.

    \b
    Examples:
      classifier data validate data/labeled
      classifier data validate my_labels.jsonl --any-labels
    """
    from .corpus import validate_files
    from .taxonomy import DIMENSIONS

    problems = validate_files(paths, labels=None if any_labels else DIMENSIONS)
    for p in problems:
        click.echo(str(p))
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo("OK: no problems found.", err=True)


@data.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats(paths, as_json):
    """Counts per language, dimension x polarity, sentiment, domain, length.

    \b
    Examples:
      classifier data stats data/labeled
      classifier data stats data/labeled/fi.jsonl --json
    """
    from .corpus import corpus_stats, read_records

    s = corpus_stats(read_records(paths, labels=None))
    if as_json:
        click.echo(json.dumps(s, indent=2, ensure_ascii=False))
        return
    from .progress import print_stats

    print_stats(s)


if __name__ == "__main__":  # pragma: no cover
    main()
