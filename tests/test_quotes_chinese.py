"""Chinese paragraphs in an English report (written for this test): who said what in them, and
a body paragraph about the same two states as the headline is not the headline's translation
(it was, and its quote was dropped)."""

from __future__ import annotations

import pytest

from multivector.text.translation import find_translations

pytestmark = pytest.mark.slow

TEXT = """China and Kazakhstan discuss new railway

Officials from both countries met in Astana on Monday to discuss a second rail link.

中国外交部发言人表示，中方愿同哈萨克斯坦加强交通领域合作。

哈萨克斯坦外长在记者会上说：“我们欢迎所有邻国的投资。”

据俄罗斯媒体报道，莫斯科对这一项目表示关注。

报告显示，两国贸易额去年增长了百分之二十。

“铁路将缩短运输时间。我们很满意。”哈萨克斯坦外长说。
"""


def test_a_body_paragraph_is_not_the_headlines_translation():
    paras = [("China and Kazakhstan discuss new railway", "en"),
             ("中国外交部发言人表示，中方愿同哈萨克斯坦加强合作。", "zh")]
    assert find_translations(paras) == {}
    # a translated headline still pairs with its headline
    assert find_translations([("China and Kazakhstan discuss new railway", "en"),
                              ("中国和哈萨克斯坦讨论新铁路", "zh")]) == {1: 0}


def test_chinese_quotes_and_their_speakers(pipeline):
    doc = pipeline.analyze_text(TEXT, source="zh.txt")
    zh = {q.text: q for q in doc.quotes if any("\u4e00" <= ch <= "\u9fff" for ch in q.text)}
    spokesman = zh["中方愿同哈萨克斯坦加强交通领域合作"]
    assert spokesman.kind == "indirect" and spokesman.speaker.id == "CHNGOV"  # the ministry
    assert spokesman.speaker.role == "发言人"
    minister = zh["我们欢迎所有邻国的投资"]
    assert minister.kind == "direct" and minister.speaker.id == "KAZGOV"
    # Russian media are not the Russian state: the outlet speaks, with no actor
    media = zh["莫斯科对这一项目表示关注"]
    assert media.speaker.id is None and media.speaker.name == "俄罗斯媒体"
    # "the report shows" names no one: no quote is given a guessed speaker
    assert not any("贸易额" in t for t in zh)
    # quoted words first, the speaker and the cue after them (two sentences inside the marks)
    after = zh["铁路将缩短运输时间。我们很满意。"]
    assert after.kind == "direct" and after.speaker.id == "KAZGOV" and after.cue == "说"
    for q in zh.values():  # evidence offsets point at the words
        assert doc.text[q.start:q.end] == q.text
