"""Tiny inline multilingual fixtures shared by the tests."""

from __future__ import annotations

import json

import pytest

#: (lang, text, dimensions, sentiment): a handful per language, written for the tests.
TINY = [
    ("en", "The staff were so rude to me", {"courtesy": "negative"}, "negative"),
    ("en", "Lovely friendly staff, thank you", {"courtesy": "positive"}, "positive"),
    ("en", "Train late again, forty minutes", {"reliability": "negative"}, "negative"),
    ("en", "Delivery arrived on time as promised", {"reliability": "positive"}, "positive"),
    ("en", "Kind cashier but the parcel came a week late", {"courtesy": "positive", "reliability": "negative"}, "mixed"),
    ("en", "What time do you open on Sunday?", {}, "neutral"),
    ("fi", "Myyjä oli todella töykeä", {"courtesy": "negative"}, "negative"),
    ("fi", "Ihana ystävällinen henkilökunta", {"courtesy": "positive"}, "positive"),
    ("fi", "Juna myöhässä taas tunnin", {"reliability": "negative"}, "negative"),
    ("fi", "Paketti tuli ajallaan", {"reliability": "positive"}, "positive"),
    ("ru", "Кассир нахамила без причины", {"courtesy": "negative"}, "negative"),
    ("ru", "Очень вежливый и приятный персонал", {"courtesy": "positive"}, "positive"),
    ("ru", "Посылка опоздала на две недели", {"reliability": "negative"}, "negative"),
    ("ru", "Доставили вовремя, всё чётко", {"reliability": "positive"}, "positive"),
    ("ms", "Staff kaunter kurang ajar betul", {"courtesy": "negative"}, "negative"),
    ("ms", "Pekerja sangat mesra dan sopan", {"courtesy": "positive"}, "positive"),
    ("ms", "Parcel lambat sampai, 2 minggu", {"reliability": "negative"}, "negative"),
    ("ms", "Barang sampai tepat pada masanya", {"reliability": "positive"}, "positive"),
    ("bg", "Служителката беше много груба", {"courtesy": "negative"}, "negative"),
    ("bg", "Много любезен и усмихнат персонал", {"courtesy": "positive"}, "positive"),
    ("bg", "Влакът закъсня с цял час", {"reliability": "negative"}, "negative"),
    ("bg", "Пратката пристигна навреме", {"reliability": "positive"}, "positive"),
]

LANGS = sorted({lang for lang, *_ in TINY})


def tiny_records(split_every: int = 0) -> list[dict]:
    """TINY as labelled records; every ``split_every``-th one marked test."""
    out = []
    for i, (lang, text, dims, sent) in enumerate(TINY):
        rec = {"id": f"t-{i:03d}", "lang": lang, "domain": "retail", "text": text, "dimensions": dims, "sentiment": sent}
        if split_every and i % split_every == 0:
            rec["split"] = "test"
        out.append(rec)
    return out


@pytest.fixture
def tiny_xy():
    X = [(text, lang) for lang, text, _, _ in TINY]
    y = [{"dimensions": dims, "sentiment": sent} for _, _, dims, sent in TINY]
    return X, y


@pytest.fixture
def tiny_dir(tmp_path):
    """A directory with one JSONL file per language."""
    d = tmp_path / "labeled"
    d.mkdir()
    for lang in LANGS:
        recs = [r for r in tiny_records(split_every=5) if r["lang"] == lang]
        (d / f"{lang}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory):
    """A small trained bundle on TINY (all records), saved once per session."""
    from classifier.bundle import Model
    from classifier.model import ServiceQualityClassifier

    X = [(text, lang) for lang, text, _, _ in TINY]
    y = [{"dimensions": dims, "sentiment": sent} for _, _, dims, sent in TINY]
    est = ServiceQualityClassifier(features="default", C=20.0, tune_thresholds=False).fit(X, y)
    path = tmp_path_factory.mktemp("bundle") / "tiny"
    Model(est, {"backbone": "default"}).save(path)
    return path
