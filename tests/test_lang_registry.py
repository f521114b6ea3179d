"""A language brings its own quote, event and stance coders through the language registry.

``register_language(code, events=..., quotes=..., stances=...)`` is all a language (built-in or
plugin) does: the stages ask ``lang.routes(doc, layer)`` which coder reads which paragraphs and
hold no language code themselves. The toy language ``xx`` below is registered from this test
module, and an ``xx`` document's sentences reach its event coder with no stage edit.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from multivector import lang
from multivector.config import Config
from multivector.doc import Doc, Document, Event, Paragraph
from multivector.lang import (
    LanguageError,
    lexicon,
    register_language,
    routes,
    unregister_language,
)
from multivector.lang import registry as registry_module

PLUGINS = Path(__file__).resolve().parent / "fixtures" / "lang_plugin"

TRIGGER = "bonk"  # the toy language's one event word


class ToyEvents:
    """Codes one event (CAMEO 190) per sentence holding the word ``bonk``, and records which
    paragraphs it was given."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, doc: Doc, paragraphs: list[Paragraph]) -> list[Event]:
        self.calls.append([p.idx for p in paragraphs])
        mine = {p.idx for p in paragraphs}
        out = []
        for s in doc.sentences:
            if s.paragraph not in mine:
                continue
            text = doc.text[s.start:s.end]
            at = text.find(TRIGGER)
            if at >= 0:
                out.append(Event(id=f"xx-{s.idx}", sentence=s.idx, start=s.start + at,
                                 end=s.start + at + len(TRIGGER), trigger=TRIGGER,
                                 plover="ASSAULT", cameo="190", text=text,
                                 typed_by=["toy"]))
        return out


@pytest.fixture()
def toy():
    coder = ToyEvents()
    register_language("xx", name="Toy", script="latin", events=coder, origin=__name__)
    yield coder
    unregister_language("xx")


XX_TEXT = ("La urbo Zorgo bonk la najbaran vilaĝon hieraŭ vespere.\n\n"
           "Nenio alia okazis tie dum la tuta semajno, diris la loĝantoj.\n")


@pytest.mark.slow
def test_an_xx_document_reaches_the_toy_event_coder_through_the_pipeline(toy):
    from multivector.pipeline import Pipeline

    # "xx" the only configured language: every Latin paragraph is detected as xx
    doc = Pipeline(Config(languages=("xx",)), stages=["events"]).analyze_text(XX_TEXT)
    assert [p.lang for p in doc.paragraphs] == ["xx", "xx"]
    assert toy.calls == [[0, 1]]  # called once per document, with its xx paragraphs
    assert [(e.trigger, e.cameo, e.typed_by) for e in doc.events] == [(TRIGGER, "190", ["toy"])]
    (ev,) = doc.events
    assert doc.text[ev.start:ev.end] == TRIGGER
    assert doc.sentence_at(ev.start).paragraph == 0


@pytest.mark.slow
def test_languages_without_a_coder_keep_the_default_path(toy, events_pipeline):
    text = ("Russia condemned Ukraine on Monday for the attack on its border post.\n\n"
            "Der Besuch des Ministers in Berlin wurde gestern kurzfristig abgesagt.\n")
    doc = events_pipeline.analyze_text(text)
    assert [p.lang for p in doc.paragraphs] == ["en", "de"]
    assert toy.calls == []  # no xx paragraph: the toy coder is never called
    assert doc.events, "the English (default) coder still codes the English sentence"
    assert all(e.start < doc.paragraphs[1].start for e in doc.events)
    assert all("toy" not in e.typed_by for e in doc.events)


def _doc(langs: list[tuple[str | None, int | None]]) -> Doc:
    text = "".join(f"paragraph {i}.\n" for i in range(len(langs)))
    doc = Doc(document=Document(id="r", text=text, source="test"))
    at = 0
    for i, (code, translation_of) in enumerate(langs):
        n = len(f"paragraph {i}.\n")
        doc.paragraphs.append(Paragraph(idx=i, start=at, end=at + n - 1, lang=code,
                                        translation_of=translation_of))
        at += n
    return doc


def test_routes_give_each_coder_its_own_untranslated_paragraphs(toy):
    doc = _doc([("en", None), ("xx", None), ("ru", None), ("xx", 1), ("zh", None),
                ("de", None), ("qq", None), (None, None), ("xx", None)])
    got = [(coder, [p.idx for p in paras]) for coder, paras in routes(doc, "events")]
    ru, zh = lang.get_language("ru"), lang.get_language("zh")
    assert ru is not None and zh is not None
    # registration order (languages.yaml, then the toy); the translation (3) is left out;
    # English, German, an unknown code and no language have no coder of their own
    assert got == [(ru.events, [2]), (zh.events, [4]), (toy, [1, 8])]
    assert [c for c, _ in routes(doc, "quotes")] == [ru.quotes, zh.quotes]
    assert [c for c, _ in routes(doc, "stances")] == [ru.stances]  # Chinese: none, as before
    assert routes(_doc([("en", None), ("de", None)]), "events") == []
    with pytest.raises(LanguageError, match="relations"):
        routes(doc, "relations")


def test_builtin_languages_declare_their_coders_like_a_plugin():
    en, ru, zh = (lang.get_language(c) for c in ("en", "ru", "zh"))
    assert en is not None and ru is not None and zh is not None
    assert (en.quotes, en.events, en.stances) == (None, None, None)  # the stages' default path
    assert all(callable(c) for c in (ru.quotes, ru.events, ru.stances, zh.quotes, zh.events))
    assert zh.stances is None
    assert (ru.origin, zh.origin) == ("multivector.lang.ru", "multivector.lang.zh")


def test_a_coder_must_be_callable():
    with pytest.raises(LanguageError, match="events must be a callable"):
        register_language("xy", script="latin", events="my_module:code")  # type: ignore[arg-type]
    assert lang.get_language("xy") is None


def test_a_plugin_may_replace_a_builtin_coder():
    ru = lang.get_language("ru")
    assert ru is not None
    seen: list[Any] = []
    try:
        register_language("ru", name=ru.name, script=ru.script, detect=ru.detect,
                          kb_names=ru.kb_names, parser=ru.parser, recogniser=ru.recogniser,
                          accepts=ru.accepts, fallback_rank=ru.fallback_rank,
                          quotes=ru.quotes, stances=ru.stances,
                          events=lambda doc, paras: seen.append(paras) or [], replace=True)
        doc = _doc([("ru", None)])
        ((coder, paras),) = routes(doc, "events")
        assert coder(doc, paras) == [] and seen == [paras]
        assert [p.idx for p in paras] == [0]
    finally:
        register_language("ru", name=ru.name, script=ru.script, detect=ru.detect,
                          kb_names=ru.kb_names, parser=ru.parser, recogniser=ru.recogniser,
                          accepts=ru.accepts, fallback_rank=ru.fallback_rank,
                          quotes=ru.quotes, events=ru.events, stances=ru.stances,
                          replace=True, origin=ru.origin)
    assert lang.get_language("ru") == ru


@pytest.fixture()
def plugin(monkeypatch):
    """The one-folder plugin ``tests/fixtures/lang_plugin/mv_toy_language`` declared in the
    entry-point group, as ``pip install`` of a package naming it would; the registry reloads."""
    monkeypatch.syspath_prepend(str(PLUGINS))
    group = registry_module.ENTRY_POINT_GROUP
    ep = metadata.EntryPoint(name="toy", value="mv_toy_language:register", group=group)
    real = metadata.entry_points

    def entry_points(**kw: Any) -> Any:
        found = real(**kw)
        return [*found, ep] if kw.get("group") == group else found

    monkeypatch.setattr(registry_module.metadata, "entry_points", entry_points)
    monkeypatch.setattr(registry_module, "_LOADED", False)
    lexicon.cache_clear()
    yield
    unregister_language("xq")
    lexicon.cache_clear()


def test_a_plugin_folder_brings_its_words_and_its_coder(plugin):
    xq = lang.get_language("xq")  # loaded through the entry-point group, after the built-ins
    assert xq is not None and xq.origin == "mv_toy_language"
    assert [lg.code for lg in lang.languages()][:3] == ["en", "ru", "zh"]
    assert xq.lexicon_dir == PLUGINS / "mv_toy_language"
    assert lexicon("xq").table("event_words") == {"bonk": "190", "pacto": "057"}
    assert lexicon("xq").origin["event_words"].endswith("words.yaml")


@pytest.mark.slow
def test_a_plugin_language_is_coded_through_the_pipeline(plugin):
    from multivector.pipeline import Pipeline

    text = ("La urbo Zorgo bonk la najbaran vilaĝon hieraŭ vespere.\n\n"
            "La du ministroj subskribis pacto pri akvo en la ĉefurbo.\n")
    doc = Pipeline(Config(languages=("xq",)), stages=["events"]).analyze_text(text)
    assert {p.lang for p in doc.paragraphs} == {"xq"}
    assert [(e.trigger, e.cameo, e.plover, e.quad_class) for e in doc.events] == [
        ("bonk", "190", "ASSAULT", 4), ("pacto", "057", "SUPPORT", 1)]


def test_a_lexicon_dir_must_be_a_folder(tmp_path):
    with pytest.raises(LanguageError, match="not a folder"):
        register_language("xy", script="latin", lexicon_dir=tmp_path / "missing")
    assert lang.get_language("xy") is None


# --------------------------------------------------------------------------- multivector languages
def _languages_json() -> list[dict[str, Any]]:
    from typer.testing import CliRunner

    from multivector.cli import app

    res = CliRunner().invoke(app, ["languages", "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_languages_command_tells_what_each_language_provides():
    rows = {r["code"]: r for r in _languages_json()}
    assert list(rows)[:3] == ["en", "ru", "zh"]
    en, ru, zh, kk = rows["en"], rows["ru"], rows["zh"], rows["kk"]
    assert en["layers"] == ["actors"]  # its coders are the stages' default path
    assert ru["layers"] == ["actors", "quotes", "events", "stances"]
    assert zh["layers"] == ["actors", "quotes", "events"]
    assert kk["layers"] == [] and kk["parser"] == "punctuation" and kk["lexicon"] == []
    assert (en["parser"], ru["parser"], ru["parser_needs"]) == ("spacy", "natasha", ["natasha"])
    assert ru["parser_installed"] is True  # natasha is a dependency
    assert (zh["detector"], ru["detector"]) == ("letters", "lingua")  # the only Han language
    assert ru["lexicon"] == ["lang/ru"] and ru["origin"] == "multivector.lang.ru"
    assert all(r["detect"] for r in (en, ru, zh, kk)) and rows["es"]["detect"] is False


def test_languages_command_shows_a_plugin_and_a_missing_parser(plugin):
    def make() -> Any:
        raise AssertionError("listing languages must not build a parser")

    register_language("xz", name="Toy without its parser", script="cyrillic",
                      parser=lang.doc_parser(make, requires=("mv_no_such_parser_module",)),
                      origin=__name__)
    try:
        rows = {r["code"]: r for r in _languages_json()}
    finally:
        unregister_language("xz")
    xq, xz = rows["xq"], rows["xz"]
    assert xq["layers"] == ["events"] and xq["origin"] == "mv_toy_language"
    assert xq["lexicon"] == [str(PLUGINS / "mv_toy_language")]
    assert (xz["parser"], xz["parser_installed"]) == ("mv_no_such_parser_module", False)
