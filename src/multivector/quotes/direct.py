"""Attribute quoted passages (found by :mod:`.marks`) to speakers.

Where the cue can be, in the order we look:

1. the parse links the quote to a reporting verb outside it ("..." said X / X said: "...");
2. a reporting word in the same sentence after the closing mark ("...", said the political
   scientist / "..." – Lavrov said) or before the opening mark (according to him, "...");
3. a dash and a name after the quote ("..." – Sergey Lavrov);
4. a colon-introduced quote: the subject of the clause before the colon;
5. across a paragraph break: the last sentence of the paragraph before, when it runs into the
   quote ("X is quoted, / "..."") or a short attribution paragraph right after ("RFA/RL quotes
   X, a fellow at ...");
6. another quote in the same paragraph that was attributed (`"...". For this, "..."`);
7. floating: a quoted paragraph with no cue goes to the last speaker when no other person was
   named in between; otherwise its speaker stays null. Short quotes with no cue are scare
   quotes and are not reported at all.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ..doc import Doc
from ..lang import lexicon as lang_lexicon
from .cues import Cue, cue_for
from .lexicon import Lexicon
from .marks import MarkSpan
from .records import Draft
from .speakers import Speaker, SpeakerResolver, _clean_phrase
from .tokens import TokenIndex

SENT_END = {".", "!", "?"}
TITLE_PREPS = lang_lexicon("en").words("title_preps")
MIN_WORDS = 4
DASH_NAME = re.compile(r"^\s*[,]?\s*[–—―-]+\s*")
ATTRIBUTING = ("speech", "relay", "according")


def via_name(tok) -> str:
    """The outlet phrase headed by ``tok`` ("RFA/RL", "Pengpai News", "the Paper")."""
    sdoc = tok.doc
    lo = tok.i
    while lo > 0 and sdoc[lo - 1].head.i == tok.i and sdoc[lo - 1].dep_ in ("compound", "nmod", "punct",
                                                                            "det", "amod", "poss") \
            or (lo > 0 and sdoc[lo - 1].text in "/-&" and lo > 1):
        lo -= 1
    hi = tok.i
    while hi + 1 < len(sdoc) and sdoc[hi + 1].dep_ in ("flat",) and sdoc[hi + 1].head.i == tok.i:
        hi += 1
    return _clean_phrase(sdoc[lo : hi + 1].text)


QUOTE_CLOSERS = "\"'”’»"


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _governing_subject(verb):
    """The subject of the clause a participle or infinitive hangs from ("X served ...,
    declaring ..." -> X)."""
    v = verb
    while v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "prep") and v.head.i != v.i:
        v = v.head
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return None


class DirectAttributor:
    def __init__(self, doc: Doc, lex: Lexicon, resolver: SpeakerResolver, index: TokenIndex,
                 spans: list[MarkSpan]):
        self.doc = doc
        self.lex = lex
        self.resolver = resolver
        self.index = index
        self.spans = spans
        self.last_via: str | None = None

    # --- helpers --------------------------------------------------------------------------
    def _outer_index(self) -> tuple[list[int] | None, list[int] | None]:
        """Opening offsets of the outermost quotes in list order (None when that order is not
        sorted) and their closing offsets sorted, built once per document: the context windows
        of every quote used to scan every other quote, quadratic in a long document."""
        hit = self.__dict__.get("_outer")
        if hit is None or hit[0] != len(self.spans):
            outer = [s for s in self.spans if s.depth == 0]
            starts: list[int] | None = [s.outer_start for s in outer]
            if starts and any(x > y for x, y in zip(starts, starts[1:])):
                starts = None
            hit = self.__dict__["_outer"] = (len(self.spans),
                                             (starts, sorted(s.outer_end for s in outer)))
        return hit[1]

    def _inside(self, tok, span: MarkSpan) -> bool:
        a = self.index.start(tok)
        return span.outer_start <= a < span.outer_end

    def _in_any_quote(self, pos: int) -> bool:
        """Inside an outermost quote? (Indexed once per document: sorted by opening, with the
        furthest close so far, so the scan stops where no earlier quote reaches ``pos``.)"""
        hit = self.__dict__.get("_in_quote")
        if hit is None or hit[0] != len(self.spans):
            pairs = sorted((s.outer_start, s.outer_end) for s in self.spans if s.depth == 0)
            reach: list[int] = []
            for _, b in pairs:
                reach.append(max(reach[-1], b) if reach else b)
            hit = self.__dict__["_in_quote"] = (len(self.spans), pairs, [a for a, _ in pairs], reach)
        _, pairs, starts, reach = hit
        for j in range(bisect.bisect_right(starts, pos) - 1, -1, -1):
            if reach[j] <= pos:
                return False
            if pos < pairs[j][1]:
                return True
        return False

    def _speaker(self, cue: Cue, window: list, pos: int) -> Speaker | None:
        sp = self.resolver.from_token(cue.speaker, pos) if cue.speaker is not None else None
        if sp is None and cue.speaker is None and cue.verb.dep_ in ("advcl", "xcomp", "pcomp", "acl"):
            # "The Argentine stoked it up by saying X's celebrations were ...": the participle's
            # subject is the clause's, not a name inside what was said
            gs = _governing_subject(cue.verb)
            if gs is not None:
                sp = self.resolver.from_token(gs, pos)
        if sp is None:
            # parse missed the subject: the nearest name or pronoun next to the cue word
            after = [t for t in window if t.i > cue.verb.i]
            before = [t for t in reversed(window) if t.i < cue.verb.i]
            for t in after[:6] + before[:8]:
                if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in ("he", "she") or (
                        t.text[:1].isupper() and self.resolver.registry.person_by_name(t.text) is not None):
                    # (a surname the parser took for something else: "May wrote")
                    head = t
                    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                        head = head.head
                    sp = self.resolver.from_token(head, pos)
                    if sp is not None:
                        break
        return sp

    def _via(self, cue: Cue) -> str | None:
        if cue.via is None:
            if cue.kind == "relay" and any(c.dep_ == "auxpass" for c in cue.verb.children):
                return self.last_via  # "X is quoted" with no agent: the outlet named before
            return None
        return via_name(cue.via)

    def _addressee(self, cue: Cue) -> str | None:
        if cue.addressee is None:
            return None
        if cue.addressee.pos_ == "PRON":
            return None
        sp = self.resolver.from_token(cue.addressee)
        return sp.name if sp is not None else None

    def _draft(self, span: MarkSpan, cue: Cue, window: list, conf: float, source: str) -> Draft | None:
        pos = self.index.start(cue.verb)
        if cue.speaker is not None and span.outer_start <= self.index.start(cue.speaker) < span.outer_end:
            # "'..., Mr. President,' Representative X, Democrat of Ohio, told Mr. Obama": the
            # parser made the name a conjunct of a vocative inside the quote; the name speaks
            conj = next((c for c in cue.speaker.children if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN"
                         and span.outer_end <= self.index.start(c) < pos), None)
            if conj is not None:
                cue = dataclasses.replace(cue, speaker=conj)
        if cue.speaker is not None and span.outer_start <= self.index.start(cue.speaker) < span.outer_end:
            # the parse made the quoted words the subject ('declaring "today X, tomorrow Y"'):
            # the speaker is the subject of the clause the participle hangs from
            cue = dataclasses.replace(cue, speaker=_governing_subject(cue.verb))
        sp = self._speaker(cue, window, pos)
        via = self._via(cue)
        if via:
            self.last_via = via
        if sp is not None:
            self.resolver.remember(pos, sp)
        if span.recovered:
            conf -= 0.15
        return Draft(span.start, span.end, "direct", cue.text(), sp, via, self._addressee(cue),
                     conf if sp is not None and sp.name else min(conf, 0.5), pos, source)

    # --- the rules ------------------------------------------------------------------------
    def _parse_cue(self, span: MarkSpan) -> tuple[Cue, list] | None:
        """A reporting word outside the quote that the quote's words hang from (or that
        hangs from them)."""
        toks = self.index.between(span.start, span.end)
        for t in toks:
            h = t.head
            if h.i == t.i or self._inside(h, span):
                continue
            c = cue_for(h, self.lex)
            if c is not None and c.kind in ATTRIBUTING + ("belief", "object"):
                return c, list(h.sent)
        # a reporting verb in the text right after the quote that attaches into it
        for t in self._after_window(span)[:8]:
            c = cue_for(t, self.lex)
            if c is not None and c.kind in ATTRIBUTING and self._inside(t.head, span):
                return c, list(t.sent)
        return None

    def _title_like(self, span: MarkSpan) -> bool:
        """A programme, book or event name: "said on “Face the Nation,”"."""
        words = re.findall(r"[^\W\d_][\w’'-]*", self.doc.text[span.start : span.end])
        if not words:
            return True
        caps = sum(1 for w in words if w[0].isupper())
        before = self.doc.text[max(0, span.outer_start - 12) : span.outer_start].lower().split()
        return caps >= 0.6 * len(words) and len(words) > 1 or (bool(before) and before[-1] in TITLE_PREPS)

    def _clause_like(self, span: MarkSpan) -> bool:
        """A short quote that is a statement ("Never," / "We won.") rather than a title or a
        scare-quoted phrase: it has a verb or ends with its own punctuation."""
        if self._title_like(span):
            return False
        toks = self.index.between(span.start, span.end)
        if any(t.pos_ in ("VERB", "AUX") for t in toks):
            return True
        inner = self.doc.text[span.start : span.end].rstrip()
        return inner.endswith(("!", "?"))

    def _after_window(self, span: MarkSpan) -> list:
        p = self.doc.paragraph_at(span.outer_end - 1)
        if p is None:
            return []
        hi = p.end
        starts, _ = self._outer_index()
        if starts is None:
            for s in self.spans:
                if s.depth == 0 and s.outer_start >= span.outer_end:
                    hi = min(hi, s.outer_start)
                    break
        else:  # the first outermost quote opening at or after this one's end
            k = bisect.bisect_left(starts, span.outer_end)
            if k < len(starts):
                hi = min(hi, starts[k])
        out = []
        for t in self.index.between(span.outer_end, hi):
            out.append(t)
            if t.text in SENT_END and len(out) > 1:
                break
            if len(out) >= 30:
                break
        return out

    def _before_window(self, span: MarkSpan) -> list:
        p = self.doc.paragraph_at(span.outer_start)
        if p is None:
            return []
        lo = p.start
        _, ends = self._outer_index()
        if ends is None:
            for s in self.spans:
                if s.depth == 0 and s.outer_end <= span.outer_start:
                    lo = max(lo, s.outer_end)
        else:  # the furthest end of an outermost quote closed before this one opens
            k = bisect.bisect_right(ends, span.outer_start)
            if k:
                lo = max(lo, ends[k - 1])
        toks = self.index.between(lo, span.outer_start)
        # from the last sentence-final mark on
        cut = 0
        for k, t in enumerate(toks[:-1]):
            if t.text in SENT_END:
                cut = k + 1
        return toks[cut:][-30:]

    def _window_cue(self, window: list, nearest_last: bool) -> Cue | None:
        seq = list(reversed(window)) if nearest_last else window
        for t in seq:
            c = cue_for(t, self.lex)
            if c is not None and c.kind in ATTRIBUTING:
                return c
        return None

    def _dash_name(self, span: MarkSpan) -> Speaker | None:
        p = self.doc.paragraph_at(span.outer_end - 1)
        if p is None:
            return None
        rest = self.doc.text[span.outer_end : p.end]
        m = DASH_NAME.match(rest)
        if not m or not m.group(0).strip(" ,"):
            return None
        start = span.outer_end + m.end()
        for t in self.index.between(start, start + 60)[:4]:
            if t.ent_type_ == "PERSON" or t.ent_type_ == "ORG":
                head = t
                while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.i > head.i:
                    head = head.head
                return self.resolver.from_token(head, start)
        return None

    def _colon_cue(self, window: list) -> tuple[Speaker, str] | None:
        """'The minister was blunt: "..."' -> the subject of the clause before the colon."""
        if not window or window[-1].text != ":":
            return None
        verbs = [t for t in window if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj")]
        for v in reversed(verbs):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                sp = self.resolver.from_token(subj, self.index.start(v))
                if sp is not None:
                    return sp, ":"
        return None

    def _whole_sentence(self, span: MarkSpan, p) -> bool:
        """The quotation is a sentence of its own: a sentence end (or the paragraph start)
        before the opening mark, a final ., ! or ? inside the closing one."""
        text = self.doc.text
        inner = text[span.start : span.end].rstrip()
        if not inner or inner[-1] not in ".!?" or not inner[:1].isupper():
            return False
        before = text[p.start : span.outer_start].rstrip()
        before = before.rstrip(QUOTE_CLOSERS)
        return not before or before[-1] in ".!?"

    def _label_name(self, window: list) -> tuple[Speaker, str] | None:
        """'Clinton: "..." Bush: "..."': a name alone before the colon (the sentence, or what
        follows the previous quotation, is only the name) labels the quotation. A person or an
        organisation, not a place or a topic ("Iraq: "...""); titles with a full stop count
        ("Sen. Hale:")."""
        if len(window) < 2 or window[-1].text != ":" or len(window) > 6:
            return None
        words = window[:-1]
        titles = self.resolver.registry.sw.titles
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() or t.text == "." or t.lower_ in titles for t in words):
            return None
        head = words[-1]
        if head.ent_type_ not in ("PERSON", "ORG") and self.resolver.registry.person_by_name(head.text) is None:
            return None
        sp = self.resolver.from_token(head, self.index.start(head))
        if sp is None or not sp.name:
            return None
        actor = self.doc.actors.get(sp.actor_id) if sp.actor_id else None
        if actor is not None and actor.type in ("region", "state", "country", "city"):
            return None
        return sp, ":"

    def attribute(self, skip_paragraphs: set[int]) -> list[Draft]:
        drafts: list[Draft] = []
        by_para: dict[int, Draft] = {}
        last: Draft | None = None
        for span in self.spans:
            p = self.doc.paragraph_at(span.start)
            if p is None or p.idx in skip_paragraphs or p.spacy is None or p.translation_of is not None:
                continue
            content = self.doc.text[span.start : span.end]
            short = _words(content) < MIN_WORDS
            if span.depth > 0:
                # a quote inside a quote: only with its own cue inside the outer quote
                found = self._parse_cue(span)
                host = next((s for s in self.spans if s.depth == 0 and s.start <= span.start < s.end), None)
                if found and host is not None and not host.start <= self.index.start(found[0].verb) < host.end:
                    found = None  # the outer quote's own cue, not one of the inner quote
                if found and not short:
                    d = self._draft(span, found[0], found[1], 0.8, "nested")
                    if d and d.speaker:
                        drafts.append(d)
                continue
            d = self._attribute_one(span, p, short, last)
            if d is None:
                continue
            drafts.append(d)
            by_para[p.idx] = d
            if d.speaker is not None and d.speaker.name:
                last = d
        return drafts

    def _attribute_one(self, span: MarkSpan, p, short: bool, last: Draft | None) -> Draft | None:
        found = self._parse_cue(span)
        # a short quote counts only when it is a statement or an interrupted quote ("My hope,"
        # he said, "is ..."); otherwise it is a scare quote or a title ("the bulk")
        statement = not short or self._clause_like(span) or (
            self.doc.text[span.start : span.end].rstrip().endswith(",") and not self._title_like(span))
        if short and not statement:
            # 'an "instant decision" she said, "largely because ...": a quotation the cue
            # interrupts (subject, speech verb, comma, the quotation going on) is a statement
            after = self._after_window(span)
            if 2 <= len(after) <= 4 and after[-1].text == "," and after[0].pos_ in ("PRON", "PROPN") \
                    and self.lex.lemma(after[-2]) in self.lex.speech_verbs:
                rest = self.doc.text[self.index.start(after[-1]) + 1 : self.index.start(after[-1]) + 4].lstrip()
                statement = rest[:1] in ('"', "“", "'", "‘")
        if short and not statement:
            # 'Asked again, he replied: "No. Definitely not."': a quote a speech verb introduces
            # with a colon is a statement however short
            before = self._before_window(span)
            if before and before[-1].text == ":":
                c0 = self._window_cue(before, nearest_last=True)
                statement = c0 is not None and c0.kind == "speech"
        if short and not statement and found is None and last is not None and last.speaker is not None \
                and last.speaker.method != "phrase" \
                and self.doc.paragraph_at(last.start) is p and last.end <= span.outer_start \
                and self._whole_sentence(span, p):
            # '"We are close," Crane said. "Very close."': a short quotation that is a sentence
            # of its own after the speaker's quote in the same paragraph continues it (a named
            # speaker: "quoting the man she knew as X" makes a phrase speaker of the one quoted);
            # the cue before it belongs to the previous sentence
            cont = self._floating(span, p, last)
            return cont if cont.speaker is not None else None
        if found is not None:
            cue, window = found
            if short and (cue.kind not in ("speech", "relay") or not statement):
                return None
            return self._draft(span, cue, window, 0.9, "parse")
        if not statement:
            return None
        after = self._after_window(span)
        c = self._window_cue(after, nearest_last=False)
        inner = self.doc.text[span.start : span.end].rstrip()
        if c is not None and inner.endswith(".") and not inner.endswith(".."):
            # '"... interest." Jones has denied ...': a full stop inside the mark ends the
            # sentence; a cue after it ('"...," he said') follows a comma, ? or !
            c = None
        if c is not None and (c.content is not None or (after and after[-1].text == ":")):
            # '"... play." Roger Bennett said: "..."' or '"..." Analysts said it was a move.':
            # that cue introduces other words, not this quote
            c = None
        if c is not None:
            return self._draft(span, c, after, 0.85, "after")
        before = self._before_window(span)
        c = self._window_cue(before, nearest_last=True)
        if c is not None:
            return self._draft(span, c, before, 0.85, "before")
        sp = self._dash_name(span)
        if sp is not None:
            self.resolver.remember(span.outer_end, sp)
            return Draft(span.start, span.end, "direct", "–", sp, None, None, 0.8, span.outer_end, "dash")
        colon = self._colon_cue(before) or self._label_name(before)
        if colon is not None:
            self.resolver.remember(span.outer_start, colon[0])
            return Draft(span.start, span.end, "direct", colon[1], colon[0], None, None, 0.7, span.outer_start, "colon")
        d = self._across_paragraphs(span, p)
        if d is not None:
            return d
        d = self._floating(span, p, last)
        if short and d.speaker is None:
            return None
        return d

    def _across_paragraphs(self, span: MarkSpan, p) -> Draft | None:
        doc = self.doc
        text = doc.text
        # the paragraph before runs into this one ("... is quoted," / "... said:")
        starts_para = not text[p.start : span.outer_start].strip(" \t\n–—-•")
        if starts_para and p.idx > 0:
            prev = self._prev_parsed(p.idx)
            if prev is not None:
                ptxt = text[prev.start : prev.end].rstrip()
                if ptxt and ptxt[-1] not in ".!?…\"”»":
                    sents = list(prev.spacy.sents)
                    window = list(sents[-1]) if sents else []
                    c = self._window_cue(window, nearest_last=True)
                    if c is not None:
                        return self._draft(span, c, window, 0.8, "previous paragraph")
                    colon = self._colon_cue(window)
                    if colon is not None:
                        self.resolver.remember(span.outer_start, colon[0])
                        return Draft(span.start, span.end, "direct", colon[1], colon[0], None, None, 0.65,
                                     span.outer_start, "colon")
        # a short attribution paragraph right after ("RFA/RL quotes X, a fellow at ...")
        tail = text[span.outer_end : p.end].strip()
        if tail in ("", ",", ".", ":") :
            nxt = self._next_parsed(p.idx)
            if nxt is not None:
                ntxt = text[nxt.start : nxt.end]
                sents = list(nxt.spacy.sents)
                if sents and len(sents[0]) <= 30 and not any(ch in ntxt[: sents[0].end_char] for ch in "“\"«„"):
                    window = list(sents[0])
                    c = self._window_cue(window, nearest_last=False)
                    if c is not None and c.content is None:
                        return self._draft(span, c, window, 0.75, "next paragraph")
        return None

    def _prev_parsed(self, idx: int):
        for q in range(idx - 1, -1, -1):
            p = self.doc.paragraphs[q]
            if p.translation_of is not None:
                continue
            return p if p.spacy is not None else None
        return None

    def _next_parsed(self, idx: int):
        for q in range(idx + 1, len(self.doc.paragraphs)):
            p = self.doc.paragraphs[q]
            if p.translation_of is not None:
                continue
            return p if p.spacy is not None else None
        return None

    def _floating(self, span: MarkSpan, p, last: Draft | None) -> Draft:
        """No cue anywhere: the last speaker if the context makes it clear, else null."""
        text = self.doc.text
        whole_para = (span.outer_end - span.outer_start) >= 0.6 * len(text[p.start : p.end].strip())
        same_para = last is not None and self.doc.paragraph_at(last.start) is p
        if last is not None and last.speaker is not None and (whole_para or same_para):
            gap_lo = last.end
            lp = self.doc.paragraph_at(last.start)
            near = same_para or (lp is not None and p.idx - lp.idx <= 3)
            cue_tok = self.index.at(last.cue_at) if last.cue_at is not None else None
            cue_sent = (self.index.start(cue_tok.sent[0]),
                        self.index.start(cue_tok.sent[-1]) + 1) if cue_tok is not None else (0, 0)
            named = self.resolver.named  # sorted by start: the gap, not every name
            gap = named[bisect.bisect_left(named, gap_lo, key=lambda n: n.start):
                        bisect.bisect_left(named, span.outer_start, key=lambda n: n.start)]
            others = [n for n in gap
                      if gap_lo <= n.start < span.outer_start and n.label == "PERSON"
                      and not (cue_sent[0] <= n.start < cue_sent[1])
                      and not self._in_any_quote(n.start) and n.name != last.speaker.name
                      and self.resolver.other_subject(n.start, n.end + 1, last.speaker.name)]
            if near and not others:
                kind = "direct" if same_para else "floating"
                cue = last.cue if same_para else None
                sp = dataclasses.replace(last.speaker, method="continuation",
                                         confidence=0.75 if same_para else 0.6)
                return Draft(span.start, span.end, kind, cue, sp, last.via, last.addressee,
                             0.75 if same_para else 0.6, span.outer_start, "continued" if same_para else "floating")
        return Draft(span.start, span.end, "floating", None, None, None, None, 0.4, span.outer_start, "floating")
