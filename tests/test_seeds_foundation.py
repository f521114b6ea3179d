"""Acceptance over ../shared/seeds (skipped when it is absent): the foundation's 'Done when'."""

from __future__ import annotations

import pytest

from multivector.runner import run_analyze
from multivector.config import Config
from multivector.store.db import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_db(shared_dir, tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    code = run_analyze([str(shared_dir / "seeds")], db=str(db), config=Config(), quiet=True)
    assert code == 0
    return db


def _doc(store, prefix):
    return next(store.rows("documents", "source LIKE ?", [f"%/{prefix}%"]))


def test_five_documents_and_rerun_adds_none(seeds_db, shared_dir):
    with Store(seeds_db, read_only=True) as s:
        assert s.count("documents") == 5
    assert run_analyze([str(shared_dir / "seeds")], db=str(seeds_db), config=Config(), quiet=True) == 0
    with Store(seeds_db, read_only=True) as s:
        assert s.count("documents") == 5


def test_interview_dated_by_its_dateline(seeds_db):
    with Store(seeds_db, read_only=True) as s:
        d = _doc(s, "001_")
    assert d["date"] == "2022-02-04" and d["date_source"] == "dateline"
    assert "08:55" not in d["text"] and "1 2 3 4 5" not in d["text"]


def test_blog_without_comment_form_and_chinese_marked(seeds_db):
    with Store(seeds_db, read_only=True) as s:
        d = _doc(s, "003_")
        paras = list(s.rows("paragraphs", "doc_id = ?", [d["id"]]))
    for junk in ("Leave a Reply", "Fill in your details", "Akismet", "bloggers like this"):
        assert junk not in d["text"]
    zh = [p for p in paras if p["lang"] == "zh"]
    assert len(zh) >= 4
    assert all(p["translation_of"] is not None for p in zh)
    assert "zh" in d["languages"] and d["languages"][0] == "en"
