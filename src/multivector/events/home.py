"""The story's home country and the sectors that take it.

Kept apart from ``countries`` (argument country completion) because both ``countries`` and
``statements`` (a role-only speaker's country) need it, and ``countries`` calls into
``statements``: one module each way would be an import cycle.
"""

from __future__ import annotations

from typing import Any

from ..doc import Doc
from ..lang import lexicon as lang_lexicon

_EVENTS = lang_lexicon("en").section("events")
HOME_SECTORS = frozenset(_EVENTS.get("home_country_sectors") or ())
HOME_SHARE = float(_EVENTS.get("home_country_share") or 1.0)
HOME_MIN = int(_EVENTS.get("home_country_min") or 1)

STATELESS_SECTORS = {"IGO", "NGO", "MNC"}


def _currency(doc: Doc, m: Any) -> bool:
    """The mention names a currency, not a place: "US $50 million", "US dollars"."""
    rest = doc.text[m.end:m.end + 9].lstrip().lower()
    return rest.startswith("$") or rest.startswith("dollar")


def home_country(doc: Doc, api: Any) -> str | None:
    """The document's home country: the one country holding ``home_country_share`` of its
    country-bearing mentions (at least ``home_country_min``), else None. A wire story about
    Britain names "Mr Blair", "Labour", "the Home Office" and calls the police "police"; event
    data codes those police GBRCOP, which no sentence alone can tell. Computed once per
    document (``doc.user_data``: the actors stage has run, its mentions are final)."""
    if "home_country" in doc.user_data:
        return doc.user_data["home_country"]
    counts: dict[str, int] = {}
    agents: dict[str, int] = {}  # the same, agents only (persons and bodies with a sector)
    for m in api.mentions_in(doc, 0, len(doc.text)):
        if _currency(doc, m):
            continue
        ref = api.actor_ref(doc, m.actor_id)
        c = ref.get("country") if ref else None
        if c and (ref.get("sector") or "") not in STATELESS_SECTORS:
            counts[c] = counts.get(c, 0) + 1
            if ref.get("sector") or ref.get("type") == "person":
                agents[c] = agents.get(c, 0) + 1
    # a story about a war abroad names the war's country as often as its own actors ("the war
    # in Iraq" beside Downing Street, the BBC and Mr Blair): the actors, not the places, say
    # whose story it is
    value = _dominant(counts) or _dominant(agents)
    doc.user_data["home_country"] = value
    return value


def _dominant(counts: dict[str, int]) -> str | None:
    """The country holding ``HOME_SHARE`` of ``counts`` (at least ``HOME_MIN``), else None."""
    if not counts:
        return None
    best, n = max(counts.items(), key=lambda kv: kv[1])
    return best if n >= HOME_MIN and n >= HOME_SHARE * sum(counts.values()) else None
