"""The actor network: who interacts with whom, how often, and in which tone.

An edge joins two actors that meet in an event (one a source, the other a target) or in a stance
(holder and target). Its tone counts cooperative against hostile evidence: an event is cooperative
when its CAMEO quad class is 1 or 2 (verbal or material cooperation) and hostile when it is 3 or 4
(without a quad class, the sign of its Goldstein score decides); a stance by the sign of its
polarity. Width is the volume (events + stances). Edges are undirected here; the dyad panel shows
who did what to whom.

Why aggregated in two steps: the database groups everything by (pair, month) once per data
generation (a few thousand rows even for 10k documents); each request then only filters and sums
those rows in Python, so changing the period filter costs a millisecond, not a scan.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from ..store.where import FilterError, check_date
from .database import Database

log = logging.getLogger(__name__)

# Types shown as the "states and alliances" view; others (persons, media, ...) are optional.
STATE_TYPES = ("state", "government", "military", "igo", "legislature")

@dataclass
class _Base:
    generation: int
    rows: list[tuple] = field(default_factory=list)  # (a, b, month, kind, n, coop, hostile)
    actors: dict[str, dict] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)
    periods: list[str] = field(default_factory=list)
    # the same rows by country (from multivector.relations when it is installed)
    country_rows: list[tuple] | None = None
    # actor -> its rows, for ego networks (the actor page asks for one per actor)
    by_actor: dict[str, list[tuple]] = field(default_factory=dict)
    country_by_actor: dict[str, list[tuple]] = field(default_factory=dict)


class Network:
    """Computes and caches the per-(pair, month) rows of one database."""

    def __init__(self, db: Database):
        self.db = db
        self._base: _Base | None = None
        self._lock = threading.Lock()
        self._cache: dict[tuple, dict] = {}

    def graph(self, **kw) -> dict:
        """:meth:`compute` with a small cache: the explorer asks for the same few views."""
        bound = inspect.signature(self.compute).bind(**kw)
        bound.apply_defaults()  # graph() and graph(period="all") are one view
        key = (self.db.generation, tuple(sorted(bound.arguments.items())))
        with self._lock:
            hit = self._cache.get(key)
        if hit is None:
            hit = self.compute(**kw)
            with self._lock:
                if len(self._cache) >= 128:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[key] = hit
        return hit  # shared: callers must not modify it

    def warm(self) -> None:
        """Compute the aggregates and the explorer's two default views."""
        try:
            self.graph()
            self.graph(types="states", rollup=True)
        except Exception as exc:  # noqa: BLE001  (not hidden: the request that needs it fails)
            log.warning("could not precompute the network: %r", exc)

    def knows(self, actor: str) -> bool:
        """Whether ``actor`` is an actor of the database (named anywhere, or in an edge)."""
        base = self.base()
        return actor in base.actors or actor in base.by_actor or actor in base.country_by_actor

    def base(self) -> _Base:
        with self._lock:
            if self._base is None or self._base.generation != self.db.generation:
                self._base = self._load()
            return self._base

    def _load(self) -> _Base:
        db = self.db
        base = _Base(generation=db.generation)
        base.rows = [tuple(r) for r in db.pair_periods()]
        for r in db.event_actor_names():
            base.actors.setdefault(r["id"], {"id": r["id"], "name": r["name"]})
        for r in db.stance_actor_names():  # fill what events did not name
            cur = base.actors.setdefault(r["id"], {"id": r["id"]})
            for k in ("name", "type"):
                if cur.get(k) is None:
                    cur[k] = r[k]
        for r in db.actor_summaries():
            base.actors[r["id"]] = dict(r)  # the actors table wins
        base.mentions = db.mention_counts()
        base.periods = sorted({r[2] for r in base.rows if r[2]} | db.document_months())
        base.country_rows = self._country_rows(base)
        for rows, index in ((base.rows, base.by_actor),
                            (base.country_rows or [], base.country_by_actor)):
            for row in rows:
                index.setdefault(row[0], []).append(row)
                index.setdefault(row[1], []).append(row)
        return base

    def _country_rows(self, base: _Base) -> list[tuple]:
        """Country-level rows from ``multivector.relations`` (the same numbers as
        `multivector export relations`)."""
        from ..relations.compute import relations_rows

        out = []
        for r in relations_rows(self.db, period="month"):
            a, b = min(r["a"], r["b"]), max(r["a"], r["b"])
            month = "" if r["period"] == "undated" else r["period"]
            if r.get("n_events"):
                out.append((a, b, month, "event", r["n_events"], r["quad1"] + r["quad2"],
                            r["quad3"] + r["quad4"]))
            if r.get("n_stances"):
                out.append((a, b, month, "stance", r["n_stances"], r["n_cooperative"],
                            r["n_hostile"]))
            for k, name in ((r["a"], r.get("a_name")), (r["b"], r.get("b_name"))):
                base.actors.setdefault(k, {"id": k, "name": name})
        return out

    # ------------------------------------------------------------------ requests
    def compute(self, *, period: str = "all", date_from: str | None = None,
              date_to: str | None = None, actor: str | None = None,
              types: str | None = None, min_volume: int = 1, limit: int = 300,
              isolated: int = 40, rollup: bool = False) -> dict:
        """Nodes and edges for the period range. ``period`` = ``all`` sums the range into one
        edge per pair; ``month`` or ``year`` also returns the per-period counts of each edge
        (for a timeline). ``types`` (comma-separated actor types, or ``states``) keeps edges
        whose both ends have one of those types. ``isolated``: up to this many of the most
        mentioned states and organisations are shown even without an edge. ``rollup``: every
        actor with a country counts as that country (relations by country, as
        `multivector export relations` computes them)."""
        if period not in ("all", "month", "year"):
            raise FilterError("period: all, month or year")
        date_from = check_date("from", date_from)
        date_to = check_date("to", date_to)
        if min_volume < 1 or limit < 1 or limit > 5000 or isolated < 0 or isolated > 500:
            raise FilterError("min_volume >= 1, 1 <= limit <= 5000, 0 <= isolated <= 500")
        base = self.base()
        wanted = None
        if types:
            wanted = set(STATE_TYPES) if types == "states" else {
                t.strip() for t in types.split(",") if t.strip()}

        def keep_actor(i: str) -> bool:
            return wanted is None or (base.actors.get(i, {}).get("type") in wanted)

        owner = rollup_map(base.actors) if rollup else {}
        mentions: dict[str, int] = defaultdict(int)
        for i, n in base.mentions.items():
            mentions[owner.get(i, i)] += n
        rows, index = base.rows, base.by_actor
        if rollup and base.country_rows is not None:
            rows, index, owner_rows = base.country_rows, base.country_by_actor, {}
        else:
            owner_rows = owner
        if actor and not owner_rows:
            rows = index.get(actor, [])
        edges: dict[tuple[str, str], dict] = {}
        for a, b, month, kind, n, coop, hostile in rows:
            if owner_rows:
                a, b = owner_rows.get(a, a), owner_rows.get(b, b)
                if a == b:
                    continue
                a, b = min(a, b), max(a, b)
            if date_from and (not month or month < date_from[:7]):
                continue
            if date_to and (not month or month > date_to[:7]):
                continue
            if actor and actor not in (a, b):
                continue
            if not (keep_actor(a) and keep_actor(b)):
                continue
            e = edges.get((a, b))
            if e is None:
                e = edges[(a, b)] = {"source": a, "target": b, "volume": 0, "events": 0,
                                     "stances": 0, "cooperative": 0, "hostile": 0}
                if period != "all":
                    e["periods"] = defaultdict(lambda: {"volume": 0, "cooperative": 0,
                                                        "hostile": 0})
            e["volume"] += n
            e["events" if kind == "event" else "stances"] += n
            e["cooperative"] += coop
            e["hostile"] += hostile
            if period != "all":
                key = (month[:4] if period == "year" else month) or "undated"
                p = e["periods"][key]
                p["volume"] += n
                p["cooperative"] += coop
                p["hostile"] += hostile
        out_edges = []
        for e in edges.values():
            if e["volume"] < min_volume:
                continue
            e["score"] = round((e["cooperative"] - e["hostile"]) / e["volume"], 3)
            e["tone"] = tone(e["cooperative"], e["hostile"], e["volume"])
            if "periods" in e:
                e["periods"] = [{"period": k, **v} for k, v in sorted(e["periods"].items())]
            out_edges.append(e)
        out_edges.sort(key=lambda e: (-e["volume"], e["source"], e["target"]))
        truncated = len(out_edges) > limit
        out_edges = out_edges[:limit]
        ids = {e["source"] for e in out_edges} | {e["target"] for e in out_edges}
        if actor:
            ids.add(actor)
        elif isolated:
            ranked = sorted(
                (i for i, a in base.actors.items()
                 if a.get("type") in STATE_TYPES and mentions.get(i) and keep_actor(i)
                 and i not in owner),
                key=lambda i: -mentions[i])
            ids.update(ranked[:isolated])
        volume: dict[str, int] = defaultdict(int)
        for e in out_edges:
            volume[e["source"]] += e["volume"]
            volume[e["target"]] += e["volume"]
        for e in out_edges:
            e["source_name"] = base.actors.get(e["source"], {}).get("name") or e["source"]
            e["target_name"] = base.actors.get(e["target"], {}).get("name") or e["target"]
        nodes = []
        for i in sorted(ids):
            a = base.actors.get(i, {})
            nodes.append({"id": i, "name": a.get("name") or i, "type": a.get("type"),
                          "country": a.get("country"), "mentions": mentions.get(i, 0),
                          "volume": volume.get(i, 0)})
        return {"nodes": nodes, "edges": out_edges, "periods": base.periods,
                "truncated": truncated, "period": period, "from": date_from, "to": date_to}


def rollup_map(actors: dict[str, dict]) -> dict[str, str]:
    """actor id -> its country's state id, for every actor with a country that is a known
    state (its government, army, officials, citizens): the key ``multivector.relations`` uses
    for an actor, so the rolled-up network matches `multivector export relations`."""
    return {i: a["country"] for i, a in actors.items()
            if a.get("country") and a["country"] != i
            and actors.get(a["country"], {}).get("type") == "state"}


def tone(coop: int, hostile: int, volume: int) -> str:
    """cooperative / hostile when one side clearly dominates, mixed when both are present,
    neutral when neither is."""
    if coop == 0 and hostile == 0:
        return "neutral"
    score = (coop - hostile) / max(volume, 1)
    if coop and not hostile or score > 0.25:
        return "cooperative"
    if hostile and not coop or score < -0.25:
        return "hostile"
    return "mixed"
