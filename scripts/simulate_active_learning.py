"""Does `classifier suggest` pick better comments to label than chance? A learning-curve simulation.

    python scripts/simulate_active_learning.py data/labeled --start 500 --step 500 --rounds 4 \
        --strategies suggest:errors suggest:max suggest:mean random

The train split plays the unlabelled pool (its labels are revealed only for
the comments picked); a fixed fifth of it, kept out of the pool, scores each
model (``--score-on test``: the test split instead, for a final check of the
measure chosen on that validation part). Both strategies start
from the same random seed set; each round a strategy adds `step` comments:
chosen by `classifier.suggest.suggest` (uncertainty + diversity + language
spread) with one of its uncertainty measures, or at random. Prints dimension micro-F1 and sentiment accuracy
per number of labels, averaged over seeds.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.corpus import read_records  # noqa: E402
from classifier.metrics import evaluate  # noqa: E402
from classifier.model import ServiceQualityClassifier  # noqa: E402
from classifier.suggest import suggest  # noqa: E402
from classifier.training import records_to_xy  # noqa: E402


def fit(recs):
    return ServiceQualityClassifier(features="fast").fit(*records_to_xy(recs))  # as shipped: calibrated, tuned thresholds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--start", type=int, default=500)
    ap.add_argument("--step", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--strategies", nargs="+", default=["suggest", "random"],
                    help="random, or suggest[:COMBINE[:POOL_FACTOR]] (COMBINE: one of classifier.suggest.COMBINE, "
                         "default errors, as shipped; POOL_FACTOR: candidates per pick, default 5)")
    ap.add_argument("--score-on", choices=["validation", "test"], default="validation",
                    help="validation (default): a fixed 20%% of the train split scores, the test split is not read, "
                         "so a measure can be chosen on it; test: the test split, once, for the measure chosen")
    args = ap.parse_args()
    records = read_records([args.data])
    pool_all = [r for r in records if r.get("split") != "test"]
    if args.score_on == "validation":
        order = list(range(len(pool_all)))
        random.Random(1234).shuffle(order)
        held = set(order[: len(order) // 5])
        scored = [pool_all[i] for i in sorted(held)]
        pool_all = [pool_all[i] for i in range(len(pool_all)) if i not in held]
    else:
        scored = [r for r in records if r.get("split") == "test"]
    Xt, yt = records_to_xy(scored)
    print(f"pool {len(pool_all)} comments; scored on {len(scored)} ({args.score_on})", file=sys.stderr)
    curves: dict[str, dict] = {name: {} for name in args.strategies}
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        rng = random.Random(seed)
        start = rng.sample(range(len(pool_all)), args.start)
        for strategy in curves:
            chosen = list(start)
            for rnd in range(args.rounds + 1):
                model = fit([pool_all[i] for i in chosen])
                m = evaluate(model, Xt, yt)
                curves[strategy].setdefault(len(chosen), []).append((m["dimension_f1"], m["sentiment"]["accuracy"]))
                if rnd == args.rounds:
                    break
                taken = set(chosen)
                rest = [i for i in range(len(pool_all)) if i not in taken]
                if strategy == "random":
                    chosen += rng.sample(rest, args.step)
                else:
                    _, combine, factor = (strategy.split(":") + ["", ""])[:3]
                    picks = suggest(model, [pool_all[i]["text"] for i in rest], n=args.step,
                                    langs=[pool_all[i]["lang"] for i in rest], ids=rest,
                                    combine=combine or "errors", pool_factor=int(factor or 5))
                    chosen += [int(p["id"]) for p in picks]
            print(f"seed {seed} {strategy} done", file=sys.stderr, flush=True)
    names = list(curves)
    print("| labels | " + " | ".join(f"dimension F1, {k}" for k in names) + " | " + " | ".join(f"sentiment acc., {k}" for k in names) + " |")
    print("| --- " * (1 + 2 * len(names)) + "|")
    for n in sorted(curves[names[0]]):
        means = [np.mean(curves[k][n], axis=0) for k in names]
        print(f"| {n} | " + " | ".join(f"{m[0]:.3f}" for m in means) + " | " + " | ".join(f"{m[1]:.3f}" for m in means) + " |")


if __name__ == "__main__":
    main()
