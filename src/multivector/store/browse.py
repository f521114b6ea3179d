"""The page queries behind the web API: one function per collection, all paginated, each over a
:class:`~multivector.store.read.Reader` (part of the read layer, so no SQL lives in the web
package).

Each function returns ``{"total", "limit", "offset", "items"}`` so a client can page through any
list the same way. Text columns that can be large (a document's text) are left out of lists and
returned by the single-item endpoints. Every SQL string here is a constant; request values are
passed as parameters (see :mod:`multivector.store.where`).
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from typing import Any

from . import lists, terms
from .lists import Ordered
from .read import Reader, decode_row, decode_rows
from .where import (
    FilterError,
    Where,
    check_date,
    check_page,
    ilike,
    match_actor_text,
)

DOC_LIST_COLS = ("d.id, d.source, d.title, d.date, d.date_source, d.author, d.url, d.outlet, "
                 "d.genre, d.format, d.languages, d.n_words")


def _page(db: Reader, table: str, select: str, frm: str, where: Where, order: str,
          limit: int, offset: int, window: bool = False, count_frm: str | None = None,
          by_rowid: str | None = None) -> dict:
    """A page of rows and the total. ``window``: one scan computes both (a window count);
    worth it when the filter is a costly scan (text search) and the selected columns are
    light. Otherwise a count and a top-N query, each cheap. ``count_frm``: the record table
    alone, used for counting when no condition needs the joined document (every record has
    its document, so the count is the same). ``by_rowid``: the alias of the record table;
    with ``window``, the scan carries only its row ids to the sort and the page's rows are
    read afterwards by row id (events: carrying every column of thousands of matching rows to
    the sort cost more than the second lookup)."""
    if count_frm and not re.search(r"\bd\.", where.sql):
        frm_count = count_frm
    else:
        frm_count = frm
    limit, offset = check_page(limit, offset)
    if window and by_rowid:
        keys = db.tuples(f"SELECT {by_rowid}.rowid, count(*) OVER () FROM {frm}{where.sql} "
                         f"ORDER BY {order} LIMIT ? OFFSET ?", [*where.params, limit, offset])
        total = keys[0][1] if keys else None
        rows = _rows_by_rowid(db, select, frm, by_rowid, [k[0] for k in keys])
    elif window:
        rows = db.query(f"SELECT {select}, count(*) OVER () AS _total FROM {frm}{where.sql} "
                        f"ORDER BY {order} LIMIT ? OFFSET ?", [*where.params, limit, offset])
        total = rows[0]["_total"] if rows else None
        for r in rows:
            del r["_total"]
    else:
        rows = db.query(f"SELECT {select} FROM {frm}{where.sql} ORDER BY {order} "
                        "LIMIT ? OFFSET ?", [*where.params, limit, offset])
        total = None
    if total is None:
        total = 0 if (window and offset == 0) else db.scalar(
            f"SELECT count(*) FROM {frm_count}{where.sql}", where.params)
    return {"total": total, "limit": limit, "offset": offset,
            "items": decode_rows(table, rows)}


def _rows_by_rowid(db: Reader, select: str, frm: str, alias: str,
                   rowids: list[int]) -> list[dict]:
    """The rows of ``frm`` (``alias``: its record table) with these row ids, in this order."""
    if not rowids:
        return []
    rank = {r: i for i, r in enumerate(rowids)}
    rows = db.query(f"SELECT {alias}.rowid AS _rid, {select} FROM {frm} WHERE "
                    f"{alias}.rowid IN (SELECT unnest(?::BIGINT[]))", [rowids])
    rows.sort(key=lambda r: rank[r["_rid"]])
    for r in rows:
        del r["_rid"]
    return rows


def _listed(db: Reader, table: str, found: Ordered, positions: set[int], order: str,
            limit: int, offset: int) -> dict:
    """A page of a list answered from memory (:mod:`multivector.store.lists`): the order and
    the total from the positions, only the page's rows read."""
    return _pages(db, table, found, [positions], order, limit, offset)[0]


def _pages(db: Reader, table: str, found: Ordered, lists_of: list[set[int]], order: str,
           limit: int, offset: int) -> list[dict]:
    """Pages of several lists of one table, their rows read in one query (from the record
    table alone; the document's title and date, and an event's date or else its document's,
    are added from memory, as the SQL path's join adds them)."""
    limit, offset = check_page(limit, offset)
    pages = [found.page(positions, order, limit, offset) for positions in lists_of]
    wanted = sorted({r for _, rowids in pages for r in rowids})
    docs = lists.documents(db)
    known = lists.actor_rows(db)
    rows = {}
    for r in _rows_by_rowid(db, "r.rowid AS _r, r.*", f'"{table}" r', "r", wanted):
        title, date = docs[r["doc_id"]][:2]
        if table == "events":
            r["when_date"] = r["date"] if r["date"] is not None else date
        elif table == "mentions":  # as the SQL path's join to actors
            a = known.get(r["actor_id"]) or {}
            r["actor_name"], r["actor_type"] = a.get("name"), a.get("type")
        r["doc_title"], r["doc_date"] = title, date
        rows[r.pop("_r")] = r
    return [{"total": total, "limit": limit, "offset": offset,
             "items": decode_rows(table, (dict(rows[r]) for r in rowids))}
            for total, rowids in pages]


def _only(*given: Any) -> bool:
    """No filter but the ones the in-memory lists answer (all ``given`` are empty)."""
    return lists.ENABLED and not any(v not in (None, "") for v in given)


def _run(jobs: dict[str, Any]) -> dict[str, Any]:
    """Run named read jobs, one after the other. (Running them in threads was measured slower
    on 2 cores: DuckDB already uses every core for each query.)"""
    return {name: job() for name, job in jobs.items()}


def _attach_sentences(db: Reader, rows: list[dict]) -> None:
    """Add the evidence sentence (``sentence_text``, ``sentence_start``, ``sentence_end``) to
    records of one page: looked up for those rows only, not joined over the whole table.

    Why a join on (document, sentence) pairs: an ``IN`` list of the page's documents read
    every sentence of those documents (~1,500 for 50 events, 12-20 ms at 10k documents);
    joining the pairs themselves reads only the two key columns of the table and the text of
    the matching rows (~5 ms)."""
    pairs = sorted({(r["doc_id"], r["sentence"]) for r in rows
                    if r.get("sentence") is not None and r.get("doc_id") is not None})
    found = {}
    if pairs and lists.ENABLED:  # by row id where the sentences of a document are in one run
        runs = lists.sentence_rows(db)
        rowids = [runs[d][0] + i for d, i in pairs if d in runs and 0 <= i < runs[d][1]]
        if rowids:
            for x in db.query(SENTENCES_BY_ROWID, [rowids]):
                found[(x["doc_id"], x["idx"])] = x
        pairs = [p for p in pairs if p not in found]
    if pairs:
        for x in db.query(SENTENCES_OF_PAIRS, [[{"d": d, "i": i} for d, i in pairs]]):
            found[(x["doc_id"], x["idx"])] = x
    for r in rows:
        x = found.get((r["doc_id"], r.get("sentence")), {})
        r["sentence_text"] = x.get("text")
        r["sentence_start"] = x.get("start")
        r["sentence_end"] = x.get("end")


SENTENCES_BY_ROWID = ('SELECT doc_id, idx, text, start, "end" FROM sentences '
                      "WHERE rowid IN (SELECT unnest(?::BIGINT[]))")
SENTENCES_OF_PAIRS = (
    'SELECT s.doc_id, s.idx, s.text, s.start, s."end" FROM sentences s JOIN '
    "(SELECT unnest(?::STRUCT(d VARCHAR, i INTEGER)[], recursive := true)) p "
    "ON s.doc_id = p.d AND s.idx = p.i")


def _term_index(db: Reader) -> TermIndex | None:
    """The word index (:mod:`multivector.store.terms`) as the server uses it, built once per
    data generation (~2 s at 10k documents); None for a file without the index."""
    if not db.has(terms.TABLE):
        return None

    def build() -> TermIndex:
        rowid = {d: r for d, r in db.tuples("SELECT id, rowid FROM documents")}
        postings: dict[str, array] = {}
        # streamed, grouped here: grouping in DuckDB (list() per word) was 3x faster but left
        # ~150 MB with its allocator in every server process at 10k documents; this way the
        # process grows by ~40 MB (the packed arrays of 1.6M postings are 12 MB), in ~2 s
        # at start-up (in the background, with the network aggregates)
        cur = db.cursor().execute(terms.POSTINGS_SQL)
        while batch := cur.fetchmany(10_000):
            for term, doc_id in batch:
                if doc_id in rowid:
                    arr = postings.get(term)
                    if arr is None:
                        arr = postings[term] = array("q")
                    arr.append(rowid[doc_id])
        words = sorted(postings)
        docs = [postings.pop(w) for w in words]
        starts: list[int] = []
        at = 0
        for w in words:
            starts.append(at)
            at += len(w) + 1
        return TermIndex(words, docs, starts, "\n".join(words))

    return db.cached("term_index", build)


@dataclass(frozen=True)
class TermIndex:
    """The words in order, the row ids of the documents of each, where each word starts in
    ``joined`` (the words joined by newlines: one ``str.find`` loop finds every word that
    contains the query, without a Python loop over the vocabulary)."""

    words: list[str]
    docs: list[array]
    starts: list[int]
    joined: str


_WORD = re.compile(r"\w+")


def _indexed_docs(db: Reader, q: str) -> list[int] | None:
    """Row ids of the documents whose title or text contains ``q`` (any case), from the word
    index; None when the index cannot answer (no index, or ``q`` is not a single word) and
    the texts must be scanned. Python's ``\\w`` (letters, digits, ``_``) lies inside the
    index's word class (which adds combining marks), and a lower-casing that changes the
    length (where Python's and DuckDB's could differ) is left to the scan."""
    index = _term_index(db)
    word = q.lower()
    if index is None or len(word) != len(q) or not _WORD.fullmatch(word):
        return None
    return sorted(_containing(index, word))


def _containing(index: TermIndex, word: str) -> set[int]:
    """Row ids of the documents with a word that contains ``word``."""
    found: set[int] = set()
    pos = index.joined.find(word)
    while pos >= 0:  # the word around each occurrence, then on after that word
        i = bisect.bisect_right(index.starts, pos) - 1
        found.update(index.docs[i])
        pos = index.joined.find(word, index.starts[i] + len(index.words[i]) + 1)
    return found


# a phrase whose words occur together in at most this many documents is checked in those
# documents only; more, and one scan of every text costs less
PHRASE_CANDIDATES = 2000

PHRASE_CHECK = ("WITH c AS MATERIALIZED (SELECT rowid AS r, title, text FROM documents "
                "WHERE rowid IN (SELECT unnest(?::BIGINT[]))) SELECT r FROM c WHERE {}")


def _phrase_docs(db: Reader, q: str) -> list[int] | None:
    """Row ids of the documents whose title or text contains ``q`` when ``q`` is several
    words (``Expert 01``, ``o'brien``): each of its words lies inside one word of a text that
    contains it, so only the documents having all of them (from the word index) can match,
    and only those are checked with the scan's own condition. None (scan every text) without
    an index, for a query without words, or when more than :data:`PHRASE_CANDIDATES`
    documents have all the words."""
    index = _term_index(db)
    low = q.lower()
    words = sorted(set(_WORD.findall(low)), key=len, reverse=True)  # longest: fewest docs
    if index is None or len(low) != len(q) or not words:
        return None
    candidates: set[int] | None = None
    for w in words:
        found = _containing(index, w)
        candidates = found if candidates is None else candidates & found
        if not candidates:
            return []
    assert candidates is not None
    if len(candidates) > PHRASE_CANDIDATES:
        return None
    clause, pattern = ilike("text", q)
    clause_t, pattern_t = ilike("title", q)
    return sorted(r[0] for r in db.tuples(PHRASE_CHECK.format(f"{clause} OR {clause_t}"),
                                          [sorted(candidates), pattern, pattern_t]))


def _text_docs(db: Reader, q: str) -> list[int] | None:
    """Row ids of the documents whose title or text contains ``q``, from the word index (a
    word, or a phrase whose words are rare enough); None: scan."""
    rowids = _indexed_docs(db, q)
    return rowids if rowids is not None else _phrase_docs(db, q)


def _doc_order(db: Reader) -> list[int]:
    """Row ids of every document in the order of document lists (newest first, then id);
    once per data generation."""
    return db.cached("doc_order", lambda: [r[0] for r in db.tuples(
        "SELECT rowid FROM documents ORDER BY date DESC NULLS LAST, id")])


def _docs_by_rowids(db: Reader, rowids: list[int], select: str, limit: int,
                    offset: int, params: list | None = None) -> dict:
    """A page of documents (``select`` over alias ``d``, with ``params`` for its
    placeholders) among ``rowids``, in list order: the order and the total come from memory,
    only the page's rows are read."""
    limit, offset = check_page(limit, offset)
    wanted = set(rowids)
    page: list[int] = []
    skip = offset
    for r in _doc_order(db):
        if r in wanted:
            if skip:
                skip -= 1
                continue
            page.append(r)
            if len(page) == limit:
                break
    rank = {r: i for i, r in enumerate(page)}
    rows = db.query(f"SELECT d.rowid AS _rid, {select} FROM documents d "
                    "WHERE d.rowid IN (SELECT unnest(?::BIGINT[]))",
                    [*(params or []), page]) if page else []
    rows.sort(key=lambda r: rank[r.pop("_rid")])
    return {"total": len(wanted), "limit": limit, "offset": offset,
            "items": decode_rows("documents", rows)}


def _text_match(db: Reader, where: Where, q: str) -> None:
    """Documents (alias ``d``) whose title or text contains ``q``, any case: from the word
    index when ``q`` is one word, else by scanning the texts."""
    rowids = _text_docs(db, q)
    if rowids is not None:
        where.add("d.rowid IN (SELECT unnest(?::BIGINT[]))", rowids)
        return
    clause, pattern = ilike("d.text", q)
    clause_t, pattern_t = ilike("d.title", q)
    where.add(f"{clause} OR {clause_t}", pattern, pattern_t)


def _doc_language(where: Where, language: str | None) -> None:
    if language:
        where.add("list_contains(from_json(d.languages, '[\"VARCHAR\"]'), ?)", language)


# ---------------------------------------------------------------------- documents
def documents(db: Reader, *, q: str | None = None, actor: str | None = None,
              date_from: str | None = None, date_to: str | None = None,
              language: str | None = None, type: str | None = None, outlet: str | None = None,
              limit: int = 50, offset: int = 0) -> dict:
    if q and not any((actor, date_from, date_to, language, type, outlet)):
        rowids = _text_docs(db, q)  # text alone, from the index: order and total from memory
        if rowids is not None:
            return _docs_by_rowids(db, rowids, DOC_LIST_COLS, limit, offset)
    if _only(q, actor, date_from, date_to, language, type, outlet):  # all: order in memory
        return _docs_by_rowids(db, _doc_order(db), DOC_LIST_COLS, limit, offset)
    if actor and _only(q, language, type, outlet):  # the actor's documents, from memory
        f, t = check_date("from", date_from), check_date("to", date_to)
        docs, rowid = lists.documents(db), lists.document_rowids(db)
        ids = [d for d, _ in lists.actor_mentions(db).per_doc.get(actor, ()) if d in rowid]
        if f or t:  # as Where.date_range: undated documents drop out
            ids = [d for d in ids if (date := docs[d][1]) is not None
                   and (not f or date >= f) and (not t or date[:len(t)] <= t)]
        return _docs_by_rowids(db, [rowid[d] for d in ids], DOC_LIST_COLS, limit, offset)
    w = Where()
    if q:  # the title is the first paragraph of the text when there is one
        _text_match(db, w, q)
    if actor:
        w.add("d.id IN (SELECT doc_id FROM mentions WHERE actor_id = ?)", actor)
    w.date_range("d.date", date_from, date_to)
    _doc_language(w, language)
    w.equals("d.genre", type)
    w.equals("d.outlet", outlet)
    return _page(db, "documents", DOC_LIST_COLS, "documents d", w,
                 "d.date DESC NULLS LAST, d.id", limit, offset, window=bool(q))


def document(db: Reader, doc_id: str) -> dict | None:
    rows = db.query("SELECT * FROM documents WHERE id = ?", [doc_id])
    if not rows:
        return None
    doc = decode_row("documents", rows[0])
    known = lists.actor_rows(db) if lists.ENABLED else None
    parts = _run({  # one indexed lookup per layer
        "mentions": lambda: _doc_mentions(db, doc_id, known),
        "quotes": lambda: decode_rows("quotes", db.query(
            "SELECT * FROM quotes WHERE doc_id = ? ORDER BY start", [doc_id])),
        "events": lambda: decode_rows("events", db.query(
            "SELECT * FROM events WHERE doc_id = ? ORDER BY start", [doc_id])),
        "stances": lambda: decode_rows("stances", db.query(
            "SELECT * FROM stances WHERE doc_id = ? ORDER BY sentence, id", [doc_id])),
        "paragraphs": lambda: db.query(
            'SELECT idx, start, "end", lang, translation_of, is_question FROM paragraphs '
            "WHERE doc_id = ? ORDER BY idx", [doc_id]),
    })
    doc.update(parts)
    ids = sorted({m["actor_id"] for m in doc["mentions"] if m.get("actor_id")})
    if known is not None:  # as ORDER BY name (nulls last); ties by id
        found = sorted((known[i] for i in ids if i in known),
                       key=lambda r: (r["name"] is None, r["name"] or ""))
        doc["actors"] = decode_rows("actors", (dict(r) for r in found))
    else:
        doc["actors"] = decode_rows("actors", db.query(
            "SELECT * FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY name, id",
            [ids]))
    return doc


def _doc_mentions(db: Reader, doc_id: str, known: dict[str, dict] | None) -> list[dict]:
    """The document's mentions in text order, with their actor's name and type (from memory
    when ``known``: the actors table, instead of a join)."""
    if known is None:
        return decode_rows("mentions", db.query(
            "SELECT m.*, a.name AS actor_name, a.type AS actor_type FROM mentions m "
            "LEFT JOIN actors a ON a.id = m.actor_id WHERE m.doc_id = ? "
            'ORDER BY m.start, m."end", m.rowid', [doc_id]))
    rows = db.query('SELECT m.* FROM mentions m WHERE m.doc_id = ? ORDER BY m.start, m."end", '
                    "m.rowid", [doc_id])
    for r in rows:
        a = known.get(r["actor_id"]) or {}
        r["actor_name"], r["actor_type"] = a.get("name"), a.get("type")
    return decode_rows("mentions", rows)


# ---------------------------------------------------------------------- actors
def actors(db: Reader, *, q: str | None = None, type: str | None = None,
           country: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Actors matching the filters, most mentioned first. The mention counts of all actors
    are computed once per data generation; the actors table itself is small."""
    limit, offset = check_page(limit, offset)
    w = Where()
    match_actor_text(w, q)
    w.equals("a.type", type)
    w.equals("a.country", country)
    rows = db.query(f"SELECT a.* FROM actors a{w.sql}", w.params)
    counts = db.cached("actor_counts", lambda: {
        r["actor_id"]: (r["n"], r["d"]) for r in db.query(
            "SELECT actor_id, count(*) AS n, count(DISTINCT doc_id) AS d FROM mentions "
            "WHERE actor_id IS NOT NULL GROUP BY actor_id")})
    for r in rows:
        r["n_mentions"], r["n_documents"] = counts.get(r["id"], (0, 0))
    rows.sort(key=lambda r: (-r["n_mentions"], r["name"] is None, r["name"] or "", r["id"]))
    return {"total": len(rows), "limit": limit, "offset": offset,
            "items": decode_rows("actors", rows[offset:offset + limit])}


def actor(db: Reader, actor_id: str, *, limit: int = 50) -> dict | None:
    """Everything the actor page shows: who it is, how often it is mentioned over time, what it
    said (quotes it is the speaker of), what others say about it (stances with it as target),
    what it says about others, and the documents that mention it most."""
    if lists.ENABLED:
        row = lists.actor_rows(db).get(actor_id)
        rows = [dict(row)] if row is not None else []
    else:
        rows = db.query("SELECT * FROM actors WHERE id = ?", [actor_id])
    if rows:
        info = decode_row("actors", rows[0])
    else:  # an id that only occurs in events or stances (no actors row): still show it
        seen = _known(db, actor_id) if lists.ENABLED else db.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM mentions WHERE actor_id = ? UNION ALL "
            "SELECT 1 FROM stances WHERE holder_id = ? OR target_id = ? UNION ALL "
            "SELECT 1 FROM quotes WHERE speaker_id = ?)", [actor_id] * 4)
        if not seen:
            return None
        info = {"id": actor_id, "name": None, "type": None, "roles": [], "aliases": {}}
    if lists.ENABLED:  # the four lists in two queries (one per table)
        qs, ss = lists.quotes(db), lists.stances(db)
        said = qs.positions("speaker", [actor_id])
        said_q, about_q = _pages(db, "quotes", qs, [
            said, qs.positions("mentioned", [actor_id]) - said], "desc", limit, 0)
        about_s, held_s = _pages(db, "stances", ss, [
            ss.positions("target", [actor_id]), ss.positions("holder", [actor_id])], "desc",
            limit, 0)
        parts: dict[str, Any] = {"per_doc": None,
                 "names": _actor_names(db, actor_id), "said": said_q, "said_about": about_s,
                 "quotes_mentioning": about_q, "stances_held": held_s}
    else:
        parts = _run({
            "per_doc": lambda: _actor_documents(db, actor_id),
            "names": lambda: _actor_names(db, actor_id),
            "said": lambda: quotes(db, speaker=actor_id, limit=limit),
            "said_about": lambda: stances(db, target=actor_id, limit=limit, sentences=False),
            "quotes_mentioning": lambda: quotes(db, about=actor_id, limit=limit),
            "stances_held": lambda: stances(db, holder=actor_id, limit=limit,
                                            sentences=False),
        })
    # one sentence lookup for both stance lists
    _attach_sentences(db, parts["said_about"]["items"] + parts["stances_held"]["items"])
    per_doc = parts.pop("per_doc")  # one row per document: counts, timeline, top documents
    if per_doc is None:  # from memory, in order: the page's documents only
        found = lists.actor_mentions(db)
        docs = lists.documents(db)
        ranked = found.per_doc.get(actor_id, [])
        parts["mentions_by_period"] = [{"period": p, "n": n}
                                       for p, n in found.by_period.get(actor_id, ())]
        parts["documents"] = [dict(zip(("id", "title", "date", "outlet"), (d, *docs[d])),
                                   n_mentions=n) for d, n in ranked[:limit]]
        counts = {"n_mentions": sum(n for _, n in ranked), "n_documents": len(ranked)}
        return {"actor": info, **counts, **parts}
    by_period: dict[str, int] = {}
    for d in per_doc:
        p = (d["date"] or "")[:7] or "undated"
        by_period[p] = by_period.get(p, 0) + d["n_mentions"]
    parts["mentions_by_period"] = [{"period": p, "n": n} for p, n in sorted(by_period.items())]
    # most mentions first, then newest, then id (stable sorts, last key first)
    per_doc.sort(key=lambda d: d["id"])
    per_doc.sort(key=lambda d: d["date"] or "", reverse=True)
    per_doc.sort(key=lambda d: -d["n_mentions"])
    parts["documents"] = per_doc[:limit]
    counts = {"n_mentions": sum(d["n_mentions"] for d in per_doc), "n_documents": len(per_doc)}
    return {"actor": info, **counts, **parts}


def _known(db: Reader, actor_id: str) -> bool:
    """Whether the actor is mentioned, holds or is the target of a stance, or said a quote."""
    return bool(actor_id in lists.actor_mentions(db).per_doc
                or lists.stances(db).positions("holder", [actor_id])
                or lists.stances(db).positions("target", [actor_id])
                or lists.quotes(db).positions("speaker", [actor_id]))


def _actor_documents(db: Reader, actor_id: str) -> list[dict]:
    """{id, title, date, outlet, n_mentions} of each document that mentions the actor (in no
    particular order: the caller sorts)."""
    return db.query(
        "SELECT d.id, d.title, d.date, d.outlet, c.n AS n_mentions FROM (SELECT doc_id, "
        "count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY doc_id) c "
        "JOIN documents d ON d.id = c.doc_id", [actor_id])


def _actor_names(db: Reader, actor_id: str) -> list[dict]:
    """The ten forms the actor is mentioned by most (then by text)."""
    if lists.ENABLED:
        return [dict(n) for n in lists.actor_mentions(db).names.get(actor_id, ())]
    return db.query(
        "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text "
        "ORDER BY n DESC, text LIMIT 10", [actor_id])


# ---------------------------------------------------------------------- mentions
def mentions(db: Reader, *, actor: str | None = None, document: str | None = None,
             language: str | None = None, type: str | None = None,
             date_from: str | None = None, date_to: str | None = None, q: str | None = None,
             limit: int = 50, offset: int = 0) -> dict:
    if actor and _only(document, language, type, q):
        found = lists.mentions(db)
        sets: list = [found.positions("actor", [actor])]
        if date_from or date_to:
            sets.append(found.dated(check_date("from", date_from), check_date("to", date_to)))
        return _listed(db, "mentions", found, lists.intersect(sets), "desc", limit, offset)
    w = Where()
    w.equals("m.actor_id", actor)
    w.equals("m.doc_id", document)
    w.equals("m.language", language)
    w.equals("m.method", type)
    w.contains("m.text", q)
    w.date_range("d.date", date_from, date_to)
    frm = ("mentions m JOIN documents d ON d.id = m.doc_id "
           "LEFT JOIN actors a ON a.id = m.actor_id")
    select = ("m.*, a.name AS actor_name, a.type AS actor_type, d.title AS doc_title, "
              "d.date AS doc_date")
    return _page(db, "mentions", select, frm, w, lists.MENTION_ORDER, limit, offset,
                 count_frm="mentions m")


# ---------------------------------------------------------------------- quotes
QUOTE_ROWIDS = "t.rowid IN (SELECT unnest(?::BIGINT[]))"

def _quote_rowids(db: Reader, actor: str) -> list[int]:
    """Row ids of the quotes that mention ``actor`` (listed in the quote's ``mentioned``, or a
    mention of it lies inside the quote's span), from :func:`multivector.store.lists.quotes`
    (built once per data generation: parsing every quote's JSON and joining the mentions per
    request cost ~25 ms at 10k documents)."""
    found = lists.quotes(db)
    return found.rowids_of(found.positions("mentioned", [actor]))


def quotes(db: Reader, *, actor: str | None = None, speaker: str | None = None,
           about: str | None = None, document: str | None = None, type: str | None = None,
           language: str | None = None, date_from: str | None = None,
           date_to: str | None = None, q: str | None = None, limit: int = 50,
           offset: int = 0) -> dict:
    """``speaker``: quotes the actor said; ``about``: quotes that mention the actor (listed in
    the quote's ``mentioned``, or a mention of it lies inside the quote's span) and that it did
    not say itself; ``actor``: either."""
    frm = "quotes t JOIN documents d ON d.id = t.doc_id"
    select = "t.*, d.title AS doc_title, d.date AS doc_date"
    if (actor or speaker or about) and _only(document, type, language, date_from, date_to, q):
        found = lists.quotes(db)
        sets = []
        if actor:
            sets.append(found.positions("speaker", [actor]) | found.positions("mentioned", [actor]))
        if speaker:
            sets.append(found.positions("speaker", [speaker]))
        if about:
            sets.append(found.positions("mentioned", [about]) - found.positions("speaker", [about]))
        return _listed(db, "quotes", found, set.intersection(*sets), "desc", limit, offset)
    w = Where()
    if actor:
        w.add(f"t.speaker_id = ? OR {QUOTE_ROWIDS}", actor, _quote_rowids(db, actor))
    w.equals("t.speaker_id", speaker)
    if about:
        w.add(f"{QUOTE_ROWIDS} AND coalesce(t.speaker_id, '') <> ?",
              _quote_rowids(db, about), about)
    w.equals("t.doc_id", document)
    w.equals("t.kind", type)
    _doc_language(w, language)
    w.contains("t.text", q)
    w.date_range("d.date", date_from, date_to)
    return _page(db, "quotes", select, frm, w, lists.QUOTE_ORDER,
                 limit, offset, count_frm="quotes t")


def family(db: Reader, actor_id: str) -> list[str]:
    """A state and every actor of that country (government, army, officials, citizens); any
    other actor alone. Matches :func:`multivector.web.network.rollup_map`."""
    rows = db.query(
        "SELECT o.id FROM actors o JOIN actors s ON s.id = o.country AND s.type = 'state' "
        "WHERE o.country = ? ORDER BY o.id", [actor_id])
    return [actor_id] + [r["id"] for r in rows if r["id"] != actor_id]


# ---------------------------------------------------------------------- events
EVENT_DATE = lists.EVENT_DATE
ROWIDS = "e.rowid IN (SELECT unnest(?::BIGINT[]))"


def events(db: Reader, *, actor: str | None = None, a: str | None = None,
           b: str | None = None, document: str | None = None, type: str | None = None,
           modality: str | None = None, quad_class: int | None = None,
           language: str | None = None, date_from: str | None = None,
           date_to: str | None = None, q: str | None = None, order: str = "desc",
           rollup: bool = False, limit: int = 50, offset: int = 0,
           all_events: bool = False) -> dict:
    """``actor``: the actor is a source or a target; ``a`` and ``b``: the dyad, either
    direction (a source and b target, or the reverse); ``rollup``: a state in the dyad also
    stands for its government, military and legislature (as in the rolled-up network);
    ``all_events``: also incomplete events (no source or no target), left out by default as
    in the exports."""
    frm = "events e JOIN documents d ON d.id = e.doc_id"
    select = f"e.*, {EVENT_DATE} AS when_date, d.title AS doc_title, d.date AS doc_date"
    w = Where()
    if not all_events and "complete" in db.columns_of("events"):
        w.add("e.complete IS NOT FALSE")
    if (a or b) and not (a and b):
        raise FilterError("a dyad needs both a and b")
    date_from = check_date("from", date_from)
    date_to = check_date("to", date_to)
    memory = _only(document, modality, quad_class, language, q)
    if actor or a or memory:
        found = lists.events(db)
        sets: list = []
        if actor:
            sets.append(found.positions("source", [actor]) | found.positions("target", [actor]))
        if a and b:
            fa, fb = (family(db, a), family(db, b)) if rollup else ([a], [b])
            sets.append((found.positions("source", fa) & found.positions("target", fb))
                        | (found.positions("source", fb) & found.positions("target", fa)))
        if memory:  # every filter given is answered from memory
            if type:
                sets.append(found.of_type(type))
            if date_from or date_to:
                sets.append(found.dated(date_from, date_to))
            positions = lists.intersect(sets) if sets else set(range(len(found.rowids)))
            if not all_events:
                positions -= found.incomplete
            page = _listed(db, "events", found, positions, order, limit, offset)
            _attach_sentences(db, page["items"])
            return page
        w.add(ROWIDS, found.rowids_of(lists.intersect(sets)))
    w.equals("e.doc_id", document)
    if type:  # PLOVER category, or a CAMEO code prefix ("04" = consult)
        w.add("e.plover = ? OR starts_with(coalesce(e.cameo, ''), ?)", type.upper(), type)
    w.equals("e.modality", modality)
    w.equals("e.quad_class", quad_class)
    _doc_language(w, language)
    w.contains("coalesce(e.text, '') || ' ' || coalesce(e.trigger, '')", q)
    w.date_range(EVENT_DATE, date_from, date_to)
    direction = "ASC" if order == "asc" else "DESC"
    # one scan: the JSON filters cost more than carrying the matching rows to the sort
    page = _page(db, "events", select, frm, w, lists.EVENT_ORDER.format(d=direction), limit,
                 offset, window=True, by_rowid="e")
    _attach_sentences(db, page["items"])
    return page


# ---------------------------------------------------------------------- stances
def stances(db: Reader, *, actor: str | None = None, holder: str | None = None,
            target: str | None = None, a: str | None = None, b: str | None = None,
            document: str | None = None, type: str | None = None,
            language: str | None = None, date_from: str | None = None,
            date_to: str | None = None, q: str | None = None, order: str = "desc",
            rollup: bool = False, limit: int = 50, offset: int = 0,
            sentences: bool = True) -> dict:
    """``type`` is the label (cooperative, hostile, mixed, neutral); ``rollup`` as for
    :func:`events`; ``sentences=False`` leaves the evidence sentences to the caller."""
    if (a or b) and not (a and b):
        raise FilterError("a dyad needs both a and b")
    frm = "stances s JOIN documents d ON d.id = s.doc_id"
    select = "s.*, d.title AS doc_title, d.date AS doc_date"
    if (actor or holder or target or a) and _only(document, type, language, q, date_from,
                                                  date_to):
        found = lists.stances(db)
        sets = []
        if actor:
            sets.append(found.positions("holder", [actor]) | found.positions("target", [actor]))
        if holder:
            sets.append(found.positions("holder", [holder]))
        if target:
            sets.append(found.positions("target", [target]))
        if a and b:
            fa, fb = (family(db, a), family(db, b)) if rollup else ([a], [b])
            sets.append((found.positions("holder", fa) & found.positions("target", fb))
                        | (found.positions("holder", fb) & found.positions("target", fa)))
        page = _listed(db, "stances", found, set.intersection(*sets), order, limit, offset)
        if sentences:
            _attach_sentences(db, page["items"])
        return page
    w = Where()
    if actor:
        w.add("s.holder_id = ? OR s.target_id = ?", actor, actor)
    w.equals("s.holder_id", holder)
    w.equals("s.target_id", target)
    if a and b:
        fa, fb = (family(db, a), family(db, b)) if rollup else ([a], [b])
        inn = "IN (SELECT unnest(?::VARCHAR[]))"
        w.add(f"(s.holder_id {inn} AND s.target_id {inn}) OR "
              f"(s.holder_id {inn} AND s.target_id {inn})", fa, fb, fb, fa)
    w.equals("s.doc_id", document)
    w.equals("s.label", type)
    _doc_language(w, language)
    w.contains("CAST(s.evidence AS VARCHAR)", q)
    w.date_range("d.date", date_from, date_to)
    direction = "ASC" if order == "asc" else "DESC"
    page = _page(db, "stances", select, frm, w, lists.STANCE_ORDER.format(d=direction), limit,
                 offset,
                 count_frm="stances s")
    if sentences:
        _attach_sentences(db, page["items"])
    return page


# ---------------------------------------------------------------------- search
# the text around the first occurrence of the query (two parameters: the query, twice)
SNIPPET = ("substr(d.text, greatest(1, instr(lower(d.text), lower(?)) - 80), 220) AS snippet, "
           "greatest(0, instr(lower(d.text), lower(?)) - 81) AS snippet_start")


def search(db: Reader, q: str, *, limit: int = 20) -> dict[str, Any]:
    """One box for everything: actors by name or alias, documents by title or text (with a
    snippet around the first hit), quotes by text."""
    q = (q or "").strip()
    if len(q) < 2:
        raise FilterError("q: type at least 2 characters")
    found_actors = actors(db, q=q, limit=limit)
    rowids = _text_docs(db, q)
    if rowids is not None:  # the page's rows with their snippets, in one query
        hits = _docs_by_rowids(db, rowids, f"d.id, d.title, d.date, d.outlet, {SNIPPET}",
                               limit, 0, [q, q])
    else:
        w = Where()
        _text_match(db, w, q)
        hits = _page(db, "documents", "d.id, d.title, d.date, d.outlet", "documents d", w,
                     "d.date DESC NULLS LAST, d.id", limit, 0, window=True)
        # snippets only for the page shown, not for every match
        snippets = {r["id"]: r for r in db.query(
            f"SELECT d.id, {SNIPPET} FROM documents d WHERE d.id IN "
            "(SELECT unnest(?::VARCHAR[]))", [q, q, [h["id"] for h in hits["items"]]])}
        for h in hits["items"]:
            h.update({k: snippets.get(h["id"], {}).get(k) for k in ("snippet", "snippet_start")})
    return {
        "q": q,
        "actors": found_actors,
        "documents": hits,
        "quotes": quotes(db, q=q, limit=limit),
    }


def warm(db: Reader) -> None:
    """Build the per-generation lookups (event actors, actor mention counts) ahead of use."""
    lists.warm(db)
    _term_index(db)
    _doc_order(db)
    actors(db, limit=1)


def stats(db: Reader) -> dict:
    out = {}
    for t in ("documents", "actors", "mentions", "quotes", "events", "stances"):
        out[t] = db.scalar(f'SELECT count(*) FROM "{t}"') if db.has(t) else 0
    if out["events"] and "complete" in db.columns_of("events"):
        # complete events, as the exports and relations count them
        out["events"] = db.scalar('SELECT count(*) FROM events WHERE complete IS NOT FALSE')
    dates = db.query("SELECT min(date) AS first, max(date) AS last FROM documents")
    out.update(dates[0] if dates else {})
    return out
