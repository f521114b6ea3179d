"""Russian events (lang/ru/events.py): generic agents named by a group noun get the country of
the state named in their phrase and the noun's sector (``lang/ru/events.yaml`` ``ru_group_nouns``),
a region takes its CAMEO region code ("Запад" -> WST), and every event carries the record fields
of the English coder (``complete``, ``typed_by``). Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ru_pipe():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["events"])


def _events(pipe, text: str) -> list:
    return pipe.analyze_text(text, source="test").events


def _codes(refs) -> list[tuple]:
    return [(a.id, a.country, a.sector) for a in refs]


def test_group_noun_takes_the_state_of_its_phrase(ru_pipe):
    evs = _events(ru_pipe, "Российские власти осудили действия Анкары.")
    assert [(e.cameo, _codes(e.source)) for e in evs] == [("111", [("RUSGOV", "RUS", "GOV")])]
    # a group inside a head that names none ("позиции сирийской армии")
    evs = _events(ru_pipe, "Боевики обстреляли позиции сирийской армии.")
    assert [(e.cameo, _codes(e.source), _codes(e.target)) for e in evs] == [
        ("190", [(None, None, "REB")], [("SYRMIL", "SYR", "MIL")])]


def test_a_named_group_is_its_own_actor(ru_pipe):
    # "Кремль" is resolved by name; "боевики ИГИЛ" are the organisation, not a bare REB
    evs = _events(ru_pipe, "Кремль обвинил боевиков ИГИЛ в нападении.")
    assert [(e.cameo, [a.id for a in e.source], [a.id for a in e.target]) for e in evs] == [
        ("112", ["RUSGOV"], ["GRP:isis"])]


def test_the_west_is_coded_wst(ru_pipe):
    from multivector.eval.events import _pred_code

    evs = _events(ru_pipe, "Россия возобновила диалог с Западом.")
    assert [(e.cameo, [_pred_code(a) for a in e.target]) for e in evs] == [("050", ["WST"])]
    assert evs[0].target[0].id == "REG:the-west"


def test_record_fields_as_english(ru_pipe):
    evs = _events(ru_pipe, "Москва осудила это решение.")
    assert len(evs) == 1 and evs[0].complete is False and evs[0].typed_by == ["patterns"]
    assert evs[0].confidence < 0.8 and evs[0].text == "Москва осудила это решение."
    evs = _events(ru_pipe, "Москва осудила Анкару.")
    assert evs[0].complete is True and evs[0].confidence == 0.8
