"""GDELT 2.0 event-table rows from stored events (``multivector export events --format gdelt``).

GDELT is dyadic, so each (source, target) pair of an event is one row (see dyads.py). Columns
are GDELT 2.0's names and order; those we cannot fill honestly (tone, geocoding of actors,
religion/ethnic codes) stay empty rather than invented. ``Actor1Code`` is the CAMEO actor code:
the actor's own CAMEO code when the knowledge base has one, else country + sector ("UZBGOV").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .dyads import dyads

COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "DATEADDED", "SOURCEURL",
    # multivector additions (after GDELT's columns, so positional readers are unaffected)
    "mv_event_id", "mv_doc_id", "mv_plover", "mv_mode", "mv_modality", "mv_start", "mv_end",
    # "implied" when the text does not name the actor (a convention filled it in), else empty
    "mv_actor1_method", "mv_actor2_method", "mv_actor1_country_from", "mv_actor2_country_from",
]


def _actor_code(a: dict) -> str:
    """CAMEO actor code: the actor's own code, an id that is one ("KAZGOV"), IGO/NGO for
    organisations ("IGO:CSTO" -> "IGO" + sector), else country + sector."""
    if a.get("cameo"):
        return a["cameo"]
    aid = str(a.get("id") or "")
    if re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", aid):
        return aid if not a.get("sector") or aid.endswith(a["sector"]) else aid[:3] + a["sector"]
    if aid[:4] in ("IGO:", "NGO:"):
        return aid[:3] + (a.get("sector") or "")
    return (a.get("country") or "") + (a.get("sector") or "")


def _date_parts(date: str | None) -> tuple[str, str, str, str]:
    if not date:
        return "", "", "", ""
    d = date.replace("-", "")
    if len(d) == 8:
        y, m, day = int(d[:4]), int(d[4:6]), int(d[6:])
        frac = f"{y + ((m - 1) * 30 + day) / 365:.4f}"
        return d, d[:6], d[:4], frac
    if len(d) == 6:
        return "", d, d[:4], ""
    return "", "", d[:4], ""


def gdelt_rows(rows: Iterable[dict], documents: dict) -> Iterator[dict]:
    """GDELT 2.0 rows (dicts in ``COLUMNS`` order) for event rows and a doc_id -> document map."""
    for r in dyads(rows):
        doc = documents.get(r.get("doc_id")) or {}
        day, month, year, frac = _date_parts(r.get("date"))
        cameo = r.get("cameo") or ""
        gid = int(hashlib.sha1(f"{r.get('event_id')}:{r.get('dyad')}".encode()).hexdigest()[:13], 16)
        s = {"id": r.get("source_id"), "name": r.get("source_name"),
             "country": r.get("source_country"), "sector": r.get("source_sector")}
        t = {"id": r.get("target_id"), "name": r.get("target_name"),
             "country": r.get("target_country"), "sector": r.get("target_sector")}
        added = (doc.get("added_at") or "")[:19].replace("-", "").replace(":", "").replace("T", "")
        row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
        row.update({
            "GlobalEventID": gid, "Day": day, "MonthYear": month, "Year": year,
            "FractionDate": frac,
            "Actor1Code": _actor_code(s) if s["name"] else "", "Actor1Name": (s["name"] or "").upper(),
            "Actor1CountryCode": s["country"] or "", "Actor1Type1Code": s["sector"] or "",
            "Actor2Code": _actor_code(t) if t["name"] else "", "Actor2Name": (t["name"] or "").upper(),
            "Actor2CountryCode": t["country"] or "", "Actor2Type1Code": t["sector"] or "",
            "IsRootEvent": 1 if r.get("sentence") == 0 else 0,
            "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
            "QuadClass": r.get("quad_class") if r.get("quad_class") is not None else "",
            "GoldsteinScale": r.get("goldstein") if r.get("goldstein") is not None else "",
            "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
            "ActionGeo_FullName": r.get("location") or "",
            "ActionGeo_Type": 1 if r.get("location") else "",
            "DATEADDED": added, "SOURCEURL": doc.get("url") or doc.get("source") or "",
            "mv_event_id": r.get("event_id"), "mv_doc_id": r.get("doc_id"),
            "mv_plover": r.get("plover"), "mv_mode": r.get("mode") or "",
            "mv_modality": r.get("modality"), "mv_start": r.get("start"), "mv_end": r.get("end"),
            "mv_actor1_method": r.get("source_method") or "",
            "mv_actor2_method": r.get("target_method") or "",
            "mv_actor1_country_from": r.get("source_country_from") or "",
            "mv_actor2_country_from": r.get("target_country_from") or "",
        })
        yield row
