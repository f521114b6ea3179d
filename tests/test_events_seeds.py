"""Acceptance on ../shared/seeds (skipped when absent): the events the issue names are coded with
the right source, target and type; opinions are never asserted events."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_events(shared_dir, events_pipeline):
    out = {}
    for f in sorted((shared_dir / "seeds").glob("*.txt")):
        doc = events_pipeline.analyze_text(f.read_text(encoding="utf-8"), source=str(f))
        out[f.name[:3]] = doc.events
    return out


def find(events, plover, source=None, target=None):
    """Events of a type whose source/target include actors whose id, country or name match."""

    def has(actors, want):
        return any(want == a.get("country") or want.lower() in (a.get("id") or "").lower()
                   or want.lower() in (a.get("name") or "").lower() for a in actors)

    return [e for e in events if e.plover == plover
            and (source is None or has(e.source, source))
            and (target is None or has(e.target, target))]


def test_visits(seed_events):
    evs = seed_events["002"]
    assert find(evs, "CONSULT", "Blinken", "KAZ"), "Blinken visited Astana"
    assert find(evs, "CONSULT", "Blinken", "UZB") or find(evs, "CONSULT", "USA", "UZB")


def test_invasion(seed_events):
    assert find(seed_events["002"], "ASSAULT", "RUS", "UKR")
    assert find(seed_events["003"], "ASSAULT", "RUS", "UKR")


def test_ultimatum(seed_events):
    e = find(seed_events["000"], "THREATEN", "RUS", "NATO")
    assert e and find(seed_events["000"], "THREATEN", "RUS", "USA")
    assert e[0].modality == "asserted" and e[0].quote_id  # attributed, still a fact
    assert e[0].attributed_to and e[0].attributed_to["quote_id"] == e[0].quote_id


def test_security_assistance_to_kazakhstan(seed_events):
    assert find(seed_events["001"], "AID", "CSTO", "KAZ")


def test_sanction_pledges(seed_events):
    pledges = find(seed_events["003"], "AGREE")
    assert any(e.trigger == "abide" and any(a.get("country") == "KAZ" for a in e.source)
               for e in pledges), "We will abide by the sanctions"
    assert any(e.trigger == "promised" and any(a.get("country") == "KAZ" for a in e.source)
               for e in pledges), "promised not to become a tool ... evading sanctions"


def test_demand_to_end_the_war(seed_events):
    e = find(seed_events["003"], "REQUEST", "UZB", "RUS")
    assert e and any(x.cameo == "1056" for x in e)


def test_kyrgyz_negotiations_and_request(seed_events):
    neg = find(seed_events["003"], "CONSULT", "KGZ")
    assert len(neg) == 1 and {a["country"] for a in neg[0].target} == {"KOR", "TUR"}
    req = find(seed_events["003"], "REQUEST", "KGZ", "TUR")
    assert req and req[0].cameo == "0251"


def test_opinions_are_never_asserted_events(seed_events):
    for key in ("001", "004"):
        for e in seed_events[key]:
            if any(a.get("country") == "RUS" for a in e.source):
                assert e.modality != "asserted", (e.trigger, e.text)
    # an opinion piece that reports no event: nothing complete (exported, counted in relations);
    # the classifier may keep an incomplete event (issue 12), never an asserted Russian act
    assert [e for e in seed_events["004"] if e.complete] == []
    assert all(e.typed_by == ["classifier"] for e in seed_events["004"])
