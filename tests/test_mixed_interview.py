"""An English interview with a Russian paragraph after it (written for this test): the answers
belong to the person the introduction presents, not to a capital the tagger took for a person
in the quoted headline, and the Russian paragraph, an original remark rather than a translation,
keeps its quote. Both errors would put invented views on the map (a government's stances)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TEXT = """Interview: "Astana balances, it does not choose"

Political scientist Bakhrom Umarov of a policy institute in Tashkent spoke to our correspondent about Uzbekistan's partners.

Q: Is Uzbekistan moving closer to China?

A: Not really. Beijing lends us the most money, but Moscow is still our main market for workers. We want both, and we want investors from Europe too.

Q: Does Russia worry about it?

A: Russia watches closely. The Kremlin dislikes Chinese pipelines that go around its land, but it cannot block them.

Q: And Turkey?

A: Ankara is a partner in culture and education. But Turkey cannot replace Russia or China in trade.

Умаров также заявил, что Россия остаётся главным партнёром Узбекистана в сфере безопасности, хотя Китай наращивает инвестиции в регионе.
"""


def test_interview_answers_and_the_russian_remark_keep_their_speaker(pipeline):
    doc = pipeline.analyze_text(TEXT, source="interview.txt")
    answers = [q for q in doc.quotes if q.kind == "interview" and q.cue == "answer"]
    assert len(answers) == 3
    assert {q.speaker.id for q in answers if q.speaker} == {"PER:bakhrom-umarov"}
    holders = {s.holder.id for s in doc.stances if s.holder and s.holder.id}
    assert "PER:bakhrom-umarov" in holders
    assert not any(h.endswith("GOV") or h == "UZB" for h in holders), holders
    ru = [p for p in doc.paragraphs if p.lang == "ru"]
    assert ru and ru[0].translation_of is None
    said = [q for q in doc.quotes if q.start >= ru[0].start]
    assert [q.cue for q in said] == ["заявил"]
    # the surname as the text spells it (not linked to the Latin name: natasha does not tag a
    # lone surname at the start of a sentence as a person), never someone else
    sp = said[0].speaker
    assert sp is not None and (sp.id == "PER:bakhrom-umarov" or (sp.id, sp.name) == (None, "Умаров"))
