"""Read Phoenix / PETRARCH (TABARI-format) actor dictionaries into a multivector overlay.

The format, as used by the openeventdata dictionaries:

    UZBEKISTAN_                       an entry: words joined by _, a trailing _ marks a stem
    +UZBEKISTANI_                     a synonym of the entry above
    +TASHKENT_
        [UZB >911221]                 codes on their own (indented) lines, or on the entry line
    ISLAM_KARIMOV_  # CountryInfo.txt
        [UZBGOV >900324]              date restrictions: >from, <until, from-until
        [UZBELI 560101-000101]        dates are YYMMDD or YYYYMMDD
    KOFI_ANNAN_ [IGOUNO 970101-061231] [ELI]
    ISILDUR  [+++]                    +++ / --- mean "no code"
    FARMER [~AGR]                     ~ marks an agent (sector noun), not an actor: skipped

``#`` starts a comment, ``<!-- ... -->`` lines are comments, ``!MACRO! = ...`` lines are
agent-file macros (skipped). Why an overlay rather than a merge into the package: the Phoenix
files are large and under their own licence; users bring them, we read them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .kb import KnowledgeBase, load_kb, slug

CODE_RE = re.compile(r"\[([^\]]*)\]")
DATE_RE = re.compile(r"^(?:(?P<gt>>)(?P<from>\d{6,8})|(?P<lt><)(?P<until>\d{6,8})|"
                     r"(?P<a>\d{6,8})-(?P<b>\d{6,8}))$")


class PhoenixError(ValueError):
    pass


WARNINGS: list[str] = []  # unreadable details of the last parse (reported, never fatal)


@dataclass
class PhxEntry:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[dict] = field(default_factory=list)  # {code, start, end}
    comment: str = ""
    line: int = 0


def phx_date(raw: str) -> str:
    """'911221' -> '1991-12-21', '20020602' -> '2002-06-02' (two-digit years > 30 are 19xx)."""
    if len(raw) == 8:
        y, m, d = raw[:4], raw[4:6], raw[6:8]
    else:
        yy = int(raw[:2])
        y, m, d = f"{1900 + yy if yy > 30 else 2000 + yy}", raw[2:4], raw[4:6]
    m = m if "01" <= m <= "12" else "01"
    d = d if "01" <= d <= "31" else "01"
    return f"{y}-{m}-{d}"


def phx_name(raw: str) -> str:
    """'ISLAM_KARIMOV_' -> 'Islam Karimov'; short all-caps words (acronyms) stay upper case."""
    words = [w for w in raw.replace("_", " ").split() if w]
    out = []
    for w in words:
        if len(w) <= 4 and w.isalpha() and w.isupper() and len(words) == 1:
            out.append(w)
        elif w.isupper():
            out.append("-".join(p[:1] + p[1:].lower() for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


def _codes(text: str, where: str) -> list[dict]:
    out = []
    for m in CODE_RE.finditer(text):
        body = m.group(1).strip()
        if not body:
            continue
        parts = body.split()
        code = parts[0]
        start = end = None
        if len(parts) > 1:
            dm = DATE_RE.match("".join(parts[1:]))
            if dm is None:  # real dictionaries have typos: keep the code, drop the date
                WARNINGS.append(f"{where}: cannot read date restriction {' '.join(parts[1:])!r}")
                out.append({"code": code, "start": None, "end": None})
                continue
            if dm.group("gt"):
                start = phx_date(dm.group("from"))
            elif dm.group("lt"):
                end = phx_date(dm.group("until"))
            else:
                start, end = phx_date(dm.group("a")), phx_date(dm.group("b"))
        out.append({"code": code, "start": start, "end": end})
    return out


def parse(path: str | Path) -> tuple[list[PhxEntry], dict]:
    """Entries of a Phoenix/PETRARCH actor file, and counts of what was skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise PhoenixError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    entries: list[PhxEntry] = []
    WARNINGS.clear()
    skipped = {"agents": 0, "macros": 0, "no_code": 0}
    cur: PhxEntry | None = None
    in_comment = False
    for ln, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            continue
        comment = ""
        if "#" in line:
            line, comment = line.split("#", 1)
        if not line.strip():
            continue
        where = f"{path}:{ln}"
        stripped = line.strip()
        if stripped.startswith("!") or " = " in stripped:
            skipped["macros"] += 1
            continue
        if raw[:1] in (" ", "\t") and stripped.startswith("["):
            if cur is not None:
                cur.codes += _codes(stripped, where)
            continue
        if stripped.startswith("+"):
            if cur is not None:
                name = stripped[1:].split("[", 1)[0].strip()
                if name:
                    cur.aliases.append(phx_name(name))
                cur.codes += _codes(stripped, where)
            continue
        name = re.sub(r"\{[^}]*\}", "", stripped.split("[", 1)[0]).strip()
        if not name:
            continue
        cur = PhxEntry(name=phx_name(name), codes=_codes(stripped, where), comment=comment.strip(),
                       line=ln)
        entries.append(cur)
    return entries, skipped


def to_overlay(entries: list[PhxEntry], kb: KnowledgeBase | None = None,
               source: str = "phoenix") -> tuple[list[dict], dict]:
    """Overlay records (the YAML/JSON actor schema) for parsed entries. A name the knowledge
    base already knows merges into that actor (same id), so aliases and dated codes enrich it."""
    kb = kb or load_kb()
    records: dict[str, dict] = {}
    stats = {"entries": len(entries), "actors": 0, "merged": 0, "agents": 0, "no_code": 0}
    for e in entries:
        codes = [c for c in e.codes if c["code"] not in ("---", "+++")]
        if any(c["code"].startswith("~") for c in codes):
            stats["agents"] += 1
            continue
        if not codes:
            stats["no_code"] += 1
            continue
        main = next((c for c in codes if c["start"] is None and c["end"] is None), codes[-1])
        code = main["code"].split("/")[0]
        iso = code[:3] if (a3 := kb.get(code[:3])) is not None and a3.type == "state" else None
        dated = any(c["start"] or c["end"] for c in codes)
        person = ("CountryInfo" in e.comment or any("ELI" in c["code"] for c in codes)
                  or (dated and len(e.name.split()) >= 2))
        hits = kb.lookup(e.name)
        known = hits[0].actor_id if hits else (code if kb.get(code) is not None and not dated
                                               else None)
        ka = kb.get(known)
        if ka is not None and ka.type == "person":
            person = True
        if ka is not None and ka.type in ("state", "government", "military",
                                          "legislature", "igo"):
            person = False
        if known is not None:
            aid = known
            stats["merged"] += 1
        elif person:
            aid = f"PER:{slug(e.name)}"
        else:
            aid = f"PHX:{slug(e.name)}"
        rec = records.get(aid)
        if rec is None:
            aa = kb.get(aid)
            typ = (aa.type if aa is not None else
                   "person" if person else "igo" if code.startswith("IGO") else "group")
            rec = {"id": aid, "name": aa.name if aa else e.name, "type": typ,
                   "country": aa.country if aa else iso, "cameo": None,
                   "en": [], "roles": [], "source": source}
            if kb.get(aid) is None:
                rec["cameo"] = code
            records[aid] = rec
        for n in [e.name] + e.aliases:
            # a name the knowledge base already knows keeps its meaning there ("Tashkent" stays
            # the metonym for Uzbekistan's government, not a synonym of the state)
            if known is not None and kb.lookup(n):
                continue
            if n not in rec["en"]:
                rec["en"].append(n)
        if person or dated:
            for c in codes:
                role = {"role": "cameo " + c["code"], "org": c["code"][:3] if iso else None,
                        "start": c["start"], "end": c["end"], "cameo": c["code"]}
                if role not in rec["roles"]:
                    rec["roles"].append(role)
    out = []
    for rec in records.values():
        if rec["cameo"] is None:
            del rec["cameo"]
        if not rec["roles"]:
            del rec["roles"]
        out.append(rec)
    stats["actors"] = len(out)
    return out, stats


def write_overlay(records: list[dict], output: str | Path) -> None:
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix == ".json":
        output.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        output.write_text(yaml.dump(records, Dumper=dumper, allow_unicode=True, sort_keys=False,
                                    width=100), encoding="utf-8")
