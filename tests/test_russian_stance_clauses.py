"""Russian stances across coordinated verbs, and attitudes that are the subject's view only
(sentences written for these tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _stances(pipeline, text):
    doc = pipeline.analyze_text(text, source="ru.txt")
    return {(s.holder.id or s.holder.name, s.target.id, s.method): s.label for s in doc.stances}


def test_a_coordinated_verb_keeps_the_first_verbs_subject(pipeline):
    got = _stances(pipeline, "Политолог Данияр Ашимбаев считает, что Китай вытесняет Россию из "
                             "экономики региона, но остаётся для Астаны надёжным партнёром.")
    assert got.get(("PER:данияр-ашимбаев", "CHN", "lexicon")) == "cooperative"


def test_an_attitude_is_directed_and_does_not_judge_its_subject(pipeline):
    got = _stances(pipeline, "Эксперт Иван Петров считает, что Турция наращивает торговлю с "
                             "Россией и осуждает санкции Запада.")
    assert got.get(("TUR", "REG:the-west", "directed")) == "hostile"
    assert ("PER:иван-петров", "TUR", "lexicon") not in got
