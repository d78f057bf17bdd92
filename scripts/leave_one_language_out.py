"""How the default learner carries to a language it has not seen: leave one language out.

    python scripts/leave_one_language_out.py data/labeled [--features default]

For each language X: train on the train split of every other language, then
evaluate on X's test split (and, for reference, the model trained with X).
Prints a Markdown table of dimension micro-F1, polarity accuracy and
sentiment accuracy per language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.corpus import read_records  # noqa: E402
from classifier.metrics import evaluate  # noqa: E402
from classifier.training import TrainConfig, records_to_xy  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--features", default="default")
    args = ap.parse_args()
    records = read_records([args.data])
    train = [r for r in records if r.get("split") != "test"]
    test = [r for r in records if r.get("split") == "test"]
    config = TrainConfig(features=args.features)
    full = config.estimator().fit(*records_to_xy(train))
    print("| lang | test n | dim F1 (with X) | dim F1 (without X) | polarity acc. (without X) | sentiment acc. (without X) |")
    print("| --- | --- | --- | --- | --- | --- |")
    scores = []
    for lang in sorted({r["lang"] for r in records}):
        held = [r for r in test if r["lang"] == lang]
        if not held:
            continue
        without = config.estimator().fit(*records_to_xy([r for r in train if r["lang"] != lang]))
        a = evaluate(full, *records_to_xy(held))
        b = evaluate(without, *records_to_xy(held))
        scores.append(b["dimension_f1"])
        print(f"| {lang} | {len(held)} | {a['dimension_f1']:.3f} | {b['dimension_f1']:.3f} | {b['polarity_accuracy']:.3f} "
              f"| {b['sentiment']['accuracy']:.3f} |", flush=True)
    print(f"\nMean leave-one-language-out dimension F1: {sum(scores) / len(scores):.3f}")


if __name__ == "__main__":
    main()
