"""Mark a fixed, stratified 20% of each language as the held-out test split.

Within each (language, overall sentiment, has-dimensions) stratum, records are
ordered by a seeded hash of their id and the first 20% get ``"split": "test"``;
the rest get ``"split": "train"``. The same ids and seed always give the same
split, and adding records later does not move existing ones between strata
orders. Rewrites the files in place (atomically).

    python scripts/make_split.py data/labeled --seed 13 --test-share 0.2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import tempfile
from collections import defaultdict
from pathlib import Path


def _key(seed: int, rid: str) -> str:
    return hashlib.sha256(f"{seed}:{rid}".encode()).hexdigest()


def assign(records: list[dict], seed: int, share: float) -> None:
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        strata[(r["lang"], r["sentiment"], bool(r["dimensions"]))].append(r)
    for group in strata.values():
        group.sort(key=lambda r: _key(seed, str(r["id"])))
        n_test = math.floor(len(group) * share + 0.5)
        for i, r in enumerate(group):
            r["split"] = "test" if i < n_test else "train"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--test-share", type=float, default=0.2)
    args = ap.parse_args()
    for path in sorted(args.data.glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assign(records, args.seed, args.test_share)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        os.replace(tmp, path)
        n_test = sum(r["split"] == "test" for r in records)
        print(f"{path.name}: {len(records)} records, {n_test} test ({n_test / len(records):.1%})")


if __name__ == "__main__":
    main()
