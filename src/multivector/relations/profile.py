"""Multi-vector profile: how a state's cooperative and conflictual ties spread across powers.

For a state S, a set of powers P (default: data/powers.yaml) and each period t:

    coop(P, t) = #events S<->P with quad class 1 or 2  +  sum of positive stance polarities S<->P
    conf(P, t) = #events S<->P with quad class 3 or 4  +  sum of |negative| stance polarities S<->P
    share(P, t) = coop(P, t) / sum over powers of coop(., t)
    HHI(t) = sum over powers of share(P, t)^2
    multivectorness(t) = (1 - HHI(t)) / (1 - 1/N)        N = number of powers, in [0, 1]
    balance(P, t) = (coop - conf) / (coop + conf)          net tone toward P, in [-1, 1]

"S<->P" takes both directions (S as source or holder, P as target, and the reverse); stances
count when the holder or the target is S or belongs to S (officials keyed by their country).
multivectorness is 1 when cooperation is spread evenly over all powers and 0 when it all goes to
one; it is undefined (None) in a period without any cooperative tie to the powers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .compute import UNDATED, Aggregator, load

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def default_powers() -> dict[str, str]:
    path = DATA / "powers.yaml"
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    powers = data.get("powers")
    if not isinstance(powers, dict) or not powers:
        raise ValueError(f"{path}: expected a 'powers' mapping of key: name")
    return {str(k): str(v) for k, v in powers.items()}


def _ties(agg: Aggregator, state: str, powers: list[str]) -> dict[str, dict[str, list[float]]]:
    """period -> power -> [coop, conf]."""
    out: dict[str, dict[str, list[float]]] = {}
    for (a, b, period), cell in agg.cells.items():
        if a == state and b in powers:
            p = b
        elif b == state and a in powers:
            p = a
        else:
            continue
        slot = out.setdefault(period, {}).setdefault(p, [0.0, 0.0])
        slot[0] += cell.quads[0] + cell.quads[1] + sum(x for x in cell.polarities if x > 0)
        slot[1] += cell.quads[2] + cell.quads[3] + sum(-x for x in cell.polarities if x < 0)
    return out


def balance_figures(ties: dict[str, list[float]], powers: list[str]) -> dict:
    """Shares, HHI, multivectorness and per-power balance for one period's ties."""
    coop = {p: round(ties.get(p, [0.0, 0.0])[0], 3) for p in powers}
    conf = {p: round(ties.get(p, [0.0, 0.0])[1], 3) for p in powers}
    total = sum(coop.values())
    n = len(powers)
    if total > 0:
        share: dict[str, float | None] = {p: round(coop[p] / total, 3) for p in powers}
        hhi = sum((coop[p] / total) ** 2 for p in powers)
        mv = round((1 - hhi) / (1 - 1 / n), 3) if n > 1 else 0.0
        dominant = max(powers, key=lambda p: coop[p])
    else:
        share = dict.fromkeys(powers)
        hhi, mv, dominant = None, None, None
    balance = {p: (round((coop[p] - conf[p]) / (coop[p] + conf[p]), 3)
                   if coop[p] + conf[p] > 0 else None) for p in powers}
    return {"cooperative": coop, "conflictual": conf, "share": share,
            "hhi": round(hhi, 3) if hhi is not None else None, "multivectorness": mv,
            "dominant": dominant, "balance": balance}


def profile_from(agg: Aggregator, state: str, powers: dict[str, str] | None = None) -> dict:
    powers = powers or default_powers()
    keys = [p for p in powers if p != state]
    ties = _ties(agg, state, keys)
    periods = sorted(p for p in ties if p != UNDATED) + ([UNDATED] if UNDATED in ties else [])
    rows = []
    overall: dict[str, list[float]] = {}
    for period in periods:
        figs = balance_figures(ties[period], keys)
        figs["period"] = period
        rows.append(figs)
        for p, (c, k) in ties[period].items():
            slot = overall.setdefault(p, [0.0, 0.0])
            slot[0] += c
            slot[1] += k
    return {"state": state, "powers": {k: powers[k] for k in keys}, "period": agg.period,
            "periods": rows, "overall": balance_figures(overall, keys)}


def profile(store, state: str, period: str = "month", powers: dict[str, str] | None = None) -> dict:
    """The multi-vector profile of ``state`` (a key: ISO3 country or actor id) from a store."""
    return profile_from(load(store, period, keys=[state]), state, powers)
