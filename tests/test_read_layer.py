"""The read layer: every SQL string lives in multivector/store/, one default database path."""

from __future__ import annotations

import re
from pathlib import Path

import multivector
from multivector.store.read import Reader, reader
from multivector.web.sample import write_sample_db

SRC = Path(multivector.__file__).resolve().parent
SQL = re.compile(r"\b(SELECT|INSERT|DELETE|CREATE|COPY)\b[^\n]*\b(FROM|INTO|TABLE|INDEX|TO)\b|"
                 r"\.execute\(")


def test_no_sql_outside_the_store_package():
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.parent.name == "store":
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if SQL.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_one_default_database_path():
    literals = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                if '"multivector.duckdb"' in p.read_text("utf-8")]
    assert set(literals) <= {"config.py", "store/db.py"}, literals


def test_reader_on_a_store_and_a_file(tmp_path):
    from multivector.store.db import Store

    db = write_sample_db(tmp_path / "r.duckdb")
    with Reader.open(db) as r:
        docs = list(r.rows("documents"))
        assert len(docs) == 3 and r.count("documents") == 3
        assert r.stats()["documents"] == 3
        some = docs[0]["id"]
        sent = next(r.rows("sentences", "doc_id = ?", [some]))
        assert r.sentence_at(some, sent["start"]) == sent["text"]
        assert r.actor_by_id("RUS")[0] == "RUS"
        assert r.actor_names(["RUS", "NOPE"]) == {"RUS": "Russia"}
    with Store(db, read_only=True) as s:  # the relations functions take a Store too
        assert reader(s).count("actors") == s.count("actors")
        assert [d["id"] for d in s.rows("documents")] == [d["id"] for d in docs]


def test_a_file_older_than_a_column_still_exports_it_as_null(tmp_path):
    import duckdb

    from multivector.store.schema import column_names

    db = write_sample_db(tmp_path / "old.duckdb")
    con = duckdb.connect(db)
    con.execute('DROP INDEX IF EXISTS "idx_quotes_doc"')
    con.execute('ALTER TABLE quotes DROP COLUMN "confidence"')  # as if written before it existed
    con.close()
    with Reader.open(db) as r:
        rows = list(r.rows("quotes"))
    assert rows and list(rows[0]) == column_names("quotes")
    assert all(q["confidence"] is None for q in rows) and all(q["text"] for q in rows)
