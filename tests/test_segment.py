"""Language per paragraph, mixed paragraphs, translations, sentences with absolute offsets."""

from __future__ import annotations

import pytest

from multivector.config import Config
from multivector.text.clean import make_document
from multivector.text.language import LanguageDetector, rough_sentences
from multivector.text.segment import Segmenter
from multivector.text.translation import find_translations

TEXT = """Beijing and Astana sign transit accord
China and Kazakhstan signed an agreement on rail transit through Khorgos on Tuesday. The deal doubles the number of container trains.
中国和哈萨克斯坦周二签署了关于经霍尔果斯铁路过境的协议。
Министр иностранных дел Казахстана заявил, что Астана продолжит многовекторную политику.
The minister also said that Astana would keep talking to Moscow. 他还表示，阿斯塔纳将继续与莫斯科对话，并加强与北京的合作关系。
"""


@pytest.fixture(scope="module")
def segmented(nlp):
    doc = Segmenter(nlp, Config()).process_batch([make_document(TEXT, title_in_text=True)])[0]
    return doc


def test_languages_per_paragraph(segmented):
    langs = [p.lang for p in segmented.paragraphs]
    assert langs[:4] == ["en", "en", "zh", "ru"]
    assert segmented.document.languages[0] == "en"
    assert set(segmented.document.languages) == {"en", "zh", "ru"}


def test_mixed_paragraph_is_split_at_sentences(segmented):
    last = segmented.paragraphs[-2:]
    assert [p.lang for p in last] == ["en", "zh"]
    assert segmented.text[last[0].start:last[0].end].endswith("talking to Moscow.")
    assert segmented.text[last[1].start:last[1].end].startswith("他还表示")


def test_chinese_translation_marked_russian_original_not(segmented):
    zh = segmented.paragraphs[2]
    assert zh.translation_of == 1
    assert segmented.paragraphs[3].translation_of is None


def test_sentences_have_absolute_offsets(segmented):
    for s in segmented.sentences:
        text = segmented.text[s.start:s.end]
        assert text == text.strip() and text
        if s.span is not None:
            assert s.span.text.strip() == text
    english = [s for s in segmented.sentences if s.lang == "en"]
    assert any(segmented.text[s.start:s.end].startswith("The deal doubles") for s in english)
    zh = [s for s in segmented.sentences if s.lang == "zh"]
    assert zh and all(s.span is None for s in zh)


def test_token_offsets_resolve_through_doc(segmented):
    p = segmented.paragraphs[1]
    tok = [t for t in p.spacy if t.text == "Khorgos"][0]
    start = segmented.token_start(tok)
    assert segmented.text[start:start + 7] == "Khorgos"
    assert segmented.sentence_at(start).paragraph == 1


def test_english_sentences_skip_translations(segmented):
    paras = {s.paragraph for s in segmented.english_sentences()}
    assert 2 not in paras


def test_detector_restricted_set_and_short_text():
    det = LanguageDetector(["en", "ru", "zh", "kk", "tr", "de"])
    assert det.detect("Almaty") is None  # too short to judge
    assert det.detect("Türkiye ile Özbekistan arasında yeni bir ticaret anlaşması imzalandı.") == "tr"
    assert det.detect("Қазақстан Республикасының сыртқы істер министрі мәлімдеме жасады.") == "kk"


def test_rough_sentences_cover_chinese_and_russian():
    assert len(rough_sentences("第一句。第二句！第三句？")) == 3
    spans = rough_sentences("Первое предложение. Второе предложение.", 10)
    assert spans[0] == (10, 29)


def test_translation_requires_shared_anchors():
    paras = [("Russia and China held talks in Moscow on energy.", "en"),
             ("美国和欧盟讨论了制裁问题。", "zh")]
    assert find_translations(paras) == {}


def test_a_lone_paragraph_that_half_matches_is_an_original_not_a_translation():
    # written for this test: the Russian paragraph is new commentary (Kazakhstan, not Turkey)
    english = ("Ankara is a useful partner for the region, but Turkey cannot replace Russia or "
               "China as an investor, he said.")
    russian = ("Эксперт также отметил, что Россия остаётся главным партнёром Казахстана, "
               "хотя Китай вкладывает больше.")
    paras = [("Experts discussed the region's partners.", "en"), (english, "en"), (russian, "ru")]
    assert find_translations(paras) == {}
    # the same overlap in a bilingual layout (another pair translates closely) is accepted
    en2 = "Uzbekistan and Tajikistan opened 12 new border crossings in 2024."
    ru2 = "Узбекистан и Таджикистан открыли 12 новых пунктов пропуска на границе в 2024 году."
    assert find_translations([(en2, "en"), (ru2, "ru"), (english, "en"), (russian, "ru")]) \
        == {1: 0, 3: 2}
