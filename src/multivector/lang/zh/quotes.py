"""Quotes in Chinese paragraphs: ``X表示，...``, ``X说：“...”``, ``据X称，...``.

Chinese paragraphs are not parsed here (sentences only, ``lang/zh``), so the rules are surface
patterns over one sentence; the words are data (``multivector/lang/zh/quotes.yaml``):

* ``<speaker><cue>：“...”`` or ``<speaker><cue>：...`` (a colon after the cue; the quoted words,
  or the rest of the sentence, are the content: ``direct`` when quotation marks hold it);
* ``<speaker><cue>，...。`` (a comma after the cue: the rest of the sentence is ``indirect``);
* ``据<source>称，...`` (the rest of the sentence, speaker the source);
* ``“...”<speaker>说。`` (quoted words first, the speaker and cue after the closing mark).

The speaker phrase runs back from the cue to the sentence start or the last comma. It must name
an actor the actors stage found in it (``中国外交部发言人`` -> the mention 中国), end with a role
noun (``专家``), or be a pronoun (the last speaker). Otherwise nothing is recorded: a sentence
such as ``报告表示`` with no one named is not given a speaker by guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...actors.api import mentions_in
from ...doc import Doc, Paragraph
from ...quotes.records import Draft, strip_span
from ...quotes.speakers import Speaker
from .. import lexicon

_SENT = re.compile(r"[^。！？!?]+[。！？!?]?")
_SPLIT = "，,；;。！？!?：:"


@dataclass(frozen=True)
class ZhQuoteWords:
    cues: tuple[str, ...]  # longest first: "在声明中表示" before "表示"
    belief: frozenset[str]
    according_open: str
    according_close: tuple[str, ...]
    roles: tuple[str, ...]
    pronouns: frozenset[str]
    marks: dict[str, str]
    outlets: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> ZhQuoteWords:
    sec = lexicon("zh").section("quotes")
    return ZhQuoteWords(
        tuple(sorted(sec["speech_verbs"], key=len, reverse=True)), frozenset(sec["belief_verbs"]),
        sec["according_open"], tuple(sorted(sec["according_close"], key=len, reverse=True)),
        tuple(sorted(sec["role_nouns"], key=len, reverse=True)), frozenset(sec["pronouns"]),
        dict(sec["marks"]), tuple(sorted(sec["outlet_nouns"], key=len, reverse=True)))


def _cue_pattern(w: ZhQuoteWords) -> re.Pattern:
    cues = "|".join(re.escape(c) for c in w.cues)
    return re.compile(rf"(?P<cue>{cues})\s*(?P<sep>[：:，,])")


def _according_pattern(w: ZhQuoteWords) -> re.Pattern:
    close = "|".join(re.escape(c) for c in w.according_close)
    return re.compile(rf"{re.escape(w.according_open)}(?P<src>[^，,。：:]{{1,30}}?)(?:{close})\s*[，,：:]")


class _Speakers:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.last: Speaker | None = None

    def phrase(self, a: int, b: int) -> Speaker | None:
        """The speaker named by ``text[a:b]`` (the words before a cue), or None."""
        w = words()
        text = self.doc.text
        a, b = strip_span(text, a, b, " \t\u3000，,、")
        if b <= a or b - a > 40:
            return None
        phrase = text[a:b]
        if phrase in w.pronouns:
            return self.last
        if any(phrase.endswith(o) for o in w.outlets):  # "俄罗斯媒体": the media, not Russia
            return Speaker(name=phrase, start=a, end=b, method="phrase")
        ms = mentions_in(self.doc, a, b)  # linked ones, by bisect
        role = next((r for r in w.roles if phrase.endswith(r)), None)
        if ms:
            # a person named in the phrase speaks; else the last state or body named in it
            people = [m for m in ms if (m.actor_id or "").startswith("PER:") or (
                (act := self.doc.actors.get(m.actor_id or "")) is not None and act.type == "person")]
            m = people[-1] if people else ms[0]
            actor = self.doc.actors.get(m.actor_id or "")
            return Speaker(name=phrase if role else (actor.name if actor else m.text),
                           actor_id=m.actor_id, role=role, start=a, end=b, method="mention")
        if role is not None:
            return Speaker(name=phrase, role=role, start=a, end=b, method="phrase")
        return None


def chinese_drafts(doc: Doc, paragraphs: Iterable[Paragraph] | None = None) -> list[Draft]:
    """Quote drafts of the Chinese paragraphs that are not translations of another paragraph
    (``paragraphs``: those the language registry routes here, else every Chinese one)."""
    if paragraphs is None:
        paragraphs = [p for p in doc.paragraphs if p.lang == "zh"]
    paras = [p for p in paragraphs if p.translation_of is None]
    if not paras:
        return []
    w = words()
    cue_rx = _cue_pattern(w)
    acc_rx = _according_pattern(w)
    sp = _Speakers(doc)
    text = doc.text
    drafts: list[Draft] = []
    for p in paras:
        for sm in _SENT.finditer(text, p.start, p.end):
            s0, s1 = sm.start(), sm.end()
            d = _according(doc, acc_rx, sp, s0, s1) or _cued(doc, cue_rx, sp, s0, s1) \
                or _quote_first(doc, sp, p.start, p.end, s0)
            if d is not None:
                drafts.append(d)
                if d.speaker is not None:
                    sp.last = d.speaker
    return drafts


def _according(doc: Doc, rx: re.Pattern, sp: _Speakers, s0: int, s1: int) -> Draft | None:
    m = rx.match(doc.text, s0, s1)
    if m is None:
        return None
    speaker = sp.phrase(m.start("src"), m.end("src"))
    a, b = strip_span(doc.text, m.end(), s1, " \u3000。！？!?")
    if speaker is None or b - a < 4:
        return None
    return Draft(a, b, "indirect", doc.text[m.end("src"):m.end()].strip("，,：: "), speaker,
                 confidence=0.7, cue_at=m.start(), source="zh-according")


def _cued(doc: Doc, rx: re.Pattern, sp: _Speakers, s0: int, s1: int) -> Draft | None:
    text = doc.text
    w = words()
    for m in rx.finditer(text, s0, s1):
        # the speaker phrase: back to the sentence start or the last clause break
        lo = s0
        for k in range(m.start("cue") - 1, s0 - 1, -1):
            if text[k] in _SPLIT:
                lo = k + 1
                break
        speaker = sp.phrase(lo, m.start("cue"))
        if speaker is None:
            continue
        a = m.end()
        kind = "indirect"
        b = s1
        if m.group("sep") in "：:":
            open_at = a
            while open_at < s1 and text[open_at] in " \u3000":
                open_at += 1
            close = w.marks.get(text[open_at]) if open_at < s1 else None
            if close is not None:
                end = text.find(close, open_at + 1)
                if end != -1:
                    a, b, kind = open_at + 1, end, "direct"
        a, b = strip_span(text, a, b, " \u3000。！？!?")
        if b - a < 4:
            continue
        return Draft(a, b, kind, m.group("cue"), speaker, confidence=0.7 if kind == "indirect" else 0.8,
                     cue_at=m.start("cue"), source="zh-" + kind)
    return None


def _quote_first(doc: Doc, sp: _Speakers, p0: int, p1: int, s0: int) -> Draft | None:
    """``“...”研究员李文涛说。``: a quotation opening the sentence, then its speaker and cue. The
    quotation may hold several sentences, so the closing mark is looked for in the paragraph."""
    text = doc.text
    w = words()
    close = w.marks.get(text[s0]) if s0 < p1 else None
    if close is None:
        return None
    end = text.find(close, s0 + 1, p1)
    if end == -1:
        return None
    tail_end = end + 1
    while tail_end < p1 and text[tail_end] not in "。！？!?“「":
        tail_end += 1
    tail = text[end + 1:tail_end]
    cue = next((c for c in w.cues if tail.rstrip().endswith(c)), None)
    if cue is None:
        return None
    cue_at = end + 1 + tail.rstrip().rfind(cue)
    speaker = sp.phrase(end + 1, cue_at)
    a, b = strip_span(text, s0 + 1, end, " \u3000")
    if speaker is None or b - a < 4:
        return None
    return Draft(a, b, "direct", cue, speaker, confidence=0.8, cue_at=cue_at, source="zh-quote-first")
