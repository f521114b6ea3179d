"""A Russian article names an expert in full once, then by surname alone (written for this
test): the later remark is the same person's, not a speaker with no actor. natasha does not
always tag a lone surname as a person, and Russian surnames inflect."""

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
