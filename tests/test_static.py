"""The static word-vector backbone: table loading and checking, lookup, transform, pickling."""

import hashlib
import json
import pickle

import numpy as np
import pytest

from classifier import static
from classifier.errors import ConfigError, ModelFormatError
from classifier.static import StaticEmbedder, load_table

WORDS = ["rude", "грубый", "töykeä", "kind", "ystävällinen", "late", "myöhässä"]
#: 2-d vectors: rudeness along x, lateness along y, kindness along -x.
VECS = np.array([[1, 0], [1, 0.1], [0.9, 0], [-1, 0], [-0.9, 0.1], [0, 1], [0.1, 1]], dtype=np.float32)


def write_table(folder, words=WORDS, vecs=VECS, tamper=False):
    folder.mkdir(parents=True, exist_ok=True)
    scale = np.abs(vecs).max(axis=0) / 127
    np.savez_compressed(folder / "vectors.npz", vocab=np.array("\n".join(words)),
                        vectors=np.round(vecs / scale).astype(np.int8), scale=scale.astype(np.float32),
                        weights=np.ones(len(words), np.float32))
    digest = hashlib.sha256((folder / "vectors.npz").read_bytes()).hexdigest()
    meta = {"name": "test", "dims": vecs.shape[1], "sha256": "0" * 64 if tamper else digest}
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return str(folder)


@pytest.fixture
def table(tmp_path):
    yield write_table(tmp_path / "static")
    static._tables.clear()


def test_cross_lingual_neighbours_are_close(table):
    emb = StaticEmbedder(table=table).fit([])
    v = emb.transform([("So rude!", "en"), ("Кассир грубый", "ru"), ("Ystävällinen myyjä", "fi"), ("Juna myöhässä", "fi")])
    sims = v @ v.T
    assert sims[0, 1] > 0.95 and sims[0, 2] < 0 and sims[3, 0] < 0.2


@pytest.mark.parametrize("text", ["", "   ", "12345", "zzzz qqqq", "\x00\ud800"])
def test_texts_without_known_words_give_zero_vectors(table, text):
    v = StaticEmbedder(table=table, backoff=0).fit([]).transform([(text, "en")])
    assert v.shape == (1, 2) and not v.any()


def test_prefix_backoff_finds_inflected_forms(table):
    with_backoff = StaticEmbedder(table=table, backoff=5).fit([]).transform([("myöhässäkin", "fi")])
    without = StaticEmbedder(table=table, backoff=0).fit([]).transform([("myöhässäkin", "fi")])
    assert with_backoff[0, 1] > 0.9 and not without.any()


def test_vectors_are_normalised_and_weighted(table):
    v = StaticEmbedder(table=table, weight=3.0).fit([]).transform([("rude late", "en")])
    assert np.linalg.norm(v) == pytest.approx(3.0, rel=1e-5)


def test_pickle_keeps_the_table_out(table):
    emb = StaticEmbedder(table=table).fit([])
    blob = pickle.dumps(emb)
    assert len(blob) < 2_000
    again = pickle.loads(blob)
    np.testing.assert_array_equal(again.transform([("rude", "en")]), emb.transform([("rude", "en")]))


def test_tampered_table_is_refused(tmp_path):
    folder = write_table(tmp_path / "bad", tamper=True)
    with pytest.raises(ModelFormatError, match="E414"):
        load_table(folder)


def test_a_different_table_is_refused_at_transform(tmp_path, table):
    emb = StaticEmbedder(table=table).fit([])
    static._tables.clear()
    write_table(tmp_path / "static", vecs=VECS[::-1].copy())
    with pytest.raises(ModelFormatError, match="E415"):
        emb.transform([("rude", "en")])


@pytest.mark.parametrize("bad", [0, -1.0, "x"])
def test_weight_is_validated_in_fit(table, bad):
    with pytest.raises(ConfigError, match="E213"):
        StaticEmbedder(table=table, weight=bad).fit([])


def test_missing_table_gives_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="E212"):
        load_table(str(tmp_path / "nowhere" / "x"))


def test_packaged_table_loads_and_matches_its_metadata():
    tab = load_table("static")
    assert tab.dims == tab.metadata["dims"] and len(tab) == tab.metadata["words"]
    assert tab.words.dtype.kind == "S" and tab.codes.dtype == np.int8 and (tab.words[1:] > tab.words[:-1]).all()
