"""Headline attributions: "Khamroev: It is important to ...", "Poll: Voters ...".

News headlines put the source before a colon and the (often paraphrased) statement after it.
Only the first paragraph is considered, and only when the part before the colon is a person or
an organisation (or a word like "Poll"), so "Central Asia: Russia's allies" is not a quote.
"""

from __future__ import annotations

import re

from ..doc import Doc
from .lexicon import Lexicon
from .records import Draft, strip_span
from .speakers import Speaker, SpeakerResolver
from .tokens import TokenIndex

PLACE_TYPES = {"region", "state"}
HEAD = re.compile(r"^(?P<src>[^:\n]{2,60}?)\s*:\s+(?P<body>\S.{8,})$")


def headline_quote(doc: Doc, lex: Lexicon, resolver: SpeakerResolver, index: TokenIndex) -> Draft | None:
    if not doc.paragraphs:
        return None
    p = doc.paragraphs[0]
    if p.spacy is None:
        return None
    seg = doc.text[p.start : p.end]
    m = HEAD.match(seg)
    if not m or len(m.group("src").split()) > 5:
        return None
    s0, s1 = p.start + m.start("src"), p.start + m.end("src")
    body_a, body_b = strip_span(doc.text, p.start + m.start("body"), p.end)
    if body_b - body_a < 10:
        return None
    toks = index.between(s0, s1)
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None  # "X added: ..." is a colon-introduced quote, not a headline
    speaker: Speaker | None = None
    ents = [t for t in toks if t.ent_type_ in ("PERSON", "ORG")]
    if ents:
        head = ents[-1]
        while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.i > head.i \
                and head.head.i < toks[-1].i + 1:
            head = head.head
        speaker = resolver.from_token(head, s0)
    elif toks and all(t.pos_ == "PROPN" for t in toks if t.is_alpha) and len(toks) <= 3 and any(
            n.label in ("PERSON", "ORG") and n.start > s1 and n.name.split()[-1:] == [toks[-1].text]
            for n in resolver.named):
        # a bare surname the article names in full later ("Khamroev: ...")
        speaker = resolver.from_token(toks[-1], s0)
    elif toks and doc.text[s0:s1].strip().lower() in lex.headline_sources:
        speaker = Speaker(doc.text[s0:s1].strip(), None, None, s0, s1, None, "phrase")
    if speaker is None:
        return None
    actor = doc.actors.get(speaker.actor_id) if speaker.actor_id else None
    if actor is not None and actor.type in PLACE_TYPES:
        return None  # "Central Asia: ..." names a topic, not a speaker
    # a later, fuller mention ("Bakhrom Khamroev") is the better name for a bare surname
    known = resolver._named_by_name(speaker.name or "", s0)
    if known is not None and speaker.actor_id is None:
        speaker.actor_id = known.actor_id
        speaker.role = speaker.role or known.role
        if known.name.endswith(speaker.name or "\0") and len(known.name) > len(speaker.name or ""):
            speaker.name = known.name
    return Draft(body_a, body_b, "direct", ":", speaker, None, None, 0.7, s1, "headline")
