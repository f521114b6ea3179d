"""The event ontology: PLOVER types, modes and contexts; CAMEO codes with Goldstein scores and
QuadClass; the CAMEO -> PLOVER mapping; names of older PLOVER versions.

All of it is data in ``events/data/*.json``, generated from the published manuals by
``scripts/build_event_ontology.py`` so the package never reads reference files at run time.
Loaded once per process (the files are small).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def _load(name: str):
    with resources.files(__package__).joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    root: str
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    plover: str | None
    mode: str | None
    contexts: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Ontology:
    plover_types: dict  # name -> {definition, quad_class, modes, score, ...}
    contexts: dict  # name -> description
    cameo: dict  # code -> CameoCode
    legacy: dict  # version -> {old name -> current name}

    def cameo_code(self, code: str | None) -> CameoCode | None:
        """The CAMEO record for ``code`` (exact, else the nearest shorter parent code)."""
        if not code:
            return None
        code = str(code).strip()
        while code:
            if code in self.cameo:
                return self.cameo[code]
            code = code[:-1]
        return None

    def plover_for_cameo(self, code: str | None) -> str | None:
        c = self.cameo_code(code)
        return c.plover if c else None

    def current_plover(self, name: str | None, version: str = "0.5b1") -> str | None:
        """Map an older PLOVER category name (e.g. 0.5b1 ``DEMAND``) to the current 16."""
        if not name:
            return None
        name = name.strip().upper()
        name = self.legacy.get(version, {}).get(name, name)
        return name if name in self.plover_types else None


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    plover = _load("plover.json")
    cameo_rows = _load("cameo.json")
    mapping = _load("cameo2plover.json")
    cameo: dict[str, CameoCode] = {}
    for code, row in cameo_rows.items():
        m = mapping.get(code)
        if m is None:  # inherit from the parent code (3-digit, then 2-digit)
            for k in (code[:3], code[:2] + "0"):
                if k in mapping:
                    m = mapping[k]
                    break
        cameo[code] = CameoCode(code=code, name=row["name"], goldstein=row["goldstein"],
                                root=row["root"], quad_class=row["quad_class"],
                                plover=(m or {}).get("plover"), mode=(m or {}).get("mode"),
                                contexts=tuple((m or {}).get("contexts") or ()))
    return Ontology(plover_types={t["name"]: t for t in plover["types"]},
                    contexts=plover["contexts"], cameo=cameo, legacy=_load("plover_legacy.json"))


PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
