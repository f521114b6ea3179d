"""The word index of text search (store/terms.py): the documents it finds for a one-word query
are exactly those the substring scan (ILIKE) finds, it follows writes and replacements, and a
file written before it existed is migrated when opened for writing."""

from __future__ import annotations

import duckdb
import pytest

from multivector.store import browse
from multivector.store.db import Store
from multivector.store.read import Reader
from multivector.web.sample import custom_doc, write_sample_db

WORDS = ["drones", "DRONES", "rail", "ailway", "Moscow", "moscow", "s", "2023", "москва",
         "МОСКВ", "straße", "snake_case", "under_", "zzqx", "the"]
PHRASES = ["Expert 01", "o'brien", "50%", "rail_ays", "москва и"]

EXTRA = [
    custom_doc("Москва и Астана обсуждают транзит.\nЗаголовок не в тексте.", key="ru",
               title="Транзит через степь"),
    custom_doc("A note on snake_case identifiers and Straße names; O'Brien wrote 50% of it.",
               key="odd", title="Odd words"),
]


@pytest.fixture()
def db_path(tmp_path):
    return write_sample_db(tmp_path / "s.duckdb", extra=EXTRA)


def scanned(con, q: str) -> list[str]:
    """The answer of the scan: the documents whose text or title contains ``q``."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [r[0] for r in con.execute(
        "SELECT id FROM documents WHERE text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\' "
        "ORDER BY date DESC NULLS LAST, id", [pattern, pattern]).fetchall()]


def listed(reader: Reader, q: str, **kw) -> list[str]:
    page = browse.documents(reader, q=q, limit=500, **kw)
    assert page["total"] == len(page["items"])
    return [d["id"] for d in page["items"]]


def test_one_word_queries_find_what_the_scan_finds(db_path):
    with Reader.open(db_path) as reader:
        con = reader.con
        assert con.execute("SELECT count(*) FROM doc_terms").fetchone()[0] > 100
        nonempty = 0
        for q in WORDS + PHRASES:
            want = scanned(con, q)
            assert listed(reader, q) == want, q
            if len(q) >= 2:  # the search box wants two characters
                found = browse.search(reader, q)["documents"]
                assert [d["id"] for d in found["items"]] == want[:20], q
                assert found["total"] == len(want), q
            nonempty += bool(want)
        assert nonempty >= 10  # the queries do find documents
        # the index answers one-word queries; phrases go to the scan
        assert browse._indexed_docs(reader, "ailway") is not None
        assert browse._indexed_docs(reader, "Expert 01") is None
        # the title is searched too (this one is not part of its text)
        assert listed(reader, "степь") == scanned(con, "степь") != []


def test_one_word_query_pages_and_combines_with_other_filters(db_path):
    with Reader.open(db_path) as reader:
        everything = listed(reader, "the")
        assert len(everything) >= 3
        paged = [d["id"] for off in range(0, len(everything), 2)
                 for d in browse.documents(reader, q="the", limit=2, offset=off)["items"]]
        assert paged == everything
        with_actor = listed(reader, "the", actor="RUS")
        assert set(with_actor) == set(everything) & set(listed(reader, "Moscow", actor="RUS")
                                                        + with_actor)
        assert set(with_actor) == {d["id"] for d in browse.documents(
            reader, actor="RUS", limit=500)["items"]} & set(everything)


def test_index_follows_replacements_and_rewrites(tmp_path):
    path = tmp_path / "r.duckdb"
    with Store(path) as store:
        store.write([custom_doc("The pipeline talks resumed.", key="x")])
        store.write([custom_doc("The pipeline talks resumed.", key="x")])  # again: no-op
        rows = store.con.execute("SELECT count(*), count(DISTINCT term) FROM doc_terms") \
            .fetchone()
        assert rows[0] == rows[1] == 4  # the, pipeline, talks, resumed: once each
        # the same source with other content replaces the document and its words
        store.write([custom_doc("Grain corridor reopened.", key="x")])
    with Reader.open(path) as reader:
        assert listed(reader, "pipeline") == [] == scanned(reader.con, "pipeline")
        assert len(listed(reader, "corridor")) == 1
        assert {r[0] for r in reader.con.execute("SELECT term FROM doc_terms").fetchall()} == \
            {"grain", "corridor", "reopened"}


def test_a_file_without_the_index_is_scanned_then_migrated(db_path):
    con = duckdb.connect(db_path)
    con.execute("DROP TABLE doc_terms")  # as written by a version before the index
    con.close()
    with Reader.open(db_path) as reader:
        assert browse._indexed_docs(reader, "drones") is None  # read-only: scans
        before = listed(reader, "drones")
    assert before
    with Store(db_path):  # a writing command opens it: the words are indexed once
        pass
    with Store(db_path) as store:
        n = store.con.execute("SELECT count(*) FROM doc_terms").fetchone()[0]
        assert n > 100
    with Store(db_path) as store:  # opening again adds nothing
        assert store.con.execute("SELECT count(*) FROM doc_terms").fetchone()[0] == n
    with Reader.open(db_path) as reader:
        assert browse._indexed_docs(reader, "drones") is not None
        assert listed(reader, "drones") == before


def test_phrases_are_checked_in_the_documents_having_their_words(db_path, monkeypatch):
    """A phrase is looked for only in the documents that have each of its words (from the
    index), with the scan's own condition: the same documents as the scan of every text."""
    phrases = PHRASES + ["O'BRIEN wrote", "of it", "Straße names;", "Expert 0", "the the"]
    with Reader.open(db_path) as reader:
        con = reader.con
        found = 0
        for q in phrases:
            want = scanned(con, q)
            assert browse._phrase_docs(reader, q) is not None, q
            assert listed(reader, q) == want, q
            assert listed(reader, q, actor="RUS") == [
                d for d in want if d in set(listed(reader, "", actor="RUS"))], q
            found += bool(want)
        assert found >= 4
        # too many documents with all the words: every text is scanned, same answer
        monkeypatch.setattr(browse, "PHRASE_CANDIDATES", 0)
        assert browse._phrase_docs(reader, "of it") is None
        assert listed(reader, "of it") == scanned(con, "of it") != []
