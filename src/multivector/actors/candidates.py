"""The candidate record every recogniser emits before overlaps are resolved and references are
linked. Kept separate so the English, Russian and Chinese recognisers share one shape."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..doc import Actor

# Higher wins when two candidates of the same length overlap.
PRIORITY = {"role": 9, "apposition": 9, "gazetteer": 8, "alias": 8, "metonym": 7, "demonym": 7,
            "capital": 7, "surname": 6, "ner": 6, "fuzzy": 4, "discovered": 5,
            "descriptor": 3, "pronoun": 2, "given-name": 5,
            "context": 5}


@dataclass
class Cand:
    start: int  # absolute offsets into doc.text
    end: int
    actor_id: str | None
    method: str
    language: str | None = "en"
    role: str | None = None  # role as stated in the text
    role_class: str | None = None  # expert, office, media ... (for descriptor matching)
    sector: str | None = None  # agent sector stated in the phrase ("Saudi men" -> CVL)
    kind: str = "name"  # name, person, pronoun, descriptor, unresolved-person
    person: bool = False
    actor: Actor | None = None  # a discovered actor created for this candidate
    confidence: float = 1.0
    meta: dict = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start

    def rank(self) -> tuple:
        return (self.length, PRIORITY.get(self.method, 1), self.role is not None,
                self.actor_id is not None)


def select(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping subset: longest first, then by method priority; returned in text order.
    Why longest first: "Carnegie Moscow Center" must beat "Moscow", and "the Uzbek leadership"
    must beat "Uzbek"."""
    chosen: list[Cand] = []
    # the chosen spans never overlap, so kept sorted by start only the neighbours of a new
    # candidate can overlap it: a bisect instead of a scan of everything chosen (linear cost
    # in document length, not quadratic)
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(cands, key=lambda c: c.rank(), reverse=True):
        if c.end <= c.start:
            continue
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:  # the span starting before it reaches into it
            continue
        if i < len(starts) and starts[i] < c.end:  # the next span starts inside it
            continue
        chosen.append(c)
        starts.insert(i, c.start)
        ends.insert(i, c.end)
    chosen.sort(key=lambda c: c.start)
    return chosen
