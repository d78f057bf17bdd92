"""Errors raised by the classifier, each with a stable code and a fix.

Every error derives from :class:`ClassifierError`; those that are also a
kind of built-in error (bad value, missing file) derive from it too, so
callers can catch either.

>>> err = ColumnNotFoundError("E104", "no column 'text' in reviews.csv", "pass --text-column; columns are: body, stars")
>>> str(err)
"[E104] no column 'text' in reviews.csv. Fix: pass --text-column; columns are: body, stars"
>>> isinstance(err, KeyError), isinstance(err, ClassifierError)
(True, True)
"""

from __future__ import annotations

__all__ = [
    "ClassifierError",
    "DataFormatError",
    "InputFileError",
    "InputNotFoundError",
    "ColumnNotFoundError",
    "OutputError",
    "ModelError",
    "ModelNotFoundError",
    "ModelFormatError",
    "ModelVersionError",
    "ConfigError",
]


class ClassifierError(Exception):
    """Base of every error of this package: ``[code] what is wrong. Fix: what to do``."""

    def __init__(self, code: str, message: str, fix: str = "") -> None:
        self.code = code
        self.message = message
        self.fix = fix
        text = f"[{code}] {message}"
        if fix:
            text += f". Fix: {fix}"
        super().__init__(text)

    def __reduce__(self):  # keeps code, message and fix across processes
        return (self.__class__, (self.code, self.message, self.fix))


class DataFormatError(ClassifierError, ValueError):
    """A labelled record or an input row is not in the expected format."""


class InputFileError(ClassifierError, ValueError):
    """An input file cannot be read (unknown format, encoding, empty, binary)."""


class InputNotFoundError(ClassifierError, FileNotFoundError):
    """An input path does not exist."""


class ColumnNotFoundError(ClassifierError, KeyError):
    """The text (or another named) column is missing from an input table."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


class OutputError(ClassifierError, OSError):
    """The output cannot be written (same as input, no permission, disk full)."""


class ModelError(ClassifierError, ValueError):
    """A model bundle is unusable."""


class ModelNotFoundError(ModelError, FileNotFoundError):
    """No model bundle at the given path."""


class ModelFormatError(ModelError):
    """A model bundle is tampered, truncated or not a bundle of this project."""


class ModelVersionError(ModelError):
    """A model bundle was made by an incompatible version."""



class ConfigError(ClassifierError, ValueError):
    """An invalid parameter or option value."""
