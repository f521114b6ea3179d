"""Acceptance of stances and relations over ../shared/seeds (skipped when it is absent).

Done when: the experts' views of Russia and China have the right sign, the mixed view (a
partner and a threat at once) stays mixed, and the opinion piece's author holds its stances.
"""

from __future__ import annotations

import pytest

from multivector.config import Config
from multivector.relations.compute import relations_rows
from multivector.relations.profile import profile
from multivector.runner import run_analyze
from multivector.store.db import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_db(shared_dir, tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("stance_seeds") / "seeds.duckdb"
    code = run_analyze([str(shared_dir / "seeds")], db=str(db), config=Config(), quiet=True)
    assert code == 0
    return db


def _stances(db, prefix: str) -> list[dict]:
    with Store(db, read_only=True) as s:
        doc = next(s.rows("documents", "source LIKE ?", [f"%/{prefix}%"]))
        return list(s.rows("stances", "doc_id = ?", [doc["id"]]))


def _country(ref: dict) -> str | None:
    return ref.get("country") or ref.get("id")


def _views(stances, holder_part: str, country: str) -> list[float]:
    return [s["polarity"] for s in stances if s["method"] == "lexicon"
            and holder_part in ((s["holder"] or {}).get("name") or "")
            and _country(s["target"]) == country]


def test_mixed_view_of_russia_stays_mixed(seeds_db):
    views = _views(_stances(seeds_db, "000_"), "Sattarov", "RUS")
    assert any(p > 0 for p in views) and any(p < 0 for p in views)


def test_experts_views_of_russia_and_china_have_the_right_sign(seeds_db):
    s2 = _stances(seeds_db, "002_")
    assert sum(_views(s2, "Sattarov", "RUS")) < 0  # Russia's aggression
    assert sum(_views(s2, "Sattarov", "CHN")) < 0  # the main challenge comes from China
    s1 = _stances(seeds_db, "001_")
    assert sum(_views(s1, "Khamroev", "RUS")) > 0  # Russia should play a bigger part
    assert sum(_views(s1, "Khamroev", "CHN")) < 0  # no such hope is placed in China
    s3 = _stances(seeds_db, "003_")
    assert sum(_views(s3, "Kamilov", "RUS")) < 0  # must end its invasion
    s4 = _stances(seeds_db, "004_")
    assert sum(_views(s4, "Khaidarzoda", "RUS")) > 0


def test_opinion_author_holds_the_piece(seeds_db):
    st = [s for s in _stances(seeds_db, "004_") if s["method"] == "lexicon"]
    assert st
    narrative = [s for s in st if s["quote_id"] is None]
    assert narrative and all(s["holder"]["name"] == "Rustam Khaidarzoda" for s in narrative)
    with Store(seeds_db, read_only=True) as s:
        doc = next(s.rows("documents", "source LIKE ?", ["%/004_%"]))
    assert doc["author"] == "Rustam Khaidarzoda" and doc["genre"] == "opinion"


def test_relations_and_profile_over_seeds(seeds_db):
    with Store(seeds_db, read_only=True) as s:
        rows = list(relations_rows(s, period="year"))
        prof = profile(s, "UZB", period="year")
    assert any(r["b"] == "RUS" and r["n_stances"] for r in rows)
    with Store(seeds_db, read_only=True) as s:  # evidence points at the stored text
        texts = {d["id"]: d["text"] for d in s.rows("documents")}
    for r in rows:
        for e in r["evidence"]:
            if e["text"] is not None and e["start"] is not None:
                assert texts[e["doc_id"]][e["start"]:e["end"]] == e["text"]
    assert prof["state"] == "UZB" and "RUS" in prof["powers"]
