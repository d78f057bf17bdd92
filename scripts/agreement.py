"""Blind second-reader agreement on the labelled corpus.

Step 1, draw a seeded 10% sample per language and write it without labels:

    python scripts/agreement.py sample data/labeled -o data/review/blind --share 0.1 --seed 7 [--only fi sv]

A second reader (not the writer) labels ``blind/<lang>.jsonl`` in place,
adding ``dimensions`` and ``sentiment`` to each record, following
docs/labeling.md without looking at the corpus labels.

Step 2, score agreement against the corpus labels:

    python scripts/agreement.py score data/labeled data/review/blind

prints, per language and overall, Cohen's kappa per dimension (categories:
absent, positive, negative, neutral), the mean kappa, and the accuracy of
the overall sentiment, as a Markdown table (for data/labeled/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections import defaultdict
from pathlib import Path

DIMENSIONS = ["reliability", "responsiveness", "competence", "courtesy", "communication",
              "credibility", "security", "access", "understanding", "tangibles"]


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sample(data: Path, out: Path, share: float, seed: int, only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(data.glob("*.jsonl")):
        if only and path.stem not in only:
            continue
        recs = sorted(_read(path), key=lambda r: hashlib.sha256(f"{seed}:{r['id']}".encode()).hexdigest())
        n = max(1, math.ceil(len(recs) * share))
        blind = [{"id": r["id"], "lang": r["lang"], "text": r["text"]} for r in recs[:n]]
        target = out / path.name
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in blind), encoding="utf-8")
        print(f"{target}: {n} of {len(recs)}")


def kappa(a: list[str], b: list[str]) -> float:
    from sklearn.metrics import cohen_kappa_score

    if len(set(a) | set(b)) < 2:
        return 1.0  # both readers gave one and the same category everywhere
    return float(cohen_kappa_score(a, b))


def score(data: Path, blind_dir: Path) -> str:
    gold = {r["id"]: r for path in data.glob("*.jsonl") for r in _read(path)}
    by_lang: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for path in sorted(blind_dir.glob("*.jsonl")):
        for r in _read(path):
            if "dimensions" in r and r["id"] in gold:
                by_lang[r["lang"]].append((gold[r["id"]], r))
    rows = ["| lang | n | " + " | ".join(d[:5] for d in DIMENSIONS) + " | mean kappa | sentiment acc. |",
            "| --- | --- | " + " | ".join("---" for _ in DIMENSIONS) + " | --- | --- |"]
    groups = sorted(by_lang.items()) + [("all", [p for v in by_lang.values() for p in v])]
    for lang, pairs in groups:
        ks = [kappa([g["dimensions"].get(d, "absent") for g, _ in pairs], [b["dimensions"].get(d, "absent") for _, b in pairs])
              for d in DIMENSIONS]
        acc = sum(g["sentiment"] == b.get("sentiment") for g, b in pairs) / len(pairs)
        rows.append(f"| {lang} | {len(pairs)} | " + " | ".join(f"{k:.2f}" for k in ks) + f" | {sum(ks) / len(ks):.2f} | {acc:.2f} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("data", type=Path)
    s.add_argument("-o", "--out", type=Path, required=True)
    s.add_argument("--share", type=float, default=0.1)
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--only", nargs="+", default=None, help="file stems to sample (e.g. fi sv); default all")
    c = sub.add_parser("score")
    c.add_argument("data", type=Path)
    c.add_argument("blind", type=Path)
    args = ap.parse_args()
    if args.cmd == "sample":
        sample(args.data, args.out, args.share, args.seed, args.only)
    else:
        print(score(args.data, args.blind))


if __name__ == "__main__":
    main()
