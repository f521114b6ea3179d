"""Record lists by actor from memory: quotes, stances and events in the order of their list
endpoints, and per-actor aggregates of the actor page. Built once per data generation.

Why: an actor page ran eight queries, and the lists by actor (``/api/quotes?speaker=``,
``/api/stances?target=``, ``/api/events?actor=``, dyads) each filtered, joined and sorted a
whole table per request (10-40 ms of server CPU at 10k documents, most of the mix). The order
of each list and the rows of each actor are the same for every request until the next write,
so they are computed once: each table's rows in list order (one sorted scan), and per actor
the positions of its rows in that order. A request then takes its page of positions from
memory and reads only those rows (by row id). The lists are exactly those of the SQL path
(:mod:`multivector.store.browse`, which keeps it for every other combination of filters):
the sort keys are unique per row (date, document, offset or sentence and id), so the order
is total, and tests compare both paths.

Memory at 10k documents: ~23 MB of Python objects per server process (positions, dates,
per-actor documents), built in ~0.7 s of CPU at start-up in the background.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from .read import Reader
from .where import EVENT_SOURCE_IDS, EVENT_TARGET_IDS

# tests set this to False to get the SQL path's answers for comparison
ENABLED = True

QUOTE_ORDER = "d.date DESC NULLS LAST, t.doc_id, t.start"
# (document, start) is not unique for mentions (nested ones): the end and the row id decide
MENTION_ORDER = 'd.date DESC NULLS LAST, m.doc_id, m.start, m."end", m.rowid'
STANCE_ORDER = "d.date {d} NULLS LAST, s.doc_id, s.sentence, s.id"
EVENT_DATE = "coalesce(e.date, d.date)"
EVENT_ORDER = EVENT_DATE + " {d} NULLS LAST, e.doc_id, e.start"

# (quote row id, actor) for each actor a quote mentions: listed in its ``mentioned``, or a
# mention of it inside the quote's span
QUOTE_MENTIONS_SQL = """
SELECT t.rowid AS r, u.x AS actor
FROM quotes t, unnest(from_json(t.mentioned, '["VARCHAR"]')) AS u(x) WHERE u.x IS NOT NULL
UNION
SELECT q.rowid, m.actor_id FROM quotes q JOIN mentions m ON m.doc_id = q.doc_id
    AND m.start >= q.start AND m."end" <= q."end"
WHERE m.actor_id IS NOT NULL
"""


@dataclass
class Ordered:
    """One table's rows in list order (descending dates): ``rowids[p]`` is the row at
    position ``p``; ``asc[p]`` its position in the ascending order (when the list has one);
    ``by[key][actor]`` the positions of the actor's rows, increasing."""

    rowids: array
    asc: array | None = None
    by: dict[str, dict[str, array]] = field(default_factory=dict)
    incomplete: frozenset[int] = frozenset()  # events: positions of incomplete ones
    # events, mentions: the list's date at each dated position (the undated ones come last)
    dates: list[str] | None = None

    def add(self, key: str, actor: str | None, pos: int) -> None:
        if actor is not None:
            lists = self.by.setdefault(key, {})
            got = lists.get(actor)
            if got is None:
                got = lists[actor] = array("q")
            got.append(pos)

    def positions(self, key: str, actors: Iterable[str]) -> set[int]:
        lists = self.by.get(key, {})
        out: set[int] = set()
        for a in actors:
            out.update(lists.get(a, ()))
        return out

    def dated(self, date_from: str | None, date_to: str | None) -> range:
        """Positions whose date is in the range, as :meth:`Where.date_range` keeps them
        (``date >= from`` and ``left(date, len(to)) <= to``; undated rows drop out). The
        list is sorted by that date, newest first, undated last, so they are one run."""
        dates = self.dates or []
        dated = len(dates)
        hi = _first(dated, lambda p: dates[p] < date_from) if date_from else dated
        lo = _first(dated, lambda p: dates[p][:len(date_to)] <= date_to) if date_to else 0
        return range(lo, max(lo, hi))

    def of_type(self, type: str) -> set[int]:
        """Events whose PLOVER category is ``type`` (any case) or whose CAMEO code starts with
        it (``e.plover = upper(type) OR starts_with(coalesce(e.cameo, ''), type)``)."""
        codes = [c for c in self.by.get("cameo", {}) if c.startswith(type)]
        return self.positions("plover", [type.upper()]) | self.positions("cameo", codes)

    def page(self, positions: Iterable[int], order: str, limit: int,
             offset: int) -> tuple[int, list[int]]:
        """(total, row ids of the page) of these positions in ``order`` (asc or desc)."""
        ps = sorted(positions) if order != "asc" or self.asc is None else sorted(
            positions, key=self.asc.__getitem__)
        return len(ps), [self.rowids[p] for p in ps[offset:offset + limit]]

    def rowids_of(self, positions: Iterable[int]) -> list[int]:
        return sorted(self.rowids[p] for p in positions)


def _first(n: int, pred) -> int:
    """The first ``i`` in ``[0, n)`` for which ``pred(i)`` holds (``pred`` false, then true);
    ``n`` if none."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def intersect(sets: list) -> set[int]:
    """The positions in every one of ``sets`` (sets of positions or ranges)."""
    ranges = [s for s in sets if isinstance(s, range)]
    others = sorted((s for s in sets if not isinstance(s, range)), key=len)
    if others:
        out = set(others[0]).intersection(*others[1:])
    else:
        out = set(ranges.pop()) if ranges else set()
    for r in ranges:
        out = out.intersection(r) if len(r) < len(out) else {p for p in out if p in r}
    return out


def _dates(values: Iterable[str | None]) -> list[str]:
    """The dates that are not None, each distinct one stored once (a few thousand distinct
    dates among 160k mentions: 1.3 MB of references instead of ~10 MB of strings)."""
    seen: dict[str, str] = {}
    return [seen.setdefault(d, d) for d in values if d is not None]


def _positions(db: Reader, sql: str) -> tuple[dict[int, int], list[tuple]]:
    rows = db.tuples(sql)
    return {r[0]: p for p, r in enumerate(rows)}, rows


def quotes(db: Reader) -> Ordered:
    """Quotes in list order, by speaker (``speaker``) and by mentioned actor (``mentioned``:
    listed in the quote's ``mentioned`` or a mention of it inside the quote's span)."""
    def build() -> Ordered:
        pos, rows = _positions(db, "SELECT t.rowid, t.speaker_id FROM quotes t JOIN documents d "
                                   f"ON d.id = t.doc_id ORDER BY {QUOTE_ORDER}")
        out = Ordered(array("q", (r[0] for r in rows)))
        for p, (_, speaker) in enumerate(rows):
            out.add("speaker", speaker, p)
        about = [(pos[r], a) for r, a in db.tuples(QUOTE_MENTIONS_SQL) if r in pos]
        for p, a in sorted(about):
            out.add("mentioned", a, p)
        return out

    return db.cached("list_quotes", build)


def mentions(db: Reader) -> Ordered:
    """Mentions in list order, by actor, with their documents' dates."""
    def build() -> Ordered:
        rows = db.tuples("SELECT m.rowid, m.actor_id, d.date FROM mentions m JOIN documents d "
                         f"ON d.id = m.doc_id ORDER BY {MENTION_ORDER}")
        out = Ordered(array("q", (r[0] for r in rows)), dates=_dates(r[2] for r in rows))
        for p, (_, actor, _d) in enumerate(rows):
            out.add("actor", actor, p)
        return out

    return db.cached("list_mentions", build)


def stances(db: Reader) -> Ordered:
    """Stances in list order (descending and ascending dates), by holder and by target."""
    def build() -> Ordered:
        _, rows = _positions(db, "SELECT s.rowid, s.holder_id, s.target_id FROM stances s "
                                 "JOIN documents d ON d.id = s.doc_id ORDER BY "
                                 + STANCE_ORDER.format(d="DESC"))
        asc, _ = _positions(db, "SELECT s.rowid FROM stances s JOIN documents d ON "
                                "d.id = s.doc_id ORDER BY " + STANCE_ORDER.format(d="ASC"))
        out = Ordered(array("q", (r[0] for r in rows)), array("q", (asc[r[0]] for r in rows)))
        for p, (_, holder, target) in enumerate(rows):
            out.add("holder", holder, p)
            out.add("target", target, p)
        return out

    return db.cached("list_stances", build)


def events(db: Reader) -> Ordered:
    """Events in list order (descending and ascending dates), by source and by target actor
    (every id in the JSON lists), by PLOVER category and CAMEO code, with their dates;
    incomplete events are marked, not left out (``all=1``)."""
    def build() -> Ordered:
        complete = ("e.complete IS NOT FALSE" if "complete" in db.columns_of("events")
                    else "true")
        _, rows = _positions(db, f"SELECT e.rowid, {EVENT_SOURCE_IDS}, {EVENT_TARGET_IDS}, "
                                 f"{complete}, {EVENT_DATE}, e.plover, e.cameo FROM events e "
                                 "JOIN documents d ON d.id = e.doc_id "
                                 "ORDER BY " + EVENT_ORDER.format(d="DESC"))
        asc, _ = _positions(db, "SELECT e.rowid FROM events e JOIN documents d ON "
                                "d.id = e.doc_id ORDER BY " + EVENT_ORDER.format(d="ASC"))
        out = Ordered(array("q", (r[0] for r in rows)), array("q", (asc[r[0]] for r in rows)),
                      incomplete=frozenset(p for p, r in enumerate(rows) if not r[3]),
                      dates=_dates(r[4] for r in rows))
        for p, (_, src, tgt, _c, _d, plover, cameo) in enumerate(rows):
            for a in sorted(set(src or ())):
                out.add("source", a, p)
            for a in sorted(set(tgt or ())):
                out.add("target", a, p)
            out.add("plover", plover, p)
            out.add("cameo", cameo, p)
        return out

    return db.cached("list_events", build)


def documents(db: Reader) -> dict[str, tuple]:
    """document id -> (title, date, outlet): what record lists show of their document, added
    from memory instead of a join (the join doubled the cost of reading a page of rows)."""
    return db.cached("list_documents", lambda: {r[0]: r[1:] for r in db.tuples(
        "SELECT id, title, date, outlet FROM documents")})


def actor_rows(db: Reader) -> dict[str, dict]:
    """actor id -> its row of the actors table, as ``SELECT *`` returns it (not decoded; copy
    before changing). The table is small (one row per actor the corpus links to), and a
    document page joined it twice per request."""
    def build() -> dict[str, dict]:
        cur = db.cursor().execute("SELECT * FROM actors")
        cols = [d[0] for d in cur.description]
        return {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}

    return db.cached("list_actors", build)


def document_rowids(db: Reader) -> dict[str, int]:
    """document id -> its row id."""
    return db.cached("list_document_rowids", lambda: dict(db.tuples(
        "SELECT id, rowid FROM documents")))


def sentence_rows(db: Reader) -> dict[str, tuple[int, int]]:
    """document id -> (row id of its sentence 0, number of sentences), for the documents whose
    sentences are stored in one run in index order (the writer stores them so): sentence ``i``
    is then row ``first + i``, read by row id rather than by a join on (document, index)."""
    return db.cached("list_sentences", lambda: {r[0]: (r[1], r[2]) for r in db.tuples(
        "SELECT doc_id, min(rowid), count(*) FROM sentences GROUP BY doc_id HAVING "
        "max(rowid) - min(rowid) + 1 = count(*) AND min(idx) = 0 AND max(idx) = count(*) - 1")})


@dataclass(frozen=True)
class ActorMentions:
    """Per actor: (document id, mentions) of every document that mentions it, in the actor
    page's order (most mentions, then newest, then id), its mentions per month (``undated``
    for documents without a date) and the ten forms it is mentioned by most."""

    per_doc: dict[str, list[tuple[str, int]]]
    by_period: dict[str, list[tuple[str, int]]]
    names: dict[str, list[dict]]


def actor_mentions(db: Reader) -> ActorMentions:
    def build() -> ActorMentions:
        docs = documents(db)
        per_doc: dict[str, list[tuple[str, int]]] = {}
        for a, d, n in db.tuples("SELECT actor_id, doc_id, count(*) FROM mentions "
                                 "WHERE actor_id IS NOT NULL GROUP BY actor_id, doc_id"):
            if d in docs:  # as the join to documents
                per_doc.setdefault(a, []).append((d, n))
        by_period: dict[str, list[tuple[str, int]]] = {}
        for a, found in per_doc.items():
            months: dict[str, int] = {}
            for d, n in found:
                p = (docs[d][1] or "")[:7] or "undated"
                months[p] = months.get(p, 0) + n
            by_period[a] = sorted(months.items())
            # most mentions first, then newest, then id (stable sorts, last key first)
            found.sort(key=lambda x: x[0])
            found.sort(key=lambda x: docs[x[0]][1] or "", reverse=True)
            found.sort(key=lambda x: -x[1])
        names: dict[str, list[dict]] = {}
        for a, text, n in db.tuples(
                "SELECT actor_id, text, n FROM (SELECT actor_id, text, count(*) AS n, "
                "row_number() OVER (PARTITION BY actor_id ORDER BY count(*) DESC, text) AS k "
                "FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id, text) "
                "WHERE k <= 10 ORDER BY actor_id, k"):
            names.setdefault(a, []).append({"text": text, "n": n})
        return ActorMentions(per_doc, by_period, names)

    return db.cached("actor_mentions", build)


def warm(db: Reader) -> None:
    documents(db)
    actor_rows(db)
    document_rowids(db)
    sentence_rows(db)
    quotes(db)
    mentions(db)
    stances(db)
    events(db)
    actor_mentions(db)
