"""The PETRARCH evaluator finds the dictionaries a records file names wherever they are: beside
the file, in a given folder, or among the bundled PETRARCH2 validation dictionaries. Without them
the suite's fictional actors (Rohan, Mordor ...) resolve to nothing and every triple is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from multivector.eval.events import BUNDLED_DICTIONARIES, dictionary_path, evaluate_petrarch

RECORDS = Path(__file__).parent / "fixtures" / "events" / "petrarch_own_records.xml"


def test_bundled_dictionaries_are_shipped() -> None:
    for name in ("actors", "agents", "verbs", "discards"):
        assert (BUNDLED_DICTIONARIES / f"PETR.Validate.{name}.txt").is_file()


def test_lookup_order_prefers_the_files_folder(tmp_path: Path) -> None:
    own = tmp_path / "PETR.Validate.actors.txt"
    own.write_text("ROHAN [XYZ]\n", encoding="utf-8")
    assert dictionary_path("PETR.Validate.actors.txt", [tmp_path, BUNDLED_DICTIONARIES]) == own
    assert dictionary_path("PETR.Validate.actors.txt", [BUNDLED_DICTIONARIES]) == \
        BUNDLED_DICTIONARIES / "PETR.Validate.actors.txt"
    assert dictionary_path("Nowhere.actors.txt", [tmp_path, BUNDLED_DICTIONARIES]) is None


@pytest.mark.slow
def test_records_without_their_dictionaries_beside_them(tmp_path: Path) -> None:
    rec = tmp_path / "records.xml"
    shutil.copy(RECORDS, rec)
    res = evaluate_petrarch(rec)
    assert res["dictionaries"] is True
    assert res["missing_dictionaries"] == []
    assert all(str(BUNDLED_DICTIONARIES) in f for f in res["dictionary_files"])
    # the fictional states resolve: sources are right for both records
    assert res["source_accuracy"] == 1.0
    # ... and the records' own verb dictionary types them (its ATTACK is 223, not CAMEO 190)
    assert res["f1"] == 1.0
    off = evaluate_petrarch(rec, use_dictionaries=False)
    assert off["source_accuracy"] < res["source_accuracy"]


@pytest.mark.slow
def test_a_dictionary_found_nowhere_is_reported(tmp_path: Path) -> None:
    rec = tmp_path / "records.xml"
    rec.write_text(RECORDS.read_text(encoding="utf-8").replace(
        "PETR.Validate.actors.txt", "PETR.Validate.actors.txt, Elsewhere.actors.txt"),
        encoding="utf-8")
    res = evaluate_petrarch(rec)
    assert res["missing_dictionaries"] == ["Elsewhere.actors.txt"]
    assert res["dictionaries"] is True
