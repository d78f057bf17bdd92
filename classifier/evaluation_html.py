"""A self-contained HTML page of :func:`classifier.evaluation.detailed` results."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

__all__ = ["render"]


def _reliability_svg(bins: list[dict[str, Any]]) -> str:
    import io

    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "service-quality-eval"
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], "--", color="#999", label="perfect")
    if bins:
        ax.plot([b["confidence"] for b in bins], [b["observed"] for b in bins], "o-", color="#1565c0", label="model")
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed frequency")
    ax.set_title("Reliability diagram (label presence)")
    ax.legend()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _f3(value: float) -> str:
    return f"{value:.3f}"


def _ci(pair: Any) -> str:
    lo, hi = pair
    return f"{lo:.3f}-{hi:.3f}"


def render(m: dict[str, Any], title: str = "Evaluation") -> str:
    """The page as one HTML string."""
    labels = pd.DataFrame({k: {"precision": v["precision"], "recall": v["recall"], "f1": v["f1"],
                               "95% interval": _ci(v["f1_interval"]), "support": v["support"]}
                           for k, v in m["per_label"].items()}).T
    langs = pd.DataFrame({k: {"n": v["n"], "precision": v["dimension_precision"], "recall": v["dimension_recall"],
                              "dimension F1": v["dimension_f1"], "95% interval": _ci(v["dimension_f1_interval"]),
                              "polarity acc.": v["polarity_accuracy"], "triple F1": v["triple_f1"],
                              "sentiment acc.": v["sentiment"]["accuracy"]} for k, v in m["per_language"].items()}).T
    confusion = pd.DataFrame(m["confusion"]).T
    errors = pd.DataFrame(m["worst_errors"])
    lo, hi = m["intervals"]["dimension_f1"]
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse;"
             "font-size:0.85em}td,th{border:1px solid #ccc;padding:3px 6px}svg{max-width:480px}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>",
             f"<p>{m['n']} comments. Dimension micro-F1 <b>{m['dimension_f1']:.3f}</b> (95% bootstrap interval {lo:.3f}-{hi:.3f}); "
             f"polarity accuracy {m['polarity_accuracy']:.3f}; triple F1 {m['triple_f1']:.3f}; sentiment accuracy "
             f"{m['sentiment']['accuracy']:.3f} (macro-F1 {m['sentiment']['macro_f1']:.3f}); expected calibration error "
             f"{m['calibration']['ece']:.3f}.</p>",
             "<h2>Per label</h2>", labels.to_html(float_format=_f3),
             "<h2>Per language</h2>", langs.to_html(float_format=_f3),
             "<h2>Calibration</h2>", f"<figure class='chart'>{_reliability_svg(m['calibration']['bins'])}</figure>",
             pd.DataFrame(m["calibration"]["bins"]).to_html(index=False, float_format=_f3),
             "<h2>Confusion between dimensions</h2><p>Row: gold dimension the model missed; column: a dimension it "
             "predicted instead, in the same comment.</p>", confusion.to_html(),
             "<h2>Worst errors</h2>", errors.to_html(index=False) if not errors.empty else "<p>None.</p>",
             "</body></html>"]
    return "\n".join(parts)
