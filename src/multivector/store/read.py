"""The one read layer: every SQL query that reads a multivector database lives here (and in the
page queries of :mod:`multivector.store.browse`, built on the same :class:`Reader`).

Who uses it: ``export``, ``stats``-like commands, ``relations`` and ``profile``
(:mod:`multivector.relations`), ``stances`` (:mod:`multivector.stance.cli`) and the web server
(:mod:`multivector.web`). Why one place: the table layout is known in one package
(:mod:`multivector.store.schema`), so a column added or renamed there is followed here, not in
four copies of hand-written SQL; and one place shows that every value from a user travels as a
``?`` parameter, never formatted into a query.

A :class:`Reader` wraps anything DuckDB can run a query on: a connection, a cursor, or a callable
returning the cursor to use (the web server gives each worker thread its own). It never writes;
:class:`~multivector.store.db.Store` is the write path.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .connect import StoreError, connect
from .schema import TABLES, column_names, json_columns


class Reader:
    """Read queries over one DuckDB connection or cursor.

    ``con``: a DuckDB connection or cursor; or ``cursor``: a callable that returns the cursor
    to use for each query (one per thread in the web server). ``cached(key, compute)`` keeps
    aggregates over whole tables; the default keeps them for the Reader's lifetime, the web
    server's keeps them per data generation.
    """

    def __init__(self, con: Any = None, *, cursor: Callable[[], Any] | None = None):
        if con is None and cursor is None:
            raise ValueError("Reader needs a connection or a cursor factory")
        self.con = con
        self._cursor_factory = cursor
        self._memo: dict[str, Any] = {}
        self._owner: Any = None  # the connection Reader.open made, closed by close()

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | Path) -> Reader:
        """A read-only Reader on a database file (``StoreError`` when it is missing or locked)."""
        reader = cls(connect(path, read_only=True))
        reader._owner = reader.con
        return reader

    def close(self) -> None:
        if self._owner is not None:
            self._owner.close()
            self._owner = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ primitives
    def cursor(self) -> Any:
        return self._cursor_factory() if self._cursor_factory is not None else self.con

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once (aggregates over whole tables)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        """Rows as dicts. ``sql`` is a constant of this package; every value from a user
        travels in ``params`` (never formatted into the SQL)."""
        cur = self.cursor()
        cur.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.cursor().execute(sql, list(params)).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.cursor().execute(sql, list(params)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ schema
    def schema(self) -> dict[str, set[str]]:
        """table -> its column names, as the file has them (older files may lack some)."""
        out: dict[str, set[str]] = {}
        for table, column in self.tuples(
                "SELECT table_name, column_name FROM information_schema.columns"):
            out.setdefault(table, set()).add(column)
        return out

    def columns_of(self, table: str) -> set[str]:
        """The columns ``table`` has in this file (kept with the cached schema: looking them up
        in ``information_schema`` cost ~4 ms per request)."""
        return self.cached("schema", self.schema).get(table, set())

    def has(self, table: str) -> bool:
        """Whether the file has this table (a file written by an older version may not)."""
        return table in self.cached("schema", self.schema)

    # ------------------------------------------------------------------ whole tables
    def rows(self, table: str, where: str = "", params: list | None = None,
             order: str | None = None) -> Iterator[dict]:
        """Rows of a table as dicts in a stable order, JSON columns decoded, dates as ISO
        text (what ``multivector export`` writes). ``where`` must use ? parameters."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        cols = column_names(table)
        jcols = json_columns(table)
        # a file written before a column was declared lacks it (read-only: not migrated); the
        # column is still exported, as null, so every file gives the same fields
        have = self.cached("schema", self.schema).get(table, set(cols))
        select = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in cols)
        sql = f'SELECT {select} FROM "{table}"'
        if where:
            sql += f" WHERE {where}"
        if order is None:
            order = "doc_id, idx" if "idx" in cols and "doc_id" in cols else (
                "doc_id, start" if "start" in cols and "doc_id" in cols else cols[0])
        sql += f" ORDER BY {order}"
        cur = self.cursor().execute(sql, params or [])
        while True:
            batch = cur.fetchmany(1000)
            if not batch:
                break
            for r in batch:
                d = dict(zip(cols, r))
                for c in jcols:
                    if d.get(c) is not None:
                        d[c] = json.loads(d[c])
                for k, v in d.items():
                    if isinstance(v, (_dt.datetime, _dt.date)):
                        d[k] = v.isoformat()
                yield d

    def count(self, table: str) -> int:
        """Rows of ``table``; 0 for a table the file does not have (written by an older
        version, before the table existed)."""
        if table not in TABLES or not self.has(table):
            return 0
        return self.scalar(f'SELECT count(*) FROM "{table}"')

    def stats(self) -> dict[str, Any]:
        """Rows per table, paragraph languages and words: `multivector stats`."""
        out: dict[str, Any] = {t: self.count(t) for t in TABLES}
        langs = self.tuples(
            "SELECT lang, count(*) FROM paragraphs GROUP BY lang ORDER BY 2 DESC")
        out["paragraph_languages"] = {str(k): v for k, v in langs}
        out["words"] = self.scalar("SELECT coalesce(sum(n_words),0) FROM documents")
        out["failures_by_stage"] = {str(k): v for k, v in self.tuples(
            "SELECT stage, count(*) FROM failures GROUP BY stage ORDER BY 2 DESC")
        } if self.has("failures") else {}
        return out

    def copy_to_parquet(self, table: str, path: str | Path) -> None:
        """Write every row of ``table`` to a Parquet file (the per-batch files of --dask)."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        quoted = str(path).replace("'", "''")
        self.cursor().execute(f'COPY (SELECT * FROM "{table}") TO \'{quoted}\' (FORMAT parquet)')

    def date_range(self) -> dict:
        rows = self.query("SELECT min(date) AS first, max(date) AS last FROM documents")
        return rows[0] if rows else {}

    # ------------------------------------------------------------------ relations inputs
    def actor_countries(self) -> dict[str, str | None]:
        """actor id -> its country (ISO 3166 alpha-3) or None."""
        return {r[0]: r[1] for r in self.tuples("SELECT id, country FROM actors")}

    def document_dates(self) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self.tuples("SELECT id, date FROM documents")}

    def record_sentences(self) -> dict[tuple[str, int], tuple[str, int, int]]:
        """(doc id, sentence index) -> (text, start, end) of every sentence that holds an event
        or a stance (their evidence), in one query rather than one per record."""
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in self.tuples(
            "SELECT s.doc_id, s.idx, s.text, s.start, s.\"end\" FROM sentences s JOIN "
            "(SELECT doc_id, sentence FROM stances UNION SELECT doc_id, sentence FROM events) t "
            "ON s.doc_id = t.doc_id AND s.idx = t.sentence")}

    def actor_names(self, ids: Iterable[str]) -> dict[str, str | None]:
        """id -> name of the actors among ``ids`` that the actors table knows."""
        return {r[0]: r[1] for r in self.tuples(
            "SELECT id, name FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(ids)])}

    def country_code(self, text: str) -> str | None:
        """The country code as stored when ``text`` is one (any case), else None."""
        row = self.cursor().execute(
            "SELECT country FROM actors WHERE upper(country) = upper(?) LIMIT 1",
            [text]).fetchone()
        return row[0] if row else None

    def actor_by_id(self, actor_id: str) -> tuple[str, str | None] | None:
        """(id, country) of the actor with this id."""
        row = self.cursor().execute(
            "SELECT id, country FROM actors WHERE id = ? LIMIT 1", [actor_id]).fetchone()
        return (row[0], row[1]) if row else None

    def actor_by_name(self, name: str) -> tuple[str, str | None] | None:
        """(id, country) of an actor with this name (any case), knowledge-base actors first."""
        row = self.cursor().execute(
            "SELECT id, country FROM actors WHERE lower(name) = lower(?) ORDER BY discovered "
            "LIMIT 1", [name]).fetchone()
        return (row[0], row[1]) if row else None

    # ------------------------------------------------------------------ `actors --db`
    def corpus_actors(self, *, type: str | None = None, country: str | None = None,
                      q: str | None = None, discovered: bool | None = None) -> list[dict]:
        """Rows of the ``actors`` table (those a corpus linked or discovered), decoded, with
        ``n_mentions`` and ``n_documents``; most mentioned first, then by id. ``q`` matches
        the id, name or any alias (any case); ``country`` any case."""
        from .where import Where, match_actor_text

        w = Where()
        match_actor_text(w, q)
        w.equals("a.type", type)
        if country:
            w.add("upper(a.country) = upper(?)", country)
        if discovered is not None:
            w.add("coalesce(a.discovered, false) = ?", discovered)
        rows = self.query(
            "SELECT a.*, coalesce(c.n, 0) AS n_mentions, coalesce(c.d, 0) AS n_documents "
            "FROM actors a LEFT JOIN (SELECT actor_id, count(*) AS n, count(DISTINCT doc_id) "
            "AS d FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id) c "
            f"ON c.actor_id = a.id{w.sql} ORDER BY n_mentions DESC, a.id", w.params)
        return [decode_row("actors", r) for r in rows]

    def corpus_actor(self, actor_id: str) -> dict | None:
        """One row of the ``actors`` table with its counts and the forms the corpus mentioned
        it by (most frequent first), or None."""
        rows = self.query("SELECT * FROM actors WHERE id = ?", [actor_id])
        if not rows:
            return None
        info = decode_row("actors", rows[0])
        n, d = self.tuples("SELECT count(*), count(DISTINCT doc_id) FROM mentions "
                           "WHERE actor_id = ?", [actor_id])[0]
        info.update(n_mentions=n, n_documents=d, mentioned_as=[
            {"text": t, "n": k} for t, k in self.tuples(
                "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text "
                "ORDER BY n DESC, text LIMIT 10", [actor_id])])
        return info

    def actor_named(self, text: str) -> str | None:
        """The id of the actor the corpus knows by ``text`` (any case): one named so, knowledge
        base actors before discovered ones; else the actor its mentions of ``text`` were most
        often linked to by name (a pronoun, descriptor, role or bare surname is linked by its
        context, so it says nothing about the phrase alone)."""
        row = self.cursor().execute(
            "SELECT id FROM actors WHERE lower(name) = lower(?) "
            "ORDER BY coalesce(discovered, false), id LIMIT 1", [text]).fetchone()
        if row is None:
            row = self.cursor().execute(
                "SELECT actor_id FROM mentions WHERE lower(text) = lower(?) AND actor_id IS NOT "
                "NULL AND coalesce(method, '') NOT IN ('pronoun', 'descriptor', 'role', "
                "'surname', 'given-name') GROUP BY actor_id ORDER BY count(*) DESC, actor_id "
                "LIMIT 1",
                [text]).fetchone()
        return row[0] if row else None

    def sentence_at(self, doc_id: str, offset: int) -> str | None:
        """The text of the sentence of ``doc_id`` that contains character ``offset``."""
        row = self.cursor().execute(
            'SELECT text FROM sentences WHERE doc_id = ? AND start <= ? AND "end" > ? LIMIT 1',
            [doc_id, offset, offset]).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ network aggregates
    def pair_periods(self) -> list[tuple]:
        """(a, b, month, kind, n, coop, hostile) for every unordered actor pair that meets in an
        event (source and target) or a stance (holder and target), per month ('' undated).
        Tone as documented in :mod:`multivector.web.network`."""
        return self.tuples(PAIR_SQL)

    def event_actor_names(self) -> list[dict]:
        """{id, name} of every actor named as an event source or target."""
        return self.query(EVENT_NAMES_SQL)

    def stance_actor_names(self) -> list[dict]:
        """{id, name, type} of every stance holder and target."""
        return self.query(STANCE_NAMES_SQL)

    def actor_summaries(self) -> list[dict]:
        """{id, name, type, country} of every actor of the actors table."""
        return self.query("SELECT id, name, type, country FROM actors")

    def mention_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.tuples(
            "SELECT actor_id, count(*) AS n FROM mentions WHERE actor_id IS NOT NULL "
            "GROUP BY actor_id")}

    def document_months(self) -> set[str]:
        return {r[0] for r in self.tuples(
            "SELECT DISTINCT left(date, 7) AS p FROM documents WHERE date IS NOT NULL")}


def reader(source: Any) -> Reader:
    """A :class:`Reader` for a Reader, a ``Store`` or a DuckDB connection/cursor (so the
    relations functions accept what their callers hold)."""
    if isinstance(source, Reader):
        return source
    con = getattr(source, "con", None)
    return Reader(con if con is not None else source)


def decode_rows(table: str, rows: Iterable[dict]) -> list[dict]:
    """:func:`decode_row` for many rows of one table (its JSON columns looked up once: for a
    page of 50 rows the lookup in the layer declarations cost more than the decoding)."""
    jcols = json_columns(table)
    return [decode_row(table, r, jcols) for r in rows]


def decode_row(table: str, row: dict, jcols: set[str] | None = None) -> dict:
    """Decode the JSON columns of one row of ``table`` (DuckDB returns them as strings) and
    dates to ISO text. ``jcols``: the table's JSON columns, when the caller has them."""
    for c in json_columns(table) if jcols is None else jcols:
        v = row.get(c)
        if isinstance(v, str):
            try:
                row[c] = json.loads(v)
            except ValueError:
                pass
    for k, v in list(row.items()):
        if hasattr(v, "isoformat"):
            row[k] = v.isoformat()
    return row


# Indexes for the lookups the web API makes by actor. Only created when the server owns the
# file read-write (a read-only connection cannot create them); DuckDB scans are fast enough
# without them at 10k documents (see docs/web.md), they help point lookups on larger files.
READ_INDEXES = [
    ("mentions", "actor_id"),
    ("quotes", "speaker_id"),
    ("stances", "holder_id"),
    ("stances", "target_id"),
]


def add_read_indexes(con: Any) -> None:
    """Create :data:`READ_INDEXES` on a connection opened read-write."""
    for table, col in READ_INDEXES:
        con.execute(f'CREATE INDEX IF NOT EXISTS "idx_web_{table}_{col}" ON "{table}" ("{col}")')


PAIR_SQL = """
WITH ev AS (
    SELECT e.doc_id, e.id, coalesce(e.date, d.date) AS dt, e.quad_class, e.goldstein,
           json_extract_string(e.source, '$[*].id') AS src,
           json_extract_string(e.target, '$[*].id') AS tgt
    FROM events e JOIN documents d ON d.id = e.doc_id
), one AS (
    SELECT doc_id, id, dt, quad_class, goldstein, unnest(src) AS x, tgt FROM ev
), two AS (
    SELECT doc_id, id, dt, quad_class, goldstein, x, unnest(tgt) AS y FROM one
), pairs AS (  -- one row per event and unordered pair ("A and B met" is not two events)
    SELECT DISTINCT doc_id, id, dt, quad_class, goldstein, least(x, y) AS a, greatest(x, y) AS b
    FROM two WHERE x IS NOT NULL AND y IS NOT NULL AND x <> y
)
SELECT a, b, coalesce(left(dt, 7), '') AS period, 'event' AS kind, count(*) AS n,
       sum(CASE WHEN quad_class IN (1, 2) OR (quad_class IS NULL AND goldstein > 0)
           THEN 1 ELSE 0 END) AS coop,
       sum(CASE WHEN quad_class IN (3, 4) OR (quad_class IS NULL AND goldstein < 0)
           THEN 1 ELSE 0 END) AS hostile
FROM pairs
GROUP BY ALL
UNION ALL
SELECT least(s.holder_id, s.target_id), greatest(s.holder_id, s.target_id),
       coalesce(left(d.date, 7), ''), 'stance', count(*),
       sum(CASE WHEN s.polarity > 0.05 THEN 1 ELSE 0 END),
       sum(CASE WHEN s.polarity < -0.05 THEN 1 ELSE 0 END)
FROM stances s JOIN documents d ON d.id = s.doc_id
WHERE s.holder_id IS NOT NULL AND s.target_id IS NOT NULL AND s.holder_id <> s.target_id
GROUP BY ALL
"""

STANCE_NAMES_SQL = """
SELECT DISTINCT holder_id AS id, json_extract_string(holder, '$.name') AS name,
       json_extract_string(holder, '$.type') AS type FROM stances WHERE holder_id IS NOT NULL
UNION
SELECT DISTINCT target_id, json_extract_string(target, '$.name'),
       json_extract_string(target, '$.type') FROM stances WHERE target_id IS NOT NULL
"""

EVENT_NAMES_SQL = """
WITH r AS (SELECT unnest(from_json(source, '[{"id":"VARCHAR","name":"VARCHAR"}]')) AS x FROM events
           UNION ALL
           SELECT unnest(from_json(target, '[{"id":"VARCHAR","name":"VARCHAR"}]')) FROM events)
SELECT DISTINCT x.id AS id, x.name AS name FROM r WHERE x.id IS NOT NULL
"""
