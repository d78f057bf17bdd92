import json

import pandas as pd
import pytest

from classifier.batch import LabelConfig, label_file
from classifier.errors import ColumnNotFoundError, OutputError

TEXTS = ["The staff were so rude to me", "", "   ", "Juna myöhässä taas tunnin", "=cmd|' /C calc'!A0",
         "Очень вежливый и приятный персонал", "x" * 50, "🙂🙂", "Kind cashier but the parcel came a week late"]


@pytest.fixture
def reviews(tmp_path):
    path = tmp_path / "reviews.csv"
    pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS}).to_csv(path, index=False)
    return path


def _config(bundle, **kw):
    return LabelConfig(model=str(bundle), chunksize=3, jobs=1, **kw)


def test_every_row_kept_in_order_with_status(tiny_bundle, reviews, tmp_path):
    out = tmp_path / "out.csv"
    summary = label_file(reviews, out, _config(tiny_bundle, max_chars=20))
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert got["id"].tolist() == [str(i) for i in range(len(TEXTS))]
    assert summary.rows == len(TEXTS)
    assert got["status"][1] == got["status"][2] == "skipped: empty text"
    assert got["status"][7] == "skipped: no letters or digits"
    assert got["status"][6] == "ok: truncated to 20 characters"
    assert got["dimensions"][1] == "" and got["dimensions"][0] != ""
    assert got["text"][4].startswith("'=")  # formula guard
    assert json.loads(got["dimensions"][0]) == {"courtesy": "negative"}
    assert not list(tmp_path.glob(".out.csv*"))


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".xlsx", ".tsv"])
def test_output_formats(tiny_bundle, reviews, tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    label_file(reviews, out, _config(tiny_bundle))
    assert out.exists()


@pytest.mark.parametrize("recycle", [20, 1])  # 1: fresh workers after every chunk each
def test_jobs_give_identical_output(tiny_bundle, reviews, tmp_path, monkeypatch, recycle):
    from classifier import batch

    monkeypatch.setattr(batch, "RECYCLE_AFTER", recycle)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    label_file(reviews, one, _config(tiny_bundle))
    label_file(reviews, two, LabelConfig(model=str(tiny_bundle), chunksize=3, jobs=2, start_method="fork"))
    assert one.read_bytes() == two.read_bytes()


def test_parent_warms_up_on_the_usable_texts_of_the_first_chunks(tiny_bundle, reviews, tmp_path, monkeypatch):
    from classifier import batch
    from classifier.bundle import Model

    seen = []
    original = Model.warm_up
    monkeypatch.setattr(Model, "warm_up", lambda self, texts, langs=None: (seen.append(list(texts)), original(self, texts, langs)))
    monkeypatch.setattr(batch, "WARM_UP_ROWS", 3)  # the first two chunks of 3 rows hold 4 usable texts
    label_file(reviews, tmp_path / "out.csv", LabelConfig(model=str(tiny_bundle), chunksize=3, jobs=2, start_method="fork"))
    assert seen == [[TEXTS[0], TEXTS[3], TEXTS[4]]]


def test_resume_gives_identical_file(tiny_bundle, reviews, tmp_path, monkeypatch):
    from classifier import batch

    full = tmp_path / "full.csv"
    label_file(reviews, full, _config(tiny_bundle))
    out = tmp_path / "resumed.csv"
    calls = {"n": 0}
    real = batch._label_part

    def flaky(df, config, part):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(df, config, part)

    monkeypatch.setattr(batch, "_label_part", flaky)
    with pytest.raises(KeyboardInterrupt):
        label_file(reviews, out, _config(tiny_bundle))
    assert not out.exists()
    monkeypatch.setattr(batch, "_label_part", real)
    summary = label_file(reviews, out, _config(tiny_bundle), resume=True)
    assert summary.resumed_chunks == 1
    assert out.read_bytes() == full.read_bytes()


def test_missing_column_lists_columns(tiny_bundle, reviews, tmp_path):
    with pytest.raises(ColumnNotFoundError, match="columns are: id, text"):
        label_file(reviews, tmp_path / "o.csv", _config(tiny_bundle, text_column="body"))


def test_output_equal_to_input_is_refused(tiny_bundle, reviews):
    with pytest.raises(OutputError, match="is the input"):
        label_file(reviews, reviews, _config(tiny_bundle))
