"""Role phrases, descriptors and pronouns used to attach roles to people and to resolve
references ("the political scientist", "he"). Loaded from data/roles.tsv once per process."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lang import lexicon as lang_lexicon

DATA = Path(__file__).resolve().parent / "data"

# Words that may precede a role without changing it ("former foreign minister", "leading expert").
MODIFIERS = list(lang_lexicon("en").ordered("role_modifiers"))
PRONOUNS = lang_lexicon("en").table("gendered_pronouns")


@dataclass(frozen=True)
class Role:
    phrase: str
    cls: str  # office, expert, media, civil, business
    sector: str
    kb_role: str | None


@dataclass
class Lexicon:
    roles: dict[str, Role]
    role_re: re.Pattern  # a role phrase (with optional modifiers), case-insensitive

    def role(self, phrase: str) -> Role | None:
        """The Role for a phrase, ignoring modifiers ("first deputy chief" -> "first deputy
        chief" if listed, else "deputy chief", else "chief")."""
        p = re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()
        while p:
            if p in self.roles:
                return self.roles[p]
            if " " not in p:
                break
            p = p.split(" ", 1)[1]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    roles: dict[str, Role] = {}
    with open(DATA / "roles.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or len(row) < 3:
                continue
            kb_role = row[3].strip() if len(row) > 3 and row[3].strip() else None
            roles[row[0].strip()] = Role(row[0].strip(), row[1].strip(), row[2].strip(), kb_role)
    phrases = sorted(roles, key=len, reverse=True)
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    mods = "|".join(re.escape(m) for m in MODIFIERS)
    role_re = re.compile(rf"(?:(?:{mods})\s*)*(?:{alt})", re.IGNORECASE)
    return Lexicon(roles=roles, role_re=role_re)
