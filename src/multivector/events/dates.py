"""When an event happened: a date stated next to the trigger, resolved against the document date.

Order: an explicit date in the trigger's clause ("on 16 March 2022", "on March 16", "in December
1985", "in November", "on Tuesday", "yesterday") -> precision day/month/year; else the document date with
precision ``approximate``; else null. A weekday or a day-month without a year needs the document
date; the weekday is the latest one on or before it (news reports the past) unless the verb is
future ("will meet on Tuesday" -> the next one). Nothing is guessed beyond that.
"""

from __future__ import annotations

import datetime as dt
import re

from ..lang import lexicon as lang_lexicon

MONTHS = lang_lexicon("en").table("month_names")
WEEKDAYS = lang_lexicon("en").table("weekdays")
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(rf"\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MY = re.compile(rf"\b({_MON})\.?\s+(\d{{4}})\b", re.I)
# a capitalised month name alone ("in November", "last March"), not "May" the verb, not a day
_M = re.compile(rf"\b(?i:in|since|during|by|until|last|this|early|late|mid-?)\s+(?=[A-Z])((?i:{_MON}))"
                rf"\b(?!\.?\s*\d)")
_Y = re.compile(r"\bin\s+((?:19|20)\d{2})\b")
_WD = re.compile(r"\b(?:(last|next|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_REL = re.compile(r"\b(yesterday|today|tomorrow)\b", re.I)


def _doc_date(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_date(text: str, doc_date: str | None, future: bool = False) -> tuple[str, str] | None:
    """The first date expression in ``text`` as (ISO date, precision), or None."""
    ref = _doc_date(doc_date)
    m = _ISO.search(text)
    if m:
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return d.isoformat(), "day"
    for rx, order in ((_MDY, "md"), (_DMY, "dm")):
        m = rx.search(text)
        if not m:
            continue
        if order == "md":
            mon, day, year = _month(m.group(1)), int(m.group(2)), m.group(3)
        else:
            day, mon, year = int(m.group(1)), _month(m.group(2)), m.group(3)
        if day > 31:
            continue
        if year:
            d = _mk(int(year), mon, day)
        elif ref is not None:
            d = _mk(ref.year, mon, day)
            if d and not future and d > ref:
                d = _mk(ref.year - 1, mon, day)
            elif d and future and d < ref:
                d = _mk(ref.year + 1, mon, day)
        else:
            d = None
        if d:
            return d.isoformat(), "day"
    m = _MY.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", "month"
    m = _M.search(text)
    if m and ref is not None:
        # "in November" without a year: the latest November on or before the document's month
        # (news reports the past), the next one for a future verb
        mon = _month(m.group(1))
        year = ref.year
        if not future and mon > ref.month:
            year -= 1
        elif future and mon < ref.month:
            year += 1
        return f"{year:04d}-{mon:02d}", "month"
    m = _WD.search(text)
    if m and ref is not None:
        which, wd = (m.group(1) or "").lower(), WEEKDAYS[m.group(2).lower()]
        if future or which == "next":
            delta = (wd - ref.weekday()) % 7 or 7
            d = ref + dt.timedelta(days=delta)
        else:
            delta = (ref.weekday() - wd) % 7
            if which == "last" and delta == 0:
                delta = 7
            d = ref - dt.timedelta(days=delta)
        return d.isoformat(), "day"
    m = _REL.search(text)
    if m and ref is not None:
        off = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group(1).lower()]
        return (ref + dt.timedelta(days=off)).isoformat(), "day"
    m = _Y.search(text)
    if m:
        return m.group(1), "year"
    return None


def date_phrases(trigger) -> str:
    """Text of the temporal modifiers of the trigger's clause (not of other clauses), so a date
    that belongs to another event in the same sentence is not taken."""
    verb = trigger
    # a nominal trigger takes the date of its governing verb ("visit ... takes place on ...")
    if trigger.pos_ in ("NOUN", "PROPN"):
        parts = [c for c in trigger.children if c.dep_ in ("npadvmod", "prep", "nmod", "amod")]
        texts = [_subtree_text(c) for c in parts if _is_temporal(c)]
        if texts:
            return " ".join(texts)
        verb = trigger.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
    parts = [c for c in verb.children if c.dep_ in ("npadvmod", "prep", "advmod", "tmod", "obl")]
    for c in verb.children:  # "he visited Astana on Tuesday": the date can hang on the object
        if c.dep_ == "dobj":
            parts += [g for g in c.children if g.dep_ in ("npadvmod", "prep")]
    return " ".join(_subtree_text(c) for c in parts if _is_temporal(c))


def _subtree_text(tok) -> str:
    return " ".join(t.text for t in tok.subtree)


def _is_temporal(tok) -> bool:
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return any(t.ent_type_ == "DATE" for t in tok.subtree) and tok.dep_ in (
        "prep", "npadvmod", "tmod", "obl", "advmod")


def event_date(trigger, doc_date: str | None, future: bool = False) -> tuple[str | None, str | None]:
    """(date, precision) for an event triggered by ``trigger`` (see module docstring)."""
    text = date_phrases(trigger)
    if text:
        found = find_date(text, doc_date, future=future)
        if found:
            return found
    if doc_date:
        return doc_date[:10], "approximate"
    return None, None
