"""A spaCy pipeline component: ``nlp.add_pipe("service_quality")``.

Registered through the ``spacy_factories`` entry point, so it is found by
name once the package is installed. It sets ``doc.cats`` (presence
probability of each dimension and the probability of each overall
sentiment, as ``sentiment:<value>``), ``doc._.dimensions`` ({dimension:
polarity}) and ``doc._.sentiment``. The language is the pipeline's, unless
it is the multi-language ``xx``, when it is detected.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("service_quality")
>>> doc = nlp("The staff were rude.")
>>> doc._.sentiment in {"positive", "negative", "neutral", "mixed"}
True
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ServiceQualityComponent", "make_service_quality"]

for _attr in ("dimensions", "sentiment"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


class ServiceQualityComponent:
    """Labels each Doc with the classifier's model."""

    def __init__(self, nlp: Language, name: str, model: str | None = None, batch_size: int = 256) -> None:
        self.name = name
        self.lang = None if nlp.lang == "xx" else nlp.lang
        self.model_path = model
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from .api import load_model

            self._model = load_model(self.model_path)
        return self._model

    def _set(self, docs: list[Doc]) -> None:
        preds = self.model.predict([d.text for d in docs], langs=[self.lang] * len(docs))
        for doc, p in zip(docs, preds):
            doc._.dimensions = dict(p.dimensions)
            doc._.sentiment = p.sentiment
            doc.cats = {k.split(":", 1)[1] if k.startswith("dimension:") else k: v
                        for k, v in p.scores.items() if not k.startswith("polarity:")}

    def __call__(self, doc: Doc) -> Doc:
        self._set([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                self._set(batch)
                yield from batch
                batch = []
        if batch:
            self._set(batch)
            yield from batch


@Language.factory("service_quality", default_config={"model": None, "batch_size": 256})
def make_service_quality(nlp: Language, name: str, model: str | None, batch_size: int) -> ServiceQualityComponent:
    """Factory of :class:`ServiceQualityComponent` (``model``: a bundle path, or None for the default)."""
    return ServiceQualityComponent(nlp, name, model=model, batch_size=batch_size)
