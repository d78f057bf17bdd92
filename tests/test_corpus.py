import json
from pathlib import Path

import pytest

from classifier.corpus import corpus_stats, read_records, validate_files, validate_lines
from classifier.errors import DataFormatError

from .conftest import tiny_records

GOOD = {"id": "x-1", "lang": "en", "domain": "bank", "text": "ok", "dimensions": {}, "sentiment": "neutral"}


@pytest.mark.parametrize("line, expected", [
    ('{"id": "a", "lang": "en", "text": "x", "dimensions": {"speed": "positive"}, "sentiment": "positive"}', "unknown dimension 'speed'"),
    ('{"id": "a", "lang": "en", "text": "x", "dimensions": {"courtesy": "great"}, "sentiment": "positive"}', "unknown polarity 'great'"),
    ('{"id": "a", "lang": "en", "text": "  ", "dimensions": {}, "sentiment": "neutral"}', "missing or empty 'text'"),
    ('{"id": "a", "lang": "English", "text": "x", "dimensions": {}, "sentiment": "neutral"}', "bad 'lang'"),
    ('{"id": "a", "lang": "en", "text": "x", "dimensions": {}, "sentiment": "meh"}', "bad 'sentiment'"),
    ('{"id": "a", "lang": "en", "text": "x"', "invalid JSON"),
    ('["a list"]', "expected a JSON object"),
])
def test_each_problem_is_reported_with_line(line, expected):
    problems = validate_lines([json.dumps(GOOD), line], "f.jsonl")
    assert problems, line
    assert str(problems[0]).startswith("f.jsonl:2: ")
    assert expected in str(problems[0])


def test_duplicate_ids_across_files(tmp_path):
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    problems = validate_files([tmp_path])
    assert len(problems) == 1 and "duplicate id 'x-1'" in str(problems[0]) and "a.jsonl:1" in str(problems[0])


def test_read_records_splits(tiny_dir):
    everything = read_records([tiny_dir])
    test = read_records([tiny_dir], split="test")
    train = read_records([tiny_dir], split="train")
    assert len(test) + len(train) == len(everything) == len(tiny_records())
    assert all(r["split"] == "test" for r in test)


def test_read_records_refuses_bad_file(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match="bad.jsonl:1"):
        read_records([tmp_path])


def test_stats_counts():
    s = corpus_stats(tiny_records())
    assert s["records"] == len(tiny_records())
    assert s["dimensions"]["courtesy"]["positive"] == 6
    assert 0 < s["multi_dimension_share"] < 1
    assert set(s["languages"]) == {"bg", "en", "fi", "ms", "ru"}


def test_shipped_corpus_validates_and_meets_its_coverage_targets():
    import subprocess
    import sys

    from click.testing import CliRunner

    from classifier.cli import main
    from classifier.training import default_corpus_path

    corpus = default_corpus_path()
    result = CliRunner().invoke(main, ["data", "validate", str(corpus)])
    assert result.exit_code == 0, result.output
    root = Path(__file__).resolve().parent.parent
    script = root / "scripts" / "check_coverage.py"
    if script.exists():  # a checkout: the coverage and duplicate targets of the corpus hold
        for name in ("check_coverage.py", "check_duplicates.py"):
            run = subprocess.run([sys.executable, str(root / "scripts" / name), str(corpus)], capture_output=True, text=True)
            assert run.returncode == 0, run.stdout
