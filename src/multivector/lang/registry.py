"""The language registry: which languages multivector knows and, for each, how a paragraph is
parsed, which actor recogniser reads it and which quote, event and stance coders read its
paragraphs.

Why a registry: adding a language should be a lexicon folder plus one ``register_language``
call, not edits in the segmenter, the linker, the stages and three separate language lists. The
built-in languages register themselves exactly as a plugin would: through the entry-point group
``multivector.languages``, whose entries are callables run once (see ``builtin.register``).
The stages hold no language codes: they ask :func:`routes` which coders read which paragraphs.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

ENTRY_POINT_GROUP = "multivector.languages"
BUILTIN = "multivector.lang.builtin:register"
SCRIPTS = ("latin", "cyrillic", "han")
SPACY = "spacy"  # parser: the configured spaCy pipeline, run in batches (nlp.pipe)
PUNCTUATION = "punctuation"  # parser: sentences split at sentence punctuation, no tokens


class LanguageError(ValueError):
    """A bad language registration (names the language and the problem)."""


class Recogniser(Protocol):
    """Reads one paragraph, returns actor candidates (``actors.candidates.Cand``).

    ``paragraph`` is a ``doc.Paragraph`` (its ``spacy`` parse is set when the language's parser
    is spaCy), ``text`` its text, ``date`` the document date (ISO) or None."""

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list: ...


SentenceSplitter = Callable[[str, int], list[tuple[int, int]]]


class DocParser(Protocol):
    """A language's own parser: paragraph texts -> spaCy ``Doc`` objects (tokens, sentences,
    dependencies with the English model's labels), in batches (e.g. natasha for Russian,
    ``multivector.lang.ru.parse``). Its docs go to ``Doc.user_data["parses"]``, not to
    ``Paragraph.spacy``, so the English-only stage code never reads them by accident."""

    def pipe(self, texts: list[str]) -> list[Any]: ...
RecogniserFactory = Callable[[Any, Any], Recogniser | None]  # (knowledge base, spaCy nlp)


class QuoteCoder(Protocol):
    """A language's quote extractor: ``(doc, paragraphs, marks) -> [quotes.records.Draft]``.

    ``paragraphs`` are the document's own paragraphs of the language (never a translation of
    another paragraph), in text order; ``marks`` the quotation-mark spans of the whole document
    (``quotes.marks.find_marks``). Its drafts join the English ones before the quote records
    are made, so speakers, ids and de-duplication are the stage's."""

    def __call__(self, doc: Any, paragraphs: list[Any], marks: list[Any]) -> list: ...


class EventCoder(Protocol):
    """A language's event coder: ``(doc, paragraphs) -> [events.Event]`` (paragraphs as for
    :class:`QuoteCoder`; ``doc.mentions`` and ``doc.quotes`` are filled)."""

    def __call__(self, doc: Any, paragraphs: list[Any]) -> list: ...


class StanceCoder(Protocol):
    """A language's stance cue finder: ``(doc, paragraphs) -> [stance.extract.Hit]``; the hits
    are grouped into stances with the English ones."""

    def __call__(self, doc: Any, paragraphs: list[Any]) -> list: ...


# the layers a language may code with its own coder: the ``Language`` field of each
CODED_LAYERS = ("quotes", "events", "stances")


@dataclass(frozen=True)
class Language:
    """One language. ``parser`` is ``"spacy"`` (parsed with the configured spaCy model: tokens,
    sentences, dependencies), ``"punctuation"`` (sentences only) or a callable
    ``(text, offset) -> [(start, end), ...]`` giving absolute sentence spans, or a factory
    ``() -> DocParser`` (wrapped by :func:`doc_parser`) for a language parsed by its own tools."""

    code: str
    name: str
    script: str  # the letters LanguageDetector counts for it: latin, cyrillic, han
    detect: bool = False  # in the default ``languages`` setting
    kb_names: bool = False  # actor records may carry names in it (a top-level ``ru: [...]``)
    parser: str | SentenceSplitter = PUNCTUATION
    recogniser: RecogniserFactory | None = None
    # text this language's recogniser can read; also used to pick a recogniser for paragraphs
    # of languages without one (lowest ``fallback_rank`` whose pattern matches first)
    accepts: re.Pattern | None = None
    fallback_rank: int = 100
    origin: str = ""  # who registered it (module of the registering function)
    # the language's own coders, each optional: None leaves its paragraphs to the stage's
    # default path (the English one: spaCy-parsed sentences only, so nothing for a language
    # parsed otherwise)
    quotes: QuoteCoder | None = None
    events: EventCoder | None = None
    stances: StanceCoder | None = None
    # a folder of the language's own word lists (``*.yaml``), merged over the packaged
    # ``lang/<code>/`` by ``lexicon(code)``: a plugin ships its words in its own package
    lexicon_dir: Path | None = None

    @property
    def parsed(self) -> bool:
        return self.parser == SPACY

    @property
    def own_parser(self) -> bool:
        """Parsed by its own ``DocParser`` (see :func:`doc_parser`)."""
        return isinstance(self.parser, DocParserFactory)

    def reads(self, text: str) -> bool:
        return self.recogniser is not None and (self.accepts is None
                                                or self.accepts.search(text) is not None)


@dataclass(frozen=True)
class DocParserFactory:
    """Marks a ``parser`` as a ``DocParser`` factory (not a sentence splitter); the parser is
    built once per process, on the first paragraph of the language."""

    make: Callable[[], Any]
    # the importable modules the parser needs (``multivector languages`` says whether they
    # are installed without importing them)
    requires: tuple[str, ...] = ()

    def __call__(self, text: str, offset: int) -> list[tuple[int, int]]:
        # used as a sentence splitter only for a paragraph left unparsed (a translation):
        # sentences end at . ! ? … followed by a blank
        out = []
        for m in _SENTENCE.finditer(text):
            a, b = m.start(), m.end()
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((offset + a, offset + b))
        return out


def doc_parser(make: Callable[[], Any], requires: tuple[str, ...] = ()) -> DocParserFactory:
    """Wrap a ``() -> DocParser`` factory for ``register_language(parser=...)``; ``requires``
    names the modules it imports (e.g. ``("natasha",)``)."""
    return DocParserFactory(make, tuple(requires))


_PARSERS: dict[str, Any] = {}
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+(?=\s)|$)", re.S)


def parser_for(lang: Language) -> Any:
    """The ``DocParser`` of a language with its own parser (built on first use)."""
    if not isinstance(lang.parser, DocParserFactory):
        raise LanguageError(f"language {lang.code!r} has no parser of its own")
    if lang.code not in _PARSERS:
        _PARSERS[lang.code] = lang.parser.make()
    return _PARSERS[lang.code]


_REGISTRY: dict[str, Language] = {}
_LOADED = False
_LOADING = False


def register_language(code: str, *, name: str | None = None, script: str = "latin",
                      detect: bool = False, kb_names: bool = False,
                      parser: str | SentenceSplitter = PUNCTUATION,
                      recogniser: RecogniserFactory | None = None,
                      accepts: str | re.Pattern | None = None, fallback_rank: int = 100,
                      quotes: QuoteCoder | None = None, events: EventCoder | None = None,
                      stances: StanceCoder | None = None,
                      lexicon_dir: str | Path | None = None,
                      replace: bool = False, origin: str = "") -> Language:
    """Add (or, with ``replace=True``, redefine) a language. Returns the registered entry.

    ``quotes``, ``events`` and ``stances`` are the language's own coders (see
    :class:`QuoteCoder`, :class:`EventCoder`, :class:`StanceCoder`); the stages give each the
    document's paragraphs of its language (:func:`routes`). ``lexicon_dir`` is a folder of the
    language's word lists (``*.yaml``, read by ``lexicon(code)`` after the packaged ones, with
    the ``key+:`` / ``key:`` merge of ``MULTIVECTOR_LEXICON_DIRS``); register before the first
    ``lexicon(code)`` call, which is read once."""
    if not re.fullmatch(r"[a-z]{2,3}", code or ""):
        raise LanguageError(f"language {code!r}: the code must be 2-3 lower-case letters"
                            " (ISO 639)")
    if script not in SCRIPTS:
        raise LanguageError(f"language {code!r}: script {script!r} is not one of {SCRIPTS}")
    if not (callable(parser) or parser in (SPACY, PUNCTUATION)):
        raise LanguageError(f"language {code!r}: parser must be {SPACY!r}, {PUNCTUATION!r}"
                            " or a callable (text, offset) -> sentence spans")
    for layer, coder in zip(CODED_LAYERS, (quotes, events, stances), strict=True):
        if coder is not None and not callable(coder):
            raise LanguageError(f"language {code!r}: {layer} must be a callable or None")
    if lexicon_dir is not None and not Path(lexicon_dir).is_dir():
        raise LanguageError(f"language {code!r}: lexicon_dir {str(lexicon_dir)!r} is not a folder")
    if code in _REGISTRY and not replace:
        raise LanguageError(f"language {code!r} is already registered by"
                            f" {_REGISTRY[code].origin or 'another module'};"
                            " pass replace=True to redefine it")
    lang = Language(code=code, name=name or code, script=script, detect=detect,
                    kb_names=kb_names, parser=parser, recogniser=recogniser,
                    accepts=re.compile(accepts) if isinstance(accepts, str) else accepts,
                    fallback_rank=fallback_rank, origin=origin, quotes=quotes, events=events,
                    stances=stances,
                    lexicon_dir=Path(lexicon_dir) if lexicon_dir is not None else None)
    _REGISTRY[code] = lang
    return lang


def unregister_language(code: str) -> None:
    """Remove a language (tests that register a toy language clean up with this)."""
    _REGISTRY.pop(code, None)


def _load() -> None:
    """Run the built-in registration, then every plugin of the entry-point group, once."""
    global _LOADED, _LOADING
    if _LOADED or _LOADING:
        return
    _LOADING = True
    try:
        # by name, like any plugin: the built-in languages module imports the stage packages'
        # recognisers, which import this package (no import-time cycle)
        module, _, attr = BUILTIN.partition(":")
        getattr(importlib.import_module(module), attr)()  # run first so plugins may replace
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if ep.value == BUILTIN:
                continue
            try:
                fn = ep.load()
            except Exception as exc:  # a broken plugin must be named, not crash silently
                raise LanguageError(f"language plugin {ep.name!r} ({ep.value}) cannot be"
                                    f" loaded: {exc}") from exc
            fn()
        _LOADED = True
    finally:
        _LOADING = False


def languages() -> list[Language]:
    """Every registered language, in registration order (the one list of languages)."""
    _load()
    return list(_REGISTRY.values())


def get_language(code: str | None) -> Language | None:
    _load()
    return _REGISTRY.get(code) if code else None


def default_languages() -> tuple[str, ...]:
    """Codes detected by default (the default of the ``languages`` setting)."""
    return tuple(lang.code for lang in languages() if lang.detect)


def kb_name_languages() -> tuple[str, ...]:
    """Codes an actor record may list names under (``ru: [...]``)."""
    return tuple(lang.code for lang in languages() if lang.kb_names)


def script_languages() -> dict[str, tuple[str, ...]]:
    """script -> codes of that script (what LanguageDetector may ask lingua to choose from)."""
    out: dict[str, tuple[str, ...]] = {s: () for s in SCRIPTS}
    for lang in languages():
        out[lang.script] += (lang.code,)
    return out


def parsed_languages() -> frozenset[str]:
    """Codes whose paragraphs the spaCy pipeline parses."""
    return frozenset(lang.code for lang in languages() if lang.parsed)


def own_parser_languages() -> frozenset[str]:
    """Codes parsed by their own ``DocParser`` (Russian: natasha)."""
    return frozenset(lang.code for lang in languages() if lang.own_parser)


def fallback_order() -> list[Language]:
    """Languages with a recogniser, in the order they are tried on a paragraph whose own
    language has none (or whose recogniser cannot read it)."""
    return sorted((lang for lang in languages() if lang.recogniser is not None),
                  key=lambda lang: lang.fallback_rank)


def routes(doc: Any, layer: str) -> list[tuple[Any, list[Any]]]:
    """``(coder, paragraphs)`` for each registered language that has its own ``layer`` coder
    (``"quotes"``, ``"events"`` or ``"stances"``) and paragraphs in ``doc``, in registration
    order: what a stage runs besides its default path. ``paragraphs`` are the language's
    paragraphs that are not translations of another one (the original's layer is coded once,
    where it was written); a language with no paragraphs in the document is not called."""
    if layer not in CODED_LAYERS:
        raise LanguageError(f"no language coder for {layer!r}: one of {CODED_LAYERS}")
    by_lang: dict[str, list[Any]] = {}
    for p in doc.paragraphs:
        if p.lang and p.translation_of is None:
            by_lang.setdefault(p.lang, []).append(p)
    out = []
    for lang in languages():
        coder = getattr(lang, layer)
        if coder is not None and lang.code in by_lang:
            out.append((coder, by_lang[lang.code]))
    return out
