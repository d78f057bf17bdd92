"""The estimator: dimensions with a polarity each, and an overall sentiment.

:class:`ServiceQualityClassifier` is a scikit-learn estimator. Its inputs are
texts, or ``(text, lang)`` pairs; its targets are mappings with
``dimensions`` ({label: polarity}) and ``sentiment``, exactly the labelled
record format. The label set is learned from the data, so the same estimator
trains on the ten service-quality dimensions or on a user's own categories.

For each label it fits a detector (is the label mentioned?) and a polarity
model (on the comments that mention it); one more model predicts the
overall sentiment. All three are logistic regressions over a shared feature
pipeline.

>>> X = [("Rude staff", "en"), ("Very kind staff", "en"), ("Late again", "en"), ("On time, great", "en")] * 3
>>> y = [{"dimensions": {"courtesy": "negative"}, "sentiment": "negative"},
...      {"dimensions": {"courtesy": "positive"}, "sentiment": "positive"},
...      {"dimensions": {"reliability": "negative"}, "sentiment": "negative"},
...      {"dimensions": {"reliability": "positive"}, "sentiment": "positive"}] * 3
>>> clf = ServiceQualityClassifier(features="chars", C=10.0).fit(X, y)
>>> clf.predict([("rude staff", "en")])[0]["dimensions"]
{'courtesy': 'negative'}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from .errors import ConfigError, DataFormatError
from .features import build_features, compact_vectorizers
from .langid import detect_languages

__all__ = ["ServiceQualityClassifier", "Probabilities", "as_pairs", "parse_targets"]


@dataclass(frozen=True)
class Probabilities:
    """Probabilities for a batch of ``n`` texts.

    ``presence[i, j]``: label ``labels[j]`` is mentioned in text ``i``;
    ``polarity[i, j, k]``: its polarity is ``polarities[k]``, given mentioned;
    ``sentiment[i, k]``: the overall sentiment is ``sentiments[k]``.
    """

    labels: tuple[str, ...]
    polarities: tuple[str, ...]
    sentiments: tuple[str, ...]
    presence: np.ndarray
    polarity: np.ndarray
    sentiment: np.ndarray


def as_pairs(X: Sequence[Any]) -> list[tuple[str, str]]:
    """Normalise inputs to ``(text, lang)`` pairs, detecting missing languages.

    >>> as_pairs(["Kiitos avusta!", ("Merci", "fr")])
    [('Kiitos avusta!', 'fi'), ('Merci', 'fr')]
    """
    texts: list[str] = []
    given: list[str | None] = []
    for item in X:
        if isinstance(item, tuple):
            text, lang = (item + (None,))[:2]
        else:
            text, lang = item, None
        texts.append(text if isinstance(text, str) else ("" if text is None else str(text)))
        given.append(lang)
    return list(zip(texts, detect_languages(texts, given)))


def parse_targets(y: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, str]], list[str | None]]:
    """Split target mappings into dimension dicts and sentiments, checking their shape."""
    dims: list[dict[str, str]] = []
    sents: list[str | None] = []
    for i, target in enumerate(y):
        if not isinstance(target, Mapping):
            raise DataFormatError("E301", f"target {i} is {type(target).__name__}, not a mapping",
                                  "give each target as {'dimensions': {label: polarity}, 'sentiment': ...}")
        d = target.get("dimensions") or {}
        if not isinstance(d, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in d.items()):
            raise DataFormatError("E302", f"target {i}: 'dimensions' must map label names to polarity strings",
                                  "e.g. {'courtesy': 'positive'}")
        dims.append(dict(d))
        s = target.get("sentiment")
        sents.append(s if isinstance(s, str) and s else None)
    return dims, sents


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


class _Constant:
    """A fitted stand-in for a classifier when the training target has one class."""

    def __init__(self, n_classes: int, index: int) -> None:
        self.n_classes = n_classes
        self.index = index

    def predict_proba(self, X) -> np.ndarray:
        out = np.zeros((X.shape[0], self.n_classes))
        out[:, self.index] = 1.0
        return out


class ServiceQualityClassifier(BaseEstimator):
    """Multi-label dimension + polarity + sentiment classifier.

    Parameters
    ----------
    features : str or transformer
        A name from :data:`classifier.features.FEATURE_SETS` or an unfitted
        scikit-learn transformer over ``(text, lang)`` pairs.
    C : float
        Inverse regularisation strength of the logistic regressions.
    class_weight : "balanced" or None
        Weighting of rare classes (labels are rare: most comments mention few).
    threshold : float
        Default decision threshold on a label's presence probability.
    tune_thresholds : bool
        Tune one threshold per label by cross-validation on the training
        data (stored in ``thresholds_``; overridable in :meth:`predict`).
    cv : int
        Folds for threshold tuning.
    polarity : "shared", "per_label" or "clause"
        One polarity model for all labels (the label a feature), one per
        label, or the shared model looking at the clause that speaks of the
        label (:mod:`classifier.clauses`).
    clause_weight : float
        With ``polarity="clause"``, weight of the whole comment's features
        against the clause's.
    consistent_sentiment : bool
        When predicted dimensions carry both positive and negative
        polarities, report the overall sentiment as ``mixed``.
    random_state : int
        Seed for the folds; same data and seed give the same model.
    """

    def __init__(self, features: Any = "default", C: float = 8.0, class_weight: str | None = "balanced",
                 threshold: float = 0.5, tune_thresholds: bool = True, calibrate: bool = True, cv: int = 3,
                 polarity: str = "shared", polarity_C: float = 4.0, clause_weight: float = 0.5,
                 consistent_sentiment: bool = True, random_state: int = 0) -> None:
        self.features = features
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.tune_thresholds = tune_thresholds
        self.calibrate = calibrate
        self.polarity = polarity
        self.polarity_C = polarity_C
        self.clause_weight = clause_weight
        self.cv = cv
        self.consistent_sentiment = consistent_sentiment
        self.random_state = random_state

    def __setstate__(self, state: dict) -> None:
        # a bundle saved before a parameter existed behaves as its default: give it that value,
        # so that get_params, clone and repr work on it
        import inspect

        defaults = {k: v.default for k, v in inspect.signature(type(self).__init__).parameters.items() if k != "self"}
        super().__setstate__({**defaults, **state})

    # -- fitting -----------------------------------------------------------
    def _validate_params(self) -> None:
        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise ConfigError("E202", f"C must be a positive number, got {self.C!r}", "e.g. C=8.0")
        if self.class_weight not in ("balanced", None):
            raise ConfigError("E203", f"class_weight must be 'balanced' or None, got {self.class_weight!r}", "")
        if not (0.0 < float(self.threshold) < 1.0):
            raise ConfigError("E204", f"threshold must be in (0, 1), got {self.threshold!r}", "e.g. 0.5")
        if self.polarity not in ("shared", "per_label", "clause"):
            raise ConfigError("E207", f"polarity must be 'shared', 'per_label' or 'clause', got {self.polarity!r}", "")
        if not (isinstance(self.clause_weight, (int, float)) and self.clause_weight >= 0):
            raise ConfigError("E210", f"clause_weight must be a number >= 0, got {self.clause_weight!r}", "e.g. 0.5")
        if not (isinstance(self.polarity_C, (int, float)) and self.polarity_C > 0):
            raise ConfigError("E208", f"polarity_C must be a positive number, got {self.polarity_C!r}", "e.g. 4.0")
        if not (isinstance(self.cv, int) and self.cv >= 2):
            raise ConfigError("E205", f"cv must be an integer >= 2, got {self.cv!r}", "e.g. cv=3")

    def _logreg(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000,
                                  solver="liblinear")

    def _fit_classifier(self, Xv, target: np.ndarray, classes: Sequence[str]):
        present = np.unique(target)
        if len(present) < 2:
            return _Constant(len(classes), list(classes).index(present[0]))
        model = self._logreg() if len(classes) == 2 else LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=2000)
        model.fit(Xv, target)
        model.coef_ = model.coef_.astype(np.float32)  # halves the bundle; predictions use float32 features anyway
        return model

    def _proba(self, model, Xv, classes: Sequence[str]) -> np.ndarray:
        """Probabilities in the order of ``classes`` (a model may know fewer)."""
        p = model.predict_proba(Xv)
        if isinstance(model, _Constant):
            return p
        out = np.zeros((Xv.shape[0], len(classes)))
        for j, c in enumerate(model.classes_):
            out[:, list(classes).index(c)] = p[:, j]
        return out

    def fit(self, X: Sequence[Any], y: Sequence[Mapping[str, Any]]) -> "ServiceQualityClassifier":
        """Learn labels, polarities and sentiment from texts and target mappings."""
        self._validate_params()
        pairs = as_pairs(X)
        dims, sents = parse_targets(y)
        if len(pairs) != len(dims):
            raise DataFormatError("E303", f"{len(pairs)} texts but {len(dims)} targets", "give one target per text")
        if len(pairs) < 2:
            raise DataFormatError("E304", "at least two labelled texts are needed to fit", "add labelled comments")
        self.labels_ = tuple(sorted({k for d in dims for k in d}))
        self.polarities_ = tuple(sorted({v for d in dims for v in d.values()})) or ("positive",)
        self.sentiments_ = tuple(sorted({s for s in sents if s}))
        transformer = build_features(self.features) if isinstance(self.features, str) else clone(self.features)
        Xv = transformer.fit_transform(pairs)
        compact_vectorizers(transformer)
        self.vectorizer_ = transformer
        self.detectors_, self.polarity_models_ = [], []
        presence = np.array([[label in d for label in self.labels_] for d in dims], dtype=bool).reshape(len(dims), -1)
        for j, label in enumerate(self.labels_):
            self.detectors_.append(self._fit_classifier(Xv, presence[:, j], (False, True)))
            if self.polarity == "per_label":
                rows = np.flatnonzero(presence[:, j])
                target = np.array([dims[i][label] for i in rows])
                self.polarity_models_.append(self._fit_classifier(Xv[rows], target, self.polarities_))
        self.polarity_model_ = (self._fit_shared_polarity(Xv, dims, self._context(pairs, Xv))
                                if self.polarity in ("shared", "clause") else None)
        labelled = np.array([s is not None for s in sents])
        self.sentiment_model_ = None
        if self.sentiments_:
            target = np.array([s for s in sents if s is not None])
            self.sentiment_model_ = self._fit_classifier(Xv[labelled], target, self.sentiments_)
        self._fit_cutoffs(Xv, presence)
        self.n_features_out_ = Xv.shape[1]
        return self

    def _context(self, pairs: list[tuple[str, str]], Xv):
        """For ``polarity="clause"``: the texts' and clauses' rows, and which row speaks of each label."""
        if self.polarity != "clause":
            return None
        from .clauses import best_clauses, clause_rows, context_matrix

        clauses, owner = clause_rows(pairs)
        Xc = self.vectorizer_.transform(clauses) if clauses else None
        scores = np.zeros((len(clauses), len(self.labels_)), dtype=np.float32)
        for j, det in enumerate(self.detectors_):
            if clauses and not isinstance(det, _Constant):
                scores[:, j] = np.asarray(Xc @ det.coef_.T).ravel() + det.intercept_[0]
        return context_matrix(Xv, Xc), best_clauses(scores, owner, len(pairs))

    def _fit_shared_polarity(self, Xv, dims: list[dict[str, str]], context=None):
        """One polarity model over every (text, label) mention; the label is a one-hot feature.
        With a ``context``, the features of the clause that speaks of the label are added."""
        index = {label: j for j, label in enumerate(self.labels_)}
        mentions = [(i, index[k], v) for i, d in enumerate(dims) for k, v in d.items()]
        if not mentions:
            return _Constant(len(self.polarities_), 0)
        rows, labs, target = zip(*mentions)
        onehot = sp.csr_matrix((np.ones(len(labs), dtype=np.float32), (np.arange(len(labs)), labs)),
                               shape=(len(labs), len(self.labels_)))
        target = np.array(target)
        if len(set(target)) < 2:
            return _Constant(len(self.polarities_), self.polarities_.index(target[0]))
        model = LogisticRegression(C=self.polarity_C, max_iter=3000)
        base = Xv[list(rows)]
        if context is not None:
            ctx, idx = context
            base = self.clause_weight * base + ctx[idx[list(rows), list(labs)]]
        model.fit(sp.hstack([base, onehot]).tocsr(), target)
        model.coef_ = model.coef_.astype(np.float32)
        return model

    def _shared_polarity_proba(self, Xv, context=None) -> np.ndarray:
        """(n, labels, polarities) probabilities from the shared model, without stacking rows per label."""
        n, d, L = Xv.shape[0], Xv.shape[1], len(self.labels_)
        model = self.polarity_model_
        if isinstance(model, _Constant):
            out = np.zeros((n, L, len(self.polarities_)))
            out[:, :, model.index] = 1.0
            return out
        base = np.asarray(Xv @ model.coef_[:, :d].T)[:, None, :]  # (n, 1, k)
        if context is not None:
            ctx, idx = context
            base = self.clause_weight * base + np.asarray(ctx @ model.coef_[:, :d].T)[idx]  # (n, L, k)
        logits = base + model.intercept_ + model.coef_[:, d:].T[None, :, :]  # (n, L, k)
        if logits.shape[2] == 1:
            p1 = _sigmoid(logits[:, :, 0])
            probs = np.stack([1 - p1, p1], axis=2)
        else:
            z = np.exp(logits - logits.max(axis=2, keepdims=True))
            probs = z / z.sum(axis=2, keepdims=True)
        out = np.zeros((n, L, len(self.polarities_)))
        for k, c in enumerate(model.classes_):
            out[:, :, self.polarities_.index(c)] = probs[:, :, k]
        return out

    def _fit_cutoffs(self, Xv, presence: np.ndarray) -> None:
        """Per-label Platt calibration and F1-optimal thresholds, from out-of-fold probabilities.

        Labels too rare for ``cv`` folds keep the identity calibration and ``threshold``.
        """
        n_labels = presence.shape[1]
        self.calibration_ = np.tile([1.0, 0.0], (n_labels, 1))
        self.thresholds_ = np.full(n_labels, float(self.threshold))
        if not (self.tune_thresholds or self.calibrate):
            return
        grid = np.linspace(0.05, 0.95, 37)
        for j in range(n_labels):
            target = presence[:, j]
            if target.sum() < self.cv or (~target).sum() < self.cv:
                continue
            oof = np.zeros(len(target))
            folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
            for train, test in folds.split(Xv, target):
                oof[test] = self._fit_classifier(Xv[train], target[train], (False, True)).predict_proba(Xv[test])[:, 1]
            if self.calibrate:
                platt = LogisticRegression(C=1e4).fit(_logit(oof)[:, None], target)
                self.calibration_[j] = [platt.coef_[0, 0], platt.intercept_[0]]
                oof = _sigmoid(self.calibration_[j, 0] * _logit(oof) + self.calibration_[j, 1])
            if self.tune_thresholds:
                tp = ((oof[None, :] >= grid[:, None]) & target[None, :]).sum(1)
                predicted = (oof[None, :] >= grid[:, None]).sum(1)
                f1 = 2 * tp / np.maximum(predicted + target.sum(), 1)
                self.thresholds_[j] = float(grid[int(np.argmax(f1))])

    # -- prediction --------------------------------------------------------
    def transform(self, X: Sequence[Any]):
        """The feature matrix of ``X`` (sparse)."""
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.transform(as_pairs(X))

    def predict_proba(self, X: Sequence[Any]) -> Probabilities:
        """Probabilities of presence, polarity and sentiment for each text."""
        check_is_fitted(self, "vectorizer_")
        pairs = as_pairs(X)
        Xv = self.vectorizer_.transform(pairs)
        n = Xv.shape[0]
        presence = np.zeros((n, len(self.labels_)))
        polarity = np.zeros((n, len(self.labels_), len(self.polarities_)))
        for j in range(len(self.labels_)):
            raw = self._proba(self.detectors_[j], Xv, (False, True))[:, 1]
            a, b = self.calibration_[j]
            presence[:, j] = raw if (a, b) == (1.0, 0.0) else _sigmoid(a * _logit(raw) + b)
            if self.polarity_models_:
                polarity[:, j, :] = self._proba(self.polarity_models_[j], Xv, self.polarities_)
        if self.polarity_model_ is not None:
            polarity = self._shared_polarity_proba(Xv, self._context(pairs, Xv))
        sentiment = (self._proba(self.sentiment_model_, Xv, self.sentiments_)
                     if self.sentiment_model_ is not None else np.zeros((n, 0)))
        return Probabilities(self.labels_, self.polarities_, self.sentiments_, presence, polarity, sentiment)

    def decide(self, proba: Probabilities, thresholds: Mapping[str, float] | float | None = None) -> list[dict]:
        """Turn probabilities into label decisions (the second half of :meth:`predict`)."""
        cut = np.array(self.thresholds_, dtype=float)
        if isinstance(thresholds, (int, float)):
            cut[:] = float(thresholds)
        elif thresholds:
            unknown = set(thresholds) - set(self.labels_)
            if unknown:
                raise ConfigError("E206", f"thresholds for unknown labels {sorted(unknown)}",
                                  f"labels are: {', '.join(self.labels_)}")
            for j, label in enumerate(self.labels_):
                cut[j] = thresholds.get(label, cut[j])
        on = proba.presence >= cut[None, :]
        best_pol = proba.polarity.argmax(axis=2)
        best_sent = proba.sentiment.argmax(axis=1) if proba.sentiment.shape[1] else None
        out = []
        for i in range(on.shape[0]):
            dims = {self.labels_[j]: self.polarities_[best_pol[i, j]] for j in np.flatnonzero(on[i])}
            sentiment = self.sentiments_[best_sent[i]] if best_sent is not None else None
            if self.consistent_sentiment and "mixed" in self.sentiments_:
                values = set(dims.values())
                if "positive" in values and "negative" in values:
                    sentiment = "mixed"
            out.append({"dimensions": dims, "sentiment": sentiment})
        return out

    def predict(self, X: Sequence[Any], thresholds: Mapping[str, float] | float | None = None) -> list[dict]:
        """For each text, ``{"dimensions": {label: polarity}, "sentiment": ...}``."""
        return self.decide(self.predict_proba(X), thresholds)

    def score(self, X: Sequence[Any], y: Sequence[Mapping[str, Any]]) -> float:
        """Micro-F1 over (text, label, polarity) triples: the GridSearchCV default score."""
        from .metrics import triple_f1

        gold, _ = parse_targets(y)
        return triple_f1(gold, [p["dimensions"] for p in self.predict(X)])
