"""Fuzz ``classifier label`` with corrupted and hostile input files.

    python scripts/fuzz_cli.py --n 500 [--seed 0] [--model PATH]

Generates N input files of many kinds (wrong and mixed encodings, broken
quoting, truncated and non-object JSON lines, giant cells, formulas, control
characters, binary junk, empty files and sheets, Parquet with a non-text
column, missing text column, gzip that is not gzip, ...) and runs
``classifier label`` on each (in-process, through Click's test runner, so the
model is loaded once). Prints how many were tried, gave a clear error (exit
1, one ``Error: [E...]`` line, no traceback), succeeded, how many rows were
marked (status not ``ok``), crashed (must be 0) and went missing (must be 0:
every row the generator wrote must come out once).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
from pathlib import Path

import pandas as pd

WORDS = ["staff", "rude", "late", "kiitos", "очень", "груб", "mesra", "lambat", "très", "sympa", "=SUM(A1)",
         "+1 555", "-minus", "@user", "😡", "\u202e", "e\u0301", "\t", "\x07", "Ω", "ß", "ğ", "ı"]


def _text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 3, 8, 20])
    t = " ".join(rng.choice(WORDS) for _ in range(n))
    roll = rng.random()
    if roll < 0.05:
        t = "x" * rng.choice([6000, 120_000])
    elif roll < 0.1:
        t = "   "
    elif roll < 0.15:
        t = t + "\n" + t
    return t


def make_case(kind: str, path_base: Path, rng: random.Random) -> tuple[Path, int | None]:
    """Write one input file; returns its path and the rows a correct run must output (None: any or error)."""
    n = rng.randint(1, 40)
    texts = [_text(rng) for _ in range(n)]
    df = pd.DataFrame({"id": range(n), "text": texts})
    if kind == "csv":
        p = path_base.with_suffix(".csv")
        df.to_csv(p, index=False)
        return p, n
    if kind == "csv_cp1252":
        p = path_base.with_suffix(".csv")
        df.assign(text=[t.encode("cp1252", "replace").decode("cp1252") for t in texts]).to_csv(p, index=False, encoding="cp1252")
        return p, n
    if kind == "csv_utf16":
        p = path_base.with_suffix(".csv")
        df.to_csv(p, index=False, encoding="utf-16")
        return p, n
    if kind == "csv_semicolon_bom":
        p = path_base.with_suffix(".csv")
        df.to_csv(p, index=False, sep=";", encoding="utf-8-sig")
        return p, n
    if kind == "csv_mixed_encoding":
        p = path_base.with_suffix(".csv")
        with open(p, "wb") as fh:
            fh.write(b"id,text\n")
            for i, t in enumerate(texts):
                fh.write(f"{i},\"{t.replace(chr(34), '')}\"\n".encode("utf-8" if i % 2 else "latin-1", "replace"))
        return p, None
    if kind == "csv_broken_quotes":
        p = path_base.with_suffix(".csv")
        p.write_text("id,text\n1,\"unclosed quote\n2,fine\n3,\"a\"b\"c\",extra,cols\n", encoding="utf-8")
        return p, None
    if kind == "csv_missing_column":
        p = path_base.with_suffix(".csv")
        df.rename(columns={"text": "body"}).to_csv(p, index=False)
        return p, None
    if kind == "tsv_gz":
        p = path_base.with_suffix(".tsv.gz")
        with gzip.open(p, "wt", encoding="utf-8") as fh:
            df.assign(text=[t.replace("\t", " ") for t in texts]).to_csv(fh, sep="\t", index=False)
        return p, n
    if kind == "fake_gz":
        p = path_base.with_suffix(".csv.gz")
        p.write_bytes(b"\x1f\x8bnot really gzip" + bytes(rng.randrange(256) for _ in range(200)))
        return p, None
    if kind == "jsonl_junk":
        p = path_base.with_suffix(".jsonl")
        lines = []
        for i, t in enumerate(texts):
            roll = rng.random()
            lines.append(json.dumps({"id": i, "text": t}) if roll < 0.7 else json.dumps([t]) if roll < 0.8
                         else "{\"id\": 1, \"text\": \"trunc" if roll < 0.9 else json.dumps({"id": i, "text": rng.randint(0, 9)}))
        p.write_text("\n".join(lines) + ("\n" if rng.random() < 0.5 else ""), encoding="utf-8")
        return p, n
    if kind == "parquet_int_text":
        p = path_base.with_suffix(".parquet")
        pd.DataFrame({"id": range(n), "text": range(n)}).to_parquet(p)
        return p, n
    if kind == "parquet":
        p = path_base.with_suffix(".parquet")
        df.to_parquet(p)
        return p, n
    if kind == "xlsx":
        p = path_base.with_suffix(".xlsx")
        clean = ["".join(ch for ch in t if ch.isprintable() or ch in "\n") for t in texts]
        df.assign(text=clean).to_excel(p, index=False)
        return p, n
    if kind == "xlsx_empty":
        p = path_base.with_suffix(".xlsx")
        pd.DataFrame().to_excel(p, index=False)
        return p, None
    if kind == "empty":
        p = path_base.with_suffix(rng.choice([".csv", ".jsonl", ".tsv"]))
        p.write_bytes(b"")
        return p, None
    if kind == "binary":
        p = path_base.with_suffix(rng.choice([".csv", ".jsonl", ".parquet", ".xlsx"]))
        p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(10, 3000))))
        return p, None
    if kind == "directory":
        p = path_base.with_suffix(".csv")
        p.mkdir()
        return p, None
    raise ValueError(kind)


KINDS = ["csv", "csv_cp1252", "csv_utf16", "csv_semicolon_bom", "csv_mixed_encoding", "csv_broken_quotes",
         "csv_missing_column", "tsv_gz", "fake_gz", "jsonl_junk", "parquet_int_text", "parquet", "xlsx", "xlsx_empty",
         "empty", "binary", "directory"]


def main() -> None:
    from click.testing import CliRunner

    from classifier.cli import main as cli

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--model", default=None, help="model bundle (default: the packaged model)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tried = clear = ok = crashed = missing = marked = 0
    crashes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.n):
            kind = KINDS[i % len(KINDS)] if i < len(KINDS) else rng.choice(KINDS)
            src, expected = make_case(kind, Path(tmp) / f"case{i}", rng)
            out = Path(tmp) / f"out{i}.csv"
            cmd = ["label", str(src), "-o", str(out), "-j", "1", "-q"] + (["-m", args.model] if args.model else [])
            res = CliRunner().invoke(cli, cmd)
            tried += 1
            text = res.output + (str(res.exception) if res.exception and res.exit_code != 1 else "")
            if res.exit_code == 0:
                ok += 1
                got = pd.read_csv(out, dtype=str, keep_default_na=False)
                marked += int((~got["status"].str.startswith("ok")).sum())
                if expected is not None and len(got) != expected:
                    missing += abs(expected - len(got))
                    crashes.append(f"{kind}: {expected} rows in, {len(got)} out")
            elif res.exit_code == 1 and "Error: [E" in res.output and "Traceback" not in res.output:
                clear += 1
                if out.exists():
                    crashes.append(f"{kind}: output left behind after an error")
                    crashed += 1
            else:
                crashed += 1
                crashes.append(f"{kind}: exit {res.exit_code}: {text.strip()[-300:]}")
    print(f"tried {tried}, clear errors {clear}, labelled {ok}, rows marked {marked}, crashed {crashed}, rows missing {missing}")
    for c in crashes[:20]:
        print("  " + c)
    sys.exit(1 if crashed or missing else 0)


if __name__ == "__main__":
    main()
