"""``classifier data ...``: check and summarise labelled JSONL files."""

from __future__ import annotations

import json
import sys

import click

__all__ = ["data"]


@click.group()
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
