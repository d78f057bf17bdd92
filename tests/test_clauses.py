"""Clause splitting and the clause-conditioned polarity model."""

import pickle

import numpy as np
import pytest

from classifier.clauses import best_clauses, clause_rows, split_clauses
from classifier.errors import ConfigError
from classifier.model import ServiceQualityClassifier


@pytest.mark.parametrize("text, n", [
    ("The staff were lovely but we waited an hour", 2),
    ("Personal freundlich, aber die Wartezeit war lang.", 2),
    ("Персонал вежливый, но ждали целый час!", 2),
    ("Henkilökunta oli ystävällistä mutta jonotimme tunnin", 2),
    ("Pekerja mesra tapi kena tunggu lama", 2),
    ("Kiitos!", 1),
    ("", 1),
    ("ok. ok. ok", 1),  # pieces too short to stand alone
])
def test_split_clauses_in_several_languages(text, n):
    assert len(split_clauses(text)) == n


def test_clause_rows_and_best_clause():
    clauses, owner = clause_rows([("Rude staff. Late bus", "en"), ("fine", "en")])
    assert clauses == [("Rude staff", "en"), ("Late bus", "en")] and owner.tolist() == [0, 0]
    scores = np.array([[3.0, -1.0], [-2.0, 1.0]])  # clause 0 speaks of label 0, clause 1 of label 1
    assert best_clauses(scores, owner, 2).tolist() == [[2, 3], [1, 1]]


X = [("Rude staff", "en"), ("Very kind staff", "en"), ("Late again", "en"), ("On time, great", "en"),
     ("Kind staff but late again", "en"), ("Rude staff, but on time", "en"),
     ("Unhöfliches Personal", "de"), ("Freundliches Personal, aber zu spät", "de")] * 3
Y = [{"dimensions": {"courtesy": "negative"}, "sentiment": "negative"},
     {"dimensions": {"courtesy": "positive"}, "sentiment": "positive"},
     {"dimensions": {"reliability": "negative"}, "sentiment": "negative"},
     {"dimensions": {"reliability": "positive"}, "sentiment": "positive"},
     {"dimensions": {"courtesy": "positive", "reliability": "negative"}, "sentiment": "mixed"},
     {"dimensions": {"courtesy": "negative", "reliability": "positive"}, "sentiment": "mixed"},
     {"dimensions": {"courtesy": "negative"}, "sentiment": "negative"},
     {"dimensions": {"courtesy": "positive", "reliability": "negative"}, "sentiment": "mixed"}] * 3
NEW = [("very kind staff but late", "en"), ("rude staff but on time", "en")]
WANT = [{"courtesy": "positive", "reliability": "negative"}, {"courtesy": "negative", "reliability": "positive"}]


def test_clause_polarity_separates_what_the_shared_model_cannot():
    clause = ServiceQualityClassifier(features="chars", C=10.0, polarity="clause").fit(X, Y)
    shared = ServiceQualityClassifier(features="chars", C=10.0, polarity="shared").fit(X, Y)
    assert [p["dimensions"] for p in clause.predict(NEW)] == WANT
    assert [p["dimensions"] for p in shared.predict(NEW)] != WANT


def test_clause_polarity_survives_pickling():
    clf = ServiceQualityClassifier(features="chars", C=10.0, polarity="clause").fit(X, Y)
    again = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(again.predict_proba(NEW).polarity, clf.predict_proba(NEW).polarity)


@pytest.mark.parametrize("bad", [-1, "x"])
def test_clause_weight_is_validated(bad):
    with pytest.raises(ConfigError, match="E210"):
        ServiceQualityClassifier(features="chars", polarity="clause", clause_weight=bad).fit(X, Y)
