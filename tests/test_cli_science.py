import json

import pandas as pd
import pytest
from click.testing import CliRunner

from classifier.cli import main

from .conftest import TINY


@pytest.fixture
def own_csv(tmp_path):
    """A user's own label set, as a CSV with dim_<label> columns."""
    rows = [{"text": t, "lang": lang, "sentiment": s,
             **{f"dim_{k.upper()}": v for k, v in d.items()}} for lang, t, d, s in TINY]
    path = tmp_path / "own.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_train_on_own_labels_with_cv(own_csv, tmp_path):
    out = tmp_path / "own_model"
    res = CliRunner().invoke(main, ["train", str(own_csv), "-o", str(out), "--cv", "3", "--C", "20"])
    assert res.exit_code == 0, res.output
    assert "3-fold CV: dimension_f1" in res.output and "+-" in res.output
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["labels"] == ["COURTESY", "RELIABILITY"]
    assert len(meta["cross_validation"]["folds"]) == 3


def test_evaluate_html_explain_suggest_compare(tiny_bundle, own_csv, tiny_dir, tmp_path):
    runner = CliRunner()
    page = tmp_path / "eval.html"
    res = runner.invoke(main, ["evaluate", str(tiny_dir), "-m", str(tiny_bundle), "--split", "all", "--html", str(page)])
    assert res.exit_code == 0, res.output
    assert "95% interval" in res.output and "ECE" in res.output
    html = page.read_text(encoding="utf-8")
    assert "Reliability diagram" in html and "Worst errors" in html and "<svg" in html

    res = runner.invoke(main, ["explain", "The staff were so rude to me", "-m", str(tiny_bundle), "--lang", "en",
                               "--html", str(tmp_path / "why.html")])
    assert res.exit_code == 0, res.output
    assert "courtesy" in res.output and "rude" in res.output
    assert "rgba(" in (tmp_path / "why.html").read_text(encoding="utf-8")

    unl = tmp_path / "unlabelled.csv"
    pd.DataFrame({"text": [t for _, t, _, _ in TINY] + ["", "Kind staff but late parcel"]}).to_csv(unl, index=False)
    out = tmp_path / "to_label.jsonl"
    res = runner.invoke(main, ["suggest", str(unl), "-n", "6", "-o", str(out), "-m", str(tiny_bundle)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 6 and len({r["text"] for r in recs}) == 6
    assert len({r["lang"] for r in recs}) >= 3  # spread over languages
    assert all({"id", "lang", "text", "dimensions", "sentiment"} <= set(r) for r in recs)

    res = runner.invoke(main, ["compare", str(tiny_bundle), str(tiny_bundle), str(tiny_dir), "--split", "all"])
    assert res.exit_code == 0, res.output
    assert "Triple F1 B - A: +0.000" in res.output and "0 comments where they disagree" in res.output


def test_compare_finds_a_difference(tiny_bundle, tiny_dir, tmp_path):
    weak = tmp_path / "weak"
    CliRunner().invoke(main, ["train", str(tiny_dir), "-o", str(weak), "--C", "0.01", "--no-tune-thresholds"])
    res = CliRunner().invoke(main, ["compare", str(weak), str(tiny_bundle), str(tiny_dir), "--split", "all", "--json"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.output)
    assert r["triple_f1_difference"] > 0 and r["disagreements"]


def test_spacy_component(tiny_bundle):
    import spacy

    nlp = spacy.blank("fi")
    nlp.add_pipe("service_quality", config={"model": str(tiny_bundle)})
    doc = nlp("Myyjä oli todella töykeä")
    assert doc._.dimensions == {"courtesy": "negative"}
    assert doc._.sentiment == "negative"
    assert set(doc.cats) >= {"courtesy", "reliability", "sentiment:negative"}
    docs = list(nlp.pipe(["Juna myöhässä taas tunnin", "Paketti tuli ajallaan"]))
    assert [d._.dimensions for d in docs] == [{"reliability": "negative"}, {"reliability": "positive"}]
