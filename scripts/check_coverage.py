"""Check the corpus against its coverage targets, per language, as a Markdown table.

    python scripts/check_coverage.py data/labeled
    python scripts/check_coverage.py data/labeled/fi.jsonl data/labeled/fi_lead.jsonl

Targets (issue #4): >= 500 comments per language (1,500 for en); every
dimension >= 20 positive, >= 20 negative, >= 3 neutral; >= 10% with no
dimension; >= 25% with two or more; every sentiment >= 10%; >= 12 domains.
Exit code 1 if any language misses a target.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.corpus import read_records  # noqa: E402
from classifier.taxonomy import DIMENSIONS, SENTIMENTS  # noqa: E402


def check(recs: list[dict], lang: str) -> tuple[list[str], bool]:
    n = len(recs)
    pol = Counter((k, v) for r in recs for k, v in r["dimensions"].items())
    min_pos = min(pol[(d, "positive")] for d in DIMENSIONS)
    min_neg = min(pol[(d, "negative")] for d in DIMENSIONS)
    min_neu = min(pol[(d, "neutral")] for d in DIMENSIONS)
    none = sum(not r["dimensions"] for r in recs) / n
    multi = sum(len(r["dimensions"]) >= 2 for r in recs) / n
    sent = Counter(r["sentiment"] for r in recs)
    min_sent = min(sent[s] for s in SENTIMENTS) / n
    domains = len({r.get("domain") for r in recs})
    words = sorted(len(r["text"].split()) for r in recs)
    ok = (n >= (1500 if lang == "en" else 500) and min_pos >= 20 and min_neg >= 20 and min_neu >= 3
          and none >= 0.10 and multi >= 0.25 and min_sent >= 0.10 and domains >= 12)
    cells = [lang, str(n), str(min_pos), str(min_neg), str(min_neu), f"{none:.0%}", f"{multi:.0%}", f"{min_sent:.0%}",
             str(domains), f"{words[0]}-{words[-1]}", "yes" if ok else "NO"]
    return cells, ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", type=Path, help="directories of *.jsonl files, or files")
    args = ap.parse_args()
    by_lang: dict[str, list[dict]] = {}
    for r in read_records(args.paths):
        by_lang.setdefault(r["lang"], []).append(r)
    print("| lang | comments | min pos/dim | min neg/dim | min neutral/dim | no dimension | 2+ dimensions "
          "| rarest sentiment | domains | words | targets met |")
    print("| --- " * 11 + "|")
    all_ok = True
    for lang, recs in sorted(by_lang.items()):
        cells, ok = check(recs, lang)
        all_ok &= ok
        print("| " + " | ".join(cells) + " |")
    total = sum(map(len, by_lang.values()))
    print(f"\n{total} comments in {len(by_lang)} languages.")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
