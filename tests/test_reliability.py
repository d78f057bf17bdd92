"""Interruption, parallelism, disk and permission faults: no lost rows, no half-written files."""

import errno
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from classifier.batch import LabelConfig, label_file
from classifier.errors import OutputError

from .conftest import TINY


@pytest.fixture
def big_csv(tmp_path):
    texts = [t for _, t, _, _ in TINY] * 250  # 5,500 rows
    path = tmp_path / "big.csv"
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(path, index=False)
    return path


def _cmd(src, out, bundle, *extra):
    return [sys.executable, "-m", "classifier", "label", str(src), "-o", str(out), "-m", str(bundle),
            "-j", "1", "--chunksize", "250", "-q", *extra]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_killed_run_resumes_to_identical_file(tiny_bundle, big_csv, tmp_path, sig):
    full = tmp_path / "full.csv"
    subprocess.run(_cmd(big_csv, full, tiny_bundle), check=True)
    out = tmp_path / "out.csv"
    parts = tmp_path / ".out.csv.parts"
    proc = subprocess.Popen(_cmd(big_csv, out, tiny_bundle))
    deadline = time.time() + 120
    while time.time() < deadline and len(list(parts.glob("part-*.parquet"))) < 3:
        time.sleep(0.05)
    proc.send_signal(sig)
    assert proc.wait(60) != 0
    assert not out.exists()
    assert 3 <= len(list(parts.glob("part-*.parquet"))) < 22
    subprocess.run(_cmd(big_csv, out, tiny_bundle, "--resume"), check=True)
    assert out.read_bytes() == full.read_bytes()
    assert not parts.exists()


def test_identical_results_across_jobs_and_start_methods(tiny_bundle, big_csv, tmp_path):
    outputs = []
    for jobs, method in [(1, "spawn"), (2, "spawn"), (2, "fork"), (3, "forkserver")]:
        out = tmp_path / f"out_{jobs}_{method}.csv"
        label_file(big_csv, out, LabelConfig(model=str(tiny_bundle), jobs=jobs, chunksize=1000, start_method=method))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]


def test_full_disk_leaves_nothing(tiny_bundle, big_csv, tmp_path, monkeypatch):
    from classifier import writers

    def no_space(self, df):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers.TableWriter, "_write", no_space)
    with pytest.raises(OutputError, match="No space left"):
        label_file(big_csv, tmp_path / "out.csv", LabelConfig(model=str(tiny_bundle), jobs=1, chunksize=2000))
    assert not (tmp_path / "out.csv").exists()
    assert not list(tmp_path.glob(".out.csv.*.part"))


def test_unwritable_output_location(tiny_bundle, big_csv, tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        label_file(big_csv, blocker / "out.csv", LabelConfig(model=str(tiny_bundle), jobs=1))
