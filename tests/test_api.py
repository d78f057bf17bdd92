from concurrent.futures import ThreadPoolExecutor

import pytest

import classifier
from classifier import load_model, predict
from classifier.bundle import Prediction
from classifier.errors import ModelNotFoundError

TEXTS = ["Jonotin puhelimessa tunnin.", "Персонал очень вежливый!", "Staff kaunter sangat mesra.", "", "🙂"]


def test_public_surface_is_explicit():
    for name in classifier.__all__:
        assert getattr(classifier, name) is not None
    assert not hasattr(classifier, "not_a_thing")


def test_predict_returns_one_prediction_per_text():
    preds = predict(TEXTS)
    assert len(preds) == len(TEXTS)
    assert all(isinstance(p, Prediction) for p in preds)
    for p in preds:
        d = p.to_dict()
        assert set(d) == {"dimensions", "sentiment", "lang", "scores"}
        assert set(p.dimensions) <= set(load_model().labels)
        assert all(0.0 <= v <= 1.0 for v in p.scores.values())


def test_string_input_and_given_language():
    (p,) = predict("Das Personal war unfreundlich.", langs=["de"])
    assert p.lang == "de"


def test_default_model_is_cached():
    assert load_model() is load_model()


def test_missing_bundle(tmp_path):
    with pytest.raises(ModelNotFoundError):
        load_model(tmp_path / "nope")


def test_predict_is_thread_safe():
    texts = TEXTS * 20
    expected = [p.to_dict() for p in predict(texts)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: [p.to_dict() for p in predict(texts)], range(8)))
    assert all(r == expected for r in results)
