"""Dyad-by-period aggregates of events and stances, read from the DuckDB store.

A *key* stands for an actor in relations: its ISO 3166 alpha-3 country when it has one (so
"Moscow", "the Kremlin" and "Lavrov" all count for RUS), else its actor id (``IGO:EU``), else
the name as written (an expert the knowledge base does not know). Dyads are directed:
``a`` is the event source or the stance holder, ``b`` the event target or the stance target.

Events count when asserted or reported (negated, hypothetical, future and recommended events
did not happen). Dates: the event's own date when it has one, else the document date; records
without any date fall in the period ``undated``.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..store.read import reader

PERIODS = ("week", "month", "quarter", "year")
COUNTED_MODALITIES = {None, "asserted", "reported"}
UNDATED = "undated"


class RelationsError(ValueError):
    pass


def period_of(date: str | None, period: str = "month") -> str:
    """The period label of an ISO date: 2022-W05, 2022-02, 2022-Q1, 2022 (or ``undated``).

    A date less precise than the period (a bare year asked by month) stays at its own
    precision rather than being placed in January."""
    if period not in PERIODS:
        raise RelationsError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
    if not date:
        return UNDATED
    parts = str(date)[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else None
        d = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return UNDATED
    if period == "year" or m is None:
        return f"{y:04d}"
    if period == "quarter":
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if period == "month" or d is None:
        return f"{y:04d}-{m:02d}"
    iy, iw, _ = _dt.date(y, m, d).isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def actor_key(ref: dict | None, countries: dict[str, str | None] | None = None) -> str | None:
    """The relations key of an actor dict ({id, name, country ...})."""
    if not ref:
        return None
    c = ref.get("country")
    if not c and countries is not None and ref.get("id"):
        c = countries.get(ref["id"])
    return c or ref.get("id") or ref.get("name")


@dataclass
class Cell:
    """What is known about one directed dyad in one period."""

    a: str
    b: str
    period: str
    quads: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    goldstein: list[float] = field(default_factory=list)
    n_events: int = 0
    polarities: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    holders: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[dict] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


class Aggregator:
    """Accumulates events and stances into cells; knows nothing about the database."""

    def __init__(self, period: str = "month"):
        if period not in PERIODS:
            raise RelationsError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
        self.period = period
        self.cells: dict[tuple[str, str, str], Cell] = {}
        self.names: dict[str, str] = {}

    def _cell(self, a: str, b: str, date: str | None) -> Cell:
        p = period_of(date, self.period)
        k = (a, b, p)
        if k not in self.cells:
            self.cells[k] = Cell(a, b, p)
        return self.cells[k]

    def _name(self, key: str, ref: dict[str, Any] | None) -> None:
        if key not in self.names:
            ref = ref or {}
            c = ref.get("country")
            self.names[key] = (ref.get("name") if not c or c == ref.get("id") else None) or key

    def add_event(self, ev: dict, countries: dict | None = None) -> None:
        if ev.get("modality") not in COUNTED_MODALITIES:
            return
        for s in ev.get("source") or []:
            for t in ev.get("target") or []:
                a, b = actor_key(s, countries), actor_key(t, countries)
                if not a or not b or a == b:
                    continue
                self._name(a, s)
                self._name(b, t)
                cell = self._cell(a, b, ev.get("date") or ev.get("doc_date"))
                cell.n_events += 1
                q = ev.get("quad_class")
                if q in (1, 2, 3, 4):
                    cell.quads[q - 1] += 1
                g = ev.get("goldstein")
                if g is not None:
                    cell.goldstein.append(float(g))
                if ev.get("sentence_span"):  # the sentence and its offsets
                    text, start, end = ev["sentence_span"]
                else:  # the event's own extent
                    start, end = ev.get("start"), ev.get("end")
                    text = ev.get("text") if ev.get("text") and start is not None and \
                        end is not None and len(ev["text"]) == end - start else None
                cell.evidence.append({
                    "kind": "event", "doc_id": ev.get("doc_id"), "start": start,
                    "end": end, "text": text, "what": ev.get("plover"),
                    "weight": abs(float(g)) if g is not None else 0.0})

    def add_stance(self, st: dict, countries: dict | None = None) -> None:
        holder, target = st.get("holder"), st.get("target")
        a, b = actor_key(holder, countries), actor_key(target, countries)
        if not a or not b or a == b:
            return
        self._name(a, holder)
        self._name(b, target)
        cell = self._cell(a, b, st.get("doc_date"))
        pol = float(st.get("polarity") or 0.0)
        cell.polarities.append(pol)
        cell.labels.append(st.get("label") or "")
        hname = (holder or {}).get("name") or a
        cell.holders[hname].append(pol)
        ev = (st.get("evidence") or [{}])[0]
        if st.get("sentence_span"):  # the whole sentence, as events give theirs
            text, start, end = st["sentence_span"]
        else:
            text, start, end = ev.get("text"), ev.get("start"), ev.get("end")
        cell.evidence.append({
            "kind": "stance", "doc_id": st.get("doc_id"), "start": start, "end": end,
            "text": text, "cue": ev.get("text"),
            "what": f"{hname}: {st.get('label')} ({st.get('aspect') or 'general'})",
            "weight": abs(pol) * 10})

    def rows(self, top_evidence: int = 3) -> list[dict]:
        """One dict per (a, b, period), with a trend against the dyad's previous period."""
        out = []
        prev: dict[tuple[str, str], dict] = {}
        for (a, b, p), c in sorted(self.cells.items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                       kv[0][2] == UNDATED,
                                                                       kv[0][2])):
            mg = round(sum(c.goldstein) / len(c.goldstein), 3) if c.goldstein else None
            mp = round(sum(c.polarities) / len(c.polarities), 3) if c.polarities else None
            n_coop = sum(1 for x in c.polarities if x > 0)
            n_host = sum(1 for x in c.polarities if x < 0)
            score = tone(mg, mp)
            row = {
                "a": a, "a_name": self.names.get(a, a), "b": b, "b_name": self.names.get(b, b),
                "period": p, "n_events": c.n_events,
                "quad1": c.quads[0], "quad2": c.quads[1], "quad3": c.quads[2], "quad4": c.quads[3],
                "mean_goldstein": mg, "n_stances": len(c.polarities), "mean_polarity": mp,
                "n_cooperative": n_coop, "n_hostile": n_host,
                "stance_label": stance_label(c.polarities, c.labels),
                "holders": [{"holder": h, "n": len(v), "mean_polarity": round(sum(v) / len(v), 3)}
                            for h, v in sorted(c.holders.items(), key=lambda kv: -len(kv[1]))],
                "tone": score, "trend": None,
                "evidence": [{k: v for k, v in e.items() if k != "weight"} for e in sorted(
                    c.evidence, key=lambda e: -e["weight"])[:top_evidence]],
            }
            last = prev.get((a, b))
            if p != UNDATED and last is not None and score is not None and last["tone"] is not None:
                d = score - last["tone"]
                row["trend"] = "up" if d > 0.05 else "down" if d < -0.05 else "flat"
            if p != UNDATED:
                prev[(a, b)] = row
            out.append(row)
        return out


def tone(mean_goldstein: float | None, mean_polarity: float | None) -> float | None:
    """One number in [-1, 1] for a cell: the mean of Goldstein/10 and stance polarity (the
    ones that exist). Used for trends and sparklines."""
    vals = [v for v in ((mean_goldstein / 10.0) if mean_goldstein is not None else None,
                        mean_polarity) if v is not None]
    return round(sum(vals) / len(vals), 3) if vals else None


def stance_label(polarities: list[float], labels: list[str]) -> str | None:
    """``mixed`` when both cooperative and hostile stances are present (each at least a quarter)
    or any record is mixed; otherwise the sign of the mean."""
    if not polarities:
        return None
    pos = sum(1 for x in polarities if x > 0)
    neg = sum(1 for x in polarities if x < 0)
    if "mixed" in labels or (pos and neg and min(pos, neg) / (pos + neg) >= 0.25):
        return "mixed"
    m = sum(polarities) / len(polarities)
    return "cooperative" if m > 0.1 else "hostile" if m < -0.1 else "neutral"


# --------------------------------------------------------------------------- store access
def load(source, period: str = "month", keys: Iterable[str] | None = None) -> Aggregator:
    """Aggregate the whole database (or the dyads touching ``keys``). ``source``: a
    :class:`~multivector.store.read.Reader`, a ``Store`` or a DuckDB connection."""
    db = reader(source)
    agg = Aggregator(period)
    countries = db.actor_countries()
    dates = db.document_dates()
    want = set(keys) if keys else None
    # the sentence of each event and stance, for evidence (one query, not one per record)
    sentences = db.record_sentences()
    for ev in db.rows("events"):
        ev["doc_date"] = dates.get(ev["doc_id"])
        ev["sentence_span"] = sentences.get((ev["doc_id"], ev["sentence"]))
        agg.add_event(ev, countries)
    for st in db.rows("stances"):
        st["doc_date"] = dates.get(st["doc_id"])
        st["sentence_span"] = sentences.get((st["doc_id"], st["sentence"]))
        agg.add_stance(st, countries)
    if want is not None:
        agg.cells = {k: c for k, c in agg.cells.items() if k[0] in want or k[1] in want}
    # a country key is named after the state actor whose id is that code ("RUS" -> Russia)
    keys = {k for cell in agg.cells for k in cell[:2]}
    for i, name in db.actor_names(keys).items():
        if name:
            agg.names[i] = name
    return agg


def relations_rows(source, period: str = "month") -> Iterator[dict]:
    """Rows of the ``relations`` export: one per directed dyad and period.

    Fields: a, a_name, b, b_name, period, n_events, quad1..quad4, mean_goldstein, n_stances,
    mean_polarity, n_cooperative, n_hostile, stance_label, holders, tone, trend, evidence.
    """
    yield from load(source, period).rows()


def resolve_key(source, text: str) -> str:
    """A key from what a user typed: a country code, an actor id, or an actor name."""
    db = reader(source)
    t = text.strip()
    code = db.country_code(t)
    if code:
        return code
    for found in (db.actor_by_id(t), db.actor_by_name(t)):
        if found:
            return found[1] or found[0]
    return t.upper() if len(t) == 3 and t.isalpha() else t


def series(rows: list[dict], field_name: str, periods: list[str]) -> list[Any]:
    """Values of one field over an ordered list of periods (None where a period is missing)."""
    by = {r["period"]: r.get(field_name) for r in rows}
    return [by.get(p) for p in periods]
