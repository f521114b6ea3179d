"""The ``actors`` pipeline stage: fills ``doc.mentions`` (sorted, non-overlapping) and
``doc.actors`` (every referenced actor). See docs/actors.md for the guarantees."""

from __future__ import annotations

from typing import Callable

from ..config import Config
from ..doc import Doc
from .kb import load_kb
from .linker import DocLinker

_LINKERS: dict[tuple, DocLinker] = {}


def linker_for(config: Config, nlp) -> DocLinker:
    """One linker per (overlays, spaCy model) per process: building the gazetteer matchers
    costs a fraction of a second and is shared by every document."""
    key = (tuple(config.actors_files), id(nlp))
    if key not in _LINKERS:
        _LINKERS[key] = DocLinker(load_kb(tuple(config.actors_files)), nlp)
    return _LINKERS[key]


def build(config: Config, nlp) -> Callable[[Doc], None]:
    linker = linker_for(config, nlp)

    def actors_stage(doc: Doc) -> None:
        doc.mentions = []
        linker(doc)

    return actors_stage
