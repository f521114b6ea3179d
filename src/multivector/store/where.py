"""Turning request filters into SQL conditions, always with ``?`` placeholders.

Why a builder: every endpoint accepts the same family of filters (actor, dyad, date range, type,
modality, language, text). Writing each condition once, as a constant SQL fragment whose values
travel as parameters, is what makes a filter value like ``x' OR 1=1 --`` harmless: it can only
ever be compared with, never parsed as SQL.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # far beyond any table; keeps values inside a 64-bit integer


class FilterError(ValueError):
    """A filter value that cannot be used (reported as HTTP 422 with the reason)."""


def check_date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not DATE_RE.match(value) or not _real_date(value):
        raise FilterError(f"{name}: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _real_date(value: str) -> bool:
    """2024, 2024-02 and 2024-02-29 are dates; 2024-13 and 2023-02-29 are not."""
    parts = [int(p) for p in value.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] >= 1


def check_page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 1 or limit > MAX_LIMIT:
        raise FilterError(f"limit: must be between 1 and {MAX_LIMIT}")
    if offset < 0 or offset > MAX_OFFSET:
        raise FilterError(f"offset: must be between 0 and {MAX_OFFSET:,}")
    return limit, offset


@dataclass
class Where:
    """Conditions joined with AND; ``params`` in the order the placeholders appear."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> Where:
        self.clauses.append(f"({clause})")
        self.params.extend(params)
        return self

    def date_range(self, expr: str, date_from: str | None, date_to: str | None) -> Where:
        """``from``/``to`` are inclusive and may be a year, a month or a day: ``to=2023-05``
        keeps every date of May 2023. Undated rows drop out when a range is given."""
        date_from = check_date("from", date_from)
        date_to = check_date("to", date_to)
        if date_from:
            self.add(f"{expr} >= ?", date_from)
        if date_to:
            self.add(f"left({expr}, length(?)) <= ?", date_to, date_to)
        return self

    def contains(self, expr: str, text: str | None) -> Where:
        """Case-insensitive substring match: ``%`` and ``_`` typed by the user match
        themselves. (Plain ILIKE is DuckDB's fast path; the ESCAPE form, about half as fast,
        is only used when the text has a character to escape.)"""
        if text:
            clause, pattern = ilike(expr, text)
            self.add(clause, pattern)
        return self

    def equals(self, expr: str, value: Any) -> Where:
        if value not in (None, ""):
            self.add(f"{expr} = ?", value)
        return self

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def ilike(expr: str, text: str) -> tuple[str, str]:
    """(SQL clause, parameter) matching ``text`` anywhere in ``expr``, ignoring case."""
    if any(c in text for c in "%_\\"):
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{expr} ILIKE ? ESCAPE '\\'", f"%{escaped}%"
    return f"{expr} ILIKE ?", f"%{text}%"


def match_actor_text(where: Where, q: str | None) -> None:
    """Actors (table alias ``a``) whose id, name or any alias contains ``q``, any case: the
    one rule behind the web's actor list and ``actors list --db``."""
    if q:
        clause, pattern = ilike("(a.name || ' ' || a.id || ' ' || "
                                "coalesce(CAST(a.aliases AS VARCHAR), ''))", q)
        where.add(clause, pattern)


# SQL expressions for the actor ids inside the JSON columns of events.
EVENT_SOURCE_IDS = "json_extract_string(e.source, '$[*].id')"
EVENT_TARGET_IDS = "json_extract_string(e.target, '$[*].id')"
