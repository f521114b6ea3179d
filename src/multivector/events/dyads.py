"""The flattened dyadic view of events.

PLOVER keeps actor lists ("Kyrgyzstan negotiated with South Korea and Turkey" is one event with
two targets); most event-data tools (GDELT, ICEWS, CAMEO-era analyses) expect one row per
(source, target) pair. ``dyads`` gives that view without changing the stored events: every source
is paired with every target, and an event without a target gives rows with an empty target.
``source_method``/``target_method`` are "implied" for an actor the text does not name;
``source_country_from``/``target_country_from`` say how a country the actor does not carry
itself was inferred (``doc.COUNTRY_FROM``), None when it is the actor's own.
A symmetric event ("Turkey and Iran met") lists its participants as sources and targets: it
gives every ordered pair of two different participants.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

MODALITIES = ("asserted", "negated", "hypothetical", "future", "recommended", "claimed", "reported")


def keep_modalities(rows: Iterable[dict], modalities: Iterable[str] | None) -> Iterator[dict]:
    """Only events whose modality is listed (e.g. ``["asserted"]`` for factual events)."""
    wanted = {m.strip().lower() for m in (modalities or []) if m.strip()}
    unknown = wanted - set(MODALITIES)
    if unknown:
        raise ValueError(f"unknown modality {sorted(unknown)}; use {', '.join(MODALITIES)}")
    for r in rows:
        if not wanted or (r.get("modality") or "asserted") in wanted:
            yield r


def dyads(rows: Iterable[dict]) -> Iterator[dict]:
    """One row per (source actor, target actor) of each event."""
    for r in rows:
        sources = r.get("source") or [{}]
        targets = r.get("target") or [{}]
        for i, s in enumerate(sources):
            for j, t in enumerate(targets):
                if s and t and _same(s, t):
                    continue  # a symmetric event lists its participants on both sides
                out = {k: v for k, v in r.items() if k not in ("source", "target")}
                out["event_id"] = r.get("id")
                out["dyad"] = f"{i}.{j}"
                for side, a in (("source", s), ("target", t)):
                    out[f"{side}_id"] = a.get("id")
                    out[f"{side}_name"] = a.get("name")
                    out[f"{side}_country"] = a.get("country")
                    out[f"{side}_sector"] = a.get("sector")
                    out[f"{side}_method"] = a.get("method")  # "implied" or None
                    # how its country was inferred ("story", "sentence", ...) or None: its own
                    out[f"{side}_country_from"] = a.get("country_from")
                yield out


# sectors of groups that are not the state whose country (and, from the linker, id) they carry
NON_STATE_GROUPS = frozenset({"REB", "CVL", "REF", "PTY", "UAF", "PRM", "CRM", "REL", "SOC",
                              "LAB"})


def state_and_group(a, b) -> bool:
    """Two references with one id that are a state (or office) and a group of its people
    ("Croatia" and "Croatian extremists" both carry HRV): two actors, a same-country dyad."""
    return bool(a.get("id")) and a.get("id") == b.get("id") and (
        a.get("sector") in NON_STATE_GROUPS) != (b.get("sector") in NON_STATE_GROUPS)


def _same(a: dict, b: dict) -> bool:
    if state_and_group(a, b):
        return False
    if a.get("id") or b.get("id"):
        return a.get("id") == b.get("id")
    return bool(a.get("name")) and (a.get("name") or "").lower() == (b.get("name") or "").lower()


def symmetric(ev: dict) -> bool:
    """A symmetric event: its targets are its sources ("Turkey and Iran met"; see coder)."""
    src, tgt = ev.get("source") or [], ev.get("target") or []
    return len(src) >= 2 and len(src) == len(tgt) and all(
        any(_same(a, b) for b in tgt) for a in src)
