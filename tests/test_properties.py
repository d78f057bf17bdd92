"""Property-based tests: any text gives a prediction or a marked row, never an exception."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier.batch import LabelConfig, label_frame
from classifier.io import iter_chunks
from classifier.writers import TableWriter

any_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn", "So"]), max_size=50),
    st.sampled_from(["", "   ", "\x00", "\ud800", "\u202eevil", "e\u0301\u0301\u0301", "👍🏽" * 50, "a" * 1_000_000]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=1, max_size=5))
def test_predict_never_raises(texts):
    from classifier import load_model

    preds = load_model().predict(texts)
    assert len(preds) == len(texts)
    frame = label_frame(pd.DataFrame({"text": pd.Series(texts, dtype=object)}), load_model(), LabelConfig())
    assert len(frame) == len(texts)
    assert frame["status"].map(lambda s: s.startswith(("ok", "skipped"))).all()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r"), max_size=60), min_size=1, max_size=6),
       st.sampled_from(["csv", "jsonl", "parquet", "xlsx"]))
def test_writers_and_readers_round_trip(tmp_path_factory, texts, fmt):
    if fmt == "xlsx":  # XML 1.0 cannot hold most control characters; Excel itself rejects them
        texts = ["".join(ch for ch in t if ch.isprintable() or ch in "\n\t") for t in texts]
    path = tmp_path_factory.mktemp("rt") / f"out.{fmt}"
    df = pd.DataFrame({"id": [str(i) for i in range(len(texts))], "text": texts})
    with TableWriter(path, neutralize=False) as w:
        w.write(df)
    back = pd.concat(list(iter_chunks(path, chunksize=4)), ignore_index=True)
    got = back["text"].fillna("").astype(str).tolist()
    assert len(back) == len(texts)
    assert got == texts
