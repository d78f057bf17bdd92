"""End-to-end labelling benchmark: comments/s and peak memory, against peers.

    python scripts/bench_label.py                    # 10k, 100k and 1M rows
    python scripts/bench_label.py --sizes 10000 100000 --jobs 2

For each size it generates a CSV of varied comments from the project's own
corpus (random comment, random light edits: case, punctuation, emoji, two
comments joined, ids and dates), then labels it end to end with
``classifier label`` (CSV -> CSV and CSV -> Parquet) for the default and the
fast model, and prints comments/s and peak memory of the whole process tree
(the run happens in a child process, sampled with psutil; PSS, so pages that
forked workers share with the parent are counted once).

Peers, trained on the same corpus and run in this same process on the same
texts: a fastText supervised model (one label per dimension:polarity plus
the sentiment, ``loss=ova``) and spaCy's ``textcat_multilabel`` with the
bag-of-words architecture. Their rates are texts/s of prediction alone
(no file reading or writing), so the ratios favour the peers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
EMOJI = ["🙂", "😡", "👍", "🙄", "!!", "...", "??", " :(", " :)"]


def corpus() -> list[dict]:
    recs = []
    for path in sorted((ROOT / "data" / "labeled").glob("*.jsonl")):
        recs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return recs


def make_file(path: Path, n: int, recs: list[dict], seed: int = 0) -> None:
    rng = random.Random(seed)
    texts = [r["text"] for r in recs]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for start in range(0, n, 50_000):
            rows = []
            for i in range(start, min(n, start + 50_000)):
                t = rng.choice(texts)
                roll = rng.random()
                if roll < 0.15:
                    t = t + " " + rng.choice(texts)
                elif roll < 0.25:
                    t = t.upper() if rng.random() < 0.3 else t.lower()
                elif roll < 0.45:
                    t = t + rng.choice(EMOJI)
                rows.append({"id": i, "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "store": f"S{i % 40}", "text": t})
            pd.DataFrame(rows).to_csv(fh, index=False, header=start == 0)


def _tree_memory(ps) -> int:
    """Memory of a process and its children: PSS (shared pages counted once) where the OS gives it, else RSS."""
    total = 0
    for p in [ps, *ps.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except Exception:
            total += p.memory_info().rss
    return total


def run_label(args: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB, PSS of the process tree) of ``classifier label ...``."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "classifier", "label", *args, "-q"])
    peak = 0.0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            peak = max(peak, _tree_memory(ps))
        except psutil.Error:
            pass
        time.sleep(0.2)
    if proc.returncode:
        raise SystemExit(f"classifier label failed with exit code {proc.returncode}")
    return time.perf_counter() - start, peak / 2**20


def fasttext_rate(recs: list[dict], texts: list[str]) -> float | None:
    try:
        import fasttext
    except ImportError:
        return None
    if not hasattr(fasttext, "train_supervised"):  # fasttext-predict (language detection) can only predict
        print("fastText peer: pip install --force-reinstall fasttext-numpy2-wheel", file=sys.stderr)
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        for r in recs:
            labels = [f"__label__{k}:{v}" for k, v in r["dimensions"].items()] + [f"__label__sent:{r['sentiment']}"]
            fh.write(" ".join(labels) + " " + r["text"].replace("\n", " ") + "\n")
    model = fasttext.train_supervised(fh.name, loss="ova", epoch=25, wordNgrams=2, minn=2, maxn=5, verbose=0, thread=2)
    os.unlink(fh.name)
    clean = [t.replace("\n", " ") for t in texts]
    start = time.perf_counter()
    model.predict(clean, k=-1, threshold=0.5)
    return len(texts) / (time.perf_counter() - start)


def spacy_rate(recs: list[dict], texts: list[str]) -> float:
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2, "no_output_layer": False}})
    labels = sorted({f"{k}:{v}" for r in recs for k, v in r["dimensions"].items()} | {f"sent:{r['sentiment']}" for r in recs})
    for lab in labels:
        textcat.add_label(lab)
    examples = [Example.from_dict(nlp.make_doc(r["text"]), {"cats": {lab: float(lab in {f"{k}:{v}" for k, v in r["dimensions"].items()}
                                                                               | {f"sent:{r['sentiment']}"}) for lab in labels}})
                for r in recs]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(5):
        rng.shuffle(examples)
        for i in range(0, len(examples), 64):
            nlp.update(examples[i:i + 64], sgd=optimizer)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=512):
        pass
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--models", nargs="+", default=["default", "fast"])
    ap.add_argument("--formats", nargs="+", default=["csv", "parquet"], help="output formats to time")
    ap.add_argument("--peer-texts", type=int, default=20_000, help="texts the peers are timed on")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "bench_label")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    recs = corpus()
    train = [r for r in recs if r.get("split") != "test"]
    print(f"corpus: {len(recs)} comments; machine: {os.cpu_count()} cores; jobs {args.jobs}")
    sample_path = args.workdir / "peers.csv"
    make_file(sample_path, args.peer_texts, recs, seed=1)
    peer_texts = pd.read_csv(sample_path, dtype=str, keep_default_na=False)["text"].tolist()
    peers = {"fastText": fasttext_rate(train, peer_texts), "spaCy textcat_multilabel (BOW)": spacy_rate(train, peer_texts)}
    for name, rate in peers.items():
        print(f"peer {name}: " + (f"{rate:,.0f} texts/s (prediction only)" if rate else "not installed"))
    print()
    header = f"{'rows':>9} {'model':<8} {'output':<8} {'seconds':>8} {'comments/s':>11} {'peak MB PSS':>12}" + "".join(
        f" {'x ' + k.split()[0]:>11}" for k, v in peers.items() if v)
    print(header)
    for n in args.sizes:
        src = args.workdir / f"in_{n}.csv"
        if not src.exists():
            make_file(src, n, recs)
        for model in args.models:
            for suffix in ("." + f for f in args.formats):
                out = args.workdir / f"out_{n}_{model}{suffix}"
                seconds, peak = run_label([str(src), "-o", str(out), "-m", model, "-j", str(args.jobs)])
                rate = n / seconds
                ratios = "".join(f" {rate / v:>11.2f}" for v in peers.values() if v)
                print(f"{n:>9} {model:<8} {suffix[1:]:<8} {seconds:>8.1f} {rate:>11,.0f} {peak:>12,.0f}{ratios}", flush=True)
                out.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
