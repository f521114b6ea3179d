"""Russian events (lang/ru/events.py, lang/ru/actors.py): who a pronoun or a bare "страна"
stands for, one-token pairs of names ("Россия-НАТО"), and a surname alias that only lemmatises
to another's ("Асадов" read as the plural of "Асад"). Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ru_pipe():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["events"])


def _doc(pipe, text: str):
    return pipe.analyze_text(text, source="test")


def _triples(doc) -> list[tuple]:
    return [(e.cameo, [a.id for a in e.source], [a.id for a in e.target]) for e in doc.events]


def test_a_one_token_pair_names_both_parties(ru_pipe):
    doc = _doc(ru_pipe, "В Брюсселе состоялась встреча Россия-НАТО.")
    assert [(doc.text[m.start:m.end], m.actor_id) for m in doc.mentions
            if m.actor_id in ("RUS", "IGO:NATO")] == [("Россия", "RUS"), ("НАТО", "IGO:NATO")]
    assert [(c, sorted(s), sorted(t)) for c, s, t in _triples(doc)] == [
        ("043", ["IGO:NATO", "RUS"], ["IGO:NATO", "RUS"])]


def test_a_hyphenated_word_that_is_no_pair_stays_one(ru_pipe):
    # a known hyphenated name is itself; parts that are not both names give no mention
    doc = _doc(ru_pipe, "Делегация прибыла в Тель-Авив, а затем в Северо-Запад страны.")
    assert [(doc.text[m.start:m.end], m.actor_id) for m in doc.mentions if m.actor_id] == [
        ("Тель-Авив", "ISR")]  # a place after "в"


def test_a_pronoun_stands_for_the_last_actor_that_agrees(ru_pipe):
    doc = _doc(ru_pipe, "Россия опасалась обострения отношений с Израилем. "
                        "Тот сам наносил удары по Сирии.")
    assert ("195", ["ISR"], ["SYR"]) in _triples(doc)
    # "она" agrees with Турция (feminine), not with the masculine Израиль named after it
    doc = _doc(ru_pipe, "Турция ждала ответа от Израиля. Она осудила Египет.")
    assert _triples(doc) == [("111", ["TUR"], ["EGY"])]


def test_an_adjective_is_no_antecedent(ru_pipe):
    # "они" is the armed forces, not "американские": no actor, so no source from the adjective
    doc = _doc(ru_pipe, "Российские вооруженные силы не станут такими мощными, как американские. "
                        "Они не смогут напасть на Эстонию.")
    assert all("USA" not in s for _, s, _ in _triples(doc))


def test_a_bare_country_noun_is_the_last_state_named(ru_pipe):
    doc = _doc(ru_pipe, "После кризиса в Турции Германия установила со страной прочные связи.")
    assert _triples(doc) == [("050", ["DEU"], ["TUR"])]
    # a named country's own phrase is not an anaphor
    doc = _doc(ru_pipe, "Германия установила связи со страной Турцией.")
    assert _triples(doc) == [("050", ["DEU"], ["TUR"])]


def test_a_surname_is_not_taken_for_a_plural_of_another(ru_pipe):
    # pymorphy reads "Асадов" as the genitive plural of "Асад": the exact alias wins
    doc = _doc(ru_pipe, "Москва поддержала Асада.")
    assert [m.actor_id for m in doc.mentions if doc.text[m.start:m.end] == "Асада"] == [
        "PER:bashar-al-assad"]


def test_a_possessive_stands_for_its_possessor(ru_pipe):
    # "Ее" is Russia's (feminine), and the pair inside the genitive gives both supported
    doc = _doc(ru_pipe, "Россия давно помогает Дамаску. Ее поддержка оси Иран-Сирия беспокоит нас.")
    assert ("051", ["RUS"], ["IRN", "SYR"]) in _triples(doc)
    # "при поддержке США": the genitive is supported by no one named: no event
    doc = _doc(ru_pipe, "Оппозиция выступила при поддержке США.")
    assert [c for c, _, _ in _triples(doc)] == []


def test_the_other_aspect_and_a_kept_state(ru_pipe):
    doc = _doc(ru_pipe, "Тегеран и Москва поддерживают Асада.")
    assert _triples(doc) == [("051", ["IRNGOV", "RUSGOV"], ["PER:bashar-al-assad"])]
    # "поддерживать отношения" keeps relations: not support, no event
    doc = _doc(ru_pipe, "Франция поддерживала с Германией хорошие отношения.")
    assert _triples(doc) == []
