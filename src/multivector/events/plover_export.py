"""POLECAT-style PLOVER records from stored events (``multivector export events --format plover``).

One JSON object per event, in the shape of the PLOVER/POLECAT event data (the Open Event Data
Alliance's interchange): ``event_type`` (one of the 16 PLOVER types), ``mode``, ``context``
(list), ``actor`` and ``recipient`` (lists of ``{name, country, sector, id}``: PLOVER keeps actor
lists; ``method: "implied"`` is added to an actor the text does not name, ``country_from`` to
one whose country was inferred: ``doc.COUNTRY_FROM``), ``event_date``,
``date_precision``, ``location`` (``{name}``), ``event_text`` (the source sentence), and the
CAMEO code, Goldstein score, quad class, modality, attribution and multivector ids beside them.
Events without a PLOVER type (CAMEO 01x statements) are left out, as PLOVER does; so are
incomplete events (no source or no target) unless ``complete_only`` is false. A symmetric event
("Turkey and Iran met": the coder lists the participants as sources and targets, for the dyads)
is written the PLOVER way: every participant an actor, no recipient.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .dyads import symmetric


def _actor(a: dict) -> dict:
    out = {"name": a.get("name"), "country": a.get("country"), "sector": a.get("sector"),
           "id": a.get("id")}
    if a.get("method"):
        out["method"] = a["method"]  # "implied": no word of the text names this actor
    if a.get("country_from"):
        out["country_from"] = a["country_from"]  # the country was inferred, not stated
    return out


def plover_rows(rows: Iterable[dict], documents: dict | None = None,
                complete_only: bool = True) -> Iterator[dict]:
    documents = documents or {}
    for ev in rows:
        if not ev.get("plover"):
            continue
        if complete_only and (ev.get("complete") is False or not ev.get("source")
                              or not ev.get("target")):
            continue
        doc = documents.get(ev.get("doc_id")) or {}
        yield {
            "id": ev.get("id"),
            "event_type": ev.get("plover"),
            "mode": ev.get("mode"),
            "context": list(ev.get("contexts") or []),
            "actor": [_actor(a) for a in ev.get("source") or []],
            # PLOVER codes a reciprocal event with every participant as actor, no recipient
            "recipient": [] if symmetric(ev) else [_actor(a) for a in ev.get("target") or []],
            "event_date": ev.get("date"),
            "date_precision": ev.get("date_precision"),
            "location": {"name": ev["location"]} if ev.get("location") else None,
            "event_text": ev.get("text"),
            "cameo": ev.get("cameo"),
            "goldstein": ev.get("goldstein"),
            "quad_class": ev.get("quad_class"),
            "modality": ev.get("modality"),
            "attributed_to": ev.get("attributed_to"),
            "confidence": ev.get("confidence"),
            "typed_by": ev.get("typed_by"),
            "doc_id": ev.get("doc_id"),
            "source_url": doc.get("url"),
            "publication": doc.get("source"),
            "evidence": {"start": ev.get("start"), "end": ev.get("end"),
                         "trigger": ev.get("trigger")},
        }
