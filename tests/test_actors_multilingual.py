"""Russian (natasha + lemmas) and Chinese (zh aliases) paragraphs (texts written for the tests)."""

from __future__ import annotations

import pytest

TEXT = """Moscow and Beijing court Central Asia

Russian and Chinese commentators read the summit differently.

Министр иностранных дел России Сергей Лавров встретился в Ташкенте с коллегами из Узбекистана. Кремль заявил, что ОДКБ готова помочь Казахстану. Политолог Марат Сейткалиев считает, что Вашингтон и Пекин усиливают влияние в Центральной Азии.

习近平在西安会见了哈萨克斯坦总统托卡耶夫。中方表示，上海合作组织和欧亚经济联盟可以合作。中美关系仍然紧张，而中亚国家希望保持平衡。
"""


@pytest.fixture(scope="module")
def doc():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["actors"]).analyze_text(TEXT, date="2023-05-19")


def _by_text(doc, lang):
    return {m.text: m for m in doc.mentions if m.language == lang}


def test_russian_paragraph_yields_linked_actors(doc):
    ru = _by_text(doc, "ru")
    expect = {"России": "RUS", "Сергей Лавров": "PER:sergey-lavrov", "Узбекистана": "UZB",
              "Кремль": "RUSGOV", "ОДКБ": "IGO:CSTO", "Казахстану": "KAZ",
              "Вашингтон": "USAGOV", "Пекин": "CHNGOV", "Центральной Азии": "REG:central-asia"}
    for text, aid in expect.items():
        assert text in ru, f"{text} not found in {sorted(ru)}"
        assert ru[text].actor_id == aid, text
    assert ru["Кремль"].method == "metonym"


def test_russian_unknown_person_is_discovered(doc):
    ru = _by_text(doc, "ru")
    m = ru["Марат Сейткалиев"]
    a = doc.actors[m.actor_id]
    assert a.discovered and a.type == "person" and a.name == "Марат Сейткалиев"


def test_chinese_paragraph_aliases_and_abbreviations(doc):
    zh = _by_text(doc, "zh")
    expect = {"习近平": "PER:xi-jinping", "哈萨克斯坦": "KAZ", "托卡耶夫": "PER:kassym-jomart-tokayev",
              "中方": "CHN", "上海合作组织": "IGO:SCO", "欧亚经济联盟": "IGO:EAEU", "中亚国家": "REG:central-asia"}
    for text, aid in expect.items():
        assert text in zh and zh[text].actor_id == aid, text
    # 中美 is two one-character abbreviations side by side
    ids = [m.actor_id for m in doc.mentions if m.language == "zh" and len(m.text) == 1]
    assert ids == ["CHN", "USA"]


def test_english_paragraphs_keep_english(doc):
    en = _by_text(doc, "en")
    assert en["Moscow"].actor_id == "RUSGOV" and en["Beijing"].actor_id == "CHNGOV"


def test_mentions_across_languages_do_not_overlap(doc):
    ms = doc.mentions
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    assert {m.language for m in ms} == {"en", "ru", "zh"}


def test_unparsed_latin_paragraphs_still_get_names():
    """Short lines the language detector does not call English, and German or Turkish
    quotations, get knowledge-base names (no roles or references)."""
    from multivector.pipeline import Pipeline

    p = Pipeline(stages=["actors"])
    d = p.analyze_text("Der Kreml und die NATO streiten, sagt die Zeitung aus Berlin heute.")
    ids = {m.actor_id for m in d.mentions}
    assert "IGO:NATO" in ids
    for m in d.mentions:
        assert m.language == d.paragraphs[0].lang
