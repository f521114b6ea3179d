"""The ``stances`` pipeline stage: how each holder sees each actor (see :mod:`.extract`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..doc import ActorRef, Doc
from ..lang import routes
from ..layers import Layer, register_layer, simple_rows
from ..stages import register_stage
from .extract import extract_stances
from .lexicon import default_lexicon, load_lexicon


@dataclass(frozen=True)
class StanceSettings:
    """``[multivector.stances]``: replacement lexicon files (YAML, layout of lang/en/stance.yaml and
    stance_aspects.yaml)."""

    cues_file: str = ""
    aspects_file: str = ""


def _stance_row(st: Any, row: dict) -> None:
    holder, target = ActorRef.coerce(st.holder), ActorRef.coerce(st.target)
    row["holder"] = holder.as_party() if holder is not None else None
    row["target"] = target.as_party() if target is not None else None
    row["holder_id"] = holder.id if holder is not None else None
    row["target_id"] = target.id if target is not None else None


register_layer(Layer(
    name="stances", table="stances", order=40, rows=simple_rows("stances", _stance_row),
    count=lambda doc: len(doc.stances),
    columns=(("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("holder", "JSON"),
             ("holder_id", "VARCHAR"), ("target", "JSON"), ("target_id", "VARCHAR"),
             ("polarity", "DOUBLE"), ("label", "VARCHAR"), ("aspect", "VARCHAR"),
             ("evidence", "JSON"), ("sentence", "INTEGER"), ("quote_id", "VARCHAR"),
             ("method", "VARCHAR"), ("confidence", "DOUBLE"))))


@register_stage("stances", requires=("mentions", "quotes"), assigns=("stances",),
                settings=StanceSettings)
def build(config: Config, nlp: Any) -> Callable[[Doc], None]:
    """How each holder (speaker or author) sees each actor: cooperative, hostile or mixed."""
    s = config.settings("stances")
    lexicon = (load_lexicon(s.cues_file or None, s.aspects_file or None)
               if (s.cues_file or s.aspects_file) else default_lexicon())

    def run(doc: Doc) -> None:
        # the English lexicon on the default path, plus the hits of each language's own coder
        # (the language registry: Russian among the built-in ones)
        hits = [h for find, paragraphs in routes(doc, "stances") for h in find(doc, paragraphs)]
        extract_stances(doc, lexicon, hits)

    return run
