"""The knowledge base: coverage, id scheme, dated roles, overlays, its cache and sharing."""

from __future__ import annotations

import json

import pytest

from multivector.actors.kb import KBError, build_kb, date_in, load_kb, norm


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_states_with_derived_government_military_and_names(kb):
    uzb = kb.get("UZB")
    assert uzb.type == "state" and uzb.country == "UZB" and uzb.cameo == "UZB"
    assert "Узбекистан" in uzb.aliases["ru"] and "乌兹别克斯坦" in uzb.aliases["zh"]
    gov = kb.get("UZBGOV")
    assert gov.type == "government" and gov.sector == "GOV" and gov.cameo == "UZBGOV"
    assert kb.get("RUSMIL").type == "military"
    n_states = sum(1 for a in kb.actors.values() if a.type == "state")
    assert n_states >= 195  # UN members and observers


def test_capitals_demonyms_and_metonyms(kb):
    assert [e.actor_id for e in kb.lookup("Tashkent")] == ["UZBGOV"]
    assert kb.lookup("the Kremlin")[0].actor_id == "RUSGOV"
    assert kb.demonyms[norm("Kazakh")] == "KAZ"
    assert kb.lookup("Москва", "ru")[0].actor_id == "RUSGOV"


def test_igos_regions_and_outlets(kb):
    assert kb.get("IGO:SCO").cameo == "IGOCAS"
    for alias, aid in [("CSTO", "IGO:CSTO"), ("Eurasian Economic Union", "IGO:EAEU"),
                       ("Customs Union", "IGO:CU"), ("Organization of Turkic States", "IGO:OTS"),
                       ("Non-Aligned Movement", "IGO:NAM"), ("ОДКБ", "IGO:CSTO")]:
        lang = "ru" if alias == "ОДКБ" else "en"
        assert kb.lookup(alias, lang)[0].actor_id == aid, alias
    assert kb.get("REG:central-asia").type == "region"
    assert kb.get("REG:central-asia").country is None
    assert kb.get("MED:tass").type == "media" and kb.get("MED:tass").country == "RUS"
    assert kb.get("ORG:carnegie-moscow").type == "think-tank"


def test_office_holders_by_date(kb):
    def who(role, country, date):
        return [a.id for a in kb.holders(role, country, date)]

    assert who("president", "UZB", "2015-06-01") == ["PER:islam-karimov"]
    assert who("president", "UZB", "2022-06-01") == ["PER:shavkat-mirziyoyev"]
    assert who("foreign minister", "RUS", "2022-04-25") == ["PER:sergey-lavrov"]
    assert who("foreign minister", "RUS", "2001-01-01") == ["PER:igor-ivanov"]
    assert who("foreign minister", "USA", "2023-02-28") == ["PER:antony-blinken"]
    assert who("president", "RUS", "2010-01-01") == ["PER:dmitry-medvedev"]
    assert who("prime minister", "KAZ", "2023-01-01") == ["PER:alikhan-smailov"]


def test_partial_dates_compare_by_precision():
    assert date_in("2022-04-15", "2012-01", "2022-04")
    assert not date_in("2022-05-01", "2012-01", "2022-04")
    assert date_in("2019-03-20", "2019-03-20", None)


def test_overlay_merges_and_adds(tmp_path):
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "- {id: PER:aigul-testova, name: Aigul Testova, country: KAZ, en: [Aigul Testova],\n"
        "   roles: ['ambassador KAZ 2020-01-01 -']}\n"
        "- {id: UZB, en: [Uzbekistoni]}\n", encoding="utf-8")
    kb = build_kb((str(overlay),))
    a = kb.get("PER:aigul-testova")
    assert a.type == "person" and a.cameo == "KAZGOV"
    assert a.roles[0]["role"] == "ambassador" and a.roles[0]["start"] == "2020-01-01"
    assert kb.lookup("Uzbekistoni")[0].actor_id == "UZB"
    assert kb.get("UZB").name == "Uzbekistan"  # scalar fields untouched


@pytest.mark.parametrize("content,reason", [
    ("- {name: No Id}\n", "needs an 'id'"),
    ("- {id: X1, type: planet}\n", "type 'planet'"),
    ("- {id: PER:x, roles: ['president KAZ yesterday -']}\n", "bad date"),
    ("key: [unclosed\n", "not valid YAML"),
])
def test_bad_overlay_names_file_and_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(KBError) as exc:
        build_kb((str(bad),))
    assert str(bad) in str(exc.value) and reason in str(exc.value)


def test_missing_overlay_is_a_clear_error(tmp_path):
    with pytest.raises(KBError, match="not found"):
        load_kb((str(tmp_path / "nope.json"),))


def test_kb_is_loaded_once_from_its_cache(tmp_path, monkeypatch):
    """The pickled cache is written once and read afterwards (its load time is measured by
    benchmarks/actors_overhead.py, not asserted here); every spelling of the call shares one
    object per process, so a process never holds two copies."""
    import multivector.actors.kb as kbm

    monkeypatch.setenv("MULTIVECTOR_CACHE", str(tmp_path))
    load_kb.cache_clear()
    built = load_kb()  # builds and writes the cache
    assert load_kb(()) is built and load_kb([]) is built
    assert list(tmp_path.glob("multivector/actors-*.pickle"))
    load_kb.cache_clear()

    def no_build(*a, **k):
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(kbm, "build_kb", no_build)
    kb = load_kb()
    assert kb is not built and len(kb) == len(built) and kb.get("KAZ") is not None
    assert kb.get("PER:olaf-scholz").roles == built.get("PER:olaf-scholz").roles
    load_kb.cache_clear()


def test_kb_shares_repeated_values(kb):
    """Equal strings of the dated roles and source lists are one object (RSS, issue 16) and
    the build-only tables are gone; values are unchanged."""
    roles = [r for a in kb.actors.values() if a.type == "person" for r in a.roles if r.get("start")]
    by_start: dict[str, list[str]] = {}
    for r in roles:
        by_start.setdefault(r["start"], []).append(r["start"])
    same = next(v for v in by_start.values() if len(v) > 1)
    assert all(x is same[0] for x in same)
    sectors = [r["sector"] for r in roles if r.get("sector") == "GOV"]
    assert len(sectors) > 100 and all(x is sectors[0] for x in sectors)
    lists = [src for src in kb.actor_sources.values() if src == ["factbook"]]
    assert len(lists) > 1 and all(x is lists[0] for x in lists)
    assert "_entries" not in kb.__dict__ and "_indexed" not in kb.__dict__


def test_search_tolerates_typos(kb):
    assert kb.search("Kazakhtan")[0].id == "KAZ"
    assert kb.search("lavrov")[0].id == "PER:sergey-lavrov"
