import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold

from classifier.errors import ConfigError, DataFormatError
from classifier.model import ServiceQualityClassifier, as_pairs

from .conftest import TINY


def test_overfits_tiny_multilingual_set(tiny_xy):
    X, y = tiny_xy
    clf = ServiceQualityClassifier(C=50.0, tune_thresholds=False).fit(X, y)
    pred = clf.predict(X)
    assert [p["dimensions"] for p in pred] == [t["dimensions"] for t in y]
    assert sum(p["sentiment"] == t["sentiment"] for p, t in zip(pred, y)) >= len(y) - 1


def test_label_set_comes_from_data():
    X = [("pizza cold", "en"), ("pizza hot and tasty", "en"), ("waiter rude", "en"), ("waiter nice", "en")] * 2
    y = [{"dimensions": {"FOOD#QUALITY": "negative"}}, {"dimensions": {"FOOD#QUALITY": "positive"}},
         {"dimensions": {"SERVICE#GENERAL": "negative"}}, {"dimensions": {"SERVICE#GENERAL": "positive"}}] * 2
    clf = ServiceQualityClassifier(features="chars", tune_thresholds=False, C=20).fit(X, y)
    assert clf.labels_ == ("FOOD#QUALITY", "SERVICE#GENERAL")
    assert clf.sentiments_ == ()
    assert clf.predict([("pizza cold", "en")])[0] == {"dimensions": {"FOOD#QUALITY": "negative"}, "sentiment": None}


def test_same_seed_same_predictions(tiny_xy):
    X, y = tiny_xy
    a = ServiceQualityClassifier(cv=2).fit(X, y).predict_proba(X)
    b = ServiceQualityClassifier(cv=2).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(a.presence, b.presence)
    np.testing.assert_array_equal(a.sentiment, b.sentiment)


def test_clone_pickle_and_grid_search(tiny_xy):
    X, y = tiny_xy
    clf = ServiceQualityClassifier(features="chars", tune_thresholds=False)
    assert clone(clf).get_params() == clf.get_params()
    fitted = clf.fit(X, y)
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(again.predict_proba(X).presence, fitted.predict_proba(X).presence)
    search = GridSearchCV(ServiceQualityClassifier(features="chars", tune_thresholds=False),
                          {"C": [1.0, 20.0]}, cv=KFold(2, shuffle=True, random_state=0)).fit(X, y)
    assert search.best_params_["C"] in (1.0, 20.0)


def test_model_saved_before_a_parameter_existed_gets_its_default(tiny_xy):
    fitted = ServiceQualityClassifier(features="chars", tune_thresholds=False).fit(*tiny_xy)
    state = dict(fitted.__getstate__())
    del state["clause_weight"]  # as in a bundle saved before clause polarity was added
    old = ServiceQualityClassifier.__new__(ServiceQualityClassifier)
    old.__setstate__(state)
    assert old.get_params()["clause_weight"] == 0.5 and clone(old).get_params() == fitted.get_params()
    np.testing.assert_array_equal(old.predict_proba(tiny_xy[0]).presence, fitted.predict_proba(tiny_xy[0]).presence)


def test_predict_before_fit_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        ServiceQualityClassifier().predict(["hello"])


@pytest.mark.parametrize("params", [{"C": -1}, {"C": "big"}, {"threshold": 1.5}, {"cv": 1}, {"class_weight": "heavy"}])
def test_bad_params_are_rejected_in_fit(tiny_xy, params):
    X, y = tiny_xy
    with pytest.raises(ConfigError):
        ServiceQualityClassifier(**params).fit(X, y)


@pytest.mark.parametrize("y", [["positive"], [{"dimensions": ["courtesy"]}], [{"dimensions": {"courtesy": 1}}]])
def test_bad_targets_are_rejected(y):
    with pytest.raises(DataFormatError):
        ServiceQualityClassifier().fit([("a", "en")] * len(y), y)


def test_threshold_override(tiny_xy):
    X, y = tiny_xy
    clf = ServiceQualityClassifier(features="chars", tune_thresholds=False).fit(X, y)
    assert all(p["dimensions"] == {} for p in clf.predict(X, thresholds=0.9999))
    assert all(len(p["dimensions"]) == len(clf.labels_) for p in clf.predict(X, thresholds=1e-9))
    with pytest.raises(ConfigError):
        clf.predict(X, thresholds={"nope": 0.5})


def test_mixed_polarities_make_mixed_sentiment(tiny_xy):
    X, y = tiny_xy
    clf = ServiceQualityClassifier(features="chars", tune_thresholds=False).fit(X, y)
    for p in clf.predict(X, thresholds=1e-9):
        values = set(p["dimensions"].values())
        if {"positive", "negative"} <= values:
            assert p["sentiment"] == "mixed"


@pytest.mark.parametrize("lang", sorted({lang for lang, *_ in TINY}))
def test_given_language_wins(lang):
    assert as_pairs([("whatever text", lang)]) == [("whatever text", lang)]
