"""``actors/data/places.yaml``: cities and provinces news names give their state, under the
world KB's places (sentences written for these tests)."""

from __future__ import annotations

import pytest

from multivector.actors.kb import DATA, Actor, KBError, KnowledgeBase, _load_places, _read, load_kb, norm


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_conflict_cities_give_their_state(kb):
    for name, iso in [("Jenin", "PSE"), ("Mosul", "IRQ"), ("Basra", "IRQ"), ("Kharkiv", "UKR"),
                      ("Kharkov", "UKR"), ("Odesa", "UKR"), ("Odessa", "UKR"), ("Kismayo", "SOM"),
                      ("El Fasher", "SDN"), ("Goma", "COD"), ("Maiduguri", "NGA"),
                      ("Sittwe", "MMR"), ("Culiacan", "MEX"), ("Cucuta", "COL")]:
        assert kb.place_country(name) == iso, name


def test_ambiguous_names_are_not_listed_or_forced(kb):
    listed = {str(n).casefold() for ns in (_read(DATA / "places.yaml") or {}).values() for n in ns}
    for name in ("Tripoli", "Hyderabad", "Punjab", "Kashmir", "Santiago", "Valencia", "Nice"):
        assert name.casefold() not in listed, name
    assert kb.place_country("Tripoli") is None  # Libya or Lebanon


def test_a_name_the_kb_already_maps_is_not_overridden():
    # setdefault under the world places; a name an actor owns is not a place
    kb = KnowledgeBase()
    kb.actors = {"IRQ": Actor(id="IRQ", name="Iraq", type="state", country="IRQ")}
    kb.places = {"mosul": "SYR"}
    _load_places(kb, {"IRQ": ["Mosul", "Basra", "Kirkuk"]}, taken={norm("Kirkuk")})
    assert kb.places == {"mosul": "SYR", "basra": "IRQ"}
    with pytest.raises(KBError):
        _load_places(kb, {"XYZ": ["Nowhere"]}, taken=set())


@pytest.mark.slow
def test_a_shelled_city_is_the_target_state(events_pipeline):
    doc = events_pipeline.analyze_text("Troops shelled Jenin overnight.", date="2024-05-14")
    ev = next(e for e in doc.events if e.plover == "ASSAULT")
    assert [a.country for a in ev.target] == ["PSE"]
    doc = events_pipeline.analyze_text("Rebel fighters shelled Goma on Monday.", date="2024-05-14")
    ev = next(e for e in doc.events if e.plover == "ASSAULT")
    assert [a.country for a in ev.target] == ["COD"]


@pytest.mark.slow
def test_a_place_the_sentence_names_gives_the_country(events_pipeline):
    # no actor mention: the city's state from kb.places (events/countries.py _place_names)
    doc = events_pipeline.analyze_text(
        "Islamic State militants attacked a police station in Mosul on Sunday.", date="2024-05-14")
    ev = next(e for e in doc.events if e.plover == "ASSAULT")
    assert [a.country for a in ev.target] == ["IRQ"]
    # a Syrian town: the Turkish troops' act is not presumed domestic (no implied TUR target)
    doc = events_pipeline.analyze_text("Turkish troops shelled villages near Afrin.", date="2024-05-14")
    ev = next(e for e in doc.events if e.plover == "ASSAULT")
    assert "TUR" not in [a.country for a in ev.target]
