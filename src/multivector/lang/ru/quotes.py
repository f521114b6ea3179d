"""Quotes in Russian paragraphs: «ёлочки», „лапки“, dash dialogue, reported speech, interviews.

Russian paragraphs carry a natasha parse with the English model's labels (``lang/ru/parse.py``,
kept in ``doc.user_data["parses"]``); the words are in ``multivector/lang/ru/quotes.yaml``.
The constructions:

* ``«...», — заявил X.`` and ``X заявил: «...»`` (a quotation mark span with a speech verb after
  a dash, or before a colon, in the same paragraph);
* dash dialogue: a paragraph that opens with a dash, ``— ..., — сказала она. — ...``;
* ``X заявил, что ...``, ``X считает/уверен, что ...`` (the что-clause is the content);
* ``По словам X, ...``, ``По мнению X, ...``, ``Как сообщает X, ...`` (the rest of the sentence);
* an outlet relaying: ``..., передает ТАСС``, ``со ссылкой на X`` (``via``);
* interviews: questions are paragraphs that end with "?" or open with the outlet's label
  (``Степной вестник: ...``); the answers belong to the person introduced before the first question.

Speakers are the mention (actors stage) under the verb's subject; a pronoun or a role noun
("политолог") stands for the last person named before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...doc import Doc, Mention, Paragraph
from ...quotes.marks import MarkSpan
from ...quotes.records import Draft, strip_span
from ...quotes.speakers import Speaker
from .. import lexicon

SUBJ = ("nsubj", "nsubjpass")
QUOTING = {"цитировать", "процитировать"}
LABEL = re.compile(r"^([A-ZА-ЯЁ«][^:?.!]{1,60}):\s+\S")


@dataclass(frozen=True)
class RuQuoteWords:
    speech: frozenset[str]
    belief: frozenset[str]
    according: frozenset[str]
    relay: frozenset[str]
    outlets: frozenset[str]
    roles: frozenset[str]
    pronouns: frozenset[str]
    dashes: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> RuQuoteWords:
    lex = lexicon("ru")
    return RuQuoteWords(lex.words("speech_verbs"), lex.words("belief_verbs"),
                        lex.words("according_nouns"), lex.words("relay_verbs"),
                        lex.words("outlet_nouns"), lex.words("role_nouns"),
                        lex.words("pronouns"), lex.ordered("dashes"))


def parsed_paragraphs(doc: Doc, paragraphs: Iterable[Paragraph] | None = None
                      ) -> Iterator[tuple[Paragraph, Any]]:
    """Russian paragraphs with their parse: ``paragraphs`` (those the language registry routes
    here, ``lang.routes``), else every Russian paragraph of ``doc``; translations of other
    paragraphs and paragraphs left unparsed are skipped."""
    parses = doc.user_data.get("parses", {})
    if paragraphs is None:
        paragraphs = [p for p in doc.paragraphs if p.lang == "ru"]
    for p in paragraphs:
        if p.translation_of is None and p.idx in parses:
            yield p, parses[p.idx]


class _Speakers:
    """Who a subject token stands for: a mention, a pronoun, a role noun, a name."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people = sorted((m for m in doc.mentions if self._is_person(m)), key=lambda m: m.start)
        self.last: Speaker | None = None

    def _is_person(self, m: Mention) -> bool:
        a = self.doc.actors.get(m.actor_id) if m.actor_id else None
        return (a is not None and a.type == "person") or (m.actor_id or "").startswith("PER:")

    def from_mention(self, m: Mention) -> Speaker:
        a = self.doc.actors.get(m.actor_id) if m.actor_id else None
        return Speaker(name=a.name if a else m.text, actor_id=m.actor_id, role=m.role,
                       start=m.start, end=m.end, method="mention")

    def person_before(self, pos: int) -> Speaker | None:
        before = [m for m in self.people if m.end <= pos]
        return self.from_mention(before[-1]) if before else None

    def named_before(self, tok: Any, pos: int) -> Speaker | None:
        """The person named in full earlier whose surname this lone name is ("Хасанов" after
        "Рустам Хасанов", "Хасанова" in another case): the nearest such mention before ``pos``.
        Surnames inflect, so the words match on their stem (all but the last two letters of
        the shorter word, at least four letters)."""
        word = tok.text.lower()
        if len(word) < 4:
            return None
        for m in reversed([m for m in self.people if m.end <= pos]):
            parts = m.text.split()
            if len(parts) < 2:
                continue
            last = parts[-1].lower()
            n = max(4, min(len(word), len(last)) - 2)
            if last == word or (len(last) >= n and len(word) >= n and last[:n] == word[:n]
                                and abs(len(last) - len(word)) <= 2):
                out = self.from_mention(m)
                out.start, out.end = pos, pos + len(tok.text)
                out.method = "name"
                return out
        return None

    def of_token(self, tok: Any, base: int) -> Speaker | None:
        """The speaker a subject token refers to."""
        w = words()
        sub = _phrase(tok)
        a, b = base + sub[0].idx, base + sub[-1].idx + len(sub[-1].text)
        at = base + tok.idx
        own = [m for m in self.doc.mentions if m.start <= at < m.end and m.actor_id]
        if own:
            return self.from_mention(own[0])
        if tok.pos_ == "PROPN":
            named = self.named_before(tok, base + tok.idx)
            if named is not None:  # "Хасанов также отметил" after "политолог Рустам Хасанов"
                return named
        if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
            # a name the KB does not know ("сказал Шрёдер, бывший директор ...")
            name = [tok] + [c for c in tok.children if c.dep_ == "flat"]
            na = base + min(x.idx for x in name)
            nb = base + max(x.idx + len(x.text) for x in name)
            return Speaker(name=self.doc.text[na:nb], start=na, end=nb, method="name")
        ms = [m for m in self.doc.mentions if m.start >= a and m.end <= b and m.actor_id]
        if ms:
            people = [m for m in ms if self._is_person(m)]
            out = self.from_mention((people or ms)[0])
            if not people and tok.lemma_ in w.roles:  # "представитель МИД России"
                out.role = tok.lemma_
                out.name = self.doc.text[a:b]
            return out
        lemma = tok.lemma_
        plural = "Number=Plur" in str(tok.morph)
        if lemma in w.pronouns and not plural or lemma in w.roles and not plural and b - a < 40:
            return self.last or self.person_before(base + tok.idx)
        if tok.pos_ == "PROPN" or tok.ent_type_:
            return Speaker(name=self.doc.text[a:b], start=a, end=b, method="name")
        if lemma in w.roles or lemma in w.outlets or tok.pos_ == "NOUN" and tok.is_alpha:
            # "эксперты", "издание", "американский чиновник": a speaker the KB does not know
            return Speaker(name=self.doc.text[a:b], start=a, end=b, method="phrase")
        return None


def _phrase(tok: Any) -> list[Any]:
    """The subject's noun phrase: the token and its nominal dependents (no clauses)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("amod", "nmod", "appos", "flat", "compound", "det", "nummod", "conj", "cc"):
            out.extend(_phrase(c))
        elif c.dep_ == "punct" and c.text in ("(", ")", "«", "»", "\""):
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def _subject(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ in SUBJ:
            return c
    # "заявили в МИД": no subject; the head of a conjoined verb may have it
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None


def parse_prev(tok: Any) -> Any:
    return tok.doc[tok.i - 1] if tok.i > 0 else tok


def _cited(sent: Any, base: int, doc: Doc) -> Speaker | None:
    """The source after "со ссылкой на" as a speaker (a name; the phrase when unnamed)."""
    toks = list(sent)
    for i, t in enumerate(toks[:-2]):
        if t.lower_ == "со" and toks[i + 1].lemma_ == "ссылка" and toks[i + 2].lower_ == "на":
            rest = toks[i + 3:]
            stop = next((k for k, x in enumerate(rest) if x.is_punct), len(rest))
            if not stop:
                return None
            a, b = base + rest[0].idx, base + rest[stop - 1].idx + len(rest[stop - 1])
            ms = [m for m in doc.mentions if m.start >= a and m.end <= b and m.actor_id]
            actor = doc.actors.get(ms[0].actor_id or "") if ms else None
            return Speaker(name=doc.text[a:b], actor_id=ms[0].actor_id if ms else None,
                           role=None, start=a, end=b,
                           method="mention" if actor else "phrase")
    return None


def _is_outlet(tok: Any) -> bool:
    return tok.lemma_ in words().outlets or any(c.lemma_ in words().outlets for c in tok.children)


def _via(sent: Any, base: int, doc: Doc) -> str | None:
    """"со ссылкой на X" -> X's words; "передает ТАСС" -> ТАСС."""
    toks = list(sent)
    for i, t in enumerate(toks[:-2]):
        if t.lower_ == "со" and toks[i + 1].lemma_ == "ссылка" and toks[i + 2].lower_ == "на":
            rest = toks[i + 3:i + 8]
            stop = next((k for k, x in enumerate(rest) if x.is_punct), len(rest))
            if stop:
                return doc.text[base + rest[0].idx:base + rest[stop - 1].idx + len(rest[stop - 1])]
    for t in toks:
        if t.lemma_ in words().relay and t.pos_ == "VERB":
            s = _subject(t)
            if s is not None and (s.pos_ == "PROPN" or _is_outlet(s)) and s.i > t.i:
                sub = sorted(s.subtree, key=lambda x: x.i)
                return doc.text[base + sub[0].idx:base + sub[-1].idx + len(sub[-1])]
    return None


def russian_drafts(doc: Doc, marks: list[MarkSpan],
                   paragraphs: Iterable[Paragraph] | None = None) -> list[Draft]:
    """Quote drafts of the Russian paragraphs (see the module docstring; ``paragraphs`` as for
    :func:`parsed_paragraphs`)."""
    paras = list(parsed_paragraphs(doc, paragraphs))
    if not paras:
        return []
    w = words()
    sp = _Speakers(doc)
    drafts: list[Draft] = []
    questions, interviewee = _interview(doc, paras, sp)
    for p, parse in paras:
        if p.idx in questions:
            p.is_question = True
            continue
        base = p.start
        taken: list[tuple[int, int]] = []
        # interview answers (quoted words inside an answer are part of it)
        if interviewee is not None and questions and p.idx > min(questions) \
                and not _narration(parse):
            s, e = strip_span(doc.text, p.start, p.end)
            drafts.append(Draft(s, e, "interview", None, interviewee, confidence=0.8,
                                source="ru-interview"))
            continue
        # 1. quotation marks in this paragraph
        for m in marks:
            if m.depth or not (p.start <= m.start < p.end):
                continue
            d = _direct(doc, parse, base, m, sp)
            if d is None and m.recovered == "unclosed":
                d = _unclosed(doc, parse, base, m, sp)
            prev = drafts[-1] if drafts else None
            if d is None and prev is not None and prev.kind == "direct" and prev.speaker \
                    and m.start == p.start + (len(doc.text[p.start:p.end])
                                              - len(doc.text[p.start:p.end].lstrip())) \
                    and (pp := doc.paragraph_at(prev.end)) is not None and p.idx - pp.idx <= 1:
                d = Draft(m.start, m.end, "direct", None, prev.speaker, confidence=0.6,
                          source="ru-continued")
            if d is None and interviewee is not None and p.idx > min(questions, default=10**9):
                d = Draft(m.start, m.end, "direct", None, interviewee, confidence=0.6,
                          source="ru-interview-mark")
            if d is not None:
                drafts.append(d)
                taken.append((m.outer_start if hasattr(m, "outer_start") else m.start, m.end))
                if d.speaker is not None:
                    sp.last = d.speaker
        # 2. dash dialogue
        text = doc.text[p.start:p.end]
        if text[:1] in w.dashes and not taken:
            d = _dash_dialogue(doc, parse, base, sp)
            if d is not None:
                drafts.append(d)
                sp.last = d.speaker or sp.last
                continue
        # 4. reported speech sentence by sentence
        for sent in parse.sents:
            s0, s1 = base + sent.start_char, base + sent.end_char
            if any(a <= s0 < b or s0 <= a < s1 for a, b in taken):
                continue
            d = _reported(doc, sent, base, sp)
            if d is not None:
                drafts.append(d)
                if d.speaker is not None:
                    sp.last = d.speaker
    return drafts


def _narration(parse: Any) -> bool:
    """A paragraph in the third person with a speech verb ("Политолог подчеркнул, что ...")."""
    w = words()
    for t in parse:
        if t.lemma_ in w.speech and t.pos_ in ("VERB", "ADJ") and t.dep_ == "ROOT":
            s = _subject(t)
            if s is not None and (s.lemma_ in w.roles or s.pos_ == "PROPN" or s.lemma_ in w.pronouns):
                return True
    return False


def _direct(doc: Doc, parse: Any, base: int, m: MarkSpan, sp: _Speakers) -> Draft | None:
    """A speech verb after the closing mark (", — заявил X") or before the opening one
    ("X заявил: «"), in the same paragraph."""
    w = words()
    close = m.close_at if m.close_at is not None else m.end
    end_p = doc.paragraph_at(close)
    parses = doc.user_data.get("parses", {})
    if end_p is not None and end_p.start != base and end_p.idx in parses:
        parse, base = parses[end_p.idx], end_p.start
    tail = doc.text[close + 1:close + 5]
    after = [t for t in parse if base + t.idx > close] if re.match(r"\s*[,.]?\s*[—–-]", tail) \
        else []
    before = [t for t in parse if base + t.idx + len(t) <= (m.open_at if m.open_at is not None else m.start)]
    # after: the first verb before the end of its sentence
    for t in after[:8]:
        if t.is_punct and t.text in ".!?":
            break
        if t.lemma_ in w.speech and t.pos_ in ("VERB", "ADJ") or t.lemma_ in QUOTING:
            subj = _subject(t)
            speaker = sp.of_token(subj, base) if subj is not None else None
            if subj is None:
                speaker = sp.last
            via = _via(t.sent, base, doc)
            if t.lemma_ in QUOTING:  # "— цитирует издание замглавы МИД Гатилова"
                obj = next((c for c in t.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    via = speaker.name if speaker is not None else via
                    speaker = sp.of_token(obj, base)
            return Draft(m.start, m.end, "direct", t.text, speaker, cue_at=base + t.idx,
                         confidence=0.9 if speaker else 0.5, source="ru-mark-after", via=via)
    # before: "X заявил:" / "по словам X," immediately before the mark
    lead = doc.text[base + before[-1].idx:m.open_at or m.start] if before else ""
    if before and (lead.strip().endswith(":") or before[-1].text == ":" or before[-1].text == ","):
        sent = before[-1].sent
        for t in reversed([x for x in before if x.sent == sent]):
            if t.lemma_ in w.speech and t.pos_ in ("VERB", "ADJ"):
                subj = _subject(t)
                speaker = sp.of_token(subj, base) if subj is not None else sp.last
                return Draft(m.start, m.end, "direct", t.text, speaker, cue_at=base + t.idx,
                             confidence=0.85, source="ru-mark-before", via=_via(sent, base, doc))
            if t.lemma_ in w.according and t.i > 0 and parse[t.i - 1].lower_ == "по":
                speaker = _according_speaker(t, base, sp)
                return Draft(m.start, m.end, "direct", "по " + t.text, speaker,
                             cue_at=base + t.idx, confidence=0.85, source="ru-mark-according")
    return None


CLOSERS = {"«": "»", "„": "“", "“": "”", "\"": "\""}


def _unclosed(doc: Doc, parse: Any, base: int, m: MarkSpan, sp: _Speakers) -> Draft | None:
    """A quotation that runs over several paragraphs ("«...\n...», — заявил X."): the closing
    mark within the next four paragraphs; the cue after it, or a dash attribution inside the
    first paragraph ("«..., — сказал X.\n— ...»")."""
    close_ch = CLOSERS.get(m.open_char)
    p0 = doc.paragraph_at(m.start)
    if close_ch is None or p0 is None:
        return None
    parses = doc.user_data.get("parses", {})
    for p in doc.paragraphs[p0.idx + 1:p0.idx + 5]:
        seg = doc.text[p.start:p.end]
        if m.open_char in seg and m.open_char != close_ch:
            return None  # a new quotation opens first
        c = seg.find(close_ch)
        if c < 0:
            continue
        close = p.start + c
        fake = MarkSpan(m.start, close, m.open_at, close, m.open_char, close_ch)
        d = None
        if p.idx in parses:
            d = _direct(doc, parses[p.idx], p.start, fake, sp)
        if d is None:  # an attribution inside the first paragraph
            w = words()
            for t in parse:
                if t.lemma_ in w.speech and t.pos_ == "VERB" and "—" in parse.text[:t.idx]:
                    subj = _subject(t)
                    speaker = sp.of_token(subj, base) if subj is not None else sp.last
                    d = Draft(m.start, close, "direct", t.text, speaker, cue_at=base + t.idx,
                              confidence=0.8, source="ru-mark-inside")
                    break
        if d is not None:
            d.start, d.end = strip_span(doc.text, m.start, close)
        return d
    return None


def _pronoun_speaker(tok: Any, base: int, sp: _Speakers) -> Speaker | None:
    """Who "его / её" in "по его словам" is: a person named earlier in the same sentence
    ("Лариджани ..., по его мнению, ..."), else the last speaker or person. "их" (their) is a
    group: no single person is guessed."""
    if tok.lower_ in ("их", "они"):
        return None
    pos = base + tok.idx
    here = sp.person_before(pos)
    if here is not None and here.start is not None and here.start >= base + tok.sent.start_char:
        return here
    return sp.last or here


def _according_speaker(noun: Any, base: int, sp: _Speakers) -> Speaker | None:
    for c in noun.children:
        if c.dep_ in ("nmod", "poss", "pobj", "appos", "flat") or c.pos_ in ("PROPN", "NOUN", "PRON"):
            if c.lemma_ in ("он", "она", "они", "его", "ее", "их"):
                return _pronoun_speaker(c, base, sp)
            return sp.of_token(c, base)
    # "по его словам": the possessive is a det
    for c in noun.children:
        if c.lower_ in ("его", "ее", "её", "их"):
            return _pronoun_speaker(c, base, sp)
    return None


def _dash_dialogue(doc: Doc, parse: Any, base: int, sp: _Speakers) -> Draft | None:
    """"— Текст, — сказала она. — Еще текст." -> the paragraph minus the attribution."""
    text = doc.text[base:base + len(parse.text)]
    parts = [m for m in re.finditer(r"(?:^|\s)[—–]\s", text)]
    if not parts:
        return None
    w = words()
    for t in parse:
        if t.lemma_ in w.speech and t.pos_ in ("VERB", "ADJ"):
            left = text.rfind("—", 0, t.idx)
            if left <= 0:
                continue
            subj = _subject(t)
            speaker = sp.of_token(subj, base) if subj is not None else sp.last
            s, e = strip_span(doc.text, base, base + len(text))
            return Draft(s, e, "direct", t.text, speaker, cue_at=base + t.idx,
                         confidence=0.85 if speaker else 0.5, source="ru-dash")
    return None


POSSESSIVES = ("его", "её", "ее", "их")


def _reported(doc: Doc, sent: Any, base: int, sp: _Speakers) -> Draft | None:
    w = words()
    toks = list(sent)
    # "По словам X, ..." / "По мнению X, ..."
    for i, t in enumerate(toks[:-1]):
        # "по словам X", and "по её / его / их словам" with the possessive first
        k = i + 2 if toks[i + 1].lower_ in POSSESSIVES and i + 2 < len(toks) else i + 1
        if t.lower_ == "по" and toks[k].lemma_ in w.according:
            noun = toks[k]
            comma = next((x for x in toks[i + 2:] if x.text == ","), None)
            speaker = _according_speaker(noun, base, sp)
            lead = [x for x in toks[:i] if not x.is_punct]
            after = [x for x in toks if comma is not None and x.i > comma.i and not x.is_punct]
            if len(lead) <= 2:
                if comma is None:
                    return None
                a, b = strip_span(doc.text, base + comma.idx + 1, base + sent.end_char)
            elif len(after) >= 2:  # "A, по мнению X, B.": the phrase interrupts the view
                a, b = strip_span(doc.text, base + sent.start_char, base + sent.end_char)
            else:  # "..., по словам X." at the end: the clause before
                a, b = strip_span(doc.text, base + sent.start_char, base + t.idx)
            kind = "indirect"
            return Draft(a, b, kind, "по " + noun.text, speaker, cue_at=base + t.idx,
                         confidence=0.85 if speaker else 0.5, source="ru-according",
                         via=_via(sent, base, doc))
    # "Как сообщает X, ..."
    if toks and toks[0].lower_ == "как" and len(toks) > 2:
        verb = next((x for x in toks[1:4] if x.lemma_ in w.speech or x.lemma_ in w.relay), None)
        if verb is not None:
            comma = next((x for x in toks if x.text == "," and x.i > verb.i), None)
            subj = _subject(verb)
            if comma is not None:
                speaker = sp.of_token(subj, base) if subj is not None else None
                via = None
                cited = _cited(sent, base, doc)
                if subj is not None and (_is_outlet(subj) or verb.lemma_ in w.relay or cited):
                    sub = sorted((x for x in subj.subtree if x.i < comma.i), key=lambda x: x.i)
                    via = doc.text[base + sub[0].idx:base + sub[-1].idx + len(sub[-1])]
                    if cited:  # "как сообщает X со ссылкой на Y": Y spoke, X relayed
                        speaker = cited
                a, b = strip_span(doc.text, base + comma.idx + 1, base + sent.end_char)
                return Draft(a, b, "indirect", verb.text, speaker, cue_at=base + verb.idx,
                             via=via or _via(sent, base, doc), confidence=0.8,
                             source="ru-kak")
    # "..., сообщил министр X." / "..., передает ТАСС.": the clause before the comma
    for t in toks[2:]:
        if (t.lemma_ in w.speech or t.lemma_ in w.relay) and t.pos_ == "VERB" \
                and toks[0].i < t.i - 1 and parse_prev(t).text == ",":
            subj = _subject(t)
            if subj is None or subj.i < t.i:
                continue
            end = max(x.i for x in subj.subtree)
            if any(x.is_alpha for x in toks if x.i > end):  # "(02.05)" may follow
                continue  # "A, считает X, B": a parenthetical cue, not a trailing one
            a, b = strip_span(doc.text, base + sent.start_char, base + parse_prev(t).idx)
            if b - a < 12 or any(x.lower_ in ("что", "как") for x in toks if x.i < t.i
                                 and x.head.i == t.i):
                continue
            speaker = sp.of_token(subj, base)
            via = None
            if _is_outlet(subj) or t.lemma_ in ("передавать", "передать"):
                sub = sorted(subj.subtree, key=lambda x: x.i)
                via = doc.text[base + sub[0].idx:base + sub[-1].idx + len(sub[-1])]
            return Draft(a, b, "indirect", t.text, speaker, cue_at=base + t.idx, via=via,
                         confidence=0.8 if speaker else 0.5, source="ru-trailing")
    # parenthetical cue: "..., считает X, ..." / "Однако, полагает X, ..."
    for t in toks[1:-2]:
        if t.lemma_ in w.speech and t.pos_ == "VERB" and parse_prev(t).text == ",":
            subj = _subject(t)
            if subj is None or subj.i < t.i:
                continue
            close = next((x for x in toks if x.i > subj.i and x.text == ","), None)
            if close is None or close.i > subj.i + 8:
                continue
            before = [x for x in toks if x.i < t.i - 1 and not x.is_punct]
            if len(before) <= 3:
                a, b = strip_span(doc.text, base + close.idx + 1, base + sent.end_char)
            else:
                a, b = strip_span(doc.text, base + sent.start_char, base + sent.end_char)
            if b - a < 12:
                continue
            return Draft(a, b, "indirect", t.text, sp.of_token(subj, base), cue_at=base + t.idx,
                         confidence=0.75, source="ru-parenthetical", via=_via(sent, base, doc))
    # "X заявил, что ..." / "X уверен, что ..."
    for t in toks:
        if t.lemma_ not in w.speech or t.pos_ not in ("VERB", "ADJ"):
            continue
        comp = next((c for c in t.children if c.dep_ in ("ccomp", "xcomp", "advcl", "parataxis")
                     and any(g.lower_ in ("что", "чтобы") for g in c.children)), None)
        nxt = t.doc[t.i + 1:t.i + 3]
        if comp is not None:
            sub = sorted(comp.subtree, key=lambda x: x.i)
            first = next((g for g in sub if g.lower_ in ("что", "чтобы")), sub[0])
            last = sub[-1]
            if first.i > t.i:  # "X сказал, что ...": the view runs to the sentence's end (the
                last = max(last, sent[-1], key=lambda x: x.i)  # parse may hang its end elsewhere)
        elif len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ in ("что", "чтобы"):
            first, last = nxt[1], sent[-1]  # the parse lost the clause: to the sentence end
        else:
            continue
        a, b = strip_span(doc.text, base + first.idx + len(first.text), base + last.idx
                          + len(last.text))
        if b - a < 8:
            continue
        subj = _subject(t)
        speaker = sp.of_token(subj, base) if subj is not None else None
        if subj is not None and _is_outlet(subj) and speaker is not None:
            speaker.method = "outlet"
        return Draft(a, b, "indirect", t.text, speaker, cue_at=base + t.idx,
                     confidence=0.85 if speaker else 0.5, source="ru-that",
                     via=_via(sent, base, doc))
    return None


def _interview(doc: Doc, paras: list[tuple[Paragraph, Any]], sp: _Speakers
               ) -> tuple[set[int], Speaker | None]:
    """Question paragraphs (outlet label or a final "?") and the interviewee: the first person
    mentioned before the first question (with a role, when the text gives one)."""
    questions: set[int] = set()
    labels: dict[str, int] = {}
    for p, _ in paras:
        m = LABEL.match(doc.text[p.start:p.end])
        if m:
            labels[m.group(1)] = labels.get(m.group(1), 0) + 1
    label = max(labels, key=lambda k: labels[k]) if labels and max(labels.values()) >= 2 else None
    marked: set[int] = set()
    for p, _ in paras:
        t = doc.text[p.start:p.end]
        if label is not None and t.startswith(label + ":"):
            questions.add(p.idx)
        elif t.rstrip().endswith("?"):
            marked.add(p.idx)
    if label is None:
        # without a label, "?" paragraphs make an interview only when they are short, at least
        # three, and a good share of what follows the first one (an analysis asks rhetorically)
        after = [p for p, _ in paras if marked and p.idx >= min(marked)]
        short = all(doc.paragraphs[i].end - doc.paragraphs[i].start < 250 for i in marked)
        if len(marked) >= 3 and short and len(marked) >= 0.3 * len(after):
            questions = marked
    if len(questions) < 2:
        return set(), None
    first_q = min(questions)
    intro = [m for m in sp.people if (pa := doc.paragraph_at(m.start)) is not None
             and pa.idx < first_q]
    if not intro:
        return questions, None
    return questions, sp.from_mention(intro[-1])
