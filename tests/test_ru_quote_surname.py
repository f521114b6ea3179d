"""Russian articles written for these tests. An expert named in full once, then by surname
alone: the later remark is the same person's, not a speaker with no actor (natasha does not
always tag a lone surname as a person, and Russian surnames inflect). A ministry's expressed
concern about another state's influence is its hostile view of that state."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TEXT = """Ташкент и Пекин договорились о новом газопроводе

Политолог Рустам Хасанов считает, что Китай становится для Узбекистана главным экономическим партнёром.

Хасанов также отметил, что Вашингтон пытается вернуться в Центральную Азию через программу C5+1.
"""


def test_a_lone_surname_is_the_person_named_before(pipeline):
    doc = pipeline.analyze_text(TEXT, source="ru_surname.txt")
    later = [q for q in doc.quotes if "Вашингтон" in q.text]
    assert len(later) == 1
    sp = later[0].speaker
    assert sp is not None and sp.id == "PER:рустам-хасанов", sp
    # the evidence points at the surname in its own sentence
    assert doc.text[sp.start:sp.end] == "Хасанов"


RU_CONCERN = """Москва следит за Пекином

Министерство иностранных дел России выразило обеспокоенность растущим влиянием Китая в регионе.
"""


def test_expressed_concern_about_an_actors_influence_is_a_hostile_view(pipeline):
    """"X выразил обеспокоенность влиянием Y": a noun cue that is the object of a light verb
    takes the verb's subject as its holder and its instrumental complement as its object."""
    doc = pipeline.analyze_text(RU_CONCERN, source="ru_concern.txt")
    views = [(s.holder.id, s.target.id, s.polarity) for s in doc.stances if s.holder]
    assert any(h in ("RUS", "RUSGOV") and t in ("CHN", "CHNGOV") and p < 0 for h, t, p in views), views
