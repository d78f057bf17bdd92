"""Apply settled label corrections (after blind review) to data/labeled, atomically.

    python scripts/settle.py data/review/settled.jsonl [data/review/corrections_fi.jsonl ...]

Each line of the corrections file: {"id": ..., "dimensions": {...}, "sentiment": ..., "rule": "why"}.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

fixes = {}
for arg in sys.argv[1:]:
    for line in Path(arg).read_text(encoding="utf-8").splitlines():
        if line.strip():
            f = json.loads(line)
            fixes[f["id"]] = f
done = 0
for path in sorted(Path("data/labeled").glob("*.jsonl")):
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        r = json.loads(line)
        if r["id"] in fixes:
            r["dimensions"], r["sentiment"] = fixes[r["id"]]["dimensions"], fixes[r["id"]]["sentiment"]
            done += 1
        out.append(json.dumps(r, ensure_ascii=False))
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    os.replace(tmp, path)
print(f"{done} of {len(fixes)} corrections applied")
