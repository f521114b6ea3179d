"""The speaker of a statement as an actor with a country (events/statements.speaker_actor).

Sentences written for these tests (not from ../shared)."""

from __future__ import annotations

from multivector.events.arguments import ActorResolver
from multivector.events.statements import speaker_actor

# a British story: the Home Office, Labour, the Conservatives, London: Britain is its home country
BRITISH = ("The Home Office wants more officers in London and Manchester. Labour in Westminster "
           "said the plan was weak. The Conservatives say the police in Britain need support. ")


def statements(doc):
    return [e for e in doc.events if "statements" in e.typed_by]


def test_role_only_speaker_takes_the_story_home_country(events_pipeline):
    doc = events_pipeline.analyze_text(
        BRITISH + "A government spokeswoman said Germany's plan was reckless.", date="2005-03-14")
    found = statements(doc)
    assert [(e.cameo, [a.country for a in e.source], [a.sector for a in e.source],
             [a.country for a in e.target]) for e in found] == [("111", ["GBR"], ["GOV"], ["DEU"])]


def test_role_only_speaker_without_a_country_in_text_or_story_gives_no_statement(events_pipeline):
    doc = events_pipeline.analyze_text(
        "Leaders met in Brussels. The prime minister said Germany's plan was reckless.",
        date="2005-03-14")
    assert statements(doc) == []


def test_role_in_apposition_gives_the_named_speaker_a_country(events_pipeline):
    doc = events_pipeline.analyze_text(
        "Marta Velasquez, the Chilean trade minister, said Peru's new tariffs were absurd.",
        date="2005-03-14")
    found = statements(doc)
    assert len(found) == 1
    assert [a.country for a in found[0].source] == ["CHL"]  # not Peru, the sentence's country
    assert [a.country for a in found[0].target] == ["PER"]


def test_role_noun_before_the_name_gives_an_igo_official(events_pipeline):
    doc = events_pipeline.analyze_text(
        "European Union envoy to the talks, Henrik Valdo, said Serbia's proposal was absurd.",
        date="2005-03-14")
    found = statements(doc)
    assert len(found) == 1
    assert [a.country for a in found[0].source] == ["IGO:EU"]  # was SRB, from the content
    assert [a.country for a in found[0].target] == ["SRB"]


def test_a_counted_crowd_is_no_spokesperson(events_pipeline):
    doc = events_pipeline.analyze_text(
        "Kenya has closed its border. Kenyan police patrol Nairobi. About 300 government "
        "supporters marched in Nairobi, saying Uganda was reckless.", date="2005-03-14")
    quote = next(q for q in doc.quotes if q.speaker is not None and "supporters" in (q.speaker.name or ""))
    ref = speaker_actor(doc, quote, ActorResolver(doc, doc.document.date))
    assert not (ref or {}).get("country")


def test_definite_role_as_the_reported_subject_takes_the_home_country(events_pipeline):
    doc = events_pipeline.analyze_text(
        BRITISH + '"Next month the prime minister should explain his plan," the Conservatives said.',
        date="2005-03-14")
    found = [e for e in statements(doc) if e.cameo.startswith("02")]
    assert len(found) == 1
    assert [(a.country, a.sector) for a in found[0].target] == [("GBR", "GOV")]


def test_a_party_spokesman_speaks_for_a_party_not_the_government(events_pipeline):
    doc = events_pipeline.analyze_text(
        BRITISH + "A party spokesman said Germany's plan was reckless.", date="2005-03-14")
    found = statements(doc)
    assert [([a.country for a in e.source], [a.sector for a in e.source]) for e in found] == [
        (["GBR"], ["PTY"])]


def test_role_stated_at_an_earlier_mention_of_the_person(events_pipeline):
    doc = events_pipeline.analyze_text(
        "Uganda's foreign minister, Sam Okello, arrived in Nairobi on Monday. "
        "Mr Okello said Kenya's new tariffs were absurd.", date="2005-03-14")
    found = statements(doc)
    assert len(found) == 1
    assert [(a.id, a.country) for a in found[0].source] == [("PER:sam-okello", "UGA")]
    assert [a.country for a in found[0].target] == ["KEN"]


def test_a_role_only_speaker_holds_a_stance_with_its_country(pipeline):
    doc = pipeline.analyze_text(
        "Kenya has closed its border. Nairobi says the move is temporary. Kenyan police patrol "
        "the area. A government spokeswoman said Uganda's leaders were reckless and dangerous.",
        date="2005-03-14")
    held = [s for s in doc.stances if s.holder.name == "government spokeswoman"]
    assert held and all(s.holder.country == "KEN" for s in held)
    assert any(s.target.country == "UGA" and s.polarity < 0 for s in held)


def test_an_unplaced_role_in_a_party_appeal_is_of_the_partys_state(events_pipeline):
    # no home country (Britain, Iraq and the US are named), but the speaker is a British party
    doc = events_pipeline.analyze_text(
        "Iraq and the United States held talks in Baghdad. \"Next month the prime minister "
        "should make a statement on his plan,\" a BNP spokesman said in London.",
        date="2005-03-14")
    found = [e for e in statements(doc) if e.cameo.startswith("02")]
    assert [(a.country, a.sector) for e in found for a in e.source] == [("GBR", "PTY")]
    assert [(a.country, a.sector) for e in found for a in e.target] == [("GBR", "GOV")]
