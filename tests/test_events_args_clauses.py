"""Argument fidelity across clause boundaries (sentences written for these tests): a phrase
inside a relative clause is no argument of the main clause's event, and "he"/"she" as the
subject of what a reporting verb reports is that verb's own subject, not whom the pronoun
linker reached last."""

from __future__ import annotations

import pytest

from multivector.events import argrank
from multivector.events.argrank import Scored, decide


# ------------------------------------------------------------------------------ relative clauses
def test_a_candidate_inside_a_relative_clause_is_never_filled():
    # the best source candidate sits in a relative clause: the next one, or none
    cands = [Scored(0.9, 0.1, False, False, frozenset({3}), in_clause=True),
             Scored(0.6, 0.1, False, False, frozenset({0}))]
    assert decide(cands, {"fill_source": 0.5}, False, False, frozenset()) == (1, None)
    assert decide(cands, {"fill_source": 0.7}, False, False, frozenset()) == (None, None)
    # the same holds for a target
    cands = [Scored(0.9, 0.1, True, False, frozenset({0})),
             Scored(0.1, 0.9, False, False, frozenset({6}), in_clause=True)]
    assert decide(cands, {"fill_target": 0.5}, True, False, frozenset({0})) == (None, None)


def test_in_clause_finds_the_relative_clause_between_trigger_and_phrase(nlp):
    doc = nlp("The senator, who was expelled from the party last year, accused the governor "
              "of lying.")
    by = {t.text: t for t in doc}
    assert by["expelled"].dep_ == "relcl"  # the parse this test is about
    assert argrank.in_clause(by["party"], by["accused"])
    assert not argrank.in_clause(by["governor"], by["accused"])
    assert not argrank.in_clause(by["senator"], by["accused"])
    # for the clause's own verb the phrase is an argument like any other
    assert not argrank.in_clause(by["party"], by["expelled"])
    # a participle's agent says whose thing it is: no clause boundary
    doc = nlp("The closures ordered by Israel restrict the movement of goods.")
    by = {t.text: t for t in doc}
    assert by["ordered"].dep_ == "acl"
    assert not argrank.in_clause(by["Israel"], by["restrict"])


@pytest.mark.slow
def test_the_relative_clauses_party_does_not_accuse(events_pipeline):
    text = ("The Glasgow MP, who was expelled from Labour over his stance on the war, accused "
            "Ms Harwell of being a stooge.")
    evs = [e for e in events_pipeline.analyze_text(text).events if e.trigger == "accused"]
    assert evs
    for ev in evs:
        assert "Labour" not in {a.name for a in ev.source}
        assert not ev.complete or ev.source


# ------------------------------------------------------------------------------ reported pronouns
class _Linker:
    """A resolver whose pronoun link is always the wrong person (the decoy), and whose names
    resolve as ``names`` says: what the coder does with the link is under test."""

    use_mentions = True
    api = None
    decoy = {"id": "PER:decoy", "name": "Decoy", "country": None, "sector": None,
             "type": "person", "text": "he"}

    def __init__(self, names: dict[str, dict | None]):
        self.names = names

    def actor(self, tok, allow_place: bool = False):
        return self.names.get(tok.text)

    def pronoun(self, tok):
        return dict(self.decoy)


def _person(name: str) -> dict:
    return {"id": f"PER:{name.lower()}", "name": name, "country": "GBR", "sector": "GOV",
            "type": "person", "text": name}


@pytest.fixture(scope="module")
def coder():
    from multivector.events.coder import EventCoder

    return EventCoder()


def _resolve(coder, nlp, text: str, names: dict, which: int = 0):
    doc = nlp(text)
    pron = [t for t in doc if t.lower_ in ("he", "she", "him")][which]
    return coder._pronoun(None, pron, _Linker(names), {"quote": None, "trigger": None})


def test_he_in_a_reported_clause_is_the_reporter(coder, nlp):
    names = {"Dobrowolski": _person("Dobrowolski")}
    ref = _resolve(coder, nlp, "Senator Marek Dobrowolski said he condemned the visit.", names)
    assert ref["id"] == "PER:dobrowolski"
    ref = _resolve(coder, nlp, "Mr Dobrowolski added that he may have misjudged the vote.", names)
    assert ref["id"] == "PER:dobrowolski"


def test_the_link_stays_where_the_reporter_cannot_be_the_pronoun(coder, nlp):
    names = {"Dobrowolska": _person("Dobrowolska"), "Dobrowolski": _person("Dobrowolski")}
    # the other gender
    ref = _resolve(coder, nlp, "Mrs Anna Dobrowolska said he condemned the visit.", names)
    assert ref["id"] == "PER:decoy"
    # a direct quote: "he" is someone the speaker talks about
    ref = _resolve(coder, nlp, '"He condemned the visit," Mr Dobrowolski said.', names)
    assert ref["id"] == "PER:decoy"
    # an object, not the reported clause's subject
    ref = _resolve(coder, nlp, "Mr Dobrowolski said the police arrested him.", names)
    assert ref["id"] == "PER:decoy"
    # a reporter that is no person
    ref = _resolve(coder, nlp, "The spokesman said he condemned the visit.", names)
    assert ref["id"] == "PER:decoy"


def test_a_named_reporter_that_resolves_to_no_person_gives_no_argument(coder, nlp):
    # "Lord X" the resolver maps to a party (or nothing): nobody, never the linker's decoy
    party = {"id": "PTY:gbr-con", "name": "Conservatives", "country": "GBR", "sector": "PTY",
             "type": "party", "text": "Tory peer Lord Dobrowolski"}
    for names in ({"Dobrowolski": party}, {}):
        ref = _resolve(coder, nlp, "Tory peer Lord Dobrowolski said he agreed with the view.",
                       names)
        assert ref is None


def test_he_never_resolves_to_a_group(coder, nlp, monkeypatch):
    # the linker's party for "he" is dropped; the nearest person before it is asked instead
    monkeypatch.setattr(coder, "_previous_person", lambda doc, t, resolver: None)

    class Groups(_Linker):
        def pronoun(self, tok):
            return {"id": "PTY:gbr-lab", "name": "Labour", "country": "GBR", "sector": "PTY",
                    "type": "party", "text": "he"}

    doc = nlp("They believed he had done it for them.")
    pron = next(t for t in doc if t.lower_ == "he")
    got = coder._pronoun(None, pron, Groups({}), {"quote": None, "trigger": None})
    assert got is None


# ------------------------------------------------------------------------------ a person's side
@pytest.mark.slow
def test_a_persons_aide_or_ally_is_not_the_person(events_pipeline):
    def sources(text: str) -> list:
        return [a for e in events_pipeline.analyze_text(text).events for a in e.source]

    # an aide speaks for the person's office: the country and sector, never the person
    got = sources("Putin's aide condemned the air strikes on Kyiv.")
    assert got and all(a.id != "PER:vladimir-putin" for a in got)
    assert {(a.country, a.sector) for a in got} == {("RUS", "GOV")}
    # an ally is someone else, whom we cannot code: the phrase resolves to nobody rather
    # than to the person
    from multivector.events.arguments import ActorResolver

    doc = events_pipeline.analyze_text("Vladimir Putin's closest ally condemned the air strikes.")
    res = ActorResolver(doc)
    ally = next(t for s in doc.sentences for t in s.span if t.text == "ally")
    putin = next(t for s in doc.sentences for t in s.span if t.text == "Putin")
    assert res.actor(putin)["id"] == "PER:vladimir-putin"  # the possessor is known
    assert res.actor(ally) is None


def test_persons_side_keeps_the_office_for_a_spokesperson_and_nobody_for_a_relation(nlp):
    from multivector.events.arguments import ActorResolver

    class Doc:
        mentions: list = []

    res = ActorResolver(Doc())
    res._kb_obj = None
    person = {"id": "PER:x", "name": "X", "country": "KEN", "sector": "GOV", "type": "person"}
    doc = nlp("Ruto's spokesman, Ruto's soldiers and Ruto's wife.")
    by = {t.text: t for t in doc}
    got = res._persons_side(by["spokesman"], doc[0:3], person, None)
    assert (got["id"], got["country"], got["sector"]) == (None, "KEN", "GOV")
    got = res._persons_side(by["soldiers"], doc[4:7], person, "MIL")
    assert (got["country"], got["sector"]) == ("KEN", "MIL")
    assert res._persons_side(by["wife"], doc[8:11], person, None) is None


# ------------------------------------------------------------------------------ appositions
@pytest.mark.slow
def test_an_unknown_organisation_takes_the_country_its_apposition_names(events_pipeline):
    # the knowledge base does not know the firm; its apposition says whose it is (not the
    # accused's country, which a verbal act's source never takes from the sentence)
    evs = events_pipeline.analyze_text(
        "Tarvo, Finland's largest mobile operator, accused Sweden of dumping.").events
    src = [a for e in evs if e.trigger == "accused" for a in e.source]
    assert [(a.country, a.country_from) for a in src] == [("FIN", "title")]
    evs = events_pipeline.analyze_text(
        "Harlan Steel, the Canadian steelmaker, accused China of dumping.").events
    src = [a for e in evs if e.trigger == "accused" for a in e.source]
    assert [a.country for a in src] == ["CAN"]
