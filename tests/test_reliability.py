"""One document never stops a run: over-long lines are split for parsing (offsets kept), a
document spaCy refuses is recorded in `failures` and the rest of its batch is stored, and a
re-run retries it. The texts are written for these tests."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from multivector.cli import app
from multivector.config import Config
from multivector.nlp import load_nlp
from multivector.store.db import Store
from multivector.text import segment
from multivector.text.clean import make_document

pytestmark = pytest.mark.slow

SENTENCES = [
    "Officials in Astana said the talks with Moscow went well.",
    "The minister added that trade with China had doubled since last spring.",
    "Critics in Bishkek warned that the new tariffs would hurt small traders.",
    "Analysts expect the next round of talks to take place in Tashkent.",
]


def one_line(n: int) -> str:
    return " ".join(SENTENCES[i % len(SENTENCES)] for i in range(n))


def test_long_line_is_split_into_paragraphs_with_offsets(pipeline, monkeypatch):
    monkeypatch.setattr(segment, "MAX_PARAGRAPH_CHARS", 300)
    body = one_line(24)  # ~1,600 characters on one line
    doc = pipeline.analyze_text("Talks in Astana\n" + body, source="long-line")
    assert len(doc.paragraphs) >= 6
    for p in doc.paragraphs:
        assert p.end - p.start <= 300
        piece = doc.text[p.start:p.end]
        assert piece == piece.strip() and piece
    # the pieces are whole sentences of the one line, in order, nothing lost
    joined = " ".join(doc.text[p.start:p.end] for p in doc.paragraphs[1:])
    assert joined == body
    for s in doc.sentences:
        para = doc.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
    # actors are found in the last piece too, at offsets into the stored text
    last = doc.paragraphs[-1]
    linked = [m for m in doc.mentions if m.start >= last.start]
    assert linked and all(doc.text[m.start:m.end] == m.text for m in linked)


def test_split_long_cuts_an_endless_sentence_at_spaces():
    text = "word " * 1000  # 5,000 characters without a sentence end
    pieces = segment.split_long(text, 0, len(text) - 1, 1200)
    assert all(e - s <= 1200 for s, e in pieces)
    assert all(text[s:e].split() == ["word"] * len(text[s:e].split()) for s, e in pieces)
    assert sum(len(text[s:e].split()) for s, e in pieces) == 1000


@pytest.fixture
def small_spacy_limit(monkeypatch):
    """spaCy refuses (E088) any text over 2,000 characters while lines up to 5,000 stay whole:
    a real spaCy error on one document."""
    nlp = load_nlp(Config().spacy_model)
    monkeypatch.setattr(nlp, "max_length", 2000)
    monkeypatch.setattr(segment, "MAX_PARAGRAPH_CHARS", 5000)
    return nlp


def test_a_document_spacy_refuses_does_not_stop_its_batch(pipeline, small_spacy_limit):
    docs = [make_document("Talks\n" + one_line(2), source="a"),
            make_document("Long\n" + one_line(40), source="b"),  # ~2,700 characters
            make_document("More talks\n" + one_line(3), source="c")]
    ok, errors = pipeline.process(docs)
    assert [d.document.source for d in ok] == ["a", "c"]
    assert [(e.stage, e.source) for e in errors] == [("segment", "b")]
    assert "E088" in repr(errors[0].exc)


def test_failed_document_is_recorded_and_retried(tmp_path, monkeypatch, pipeline):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Talks\n" + one_line(3), encoding="utf-8")
    (src / "b.txt").write_text("Long\n" + one_line(40), encoding="utf-8")
    (src / "c.txt").write_text("More talks\n" + one_line(2), encoding="utf-8")
    db = tmp_path / "x.duckdb"
    runner = CliRunner()
    nlp = load_nlp(Config().spacy_model)
    monkeypatch.setattr(segment, "MAX_PARAGRAPH_CHARS", 5000)
    monkeypatch.setattr(nlp, "max_length", 2000)
    res = runner.invoke(app, ["analyze", "-q", "--workers", "1", str(src), "--db", str(db)])
    assert res.exit_code == 1, res.output
    assert "b.txt: stage segment failed" in res.output
    with Store(db, read_only=True) as s:
        assert sorted(r["source"].rsplit("/", 1)[-1] for r in s.rows("documents")) == \
            ["a.txt", "c.txt"]
        fails = list(s.rows("failures"))
        assert [(f["stage"], f["source"].rsplit("/", 1)[-1]) for f in fails] == \
            [("segment", "b.txt")]
    monkeypatch.setattr(nlp, "max_length", 1_000_000)
    res = runner.invoke(app, ["analyze", "-q", "--workers", "1", str(src), "--db", str(db)])
    assert res.exit_code == 0, res.output
    with Store(db, read_only=True) as s:
        assert s.count("documents") == 3
        assert list(s.rows("failures")) == []


def summary(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.replace("│", "|").split("|") if c.strip()]
        if len(cells) == 2:
            rows[cells[0]] = cells[1]
    return rows


def test_duplicates_in_one_batch_are_counted_and_the_summary_equals_the_store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Talks\n" + one_line(3), encoding="utf-8")
    (src / "b.txt").write_text("Talks\n" + one_line(3), encoding="utf-8")  # same text as a
    (src / "c.txt").write_text("More talks\n" + one_line(2), encoding="utf-8")
    db = tmp_path / "d.duckdb"
    res = CliRunner().invoke(app, ["analyze", "-q", "--workers", "1", str(src), "--db", str(db)])
    assert res.exit_code == 0, res.output
    rows = summary(res.output)
    assert rows["documents new"] == "2"
    assert rows["documents duplicate (same text as another input)"] == "1"
    with Store(db, read_only=True) as s:
        assert s.count("documents") == 2
        for table in ("paragraphs", "sentences", "mentions", "quotes"):
            assert rows.get(table, "0") == str(s.count(table)), table


def test_a_file_is_the_same_source_however_its_path_is_spelled(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    f = src / "note.txt"
    f.write_text("Talks\n" + one_line(2), encoding="utf-8")
    db = tmp_path / "p.duckdb"
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", "-q", "--workers", "1", "in/note.txt",
                               "--db", str(db)]).exit_code == 0
    f.write_text("Talks, revised\n" + one_line(3), encoding="utf-8")  # edited
    assert runner.invoke(app, ["analyze", "-q", "--workers", "1", str(f.resolve()),
                               "--db", str(db)]).exit_code == 0
    with Store(db, read_only=True) as s:
        docs = list(s.rows("documents"))
    assert [d["source"] for d in docs] == [str(f.resolve())]
    assert docs[0]["text"].startswith("Talks, revised")
