"""Languages as data: the lexicon loader, user lexicon folders and the language registry
(a toy language registered here gets its own sentences and its own actor recogniser)."""

from __future__ import annotations

import pytest

from multivector import lang
from multivector.actors.candidates import Cand
from multivector.config import DEFAULT_LANGUAGES, Config
from multivector.lang import LexiconError, lexicon, register_language, unregister_language


def test_one_list_of_languages_drives_every_former_copy():
    from multivector.actors.kb import LANGS
    from multivector.text.language import SCRIPTS

    codes = [lg.code for lg in lang.languages()]
    assert DEFAULT_LANGUAGES == ("en", "ru", "zh", "kk", "uk", "tr", "de", "fr")
    assert LANGS == ("en", "ru", "zh", "kk", "uz")
    assert set(SCRIPTS["cyrillic"]) >= {"ru", "kk", "uk"} and SCRIPTS["han"] == ("zh",)
    assert all(c in codes for c in DEFAULT_LANGUAGES + LANGS)
    assert lang.get_language("en").parsed and not lang.get_language("ru").parsed


def test_reporting_verbs_are_one_list_with_subsets():
    en = lexicon("en")
    every = set(en.table("reporting_verbs"))
    for name in ("quotes", "actors", "stance", "modality", "speech_demands", "dictionary"):
        sub = en.subset("reporting_verbs", name)
        assert "say" in sub and sub <= every
    assert "enthuse" in en.subset("reporting_verbs", "stance")
    assert "enthuse" not in en.subset("reporting_verbs", "modality")


def test_missing_key_names_language_and_folder():
    with pytest.raises(LexiconError, match=r"'en'.*no key 'no_such_list'.*lang/en"):
        lexicon("en").words("no_such_list")
    with pytest.raises(LexiconError, match=r"actors.yaml: key 'honorifics': expected a list"):
        lexicon("en").words("honorifics")


def test_user_folder_extends_and_replaces(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "mine.yaml").write_text(
        "expert_words+: [pundit]\ndeterminers: [the]\n", encoding="utf-8")
    monkeypatch.setenv("MULTIVECTOR_LEXICON_DIRS", str(tmp_path))
    lexicon.cache_clear()
    try:
        en = lexicon("en")
        assert {"pundit", "analyst"} <= en.words("expert_words")
        assert en.words("determiners") == {"the"}
    finally:
        monkeypatch.delenv("MULTIVECTOR_LEXICON_DIRS")
        lexicon.cache_clear()
    assert "pundit" not in lexicon("en").words("expert_words")


class ToyRecogniser:
    """Links the toy word 'Moskva' to Russia wherever it appears."""

    def __init__(self, kb, nlp):
        self.kb = kb

    def __call__(self, paragraph, text, date):
        i = text.find("Moskva")
        if i < 0:
            return []
        return [Cand(paragraph.start + i, paragraph.start + i + 6, "RUS", "gazetteer",
                     language="eo", kind="name")]


def toy_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    """One sentence per ' | '-separated piece."""
    spans, start = [], 0
    for piece in text.split(" | "):
        spans.append((offset + start, offset + start + len(piece)))
        start += len(piece) + 3
    return spans


@pytest.fixture
def toy_language():
    register_language("eo", name="Toy", script="latin", parser=toy_sentences,
                      recogniser=ToyRecogniser, accepts="Moskva", origin=__name__)
    yield
    unregister_language("eo")


def test_toy_language_parser_and_recogniser(toy_language):
    from multivector.actors.kb import load_kb
    from multivector.actors.linker import DocLinker
    from multivector.doc import Doc, Document, Paragraph
    from multivector.text.segment import Segmenter

    text = "Saluton el Moskva | la urbo estas granda"
    doc = Doc(document=Document(id="t", text=text, source="toy"))
    doc.paragraphs = [Paragraph(idx=0, start=0, end=len(text), lang="eo")]
    Segmenter(nlp=None, config=Config())._sentences(doc)
    assert [(s.start, s.end) for s in doc.sentences] == [(0, 17), (20, len(text))]
    linker = DocLinker(load_kb(()), nlp=None)
    rec = linker.recogniser_for(doc.paragraphs[0], text)
    assert isinstance(rec, ToyRecogniser)
    found = rec(doc.paragraphs[0], text, None)
    assert [(text[c.start:c.end], c.actor_id) for c in found] == [("Moskva", "RUS")]


def test_registering_twice_needs_replace(toy_language):
    with pytest.raises(lang.LanguageError, match="already registered"):
        register_language("eo", script="latin")
    with pytest.raises(lang.LanguageError, match="script"):
        register_language("xx", script="klingon")


def test_builtin_languages_register_through_the_entry_point_group():
    import tomllib
    from pathlib import Path

    from multivector.lang.registry import BUILTIN, ENTRY_POINT_GROUP

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    eps = tomllib.loads(pyproject.read_text("utf-8"))["project"]["entry-points"]
    assert BUILTIN in eps[ENTRY_POINT_GROUP].values()


def test_linker_routes_paragraphs_by_registry():
    from multivector.actors.kb import load_kb
    from multivector.actors.linker import DocLinker
    from multivector.doc import Paragraph
    from multivector.lang.zh import ChineseRecogniser

    linker = DocLinker(load_kb(()), nlp=None)
    assert [lg.code for lg in lang.fallback_order()][:3] == ["ru", "zh", "en"]
    text = "普京访问哈萨克斯坦"
    zh = Paragraph(idx=0, start=0, end=len(text), lang="zh")
    rec = linker.recogniser_for(zh, text)
    assert isinstance(rec, ChineseRecogniser)
    assert "KAZ" in {c.actor_id for c in rec(zh, text, None)}
    # a Latin paragraph without a spaCy pipeline: the English recogniser needs one, so none
    de = Paragraph(idx=1, start=0, end=20, lang="de")
    assert linker.recogniser_for(de, "Der Besuch in Berlin") is None
