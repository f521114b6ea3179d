"""Per-document indexes that keep the cost of a long document linear (issue 15): each answers
exactly what the scan it replaced answered. Timings are in benchmarks/long_documents.py, not
here; these tests check the answers."""

from __future__ import annotations

import random

from multivector.actors.candidates import Cand, select
from multivector.doc import Doc, Quote
from multivector.text.clean import make_document


def _scan(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The scan ``Doc.quote_containing`` replaced (events' and stances' ``quote_at``)."""
    best = None
    for q in quotes:
        if q.start <= start and end <= q.end:
            if best is None or (q.end - q.start) < (best.end - best.start):
                best = q
    return best


def _quote(i: int, start: int, end: int) -> Quote:
    return Quote(id=f"q{i}", text="", start=start, end=end, kind="direct")


def test_quote_containing_answers_as_the_scan_did():
    rng = random.Random(15)
    doc = Doc(make_document("x " * 2000, source="quotes"))
    for i in range(300):  # nested, overlapping, equally long, empty, out of order
        a = rng.randrange(0, 4000)
        doc.quotes.append(_quote(i, a, a + rng.choice([0, 1, 5, 40, 40, 300, 2500])))
    doc.quotes.append(_quote(300, 0, 4000))  # one quote around everything
    hits = 0
    for _ in range(3000):
        a = rng.randrange(-5, 4100)
        b = a + rng.choice([0, 1, 1, 3, 60])
        got, want = doc.quote_containing(a, b), _scan(doc.quotes, a, b)
        assert got is want, (a, b)
        hits += got is not None and got.id != "q300"
    assert hits > 500  # the inner quotes were found, not only the outer one


def test_quote_containing_follows_changes_of_the_list():
    doc = Doc(make_document("x " * 100, source="quotes"))
    assert doc.quote_containing(10, 11) is None
    doc.quotes.append(_quote(0, 0, 50))
    assert doc.quote_containing(10, 11) is doc.quotes[0]
    doc.quotes.append(_quote(1, 5, 20))  # a shorter one inside: the index is rebuilt
    assert doc.quote_containing(10, 11) is doc.quotes[1]
    doc.quotes = [_quote(2, 30, 60)]  # a new list
    assert doc.quote_containing(10, 11) is None
    assert doc.quote_containing(40, 60).id == "q2"


def _select_scan(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates, best rank first, by comparing with everything chosen."""
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: c.rank(), reverse=True):
        if c.end > c.start and all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def test_actor_candidate_selection_answers_as_the_scan_did():
    rng = random.Random(15)
    kept = 0
    for _ in range(2000):
        cands = []
        for _ in range(rng.randrange(0, 40)):
            a = rng.randrange(5000, 5400)  # absolute offsets, as in a long document
            cands.append(Cand(a, a + rng.choice([-2, 0, 1, 2, 5, 9, 30]),
                              rng.choice([None, "RUS"]), rng.choice(["ner", "role", "fuzzy"])))
        got = select(cands)
        assert [id(c) for c in got] == [id(c) for c in _select_scan(cands)]
        kept += len(got)
    assert kept > 10000
