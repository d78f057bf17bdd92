"""Language identification of comments.

The backend is py3langid (a maintained fork of langid.py): it was measured
against lingua-language-detector on the project's own short comments (see
``scripts/bench_langid.py`` and ``docs/benchmarks.md``) and is both accurate
enough and far faster, which matters on million-row files. The model is
loaded lazily, on the first call.

A ``lang`` given with the input always wins over detection.

>>> detect_languages(["Das Personal war sehr unfreundlich.", "Gracias por la ayuda"], given=[None, "es"])
['de', 'es']
"""

from __future__ import annotations

import threading
from typing import Iterable, Sequence

__all__ = ["detect_language", "detect_languages", "UNKNOWN"]

#: Code given to texts with no letters to go by (empty, digits, emoji only).
UNKNOWN = "xx"

_lock = threading.Lock()
_identifier = None


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    return _identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"xx"`` when there is nothing to go by.

    >>> detect_language("Kiitos nopeasta palvelusta, olitte tosi ystävällisiä!")
    'fi'
    """
    if not isinstance(text, str) or not any(ch.isalpha() for ch in text[:2000]):
        return UNKNOWN
    lang, _ = _get_identifier().classify(text[:2000])
    return lang


def detect_languages(texts: Iterable[str], given: Sequence[str | None] | None = None) -> list[str]:
    """Detect the language of each text; a non-empty entry of ``given`` wins."""
    texts = list(texts)
    if given is None:
        given = [None] * len(texts)
    return [g if isinstance(g, str) and g.strip() else detect_language(t) for t, g in zip(texts, given)]
