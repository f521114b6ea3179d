"""Event-data conventions of the 2026-12-03 session (sentences written for these tests): the
place of an act, ethnic groups, acts without a recipient, unnamed attackers, IGO officials,
a state and its own groups, count heads, vows, weapons tests, phone calls, accusations."""

from __future__ import annotations

import pytest

from multivector.events.classifier import quad_of_cameo

pytestmark = pytest.mark.slow


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def of_type(evs, plover):
    out = [e for e in evs if e.plover == plover]
    assert out, [(e.plover, e.cameo, e.trigger) for e in evs]
    return out[0]


def test_a_domestic_act_in_another_state_targets_that_state(events_pipeline):
    e = of_type(code(events_pipeline, "Palestinian prisoners rioted at a jail in northern Israel "
                                      "on Monday."), "PROTEST")
    assert (e.target[0].country, e.target[0].sector) == ("ISR", "GOV")
    assert e.target[0].method == "implied"
    # at home the protesters' own government, as before
    e = of_type(code(events_pipeline, "Thousands of Chilean students protested in Santiago."),
                "PROTEST")
    assert e.target[0].country == "CHL"


def test_an_ethnic_group_is_coded_by_the_state_of_the_place(events_pipeline):
    evs = code(events_pipeline, "Serb forces killed three ethnic Albanians in a gunbattle in "
                                "southern Serbia on Friday.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4][0]
    assert e.target[0].country == "SRB" and e.target[0].id is None
    # no place named: the nationality stays
    evs = code(events_pipeline, "Serb forces killed three ethnic Albanians on Friday.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4][0]
    assert e.target[0].country == "ALB"


def test_acts_without_a_recipient_get_no_implied_one(events_pipeline):
    e = of_type(code(events_pipeline, "The defence minister of Peru resigned on Monday."), "RETREAT")
    assert e.target == []
    e = of_type(code(events_pipeline, "The president of Peru stepped down after weeks of protests."),
                "RETREAT")
    assert e.cameo == "0831" and e.target == []
    e = of_type(code(events_pipeline, "North Korea test-fired two ballistic missiles into the sea."),
                "MOBILIZE")
    assert e.cameo == "150" and e.target == []


def test_an_unnamed_attacker_of_foreigners_is_the_state_of_the_place(events_pipeline):
    evs = code(events_pipeline, "Three US servicemen were killed by a roadside bomb near Basra "
                                "on Monday.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4][0]
    assert e.source[0].country == "IRQ" and e.source[0].method == "implied"
    # attacked in their own state: the agent stays unknown
    evs = code(events_pipeline, "Russian troops advanced on Sunday. A roadside bomb killed two "
                                "Ukrainian soldiers near Kherson on Monday.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4 and x.target
         and x.target[0]["country"] == "UKR"][0]
    assert not e.source


def test_an_official_titled_by_an_igo_acts_for_it(events_pipeline):
    e = of_type(code(events_pipeline, "Arab League Secretary General Chadli Klibi undertook a "
                                      "mediation mission between Syria and Jordan."), "CONSULT")
    assert e.source[0].sector == "IGO" and e.source[0].country is None


def test_a_state_and_its_own_group_are_a_dyad(events_pipeline):
    from multivector.events.dyads import dyads

    e = of_type(code(events_pipeline, "Croatia is investigating alleged war crimes by Croatian "
                                      "extremists against Serb civilians."), "ACCUSE")
    assert e.source[0].id == e.target[0].id == "HRV" and e.target[0].sector == "REB"
    row = {"id": e.id, "source": [a.as_participant() for a in e.source],
           "target": [a.as_participant() for a in e.target]}
    assert len(list(dyads([row]))) == 1  # not dropped as a self-pair


def test_count_heads_vows_calls_and_accusations(events_pipeline):
    evs = code(events_pipeline, "Hundreds of students clashed with police in Dhaka on Monday.")
    assert any(s.sector == "CVL" and s.country == "BGD" for e in evs for s in e.source), evs
    e = of_type(code(events_pipeline, "China vowed to retaliate against new US tariffs."),
                "THREATEN")
    assert e.target[0].country == "USA"
    e = of_type(code(events_pipeline, "Erdogan spoke by phone with Zelensky about the grain deal."),
                "CONSULT")
    assert e.target[0].country == "UKR"
    assert not code(events_pipeline, "The Turkish minister spoke to reporters in Ankara.")
    evs = code(events_pipeline, "Russia accused Ukraine of shelling civilians.")
    shelling = [x for x in evs if x.modality == "claimed"]
    assert shelling and shelling[0].source[0].country == "UKR"  # the accused, not the accuser


def test_offered_talks_are_not_held_talks(events_pipeline):
    evs = code(events_pipeline, "Egypt offered to host talks between Israel and Hamas.")
    assert evs and all(e.modality != "asserted" or e.plover != "CONSULT" for e in evs)


def test_places_and_currencies(events_pipeline):
    e = of_type(code(events_pipeline, "The UN delivered food and medicine to besieged towns in "
                                      "northern Ethiopia."), "AID")
    assert e.target[0].country == "ETH"
    e = of_type(code(events_pipeline, "Azerbaijan returned 15 Armenian prisoners of war."),
                "RETREAT")
    assert e.target[0].country == "ARM"
    # "US $50 million" names no country: nobody becomes American
    evs = code(events_pipeline, "Former president Jean-Bertrand Aristide has been accused of "
                                "misusing up to US $50 million in public funds.")
    assert not any(a.country == "USA" for e in evs for a in e.source + e.target), evs


def test_missiles_rejections_and_endorsements(events_pipeline):
    e = of_type(code(events_pipeline, "North Korea fired two missiles into the sea."), "MOBILIZE")
    assert e.target == []  # no target: a show of force, not an attack on itself
    e = of_type(code(events_pipeline, "Houthi rebels launched drones at a Saudi oil facility."),
                "ASSAULT")
    assert e.target[0].country == "SAU"
    e = of_type(code(events_pipeline, "Hamas turned down an Egyptian offer of a truce."), "REJECT")
    assert e.target[0].country == "EGY"
    e = of_type(code(events_pipeline, "Russia expressed support for Serbia's position on Kosovo."),
                "SUPPORT")
    assert e.target[0].country == "SRB"


def test_on_and_off_in_patterns_are_words_not_booleans(events_pipeline):
    from multivector.events.lexicon import patterns

    senses = [p for ps in patterns(()).values() for p in ps]
    assert not any({"true", "false"} & (set(p.prep_object) | set(p.particle)) for p in senses)
    e = of_type(code(events_pipeline, "Kenya called on Ethiopia to allow humanitarian access to "
                                      "Tigray."), "REQUEST")
    assert e.cameo == "020" and e.target[0].country == "ETH"


def test_its_forces_in_a_report_are_the_speakers(events_pipeline):
    evs = code(events_pipeline, "Israel said its forces had killed a senior Hezbollah commander "
                                "in southern Lebanon.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4][0]
    assert (e.source[0].country, e.source[0].sector) == ("ISR", "MIL")
    e = of_type(code(events_pipeline, "Israeli jets hit Hamas targets in Gaza."), "ASSAULT")
    assert e.target[0].country == "PSE"


def test_threats_keep_their_condition_and_warned_acts_did_not_happen(events_pipeline):
    e = of_type(code(events_pipeline, "Moscow warned Finland of retaliation if it joined NATO."),
                "THREATEN")
    assert e.modality == "asserted" and e.target[0].country == "FIN"
    evs = code(events_pipeline, "The United States warned Russia against invading Ukraine.")
    invasion = [x for x in evs if x.plover == "ASSAULT"]
    assert all(x.modality != "asserted" for x in invasion), evs
    assert all(x.source[0].country == "RUS" for x in invasion)
    evs = code(events_pipeline, "Israel refrained from attacking Iran.")
    assert all(x.modality == "negated" for x in evs if x.plover == "ASSAULT")
    e = of_type(code(events_pipeline, "Iran vowed revenge against the United States."), "THREATEN")
    assert e.target[0].country == "USA"
