"""The README's walkthrough runs as written."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def walkthrough_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- walkthrough -->\s*```bash\n(.*?)```", text, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_walkthrough_is_there():
    cmds = walkthrough_commands()
    assert [c.split()[1] for c in cmds] == ["train", "train", "evaluate", "explain", "suggest", "compare"]


def test_walkthrough_runs_as_written(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for cmd in walkthrough_commands():
        args = shlex.split(cmd)
        assert args[0] == "classifier"
        res = subprocess.run([sys.executable, "-m", "classifier", *args[1:]], cwd=tmp_path,
                             capture_output=True, text=True, timeout=900)
        assert res.returncode == 0, f"{cmd}\n{res.stdout}\n{res.stderr}"
    assert (tmp_path / "models" / "adapted" / "MODEL_CARD.md").exists()
    assert "Reliability diagram" in (tmp_path / "eval.html").read_text(encoding="utf-8")
    assert (tmp_path / "why.html").exists()
    assert len((tmp_path / "to_label.jsonl").read_text(encoding="utf-8").splitlines()) == 10
