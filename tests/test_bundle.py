import json
import shutil

import pytest

from classifier.bundle import FORMAT_VERSION, load_bundle
from classifier.errors import ModelFormatError, ModelNotFoundError, ModelVersionError

from .conftest import TINY


def test_save_reload_same_predictions(tiny_bundle):
    texts = [t for _, t, _, _ in TINY]
    langs = [lang for lang, *_ in TINY]
    a = load_bundle(tiny_bundle).predict(texts, langs=langs)
    b = load_bundle(tiny_bundle).predict(texts, langs=langs)
    assert [p.to_dict() for p in a] == [p.to_dict() for p in b]
    assert [p.dimensions for p in a] == [d for _, _, d, _ in TINY]


def test_warm_up_fills_the_tokenizers_and_changes_no_prediction(tiny_bundle):
    from classifier.features import SpacyTokens

    texts = [t for _, t, _, _ in TINY]
    langs = [lang for lang, *_ in TINY]
    cold = load_bundle(tiny_bundle)
    warm = load_bundle(tiny_bundle)
    warm.warm_up(texts, langs)
    tokenizers = [v for v in warm.estimator.vectorizer_.get_params(deep=True).values() if isinstance(v, SpacyTokens)]
    assert tokenizers and all(set(langs) <= set(tok._nlps) for tok in tokenizers)
    assert [p.to_dict() for p in warm.predict(texts, langs=langs)] == [p.to_dict() for p in cold.predict(texts, langs=langs)]


def test_models_with_the_sentence_encoder_are_not_forked(tiny_bundle):
    from sklearn.pipeline import FeatureUnion

    from classifier.features import E5Embedder

    model = load_bundle(tiny_bundle)
    assert model.fork_safe
    model.estimator.vectorizer_ = FeatureUnion([("e5", E5Embedder())])  # what `accurate` holds
    assert not model.fork_safe


def test_metadata_is_complete(tiny_bundle):
    meta = json.loads((tiny_bundle / "metadata.json").read_text())
    for key in ("labels", "versions", "model_sha256", "created", "format_version", "thresholds"):
        assert key in meta
    assert meta["labels"] == ["courtesy", "reliability"]


def _copy(src, tmp_path):
    dst = tmp_path / "copy"
    shutil.copytree(src, dst)
    return dst


def test_tampered_model_is_refused(tiny_bundle, tmp_path):
    dst = _copy(tiny_bundle, tmp_path)
    with open(dst / "model.skops", "ab") as fh:
        fh.write(b"evil")
    with pytest.raises(ModelFormatError, match="tampered or truncated"):
        load_bundle(dst)


def test_truncated_model_is_refused(tiny_bundle, tmp_path):
    dst = _copy(tiny_bundle, tmp_path)
    data = (dst / "model.skops").read_bytes()
    (dst / "model.skops").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFormatError):
        load_bundle(dst)


def test_newer_format_is_refused_with_version(tiny_bundle, tmp_path):
    dst = _copy(tiny_bundle, tmp_path)
    meta = json.loads((dst / "metadata.json").read_text())
    meta["format_version"] = FORMAT_VERSION + 1
    meta["versions"]["classifier"] = "9.9.9"
    (dst / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(ModelVersionError, match="9.9.9"):
        load_bundle(dst)


def test_pickle_with_code_is_refused(tiny_bundle, tmp_path):
    """A bundle whose model file holds an untrusted type is refused, and the code never runs."""
    import hashlib

    import skops.io as sio

    dst = _copy(tiny_bundle, tmp_path)
    sio.dump({"payload": shutil.rmtree}, dst / "model.skops")
    meta = json.loads((dst / "metadata.json").read_text())
    meta["model_sha256"] = hashlib.sha256((dst / "model.skops").read_bytes()).hexdigest()
    (dst / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(ModelFormatError, match="does not trust"):
        load_bundle(dst)


@pytest.mark.parametrize("make", ["missing", "file", "foreign_json", "bad_json"])
def test_not_a_bundle(tmp_path, make):
    target = tmp_path / "m"
    if make == "file":
        target.write_text("hello")
    elif make in ("foreign_json", "bad_json"):
        target.mkdir()
        (target / "model.skops").write_bytes(b"x")
        (target / "metadata.json").write_text("{\"format\": \"other\"}" if make == "foreign_json" else "{nope")
    with pytest.raises(ModelNotFoundError if make == "missing" else ModelFormatError):
        load_bundle(target)
