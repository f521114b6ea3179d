"""Build ``Quote`` records and the small span helpers every extractor shares."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..doc import ActorRef, Doc, Quote
from .speakers import Speaker, _clean_phrase

STRIP = " \t\n\r\u00a0,;:–—-\"'“”‘’«»„「」『』"


@dataclass
class Draft:
    """A quote before ids are assigned (ids follow text order, so they are given last)."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Speaker | None
    via: str | None = None
    addressee: str | None = None
    confidence: float = 1.0
    cue_at: int | None = None  # offset of the cue (used for "last speaker" bookkeeping)
    source: str = ""  # which rule produced it (debugging, tests)


def strip_span(text: str, a: int, b: int, chars: str = STRIP) -> tuple[int, int]:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


def subtree_offsets(doc: Doc, head, exclude: list | None = None) -> tuple[int, int]:
    """Absolute offsets of ``head``'s subtree, optionally cutting off excluded subtrees that sit
    at its left or right edge (e.g. "according to X," before the content)."""
    toks = sorted(head.subtree, key=lambda t: t.i)
    if exclude:
        drop: set[int] = set()
        for e in exclude:
            drop.update(t.i for t in e.subtree)
        toks = [t for t in toks if t.i not in drop]
        idx = [t.i for t in toks]
        if not idx:
            return (0, 0)
        h = idx.index(head.i) if head.i in idx else 0
        lo = hi = h
        while lo > 0 and idx[lo - 1] == idx[lo] - 1:
            lo -= 1
        while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
            hi += 1
        toks = toks[lo : hi + 1]
    base = doc.paragraph_of_token(head).start
    a = base + toks[0].idx
    b = base + toks[-1].idx + len(toks[-1].text)
    return strip_span(doc.text, a, b, " \t\n,;:–—-")


def make_quotes(doc: Doc, drafts: list[Draft]) -> list[Quote]:
    """Quote records in text order with deterministic ids ``<doc id>:q<n>``."""
    out: list[Quote] = []
    drafts = sorted(drafts, key=lambda d: (d.start, d.end))
    # mentions inside a quote by bisect over their sorted starts (built once per document)
    # rather than a scan of every mention per quote, which was quadratic in document length
    ms = doc.mentions
    starts = [m.start for m in ms]
    in_order = all(x <= y for x, y in zip(starts, starts[1:]))
    # mentions that name an actor by these very words (not a pronoun the linker resolved on
    # its own: the speaker resolver may have chosen another antecedent for it)
    by_span = {(m.start, m.end): m.actor_id for m in ms if m.actor_id
               and m.method not in ("pronoun", "descriptor")}
    for n, d in enumerate(drafts, 1):
        sent = doc.sentence_at(d.start)
        sp = d.speaker
        if sp is not None and sp.name and not sp.actor_id and sp.start is not None \
                and sp.end is not None:
            # the speaker's own words are a mention the actor linker resolved ("Turkmen
            # officials" -> TKMGOV): the quote names that actor, as it does for "Kazakh
            # diplomats told"
            words = doc.text[sp.start:sp.end]
            bare = _clean_phrase(words)  # without a leading article, as speaker names are
            if bare and bare.lower() == _clean_phrase(sp.name).lower():
                lead = words.find(bare)
                sp.actor_id = by_span.get((sp.start, sp.end)) or (
                    by_span.get((sp.start + lead, sp.end)) if lead > 0 else None)
        mentioned: list[str] = []
        if in_order:
            inside = ms[bisect.bisect_left(starts, d.start):bisect.bisect_right(starts, d.end)]
        else:
            inside = ms
        for m in inside:
            if m.start >= d.start and m.end <= d.end and m.actor_id and m.actor_id not in mentioned:
                if d.speaker is not None and m.start == d.speaker.start:
                    continue
                mentioned.append(m.actor_id)
        out.append(
            Quote(
                id=f"{doc.id}:q{n}",
                text=doc.text[d.start : d.end],
                start=d.start,
                end=d.end,
                kind=d.kind,
                cue=d.cue,
                speaker=ActorRef.coerce(d.speaker.as_dict()) if d.speaker is not None and d.speaker.name else None,
                via=d.via,
                addressee=d.addressee,
                mentioned=mentioned,
                sentence=sent.idx if sent is not None else None,
                confidence=round(d.confidence, 3),
                speaker_candidates=list(d.speaker.candidates or [])
                                   if d.speaker is not None and not d.speaker.name else [],
            )
        )
    return out
