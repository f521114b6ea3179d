"""The DuckDB file: create and migrate tables, write analysed documents transactionally, read back.

Why one transaction per batch: a crash or Ctrl-C between batches leaves every committed document
intact, and since documents are keyed by the hash of their cleaned text a re-run skips them and
resumes where it stopped. A document whose source was stored before with other content replaces
the old records in the same transaction, so a reader never sees both versions.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .. import layers
from ..doc import Doc
from . import terms
from .connect import StoreError, connect  # noqa: F401  (StoreError: imported from here)
from .read import Reader
from .schema import DOC_TABLES, TABLES, column_names, json_columns

_LOCK = threading.Lock()


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


class Store:
    """A multivector database file (DuckDB)."""

    def __init__(self, path: str | Path = "multivector.duckdb", read_only: bool = False,
                 hold: bool = True):
        """``hold=False`` (``analyze``): the file is opened for each operation and closed by
        :meth:`release`, so other processes can read it between batches (DuckDB lets one
        process write a file, and nobody read it meanwhile)."""
        self.path = str(path)
        self.read_only = read_only
        self.hold = hold
        self._con: Any = connect(self.path, read_only=read_only)
        if not read_only:
            self._migrate()
        self.release()

    @property
    def con(self) -> Any:
        if self._con is None:
            self._con = connect(self.path, read_only=self.read_only)
        return self._con

    def release(self) -> None:
        """Close the file until the next operation (only when not holding it)."""
        if not self.hold and self._con is not None:
            self.close()

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        for table, cols in TABLES.items():
            ddl = ", ".join(f'"{c}" {t}' for c, t in cols)
            self.con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({ddl})')
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()}
            for c, t in cols:
                if c not in have:
                    t_plain = t.replace(" PRIMARY KEY", "")
                    self.con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{c}" {t_plain}')
        for table in DOC_TABLES:
            self.con.execute(
                f'CREATE INDEX IF NOT EXISTS "idx_{table}_doc" ON "{table}" (doc_id)'
            )
        terms.ensure(self.con)  # the word index of text search (older files: built once)

    def close(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            try:
                con.close()
            except duckdb.Error:  # pragma: no cover - closing twice
                pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ reads
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def ids_by_source(self, sources: Iterable[str]) -> dict[str, str]:
        sources = list(sources)
        if not sources:
            return {}
        rows = self.con.execute(
            "SELECT source, id FROM documents WHERE source IN (SELECT unnest(?::VARCHAR[]))",
            [sources],
        ).fetchall()
        return {s: i for s, i in rows}

    def count(self, table: str) -> int:
        self._check_table(table)
        return self.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    def _check_table(self, table: str) -> None:
        if table not in TABLES and table != "relations":
            raise StoreError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")

    def rows(self, table: str, where: str = "", params: list | None = None,
             order: str | None = None) -> Iterator[dict]:
        """Rows of a table as dicts (see :meth:`multivector.store.read.Reader.rows`)."""
        yield from Reader(self.con).rows(table, where, params, order)

    # ------------------------------------------------------------------ writes
    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        cols = column_names(table)
        jcols = json_columns(table)
        data: dict[str, list] = {c: [] for c in cols}
        for r in rows:
            for c in cols:
                v = r.get(c)
                if c in jcols:
                    v = _jsonable(v)
                data[c].append(v)
        arrays = {}
        for c, t in TABLES[table]:
            base = t.split()[0]
            typ = {"INTEGER": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
                   "TIMESTAMP": pa.timestamp("us")}.get(base, pa.string())
            arrays[c] = pa.array(data[c], type=typ)
        tbl = pa.table(arrays)
        quoted = ", ".join(f'"{c}"' for c in cols)
        self.con.register("_mv_rows", tbl)
        try:
            verb = "INSERT OR REPLACE" if table == "actors" else "INSERT"
            self.con.execute(f'{verb} INTO "{table}" ({quoted}) SELECT {quoted} FROM _mv_rows')
        except BaseException:
            # a failed insert (an interrupt landing inside it included) has aborted the
            # transaction, and DuckDB then refuses the unregister too: that refusal must not
            # replace the real error, or an interrupt ends in a traceback instead of the clean
            # stop. The rollback that follows ends the transaction; the next register replaces
            # the view.
            try:
                self.con.unregister("_mv_rows")
            except duckdb.TransactionException:
                pass
            raise
        self.con.unregister("_mv_rows")

    def delete_documents(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if not ids:
            return
        for table in DOC_TABLES:
            self.con.execute(
                f'DELETE FROM "{table}" WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))', [ids]
            )
        terms.delete(self.con, ids)
        self.con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])

    def delete_failures(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self.con.execute("DELETE FROM failures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                             [ids])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction under the process-wide write lock: committed when the block
        ends, rolled back when anything (an interrupt included) leaves it.

        Why the rollback may find nothing to roll back: Ctrl-C or SIGTERM can land just after
        DuckDB finished the COMMIT (the interrupt is raised when the call returns), or while
        DuckDB itself abandons an interrupted statement. A failing ROLLBACK then used to replace
        the interrupt with a 'cannot rollback' error, and the run died with a traceback instead
        of its one-line clean stop.
        """
        with _LOCK:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
                self.con.execute("COMMIT")
            except BaseException:
                try:
                    self.con.execute("ROLLBACK")
                except duckdb.TransactionException:
                    pass  # no transaction is active any more: nothing to undo
                raise

    def write(self, docs: list[Doc]) -> int:
        """Store analysed documents in one transaction; returns how many were new.

        A document already stored under the same id is left alone (no duplicates); one stored
        under the same source with other content is replaced.
        """
        if not docs:
            return 0
        with self._transaction():
            known = self.known_ids(d.id for d in docs)
            fresh = [d for d in docs if d.id not in known]
            seen: set[str] = set()
            fresh = [d for d in fresh if not (d.id in seen or seen.add(d.id))]  # type: ignore[func-returns-value]
            by_source = self.ids_by_source(d.document.source for d in fresh)
            stale = [old for src, old in by_source.items()
                     if old not in {d.id for d in fresh}]
            self.delete_documents(stale)
            self.delete_failures(d.id for d in fresh)
            self._insert_docs(fresh)
            terms.add(self.con, (d.id for d in fresh))
        self.last_written = [d.id for d in fresh]
        return len(fresh)

    def _insert_docs(self, docs: list[Doc]) -> None:
        """Insert every stored layer of ``docs`` (rows built by the layer declarations)."""
        now = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
        rows: dict[str, list[dict]] = {}
        declared = [la for la in layers.all_layers() if la.table and la.rows is not None]
        for doc in docs:
            for la in declared:
                rows.setdefault(la.table, []).extend(la.rows(doc))  # type: ignore[arg-type,misc]
        for d in rows.get("documents", []):
            d["added_at"] = now
        # one row per actor id; a knowledge-base entry wins over a discovered one
        uniq: dict[str, dict] = {}
        for a in rows.get("actors", []):
            prev = uniq.get(a["id"])
            if prev is None or (prev.get("discovered") and not a.get("discovered")):
                uniq[a["id"]] = a
        if uniq:
            existing = {r[0] for r in self.con.execute(
                "SELECT id FROM actors WHERE NOT discovered AND id IN (SELECT unnest(?::VARCHAR[]))",
                [list(uniq)],
            ).fetchall()}
            rows["actors"] = [a for a in uniq.values()
                              if not (a.get("discovered") and a["id"] in existing)]
        for la in declared:
            self._insert(la.table, rows.get(la.table, []))  # type: ignore[arg-type]

    def record_failures(self, failures: list[dict]) -> None:
        """Store per-document failures ({doc_id, source, stage, error}) in one transaction.

        The failed document is not stored, so a re-run analyses it again; its failure rows are
        replaced then (or removed when it succeeds)."""
        if not failures:
            return
        now = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
        with self._transaction():
            self.con.execute(
                "DELETE FROM failures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [[f.get("doc_id") for f in failures]])
            self._insert("failures", [{**f, "at": now} for f in failures])

    def load_parquet(self, files: dict[str, str]) -> int:
        """Store one batch that a Dask worker wrote as Parquet (one file per table, see
        ``multivector.scale``) in one transaction; returns how many documents were new.

        Same rules as :meth:`write`: a document already stored is left alone, one stored under
        the same source with other content is replaced, and a discovered actor never
        overwrites a knowledge-base one. The files were written from an empty database, so
        they hold exactly what :meth:`write` would have inserted for the batch.
        """
        docs_file = files.get("documents")
        if not docs_file:
            return 0
        with self._transaction():
            rows = self.con.execute(
                "SELECT id, source FROM read_parquet(?)", [docs_file]).fetchall()
            known = self.known_ids(i for i, _ in rows)
            fresh: dict[str, str] = {}
            for i, src in rows:
                if i not in known and i not in fresh:
                    fresh[i] = src
            by_source = self.ids_by_source(fresh.values())
            self.delete_documents([old for old in by_source.values() if old not in fresh])
            ids = list(fresh)
            self.delete_failures(ids)
            if ids:
                for table in ["documents", *DOC_TABLES]:
                    if table not in files:
                        continue
                    key = "id" if table == "documents" else "doc_id"
                    quoted = ", ".join(f'"{c}"' for c in column_names(table))
                    self.con.execute(
                        f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM read_parquet(?)'
                        f' WHERE "{key}" IN (SELECT unnest(?::VARCHAR[]))',
                        [files[table], ids])
                if "actors" in files:
                    quoted = ", ".join(f'"{c}"' for c in column_names("actors"))
                    self.con.execute(
                        f'INSERT OR REPLACE INTO actors ({quoted}) SELECT {quoted} '
                        "FROM read_parquet(?) a WHERE NOT (coalesce(a.discovered, false) AND "
                        "a.id IN (SELECT id FROM actors WHERE NOT discovered))",
                        [files["actors"]])
                terms.add(self.con, ids)
        return len(fresh)

    # ------------------------------------------------------------------ summary
    def stats(self) -> dict[str, Any]:
        """Counts per table (see :meth:`multivector.store.read.Reader.stats`)."""
        return Reader(self.con).stats()
