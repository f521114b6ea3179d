"""A small reader for PETRARCH/TABARI actor and agent dictionaries, used as a user overlay.

Why: PETRARCH's validation records use fictional actors (Arnor, Gondor, ...) that no real
knowledge base knows; scoring against them needs their dictionaries. The format, as used in
PETR.Validate.actors.txt / agents.txt (and Phoenix dictionaries):

    GONDOR [GON]                 name and code; '_' joins words; a trailing '_' means the
    +MINAS_TIRITH                exact word, otherwise the last word matches as a prefix
    GOLLUM                       a name whose codes follow on indented lines, with
        [HOB < 950601]           date restrictions: < before, > after, A - B between
        [HOBGOV 19950601 - 19990815]
    PRESIDENT [~GOV]             agent: ~XXX appends to the actor code, XXX~ prepends
    !PERSON! = MAN, MEN          agent macro, substituted in later agent names

Comments (``#`` and ``<!-- -->``) are ignored. A bad line is reported with file and line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'\-]*")


class DictionaryError(ValueError):
    pass


@dataclass
class DictEntry:
    words: tuple[str, ...]
    exact_last: bool
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # code, from, to

    def code_on(self, date: str | None) -> str | None:
        default = None
        for code, lo, hi in self.codes:
            if lo is None and hi is None:
                default = default or code
                continue
            if date is None:
                continue
            d = date.replace("-", "")[:8]
            if (lo is None or d >= lo) and (hi is None or d < hi):
                return code
        if default is None and self.codes and date is None:
            return self.codes[-1][0]
        return default


def _norm_date(s: str) -> str:
    s = s.strip()
    if len(s) == 6:  # YYMMDD
        s = ("19" if int(s[:2]) > 30 else "20") + s
    return s


def _parse_code(raw: str) -> tuple[str, str | None, str | None]:
    raw = raw.strip()
    m = re.match(r"^(\S*)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?\s*$", raw)
    if not m:
        return raw.split()[0] if raw.split() else "", None, None
    code = m.group(1)
    if m.group(2) == "<":
        return code, None, _norm_date(m.group(3))
    if m.group(2) == ">":
        return code, _norm_date(m.group(3)), None
    if m.group(4):
        return code, _norm_date(m.group(4)), _norm_date(m.group(5))
    return code, None, None


def _strip_comments(text: str) -> list[str]:
    text = re.sub(r"<!.*?-->", "", text, flags=re.S)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]


def _name(raw: str) -> tuple[tuple[str, ...], bool]:
    raw = raw.strip().lstrip("+").strip()
    exact = raw.endswith("_")
    words = tuple(w.upper() for w in re.split(r"[_\s]+", raw.strip("_")) if w)
    return words, exact


def read_actors(path: str | Path) -> list[DictEntry]:
    """Actor entries, read with the actors package's Phoenix reader (``multivector actors
    import-phoenix`` uses the same one)."""
    from ..actors.phoenix import PhoenixError, parse

    try:
        entries, _ = parse(path)
    except PhoenixError as exc:
        raise DictionaryError(str(exc)) from exc
    out: list[DictEntry] = []
    for e in entries:
        codes = [(c["code"], (c.get("start") or "").replace("-", "") or None,
                  (c.get("end") or "").replace("-", "") or None)
                 for c in e.codes if c.get("code") and not c["code"].startswith("~")
                 and not c["code"].endswith("~")]
        if not codes:
            continue
        for n in [e.name] + list(e.aliases):
            words = tuple(w.upper() for w in re.split(r"[\s_]+", n) if w)
            if words:
                out.append(DictEntry(words, False, list(codes)))
    return out


def _read_lines(path: Path) -> list[str]:
    """The dictionary's lines without comments; an unreadable file names itself."""
    try:
        return _strip_comments(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read: {exc}") from exc


def read_actors_own(path: str | Path) -> list[DictEntry]:
    """The small reader of this module (used when the actors package is absent)."""
    path = Path(path)
    lines = _read_lines(path)
    entries: list[DictEntry] = []
    group: list[DictEntry] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        codes = [_parse_code(c) for c in _CODE.findall(line)]
        head = _CODE.sub("", line).strip()
        if line[:1] in (" ", "\t") and not head:  # indented code line for the current group
            if not group:
                raise DictionaryError(f"{path}:{n}: code line without a name")
            for e in group:
                e.codes += codes
            continue
        if not head:
            continue
        words, exact = _name(head)
        if not words:
            continue
        e = DictEntry(words, exact, list(codes))
        if head.startswith("+"):
            if group:
                e.codes = group[0].codes if not codes else codes
                group.append(e)
        else:
            group = [e]
        entries.append(e)
    # synonyms declared before their group's code lines share the list object; re-link
    for e in entries:
        e.codes = [c for c in e.codes if c[0]]
    return entries


def read_agents(path: str | Path) -> list[DictEntry]:
    path = Path(path)
    lines = _read_lines(path)
    macros: dict[str, list[str]] = {}
    out: list[DictEntry] = []
    for line in lines:
        m = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        head = _CODE.sub("", line)
        plural = re.search(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        names = [head] + ([p.strip() for p in plural.group(1).split(",")] if plural and plural.group(1).strip() else [])
        expanded = []
        for nm in names:
            mm = re.search(r"![A-Z]+!", nm)
            if mm and mm.group(0) in macros:
                expanded += [nm.replace(mm.group(0), w) for w in macros[mm.group(0)]]
            else:
                expanded.append(nm)
        for nm in expanded:
            words, exact = _name(nm)
            if words:
                out.append(DictEntry(words, exact, [(codes[0].strip(), None, None)]))
    return out


class PetrarchOverlay:
    """Find the actor and agent codes named in a phrase (longest match wins)."""

    def __init__(self, actors: list[DictEntry], agents: list[DictEntry]):
        self.actors = sorted(actors, key=lambda e: -len(e.words))
        self.agents = sorted(agents, key=lambda e: -len(e.words))

    @classmethod
    def from_files(cls, actors_file: str | Path | list, agents_file: str | Path | list | None = None):
        """One overlay from one or several actor and agent dictionaries (PETRARCH's
        <Environment> lists them comma-separated)."""
        afiles = actors_file if isinstance(actors_file, list) else [actors_file]
        gfiles = agents_file if isinstance(agents_file, list) else [agents_file] if agents_file else []
        return cls([e for f in afiles for e in read_actors(f)],
                   [e for f in gfiles for e in read_agents(f)])

    @staticmethod
    def _find(entries: list[DictEntry], words: list[str]) -> tuple[DictEntry, int, int] | None:
        best = None
        for e in entries:
            k = len(e.words)
            if best is not None and k < best[2] - best[1]:
                break
            for i in range(len(words) - k + 1):
                ok = all(words[i + j] == e.words[j] for j in range(k - 1))
                last = words[i + k - 1]
                ok = ok and (last == e.words[-1] or not e.exact_last and last.startswith(e.words[-1])
                             and len(e.words[-1]) >= 4)
                if ok:
                    if best is None or k > best[2] - best[1]:
                        best = (e, i, i + k)
                    break
        return best

    def code(self, phrase: str, date: str | None = None) -> tuple[str, str] | None:
        """(code, matched text) for a phrase, or None. Agent codes combine with the actor's."""
        words = [w.upper() for w in _WORD.findall(phrase.replace("'s", " "))]
        if not words:
            return None
        a = self._find(self.actors, words)
        g = self._find(self.agents, words)
        actor_code = a[0].code_on(date) if a else None
        if actor_code in ("---", "+++", None) and a is not None and g is None:
            return None
        agent = g[0].codes[0][0] if g else ""
        base = actor_code if actor_code and actor_code not in ("+++",) else "---"
        if a is None and g is None:
            return None
        if agent.startswith("~"):
            code = base + agent[1:]
        elif agent.endswith("~"):
            code = agent[:-1] + base
        else:
            code = base
        hit = a or g
        assert hit is not None  # one of them matched (checked above)
        matched = " ".join(words[hit[1]:hit[2]])
        return code, matched
