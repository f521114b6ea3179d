"""Reported speech without quotation marks, read from the dependency parse:
"X said that ...", "X believes ...", "according to X, ...", "X noted that ...",
"X is quoted by Y as saying ...". The content is the clausal complement (or, for "according
to", the clause it modifies); the speaker comes from :mod:`.speakers`.
"""

from __future__ import annotations

from ..doc import Doc
from .cues import cue_for
from .lexicon import Lexicon
from .marks import MarkSpan
from .direct import via_name
from .records import Draft, subtree_offsets
from .speakers import SpeakerResolver, _clean_phrase
from .tokens import TokenIndex

SELF_PRONOUNS = {"i", "we", "you", "me", "us"}
MIN_TOKENS = 3


class IndirectExtractor:
    def __init__(self, doc: Doc, lex: Lexicon, resolver: SpeakerResolver, index: TokenIndex,
                 spans: list[MarkSpan], last_via=None):
        self.doc = doc
        self.lex = lex
        self.resolver = resolver
        self.index = index
        self.spans = [s for s in spans if s.depth == 0]
        self.last_via = last_via

    def _quote_around(self, a: int, b: int) -> MarkSpan | None:
        for s in self.spans:
            if s.outer_start <= a and b <= s.outer_end:
                return s
        return None

    def extract(self, skip_paragraphs: set[int]) -> list[Draft]:
        drafts: list[Draft] = []
        for sent in self.doc.english_sentences():
            if sent.paragraph in skip_paragraphs:
                continue
            for tok in sent.span:
                if tok.pos_ not in ("VERB", "AUX") and tok.lower_ != "according":
                    continue
                cue = cue_for(tok, self.lex)
                if cue is None or cue.content is None or cue.speaker is None:
                    continue
                d = self._draft(cue)
                if d is not None:
                    drafts.append(d)
        return drafts

    def _draft(self, cue) -> Draft | None:
        doc = self.doc
        if cue.speaker.lower_ in SELF_PRONOUNS:
            return None  # the author's or the quoted speaker's own "I think": not a new quote
        if cue.kind == "according":
            exclude = [cue.verb]
            a, b = subtree_offsets(doc, cue.content, exclude)
        else:
            a, b = subtree_offsets(doc, cue.content)
        if b - a < 8 or len(self.index.between(a, b)) < MIN_TOKENS:
            return None
        pos = self.index.start(cue.verb)
        # the content is a direct quote already (the direct pass handles it)
        around = self._quote_around(a, b)
        if around is not None and not (around.outer_start <= pos < around.outer_end):
            return None
        if cue.kind == "according" and (a <= pos < b):
            return None
        sp = self.resolver.from_token(cue.speaker, pos)
        if sp is None:
            return None
        via = None
        if cue.via is not None:
            via = via_name(cue.via)
        elif cue.kind == "relay":
            via = self.last_via
        if via:
            self.last_via = via
        addressee = None
        if cue.addressee is not None and cue.addressee.pos_ != "PRON":
            ad = self.resolver.from_token(cue.addressee)
            addressee = ad.name if ad else None
        conf = 0.8 if cue.kind in ("speech", "relay", "according") else 0.7
        if sp.method == "phrase":
            conf -= 0.1
        self.resolver.remember(pos, sp)
        return Draft(a, b, "indirect", cue.text(), sp, via, addressee, conf, pos, cue.kind)
