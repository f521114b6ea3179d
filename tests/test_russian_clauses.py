"""Russian stances across coordinated verbs, attitudes that are the subject's view only, and
"по её словам" (sentences written for these tests)."""

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


def test_po_eyo_slovam_continues_the_speaker_and_their_words_guess_nobody(pipeline):
    doc = pipeline.analyze_text(
        "Официальный представитель МИД России Мария Захарова заявила, что Москва приветствует "
        "договорённости. По её словам, Россия готова помочь странам региона.", source="ru.txt")
    said = {q.cue: q for q in doc.quotes}
    assert said["по словам"].text.startswith("Россия готова помочь")
    assert said["по словам"].speaker.id == said["заявила"].speaker.id == "PER:maria-zakharova"
    doc = pipeline.analyze_text(
        "Мария Захарова выступила на брифинге. Эксперты не согласны. По их словам, Россия "
        "не готова помогать странам региона.", source="ru.txt")
    [q] = [q for q in doc.quotes if q.cue == "по словам"]
    assert q.speaker is None or q.speaker.id != "PER:maria-zakharova"
