#!/usr/bin/env python
"""Generate src/multivector/actors/data/states.json from states.tsv and pycountry.

Why generated: the list of states, their official names and their Russian, Chinese, Kazakh and
Uzbek names come from pycountry (ISO 3166 and the iso-codes translations it ships); demonyms and
capitals come from our hand-written states.tsv. Re-run after editing states.tsv:

    .venv/bin/python scripts/build_actor_kb.py
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parent.parent / "src" / "multivector" / "actors" / "data"
LANGS = {"ru": "ru", "zh": "zh_CN", "kk": "kk", "uz": "uz"}
DISPLAY = {  # short English names where pycountry only has the formal one
    "RUS": "Russia", "PRK": "North Korea", "KOR": "South Korea", "SYR": "Syria", "LAO": "Laos",
    "VEN": "Venezuela", "BOL": "Bolivia", "IRN": "Iran", "MDA": "Moldova", "TZA": "Tanzania",
    "COD": "DR Congo", "COG": "Republic of the Congo", "FSM": "Micronesia", "VAT": "Holy See",
    "PSE": "Palestine", "MKD": "North Macedonia", "BRN": "Brunei", "CPV": "Cape Verde",
    "SWZ": "Eswatini", "TUR": "Turkey", "CIV": "Ivory Coast", "NLD": "Netherlands",
    "GMB": "Gambia", "BHS": "Bahamas", "PHL": "Philippines", "VNM": "Vietnam", "TWN": "Taiwan",
    "CZE": "Czech Republic",
}
EXTRA = {  # states pycountry does not carry (or carries under another code)
    "XKX": {"name": "Kosovo", "official_name": "Republic of Kosovo"},
}


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def main() -> int:
    rows = []
    for ln, line in enumerate((DATA / "states.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + ["", "", ""]
        rows.append((ln, cells[0].strip(), split(cells[1]), split(cells[2]), split(cells[3])))
    tr = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc],
                                    fallback=True) for lang, loc in LANGS.items()}
    out = []
    for ln, iso3, demonyms, capitals, aliases in rows:
        c = pycountry.countries.get(alpha_3=iso3)
        if c is None and iso3 not in EXTRA:
            print(f"states.tsv:{ln}: unknown ISO3 code {iso3}", file=sys.stderr)
            return 1
        name = EXTRA[iso3]["name"] if c is None else getattr(c, "common_name", None) or c.name
        name = DISPLAY.get(iso3, name)
        official = EXTRA[iso3]["official_name"] if c is None else getattr(c, "official_name", None)
        en = [name]
        if c is not None and c.name != name and ", " not in c.name:
            en.append(c.name)
        if official:
            en.append(official)
        en += aliases
        names = {"en": list(dict.fromkeys(en))}
        if c is not None:
            for lang, t in tr.items():
                local = [t.gettext(c.name)]
                if official:
                    local.append(t.gettext(official))
                local = [x for x in dict.fromkeys(local) if x not in (c.name, official)]
                if local:
                    names[lang] = local
        out.append({"id": iso3, "name": name, "names": names, "demonyms": demonyms,
                    "capitals": capitals})
    (DATA / "states.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(out)} states -> {DATA / 'states.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
