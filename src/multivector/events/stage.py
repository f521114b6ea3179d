"""Pipeline stage ``events``: code who did what to whom in every English sentence, and in
the paragraphs of each language with an event coder of its own (the language registry,
``lang.routes``: Russian and Chinese among the built-in ones).

Runs after ``actors`` (argument -> actor links) and ``quotes`` (events inside a quote are
``reported`` and carry the quote id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..doc import Doc
from ..lang import routes
from ..layers import Layer, register_layer, simple_rows
from ..stages import register_stage
from .coder import EventCoder


@dataclass(frozen=True)
class EventSettings:
    """``[multivector.events]``"""

    # extra trigger pattern files (YAML, layout of multivector/events/data/patterns.yaml),
    # tried before the packaged dictionary
    patterns: tuple[str, ...] = ()
    # type with the packaged sentence classifier too (data/event_classifier.npz); false:
    # the patterns alone (the coder of before the classifier)
    classifier: bool = True
    # drop the candidates the learned gate (data/event_gate.json) finds unlikely to be right;
    # false: every candidate is emitted (events/gate.py)
    gate: bool = True


def _event_row(ev: Any, row: dict) -> None:
    row["source"] = [_participant(a) for a in ev.source]
    row["target"] = [_participant(a) for a in ev.target]


def _participant(a: Any) -> dict:
    from ..doc import ActorRef

    ref = ActorRef.coerce(a)
    return ref.as_participant() if ref is not None else {}


register_layer(Layer(
    name="events", table="events", order=30, rows=simple_rows("events", _event_row),
    count=lambda doc: len(doc.events),
    columns=(("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("sentence", "INTEGER"),
             ("start", "INTEGER"), ("end", "INTEGER"), ("trigger", "VARCHAR"),
             ("plover", "VARCHAR"), ("mode", "VARCHAR"), ("contexts", "JSON"),
             ("cameo", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
             ("source", "JSON"), ("target", "JSON"), ("location", "VARCHAR"),
             ("modality", "VARCHAR"), ("date", "VARCHAR"), ("date_precision", "VARCHAR"),
             ("quote_id", "VARCHAR"), ("confidence", "DOUBLE"), ("text", "VARCHAR"),
             ("typed_by", "JSON"), ("complete", "BOOLEAN"), ("attributed_to", "JSON"),
             ("gate_probability", "DOUBLE"))))


@register_stage("events", requires=("mentions", "quotes"), assigns=("events",),
                settings=EventSettings)
def build(config: Config, nlp: Any) -> Callable[[Doc], None]:
    """Who did what to whom: PLOVER and CAMEO events with source, target and modality."""
    settings = config.settings("events")
    coder = EventCoder(pattern_files=tuple(settings.patterns), use_classifier=settings.classifier,
                         use_gate=settings.gate)

    def run(doc: Doc) -> None:
        events = coder.code(doc)  # the default path: spaCy-parsed (English) sentences
        for code_events, paragraphs in routes(doc, "events"):  # each language's own coder
            events += code_events(doc, paragraphs)
        doc.events = events

    return run
