"""Reported speech without quotation marks, read from the dependency parse:
"X said that ...", "X believes ...", "according to X, ...", "X noted that ...",
"X is quoted by Y as saying ...". The content is the clausal complement (or, for "according
to", the clause it modifies); the speaker comes from :mod:`.speakers`.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from ..doc import Doc
from ..lang import lexicon as lang_lexicon
from ..text.segment import DATELINE
from .cues import _subject, cue_for, inanimate
from .direct import via_name
from .lexicon import Lexicon
from .marks import MarkSpan
from .records import Draft, strip_span, subtree_offsets
from .speakers import SpeakerResolver
from .tokens import TokenIndex

SELF_PRONOUNS = lang_lexicon("en").words("self_pronouns")
MIN_TOKENS = 3


# "X said ..., while Y said ...": a second statement the parser hung inside the first
CONTRAST_MARKS = lang_lexicon("en").words("contrast_marks")
CLAIM_LIGHT_VERBS = lang_lexicon("en").words("claim_light_verbs")


def after_dateline(text: str, a: int, b: int, para_start: int) -> int:
    """``a`` moved past a wire dateline when the content starts its paragraph with one."""
    if a != para_start:
        return a
    m = DATELINE.match(text, a, b)  # one definition with the segmenter's (lang/mul/layout.yaml)
    return m.end() if m is not None and b - m.end() >= 8 else a


class IndirectExtractor:
    def __init__(self, doc: Doc, lex: Lexicon, resolver: SpeakerResolver, index: TokenIndex,
                 spans: list[MarkSpan], last_via=None):
        self.doc = doc
        self.lex = lex
        self.resolver = resolver
        self.index = index
        self.spans = [s for s in spans if s.depth == 0]
        self.last_via = last_via
        # Per-document index over the outermost quotes, built once: every verb of a long
        # document asks "is this inside a quote", and scanning all quotes each time made the
        # stage quadratic in the document's length. Starts are sorted (find_marks sorts by
        # opening position); ``_reach[i]`` is the furthest end among spans[0..i], so "the first
        # span (in list order) that opens at or before a and ends at or after b" is a bisect.
        self._starts = [s.outer_start for s in self.spans]
        self._reach = list(accumulate((s.outer_end for s in self.spans), max))
        self._sorted = all(x <= y for x, y in zip(self._starts, self._starts[1:]))

    def _quote_around(self, a: int, b: int) -> MarkSpan | None:
        """The first outermost quote (in text order) that covers ``[a, b)``."""
        if not self._sorted:  # not from find_marks: the plain scan
            return next((s for s in self.spans if s.outer_start <= a and b <= s.outer_end), None)
        k = bisect.bisect_right(self._starts, a)  # spans[:k] open at or before a
        j = bisect.bisect_left(self._reach, b, 0, k)  # the first of them that reaches b
        return self.spans[j] if j < k else None

    def _inside_quote(self, pos: int) -> bool:
        if not self._sorted:
            return any(s.outer_start <= pos < s.outer_end for s in self.spans)
        k = bisect.bisect_right(self._starts, pos)
        return k > 0 and self._reach[k - 1] > pos

    def extract(self, skip_paragraphs: set[int], reported_only: set[int] | None = None) -> list[Draft]:
        """``reported_only``: paragraphs spoken by someone (interview answers) where only
        explicit speech and belief cues with a clause are taken, so the interviewee's own
        statements about others ("Russia wants to keep its position") are not read as
        quotes of those others. The same holds inside quotation marks."""
        reported_only = reported_only or set()
        drafts: list[Draft] = []
        for sent in self.doc.english_sentences():
            if sent.paragraph in skip_paragraphs:
                continue
            for tok in sent.span:
                if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.claim_nouns:
                    d = self._claim(tok)
                    if d is not None:
                        drafts.append(d)
                    continue
                if tok.pos_ not in ("VERB", "AUX") and tok.lower_ != "according":
                    continue
                cue = cue_for(tok, self.lex)
                if cue is None or (cue.content is None and cue.content_range is None) or cue.speaker is None:
                    continue
                if sent.paragraph in reported_only or self._inside_quote(self.index.start(tok)):
                    if cue.kind not in ("speech", "belief", "relay", "according"):
                        continue
                    if cue.kind in ("speech", "belief") and (cue.content is None or cue.content.dep_ != "ccomp"):
                        continue
                d = self._draft(cue)
                if d is not None:
                    drafts.append(d)
                    for i, j in cue.extra_ranges:
                        a, b = self._range_offsets(cue.verb, i, j)
                        if b - a >= 8 and self._quote_around(a, b) is None:
                            drafts.append(Draft(a, b, "indirect", d.cue, d.speaker, d.via, d.addressee,
                                                d.confidence - 0.05, d.cue_at, "interjection"))
        return drafts

    def _range_offsets(self, tok, i: int, j: int) -> tuple[int, int]:
        sdoc = tok.doc
        base = self.doc.paragraph_of_token(tok).start
        return strip_span(self.doc.text, base + sdoc[i].idx, base + sdoc[j - 1].idx + len(sdoc[j - 1].text),
                          " \t\n,;:–—-")

    def _claim(self, noun) -> Draft | None:
        """"Trump's claim that ...": content = the that-clause, speaker = the possessor, or the
        subject of a light verb whose object the noun is ("X gave a pledge that ...")."""
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos")
                       and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None and clause is not None and noun.dep_ == "dobj" \
                and noun.head.lemma_.lower() in CLAIM_LIGHT_VERBS:
            owner = _subject(noun.head)  # "X gave a pledge that ...", "was happy to offer a pledge that"
            for anc in [] if owner is not None else list(noun.head.ancestors)[:3]:
                owner = next((c for c in anc.children if c.dep_ == "nsubj"), None)
                if owner is not None:
                    break
        if clause is None or owner is None or owner.lower_ in SELF_PRONOUNS or owner.lower_ in ("my", "our", "your"):
            return None
        a, b = subtree_offsets(self.doc, clause)
        if len(self.index.between(a, b)) < MIN_TOKENS:
            return None
        pos = self.index.start(noun)
        if owner.lower_ == "its":
            # "X's letter was ridiculed for its prediction that ...": "its" is the subject of
            # the clause, a document whose owner is named; the claim is the owner's
            verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb else None
            holder = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None) \
                if subj is not None and subj.pos_ == "NOUN" else None
            if holder is not None:
                owner = holder
        sp = self.resolver.from_token(owner, pos)
        if sp is None:
            return None
        return Draft(a, b, "indirect", noun.text, sp, None, None, 0.65, pos, "claim")

    def _long_enough(self, cue, a: int, b: int) -> bool:
        """Reported clauses need three words; the object of a stance verb may be a bare name
        ("endorsed Cruz", "prefers Clinton", "wants a recount")."""
        n = len(self.index.between(a, b))
        if cue.kind in ("object", "attitude") and cue.content is not None and cue.content.dep_ == "dobj" \
                and cue.content.pos_ in ("NOUN", "PROPN"):
            return b - a >= 4 and n >= 1
        return b - a >= 8 and n >= MIN_TOKENS

    def _draft(self, cue) -> Draft | None:
        doc = self.doc
        if cue.speaker.lower_ in SELF_PRONOUNS:
            return None  # the author's or the quoted speaker's own "I think": not a new quote
        if cue.content is None:
            a, b = self._range_offsets(cue.verb, *cue.content_range)
        elif cue.kind == "according":
            exclude = [cue.verb]
            a, b = subtree_offsets(doc, cue.content, exclude)
        else:
            # "X said the plan was reckless, while Y said it was overdue": Y's statement, hung
            # inside X's clause by the parser, is not part of X's
            others = [t for t in cue.content.subtree if t.dep_ == "advcl" and t.i > cue.content.i
                      and t.lemma_.lower() in self.lex.speech_verbs
                      and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in t.children)
                      and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
            # "X noted that troop strength lags and asked whether ...": X's second statement
            # (cues._outer_speaker gives it X), not part of the first
            subj = next((c for c in cue.content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and inanimate(subj):
                others += [t for t in cue.content.children if t.dep_ == "conj" and t.i > cue.content.i
                           and t.lemma_.lower() in self.lex.speech_verbs
                           and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
            if others:  # and the "and" before the cut-off statement
                others += [c for c in cue.content.children if c.dep_ == "cc"
                           and any(o.dep_ == "conj" and o.i > c.i and o.head.i == cue.content.i for o in others)]
            a, b = subtree_offsets(doc, cue.content, others or None)
        a = after_dateline(doc.text, a, b, doc.paragraph_of_token(cue.verb).start)
        if not self._long_enough(cue, a, b):
            return None
        pos = self.index.start(cue.verb)
        # a cue inside a quotation reports words inside that quotation: the parse may run the
        # clause past the closing mark ("he said, 'X,'" Mitchell recalled)
        host = self._quote_around(pos, pos + 1)
        if host is not None and a < host.end < b:
            a, b = strip_span(doc.text, a, host.end, " \t\n,;:–—-'’‘\"")
            if not self._long_enough(cue, a, b):
                return None
        # the content is a direct quote already (the direct pass handles it)
        around = self._quote_around(a, b)
        if around is not None and not (around.outer_start <= pos < around.outer_end):
            return None
        if cue.kind == "according" and (a <= pos < b):
            return None
        sp = self.resolver.from_token(cue.speaker, pos)
        unresolved = False
        if sp is not None and not sp.name:
            unresolved = True  # a pronoun or descriptor we could not resolve: candidates kept
        elif sp is None:
            # "It says the campaign broke the law" / "They argue that ...": a real statement whose
            # speaker we cannot name; keep it with speaker null rather than guess or drop it
            if not (cue.speaker.lower_ in ("it", "they") and cue.kind in ("speech", "belief")
                    and cue.content is not None and cue.content.dep_ == "ccomp"):
                return None
            unresolved = True
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
        if unresolved or sp is None:
            return Draft(a, b, "indirect", cue.text(), sp, via, addressee, 0.5, pos, cue.kind)
        if sp.method == "phrase":
            conf -= 0.1
        self.resolver.remember(pos, sp)
        return Draft(a, b, "indirect", cue.text(), sp, via, addressee, conf, pos, cue.kind)
