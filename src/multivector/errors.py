"""One base class for every error multivector raises on purpose.

Why: the command line turns a ``MultivectorError`` into one line and exit code 2 (a usage or
input problem the user can fix), while anything else is a bug that the per-document guard in the
runner records in the ``failures`` table with the document and stage, so it is never silently
dropped. Subclasses also derive from the builtin they used to be (``ValueError`` ...) so callers
that caught those keep working.
"""

from __future__ import annotations


class MultivectorError(Exception):
    """Base of all deliberate multivector errors (bad input, bad configuration, bad data file)."""


class ConfigError(MultivectorError, ValueError):
    """A configuration file, key, value or command-line option that cannot be used."""


class StageError(MultivectorError, RuntimeError):
    """A stage failed on one document; carries the stage name and the original exception."""

    def __init__(self, stage: str, source: str, exc: BaseException, doc_id: str | None = None):
        super().__init__(f"{source}: stage {stage} failed: {exc!r}")
        self.stage = stage
        self.source = source
        self.doc_id = doc_id
        self.exc = exc
