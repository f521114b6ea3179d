"""Interviews: which paragraphs are questions, which are answers, and who answers.

An interview has an introduction that names the interviewee ("We talked about it with
political scientist X", "the interlocutor of OUTLET admitted ...") followed by question
paragraphs (ending in '?', led by a dash or bullet, or labelled Q:) each followed by one or
more answer paragraphs. Questions belong to the interviewer (the outlet when known); answers
belong to the interviewee. Detection is deliberately strict (at least two question/answer
pairs and an interview marker or Q/A labels) so that rhetorical questions in an opinion piece
do not turn it into an interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..doc import Doc
from .lexicon import Lexicon
from .speakers import Speaker, SpeakerResolver, _clean_phrase

LEAD = re.compile(r"^[\s\-–—•·*>]+")
TRAIL = re.compile(r"[\s\"'“”»«’)\]*]+$")
DATE_LINE = re.compile(r"^[\d\s.,:/\-–]+$")


@dataclass
class Interview:
    questions: list[int] = field(default_factory=list)  # paragraph idx
    answers: dict[int, int] = field(default_factory=dict)  # answer paragraph -> question paragraph
    interviewee: Speaker | None = None
    interviewer: str | None = None  # outlet or interviewer name
    confidence: float = 0.9


def _label(text: str, labels: tuple[str, ...]) -> re.Match | None:
    if not labels:
        return None
    alt = "|".join(re.escape(x) for x in labels)
    return re.match(rf"^\s*(?:\*\*|__)?(?:{alt})(?:\*\*|__)?\s*[:.)\-–—]\s*(?:\*\*|__)?\s*", text)


def body_start(text: str, lo: int, hi: int, lex: Lexicon) -> int:
    """Offset where a question or answer paragraph's own words start (after a dash, bullet or
    a Q:/A: label)."""
    seg = text[lo:hi]
    m = _label(seg, lex.question_labels) or _label(seg, lex.answer_labels)
    i = m.end() if m else 0
    m2 = LEAD.match(seg[i:])
    if m2:
        i += m2.end()
    return lo + i


def _is_question(seg: str, lex: Lexicon) -> bool:
    if _label(seg, lex.question_labels):
        return True
    if _label(seg, lex.answer_labels):
        return False
    body = LEAD.sub("", seg).rstrip().rstrip("*_ ").rstrip()
    if not body.endswith("?") or len(body.split()) > 120:
        return False  # a question mark inside a closing quotation mark is someone else's question
    # an interview question is mostly questions; an essay paragraph that ends with a
    # rhetorical one is mostly statements
    sents = [x for x in re.split(r"(?<=[.!?])\s+", body) if x.strip()]
    asked = sum(1 for x in sents if x.rstrip("\"'”’»)").endswith("?"))
    return asked * 2 >= len(sents)


def _is_trailer(seg: str, lex: Lexicon) -> bool:
    s = seg.strip()
    low = s.lower()
    if any(low.startswith(p) for p in lex.trailer_prefixes):
        return True
    if DATE_LINE.match(s):
        return True
    words = s.split()
    return len(words) < 5 and not s.endswith((".", "!", "?", "…"))


def detect(doc: Doc, lex: Lexicon, resolver: SpeakerResolver) -> Interview | None:
    """The interview structure of ``doc`` or None when it is not an interview."""
    text = doc.text
    paras = [p for p in doc.paragraphs if p.translation_of is None and (p.lang in (None, "en"))]
    if len(paras) < 4:
        return None
    segs = {p.idx: text[p.start : p.end] for p in paras}
    order = [p.idx for p in paras]
    q_flags = {i: _is_question(segs[i], lex) for i in order}
    labelled = sum(1 for i in order if _label(segs[i], lex.question_labels) or _label(segs[i], lex.answer_labels))
    dashed_q = sum(1 for i in order if q_flags[i] and LEAD.match(segs[i]))
    # question/answer pairs
    questions: list[int] = []
    answers: dict[int, int] = {}
    first_q = None
    current_q = None
    ended = False
    for k, i in enumerate(order):
        seg = segs[i]
        if ended:
            break
        if q_flags[i]:
            # a question needs an answer after it
            nxt = order[k + 1] if k + 1 < len(order) else None
            if nxt is None or q_flags[nxt] or _is_trailer(segs[nxt], lex):
                if current_q is not None:
                    ended = True
                continue
            if first_q is None:
                first_q = i
            questions.append(i)
            current_q = i
        elif current_q is not None:
            if _is_trailer(seg, lex):
                ended = True
                continue
            answers[i] = current_q
    if first_q is None or len(questions) < 2 or len(set(answers.values())) < 2:
        return None
    intro = [i for i in order if i < first_q]
    intro_text = " ".join(segs[i] for i in intro).lower()
    marker = any(re.search(rf"\b{re.escape(m)}\b", intro_text) for m in lex.interview_markers)
    if not (marker or labelled >= 2 or dashed_q >= 2):
        return None
    if not (labelled >= 2 or dashed_q >= 2) and len(answers) > 4 * len(questions):
        return None  # a few questions in a long article: rhetorical, not an interview
    iv = Interview(questions=questions, answers=answers)
    iv.interviewee, iv.interviewer, strong = _interviewee(doc, intro, lex, resolver)
    iv.interviewer = iv.interviewer or doc.document.outlet or _source_line(doc, order, segs)
    iv.confidence = 0.9 if strong else 0.75
    return iv


def _source_line(doc: Doc, order: list[int], segs: dict[int, str]) -> str | None:
    for i in reversed(order[-6:]):
        m = re.match(r"^\s*(?:source|photo source)\s*:\s*(.+?)\s*$", segs[i], re.I)
        if m and len(m.group(1).split()) <= 6:
            return m.group(1)
    return None


def _interviewee(doc: Doc, intro: list[int], lex: Lexicon, resolver: SpeakerResolver):
    """(speaker, interviewer, strong): the person the introduction says was interviewed."""
    interviewer = None
    persons_before: list = []
    for s in doc.english_sentences():
        if s.paragraph not in intro:
            continue
        sent = s.span
        low = sent.text.lower()
        persons = [n for n in resolver.named if s.start <= n.start < s.end
                   and _can_be_interviewee(doc, n, resolver)]
        has_marker = any(re.search(rf"\b{re.escape(m)}\b", low) for m in lex.interview_markers)
        if "interlocutor of" in low or "interlocutor" in low:
            m = re.search(r"interlocutor of ([^\s,;]+(?: [A-Z][\w.]*)*)", sent.text)
            if m:
                interviewer = m.group(1).rstrip(".")
        if has_marker:
            # prefer the person after "with"/"to" ("talked ... with political scientist X")
            after_with = [n for n in persons if re.search(r"\b(with|to)\b", doc.text[s.start : n.start])]
            chosen = (after_with or persons or [])
            if chosen:
                n = chosen[-1] if after_with else chosen[0]
                return _as_speaker(n, resolver), interviewer, True
            if persons_before:
                return _as_speaker(persons_before[-1], resolver), interviewer, True
        persons_before.extend(persons)
    return None, interviewer, False  # never guess the interviewee


def _can_be_interviewee(doc: Doc, n, resolver: SpeakerResolver) -> bool:
    """A person the tagger found, outside quotation marks, that the actor linker did not
    resolve to something else. Why: a headline quoting the interviewee ('Interview: "Astana
    balances ..."') had its capital tagged PERSON, and the whole interview was attributed to
    the government that capital stands for."""
    if n.label != "PERSON" or resolver._inside_quote(n.start):
        return False
    actor = doc.actors.get(n.actor_id) if n.actor_id else None
    return actor is None or actor.type in (None, "person")


def _as_speaker(n, resolver: SpeakerResolver) -> Speaker:
    role = n.role
    if role is None:  # the role may be stated at another mention of the same person
        for o in resolver.named:
            if o.role and o.label == "PERSON" and o.name.split()[-1:] == n.name.split()[-1:]:
                role = o.role
                break
    name = n.name
    for o in resolver.named:  # the fullest form of the name
        if o.label == "PERSON" and o.name.split()[-1:] == name.split()[-1:] and len(o.name) > len(name):
            name = o.name
    return Speaker(_clean_phrase(name), n.actor_id, role, n.start, n.end, "PERSON", "interview")
