#!/usr/bin/env python
"""Build the packaged actor knowledge base from public sources plus our curated files.

Two outputs, both under src/multivector/actors/data/:

* ``states.json`` from ``states.tsv`` and pycountry (official names; ru/zh/kk/uz names from
  the iso-codes translations pycountry ships). Demonyms and capitals come from ``states.tsv``.
* ``world.json.gz``: the world actors, from ``../shared/kb-sources`` (CIA World Factbook history,
  Party Facts, congress-legislators) and ``../shared/eval/actors`` (Phoenix dictionaries,
  PLOVER agent nouns). Curated files (people.yaml, igos.yaml, orgs.yaml, world_curated.yaml,
  agents.tsv) win: a world record that names a curated actor only adds names and roles to it.

Deterministic: the same sources give byte-identical output (sorted records, gzip mtime 0).

    .venv/bin/python scripts/build_actor_kb.py                     # both files
    .venv/bin/python scripts/build_actor_kb.py --world-only --holdout 0/5 -o /tmp/kb/fold0.json.gz
        # fold 0 of 5 of the people/parties/groups left out (for evaluation on unseen actors);
        # the left-out items are written next to it as <out>.heldout.jsonl

Why a compressed JSON: the KB is committed as data, must stay small (<= 25 MB), and must load
fast; json + gzip is in the standard library and kb.py pickles the parsed result anyway.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date as _date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "multivector" / "actors" / "data"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

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
EXTRA = {"XKX": {"name": "Kosovo", "official_name": "Republic of Kosovo"}}


# ----------------------------------------------------------------------------- states.json
def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def build_states() -> int:
    import pycountry

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


# ----------------------------------------------------------------------------- helpers
PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "di", "del", "della", "der", "den",
             "van", "von", "la", "le", "du", "dos", "das", "do", "y", "e", "ben", "ould", "ag",
             "abu", "van't", "ter", "zu", "af"}
ROMAN = {"II", "III", "IV", "V", "VI", "X", "XI", "XII", "XVI", "JR", "JR."}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9


def fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c)).replace("ı", "i")


def slug(name: str) -> str:
    t = fold(name).lower().replace("’", "'")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t or "unnamed"


def nice_word(w: str, first: bool) -> str:
    """'BOUTEFLIKA' -> 'Bouteflika', 'AL-SISI' -> 'al-Sisi', 'MCCARTHY' -> 'McCarthy'."""
    if w.upper() in ROMAN:
        return w.upper()
    low = w.lower()
    if not first and low in PARTICLES:
        return low
    parts = re.split(r"([\-'’])", low)
    out = []
    for i, p in enumerate(parts):
        if p in ("-", "'", "’"):
            out.append(p)
            continue
        if i == 0 and p in ("al", "el") and len(parts) > 1 and not first:
            out.append(p)
            continue
        if p.startswith("mc") and len(p) > 2:
            out.append("Mc" + p[2:3].upper() + p[3:])
            continue
        if i > 0 and parts[i - 1] in ("'", "’") and len(p) <= 1:  # O'Neil vs Sha'biyah
            out.append(p)
            continue
        out.append(p[:1].upper() + p[1:])
    return "".join(out)


def nice_name(raw: str) -> str:
    words = raw.split()
    return " ".join(w if (not w.isupper() and w[:1].isupper()) or (w.lower() in PARTICLES)
                    and not w.isupper() else nice_word(w, i == 0) for i, w in enumerate(words))


def parse_day(text: str) -> str | None:
    """'28 April 1999' -> '1999-04-28'; 'April 1999' -> '1999-04'; '1999' -> '1999'."""
    t = text.strip().lower().replace(",", " ")
    m = re.match(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", t)
    if m and m.group(2) in MONTHS:
        return f"{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    m = re.match(r"([a-z]+)\.?\s+(\d{1,2})\s+(\d{4})", t)
    if m and m.group(1) in MONTHS:
        return f"{m.group(3)}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    m = re.match(r"([a-z]+)\.?\s+(\d{4})", t)
    if m and m.group(1) in MONTHS:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    m = re.match(r"(\d{4})", t)
    return m.group(1) if m else None


def _stop_words() -> set[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS

        return set(STOP_WORDS)
    except ImportError:  # pragma: no cover
        return set()


STOP = _stop_words() | {"none", "other", "others", "independent", "independents", "new", "unknown"}


PLACE_STOP = {"nice", "split", "mobile", "bath", "reading", "orange", "hope", "victoria", "georgia",
              "jordan", "chad", "turkey", "guinea", "china", "japan", "independence", "liberty",
              "union", "concord", "paradise", "eden", "temple", "sale", "male", "pau", "central",
              "north", "south", "east", "west", "delta", "gulf", "bay", "lake", "river", "coast",
              "highlands", "lowlands", "valley", "islands", "island", "capital", "province"}


def _common_words() -> set[str]:
    """Words written in lower case at least 3 times in the BBC corpus: a single-word name that
    is also such a word ("Forward", "Security", "Centre") needs the document's support."""
    root = SHARED / "corpora" / "bbc"
    counts: Counter = Counter()
    if root.is_dir():
        for f in sorted(root.rglob("*.txt")):
            counts.update(re.findall(r"\b[a-z][a-z'\-]+\b", f.read_text(encoding="latin-1")))
    return {w for w, n in counts.items() if n >= 3}


COMMON_WORDS = _common_words()


def usable_alias(name: str) -> bool:
    """Not a pronoun, stop word, single letter or sentence-length string."""
    if not name or len(name) > 90 or not re.search(r"[A-Za-z]", name):
        return False
    low = name.lower().strip(" .")
    if low in STOP or len(low) < 2 or (len(low) < 3 and not name.isupper()):
        return False
    return True


def person_key(name: str) -> str:
    """'Joseph R. Biden Jr.' and 'Joe Biden' -> 'biden' + first letter: 'j biden'."""
    toks = [t for t in re.sub(r"[.,]", " ", fold(name).lower()).split()
            if len(t) > 1 and t not in ("jr", "sr", "ii", "iii", "iv")]
    if len(toks) < 2:
        return " ".join(toks)
    return f"{toks[0][0]} {toks[-1]}"


def held_out(key: str, holdout: tuple[int, int] | None) -> bool:
    """Deterministic fold assignment by a hash of the actor's slug."""
    if holdout is None:
        return False
    k, n = holdout
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % n == k


# ----------------------------------------------------------------------------- the builder
class World:
    """Collects world records keyed by id; merges names/roles; drops clashes with curated."""

    def __init__(self, curated, holdout):
        self.kb = curated  # the curated KnowledgeBase (states, igos, orgs, people, curated world)
        self.recs: dict[str, dict] = {}
        self.holdout = holdout
        self.heldout: list[dict] = []
        self.counts: Counter = Counter()
        self.state_alias: dict[str, set[str]] = defaultdict(set)  # iso -> extra names
        self.derived_alias: dict[str, set[str]] = defaultdict(set)  # ISOMIL -> names
        self.ctx_alias: dict[str, set[str]] = defaultdict(set)  # id -> aliases needing context
        self.by_key: dict[tuple[str, str | None], str] = {}  # (person_key, country) -> id
        self.curated_surname: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        for a in curated.actors.values():
            if a.type != "person":
                continue
            for n in [a.name] + a.aliases.get("en", []):
                if len(n.split()) >= 2:
                    self.by_key.setdefault((person_key(n), a.country), a.id)
                    self.curated_surname[(fold(n.split()[-1]).lower(), a.country)].add(a.id)

    # -- curated lookups
    def curated_person(self, name: str) -> str | None:
        for e in self.kb.lookup(name):
            a = self.kb.actors[e.actor_id]
            if a.type == "person":
                return a.id
        return None

    def record(self, aid: str, name: str, typ: str, country: str | None, sector: str | None,
               source: str) -> dict | None:
        rec = self.recs.get(aid)
        if rec is None:
            rec = {"id": aid, "name": name, "type": typ, "country": country, "sector": sector,
                   "en": [], "roles": [], "src": []}
            self.recs[aid] = rec
        if source not in rec["src"]:
            rec["src"].append(source)
        return rec

    def person(self, name: str, source: str, country: str | None) -> dict | None:
        """The record for a person (curated id when the KB knows the name; the same person
        from another source when given name + surname and country agree)."""
        name = re.sub(r"\s+", " ", name).strip(" ,.;")
        if len(name.split()) < 2 or len(name) > 60:
            return None
        key = person_key(name)
        same_surname = self.curated_surname.get((fold(name.split()[-1]).lower(), country), set())
        aid = (self.curated_person(name) or self.by_key.get((key, country))
               or (next(iter(same_surname)) if len(same_surname) == 1 else None)
               or f"PER:{slug(name)}")
        self.by_key.setdefault((key, country), aid)
        if held_out(aid, self.holdout) and aid not in self.kb.actors:
            return {"heldout": True, "id": aid, "name": name}
        rec = self.record(aid, name, "person", country, None, source)
        if name not in rec["en"]:
            rec["en"].append(name)
        folded = fold(name)
        if folded != name and folded not in rec["en"]:
            rec["en"].append(folded)
        return rec

    def add_role(self, rec: dict, role: dict) -> None:
        if rec.get("heldout"):
            self.heldout.append({**role, "id": rec["id"], "name": rec["name"]})
            return
        if role not in rec["roles"]:
            rec["roles"].append(role)

    def add_name(self, rec: dict, name: str, ctx: bool = False) -> None:
        name = re.sub(r"\s+", " ", name).strip(" ,;:")
        if not usable_alias(name):
            return
        if " " not in name and not name.isupper() and rec["type"] != "person" and \
                name.lower() in COMMON_WORDS:
            ctx = True  # "Forward", "Renew", "Hope": common words link only with support
        if name not in rec["en"]:
            rec["en"].append(name)
        if ctx:
            self.ctx_alias[rec["id"]].add(name)


# ----------------------------------------------------------------------------- Factbook
FB_LAST = "2026-05-17"
SINCE_RE = re.compile(r"\(\s*since\s+([^)]*?)\)")
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.\-]*|[a-z][a-z'’\-]*)$")
TITLE_ROLE = [  # (regex on the lower-cased title, kb role, sector)
    (r"chancellor", "chancellor", "GOV"),
    (r"prime minister|premier|chief minister|chief executive|head of government|"
     r"chairman of the council of ministers|taoiseach", "prime minister", "GOV"),
    (r"vice president|vice-president", "vice president", "GOV"),
    (r"president|chairman of the presidency|chairman of the presidential council|head of state|"
     r"captains? regent|co-prince", "president", "GOV"),
    (r"supreme leader", "supreme leader", "GOV"),
    (r"king|queen|emir|amir|sultan|grand duke|prince|monarch|emperor|sovereign|pope", "monarch", "GOV"),
    (r"governor[- ]general", "governor general", "GOV"),
    (r"governor|administrator|high commissioner|premier", "governor", "GOV"),
    (r"deputy|first minister|minister|secretary", "minister", "GOV"),
]


def title_role(title: str, field: str) -> tuple[str, str]:
    t = title.lower()
    t = re.sub(r"\b(acting|interim|transitional|executive|provisional|caretaker|de facto|federal)\b", "", t)
    if "crown prince" in t or "heir" in t:
        return "crown prince", "ELI"
    for pat, role, sector in TITLE_ROLE:
        if re.search(rf"\b(?:{pat})\b", t):
            if role == "president" and "council of ministers" in t:
                return "prime minister", sector
            return role, sector
    return ("head of state" if "chief of state" in field else "head of government"), "GOV"


def split_title_name(chunk: str) -> tuple[str, str] | None:
    """'note - ... Prime Minister Olaf SCHOLZ' -> ('Prime Minister', 'Olaf SCHOLZ')."""
    chunk = re.split(r"[;:()]|\bnote\b|\band\b(?=\s+[A-Z][a-z])", chunk)[-1]
    chunk = re.sub(r"\s+", " ", chunk).strip(" ,.-–")
    toks = chunk.split(" ")
    # the name: trailing run of capitalised tokens / particles containing an ALL-CAPS word
    i = len(toks)
    while i > 0 and NAME_TOKEN.match(toks[i - 1]) and (
            toks[i - 1][:1].isupper() or toks[i - 1].lower() in PARTICLES
            or toks[i - 1].lower().startswith(("al-", "el-", "bin-"))):
        i -= 1
    name_toks = toks[i:]
    # the title words are capitalised too ("Prime Minister"): keep from the first token that
    # is all caps minus one given name (Olaf SCHOLZ), or the run of given names before it
    caps = [k for k, t in enumerate(name_toks) if re.sub(r"[^A-Za-z]", "", t).isupper()
            and len(re.sub(r"[^A-Za-z]", "", t)) >= 2]
    if not caps:
        return None
    first_cap = caps[0]
    j = first_cap
    while j > 0 and name_toks[j - 1][:1].isupper() and not re.search(
            r"^(President|Minister|Prime|Chancellor|King|Queen|Emir|Amir|Sultan|Governor|General|"
            r"Premier|Vice|Deputy|Supreme|Leader|Prince|Crown|Chairman|Chief|Head|Secretary|"
            r"Captain|Captains|Regent|Grand|Duke|Emperor|Pope|Administrator|Sheikh|Shaykh|"
            r"State|Council|Federal|Acting|Interim|Transitional|Executive|Commissioner|High|"
            r"Lieutenant|Field|Marshal|Colonel|Major|Brigadier|First|Presidential|Counsellor|"
            r"Co-Prince|Mayor|Monarch|Taoiseach|Dr\.|Gen\.|Lt\.|Col\.)$", name_toks[j - 1]):
        j -= 1
    while j > 0 and name_toks[j - 1].lower() in PARTICLES:
        j -= 1
    name = " ".join(name_toks[j:])
    title = " ".join(toks[:i] + name_toks[:j])
    if len(name.split()) < 1 or len(name) < 4:
        return None
    return title.strip(), name


def factbook_people(world: World, rows: list[dict], iso_of) -> None:
    """Chiefs of state and heads of government with 'since' dates; the end of a term is the
    start of the next holder of the same role (else the last snapshot that named them)."""
    per_field: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for r in rows:
        f = r["field"]
        if not (f.endswith("chief of state") or f.endswith("head of government")
                or f.endswith("head of state") or f.endswith("state counsellor")):
            continue
        iso = iso_of(r)
        if iso is None:
            continue
        text = r["text"].split("note -")[0] if "note -" in r["text"] else r["text"]
        for m in SINCE_RE.finditer(text):
            since = parse_day(m.group(1))
            before = text[:m.start()]
            tn = split_title_name(before)
            if tn is None:
                continue
            title, raw = tn
            name = nice_name(raw)
            role, sector = title_role(title, f)
            key = (person_key(name), since)
            d = per_field[(iso, role)].setdefault(key, {"name": name, "since": since, "first": r["first_seen"],
                                                         "last": r["last_seen"], "title": title,
                                                         "sector": sector,
                                                         "rep": "represented by" in text[:m.start()][-80:]})
            d["first"] = min(d["first"], r["first_seen"])
            d["last"] = max(d["last"], r["last_seen"])
            if since and (d["since"] is None or since < d["since"]):
                d["since"] = since
    for (iso, role), people in sorted(per_field.items()):
        ordered = sorted(people.values(), key=lambda d: (d["since"] or d["first"]))
        for k, d in enumerate(ordered):
            start = d["since"] or d["first"]
            end = None
            if d["last"] < FB_LAST:
                nxt = [o for o in ordered[k + 1:] if (o["since"] or o["first"]) > start]
                end = (nxt[0]["since"] or nxt[0]["first"]) if nxt else d["last"]
            rec = world.person(d["name"], "factbook", iso)
            if rec is None:
                continue
            world.add_role(rec, {"role": role, "org": iso, "country": iso, "start": start,
                                 "end": end, "sector": d["sector"], "src": "factbook"})
            world.counts["factbook people roles"] += 1


PARTY_SPLIT = re.compile(r"\n|\s\+\+\s|\+\+")
LEADER_RE = re.compile(r"\[([^\]]*)\]")
GENERIC_PARTY = {"people's party", "national party", "democratic party", "liberal party",
                 "conservative party", "labour party", "labor party", "socialist party",
                 "communist party", "green party", "greens", "the greens", "social democratic party",
                 "republican party", "national front", "popular party", "progressive party",
                 "united party", "independent", "independents", "national democratic party",
                 "workers' party", "workers party", "people's democratic party", "christian democrats",
                 "democrats", "liberals", "the left", "left party", "centre party", "center party",
                 "reform party", "unity party", "justice party", "freedom party", "alliance",
                 "national alliance", "democratic alliance", "national union", "patriotic front",
                 "popular front", "national liberation front", "labour", "labor", "other", "others"}


def party_names(entry: str) -> tuple[list[str], list[str]]:
    """'Christian Democratic Union or CDU' -> (['Christian Democratic Union', 'CDU'], [])
    'Justice and Development Party (Adalet ve Kalkinma Partisi) or AKP' -> names + native."""
    e = re.sub(r"\s+", " ", entry).strip(" ;,.")
    e = re.sub(r"\((?:formerly|includes|also|coalition|note|alliance|registered)[^)]*\)", "", e)
    names = []
    for part in re.split(r"\s+or\s+|\s*/\s*(?=[A-Z]{2,})", e):
        part = part.strip(" ,;")
        m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", part)
        if m:
            names.append(m.group(1).strip())
            inner = m.group(2).strip()
            if inner[:1].isupper() and "," not in inner and len(inner.split()) <= 8 and not re.search(
                    r"\d|\b(?:alliance of|electoral|coalition|includes|formerly|led by)\b", inner, re.I):
                names.extend(x.strip() for x in re.split(r"\s+or\s+", inner))
        else:
            names.append(part)
    names = [n for n in names if 2 <= len(n) <= 90 and not re.search(
        r"\b(?:coalition of|parties|including|led by|since|elected|seats)\b", n, re.I)]
    acr = [n for n in names if re.fullmatch(r"[A-Z][A-Za-z0-9\-&'.]{1,9}", n) and sum(
        ch.isupper() for ch in n) >= 2]
    return names, acr


def factbook_parties(world: World, rows: list[dict], iso_of) -> None:
    seen_in: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        f = r["field"]
        if not f.startswith("Government > Political parties"):
            continue
        iso = iso_of(r)
        if iso is None:
            continue
        for entry in PARTY_SPLIT.split(r["text"]):
            leaders = LEADER_RE.findall(entry)
            body = LEADER_RE.sub("", entry).strip()
            if not body or body.lower().startswith(("note", "other", "none")) or len(body) > 200:
                continue
            names, acr = party_names(body)
            if not names:
                continue
            main = names[0]
            pid = f"PTY:{iso.lower()}-{slug(acr[0] if acr else main)[:40]}"
            if held_out(pid, world.holdout):
                world.heldout.append({"id": pid, "name": main, "country": iso, "sector": "PTY",
                                      "type": "party", "names": names})
                continue
            rec = world.record(pid, main, "party", iso, "PTY", "factbook")
            for n in names:
                generic = n.lower() in GENERIC_PARTY
                world.add_name(rec, n, ctx=n in acr or generic)
                seen_in[n.lower()].add(iso)
            world.counts["factbook party wordings"] += 1
            for lead in leaders:
                for person in re.split(r",\s*|\s+and\s+", lead):
                    person = re.sub(r"\s*-\s*.*$", "", person).strip()
                    person = re.sub(r"^(?:interim|acting|co-?chairs?|chairman|leader|president)\s+", "",
                                    person, flags=re.I)
                    if not re.search(r"[A-Z]{2,}", person):
                        continue
                    prec = world.person(nice_name(person), "factbook", iso)
                    if prec is None:
                        continue
                    world.add_role(prec, {"role": "party leader", "org": pid, "country": iso,
                                          "start": r["first_seen"],
                                          "end": None if r["last_seen"] >= FB_LAST else r["last_seen"],
                                          "sector": "PTY", "src": "factbook"})
    for rid, rec in world.recs.items():  # a wording used for parties of several countries
        if rec["type"] == "party":
            for n in rec["en"]:
                if len(seen_in.get(n.lower(), ())) > 1:
                    world.ctx_alias[rid].add(n)


FORCE_SPLIT = re.compile(r";|\n|:\s")


def factbook_forces(world: World, rows: list[dict], iso_of) -> None:
    """Military, police and intelligence bodies by name -> aliases of the derived actors
    ISOMIL / ISOCOP / ISOSPY; legislatures and courts -> ISOLEG / ISOJUD."""
    for r in rows:
        f = r["field"]
        iso = iso_of(r)
        if iso is None:
            continue
        text = re.sub(r"\(\d{4}\)", "", r["text"])
        if f in ("Military and Security > Military and security forces",
                 "Military and Security > Military branches"):
            for piece in re.split(r";|\n|:|,(?![^()]*\))", text.replace("Ministry of Interior:", ";")):
                piece = piece.strip(" .,")
                if not piece or piece.lower().startswith(("note", "includes", "the ")) and len(piece) > 60:
                    continue
                names = [re.sub(r"\(.*", "", piece).strip()]
                names += [x.strip() for x in re.findall(r"\(([^()]*)\)", piece)
                          for x in re.split(r",\s*|\s+or\s+", x)]
                low = piece.lower()
                for n in names:
                    n = re.sub(r"^(?:and|the|Ministry of [A-Z][\w ]+?:)\s+", "", n).strip(" .,")
                    if not n or len(n) < 3 or len(n) > 80 or re.search(r"\d|\bincludes?\b|\bnote\b", n):
                        continue
                    if not n[:1].isupper():
                        continue
                    if re.search(r"intelligence|security service|state security|\bspy\b|"
                                 r"counterintelligence|\bkgb\b|\bfsb\b|\bsvr\b", low):
                        sector = "SPY"
                    elif re.search(r"police|gendarm|guard|carabinier|constabulary|interior|"
                                   r"border|coast guard|militia|internal troops|rosgvardiya", low):
                        sector = "COP"
                    else:
                        sector = "MIL"
                    world.derived_alias[iso + sector].add(n)
                    world.counts["factbook force names"] += 1
        elif f.endswith("legislature name") or f.endswith("chamber name"):
            for n in re.split(r"\s+or\s+|\(|\)|;", text):
                n = n.strip(" .,")
                if 3 <= len(n) <= 80 and n[:1].isupper() and not re.search(r"\d|note", n):
                    world.derived_alias[iso + "LEG"].add(n)
                    world.counts["factbook legislature names"] += 1
        elif "highest court" in f or "highest resident court" in f:
            for piece in text.split(";"):
                n = re.split(r"\(", piece)[0].strip(" .,")
                for x in re.split(r"\s+or\s+", n):
                    x = x.strip()
                    if 4 <= len(x) <= 80 and x[:1].isupper() and re.search(
                            r"court|tribunal|council|judiciary|cassation", x, re.I):
                        world.derived_alias[iso + "JUD"].add(x)
                        world.counts["factbook court names"] += 1


def factbook_groups(world: World, rows: list[dict], iso_of) -> None:
    """Terrorist groups: a group named for one country only gets that country, else none."""
    where: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[str]] = {}
    for r in rows:
        if not r["field"].startswith("Terrorism"):
            continue
        iso = iso_of(r)
        text = r["text"].split("note:")[0]
        text = re.sub(r"\(\d{4}\)", "", text)
        for piece in re.split(r";|\n", text):
            piece = piece.strip(" .,")
            if not piece or len(piece) > 120:
                continue
            main = re.sub(r"\s*\(.*?\)\s*", " ", piece).strip()
            main = re.sub(r"\s*[–-]\s*[A-Z][\w\s]*$", "", main) if "–" in main else main
            if len(main) < 3:
                continue
            alts = [x.strip() for x in re.findall(r"\(([^()]*)\)", piece)
                    for x in re.split(r"/|,\s*", x)]
            key = slug(main)
            names.setdefault(key, [main])
            for a in [main] + alts:
                if a and a not in names[key] and len(a) >= 2:
                    names[key].append(a)
            if iso:
                where[key].add(iso)
    for key, ns in sorted(names.items()):
        gid = f"GRP:{key[:50]}"
        isos = where.get(key, set())
        country = next(iter(isos)) if len(isos) == 1 else None
        if held_out(gid, world.holdout):
            world.heldout.append({"id": gid, "name": ns[0], "country": country, "sector": "REB",
                                  "type": "group", "names": ns})
            continue
        rec = world.record(gid, ns[0], "group", country, "REB", "factbook")
        for n in ns:
            world.add_name(rec, n, ctx=bool(re.fullmatch(r"[A-Z]{2,4}", n)))
        world.counts["factbook terrorist groups"] += 1


def factbook_names(world: World, rows: list[dict], iso_of) -> None:
    """Country name forms (conventional/local long and short, former, abbreviation)."""
    for r in rows:
        f = r["field"]
        if not f.startswith("Government > Country name >"):
            continue
        kind = f.rsplit(">", 1)[1].strip().lower()
        if kind not in ("conventional long form", "conventional short form", "local long form",
                        "local short form", "former", "abbreviation"):
            continue
        iso = iso_of(r)
        if iso is None:
            continue
        for n in re.split(r";|,\s+(?=[A-Z])|\s+or\s+", r["text"]):
            n = re.sub(r"\(.*?\)", "", n).strip(" .,")
            if not n or n.lower() == "none" or len(n) < 3 or len(n) > 80 or re.search(r"\d", n) \
                    or not n[:1].isupper() or "formerly" in n or "disputed" in n:
                continue
            if kind == "abbreviation" and not re.fullmatch(r"[A-Z][A-Z.]{1,7}", n):
                continue
            world.state_alias[iso].add(n)
            world.counts["factbook country names"] += 1


# ----------------------------------------------------------------------------- other sources
def partyfacts(world: World, path: Path, states: set[str]) -> None:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_acr: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.get("technical") or r["country"] not in states:
            continue
        en = (r.get("name_english") or "").split(" / ")[0].strip()
        native = (r.get("name") or "").split(" / ")[0].strip()
        short = (r.get("name_short") or "").split("/")[0].strip()
        main = en or native
        if not main:
            continue
        iso = r["country"]
        # one actor with the Factbook party of the same acronym or name, else a new one
        pid = None
        for cand in (short, main):
            if not cand:
                continue
            for rid in (f"PTY:{iso.lower()}-{slug(cand)[:40]}",):
                if rid in world.recs:
                    pid = rid
                    break
            if pid:
                break
        pid = pid or f"PTY:{iso.lower()}-{slug(short or main)[:40]}"
        if pid in world.recs and world.recs[pid]["type"] != "party":
            continue
        if held_out(pid, world.holdout):
            world.heldout.append({"id": pid, "name": main, "country": iso, "sector": "PTY",
                                  "type": "party", "names": [main, native, short]})
            continue
        rec = world.record(pid, main, "party", iso, "PTY", "partyfacts")
        ended = r.get("year_last") or ""
        if ended and not rec.get("until"):
            rec["until"] = ended
        for n in (main, native):
            if n:
                world.add_name(rec, n, ctx=n.lower() in GENERIC_PARTY)
        if short and re.fullmatch(r"[A-Za-z0-9\-&'.]{2,10}", short) and sum(ch.isupper() for ch in short) >= 2:
            world.add_name(rec, short, ctx=True)
            by_acr[short].add(iso)
        world.counts["partyfacts parties"] += 1


def us_sources(world: World, exe: Path, leg: Path) -> None:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path, src in ((exe, "us-executive"), (leg, "us-legislators")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for p in data:
            nm = p["name"]
            full = nm.get("official_full") or f"{nm.get('first', '')} {nm.get('last', '')}".strip()
            terms = p.get("terms") or []
            if not terms:
                continue
            if src == "us-executive" and terms[-1]["end"] < "1945":
                continue  # presidents before 1945 are history, not news actors
            rec = world.person(full, src, "USA")
            if rec is None:
                continue
            if not rec.get("heldout"):
                short = f"{nm.get('first', '')} {nm.get('last', '')}".strip()
                if nm.get("nickname"):
                    world.add_name(rec, f"{nm['nickname']} {nm.get('last', '')}")
                world.add_name(rec, short)
            for t in terms:
                role = {"prez": "president", "viceprez": "vice president", "sen": "senator",
                        "rep": "representative"}.get(t["type"], t["type"])
                sector = "LEG" if role in ("senator", "representative") else "GOV"
                world.add_role(rec, {"role": role, "org": "USA", "country": "USA",
                                     "start": t["start"], "end": t["end"], "sector": sector,
                                     "party": t.get("party"), "src": src})
                world.counts[f"{src} terms"] += 1


DERIVED_SECTORS = ("GOV", "MIL", "LEG", "COP", "SPY", "JUD")
PREFIX_SECTOR = {"MNC": "BUS", "NGO": "NGO", "IMG": "REB", "UAF": "UAF", "IGO": "IGO"}
TITLE_WORDS = re.compile(
    r"\b(?:president|prime|minister|chancellor|kanzler|bundeskanzler|king|queen|general|gen|"
    r"mr|mrs|ms|dr|sheikh|shaykh|premier|vice|secretary|senator|sen|rep|governor|ambassador|"
    r"leader|spokesman|spokeswoman|chairman|chief|commander|colonel|col|lt|foreign|defense|"
    r"defence|interior|finance|mayor|prince|princess|emir|sultan|pope|cardinal|archbishop|"
    r"bishop|ayatollah|mullah|imam|rabbi|judge|justice|former|deputy|acting|german|french|"
    r"british|american|russian|chinese|us|u\.s\.|un|u\.n\.)\b", re.I)


GEO_WORDS = re.compile(r"\b(?:sea|ocean|river|lake|gulf|mountains?|island|islands|strait|bay|"
                       r"province|region|city|desert|valley)\b", re.I)


def fix_particles(name: str) -> str:
    """'Ursula Von Der Leyen' -> 'Ursula von der Leyen' (Phoenix capitalises every word)."""
    toks = name.split()
    return " ".join(t.lower() if 0 < i < len(toks) - 1 and t.lower() in PARTICLES - {"e", "y", "abu", "ben"}
                    else t for i, t in enumerate(toks))


def phoenix(world: World, paths: list[Path], states: set[str]) -> None:
    """People with dated CAMEO codes, organisations and units, IGOs and armed groups."""
    from multivector.actors.phoenix import parse
    from multivector.actors.sectors import from_cameo

    for path in paths:
        entries, _ = parse(path)
        src = "phoenix:" + path.name.split(".")[1].lower()
        for e in entries:
            codes = [c for c in e.codes if c["code"] not in ("---", "+++") and not c["code"].startswith("~")]
            if not codes or any(c["code"].startswith("~") for c in e.codes):
                continue
            dated = any(c["start"] or c["end"] for c in codes)
            person = "CountryInfo" in e.comment or "rulers" in e.comment.lower() or (
                dated and len(e.name.split()) >= 2) or any(c["code"].endswith("ELI") for c in codes)
            main = next((c for c in codes if not c["start"] and not c["end"]), codes[-1])
            code = main["code"].split("/")[0]
            iso = code[:3] if code[:3] in states else None
            sector = from_cameo(code)
            if code[:3] in PREFIX_SECTOR:  # MNCUSA, NGOEEU, IMGMOS ...
                sector = PREFIX_SECTOR[code[:3]]
                iso = code[3:6] if code[3:6] in states else None
            e.name = fix_particles(e.name)
            e.aliases = [fix_particles(a) for a in e.aliases]
            if person:
                rec = world.person(e.name, src, iso)
                if rec is None:
                    continue
                if not rec.get("heldout"):
                    for a in e.aliases:
                        if len(a.split()) >= 2 and not TITLE_WORDS.search(a):
                            world.add_name(rec, a)
                for c in codes:
                    cc = c["code"].split("/")[0]
                    ciso = cc[:3] if cc[:3] in states else None
                    world.add_role(rec, {"role": "cameo " + cc, "org": ciso or cc[:3],
                                         "country": ciso, "start": c["start"], "end": c["end"],
                                         "sector": from_cameo(cc) or ("ELI" if cc == "ELI" else None),
                                         "cameo": cc, "src": src})
                world.counts[f"{src} people"] += 1
                continue
            if iso and code[3:] == "":  # a state entry: its synonyms are places and names
                for n in [e.name] + e.aliases:
                    if len(n) >= 4 and not n.isupper() and n[:1].isupper():
                        world.state_alias[iso].add(n)
                continue
            unit = next((x for x in ("LEG", "JUD", "SPY", "COP", "MIL") if x in
                         [code[i:i + 3] for i in range(3, len(code), 3)]), None)
            if iso and (unit or code[3:] == "GOV"):
                for n in [e.name] + e.aliases:
                    if len(n) >= 3:
                        world.derived_alias[iso + (unit or "GOV")].add(n)
                world.counts[f"{src} units"] += 1
                continue
            aid = f"PHX:{slug(e.name)[:50]}"
            if held_out(aid, world.holdout):
                world.heldout.append({"id": aid, "name": e.name, "country": iso, "sector": sector,
                                      "type": "group", "names": [e.name] + e.aliases, "cameo": code})
                continue
            typ = "igo" if code.startswith("IGO") else "group"
            rec = world.record(aid, e.name, typ, iso, sector, src)
            rec["cameo"] = code
            for n in [e.name] + e.aliases:
                world.add_name(rec, n, ctx=bool(re.fullmatch(r"[A-Z]{2,3}", n)))
            world.counts[f"{src} organisations"] += 1


def plover_agents(path: Path) -> list[tuple[str, str]]:
    """Agent nouns -> PLOVER sector (macros expanded, first code of a composite)."""
    macros: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.*)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.*?)\s*\[~(\w+)\]", line)
        if not m:
            continue
        phrase = re.sub(r"\{[^}]*\}", "", m.group(1)).strip()
        code = m.group(2)[:3]
        forms = [phrase]
        for mac, words in macros.items():
            if mac in phrase:
                forms = [phrase.replace(mac, w) for w in words]
        for f in forms:
            f = f.replace("_", " ").strip().lower()
            if f and len(f) >= 3 and not f.startswith(("pro-", "anti-")):
                out.append((f, code))
    return out


# ----------------------------------------------------------------------------- main
def build_world(out: Path, holdout: tuple[int, int] | None) -> int:
    from multivector.actors.kb import build_kb

    curated = build_kb(world=False)
    states = {a.id for a in curated.actors.values() if a.type == "state"}
    world = World(curated, holdout)

    fb_path = SHARED / "kb-sources" / "factbook_history.jsonl"
    rows = [json.loads(line) for line in fb_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    file_iso: dict[str, Counter] = defaultdict(Counter)
    manual = {"Burma": "MMR", "Cabo Verde": "CPV", "Congo (Brazzaville)": "COG", "DRC": "COD",
              "Czechia": "CZE", "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV", "Macedonia": "MKD",
              "The Bahamas": "BHS", "The Gambia": "GMB", "The Dominican": "DOM",
              "Holy See (Vatican City)": "VAT", "Swaziland": "SWZ", "Gaza Strip": "PSE",
              "Gaza, Gaza Strip": "PSE", "West Bank": "PSE", "Timor-Leste": "TLS",
              "Brunei": "BRN", "Laos": "LAO", "Micronesia, Federated States of": "FSM",
              "Turkey": "TUR", "Kosovo": "XKX", "Taiwan": "TWN"}
    name_iso = dict(manual)
    for a in curated.actors.values():
        if a.type == "state":
            for n in [a.name] + a.aliases.get("en", []):
                name_iso.setdefault(n, a.id)
    for r in rows:
        iso = name_iso.get(r["country"])
        if iso:
            file_iso[r["file"]][iso] += 1

    def iso_of(r: dict) -> str | None:
        iso = name_iso.get(r["country"])
        if iso is None and file_iso.get(r["file"]):
            iso = file_iso[r["file"]].most_common(1)[0][0]
        return iso if iso in states else None

    factbook_people(world, rows, iso_of)
    factbook_parties(world, rows, iso_of)
    factbook_forces(world, rows, iso_of)
    factbook_groups(world, rows, iso_of)
    factbook_names(world, rows, iso_of)
    partyfacts(world, SHARED / "kb-sources" / "partyfacts-core-parties.csv", states)
    us_sources(world, SHARED / "kb-sources" / "us-executive.yaml",
               SHARED / "kb-sources" / "us-legislators-current.yaml")
    ea = SHARED / "eval" / "actors"
    phoenix(world, [ea / "Phoenix.Countries.actors.txt", ea / "Phoenix.International.actors.txt",
                    ea / "Phoenix.MilNonState.actors.txt"], states)
    agents = plover_agents(ea / "PLOVER_agents.txt")

    # ---- finish records: curated names win, ambiguous names need context
    curated_keys = {}
    for lang_idx in curated.index.get("en", {}).items():
        key, entries = lang_idx
        curated_keys[key] = {e.actor_id for e in entries}
    from multivector.actors.kb import norm

    owners: dict[str, set[str]] = defaultdict(set)
    for rid, rec in world.recs.items():
        for n in rec["en"]:
            owners[norm(n)].add(rec.get("country") or rid)
    records = []
    for rid in sorted(world.recs):
        rec = world.recs[rid]
        keep = []
        for n in rec["en"]:
            k = norm(n)
            cur = curated_keys.get(k)
            if cur and rid not in cur:
                continue  # a curated actor owns this name
            keep.append(n)
        if not keep and rid not in curated.actors:
            continue
        ctx = sorted(n for n in keep if n in world.ctx_alias.get(rid, ())
                     or len(owners[norm(n)]) > 1)
        out_rec = {k: v for k, v in rec.items() if v not in (None, [], "")}
        out_rec["en"] = keep
        if ctx:
            out_rec["ctx"] = ctx
        if rec["type"] == "person":
            for n in list(keep):
                for v in name_variants(n):
                    if v not in keep and norm(v) not in curated_keys:
                        keep.append(v)
        if out_rec.get("roles"):
            out_rec["roles"] = merge_roles(out_rec["roles"])
            out_rec["roles"] = sorted(out_rec["roles"], key=lambda r: (
                r.get("start") or "", r.get("end") or "9", r["role"], r.get("org") or ""))
        if rec["type"] == "person":
            out_rec["country"] = home_country(rec)
        records.append(out_rec)
    shared_units: dict[str, set[str]] = defaultdict(set)
    for did, ns in world.derived_alias.items():
        for n in ns:
            shared_units[norm(n)].add(did[:3])
    place_owner: dict[str, set[str]] = defaultdict(set)
    for iso, ns in world.state_alias.items():
        for n in ns:
            place_owner[norm(n)].add(iso)
    extras = {"states": {k: sorted(n for n in v if len(place_owner[norm(n)]) == 1 and usable_alias(n)
                                   and norm(n) not in PLACE_STOP and n.lower() not in COMMON_WORDS)
                         for k, v in sorted(world.state_alias.items())},
              "derived": {k: sorted(n for n in v if usable_alias(n) and not TITLE_WORDS.search(n)
                                    and not GEO_WORDS.search(n))
                          for k, v in sorted(world.derived_alias.items())},
              "derived_ctx": sorted({n for n, isos in shared_units.items() if len(isos) > 1}
                                    | {norm(n) for v in world.derived_alias.values() for n in v
                                       if " " not in n and n.lower() in COMMON_WORDS})}
    payload = {"version": 1, "built_from": sorted(
        ["factbook_history.jsonl", "partyfacts-core-parties.csv", "us-executive.yaml",
         "us-legislators-current.yaml", "Phoenix.Countries.actors.txt",
         "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
         "PLOVER_agents.txt"]),
        "holdout": list(holdout) if holdout else None,
        "counts": dict(sorted(world.counts.items())),
        "actors": records, "names": extras,
        "agents": sorted(set(agents))}
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(raw)
    out.write_bytes(buf.getvalue())
    print(f"{len(records)} world actors, {sum(len(v) for v in extras['derived'].values())} "
          f"unit/body names, {len(agents)} agent nouns -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    for k, v in sorted(world.counts.items()):
        print(f"  {k}: {v}")
    if holdout:
        ho = out.with_suffix("").with_suffix(".heldout.jsonl")
        ho.write_text("".join(json.dumps(h, ensure_ascii=False, sort_keys=True) + "\n"
                              for h in world.heldout), encoding="utf-8")
        print(f"{len(world.heldout)} held-out items -> {ho}")
    return 0


ARABIC_GIVEN = [("Muhammad", "Mohammed"), ("Muhammad", "Mohammad"), ("Mohammed", "Muhammad"),
                ("Mohamed", "Mohammed"), ("Abd al-", "Abdul "), ("Abdallah", "Abdullah")]


def name_variants(name: str) -> list[str]:
    """'Muhammad bin Salman bin Abd al-Aziz Al Saud' -> 'Muhammad bin Salman',
    'Mohammed bin Salman'; transliteration variants of common Arabic given names."""
    out = []
    toks = name.split()
    if "bin" in toks[1:-1]:
        i = toks.index("bin")
        out.append(" ".join(toks[: i + 2]))
    for a, b in ARABIC_GIVEN:
        for n in [name] + out:
            if n.startswith(a):
                out.append(b + n[len(a):])
    return [o for o in dict.fromkeys(out) if o != name and len(o.split()) >= 2]


def merge_roles(roles: list[dict]) -> list[dict]:
    """Party-leader roles seen in several snapshots become one role (first..last seen)."""
    out: list[dict] = []
    merged: dict[tuple, dict] = {}
    for r in roles:
        if r["role"] != "party leader":
            out.append(r)
            continue
        k = (r["role"], r.get("org"), r.get("src"))
        m = merged.get(k)
        if m is None:
            merged[k] = dict(r)
            out.append(merged[k])
            continue
        m["start"] = min(m["start"] or "", r["start"] or "") or None
        m["end"] = None if m["end"] is None or r["end"] is None else max(m["end"], r["end"])
    return out


def home_country(rec: dict) -> str | None:
    """A person's country: of their latest government/legislative role, else the most frequent."""
    roles = [r for r in rec.get("roles", []) if r.get("country")]
    if not roles:
        return rec.get("country")
    c = Counter(r["country"] for r in roles)
    return c.most_common(1)[0][0] if len(c) > 1 and c.most_common(1)[0][1] > 1 else (
        max(roles, key=lambda r: r.get("start") or "")["country"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--world-only", action="store_true", help="Skip states.json.")
    ap.add_argument("--states-only", action="store_true", help="Only states.json.")
    ap.add_argument("--holdout", help="K/N: leave fold K of N out (evaluation builds).")
    ap.add_argument("-o", "--output", type=Path, default=DATA / "world.json.gz")
    args = ap.parse_args()
    if not args.world_only:
        rc = build_states()
        if rc or args.states_only:
            return rc
    if not (SHARED / "kb-sources").is_dir():
        print(f"{SHARED / 'kb-sources'} not found: world.json.gz not rebuilt", file=sys.stderr)
        return 1
    holdout = tuple(int(x) for x in args.holdout.split("/")) if args.holdout else None
    _ = _date  # (kept for date helpers in future sources)
    return build_world(args.output, holdout)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
