"""The world knowledge base (issue 16): dated roles, PLOVER sectors, ambiguous names, name
forms. Uses only the packaged KB (no ../shared)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multivector.actors.kb import any_date, load_kb
from multivector.actors.sectors import canonical, composite, from_cameo


@pytest.fixture(scope="module")
def resolver():
    from multivector.actors.resolve import PhraseResolver

    return PhraseResolver()


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_cli_resolve_person_by_date_gov_then_eli():
    from multivector.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["actors", "resolve", "Olaf Scholz", "--date", "2022-06-01", "--json"])
    out = json.loads(r.stdout)
    assert (out["country"], out["sector"], out["code"]) == ("DEU", "GOV", "DEUGOV")
    r = runner.invoke(app, ["actors", "resolve", "Olaf Scholz", "--date", "1 March 2026", "--json"])
    out = json.loads(r.stdout)
    assert (out["country"], out["sector"]) == ("DEU", "ELI") and out["date"] == "2026-03-01"


def test_intelligence_service_by_acronym(resolver):
    r = resolver.resolve("the SVR")
    assert (r["country"], r["sector"], r["code"]) == ("RUS", "SPY", "RUSSPY")
    assert resolver.resolve("the Mossad")["country"] == "ISR"


def test_party_acronym_needs_the_documents_support(resolver):
    alone = resolver.resolve("the AKP")
    assert alone["id"] is None and "PTY:tur-akp" in alone["candidates"]
    ctx = "ANKARA, June 3 - Turkish voters queued outside polling stations in Istanbul."
    r = resolver.resolve("the AKP", context=ctx)
    assert (r["id"], r["country"], r["sector"]) == ("PTY:tur-akp", "TUR", "PTY")
    assert resolver.resolve("the AKP", country="TUR")["id"] == "PTY:tur-akp"


def test_party_acronym_in_a_turkish_article_through_the_pipeline():
    from multivector.pipeline import Pipeline

    text = ("Voters in Ankara and Izmir went to the polls on Sunday. The AKP claimed victory "
            "in most Turkish provinces, while the opposition contested the count.")
    d = Pipeline(stages=["actors"]).analyze_text(text)
    m = next(m for m in d.mentions if m.text == "AKP")
    assert m.actor_id == "PTY:tur-akp" and m.method == "context"
    plain = Pipeline(stages=["actors"]).analyze_text("The AKP claimed victory on Sunday.")
    assert not any(m.text == "AKP" and m.actor_id for m in plain.mentions)


def test_agent_nouns_after_demonyms_and_bare(resolver):
    assert resolver.resolve("Turkish gendarmerie")["code"] == "TURCOP"
    r = resolver.resolve("a Kenyan lawyer")
    assert (r["country"], r["sector"]) == ("KEN", "JUD")
    for phrase, sector in [("officials", "GOV"), ("troops", "MIL"), ("paramedics", "MED"),
                           ("journalists", "JRN"), ("an imam", "REL")]:
        r = resolver.resolve(phrase)
        assert r["id"] is None and r["sector"] == sector and r["code"] == "---" + sector, phrase


def test_former_is_eli(resolver):
    assert resolver.resolve("a former minister")["sector"] == "ELI"
    r = resolver.resolve("former Chancellor Angela Merkel", date="2019-01-01")
    assert r["id"] == "PER:angela-merkel" and r["sector"] == "ELI"


def test_names_with_particles_titles_and_places(resolver):
    assert resolver.resolve("Ursula von der Leyen")["id"] == "PER:ursula-von-der-leyen"
    assert resolver.resolve("Mohammed bin Salman")["country"] == "SAU"
    assert resolver.resolve("Chancellor Scholz", date="2022-06-01")["id"] == "PER:olaf-scholz"
    assert resolver.resolve("the Bundestag")["id"] == "DEULEG"
    r = resolver.resolve("Herat police")
    assert (r["country"], r["sector"]) == ("AFG", "COP")


def test_dated_roles_come_from_the_world_sources(kb):
    merz = kb.get("PER:friedrich-merz")
    assert kb.role_on(merz, "2025-07-01")[:2] == ("DEU", "GOV")
    who = [a.id for a in kb.holders("chancellor", "DEU", "2023-03-01")]
    assert who == ["PER:olaf-scholz"]
    assert kb.actor_sources  # world actors carry their sources
    assert sum(1 for a in kb.actors.values() if a.type == "party") > 5000


def test_sector_vocabulary_is_plover():
    assert canonical("MED", old=True) == "JRN" and canonical("MED") == "MED"
    assert canonical("OPP") == "CVL" and canonical("ACT") == "CVL" and canonical("HLH") == "MED"
    assert from_cameo("RUSGOVMED") == "GOV" and from_cameo("PSEREBHMS") == "REB"
    assert composite(None, "REB") == "---REB" and composite("RUS", "MIL") == "RUSMIL"


def test_dates_in_any_common_form():
    assert any_date("1 January 2018") == "2018-01-01"
    assert any_date("Jan 5, 2018") == "2018-01-05"
    assert any_date("2018-03") == "2018-03"
    with pytest.raises(ValueError):
        any_date("not a date")


def test_customs_union_name_is_whole(kb):
    cu = kb.get("IGO:CU")
    assert cu.name == "Customs Union (Belarus, Kazakhstan, Russia)"
    assert kb.lookup("Kazakhstan and Russia") == []
