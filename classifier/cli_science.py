"""Data scientists' commands: train, evaluate, explain, suggest, compare."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

__all__ = ["train", "evaluate", "explain", "suggest", "compare", "headline", "per_language"]


def headline(m: dict) -> str:
    """One line of held-out metrics."""
    return (f"Held-out ({m['n']} records): dimension F1 {m['dimension_f1']:.3f}, polarity accuracy "
            f"{m['polarity_accuracy']:.3f}, triple F1 {m['triple_f1']:.3f}, sentiment accuracy {m['sentiment']['accuracy']:.3f}")


def per_language(m: dict) -> str:
    """A small per-language table."""
    rows = [f"{'lang':<6}{'n':>6}{'dim F1':>9}{'pol acc':>9}{'sent acc':>10}"]
    for lang, b in m["per_language"].items():
        rows.append(f"{lang:<6}{b['n']:>6}{b['dimension_f1']:>9.3f}{b['polarity_accuracy']:>9.3f}{b['sentiment']['accuracy']:>10.3f}")
    return "\n".join(rows)


def _records(data, split: str | None):
    from .training import load_labelled

    recs = [r for p in data for r in load_labelled(p)]
    return recs if split in (None, "all") else [r for r in recs if r.get("split", "train") == split]


@click.command()
@click.argument("data", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="Directory for the model bundle.")
@click.option("--base", type=click.Choice(["default"]), default=None, help="Add the shipped corpus (the ten dimensions) to your data.")
@click.option("--features", default="default", show_default=True, help="Feature set: default (n-grams + static word vectors), ngrams, fast, accurate, words, chars.")
@click.option("--C", "c", default=8.0, show_default=True, type=float, help="Inverse regularisation strength.")
@click.option("--polarity", type=click.Choice(["shared", "clause", "per_label"]), default="shared", show_default=True,
              help="Polarity model: one for all labels, the same reading the clause that speaks of each label, or one per label.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--cv", "cv_folds", default=0, type=click.IntRange(0), help="Also report K-fold cross-validated metrics (mean +- std).")
@click.option("--no-tune-thresholds", is_flag=True, help="Use 0.5 for every label instead of tuned thresholds.")
@click.option("--use-test", is_flag=True, help="Also train on the test split (no held-out metrics then).")
def train(data, output, base, features, c, polarity, seed, cv_folds, no_tune_thresholds, use_test):
    """Train a model bundle on labelled data (records marked "split": "test" are held out).

    DATA: directories of JSONL files, JSONL files, or CSV/TSV/XLSX/Parquet tables
    with a text column and a 'dimensions' JSON column or 'dim_<label>' columns.
    Any label names work.

    \b
    Examples:
      classifier train data/labeled -o models/default
      classifier train my_labels.csv --base default -o models/adapted --cv 5
      classifier train my_labels.xlsx --features fast -o models/mine
    """
    from .training import TrainConfig, default_corpus_path, train as train_model

    config = TrainConfig(features=features, C=c, polarity=polarity, random_state=seed, tune_thresholds=not no_tune_thresholds)
    paths = list(data) + ([str(default_corpus_path())] if base else [])
    model = train_model(paths, config, use_test=use_test)
    if cv_folds:
        from .evaluation import cross_validate
        from .training import records_to_xy

        recs = [r for r in _records(paths, "train")]
        cv = cross_validate(config.estimator(), *records_to_xy(recs), k=cv_folds, seed=seed)
        model.metadata["cross_validation"] = cv
        click.echo(f"{cv_folds}-fold CV: " + ", ".join(f"{k} {v['mean']:.3f} +- {v['std']:.3f}"
                                                       for k, v in cv.items() if isinstance(v, dict)))
    path = model.save(output)
    click.echo(f"Saved {path} ({model.metadata['train_size']} training records).")
    if model.metadata.get("heldout_metrics"):
        click.echo(headline(model.metadata["heldout_metrics"]))


@click.command()
@click.argument("data", nargs=-1, required=True)
@click.option("-m", "--model", default=None, help="Model bundle directory (default: the packaged model).")
@click.option("--split", default="test", show_default=True, type=click.Choice(["test", "train", "all"]), help="Records to evaluate on.")
@click.option("--json", "as_json", is_flag=True, help="Print all metrics as JSON.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Also write a self-contained HTML page.")
def evaluate(data, model, split, as_json, html_path):
    """Measure a model on labelled data: F1 with intervals, calibration, worst errors.

    \b
    Examples:
      classifier evaluate data/labeled
      classifier evaluate my_test.csv -m models/mine --split all --html eval.html
    """
    from .api import load_model
    from .evaluation import detailed
    from .training import records_to_xy

    records = _records(data, split)
    if not records:
        raise click.UsageError(f"no records in split {split!r}; try --split all")
    m = detailed(load_model(model).estimator, *records_to_xy(records))
    if html_path:
        from .evaluation_html import render

        Path(html_path).write_text(render(m, title=f"Evaluation of {model or 'the default model'}"), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(m, indent=2, ensure_ascii=False, default=str))
    else:
        lo, hi = m["intervals"]["dimension_f1"]
        click.echo(headline(m) + f"\nDimension F1 95% interval: {lo:.3f}-{hi:.3f}; macro-F1 {m['dimension_macro_f1']:.3f}; "
                   f"polarity accuracy on found dimensions {m['polarity_accuracy_on_found']:.3f}; "
                   f"sentiment macro-F1 {m['sentiment']['macro_f1']:.3f}; ECE {m['calibration']['ece']:.3f}")
        click.echo(f"{'label':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
        for label, v in m["per_label"].items():
            click.echo(f"{label:<16}{v['precision']:>10.3f}{v['recall']:>8.3f}{v['f1']:>7.3f}{v['support']:>9}")
        click.echo(per_language(m))


@click.command()
@click.argument("text")
@click.option("-m", "--model", default=None, help="Model bundle directory (default: the packaged model).")
@click.option("--lang", default=None, help="Language of the text (default: detected).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Also write the explanation as HTML.")
@click.option("-k", "--top", default=8, show_default=True, help="Phrases shown per decision.")
def explain(text, model, lang, html_path, top):
    """Show the words and phrases behind each predicted dimension and the sentiment.

    \b
    Examples:
      classifier explain "The staff were rude and we waited two hours."
      classifier explain "Personal muy amable" --lang es --html why.html
    """
    from rich.console import Console

    from .api import load_model
    from .explain import explain as run, render_html, render_terminal

    exp = run(load_model(model).estimator, text, lang)
    Console(highlight=False).print(render_terminal(exp, top))
    if html_path:
        Path(html_path).write_text(render_html(exp), encoding="utf-8")


@click.command()
@click.argument("unlabelled", type=click.Path(allow_dash=True))
@click.option("-n", default=200, show_default=True, type=click.IntRange(1), help="How many comments to suggest.")
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="JSONL file of records to label.")
@click.option("-m", "--model", default=None, help="Model bundle directory (default: the packaged model).")
@click.option("--text-column", default="text", show_default=True)
@click.option("--lang-column", default="lang", show_default=True)
@click.option("--aim", type=click.Choice(["dimensions", "sentiment", "both"]), default="dimensions", show_default=True,
              help="What the labels should improve most: picks by expected wrong dimension decisions, by doubt "
                   "about the sentiment, or by each in turn.")
def suggest(unlabelled, n, output, model, text_column, lang_column, aim):
    """Pick the comments whose labels would teach the model most (uncertain, diverse, all languages).

    \b
    Examples:
      classifier suggest new_comments.csv -n 200 -o to_label.jsonl
      classifier suggest export.xlsx --text-column body -n 50
      classifier suggest complaints.jsonl --aim sentiment -n 100 -o to_label.jsonl
    """
    import pandas as pd

    from .api import load_model
    from .errors import ColumnNotFoundError
    from .io import iter_chunks
    from .suggest import suggest as run

    df = pd.concat(list(iter_chunks(unlabelled)), ignore_index=True)
    if text_column not in df.columns:
        raise ColumnNotFoundError("E104", f"{unlabelled}: no column {text_column!r}", f"columns are: {', '.join(map(str, df.columns))}")
    langs = df[lang_column].where(df[lang_column].astype(str).str.len() > 0, None).tolist() if lang_column in df.columns else None
    ids = df["id"].tolist() if "id" in df.columns else None
    combine = {"dimensions": "errors", "sentiment": "mean", "both": "alternate"}[aim]
    recs = run(load_model(model).estimator, df[text_column].tolist(), n=n, langs=langs, ids=ids, combine=combine)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    if output == "-":
        sys.stdout.write(lines)
    else:
        Path(output).write_text(lines, encoding="utf-8")
        click.echo(f"Wrote {len(recs)} suggestions to {output}.", err=True)


@click.command()
@click.argument("model_a")
@click.argument("model_b")
@click.argument("data", nargs=-1, required=True)
@click.option("--split", default="test", show_default=True, type=click.Choice(["test", "train", "all"]))
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
@click.option("--show", default=10, show_default=True, help="Disagreements to print.")
def compare(model_a, model_b, data, split, as_json, show):
    """Compare two models on the same labelled data, with a paired bootstrap and McNemar's test.

    MODEL_A / MODEL_B: bundle directories, or 'default' / 'fast'.

    \b
    Examples:
      classifier compare default models/mine data/labeled
      classifier compare models/a models/b my_test.csv --split all --json
    """
    from .api import load_model
    from .evaluation import compare as run
    from .training import records_to_xy

    records = _records(data, split)
    if not records:
        raise click.UsageError(f"no records in split {split!r}; try --split all")
    r = run(load_model(model_a).estimator, load_model(model_b).estimator, *records_to_xy(records))
    if as_json:
        click.echo(json.dumps(r, indent=2, ensure_ascii=False, default=str))
        return
    click.echo(f"A {model_a}: " + headline(r["a"]))
    click.echo(f"B {model_b}: " + headline(r["b"]))
    lo, hi = r["triple_f1_difference_interval"]
    mc = r["sentiment_mcnemar"]
    click.echo(f"Triple F1 B - A: {r['triple_f1_difference']:+.3f} (95% paired bootstrap {lo:+.3f} to {hi:+.3f})")
    click.echo(f"Sentiment, McNemar: A only right {mc['a_only_right']}, B only right {mc['b_only_right']}, p = {mc['p_value']:.3g}")
    click.echo(f"{len(r['disagreements'])} comments where they disagree; first {min(show, len(r['disagreements']))}:")
    for d in r["disagreements"][:show]:
        click.echo(f"- {d['text'][:100]!r}\n    gold {d['gold']} | A {d['a']} | B {d['b']}")
