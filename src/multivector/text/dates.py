"""Document dates: from metadata strings, or from a dateline printed in the text.

Rules (documented in the README):
- Numeric dates are read day-first when ambiguous ("04 02 2022, 08:55" is 4 February 2022),
  as in the region's press; ISO ``YYYY-MM-DD`` is always year-month-day.
- A dateline counts only where datelines stand: a line that is nothing but a date (optionally a
  time), a "Published: ..." line, or a wire dateline opening the first body paragraph
  ("ASTANA, March 3, 2024 (Agency) - ..."), within the first three or the last four paragraphs.
- Nothing found means ``None``. A date is never guessed from a bare year or a weekday.
"""

from __future__ import annotations

import datetime as dt
import re

from ..lang import lexicon as lang_lexicon

MONTHS = {**lang_lexicon("en").table("month_names"), **lang_lexicon("ru").table("month_names")}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"

_NUMERIC = re.compile(r"(\d{1,2})[ ./-](\d{1,2})[ ./-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MDY = re.compile(rf"{_WEEKDAY}({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_DMY = re.compile(rf"{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\.?,?\s+(\d{{4}})(?:\s*(?:г\.|года))?", re.I)
_CJK = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")

_DATE_ALTS = [_ISO, _MDY, _DMY, _NUMERIC, _CJK]
_PREFIX = re.compile(r"^(?:published|posted|updated|date|dated|опубликовано|дата)\s*[:\-–]?\s*", re.I)
_WIRE = re.compile(r"^[A-ZА-Я][A-ZА-Я .'-]{1,40},\s+(.{6,40}?)\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")


def _valid(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _from_match(rx: re.Pattern, m: re.Match) -> str | None:
    g = m.groups()
    if rx is _ISO or rx is _CJK:
        return _valid(int(g[0]), int(g[1]), int(g[2]))
    if rx is _MDY:
        return _valid(int(g[2]), MONTHS[g[0].lower()], int(g[1]))
    if rx is _DMY:
        return _valid(int(g[2]), MONTHS[g[1].lower()], int(g[0]))
    a, b, y = int(g[0]), int(g[1]), int(g[2])
    # day-first when ambiguous; month-first only when the first number cannot be a month... and
    # the second cannot be a day's month (13..31 first means day-first anyway)
    return _valid(y, b, a) or _valid(y, a, b)


def parse_date(text: str | None) -> str | None:
    """A date string from metadata or a dateline to ISO ``YYYY-MM-DD`` (or None)."""
    if not text:
        return None
    s = str(text).strip()
    for rx in _DATE_ALTS:
        m = rx.search(s)
        if m:
            iso = _from_match(rx, m)
            if iso:
                return iso
    try:  # RFC 2822 and friends from feeds and meta tags
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def dateline_date(line: str) -> str | None:
    """The date if ``line`` is a dateline: the whole line is a date (+time), possibly prefixed
    by 'Published:'; None otherwise."""
    s = _PREFIX.sub("", line.strip())
    for rx in _DATE_ALTS:
        m = rx.fullmatch(s) or (re.fullmatch(rx.pattern + _TIME, s, rx.flags))
        if m:
            return _from_match(rx, m)
    return None


def wire_dateline(paragraph: str) -> str | None:
    m = _WIRE.match(paragraph)
    if m:
        return parse_date(m.group(1))
    return None


def find_dateline(paragraphs: list[str]) -> tuple[str | None, int | None, bool]:
    """(iso date, paragraph index, whether that paragraph is nothing but the dateline)."""
    n = len(paragraphs)
    order = list(range(min(3, n))) + list(range(max(min(3, n), n - 4), n))
    for i in order:
        iso = dateline_date(paragraphs[i])
        if iso:
            return iso, i, True
    for i in range(min(3, n)):
        iso = wire_dateline(paragraphs[i])
        if iso:
            return iso, i, False
    return None, None, False
