"""A month named without a year dates an event to that month, the latest one on or before the
report (a future verb: the next one). Sentences written for this test."""

from __future__ import annotations

import pytest

from multivector.events.dates import find_date

pytestmark = pytest.mark.slow


def test_month_without_a_year():
    assert find_date("In November", "2024-03-14") == ("2023-11", "month")
    assert find_date("in March", "2024-03-14") == ("2024-03", "month")
    assert find_date("in January", "2024-03-14", future=True) == ("2025-01", "month")
    assert find_date("in may", "2024-03-14") is None  # lower case: the verb, not the month


def test_an_event_in_november_is_dated_to_that_month(pipeline):
    doc = pipeline.analyze_text("WASHINGTON, March 14, 2024 (Wire) - In November the US Treasury "
                                "imposed sanctions on three Iranian firms.", source="d.txt")
    [e] = [e for e in doc.events if e.cameo == "163"]
    assert (e.date, e.date_precision) == ("2023-11", "month")
    assert e.location is None
