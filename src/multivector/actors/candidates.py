"""The candidate record every recogniser emits before overlaps are resolved and references are
linked. Kept separate so the English, Russian and Chinese recognisers share one shape."""

from __future__ import annotations

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
    # a candidate overlaps a chosen span iff one of its characters is taken: one byte per
    # character of the candidates' range, so each candidate costs its own length (a scan of
    # everything chosen was quadratic; a sorted list of chosen spans, its inserts)
    lo = min((c.start for c in cands), default=0)
    taken = bytearray(max([c.end - lo for c in cands] + [0]))
    for c in sorted(cands, key=lambda c: c.rank(), reverse=True):
        if c.end <= c.start:
            continue
        a, b = c.start - lo, c.end - lo
        if taken.find(1, a, b) != -1:
            continue
        chosen.append(c)
        taken[a:b] = b"\x01" * (b - a)
    chosen.sort(key=lambda c: c.start)
    return chosen
