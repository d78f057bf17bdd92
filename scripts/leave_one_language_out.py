"""How the default learner carries to a language it has not seen: leave one language out.

    python scripts/leave_one_language_out.py data/labeled [--features default] [--write-metadata models/default] [--jobs 2] [--langs fi ms ru bg]

For each language X: train on the train split of every other language, then
evaluate on X's test split (and, for reference, the model trained with X).
Prints a Markdown table of dimension micro-F1, polarity accuracy and
sentiment accuracy per language. ``--write-metadata BUNDLE`` also stores the
figures in that bundle's ``metadata.json`` (``classifier info`` shows them);
the model file itself is not touched.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.corpus import read_records  # noqa: E402
from classifier.metrics import evaluate  # noqa: E402
from classifier.training import TrainConfig, records_to_xy  # noqa: E402


def _fit_without(config: TrainConfig, train: list[dict], lang: str):
    return config.estimator().fit(*records_to_xy([r for r in train if r["lang"] != lang]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--features", default="default")
    ap.add_argument("--write-metadata", type=Path, default=None,
                    help="bundle trained on the same data and features: its model gives the 'with X' column "
                         "and the figures are recorded in its metadata.json")
    ap.add_argument("--jobs", type=int, default=1, help="languages fitted in parallel (processes)")
    ap.add_argument("--langs", nargs="+", default=None, help="only these languages (default: all with a test split)")
    args = ap.parse_args()
    records = read_records([args.data])
    train = [r for r in records if r.get("split") != "test"]
    test = [r for r in records if r.get("split") == "test"]
    config = TrainConfig(features=args.features)
    if args.write_metadata:
        from classifier.bundle import load_bundle  # noqa: E402

        full = load_bundle(args.write_metadata).estimator
    else:
        full = config.estimator().fit(*records_to_xy(train))
    langs = [lang for lang in sorted({r["lang"] for r in records}) if any(r["lang"] == lang for r in test)
             and (not args.langs or lang in args.langs)]
    from joblib import Parallel, delayed

    fits = Parallel(n_jobs=args.jobs)(
        delayed(_fit_without)(config, train, lang) for lang in langs)
    print("| lang | test n | dim F1 (with X) | dim F1 (without X) | polarity acc. (without X) | sentiment acc. (without X) |")
    print("| --- | --- | --- | --- | --- | --- |")
    scores = []
    per_language = {}
    for lang, without in zip(langs, fits):
        held = [r for r in test if r["lang"] == lang]
        a = evaluate(full, *records_to_xy(held))
        b = evaluate(without, *records_to_xy(held))
        scores.append(b["dimension_f1"])
        per_language[lang] = {"n": len(held), "dimension_f1": b["dimension_f1"], "with_language_dimension_f1": a["dimension_f1"],
                              "polarity_accuracy": b["polarity_accuracy"], "sentiment_accuracy": b["sentiment"]["accuracy"]}
        print(f"| {lang} | {len(held)} | {a['dimension_f1']:.3f} | {b['dimension_f1']:.3f} | {b['polarity_accuracy']:.3f} "
              f"| {b['sentiment']['accuracy']:.3f} |", flush=True)
    mean = sum(scores) / len(scores)
    print(f"\nMean leave-one-language-out dimension F1: {mean:.3f}")
    if args.write_metadata:
        path = args.write_metadata / "metadata.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["leave_one_language_out"] = {"features": args.features, "mean_dimension_f1": mean, "per_language": per_language,
                                          "languages": langs}
        path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"recorded in {path}")


if __name__ == "__main__":
    main()
