"""The record lists answered from memory (store/lists.py) are the SQL path's lists: the same
rows, order, totals and pages for every actor, dyad, order and offset, on a synthetic database
of a few hundred documents; and the actor page is the same."""

from __future__ import annotations

import itertools
import json

import pytest

from multivector.store import browse, lists
from multivector.store.read import Reader
from multivector.web.sample import write_synthetic_db


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    path = tmp_path_factory.mktemp("lists") / "synthetic.duckdb"
    write_synthetic_db(path, 150, seed=3)
    with Reader.open(path) as r:
        yield r


def both(monkeypatch, fn):
    """``fn()`` from the SQL path, then from memory."""
    monkeypatch.setattr(lists, "ENABLED", False)
    want = fn()
    monkeypatch.setattr(lists, "ENABLED", True)
    got = fn()
    # the same fields in the same order (the API's JSON), not only equal dicts
    assert json.dumps(got, default=str) == json.dumps(want, default=str)
    return want, got


def actor_ids(reader: Reader) -> list[str]:
    ids = {r[0] for r in reader.tuples("SELECT id FROM actors")}
    ids |= {r[0] for r in reader.tuples(
        "SELECT holder_id FROM stances WHERE holder_id IS NOT NULL UNION "
        "SELECT target_id FROM stances WHERE target_id IS NOT NULL UNION "
        "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL")}
    # every actor but the synthetic experts, of which one in ten (the test's time)
    return sorted(i for i in ids if not i.startswith("PER:expert-") or i.endswith("0")) + [
        "NOBODY"]


def test_lists_by_actor_are_the_sql_lists(reader, monkeypatch):
    ids = actor_ids(reader)
    nonempty = {"quotes": 0, "stances": 0, "events": 0}
    for a in ids:
        for kw in ({"speaker": a}, {"about": a}, {"actor": a}):
            want, got = both(monkeypatch, lambda: browse.quotes(reader, limit=7, **kw))
            assert got == want, (a, kw)
            nonempty["quotes"] += bool(want["items"])
        for kw in ({"holder": a}, {"target": a}, {"actor": a}):
            for order in ("desc", "asc"):
                want, got = both(monkeypatch, lambda: browse.stances(
                    reader, order=order, limit=5, **kw))
                assert got == want, (a, kw, order)
                nonempty["stances"] += bool(want["items"])
        for order, every in itertools.product(("desc", "asc"), (False, True)):
            want, got = both(monkeypatch, lambda: browse.events(
                reader, actor=a, order=order, all_events=every, limit=6))
            assert got == want, (a, order, every)
            nonempty["events"] += bool(want["items"])
    assert min(nonempty.values()) > 20  # the lists compared are not empty ones


def test_dyads_pages_and_combinations_are_the_sql_lists(reader, monkeypatch):
    states = ["RUS", "CHN", "KAZ", "USA", "TUR", "IRN", "UZB"]
    seen = 0
    for x, y in itertools.combinations(states, 2):
        for rollup in (False, True):
            for offset in (0, 3, 10_000):
                want, got = both(monkeypatch, lambda: browse.events(
                    reader, a=x, b=y, rollup=rollup, limit=4, offset=offset))
                assert got == want, (x, y, rollup, offset)
                seen += want["total"]
                want, got = both(monkeypatch, lambda: browse.stances(
                    reader, a=x, b=y, rollup=rollup, order="asc", limit=4, offset=offset))
                assert got == want, (x, y, rollup, offset)
    assert seen > 50
    # several filters the lists answer together, and one they do not (the SQL path)
    for kw in ({"actor": "RUS", "a": "RUS", "b": "CHN"}, {"actor": "KAZ", "type": "CONSULT"}):
        want, got = both(monkeypatch, lambda: browse.events(reader, **kw))
        assert got == want, kw
    want, got = both(monkeypatch, lambda: browse.stances(reader, holder="PER:expert-001",
                                                         target="RUS"))
    assert got == want
    want, got = both(monkeypatch, lambda: browse.quotes(reader, speaker="PER:expert-002",
                                                        about="RUS"))
    assert got == want


def test_actor_pages_are_the_same(reader, monkeypatch):
    for a in actor_ids(reader):
        want, got = both(monkeypatch, lambda: browse.actor(reader, a, limit=20))
        assert got == want, a


def test_lists_match_independent_sql(reader):
    """Not only the same as the SQL path (which takes its row ids by actor from the same
    lookups): events by actor and quotes about an actor as plain SQL finds them."""
    for a in ("RUS", "KAZ", "PER:expert-001", "NOBODY"):
        want = [r[0] for r in reader.tuples(
            "SELECT e.id FROM events e JOIN documents d ON d.id = e.doc_id WHERE "
            "(list_contains(json_extract_string(e.source, '$[*].id'), ?) OR "
            "list_contains(json_extract_string(e.target, '$[*].id'), ?)) "
            "AND e.complete IS NOT FALSE "
            "ORDER BY coalesce(e.date, d.date) DESC NULLS LAST, e.doc_id, e.start", [a, a])]
        assert [e["id"] for e in browse.events(reader, actor=a, limit=500)["items"]] == want
        want = [r[0] for r in reader.tuples(
            "SELECT t.doc_id || ':' || t.start FROM quotes t JOIN documents d ON d.id = t.doc_id "
            "WHERE coalesce(t.speaker_id, '') <> ? AND (list_contains(from_json(t.mentioned, "
            "'[\"VARCHAR\"]'), ?) OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = t.doc_id "
            "AND m.start >= t.start AND m.\"end\" <= t.\"end\" AND m.actor_id = ?)) "
            "ORDER BY d.date DESC NULLS LAST, t.doc_id, t.start", [a, a, a])]
        got = browse.quotes(reader, about=a, limit=500)["items"]
        assert [f"{q['doc_id']}:{q['start']}" for q in got] == want


def test_events_by_type_and_dates_and_documents_by_actor_and_dates(reader, monkeypatch):
    ranges = [(None, None), ("2019", None), (None, "2020-06"), ("2021-03", "2022"),
              ("2020-02-10", "2020-02-10"), ("2030", None)]
    types = [None, "ACCUSE", "accuse", "AGREE", "0", "04", "1", "CONSULT", "NOPE"]
    seen = 0
    for (f, t), kind in itertools.product(ranges, types):
        for kw in ({}, {"actor": "RUS"}, {"a": "RUS", "b": "CHN", "rollup": True}):
            for order in ("desc", "asc"):
                want, got = both(monkeypatch, lambda: browse.events(
                    reader, type=kind, date_from=f, date_to=t, order=order, limit=8,
                    offset=2, **kw))
                assert got == want, (f, t, kind, kw, order)
                seen += want["total"]
    assert seen > 1000
    for a in ("RUS", "KAZ", "PER:expert-010", "NOBODY"):
        for f, t in ranges:
            want, got = both(monkeypatch, lambda: browse.documents(
                reader, actor=a, date_from=f, date_to=t, limit=9, offset=1))
            assert got == want, (a, f, t)
    with pytest.raises(browse.FilterError):
        browse.events(reader, type="ACCUSE", date_from="2024-13")


def test_documents_are_the_same(reader, monkeypatch):
    """A document with its records: actors' names and types (of its mentions and its actor
    list) from memory are those of the join."""
    ids = [r[0] for r in reader.tuples("SELECT id FROM documents ORDER BY id")]
    named = 0
    for doc_id in ids[::5] + ["no-such-document"]:
        want, got = both(monkeypatch, lambda: browse.document(reader, doc_id))
        assert got == want, doc_id
        if want:
            named += sum(1 for m in want["mentions"] if m["actor_name"])
            assert [a["id"] for a in want["actors"]] == sorted(
                {m["actor_id"] for m in want["mentions"] if m["actor_id"]},
                key=lambda i: next(a["name"] for a in want["actors"] if a["id"] == i))
    assert named > 100


def test_mentions_by_actor_and_dates_are_the_sql_lists(reader, monkeypatch):
    seen = 0
    for a in actor_ids(reader)[::3] + ["RUS", "NOBODY"]:
        for f, t, offset in ((None, None, 0), ("2020", "2022-06", 4), (None, "2019-12-31", 0)):
            want, got = both(monkeypatch, lambda: browse.mentions(
                reader, actor=a, date_from=f, date_to=t, limit=11, offset=offset))
            assert got == want, (a, f, t)
            seen += len(want["items"])
    assert seen > 100


def test_the_list_of_all_documents_is_the_sql_list(reader, monkeypatch):
    for offset in (0, 7, 149, 150, 10_000):
        want, got = both(monkeypatch, lambda: browse.documents(reader, limit=13, offset=offset))
        assert got == want, offset
    assert want["total"] == 150
