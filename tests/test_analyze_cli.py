"""End to end through the CLI: analyze examples/ into a temporary DuckDB and read it back."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from multivector.cli import app
from multivector.store.db import Store

from conftest import EXAMPLES, FIXTURES

runner = CliRunner()
pytestmark = pytest.mark.slow


def analyze(*args: str):
    return runner.invoke(app, ["analyze", "-q", *args])


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("db") / "ex.duckdb"
    res = analyze(str(EXAMPLES), "--db", str(db))
    assert res.exit_code == 0, res.output
    return db, res.output


def export(db, table: str) -> list[dict]:
    res = runner.invoke(app, ["export", table, "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def test_summary_and_all_examples_stored(examples_db):
    db, output = examples_db
    assert "documents new" in output and str(db) in output
    with Store(db, read_only=True) as s:
        assert s.count("documents") == 18  # 13 articles + 3 feed items + 2 jsonl rows
        assert s.count("sentences") > 200


def test_second_run_adds_nothing(examples_db):
    db, _ = examples_db
    res = analyze(str(EXAMPLES), "--db", str(db))
    assert res.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.count("documents") == 18
    rows = summary_rows(res.output)
    assert rows["documents new"] == "0"
    assert rows["documents unchanged (already stored)"] == "18"
    assert rows["paragraphs"] == "0" and "mentions" not in rows  # nothing analysed again


def summary_rows(output: str) -> dict[str, str]:
    """The summary table's rows as {label: value}."""
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.replace("│", "|").split("|")]
        cells = [c for c in cells if c]
        if len(cells) == 2:
            rows[cells[0]] = cells[1]
    return rows


def test_export_documents_contract(examples_db):
    db, _ = examples_db
    docs = export(db, "documents")
    for d in docs:
        assert {"id", "source", "title", "date", "languages", "text"} <= set(d)
        assert isinstance(d["languages"], list)
    by_src = {d["source"].split("/")[-1]: d for d in docs}
    html = by_src["10_web_page_dushanbe_moscow.html"]
    assert html["date"] == "2024-05-14"
    assert "Leave a Reply" not in html["text"] and "1234 views" not in html["text"]
    inter = by_src["01_interview_karimova_russia_partner_and_threat.txt"]
    assert inter["date"] == "2023-03-17"  # day-first dateline at the end
    mixed = by_src["08_mixed_ru_en_putin_in_astana.txt"]
    assert mixed["languages"][:2] == ["en", "ru"]


def test_chinese_paragraphs_marked_as_translations(examples_db):
    db, _ = examples_db
    with Store(db, read_only=True) as s:
        doc = next(s.rows("documents", "source LIKE ?", ["%09_blog_zh_en%"]))
        paras = list(s.rows("paragraphs", "doc_id = ?", [doc["id"]]))
    zh = [p for p in paras if p["lang"] == "zh"]
    assert len(zh) >= 5
    assert all(p["translation_of"] is not None for p in zh)
    en = {p["idx"]: p for p in paras if p["lang"] == "en"}
    assert all(p["translation_of"] in en for p in zh)


def test_csv_and_parquet_export(examples_db, tmp_path):
    db, _ = examples_db
    out = tmp_path / "s.csv"
    res = runner.invoke(app, ["export", "sentences", "--db", str(db), "-f", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    header = out.read_text().splitlines()[0]
    assert header.startswith("doc_id,idx,paragraph,start,end")
    pq = tmp_path / "d.parquet"
    res = runner.invoke(app, ["export", "documents", "--db", str(db), "-f", "parquet", "-o", str(pq)])
    assert res.exit_code == 0, res.output
    import pyarrow.parquet as papq

    assert papq.read_table(pq).num_rows == 18


def test_export_errors_are_clear(examples_db, tmp_path):
    db, _ = examples_db
    res = runner.invoke(app, ["export", "nosuch", "--db", str(db)])
    assert res.exit_code == 2 and "unknown table" in res.output
    res = runner.invoke(app, ["export", "documents", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "no such database" in res.output


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path, pipeline):
    db = tmp_path / "bad.duckdb"
    res = analyze(str(FIXTURES / "ingest"), str(tmp_path / "missing.txt"), "--db", str(db))
    assert res.exit_code == 1  # partial: some inputs skipped
    out = res.output
    assert "binary.txt: binary file" in out
    assert "empty.txt: empty file" in out
    assert "missing.txt: no such file" in out
    assert "rows.jsonl:2: invalid JSON" in out
    with Store(db, read_only=True) as s:
        # wire.txt, cp1251 file, 2 jsonl rows, 1 csv row, 2 feed items, html page
        assert s.count("documents") == 8


def test_changed_document_replaces_its_records(tmp_path, pipeline):
    src = tmp_path / "note.txt"
    db = tmp_path / "c.duckdb"
    src.write_text("Dushanbe talks\n\nTajikistan and Uzbekistan discussed border crossings.\n")
    assert analyze(str(src), "--db", str(db)).exit_code == 0
    src.write_text("Dushanbe talks\n\nTajikistan and Kyrgyzstan discussed water sharing on Friday.\n")
    assert analyze(str(src), "--db", str(db)).exit_code == 0
    with Store(db, read_only=True) as s:
        docs = list(s.rows("documents"))
        assert len(docs) == 1 and "Kyrgyzstan" in docs[0]["text"]
        sents = list(s.rows("sentences"))
        assert all(x["doc_id"] == docs[0]["id"] for x in sents)


@pytest.mark.parametrize("sig,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_interrupted_run_keeps_stored_documents_and_resumes(tmp_path, pipeline, monkeypatch,
                                                            sig, code):
    """A real signal to this process while the third batch is analysed (tests/test_signals.py
    sends them to a separate process at random moments, Dask workers included)."""
    import os
    import signal

    from multivector import pipeline as pl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, country in enumerate(["Kazakhstan", "Uzbekistan", "Tajikistan", "Turkmenistan"]):
        (corpus / f"{i}.txt").write_text(f"Note {i}\n\n{country} held talks with China on trade.\n")
    db = tmp_path / "i.duckdb"
    real = pl.Pipeline.process
    calls = {"n": 0}

    def flaky(self, documents):
        calls["n"] += 1
        if calls["n"] == 3:
            os.kill(os.getpid(), getattr(signal, sig))
        return real(self, documents)

    monkeypatch.setattr(pl.Pipeline, "process", flaky)
    res = analyze(str(corpus), "--db", str(db), "--batch-size", "1", "--workers", "1")
    assert res.exit_code == code
    assert "interrupted: everything stored so far is kept" in res.output
    with Store(db, read_only=True) as s:
        assert s.count("documents") == 2
    monkeypatch.setattr(pl.Pipeline, "process", real)
    res = analyze(str(corpus), "--db", str(db), "--batch-size", "1", "--workers", "1")
    assert res.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.count("documents") == 4


def test_stdin(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    res = runner.invoke(app, ["analyze", "-q", "-", "--db", str(db)],
                        input="Ankara visit\n\nTurkey's president visited Tashkent on Monday.\n")
    assert res.exit_code == 0, res.output
    with Store(db, read_only=True) as s:
        (doc,) = list(s.rows("documents"))
    assert doc["source"] == "-" and doc["title"] == "Ankara visit"


def test_export_relations_by_period(examples_db):
    db, _ = examples_db
    res = runner.invoke(app, ["export", "relations", "--db", str(db), "--period", "year"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert rows and {"a", "b", "period", "n_events", "mean_polarity"} <= set(rows[0])
    assert all(r["period"] == "undated" or len(r["period"]) == 4 for r in rows)
    res = runner.invoke(app, ["export", "relations", "--db", str(db), "--period", "decade"])
    assert res.exit_code == 2 and "unknown period" in res.output
