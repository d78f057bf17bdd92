import json
import shutil
import subprocess

import pandas as pd
import pytest
from click.testing import CliRunner

from classifier.cli import main
from classifier.errors import ColumnNotFoundError
from classifier.report import collect, write_report


@pytest.fixture
def labelled(tmp_path):
    rows = [
        ("2026-01-03", "A", "fi", "Myyjä oli töykeä ja jono pitkä", {"courtesy": "negative", "responsiveness": "negative"}, "negative"),
        ("2026-01-20", "A", "en", "Lovely staff", {"courtesy": "positive"}, "positive"),
        ("2026-02-11", "B", "ru", "Посылка опоздала", {"reliability": "negative"}, "negative"),
        ("2026-02-15", "B", "en", "Open on Sunday?", {"access": "neutral"}, "neutral"),
        ("2026-03-01", "B", "en", "", None, None),
    ]
    df = pd.DataFrame([{"date": d, "store": s, "lang": l, "text": t, "dimensions": json.dumps(dims) if dims is not None else "",
                        "sentiment": sent or "", "status": "ok" if dims is not None else "skipped: empty text"}
                       for d, s, l, t, dims, sent in rows])
    path = tmp_path / "labelled.csv"
    df.to_csv(path, index=False)
    return path


def test_collect_counts(labelled):
    data = collect(labelled, by=["store"], date_column="date", freq="M")
    assert data.rows == 5 and data.labelled == 4
    assert data.dims[("courtesy", "negative")] == 1
    assert data.rater[("assurance", "mixed")] == 0 and data.rater[("assurance", "negative")] == 1
    assert data.by_group["store"][("B", "negative")] == 1
    assert data.by_period[("2026-02", "reliability", "negative")] == 1


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "raw.csv"
    path.write_text("text\nhello\n")
    with pytest.raises(ColumnNotFoundError, match="dimensions"):
        collect(path)


def test_report_command_writes_html_and_csv(labelled, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(labelled), "-o", str(out), "--by", "store", "--date-column", "date"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") >= 6
    assert not any(f'{attr}="http' in page or f"{attr}='http" in page for attr in ("src", "href"))  # nothing fetched
    assert "Lovely staff" in page
    summary = pd.read_csv(out.with_suffix(".csv"))
    assert set(summary["table"]) >= {"dimensions", "rater", "sentiment", "by_store"}


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_report_renders_in_headless_browser(labelled, tmp_path):
    out = tmp_path / "r.html"
    write_report(labelled, out, by=["store"], date_column="date", freq="M")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-500:]
    assert dom.stdout.count("class=\"chart\"") >= 6
    assert dom.stdout.count("<path") > 20  # bars and axes were drawn
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", *flags, f"--screenshot={shot}", "--window-size=1000,2000", out.as_uri()],
                   capture_output=True, timeout=120, check=True)
    from PIL import Image

    img = Image.open(shot).convert("RGB")
    colors = img.getcolors(maxcolors=1 << 20) or []
    red = sum(n for n, (r, g, b) in colors if r > 150 and g < 80 and b < 80)
    green = sum(n for n, (r, g, b) in colors if g > 100 and r < 80 and b < 80)
    assert red > 200 and green > 200  # negative and positive bars are visible
