"""Country and sector accuracy of the phrase resolver on world actor phrases.

Two gold sets: ``tests/gold/actors_world_bbc.jsonl`` (phrases we annotated in BBC articles:
text, doc, date, gold country or "IGO", gold PLOVER sector) and a dev set drawn from the
Phoenix/Factbook/Party Facts items that ``scripts/build_actor_kb.py --holdout K/N`` left OUT of
the knowledge base, so the figures say something about actors the KB has never seen
(``scripts/eval_actor_kb.py`` builds the fold and runs both).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

GOLD_BBC = Path(__file__).resolve().parents[3] / "tests" / "gold" / "actors_world_bbc.jsonl"


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def predicted(r: dict | None) -> tuple[str | None, str | None]:
    """(country, sector) of a resolver answer; an IGO counts as country 'IGO', sector 'IGO'."""
    if r is None:
        return None, None
    if r.get("type") == "igo":
        return "IGO", "IGO"
    return r.get("country"), r.get("sector")


def score(items: Iterable[dict], resolve: Callable[[dict], dict | None]) -> dict:
    """Accuracy over items with a gold country / a gold sector; unresolved count as wrong."""
    n_c = ok_c = n_s = ok_s = unresolved = 0
    errors = []
    by_kind: Counter = Counter()
    by_kind_ok: Counter = Counter()
    for it in items:
        r = resolve(it)
        c, s = predicted(r)
        if r is None or (r.get("id") is None and not r.get("sector")):
            unresolved += 1
        good = True
        if it.get("country"):
            n_c += 1
            ok_c += c == it["country"]
            good &= c == it["country"]
        if it.get("sector"):
            n_s += 1
            ok_s += s == it["sector"]
            good &= s == it["sector"]
        kind = it.get("kind", "phrase")
        by_kind[kind] += 1
        by_kind_ok[kind] += good
        if not good:
            errors.append({"text": it["text"], "gold": [it.get("country"), it.get("sector")],
                           "got": [c, s], "id": (r or {}).get("id")})
    return {"items": sum(by_kind.values()), "country_n": n_c,
            "country_accuracy": round(ok_c / n_c, 3) if n_c else None, "sector_n": n_s,
            "sector_accuracy": round(ok_s / n_s, 3) if n_s else None, "unresolved": unresolved,
            "by_kind": {k: f"{by_kind_ok[k]}/{v}" for k, v in sorted(by_kind.items())},
            "errors": errors}


TITLE = {"GOV": "official", "MIL": "general", "LEG": "lawmaker", "JUD": "judge",
         "PTY": "party leader", "BUS": "businessman", "COP": "police chief", "SPY": "spy chief",
         "REB": "rebel leader", "JRN": "journalist", "EDU": "academic", "REL": "cleric",
         "NGO": "activist", "CVL": "activist", "LAB": "union leader", "MED": "doctor"}


def dev_items(heldout: list[dict], limit: int = 400, introduced: bool = False,
              demonyms: dict[str, str] | None = None, names: dict[str, str] | None = None
              ) -> list[dict]:
    """Dev phrases from held-out KB items: a person's name on the first day of one of their
    dated roles (gold = that role's country and sector), a party or group by its name.
    ``introduced=True`` phrases them the way world news introduces an actor it cannot assume
    the reader knows: "Honduran official Leonidas Rosa Bautista", "Indonesia's Prosperous
    Justice Party" (``demonyms``/``names``: ISO3 -> adjective / short name)."""
    import hashlib

    demonyms, names = demonyms or {}, names or {}
    people: dict[str, dict] = {}
    seen: set[str] = set()
    out = []
    for h in heldout:
        if h.get("role") is not None:  # a role of a held-out person
            start = h.get("start")
            if not start or start < "1990" or not h.get("country") or not h.get("sector"):
                continue
            if h.get("sector") in ("ELI", "UNK", "IGO"):
                continue
            date = start if len(start) == 10 else start[:4] + "-06-01"
            text = h["name"]
            if introduced:
                role = h["role"] if not h["role"].startswith("cameo") else TITLE.get(h["sector"], "")
                text = f"{demonyms.get(h['country'], '')} {role} {h['name']}".strip()
            people.setdefault(h["id"], {"text": text, "date": date, "country": h["country"],
                                        "sector": h["sector"], "kind": "person"})
        elif h.get("type") in ("party", "group") and h.get("name") and h["name"] not in seen:
            seen.add(h["name"])
            text = h["name"]
            if introduced and h.get("country") in names:
                text = f"{names[h['country']]}'s {h['name']}"
            out.append({"text": text, "date": None, "country": h.get("country"),
                        "sector": h.get("sector"), "kind": h["type"]})
    out += list(people.values())
    out = [o for o in out if o["text"] and len(o["text"]) > 3]
    out.sort(key=lambda o: hashlib.sha1(o["text"].encode()).hexdigest())
    return out[:limit]
