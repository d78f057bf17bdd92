import gzip
import json

import pandas as pd
import pytest

from classifier.errors import InputFileError, InputNotFoundError
from classifier.io import detect_format, iter_chunks

TEXTS = ["Hyvä palvelu, kiitos!", "Очень грубый персонал", 'He said "fine", then left', "line one\nline two"]


def _frame():
    return pd.DataFrame({"id": [str(i) for i in range(len(TEXTS))], "text": TEXTS})


def _read(path, **kw):
    return pd.concat(list(iter_chunks(path, chunksize=2, **kw)), ignore_index=True)


@pytest.mark.parametrize("name", ["r.csv", "r.tsv", "r.jsonl", "r.parquet", "r.xlsx", "r.csv.gz"])
def test_round_trip_every_format(tmp_path, name):
    df = _frame()
    path = tmp_path / name
    if name.endswith(".csv"):
        df.to_csv(path, index=False)
    elif name.endswith(".tsv"):
        df.to_csv(path, sep="\t", index=False)
    elif name.endswith(".jsonl"):
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    elif name.endswith(".parquet"):
        df.to_parquet(path)
    elif name.endswith(".xlsx"):
        df.to_excel(path, index=False)
    else:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            df.to_csv(fh, index=False)
    got = _read(path)
    assert got["text"].tolist() == TEXTS


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / "e.csv"
    path.write_text("id;text\n1;Café très sympa, déçu quand même\n2;Ça va\n", encoding=encoding)
    got = _read(path)
    assert got["text"].tolist() == ["Café très sympa, déçu quand même", "Ça va"]


def test_jsonl_bad_lines_become_marked_rows(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text('{"text": "ok"}\n[1, 2]\n{"text": "trunc\n', encoding="utf-8")
    got = _read(path)
    assert len(got) == 3
    assert got["status"].isna().tolist()[0]
    assert "not an object" in got["status"][1] and "line 2" in got["status"][1]
    assert "not valid JSON" in got["status"][2]


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary")])
def test_empty_and_binary_files(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        _read(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputNotFoundError):
        _read(tmp_path / "nope.csv")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(InputFileError, match="directory"):
        _read(tmp_path / "d.csv")


def test_broken_quoting_names_the_problem(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,text\n1,"fine"\n2,"broken "quote" here",x,y\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="q.csv"):
        _read(path)


def test_xlsx_sheets(tmp_path):
    path = tmp_path / "w.xlsx"
    with pd.ExcelWriter(path) as w:
        _frame().to_excel(w, sheet_name="A", index=False)
        _frame().head(1).to_excel(w, sheet_name="B", index=False)
    with pytest.raises(InputFileError, match="several sheets: A, B"):
        _read(path)
    assert len(_read(path, sheet="B")) == 1
    with pytest.raises(InputFileError, match="no sheet 'C'"):
        _read(path, sheet="C")


def test_unknown_suffix():
    with pytest.raises(InputFileError, match="--format"):
        detect_format("data.bin")


def test_xlsx_empty_sheet(tmp_path):
    path = tmp_path / "empty.xlsx"
    pd.DataFrame().to_excel(path, index=False)
    with pytest.raises(InputFileError, match="empty"):
        _read(path)


def test_parquet_text_column_of_numbers_gives_marked_rows(tmp_path):
    from classifier.batch import LabelConfig, label_frame

    path = tmp_path / "n.parquet"
    pd.DataFrame({"text": [1, 2, 3]}).to_parquet(path)
    frame = _read(path)

    class NoModel:  # no row reaches the model
        labels = ()

        def predict(self, *a, **k):
            raise AssertionError("nothing should be predicted")

    out = label_frame(frame, NoModel(), LabelConfig())
    assert out["status"].tolist() == ["skipped: text is int, not a string"] * 3


def test_huge_cell_is_read_and_truncated_without_loss(tmp_path, tiny_bundle):
    from classifier.batch import LabelConfig, label_file

    big = "slow delivery " * 800_000  # about 11 MB in one cell
    src = tmp_path / "big.csv"
    pd.DataFrame({"text": [big, "ok"]}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    summary = label_file(src, out, LabelConfig(model=str(tiny_bundle), jobs=1))
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert summary.truncated == 1 and got["status"][0] == "ok: truncated to 5000 characters"
    assert got["text"][0] == big  # the full text is echoed back, nothing lost
