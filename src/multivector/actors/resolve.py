"""Resolve a short phrase ("four Saudi men", "an American destroyer", "President Tokayev") to
the one actor it names, with the sector the phrase states.

Used by ``multivector actors resolve`` and by other stages that hold a phrase rather than a
mention. The same English recogniser as the pipeline stage runs on the phrase; the winner is
the candidate that covers the phrase's syntactic head, else the longest linked one.
"""

from __future__ import annotations

from ..config import Config
from .candidates import select
from .kb import KnowledgeBase


class PhraseResolver:
    _default: "PhraseResolver | None" = None

    def __init__(self, config: Config | None = None, nlp=None):
        from ..nlp import load_nlp
        from .stage import linker_for

        self.config = config or Config()
        self.nlp = nlp if nlp is not None else load_nlp(self.config.spacy_model)
        self.linker = linker_for(self.config, self.nlp)
        self.kb: KnowledgeBase = self.linker.kb

    @classmethod
    def default(cls) -> "PhraseResolver":
        if cls._default is None:
            cls._default = cls()
        return cls._default

    def resolve(self, text: str, date: str | None = None) -> dict | None:
        text = text or ""
        if not text.strip():
            return None
        sdoc = self.nlp(text)
        sdoc.user_data["mv_paragraph"] = 0
        cands = self.linker.en.paragraph(sdoc, 0, date)
        chosen = select(cands)
        for c in chosen:
            c.meta["para"] = 0
        self.linker.resolve_references(chosen, date)
        linked = [c for c in chosen if c.actor_id is not None and c.kind not in ("pronoun",)]
        if not linked:
            return None
        root = next((t for t in sdoc if t.dep_ == "ROOT"), sdoc[-1])
        head = root.idx
        best = next((c for c in linked if c.start <= head < c.end), None)
        if best is None:
            best = max(linked, key=lambda c: (c.length, c.person))
        actor = self.kb.get(best.actor_id) or best.actor
        if actor is None:
            return None
        sector = best.sector or actor.sector
        cameo = actor.cameo
        if best.sector and actor.type == "state" and actor.country:
            cameo = actor.country + best.sector
        return {"id": actor.id, "name": actor.name, "country": actor.country,
                "type": actor.type, "sector": sector, "cameo": cameo,
                "discovered": actor.discovered, "role": best.role, "method": best.method,
                "span": {"start": best.start, "end": best.end, "text": text[best.start:best.end]}}
