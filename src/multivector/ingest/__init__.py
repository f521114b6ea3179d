"""Ingest: expand paths, read files/URLs/feeds/tables, decode bytes. No cleaning here."""

from .readers import IngestError, RawDoc, read  # noqa: F401
from .sources import InputProblem, InputRef, expand  # noqa: F401
