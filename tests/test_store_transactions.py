"""Write transactions and interrupts: Ctrl-C / SIGTERM raise KeyboardInterrupt when a DuckDB call
returns, so one can land just after COMMIT finished. The store must then let the interrupt
through (the run's one-line clean stop), not fail on a ROLLBACK with nothing to roll back."""

from __future__ import annotations

from typing import Any

import pytest

from multivector.store.db import Store


class _InterruptAfter:
    """A connection that behaves normally but raises KeyboardInterrupt right after the
    statement ``after`` has run, as a signal arriving at that moment would."""

    def __init__(self, con: Any, after: str) -> None:
        self._con, self._after = con, after

    def execute(self, sql: str, *args: Any) -> Any:
        result = self._con.execute(sql, *args)
        if sql.strip().upper() == self._after:
            raise KeyboardInterrupt()
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _failure(doc_id: str) -> dict:
    return {"doc_id": doc_id, "source": f"{doc_id}.txt", "stage": "read",
            "error": "cannot decode"}


def test_an_interrupt_just_after_commit_stays_an_interrupt_and_keeps_the_rows(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as s:
        s._con = _InterruptAfter(s.con, "COMMIT")
        with pytest.raises(KeyboardInterrupt):
            s.record_failures([_failure("a1")])
        s._con = s._con._con
        # committed before the interrupt: kept, and the connection is usable
        assert [r["doc_id"] for r in s.rows("failures")] == ["a1"]
        s.record_failures([_failure("a2")])
        assert sorted(r["doc_id"] for r in s.rows("failures")) == ["a1", "a2"]


def test_an_interrupt_inside_the_transaction_rolls_it_back(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as s:
        s.record_failures([_failure("keep")])
        s._con = _InterruptAfter(
            s.con, "DELETE FROM FAILURES WHERE DOC_ID IN (SELECT UNNEST(?::VARCHAR[]))")
        with pytest.raises(KeyboardInterrupt):
            s.record_failures([_failure("keep"), _failure("new")])
        s._con = s._con._con
        # the delete ran but was rolled back: the old row is still there, the new one is not
        assert [r["doc_id"] for r in s.rows("failures")] == ["keep"]


class _InterruptInsideInsert:
    """A connection whose insert from the registered rows is interrupted half-way: DuckDB has
    aborted the transaction (as it does when a statement fails) when the KeyboardInterrupt
    comes out, so every later statement but ROLLBACK is refused."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith("INSERT") and "_mv_rows" in sql:
            with pytest.raises(Exception):
                self._con.execute("SELECT error('aborted by the signal')")
            raise KeyboardInterrupt()
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_an_interrupt_inside_an_insert_stays_an_interrupt(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as s:
        s.record_failures([_failure("keep")])
        s._con = _InterruptInsideInsert(s.con)
        # not "TransactionException: Current transaction is aborted" from the clean-up
        with pytest.raises(KeyboardInterrupt):
            s.record_failures([_failure("new")])
        s._con = s._con._con
        assert [r["doc_id"] for r in s.rows("failures")] == ["keep"]
        s.record_failures([_failure("after")])
        assert sorted(r["doc_id"] for r in s.rows("failures")) == ["after", "keep"]
