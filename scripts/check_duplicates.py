"""Measure near-duplicates and templates in the labelled corpus, per language.

    python scripts/check_duplicates.py data/labeled            # all languages
    python scripts/check_duplicates.py data/labeled/fi.jsonl --show 10

Two figures per language (targets of issue #4):

- near-duplicate pairs: pairs of comments whose sets of character 5-grams
  (lower-cased, whitespace collapsed) have Jaccard similarity >= 0.5, as a
  share of the language's comments (target: under 1%);
- template openings: the largest share of the language's comments that start
  with the same three words (lower-cased, punctuation stripped; target: at
  most 2%).

Pairs are found exactly, through an inverted index of 5-grams (fast enough
for tens of thousands of comments). Exit code 1 if any language misses a target.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.corpus import read_records  # noqa: E402

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = 5) -> frozenset[str]:
    t = _WS.sub(" ", text.lower()).strip()
    if len(t) < k:
        return frozenset({t})
    return frozenset(t[i:i + k] for i in range(len(t) - k + 1))


def near_duplicates(texts: list[str], threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """Exact Jaccard >= threshold pairs, via an inverted index of shingles.

    >>> near_duplicates(["the train was late again", "the train was late again!", "lovely staff"])
    [(0, 1, 0.95)]
    """
    sets = [shingles(t) for t in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    pairs = []
    for i, s in enumerate(sets):
        overlap: Counter[int] = Counter()
        for g in s:
            for j in index[g]:
                if j > i:
                    overlap[j] += 1
        for j, inter in overlap.items():
            # |A∩B| / |A∪B| >= t needs |A∩B| >= t * max(|A|, |B|) at least.
            if inter < threshold * max(len(s), len(sets[j])):
                continue
            jac = inter / (len(s) + len(sets[j]) - inter)
            if jac >= threshold:
                pairs.append((i, j, round(jac, 2)))
    return pairs


def opening(text: str, n: int = 3) -> str:
    return " ".join(_WORD.findall(text.lower())[:n])


def load(paths: list[Path]) -> dict[str, list[dict]]:
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in read_records(paths):
        by_lang[r["lang"]].append(r)
    return by_lang


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print up to N offending pairs/openings per language")
    args = ap.parse_args()
    print("| lang | comments | near-duplicate pairs (J>=0.5) | share | most shared opening | share | targets met |")
    print("| --- " * 7 + "|")
    all_ok = True
    for lang, recs in sorted(load(args.paths).items()):
        texts = [r["text"] for r in recs]
        pairs = near_duplicates(texts)
        openings = Counter(o for o in map(opening, texts) if len(o.split()) == 3)
        top, top_n = openings.most_common(1)[0] if openings else ("", 0)
        dup_share, open_share = len(pairs) / len(texts), top_n / len(texts)
        ok = dup_share < 0.01 and open_share <= 0.02
        all_ok &= ok
        print(f"| {lang} | {len(texts)} | {len(pairs)} | {dup_share:.2%} | {top!r} ({top_n}) | {open_share:.1%} "
              f"| {'yes' if ok else 'NO'} |")
        for i, j, jac in pairs[:args.show]:
            print(f"    J={jac}: {recs[i]['id']} {texts[i][:70]!r}\n           {recs[j]['id']} {texts[j][:70]!r}")
        for o, c in openings.most_common(args.show):
            if c > 1:
                print(f"    opening {o!r}: {c}")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
