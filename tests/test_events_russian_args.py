"""Arguments of Russian events (lang/ru/events.py): passive agents, light nouns, exposure verbs,
"со стороны", gerunds, relative pronouns, symmetric partners, reactions to a prior act, and
the Russian names the actor stage needs for them. Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ru_pipe():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["events"])


def _events(pipe, text: str) -> list[tuple[str, list[str], list[str]]]:
    doc = pipe.analyze_text(text, source="test")
    return [(e.cameo, [a.id for a in e.source], [a.id for a in e.target]) for e in doc.events]


@pytest.mark.parametrize("text, cameo, src, tgt", [
    # passive verb and passive participle: the instrumental agent is the source
    ("Санкции были введены Евросоюзом против Ирана.", "163", "IGO:EU", "IRN"),
    ("Санкции, введенные Москвой против Анкары, ударили по экономике.", "163", "RUSGOV", "TURGOV"),
    # a light noun: "введения X санкций против Y"
    ("С момента введения Россией санкций против Турции прошло полгода.", "163", "RUS", "TUR"),
    # the exposure verb's object is the target; a gerund shares its head's subject
    ("Великобритания подвергла Россию резкой критике.", "111", "GBR", "RUS"),
    ("Лондон занял жесткую позицию, подвергая Москву критике.", "111", "GBRGOV", "RUSGOV"),
    # an adjective + noun trigger and an adjective agent
    ("Военное вмешательство России в Сирии продолжается.", "190", "RUS", "SYR"),
    ("Советская интервенция в Афганистане длилась десять лет.", "190", "RUS", "AFG"),
    # a noun trigger capitalised at the sentence start (natasha: PROPN) with a genitive agent
    ("Визит Нетаньяху в Москву завершился.", "042", "PER:binyamin-netanyahu", "RUS"),
    # a relative pronoun stands for its antecedent
    ("Израиль следит за группировкой Хезболла, с которой Тель-Авив воевал в 2006 году.",
     "190", "ISRGOV", "GRP:hezbollah"),
    # "готовность работать с X" after a light verb, the noun coordinated with another
    ("США проявляли восприимчивость и готовность работать с Россией.", "030", "USA", "RUS"),
    # a group noun with the state of its phrase: country + sector, as English "Russian troops"
    ("Турецкие ВВС сбили сирийский самолет.", "190", "TURMIL", "SYR"),
])
def test_arguments(ru_pipe, text, cameo, src, tgt):
    evs = _events(ru_pipe, text)
    assert any(c == cameo and src in s and tgt in t for c, s, t in evs), evs


def test_side_is_the_source_and_cause_the_target(ru_pipe):
    evs = _events(ru_pipe, "Советская интервенция вызвала осуждение со стороны Запада.")
    crit = [e for e in evs if e[0] == "111"]
    # "со стороны Запада" is who condemns, never a partner; the condemned is the intervener
    assert crit and crit[0][1] == ["REG:the-west"] and crit[0][2] == ["RUS"]


def test_reaction_to_this_decision_targets_the_prior_agent(ru_pipe):
    evs = _events(ru_pipe, "Вашингтон ввел санкции против Ирана. Москва осудила это решение.")
    assert ("111", ["RUSGOV"], ["USAGOV"]) in evs
    # without a prior act there is nothing to aim at
    assert _events(ru_pipe, "Москва осудила это решение.") == [("111", ["RUSGOV"], [])]


def test_symmetric_partner_both_directions(ru_pipe):
    evs = _events(ru_pipe, "Россия заключила с Ираном договор.")
    assert evs and evs[0][0] == "057"
    assert set(evs[0][1]) == set(evs[0][2]) == {"RUS", "IRN"}


def test_noun_mention_without_target_is_no_event(ru_pipe):
    # "после аннексии Крыма": a mention of an act whose target is no actor
    assert _events(ru_pipe, "После аннексии Крыма отношения ухудшились.") == []
    assert not [e for e in _events(ru_pipe, "Удары российской авиации продолжались.") if e[0] == "195"]


def test_statement_about_another_country(ru_pipe):
    # a quote whose content names an actor of another country: a statement (010) to it
    evs = _events(ru_pipe, "Обама сказал, что Путину не нравится идея европейского единства.")
    assert ("010", ["PER:barack-obama"], ["PER:vladimir-putin"]) in evs
    # domestic content, an opinion cue, or content that is itself an event: no statement
    assert not [e for e in _events(ru_pipe, "Кудрин заявил, что Россия стоит на пороге перемен.")
                if e[0] == "010"]
    assert not [e for e in _events(ru_pipe, "По мнению Израиля, Сирия распадается.") if e[0] == "010"]
    evs = _events(ru_pipe, "Путин заявил, что Россия отвела войска из Сирии.")
    assert ("087", ["RUS"], ["SYR"]) in evs and not [e for e in evs if e[0] == "010"]


def test_state_extras_has_each_state_once():
    """A state written twice in state_extras.yaml loses the first block's names (YAML keeps the
    last key): the Russian names of Syria were lost that way once."""
    import re
    from pathlib import Path

    import multivector.actors.kb as kb

    text = (Path(kb.__file__).parent / "data" / "state_extras.yaml").read_text(encoding="utf-8")
    keys = re.findall(r"^([A-Z]{3}):", text, flags=re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
