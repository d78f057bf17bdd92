import json

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from classifier.cli import main


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path, cmd", list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_examples(path, cmd):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output


def test_label_end_to_end(tiny_bundle, tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": ["Кассир нахамила без причины", "Paketti tuli ajallaan", ""]}).to_csv(src, index=False)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["label", str(src), "-o", str(out), "-m", str(tiny_bundle), "-j", "1"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rows] == ["ok", "ok", "skipped: empty text"]
    assert "3 rows read, 2 labelled" in result.output


def test_label_stdin_to_stdout(tiny_bundle):
    result = CliRunner().invoke(main, ["label", "-", "-m", str(tiny_bundle), "-j", "1", "-q"],
                                input="text\nThe staff were so rude to me\n")
    assert result.exit_code == 0, result.output
    assert "courtesy" in result.output.splitlines()[1]


@pytest.mark.parametrize("args, message", [
    (["label", "nope.csv"], "no such file"),
    (["label", "{src}", "--text-column", "body"], "columns are: text"),
    (["label", "{src}", "-o", "{src}"], "is the input"),
    (["label", "{empty}"], "empty"),
    (["label", "{src}", "-m", "{tmp}"], "not a model bundle"),
])
def test_label_errors_exit_1_with_one_clear_line(tiny_bundle, tmp_path, args, message):
    src = tmp_path / "in.csv"
    src.write_text("text\nhello\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    args = [a.format(src=src, empty=empty, tmp=tmp_path) for a in args]
    if "-m" not in args:
        args += ["-m", str(tiny_bundle)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_usage_error_exits_2():
    assert CliRunner().invoke(main, ["label", "--jobs", "many", "x.csv"]).exit_code == 2


def test_predict_command(tiny_bundle):
    result = CliRunner().invoke(main, ["predict", "-m", str(tiny_bundle), "--lang", "en", "The staff were so rude to me"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["dimensions"] == {"courtesy": "negative"}


def test_train_info_evaluate(tiny_dir, tmp_path):
    out = tmp_path / "model"
    runner = CliRunner()
    result = runner.invoke(main, ["train", str(tiny_dir), "-o", str(out), "--no-tune-thresholds", "--C", "20"])
    assert result.exit_code == 0, result.output
    assert "Held-out" in result.output
    assert (out / "MODEL_CARD.md").exists()
    info = runner.invoke(main, ["info", str(out)])
    assert info.exit_code == 0 and "courtesy" in info.output and "Held-out" in info.output
    ev = runner.invoke(main, ["evaluate", str(tiny_dir), "-m", str(out), "--json"])
    assert ev.exit_code == 0
    assert 0.0 <= json.loads(ev.output)["dimension_f1"] <= 1.0


def test_data_validate_and_stats(tiny_dir, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["data", "validate", str(tiny_dir)])
    assert ok.exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "lang": "en", "text": "x", "dimensions": {"speed": "fast"}, "sentiment": "positive"}\nnot json\n')
    res = runner.invoke(main, ["data", "validate", str(bad)])
    assert res.exit_code == 1
    assert f"{bad}:1: unknown dimension 'speed'" in res.output and f"{bad}:2: invalid JSON" in res.output
    stats = runner.invoke(main, ["data", "stats", str(tiny_dir), "--json"])
    assert stats.exit_code == 0 and json.loads(stats.output)["records"] == 22
    table = runner.invoke(main, ["data", "stats", str(tiny_dir)])
    assert table.exit_code == 0 and "courtesy" in table.output


def test_info_shows_heldout_and_leave_one_language_out(tiny_bundle, tmp_path):
    import shutil

    bundle = tmp_path / "b"
    shutil.copytree(tiny_bundle, bundle)
    meta = json.loads((bundle / "metadata.json").read_text(encoding="utf-8"))
    meta["leave_one_language_out"] = {"features": "default", "mean_dimension_f1": 0.61,
                                      "per_language": {"fi": {"n": 5, "dimension_f1": 0.52}, "ru": {"n": 5, "dimension_f1": 0.7}}}
    (bundle / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    result = CliRunner().invoke(main, ["info", str(bundle)])
    assert result.exit_code == 0, result.output
    assert "Leave-one-language-out" in result.output and "mean dimension F1 0.610; lowest fi 0.520" in result.output
