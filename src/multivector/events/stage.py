"""Pipeline stage ``events``: code who did what to whom in every English sentence.

Runs after ``actors`` (argument -> actor links) and ``quotes`` (events inside a quote are
``reported`` and carry the quote id). Works without them too: arguments then come from spaCy
entities with null actor ids.
"""

from __future__ import annotations

from typing import Any, Callable

from ..config import Config
from ..doc import Doc
from .coder import EventCoder


def build(config: Config, nlp: Any) -> Callable[[Doc], None]:
    coder = EventCoder(pattern_files=tuple(getattr(config, "event_patterns", ()) or ()))

    def run(doc: Doc) -> None:
        doc.events = coder.code(doc)

    return run
