"""An interrupt reaches the run in several disguises; each must end as the one-line clean stop
(exit 130 / 143), never as a traceback. Timing-dependent in the end-to-end signal tests, so the
disguises are pinned here."""

from __future__ import annotations

import signal

import duckdb
import pytest

from multivector import runner


@pytest.fixture()
def last_signal():
    saved = list(runner._LAST_SIGNAL)
    runner._LAST_SIGNAL.clear()
    yield runner._LAST_SIGNAL
    runner._LAST_SIGNAL[:] = saved


def test_direct_exceptions(last_signal) -> None:
    assert runner._interrupt_code(runner.Terminated()) == 143
    assert runner._interrupt_code(KeyboardInterrupt()) == 130


def test_a_signal_inside_a_registered_object_scan_is_an_interrupt(last_signal) -> None:
    # the SIGTERM handler ran while DuckDB read the registered rows: DuckDB wraps it
    err = duckdb.InvalidInputException("Invalid Input Error: reading the schema of the object "
                                       "registered as '_mv_rows' failed: Terminated: ")
    assert runner._interrupt_code(err) is None  # no signal received: a real error
    last_signal.append(signal.SIGTERM)
    assert runner._interrupt_code(err) == 143
    last_signal.append(signal.SIGINT)
    assert runner._interrupt_code(duckdb.InvalidInputException(
        "reading the schema of the object registered as 'x' failed: KeyboardInterrupt")) == 130


def test_other_errors_after_a_signal_stay_errors(last_signal) -> None:
    last_signal.append(signal.SIGTERM)
    assert runner._interrupt_code(duckdb.CatalogException("Table with name t does not exist")) is None
    assert runner._interrupt_code(RuntimeError("disk full")) is None
    assert runner._interrupt_code(RuntimeError("Query interrupted")) == 143
