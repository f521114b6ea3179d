"""The actor knowledge base: packaged data files plus user overlays, compiled into lookup tables.

Why a compiled form: every worker and every test loads the knowledge base, so loading must stay
well under a second. The YAML/JSON/TSV files are parsed once and the result (actors and alias
indexes) is pickled into a cache file keyed by the files' contents; later loads unpickle it.

Id scheme (documented in docs/actors.md):
    UZB               a state (ISO 3166 alpha-3)
    UZBGOV, UZBMIL,   its government, armed forces, legislature (derived for every state)
    UZBLEG
    IGO:CSTO          intergovernmental organisations
    REG:central-asia  regions and groupings (not states)
    MED:tass, ORG:carnegie, BUS:gazprom, GRP:taliban   outlets, think tanks/NGOs, companies, groups
    PER:sergey-lavrov people; discovered people get the same slug scheme with discovered=True
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..doc import Actor
from ..lang import kb_name_languages
from .sectors import canonical, composite

DATA = Path(__file__).resolve().parent / "data"
PACKAGED = ["states.json", "state_extras.yaml", "igos.yaml", "regions.yaml", "orgs.yaml",
            "people.yaml", "world_curated.yaml", "agents.tsv", "context_names.yaml",
            "ethnic_groups.yaml", "world_aliases.yaml", "places.yaml", "world.json.gz"]
WORLD = "world.json.gz"  # built by scripts/build_actor_kb.py from ../shared sources
CACHE_VERSION = "7"
LANGS = kb_name_languages()  # multivector/lang/languages.yaml, kb_names: true
DERIVED = {  # suffix -> (type, sector, English name template)
    "GOV": ("government", "GOV", "Government of {}"),
    "MIL": ("military", "MIL", "Armed forces of {}"),
    "LEG": ("legislature", "LEG", "Parliament of {}"),
    "COP": ("government", "COP", "Security forces of {}"),
    "SPY": ("government", "SPY", "Intelligence services of {}"),
    "JUD": ("judiciary", "JUD", "Judiciary of {}"),
}
THE_NAMES = {"United States", "United Kingdom", "Netherlands", "Philippines", "Bahamas",
             "Gambia", "Czech Republic", "Dominican Republic", "Central African Republic",
             "United Arab Emirates", "Maldives", "Comoros", "Marshall Islands", "Solomon Islands",
             "Holy See", "Republic of the Congo", "Seychelles"}
TYPES = {"state", "government", "military", "legislature", "igo", "ngo", "think-tank", "media",
         "company", "person", "group", "region", "party", "judiciary"}
_SECTOR_RANK = {"GOV": 0, "MIL": 1, "JUD": 2, "SPY": 3, "COP": 4, "LEG": 5, "PTY": 6}
CONTEXT = "context"  # Entry.kind of an alias that links only when the document supports its country


class KBError(ValueError):
    """A knowledge-base or overlay file that cannot be read (names the file and the reason)."""


_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-",
                       "«": "", "»": "", "“": "", "”": "", '"': ""})


@lru_cache(maxsize=400_000)
def norm(text: str) -> str:
    """Normalised alias key: NFKC, unified apostrophes and dashes, lower case, single spaces,
    no leading article. Used for every dictionary lookup so spellings meet in one key."""
    t = unicodedata.normalize("NFKC", text).translate(_APOS).lower()
    t = re.sub(r"\s+", " ", t).strip(" .,;:")
    if t.startswith("the "):
        t = t[4:]
    return t


def fold(text: str) -> str:
    """``norm`` without diacritics (Erdoğan = Erdogan) for fuzzy and fallback lookups."""
    t = norm(text)
    if t.isascii():
        return t
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.combining(c)).replace("ı", "i")


def slug(name: str) -> str:
    """Deterministic ASCII slug for ids: 'Rafael Sattarov' -> 'rafael-sattarov'."""
    t = fold(name)
    t = re.sub(r"[^a-z0-9а-яё一-鿿]+", "-", t).strip("-")
    return t or "unnamed"


def parse_date(value) -> str | None:
    """'2019-03-20', '2019-03', '2019', date objects or '-'/None -> ISO prefix string or None."""
    if value is None:
        return None
    v = str(value).strip()
    if v in ("", "-", "None", "null"):
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
        raise ValueError(f"bad date {v!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    return v


def any_date(value) -> str | None:
    """A date in any common form ('2018-01-01', '1 January 2018', 'Jan 1, 2018', '01/06/2022'
    read day first) -> 'YYYY-MM-DD' (or the ISO prefix given); ValueError if unreadable."""
    if value is None or str(value).strip() in ("", "-"):
        return None
    v = str(value).strip()
    try:
        return parse_date(v)
    except ValueError:
        pass
    import dateparser

    d = dateparser.parse(v, languages=["en", "ru", "de", "fr", "es"],
                         settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                   "REQUIRE_PARTS": ["year"]})
    if d is None:
        raise ValueError(f"bad date {v!r} (want e.g. 2018-01-01 or 1 January 2018)")
    return d.date().isoformat()


def date_in(date: str, start: str | None, end: str | None) -> bool:
    """Is ISO ``date`` within [start, end]? Partial dates compare by their precision:
    a term ending '2022-04' includes every day of April 2022."""
    if start and date[: len(start)] < start:
        return False
    if end and date[: len(end)] > end:
        return False
    return True


@dataclass
class Entry:
    """One alias of one actor in one language."""

    actor_id: str
    kind: str  # name, capital, metonym, demonym
    lang: str


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    # lang -> normalised alias -> entries
    index: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    folded: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # norm(demonym) -> ISO3 (en)
    demonyms_ru: dict[str, str] = field(default_factory=dict)  # lemma -> ISO3
    agents: dict[str, str] = field(default_factory=dict)  # norm(noun phrase) -> sector
    surnames: dict[str, list[str]] = field(default_factory=dict)  # norm(surname) -> person ids
    sources: list[str] = field(default_factory=list)
    actor_sources: dict[str, list[str]] = field(default_factory=dict)  # world id -> sources
    # names that need the document's support (party acronyms, names several countries use):
    # folded key -> entries; kept out of ``index`` so they never link on their own
    context: dict[str, list[Entry]] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # folded sub-national place -> ISO3
    # folded context name -> the actor it links to when the document supports no candidate
    context_defaults: dict[str, str] = field(default_factory=dict)
    world_counts: dict[str, int] = field(default_factory=dict)

    # ------------------------------------------------------------------ queries
    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id is not None else None

    def __len__(self) -> int:
        return len(self.actors)

    def lookup(self, alias: str, lang: str = "en") -> list[Entry]:
        """Exact (normalised) alias lookup in one language, then diacritics-folded."""
        key = norm(alias)
        hits = self.index.get(lang, {}).get(key)
        if hits:
            return hits
        fk = fold(alias)
        hits = self.folded.get(lang, {}).get(fk) or self.index.get(lang, {}).get(fk, [])
        if not hits and "-" in key:
            # "Jean-Bertrand Aristide", "Omar al-Bashir": sources spell a name's hyphens as
            # spaces ("Jean Bertrand Aristide", "Umar al Bashir"), the text keeps them
            spaced = re.sub(r"(?<=\w)-(?=\w)", " ", alias)
            if spaced != alias:
                return self.lookup(spaced, lang)
        return hits

    def role_on(self, actor: Actor, date: str | None) -> tuple[str | None, str | None, dict | None]:
        """(country, sector, role) of an actor on a date. For people the role held that day
        decides ("Olaf Scholz" on 2022-06-01 = DEU GOV, chancellor); after their last dated role
        ended they are elites (ELI, "former"); without a date or roles, the actor's own fields."""
        if actor.type != "person" or not actor.roles:
            return actor.country, actor.sector, None
        dated = [r for r in actor.roles if r.get("start") or r.get("end")]
        if not date:
            # no document date: the offices held now (open-ended), a head of government before
            # a party post (Pashinyan: prime minister and party leader, not PTY)
            open_ = [r for r in dated if r.get("start") and not r.get("end")
                     and r.get("sector") not in (None, "ELI")]
            if not open_:
                return actor.country, actor.sector, None
            best = min(open_, key=lambda r: (_SECTOR_RANK.get(r.get("sector") or "GOV", 9),
                                             -len(r.get("start") or "")))
            return best.get("country") or actor.country, canonical(best.get("sector")), best
        covering = [r for r in dated if date_in(date, r.get("start"), r.get("end"))]
        now = [r for r in covering if r.get("sector") != "ELI"]
        if now:
            best = min(now, key=lambda r: (_SECTOR_RANK.get(r.get("sector") or "GOV", 9),
                                           -len(r.get("start") or "")))
            return (best.get("country") or actor.country,
                    canonical(best.get("sector")) or "GOV", best)
        ended = [r for r in dated if r.get("end") and date[: len(r["end"])] > r["end"]
                 and r.get("sector") != "ELI"]
        if ended or covering:
            last = max(ended, key=lambda r: r["end"]) if ended else covering[0]
            return last.get("country") or actor.country, "ELI", last
        return actor.country, actor.sector, None

    def lookup_context(self, alias: str) -> list[Entry]:
        """Candidates of an ambiguous name (acronym, generic party or unit name)."""
        return self.context.get(fold(alias), [])

    def place_country(self, name: str) -> str | None:
        """The state a sub-national place or city belongs to ("Herat" -> AFG), if unique."""
        return self.places.get(fold(name))

    def add_context(self, alias: str, actor_id: str) -> None:
        key = fold(alias)
        if key:
            bucket = self.context.setdefault(key, [])
            if not any(e.actor_id == actor_id for e in bucket):
                bucket.append(Entry(actor_id, CONTEXT, "en"))

    def derived(self, iso3: str | None, sector: str | None) -> Actor | None:
        """The government/military/legislature actor of a state for a sector code."""
        if not iso3:
            return None
        if sector in DERIVED:
            return self.actors.get(iso3 + sector)
        return self.actors.get(iso3)

    def holders(self, role: str, country: str, date: str | None) -> list[Actor]:
        """People who held ``role`` (e.g. 'foreign minister') for ``country`` (ISO3 or IGO id)
        on ``date``; without a date, everyone who ever held it."""
        role = role.replace("-", " ")
        out = []
        for pid in self._role_index().get((role, country), []):
            a = self.actors[pid]
            for r in a.roles:
                if r["role"] == role and (r.get("org") == country or r.get("country") == country):
                    if date is None or date_in(date, r.get("start"), r.get("end")):
                        out.append(a)
                        break
        return out

    def _role_index(self) -> dict[tuple[str, str], list[str]]:
        ri = getattr(self, "_ri", None)
        if ri is None:
            ri = {}
            for a in self.actors.values():
                if a.type != "person":
                    continue
                for r in a.roles:
                    for where in {r.get("org"), r.get("country")} - {None}:
                        ri.setdefault((r["role"], where), [])
                        if a.id not in ri[(r["role"], where)]:
                            ri[(r["role"], where)].append(a.id)
            self._ri = ri
        return ri

    def search(self, text: str, limit: int = 10) -> list[Actor]:
        """Actors whose id or any alias contains ``text`` (then fuzzy matches), best first."""
        from rapidfuzz import fuzz, process

        q = fold(text)
        scored: dict[str, float] = {}
        for _lang, idx in [*self.index.items(), *self.folded.items()]:
            for key, entries in idx.items():
                key = fold(key)
                if q and q in key:
                    s = 100.0 if key == q else 90.0 - min(len(key) - len(q), 30) / 3
                    for e in entries:
                        scored[e.actor_id] = max(scored.get(e.actor_id, 0), s)
        for aid in self.actors:
            if q and q in aid.lower():
                scored[aid] = max(scored.get(aid, 0), 95.0 if aid.lower() == q else 80.0)
        if len(scored) < limit:
            keys = list(self.folded.get("en", {})) + list(self.index.get("en", {}))
            for key, score, _ in process.extract(q, keys, scorer=fuzz.WRatio, limit=limit * 2):
                if score >= 80:
                    for e in self.folded["en"].get(key) or self.index["en"].get(key, []):
                        scored.setdefault(e.actor_id, score * 0.8)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], self._type_rank(kv[0]), kv[0]))
        return [self.actors[a] for a, _ in ranked[:limit]]

    def _type_rank(self, actor_id: str) -> int:
        order = ["state", "igo", "person", "government", "region", "military", "legislature"]
        t = self.actors[actor_id].type
        return order.index(t) if t in order else len(order)

    # ------------------------------------------------------------------ building
    def add_actor(self, actor: Actor, overlay: bool = False) -> Actor:
        """Add or (for overlays) merge an actor: scalar fields replace, aliases and roles add."""
        old = self.actors.get(actor.id)
        if old is None or not overlay:
            self.actors[actor.id] = actor
            return actor
        for f in ("name", "type", "country", "cameo", "sector"):
            v = getattr(actor, f)
            if v is not None:
                setattr(old, f, v)
        for lang, names in actor.aliases.items():
            have = old.aliases.setdefault(lang, [])
            have.extend(n for n in names if n not in have)
        for r in actor.roles:
            if r not in old.roles:
                old.roles.append(r)
        return old

    def add_alias(self, lang: str, alias: str, actor_id: str, kind: str = "name") -> None:
        """Index one alias. Entries are shared objects (one per actor, kind and language) and
        the folded index only holds keys that folding changes: both keep the pickled cache
        small, which is what makes loading fast."""
        key = norm(alias)
        if not key:
            return
        if lang == "en" and ("isation" in key or "ization" in key) and not getattr(self, "_variant", False):
            self._variant = True  # British and American spellings of one name
            try:
                self.add_alias(lang, alias.replace("isation", "ization") if "isation" in key
                               else alias.replace("ization", "isation"), actor_id, kind)
            finally:
                self._variant = False
        interned = self.__dict__.setdefault("_entries", {})
        entry = interned.get((actor_id, kind, lang))
        if entry is None:
            entry = interned[(actor_id, kind, lang)] = Entry(actor_id, kind, lang)
        fk = fold(alias)
        for idx, k in ((self.index, key), (self.folded, fk)) if fk != key else ((self.index, key),):
            bucket = idx.setdefault(lang, {}).setdefault(k, [])
            if entry not in bucket:
                bucket.append(entry)

    def finish(self) -> None:
        """Index every actor's aliases and people's surnames (after all files are merged).
        Actors indexed by an earlier call are skipped (later merges index their own names)."""
        done = self.__dict__.setdefault("_indexed", set())
        for a in self.actors.values():
            if a.id in done:
                continue
            done.add(a.id)
            for lang, names in a.aliases.items():
                for n in names:
                    self.add_alias(lang, n, a.id, "name")
            if a.id in self.actor_sources and a.name not in a.aliases.get("en", []):
                continue  # a world actor's name is indexed only when it is a usable alias
            self.add_alias("en", a.name, a.id, "name")
        counts: dict[str, set[str]] = {}
        for a in self.actors.values():
            if a.type != "person":
                continue
            for n in [a.name] + a.aliases.get("en", []):
                parts = n.replace(".", " ").split()
                if len(parts) >= 2:
                    counts.setdefault(norm(parts[-1]), set()).add(a.id)
        self.surnames = {k: sorted(v) for k, v in counts.items()}


# ---------------------------------------------------------------------- reading files
def _read(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KBError(f"{path}: cannot read actor file: {exc.strerror or exc}") from exc
    try:
        if path.suffix == ".json":
            return json.loads(text)
        if path.suffix in (".yaml", ".yml"):
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            return yaml.load(text, Loader=loader)
        if path.suffix in (".tsv", ".txt"):
            return [r for r in csv.reader(io.StringIO(text), delimiter="\t")
                    if r and not r[0].startswith("#")]
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise KBError(f"{path}: not valid {path.suffix[1:].upper()}: {exc}") from exc
    raise KBError(f"{path}: unsupported actor file type {path.suffix!r} (use .yaml or .json)")


def _roles(raw, where: str) -> list[dict]:
    """Roles as dicts {role, org, country, start, end, cameo?} from compact strings or dicts."""
    out = []
    org: str | None
    for r in raw or []:
        if isinstance(r, str):
            parts = r.split()
            if len(parts) != 4:
                raise KBError(f"{where}: role {r!r} must be '<role> <org> <start> <end>'")
            role, org, start, end = parts
            r = {"role": role, "org": org, "start": start, "end": end}
        if not isinstance(r, dict) or "role" not in r:
            raise KBError(f"{where}: role {r!r} must be a mapping with a 'role' key")
        org = r.get("org")
        country = r.get("country") or (org if org and re.fullmatch(r"[A-Z]{3}", org) else None)
        try:
            d = {"role": str(r["role"]).replace("-", " "), "org": org, "country": country,
                 "start": parse_date(r.get("start")), "end": parse_date(r.get("end"))}
        except ValueError as exc:
            raise KBError(f"{where}: {exc}") from exc
        if r.get("cameo"):
            d["cameo"] = r["cameo"]
        out.append(d)
    return out


def actor_from_record(rec: dict, where: str, default_type: str | None = None) -> Actor:
    """An Actor from one YAML/JSON record (packaged files and user overlays share this)."""
    if not isinstance(rec, dict) or not rec.get("id"):
        raise KBError(f"{where}: every actor needs an 'id' (got {rec!r:.80})")
    aid = str(rec["id"])
    aliases: dict[str, list[str]] = {}
    for lang, names in (rec.get("aliases") or {}).items():
        aliases[lang] = [str(n) for n in names or []]
    for lang in LANGS:
        if rec.get(lang):
            aliases.setdefault(lang, []).extend(str(n) for n in rec[lang] if n is not None)
    typ = rec.get("type") or default_type
    if typ is None and aid.startswith("PER:"):
        typ = "person"
    if typ not in TYPES:
        raise KBError(f"{where}: actor {aid}: type {typ!r} is not one of {sorted(TYPES)}")
    name = rec.get("name") or (aliases.get("en") or [aid])[0]
    country = rec.get("country")
    sector = rec.get("sector")
    cameo = rec.get("cameo")
    if typ == "person":
        sector = sector or "GOV"
        cameo = cameo or (f"{country}{sector}" if country else None)
    elif typ == "media":
        sector = sector or "JRN"  # PLOVER: journalists/media (CAMEO's MED stays in ``cameo``)
        cameo = cameo or (f"{country}MED" if country else "MED")
    elif typ in ("think-tank", "ngo"):
        sector = sector or ("EDU" if typ == "think-tank" else "NGO")
        cameo = cameo or (f"{country}{sector}" if country else sector)
    elif typ == "company":
        sector = sector or "BUS"
        cameo = cameo or (f"{country}BUS" if country else "BUS")
    elif typ == "igo":
        sector = sector or "IGO"  # an intergovernmental organisation is no state's government
    elif typ == "party":
        sector = sector or "PTY"
        cameo = cameo or (f"{country}PTY" if country else "PTY")
    elif typ == "judiciary":
        sector = sector or "JUD"
    sector = canonical(sector)
    return Actor(id=aid, name=str(name), type=typ, country=country, cameo=cameo, sector=sector,
                 roles=_roles(rec.get("roles"), f"{where}: {aid}"), aliases=aliases,
                 discovered=bool(rec.get("discovered", False)))


def _load_states(kb: KnowledgeBase, states: list, extras: dict) -> None:
    for s in states:
        iso = s["id"]
        ex = extras.get(iso) or {}
        names = {k: list(v) for k, v in s["names"].items()}
        for lang in ("en", "ru", "zh"):  # en: former names ("Kampuchea", "Zaire")
            for n in ex.get(lang, []):
                if n not in names.setdefault(lang, []):
                    names[lang].append(n)
        kb.add_actor(Actor(id=iso, name=s["name"], type="state", country=iso, cameo=iso,
                           sector=None, aliases=names))
        demonyms = [d for d in s.get("demonyms", []) if d]
        demonyms += [d for d in ex.get("demonyms", []) if d and d not in demonyms]
        for d in demonyms:
            kb.demonyms.setdefault(norm(d), iso)
            kb.add_alias("en", d, iso, "demonym")
        for d in ex.get("demonyms_ru", []):
            kb.demonyms_ru.setdefault(d.lower(), iso)
        adj = demonyms[0] if demonyms else None
        the = ("the " + s["name"]) if s["name"] in THE_NAMES else s["name"]
        for suffix, (typ, sector, template) in DERIVED.items():
            en = [template.format(the)]
            if adj:
                en += {"GOV": [f"{adj} government", f"{adj} authorities", f"{adj} leadership"],
                       "MIL": [f"{adj} military", f"{adj} armed forces", f"{adj} army"],
                       "LEG": [f"{adj} parliament"],
                       "COP": [f"{adj} police", f"{adj} security forces"],
                       "SPY": [f"{adj} intelligence", f"{adj} special services"],
                       "JUD": [f"{adj} judiciary", f"{adj} courts"]}[suffix]
            aliases = {"en": en}
            for m in (ex.get("metonyms") or {}).get(suffix, []):
                lang = "ru" if re.search("[а-яА-Я]", m) else "zh" if re.search("[一-鿿]", m) else "en"
                kb.add_alias(lang, m, iso + suffix, "metonym")
            kb.add_actor(Actor(id=iso + suffix, name=template.format(the), type=typ,
                               country=iso, cameo=iso + suffix, sector=sector, aliases=aliases))
        for c in s.get("capitals", []):
            kb.add_alias("en", c, iso + "GOV", "capital")
        for lang in ("ru", "zh"):
            for c in ex.get(f"capitals_{lang}", []):
                kb.add_alias(lang, c, iso + "GOV", "capital")


def _load_ethnic_groups(kb: KnowledgeBase, rows: list) -> None:
    """``ethnic_groups.yaml``: group names that link as demonyms of their home state ("Chechen
    rebels" = RUS + REB). A name a state already owns as its demonym is not taken."""
    for i, rec in enumerate(rows):
        iso = str(rec.get("country") or "")
        if iso not in kb.actors or kb.actors[iso].type != "state":
            raise KBError(f"ethnic_groups.yaml: entry {i + 1}: unknown state {iso!r}")
        for name in rec.get("en") or []:
            if norm(name) in kb.demonyms:
                continue
            kb.demonyms[norm(name)] = iso
            kb.add_alias("en", str(name), iso, "demonym")


def _load_context_names(kb: KnowledgeBase, rows: list) -> None:
    """``context_names.yaml``: names that link only with the document's support (see there).
    The name leaves the English alias index; its actors and the listed ones become its
    context candidates."""
    for i, rec in enumerate(rows):
        name = str(rec.get("name") or "")
        if not name:
            raise KBError(f"context_names.yaml: entry {i + 1}: no name")
        key, fk = norm(name), fold(name)
        ids = [e.actor_id for e in kb.index.get("en", {}).pop(key, [])]
        ids += [e.actor_id for e in kb.folded.get("en", {}).pop(fk, [])]
        ids += [str(c) for c in rec.get("candidates") or []]
        for aid in dict.fromkeys(ids):
            if aid in kb.actors:
                kb.add_context(name, aid)
        if rec.get("default") and str(rec["default"]) in kb.actors:
            kb.context_defaults[fk] = str(rec["default"])
            kb.add_context(name, str(rec["default"]))


def _load_agents(kb: KnowledgeBase, rows: list) -> None:
    for r in rows:
        if len(r) >= 2 and r[0].strip():
            kb.agents.setdefault(norm(r[0]), r[1].strip())


def load_overlay(kb: KnowledgeBase, path: Path) -> int:
    """Merge one user overlay file (a YAML/JSON list of actors, or {actors: [...]})."""
    data = _read(path)
    if isinstance(data, dict):
        data = data.get("actors", data)
    if not isinstance(data, list):
        raise KBError(f"{path}: an overlay must be a list of actors (or a mapping with 'actors')")
    n = 0
    for i, rec in enumerate(data):
        default = "group"
        if isinstance(rec, dict) and rec.get("id"):
            old = kb.get(str(rec["id"]))
            default = old.type if old is not None else (
                "person" if str(rec["id"]).startswith("PER:") else "group")
        actor = actor_from_record(rec, f"{path}: entry {i + 1}", default_type=default)
        if kb.get(actor.id) is not None:  # a merge changes only what the overlay states
            for f in ("name", "type", "country", "cameo", "sector"):
                if f not in rec:
                    setattr(actor, f, None)
        merged = kb.add_actor(actor, overlay=True)
        for lang, names in actor.aliases.items():
            for nm in names:
                kb.add_alias(lang, nm, merged.id, "name")
        n += 1
    return n


def _fingerprint(paths: Iterable[Path]) -> str:
    """Cache key: the data files, this module's code and the Actor record's fields (a pickle
    of an older Actor shape must never be served)."""
    import dataclasses

    h = hashlib.sha256(CACHE_VERSION.encode())
    h.update(Path(__file__).read_bytes())
    h.update(",".join(f.name for f in dataclasses.fields(Actor)).encode())
    for p in paths:
        h.update(str(p).encode())
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()[:20]


def store_pickle(cache: Path, obj: object) -> None:
    """Write a cache file atomically (a temporary file renamed over it, so a process reading
    it meanwhile sees the old file or the new one, never half of one); a read-only home only
    loses the cache, which is an optimisation."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass


def _cache_dir() -> Path:
    base = os.environ.get("MULTIVECTOR_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base).expanduser() / "multivector" if base else Path.home() / ".cache" / "multivector"


def world_path() -> Path:
    """The world KB file: packaged, or ``$MULTIVECTOR_WORLD_KB`` (evaluation builds that leave
    a fold of actors out)."""
    return Path(os.environ.get("MULTIVECTOR_WORLD_KB") or DATA / WORLD)


def _load_world(kb: KnowledgeBase, path: Path) -> None:
    """Merge the generated world actors under the curated ones: a curated actor keeps its
    fields and aliases (a world record with its id only adds names and roles); a world alias
    that a curated actor owns is not added; ambiguous names (party acronyms, names used in
    several countries) are indexed as ``context`` entries that link only with support."""
    if not path.is_file():
        return
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError, EOFError) as exc:
        raise KBError(f"{path}: cannot read the world actor file: {exc}") from exc
    taken = set(kb.index.get("en", {}))
    for rec in data.get("actors", []):
        aid = rec["id"]
        old = kb.actors.get(aid)
        roles = [{"role": r["role"], "org": r.get("org"), "country": r.get("country"),
                  "start": r.get("start"), "end": r.get("end"), "sector": r.get("sector"),
                  **({"cameo": r["cameo"]} if r.get("cameo") else {}),
                  **({"source": r["src"]} if r.get("src") else {})}
                 for r in rec.get("roles", [])]
        ctx = set(rec.get("ctx", []))
        names = [n for n in rec.get("en", []) if n not in ctx]
        if old is not None:
            have = old.aliases.setdefault("en", [])
            for n in names:
                if n not in have and norm(n) not in taken:
                    have.append(n)
                    kb.add_alias("en", n, aid, "name")
            old.roles.extend(r for r in roles if r not in old.roles)
            kb.actor_sources[aid] = sorted(set(kb.actor_sources.get(aid, [])) | set(rec.get("src", [])))
        else:
            sector = canonical(rec.get("sector"))
            if rec["type"] == "person" and roles:
                sector = canonical(roles[-1].get("sector")) or "GOV"
            country = rec.get("country")
            a = Actor(id=aid, name=rec["name"], type=rec["type"], country=country,
                      cameo=rec.get("cameo") or composite(country, sector), sector=sector,
                      roles=roles, aliases={"en": names})
            kb.actors[aid] = a
            kb.actor_sources[aid] = list(rec.get("src", []))
        for n in ctx:
            kb.add_context(n, aid)
    names = data.get("names", {})
    for iso, ns in names.get("states", {}).items():
        if iso in kb.actors:
            for n in ns:
                if norm(n) not in taken:
                    kb.places.setdefault(fold(n), iso)
    if (DATA / "places.yaml").is_file():
        _load_places(kb, _read(DATA / "places.yaml") or {}, taken)
    shared = set(names.get("derived_ctx", [])) | _GENERIC_UNITS
    for did, ns in names.get("derived", {}).items():
        da = kb.actors.get(did)
        if da is None:
            continue
        for n in ns:
            k = norm(n)
            if k in taken:
                continue
            if k in shared:
                kb.add_context(n, did)
            else:
                da.aliases.setdefault("en", []).append(n)
                kb.add_alias("en", n, did, "name")
    for phrase, code in data.get("agents", []):
        sector = canonical(code)
        if sector:
            kb.agents.setdefault(norm(phrase), sector)
    kb.world_counts = dict(data.get("counts", {}))


def _load_places(kb: KnowledgeBase, data: dict, taken: set[str]) -> None:
    """``places.yaml``: our list of cities and provinces news names (ISO3 -> names), under the
    world KB's places: a name already mapped, or owned by a curated actor, is left as it is."""
    for iso, ns in data.items():
        if str(iso) not in kb.actors:
            raise KBError(f"places.yaml: unknown state {iso!r}")
        for n in ns or []:
            if norm(str(n)) not in taken:
                kb.places.setdefault(fold(str(n)), str(iso))


# unit names that every state has: link only with the document's support for one country
_GENERIC_UNITS = {"army", "navy", "air force", "national police", "police", "national guard",
                  "coast guard", "gendarmerie", "border guard", "marines", "marine corps",
                  "armed forces", "republican guard", "presidential guard", "special forces",
                  "ground forces", "air defense forces", "air defence forces", "national army",
                  "federal police", "state police", "military police", "border police",
                  "national assembly", "senate", "parliament", "house of representatives",
                  "chamber of deputies", "supreme court", "constitutional court", "high court",
                  "court of appeal", "court of cassation", "council of state", "national council",
                  "federal council", "assembly of the republic", "house of assembly",
                  "legislative assembly", "national intelligence service", "intelligence service",
                  "state security service", "national security service", "revolutionary guard",
                  "republican guard corps", "people's army", "national defense forces",
                  "defense forces", "defence forces", "self-defense forces", "navy seals",
                  "national security council", "cabinet", "council of ministers", "ministry of interior",
                  "ministry of defense", "ministry of defence", "interior ministry", "defense ministry",
                  "defence ministry", "national defence force", "national defense force",
                  "ground force", "air force command", "naval forces", "land forces"}


def build_kb(overlays: tuple[str, ...] = (), world: bool = True) -> KnowledgeBase:
    """Parse the packaged files and overlays (no cache). ``world=False``: curated files only
    (what scripts/build_actor_kb.py builds the world file against)."""
    kb = KnowledgeBase()
    states = _read(DATA / "states.json")
    extras = _read(DATA / "state_extras.yaml") or {}
    _load_states(kb, states, extras)
    if (DATA / "ethnic_groups.yaml").is_file():
        _load_ethnic_groups(kb, _read(DATA / "ethnic_groups.yaml") or [])
    for fname, typ in (("igos.yaml", "igo"), ("regions.yaml", "region"), ("orgs.yaml", None),
                       ("people.yaml", "person")):
        if not (DATA / fname).is_file():
            continue
        for i, rec in enumerate(_read(DATA / fname) or []):
            a = kb.add_actor(actor_from_record(rec, f"{DATA / fname}: entry {i + 1}", typ))
            for m in rec.get("metonyms") or []:  # "Brussels" for the EU
                lang = "ru" if re.search("[а-яА-Я]", m) else "zh" if re.search("[一-鿿]", m) else "en"
                kb.add_alias(lang, m, a.id, "metonym")
    if (DATA / "world_curated.yaml").is_file():  # merges into derived actors (RUSSPY ...)
        load_overlay(kb, DATA / "world_curated.yaml")
    _load_agents(kb, _read(DATA / "agents.tsv"))
    kb.finish()
    if world:
        _load_world(kb, world_path())
        for aid, names in (_read(DATA / "world_aliases.yaml") or {}).items():
            known = kb.actors.get(str(aid))
            if known is None:
                continue
            for n in names:  # "Tory" for the UK's Conservatives; "Нетаньяху" (Cyrillic: ru)
                lang = "ru" if re.search("[а-яА-ЯёЁ]", str(n)) else "en"
                if n not in known.aliases.setdefault(lang, []):
                    known.aliases[lang].append(str(n))
                kb.add_alias(lang, str(n), known.id)
        kb.finish()
    if (DATA / "context_names.yaml").is_file():
        _load_context_names(kb, _read(DATA / "context_names.yaml") or [])
    for o in overlays:
        load_overlay(kb, Path(o))
    kb.surnames = {}
    kb.finish()
    kb.sources = [str(DATA / f) for f in PACKAGED if f != WORLD] + [str(world_path())] + list(overlays)
    _compact(kb)
    return kb


def _compact(kb: KnowledgeBase) -> None:
    """Share equal values before the KB is pickled, and drop what only building needed.

    Why: every worker holds the KB for its lifetime (issue 16: RSS). JSON and YAML parsing give
    each occurrence of a string its own object, and the 37k dated roles repeat a few hundred
    role names, ISO codes, sectors, sources and snapshot dates; the 37k source lists repeat a
    few dozen combinations. Pickle stores a shared object once, so after this the cache and
    every process that loads it hold one copy. Values are equal, so every lookup is unchanged."""
    pool: dict[str, str] = {}

    def one(x):
        return pool.setdefault(x, x) if isinstance(x, str) else x

    actors: dict[str, Actor] = {}
    for aid, a in kb.actors.items():
        a.id, a.name, a.type = one(a.id), one(a.name), one(a.type)
        a.country, a.cameo, a.sector = one(a.country), one(a.cameo), one(a.sector)
        for r in a.roles:
            for k in r:
                r[k] = one(r[k])
        for names in a.aliases.values():
            names[:] = [one(n) for n in names]
        actors[one(aid)] = a
    kb.actors = actors
    shared: dict[tuple, list[str]] = {}
    kb.actor_sources = {one(aid): shared.setdefault(tuple(map(one, src)), [one(x) for x in src])
                        for aid, src in kb.actor_sources.items()}
    kb.surnames = {k: [one(x) for x in ids] for k, ids in kb.surnames.items()}
    for e in kb.__dict__.get("_entries", {}).values():
        e.actor_id = one(e.actor_id)
    for bucket in kb.context.values():
        for e in bucket:
            e.actor_id = one(e.actor_id)
    kb.places = {k: one(v) for k, v in kb.places.items()}
    kb.agents = {k: one(v) for k, v in kb.agents.items()}
    for name in ("_entries", "_indexed", "_variant"):  # used only while adding aliases
        kb.__dict__.pop(name, None)


def load_kb(overlays: Iterable[str] = ()) -> KnowledgeBase:
    """The knowledge base, from the pickled cache when the files have not changed; one object
    per set of overlays in a process, however the call is spelled (``load_kb()`` and
    ``load_kb(())`` were two cache keys, so a process could hold two copies, ~125 MB each)."""
    return _load_kb(tuple(str(o) for o in overlays))


@lru_cache(maxsize=8)
def _load_kb(overlays: tuple[str, ...]) -> KnowledgeBase:
    paths = [world_path() if f == WORLD else DATA / f for f in PACKAGED] + [
        Path(o).expanduser() for o in overlays]
    for p in paths[len(PACKAGED):]:
        if not p.is_file():
            raise KBError(f"{p}: actor overlay file not found")
    cache = _cache_dir() / f"actors-{_fingerprint(paths)}.pickle"
    import gc

    try:
        with open(cache, "rb") as fh:
            gc_was = gc.isenabled()
            gc.disable()  # ~400k small objects: cyclic GC passes during unpickling double the time
            try:
                kb = pickle.load(fh)
            finally:
                if gc_was:
                    gc.enable()
        # the KB lives as long as the process: keep the collector from re-scanning its
        # ~10^6 objects during every later full collection (that cost showed in the stage)
        gc.freeze()
        if isinstance(kb, KnowledgeBase):
            return kb
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    kb = build_kb(tuple(str(p) for p in paths[len(PACKAGED):]))
    store_pickle(cache, kb)
    gc.freeze()
    return kb


load_kb.cache_clear = _load_kb.cache_clear  # type: ignore[attr-defined]  # tests reset it
