"""The ``actors`` pipeline stage: fills ``doc.mentions`` (sorted, non-overlapping) and
``doc.actors`` (every referenced actor). See docs/actors.md for the guarantees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..doc import Doc
from ..layers import Layer, register_layer, simple_rows
from ..stages import register_stage
from .kb import load_kb
from .linker import DocLinker


@dataclass(frozen=True)
class ActorSettings:
    """``[multivector.actors]``"""

    files: tuple[str, ...] = ()  # user overlays for the knowledge base (YAML/JSON)


register_layer(Layer(
    name="mentions", table="mentions", order=10, rows=simple_rows("mentions"),
    count=lambda doc: len(doc.mentions),
    columns=(("doc_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("text", "VARCHAR"),
             ("start", "INTEGER"), ("end", "INTEGER"), ("sentence", "INTEGER"),
             ("language", "VARCHAR"), ("method", "VARCHAR"), ("role", "VARCHAR"),
             ("confidence", "DOUBLE"))))

_LINKERS: dict[tuple, DocLinker] = {}


def linker_for(config: Config, nlp: Any) -> DocLinker:
    """One linker per (overlays, spaCy model) per process: building the gazetteer matchers
    costs a fraction of a second and is shared by every document."""
    files = tuple(config.settings("actors").files)
    key = (files, id(nlp))
    if key not in _LINKERS:
        _LINKERS[key] = DocLinker(load_kb(files), nlp)
    return _LINKERS[key]


@register_stage("actors", requires=("sentences", "parse"), assigns=("mentions", "actors"),
                settings=ActorSettings)
def build(config: Config, nlp: Any) -> Callable[[Doc], None]:
    """Mentions of states, organisations and people, linked to the actor knowledge base."""
    linker = linker_for(config, nlp)

    def actors_stage(doc: Doc) -> None:
        doc.mentions = []
        linker(doc)

    return actors_stage
