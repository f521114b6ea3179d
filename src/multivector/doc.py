"""The container that flows through the pipeline, and the records each stage adds.

Like a spaCy ``Doc``: one object per document; every stage reads the layers before it and adds
its own (paragraphs and sentences, then mentions, quotes, events, stances). All character offsets
(``start``/``end``) are absolute offsets into ``Document.text``, the cleaned text that is stored,
so every record can be traced back to the exact span it came from.

English paragraphs carry a parsed spaCy ``Doc`` in ``Paragraph.spacy``; a token's absolute offset
is ``paragraph.start + token.idx`` (see :func:`Doc.token_start`). Non-English paragraphs have no
parse (``spacy is None``) but do have sentences.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class Document:
    """One input document after ingest and cleaning (the row of table ``documents``)."""

    id: str  # sha256 of the cleaned text, first 16 hex chars: the content key
    source: str  # the path or URL as given (``path#row`` for rows of jsonl/csv/feeds)
    text: str  # cleaned text; all offsets point into it
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) or None; never invented
    date_source: str | None = None  # 'metadata', 'dateline', 'input' or None
    author: str | None = None
    url: str | None = None
    outlet: str | None = None  # site or publication name when known
    genre: str | None = None  # 'interview', 'opinion', 'analysis', 'report' when detected
    encoding: str | None = None  # how the bytes were decoded (utf-8, utf-8-sig, cp1251, latin-1)
    format: str | None = None  # txt, html, jsonl, csv, rss, url, stdin
    languages: list[str] = field(default_factory=list)  # codes, most text first
    removed: list[dict] = field(default_factory=list)  # boilerplate removed: {kind, text}
    meta: dict = field(default_factory=dict)


@dataclass
class Paragraph:
    idx: int
    start: int
    end: int
    lang: str | None = None  # ISO 639-1 code or None when undetermined
    translation_of: int | None = None  # idx of the paragraph this one translates
    is_question: bool = False  # interview question paragraph (set by the quotes stage)
    spacy: Any = field(default=None, repr=False, compare=False)  # spaCy Doc (English only)


@dataclass
class Sentence:
    idx: int
    paragraph: int
    start: int
    end: int
    lang: str | None = None
    span: Any = field(default=None, repr=False, compare=False)  # spaCy Span or None


@dataclass
class Actor:
    """A canonical actor (row of table ``actors``)."""

    id: str
    name: str
    type: str  # state, government, military, legislature, igo, ngo, think-tank, media,
    #            company, person, group, region
    country: str | None = None  # ISO 3166 alpha-3
    cameo: str | None = None  # CAMEO-style code, e.g. UZBGOV
    sector: str | None = None  # GOV, MIL, CVL, BUS, MED, ...
    roles: list[dict] = field(default_factory=list)  # {role, org, country, start, end}
    aliases: dict[str, list[str]] = field(default_factory=dict)  # lang -> names
    discovered: bool = False  # found in text, not in the knowledge base


# ``ActorRef.country_from``: how an event argument's country was inferred (docs/events.md,
# "Where a country comes from"). An argument whose country is its actor's own has none.
COUNTRY_FROM = {
    "title": "a state its own noun phrase names (\"his Spanish counterpart X\")",
    "speaker": "the country of the quote's speaker it is",
    "location": "the country of the event's location",
    "sentence": "the one country the sentence names",
    "place": "the one place the sentence names in a locative phrase",
    "counterpart": "the country of the event's other side",
    "story": "the story's home country (one country holds the document)",
    "document": "the one country the whole document names",
}


@dataclass
class ActorRef:
    """A reference from a record to an actor: a quote's speaker, an event's source or target, a
    stance's holder or target. One type for all three, so an actor is described the same way
    everywhere; ``id`` is the canonical actor id or None when the text names someone the knowledge
    base does not know (``name`` then carries the words of the text). ``start``/``end`` point at
    the mention the reference was taken from, when there is one.

    Each layer stores the reference in the shape its export has always had (see the ``as_*``
    methods): the export field names are a contract. ``get``/``[]`` read the legacy keys so code
    written against the old dictionaries keeps working.
    """

    id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    type: str | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None
    # quotes: how the speaker was found (name, pronoun, descriptor, continuation, carrier);
    # events: "implied" for an actor the text does not name (a convention filled it in)
    method: str | None = None
    confidence: float | None = None  # quotes: how sure that resolution is
    # events: where ``country`` came from when neither the actor's knowledge-base entry nor the
    # words of its own phrase gave it ("Police arrested ..." in a British story: "story"); None
    # when the actor itself carries it. Values in ``COUNTRY_FROM``.
    country_from: str | None = None

    _ALIASES: ClassVar[dict[str, str]] = {"actor_id": "id"}

    # --- the stored shapes --------------------------------------------------------------
    def as_speaker(self) -> dict:
        """``quotes.speaker``."""
        out: dict[str, Any] = {"actor_id": self.id, "name": self.name, "role": self.role,
               "start": self.start, "end": self.end}
        if self.method is not None:
            out["method"] = self.method
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out

    def as_participant(self) -> dict:
        """``events.source`` / ``events.target`` items (``method`` only when set: "implied";
        ``country_from`` only when the country was inferred, not the actor's own)."""
        out: dict[str, Any] = {"id": self.id, "name": self.name, "country": self.country,
                               "sector": self.sector}
        if self.method is not None:
            out["method"] = self.method
        if self.country_from is not None:
            out["country_from"] = self.country_from
        return out

    def as_party(self) -> dict:
        """``stances.holder`` / ``stances.target``."""
        return {"id": self.id, "name": self.name, "type": self.type, "country": self.country,
                "role": self.role}

    # --- construction and legacy access -------------------------------------------------
    @classmethod
    def coerce(cls, value: ActorRef | dict | None) -> ActorRef | None:
        """An ActorRef from an ActorRef, a legacy dict (any of the stored shapes) or None."""
        if value is None or isinstance(value, ActorRef):
            return value
        known = {f.name for f in dataclasses.fields(cls)}
        kw = {cls._ALIASES.get(k, k): v for k, v in value.items()}
        return cls(**{k: v for k, v in kw.items() if k in known})

    def get(self, key: str, default: Any = None) -> Any:
        v = getattr(self, self._ALIASES.get(key, key), None)
        return default if v is None else v

    def __getitem__(self, key: str) -> Any:
        name = self._ALIASES.get(key, key)
        if name.startswith("_") or not hasattr(self, name):
            raise KeyError(key)
        return getattr(self, name)

    def __bool__(self) -> bool:
        return True


@dataclass
class Mention:
    """A span of text that refers to an actor (row of table ``mentions``)."""

    text: str
    start: int
    end: int
    actor_id: str | None
    sentence: int | None = None
    language: str | None = None
    method: str = "gazetteer"  # gazetteer, ner, demonym, metonym, alias, fuzzy, pronoun, descriptor, ...
    role: str | None = None  # role as stated in the text ("political scientist")
    confidence: float = 1.0


@dataclass
class Quote:
    """Something a speaker said (row of table ``quotes``)."""

    id: str
    text: str
    start: int
    end: int
    kind: str  # direct, indirect, interview, floating
    cue: str | None = None
    speaker: ActorRef | None = None  # None when the text does not say who
    via: str | None = None  # outlet the quote was relayed through
    addressee: str | None = None
    mentioned: list[str] = field(default_factory=list)  # actor ids mentioned in the quote
    sentence: int | None = None
    confidence: float = 1.0
    speaker_candidates: list[str] = field(default_factory=list)  # speaker null: who it could be


@dataclass
class Event:
    """Who did what to whom (row of table ``events``)."""

    id: str
    sentence: int
    start: int
    end: int
    trigger: str
    plover: str | None  # null for CAMEO 01x statements (PLOVER has no such type)
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: list[ActorRef] = field(default_factory=list)
    target: list[ActorRef] = field(default_factory=list)
    location: str | None = None
    modality: str = "asserted"  # asserted, negated, hypothetical, future, recommended, reported
    date: str | None = None
    date_precision: str | None = None  # day, month, year, approximate
    quote_id: str | None = None
    confidence: float = 1.0
    text: str | None = None  # the sentence text (evidence)
    typed_by: list[str] = field(default_factory=list)  # patterns, verb-dictionary, classifier
    complete: bool = True  # source and target both found
    attributed_to: dict | None = None  # {quote_id, source, actor_id}: who reported the event
    # the learned gate's probability that the event is right (events/gate.py; None without a
    # gate model). ``confidence`` stays the typers' agreement on the class
    gate_probability: float | None = None


@dataclass
class Stance:
    """How a holder sees a target actor (row of table ``stances``)."""

    id: str
    holder: ActorRef
    target: ActorRef
    polarity: float  # [-1, 1]
    label: str  # cooperative, hostile, mixed, neutral
    aspect: str | None = None
    evidence: list[dict] = field(default_factory=list)  # {start, end, text}
    sentence: int | None = None
    quote_id: str | None = None
    method: str = "lexicon"
    confidence: float = 1.0


def record_dict(record: Any) -> dict:
    """A record as a plain dict without runtime-only fields (spaCy objects)."""
    out = {}
    for f in dataclasses.fields(record):
        if f.name in ("spacy", "span"):
            continue
        out[f.name] = getattr(record, f.name)
    return out


@dataclass
class Doc:
    """A document and all layers the pipeline has added to it."""

    document: Document
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # actors referenced by this doc
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    layers: dict[str, list] = field(default_factory=dict)  # layers added by plugin stages
    timings: dict[str, float] = field(default_factory=dict)
    user_data: dict = field(default_factory=dict)  # scratch space shared between stages

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    # --- navigation helpers used by every stage -------------------------------------------
    def _starts(self, name: str) -> list[int]:
        """Start offsets of ``self.<name>`` (sentences, paragraphs), built once per list rather
        than on every lookup: stages look up thousands of offsets in a long document, and
        rebuilding the list each time made the cost quadratic in its length."""
        items = getattr(self, name)
        cache = self.__dict__.setdefault("_mv_starts", {})
        hit = cache.get(name)
        if hit is None or hit[0] is not items or hit[1] != len(items):
            hit = cache[name] = (items, len(items), [x.start for x in items])
        return hit[2]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset`` (or None)."""
        starts = self._starts("sentences")
        i = bisect.bisect_right(starts, offset) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i].start <= offset < max(
            self.sentences[i].end, self.sentences[i].start + 1
        ):
            return self.sentences[i]
        return None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        starts = self._starts("paragraphs")
        i = bisect.bisect_right(starts, offset) - 1
        if 0 <= i < len(self.paragraphs) and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def quote_containing(self, start: int, end: int) -> Quote | None:
        """The innermost quote containing ``[start, end)`` (the shortest; the first in
        ``self.quotes`` among equally long ones), or None. Events and stances ask this for
        every trigger and cue; scanning every quote each time made a long document's cost
        quadratic, so the quotes are indexed once per list: sorted by start, with the furthest
        end reached so far, the scan goes back from the last quote starting at ``start`` and
        stops where no earlier quote reaches ``end``."""
        quotes = self.quotes
        hit = self.__dict__.get("_mv_quotes")
        if hit is None or hit[0] is not quotes or hit[1] != len(quotes):
            order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
            reach: list[int] = []
            for i in order:
                reach.append(max(reach[-1], quotes[i].end) if reach else quotes[i].end)
            hit = self.__dict__["_mv_quotes"] = (
                quotes, len(quotes), order, [quotes[i].start for i in order], reach)
        order, starts, reach = hit[2], hit[3], hit[4]
        best: Quote | None = None
        best_key = (0, 0)
        for j in range(bisect.bisect_right(starts, start) - 1, -1, -1):
            if reach[j] < end:
                break
            q = quotes[order[j]]
            if end <= q.end:
                key = (q.end - q.start, order[j])
                if best is None or key < best_key:
                    best, best_key = q, key
        return best

    def quotes_spoken_at(self, pos: int) -> list[Quote]:
        """The quotes (in ``self.quotes`` order) whose speaker's words contain offset ``pos``
        ("a spokeswoman for the ministry"). Indexed once per list of quotes, as
        ``quote_containing`` is: the events stage asks it for arguments across a long
        document."""
        quotes = self.quotes
        hit = self.__dict__.get("_mv_speakers")
        if hit is None or hit[0] is not quotes or hit[1] != len(quotes):
            spans = sorted((q.speaker.start, q.speaker.end, i) for i, q in enumerate(quotes)
                           if q.speaker is not None and q.speaker.start is not None
                           and q.speaker.end is not None)
            reach: list[int] = []
            for _, e, _ in spans:
                reach.append(max(reach[-1], e) if reach else e)
            hit = self.__dict__["_mv_speakers"] = (quotes, len(quotes), spans,
                                                   [s for s, _, _ in spans], reach)
        spans, starts, reach = hit[2], hit[3], hit[4]
        found: list[int] = []
        for j in range(bisect.bisect_right(starts, pos) - 1, -1, -1):
            if reach[j] <= pos:
                break
            if pos < spans[j][1]:
                found.append(spans[j][2])
        return [quotes[i] for i in sorted(found)]

    def english_sentences(self, include_translations: bool = False) -> Iterator[Sentence]:
        """Sentences with a spaCy parse; translations of other paragraphs are skipped."""
        for s in self.sentences:
            p = self.paragraphs[s.paragraph]
            if s.span is None:
                continue
            if p.translation_of is not None and not include_translations:
                continue
            yield s

    def token_start(self, token: Any, paragraph: Paragraph | None = None) -> int:
        """Absolute character offset of a spaCy token of an English paragraph."""
        if paragraph is None:
            paragraph = self.paragraph_of_token(token)
        return paragraph.start + token.idx

    def span_offsets(self, span: Any) -> tuple[int, int]:
        """Absolute (start, end) of a spaCy Span from one of this doc's paragraphs."""
        p = self.paragraph_of_token(span.doc[0]) if len(span.doc) else None
        base = p.start if p is not None else 0
        return base + span.start_char, base + span.end_char

    def paragraph_of_token(self, token: Any) -> Paragraph:
        base = token.doc.user_data.get("mv_paragraph")
        if base is None:
            raise ValueError("token does not belong to a paragraph of this document")
        return self.paragraphs[base]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]
