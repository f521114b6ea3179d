"""The ``quotes`` pipeline stage: who said what.

Runs after ``actors`` (it uses ``doc.mentions`` to resolve speakers when they are there) and
adds ``doc.quotes``; it also marks interview question paragraphs (``Paragraph.is_question``)
and sets ``Document.genre = 'interview'`` when it recognises an interview.

Order of work: quotation marks -> interview structure -> direct quotes -> reported speech ->
de-duplication -> the drafts of each language with a quote extractor of its own (the language
registry, ``lang.routes``) -> records with ids in text order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..doc import ActorRef, Doc, Quote
from ..lang import routes
from ..layers import Layer, register_layer, simple_rows
from ..stages import register_stage
from .direct import DirectAttributor
from .headline import headline_quote
from .indirect import IndirectExtractor
from .interview import Interview, body_start, detect
from .lexicon import Lexicon, load_lexicon
from .marks import find_marks
from .records import Draft, make_quotes, strip_span
from .speakers import Speaker, SpeakerResolver
from .tokens import TokenIndex
from .transcript import detect as transcript_detect
from .transcript import transcript_drafts


@dataclass(frozen=True)
class QuoteSettings:
    """``[multivector.quotes]``"""

    cues_file: str = ""  # replacement cue lexicon (YAML, layout of lang/en/quotes.yaml + speech_verbs)


def _quote_row(q: Any, row: dict) -> None:
    sp = ActorRef.coerce(q.speaker)
    row["speaker"] = sp.as_speaker() if sp is not None else None
    row["speaker_id"] = sp.id if sp is not None else None
    row["speaker_name"] = sp.name if sp is not None else None


register_layer(Layer(
    name="quotes", table="quotes", order=20, rows=simple_rows("quotes", _quote_row),
    count=lambda doc: len(doc.quotes),
    columns=(("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("text", "VARCHAR"), ("start", "INTEGER"),
             ("end", "INTEGER"), ("kind", "VARCHAR"), ("cue", "VARCHAR"), ("speaker", "JSON"),
             ("speaker_id", "VARCHAR"), ("speaker_name", "VARCHAR"), ("via", "VARCHAR"),
             ("addressee", "VARCHAR"), ("mentioned", "JSON"), ("sentence", "INTEGER"),
             ("confidence", "DOUBLE"), ("speaker_candidates", "JSON"))))


@register_stage("quotes", requires=("mentions",), assigns=("quotes",), settings=QuoteSettings)
def build(config: Config, nlp: Any) -> Callable[[Doc], None]:
    """Who said what: direct and reported quotes, interviews, speakers and the outlet relayed."""
    lex = load_lexicon(config.settings("quotes").cues_file or None)

    def run(doc: Doc) -> None:
        extract_quotes(doc, lex)

    return run


def extract_quotes(doc: Doc, lex: Lexicon | None = None) -> list[Quote]:
    """Fill ``doc.quotes`` (and interview flags) and return the quotes."""
    lex = lex or load_lexicon()
    spans = find_marks(doc.text, [(p.start, p.end) for p in doc.paragraphs])
    resolver = SpeakerResolver(doc, [(s.start, s.end) for s in spans if s.depth == 0])
    index = TokenIndex(doc)
    drafts: list[Draft] = []
    skip_direct: set[int] = set()
    skip_indirect: set[int] = set()
    tr = transcript_detect(doc)
    iv = detect(doc, lex, resolver) if tr is None else None
    if tr is not None:
        drafts.extend(transcript_drafts(doc, tr, resolver))
        skip_direct |= set(tr.turns)
        skip_indirect |= set(tr.turns)
        if doc.document.genre is None and sum(doc.paragraphs[i].is_question for i in tr.turns) >= 2:
            doc.document.genre = "interview"
    if iv is not None:
        resolver.interviewee = iv.interviewee
        drafts.extend(_interview_drafts(doc, iv, lex, resolver))
        skip_direct = set(iv.questions) | set(iv.answers)
        skip_indirect = set(iv.questions)
    head = headline_quote(doc, lex, resolver, index)
    if head is not None:
        drafts.append(head)
        if head.cue_at is not None:
            resolver.remember(head.cue_at, head.speaker)
    direct = DirectAttributor(doc, lex, resolver, index, spans)
    d_drafts = direct.attribute(skip_direct)
    i_drafts = IndirectExtractor(doc, lex, resolver, index, spans, direct.last_via).extract(
        skip_indirect, set(iv.answers) if iv is not None else set())
    if iv is not None and iv.interviewee is not None:
        # the interviewee's own "I think that ..." inside an answer is part of the answer
        i_drafts = [d for d in i_drafts if not (d.speaker and d.speaker.same_as(iv.interviewee)
                                                 and (p := doc.paragraph_at(d.start)) is not None
                                                 and p.idx in iv.answers)]
    if head is not None:  # the headline statement already covers quotes inside it
        d_drafts = [d for d in d_drafts if not (head.start <= d.start and d.end <= head.end)]
        i_drafts = [d for d in i_drafts if not (head.start <= d.start and d.end <= head.end)]
    drafts.extend(_drop_nested(_merge(d_drafts, _unique(i_drafts), doc.text)))
    _continue_speakers(drafts, resolver)
    for find, paragraphs in routes(doc, "quotes"):  # each language's own extractor (registry)
        drafts.extend(find(doc, paragraphs, spans))
    doc.quotes = make_quotes(doc, drafts)
    return doc.quotes


def _continue_speakers(drafts: list[Draft], resolver: SpeakerResolver) -> None:
    """A quotation with no cue continues the speaker of the statement before it, direct or
    reported, until another speaker or person comes in (``SpeakerResolver.continuation``)."""
    drafts.sort(key=lambda d: (d.start, d.end))
    prev: Draft | None = None
    for d in drafts:
        if d.speaker is not None and d.speaker.method == "continuation" and prev is not None \
                and prev.speaker is not None and prev.speaker.name and not prev.speaker.same_as(d.speaker):
            # the quoted paragraph continued the last direct quote's speaker, but someone else
            # made a statement in between ("X warned there was a risk ... "What is going to
            # happen?"): the latest statement is the one it continues
            sp = resolver.continuation(prev.speaker, prev.end, d.start)
            if sp is not None:
                d.speaker = sp
        if d.kind == "floating" and d.cue is None and (d.speaker is None or not d.speaker.name):
            if prev is not None and prev.speaker is not None and prev.speaker.name:
                sp = resolver.continuation(prev.speaker, prev.end, d.start)
                if sp is not None:
                    d.speaker = sp
                    d.confidence = min(d.confidence, 0.6) if d.confidence else 0.6
            if d.speaker is None or not d.speaker.name:
                sp = resolver.topic(d.start)
                if sp is not None:
                    d.speaker = sp
                    d.confidence = min(d.confidence, 0.5) if d.confidence else 0.5
        if d.speaker is not None and d.speaker.name and d.kind != "interview":
            prev = d


def _unique(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple[int, int]] = set()
    out = []
    for d in drafts:
        if (d.start, d.end) not in seen:
            seen.add((d.start, d.end))
            out.append(d)
    return out


def _clause_frames_quote(text: str, ind: Draft, d: Draft) -> bool:
    """The reported clause contains the whole quote and starts with at least two words of the
    narrator's before its opening mark (same speaker)."""
    if not (ind.start < d.start and d.end <= ind.end + 2):
        return False
    same_cue = ind.cue_at is not None and ind.cue_at == d.cue_at
    # a quotation with no cue of its own inside the clause ("The MPs found the system was
    # "nowhere near ..."") is that clause's, whoever a continuation would have given it to
    if not same_cue and d.cue is not None and (
            ind.speaker is None or d.speaker is None or not ind.speaker.same_as(d.speaker)):
        return False
    lead = text[ind.start : d.start].strip(" \t\n\"'“”‘’«»„")
    return len(lead.split()) >= 2


def _merge(direct: list[Draft], indirect: list[Draft], text: str = "") -> list[Draft]:
    """One record per statement: a reported clause that is mostly a direct quote keeps the
    direct quote; a direct fragment inside a longer reported clause with the same cue is
    folded into the clause."""
    drop_direct: set[int] = set()
    keep_indirect: list[Draft] = []
    # only the direct quotes overlapping a clause matter: found by bisect over their sorted
    # starts (a quote starting at or before ind.start - longest ends before it), then taken in
    # list order as before; comparing every clause with every quote was quadratic
    order = sorted(range(len(direct)), key=lambda k: direct[k].start)
    starts = [direct[k].start for k in order]
    longest = max((d.end - d.start for d in direct), default=0)
    for ind in indirect:
        covered = False
        near = sorted(order[bisect.bisect_right(starts, ind.start - longest):
                            bisect.bisect_left(starts, ind.end)])
        for k in near:
            d = direct[k]
            inter = min(ind.end, d.end) - max(ind.start, d.start)
            if inter <= 0:
                continue
            if inter >= 0.7 * (ind.end - ind.start):
                if _clause_frames_quote(text, ind, d):
                    # "he said there is “only one ...”": the reported clause is the statement,
                    # the quoted words are part of it
                    drop_direct.add(k)
                    continue
                covered = True
                break
            if d.start >= ind.start and d.end <= ind.end + 2 and (d.cue_at == ind.cue_at or d.speaker is None):
                drop_direct.add(k)
        if not covered:
            keep_indirect.append(ind)
    return [d for k, d in enumerate(direct) if k not in drop_direct] + keep_indirect


def _drop_nested(drafts: list[Draft]) -> list[Draft]:
    """A report inside reported content is part of that content, not a second quote ("The
    mayor said he still supports the project but agreed more consultation was needed": one
    statement of the mayor's, not three; "X said Y had threatened Z": X's words, not Y's):
    an indirect draft whose cue and words lie inside another draft's words is dropped.

    Drafts with another span that opens at or before both the cue and the words qualify when
    one of them reaches past the cue and to the words' end: the two furthest-reaching spans of
    distinct extent among those opening first are kept per prefix (bisect over the sorted
    starts), so a long document is not compared draft by draft (quadratic)."""
    spans = sorted({(d.start, d.end) for d in drafts})
    starts = [a for a, _ in spans]
    best: list[tuple[tuple[int, int] | None, tuple[int, int] | None]] = []
    top: tuple[int, int] | None = None
    second: tuple[int, int] | None = None
    for sp in spans:  # the two spans reaching furthest among spans[:i + 1]
        if top is None or sp[1] > top[1]:
            top, second = sp, top
        elif second is None or sp[1] > second[1]:
            second = sp
        best.append((top, second))
    out = []
    for d in drafts:
        if d.kind == "indirect" and d.cue_at is not None:
            k = bisect.bisect_right(starts, min(d.cue_at, d.start))
            if k:
                top, second = best[k - 1]
                outer = top if top != (d.start, d.end) else second
                if outer is not None and outer[1] > d.cue_at and outer[1] + 2 >= d.end:
                    continue
        out.append(d)
    return out


def _interview_drafts(doc: Doc, iv: Interview, lex: Lexicon, resolver: SpeakerResolver) -> list[Draft]:
    text = doc.text
    out: list[Draft] = []
    if doc.document.genre is None:
        doc.document.genre = "interview"
    interviewer = Speaker(iv.interviewer, None, "interviewer", None, None, "ORG", "interview")
    if iv.interviewer:
        m = resolver.entity_at(*_find(text, iv.interviewer))
        if m is not None and m.actor_id:
            interviewer.actor_id = m.actor_id
    ee = iv.interviewee
    for q in iv.questions:
        p = doc.paragraphs[q]
        p.is_question = True
        a, b = strip_span(text, body_start(text, p.start, p.end, lex), p.end, " \t\n")
        if b > a:
            out.append(Draft(a, b, "interview", "question", interviewer, None,
                             ee.name if ee else None, iv.confidence, a, "interview"))
    for ans in sorted(iv.answers):
        p = doc.paragraphs[ans]
        a, b = strip_span(text, body_start(text, p.start, p.end, lex), p.end, " \t\n")
        if b <= a:
            continue
        out.append(Draft(a, b, "interview", "answer", ee, iv.interviewer, iv.interviewer,
                         iv.confidence if ee else 0.4, a, "interview"))
        if ee is not None:
            resolver.remember(a, ee)
    return out


def _find(text: str, name: str) -> tuple[int, int]:
    i = text.find(name)
    return (i, i + len(name)) if i >= 0 else (0, 0)
