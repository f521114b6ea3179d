"""Stances through the whole pipeline (actors, quotes, events, stances) on text we wrote."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TEXT = """Tashkent weighs its options

Moscow remains the main partner of Uzbekistan in the field of security, but at the same time it \
is a threat to the sovereignty of the region, political analyst Dilnoza Yusupova said in an \
interview with a local channel.

“Beijing has become a reliable investor in our roads and railways,” Yusupova said. “But \
Washington keeps pressuring Tashkent over sanctions.”

Uzbekistan's foreign ministry praised Turkey for its help with the new airport."""


def _country(ref):
    return ref.get("country") or ref.get("id")


def test_pipeline_stances(pipeline):
    doc = pipeline.analyze_text(TEXT, date="2023-03-01")
    held = [s for s in doc.stances if s.method == "lexicon"
            and (s.holder or {}).get("name") == "Dilnoza Yusupova"]
    rus = {(s.label, s.aspect) for s in held if _country(s.target) == "RUS"}
    assert rus == {("cooperative", "security"), ("hostile", "sovereignty")}
    assert [s.polarity > 0 for s in held if _country(s.target) == "CHN"] == [True]
    usa = [s for s in held if _country(s.target) == "USA"]
    assert usa and usa[0].aspect == "sanctions" and usa[0].polarity < 0
    praise = [s for s in doc.stances if s.method == "directed" and _country(s.target) == "TUR"]
    assert praise and praise[0].holder["country"] == "UZB" and praise[0].polarity > 0
    for s in doc.stances:  # every record points at its evidence in the text
        assert all(doc.text[e["start"]:e["end"]] == e["text"] for e in s.evidence)
