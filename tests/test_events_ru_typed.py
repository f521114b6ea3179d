"""Russian events typed by what is said (lang/ru/events.py, ``lang/ru/events.yaml``): an act
stated as an intention or a threat is coded as the intention (03x) or threat (13x), appeals
(02x) and rejections (12x) are coded with the one appealed to or rejected, symmetric noun
triggers take the parties named together, and "который" finds its antecedent by agreement.
Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ru_pipe():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["events"])


def _events(pipe, text: str) -> list[tuple[str, str, list, list]]:
    doc = pipe.analyze_text(text, source="test")
    return [(e.cameo, e.modality, [a.country for a in e.source], [a.country for a in e.target])
            for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    # a threat to act is the threat, once (no 130 beside a hypothetical 163)
    ("Анкара пригрозила ввести санкции против Дамаска.", [("1312", "asserted", ["TUR"], ["SYR"])]),
    # a promise of help is an intent to give aid (033), not help given
    ("Минск пообещал помочь Ташкенту.", [("033", "asserted", ["BLR"], ["UZB"])]),
    # a future act in its own subject's statement: an intention (031 from trade 061)
    ("Москва заявляет, что будет поставлять Тегерану зерно.", [("031", "asserted", ["RUS"], ["IRN"])]),
    # an attempt at cooperation is an intent to cooperate
    ("Российские власти пытаются перезагрузить отношения с Евросоюзом.",
     [("030", "asserted", ["RUS"], [None])]),
    # advocacy of a relation ("выступает за улучшение отношений с X") is intent, the partner
    # hanging from the genitive
    ("Тегеран выступает за улучшение отношений с Анкарой.", [("030", "asserted", ["IRN"], ["TUR"])]),
])
def test_intentions_and_threats(ru_pipe, text, expected):
    assert _events(ru_pipe, text) == expected


def test_an_attempt_to_attack_is_no_threat(ru_pipe):
    # attempts re-type cooperation only: an attack tried is not a threat
    evs = _events(ru_pipe, "Боевики пытались атаковать Дамаск.")
    assert not any(c.startswith("13") for c, *_ in evs)


def test_appeal_and_its_addressee_as_doer(ru_pipe):
    evs = _events(ru_pipe, "Вашингтон призвал Москву провести переговоры с Киевом.")
    assert ("020", "asserted", ["USA"], ["RUS"]) in evs
    # the one appealed to does the act asked for, which is asked, not done
    talks = [e for e in evs if e[0] == "046"]
    assert talks and talks[0][1] == "recommended" and "RUS" in talks[0][2] and "USA" not in talks[0][2]


@pytest.mark.parametrize("text, target", [
    ("Анкара отвергла обвинения Вашингтона.", "USA"),
    ("Турция отказалась выполнять требования Евросоюза.", None),  # IGO: no country
])
def test_rejections(ru_pipe, text, target):
    evs = _events(ru_pipe, text)
    assert [(c, t) for c, _, _, t in evs] == [("120", [target])]


def test_parties_named_together(ru_pipe):
    for text in ("Переговоры между Россией и Турцией прошли в Сочи.",
                 "Встреча Россия — Турция прошла в Сочи."):
        evs = _events(ru_pipe, text)
        assert len(evs) == 1 and sorted(evs[0][2]) == ["RUS", "TUR"] == sorted(evs[0][3]), text
    # one party alone is no meeting
    assert _events(ru_pipe, "Переговоры с участием России прошли в Сочи.") == []


def test_relative_pronoun_agrees_with_its_antecedent(ru_pipe):
    evs = _events(ru_pipe, "Он обеспокоен альянсом Дамаска с ливанской группировкой «Хезболла», "
                           "с которой Тель-Авив воевал в 2006 году.")
    assert ("190", "asserted", ["ISR"], ["LBN"]) in evs


@pytest.mark.parametrize("text, expected", [
    # arrests, expulsions, reduced relations, accusations with a light verb, attacks
    ("Турецкая полиция задержала российских журналистов.", ("173", ["TUR"], ["RUS"])),
    ("Анкара выслала российских дипломатов.", ("174", ["TUR"], ["RUS"])),
    ("Литва отозвала посла из Минска.", ("161", ["LTU"], ["BLR"])),
    ("Вашингтон выдвинул обвинения против Пекина.", ("112", ["USA"], ["CHN"])),
    ("Нападение боевиков на сирийскую армию отбито.", ("190", [None], ["SYR"])),
    ("Война России с Грузией длилась пять дней.", ("190", ["RUS"], ["GEO"])),
    ("Россия ведет войну против Украины.", ("190", ["RUS"], ["UKR"])),
])
def test_news_verbs(ru_pipe, text, expected):
    assert [(c, s, t) for c, _, s, t in _events(ru_pipe, text)] == [expected]


def test_a_war_with_no_sides_named_is_no_event(ru_pipe):
    assert _events(ru_pipe, "Гражданская война в Сирии продолжается.") == []


class _Tok:
    """A parsed token, enough for the attachment fallback."""

    def __init__(self, doc, i, text, pos, dep, head):
        self.doc, self.i, self.text, self.lower_, self.pos_, self.dep_ = doc, i, text, text.lower(), pos, dep
        self._head = head

    @property
    def head(self):
        return self.doc[self._head]

    @property
    def children(self):
        return [t for t in self.doc if t._head == self.i and t.i != self.i]


def test_a_noun_triggers_own_phrase_after_it():
    from multivector.lang.ru.events import _next_pp

    # "... объясняется вмешательством России в Сирии": the parser hung "в Сирии" from the verb;
    # it follows the noun's phrase, so it is the noun's
    doc: list = []
    for i, (text, pos, dep, head) in enumerate([
            ("объясняется", "VERB", "ROOT", 0), ("вмешательством", "NOUN", "obl", 0),
            ("России", "PROPN", "nmod", 1), ("в", "ADP", "prep", 0), ("Сирии", "PROPN", "pobj", 3)]):
        doc.append(_Tok(doc, i, text, pos, dep, head))
    assert [t.text for t in _next_pp(doc[1], ("в", "на"))] == ["Сирии"]
    assert _next_pp(doc[1], ("против",)) == []  # not a target preposition of the trigger
    doc[3].dep_ = "punct"  # no preposition after the phrase: nothing
    assert _next_pp(doc[1], ("в", "на")) == []


def test_statement_ends_at_the_closing_quote_and_writing_is_opinion(ru_pipe):
    # the words after the quote's closing mark are the writer's: Russia is not the addressee
    assert _events(ru_pipe, "Когда Эрдоган заявляет, что «вопрос закрыт и Турция не изменит курс», "
                            "это говорит о том, что Россия потеряет рынок.") == []
    said = "Эрдоган заявил: «Россия, конечно же, будет укреплять свое присутствие в Сирии»."
    assert _events(ru_pipe, said) == [("010", "asserted", ["TUR"], ["RUS"])]
    # what someone writes in an article is an opinion, no statement to anyone
    assert _events(ru_pipe, said.replace("заявил", "пишет")) == []
