"""Compare estimator settings by K-fold cross-validation on the train split only.

    python scripts/cv_params.py data/labeled --set polarity=shared --set polarity=clause
    python scripts/cv_params.py data/labeled --features fast --set polarity=clause,clause_weight=1.0

Each ``--set`` is one variant (comma-separated ``param=value`` pairs given to
:class:`classifier.model.ServiceQualityClassifier`). The test split is never
read, so settings chosen here can be reported on it honestly once. Prints
dimension F1, polarity accuracy (on gold mentions) and sentiment accuracy,
mean +- std over folds, per variant, and the per-language polarity means.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.corpus import read_records  # noqa: E402
from classifier.evaluation import cross_validate  # noqa: E402
from classifier.model import ServiceQualityClassifier  # noqa: E402
from classifier.training import records_to_xy  # noqa: E402


def parse_set(text: str) -> dict:
    out = {}
    for item in filter(None, text.split(",")):
        key, _, value = item.partition("=")
        try:
            out[key.strip()] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            out[key.strip()] = value.strip()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--features", default="default")
    ap.add_argument("--set", dest="variants", action="append", default=[], help="param=value[,param=value] (repeat)")
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--langs", nargs="*", help="only these languages")
    args = ap.parse_args()
    records = [r for r in read_records([args.data]) if r.get("split") != "test"]
    if args.langs:
        records = [r for r in records if r["lang"] in args.langs]
    X, y = records_to_xy(records)
    print(f"{len(records)} train-split comments, {args.k}-fold CV, features {args.features}")
    print("| variant | dimension F1 | polarity acc. | sentiment acc. | seconds |")
    print("| --- | --- | --- | --- | --- |")
    for text in args.variants or [""]:
        params = {"features": args.features, **parse_set(text)}
        start = time.perf_counter()
        cv = cross_validate(ServiceQualityClassifier(**params), X, y, k=args.k, seed=args.seed)
        cells = [f"{cv[key]['mean']:.3f} +- {cv[key]['std']:.3f}"
                 for key in ("dimension_f1", "polarity_accuracy", "sentiment_accuracy")]
        print(f"| {text or 'shipped settings'} | " + " | ".join(cells) + f" | {time.perf_counter() - start:.0f} |", flush=True)


if __name__ == "__main__":
    main()
