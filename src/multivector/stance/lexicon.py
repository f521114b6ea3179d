"""Stance lexicons (cue words and aspect keywords) loaded from readable YAML data files.

Why data files: an analyst can read and extend what counts as "cooperative" or "hostile" without
touching code, and every stance record names the cue that produced it, so a wrong cue is easy to
spot and fix in ``multivector/lang/en/stance.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .. import yamlload
from ..lang import lexicon as lang_lexicon

KINDS = ("role", "action", "mutual", "attitude", "quality", "stimulus")

# Which cue kinds a token may have, by coarse part of speech, in order of preference:
# "support" the noun is a role ("a support"), the verb an attitude ("they support").
KINDS_BY_POS = {
    "VERB": ("attitude", "action", "mutual", "stimulus"),
    "AUX": (),
    "NOUN": ("role", "action", "mutual", "attitude"),
    "PROPN": (),
    "ADJ": ("quality", "attitude", "role"),
}


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class CueEntry:
    words: tuple[str, ...]  # lower-case lemmas (or surface forms) of a one- or multi-word cue
    kind: str
    weight: float


@dataclass
class Lexicon:
    """Cue words by kind and aspect keywords."""

    cues: dict[str, dict[tuple[str, ...], float]] = field(default_factory=dict)  # kind -> words -> w
    aspects: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    relational: set[str] = field(default_factory=set)  # role nouns about their "of X"
    patient: set[str] = field(default_factory=set)  # role nouns whose "of X" aims at the subject
    max_len: int = 1

    def lookup(self, words: tuple[str, ...], kinds: tuple[str, ...],
               pos: str | None = None) -> CueEntry | None:
        """The first kind that has ``words``; an entry written ``word/POS`` in the file only
        matches a head of that coarse part of speech ("demand/VERB": not "demand for goods")."""
        for kind in kinds:
            table = self.cues.get(kind, {})
            w = table.get(words + (f"/{pos}",)) if pos else None
            if w is None:
                w = table.get(words)
            if w is not None:
                return CueEntry(words, kind, w)
        return None


def _read_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yamlload.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def _words(key: object) -> tuple[str, ...]:
    """``"draw closer"`` -> ("draw", "closer"); ``"demand/VERB"`` -> ("demand", "/VERB")."""
    text = str(key)
    pos = None
    if "/" in text:
        text, pos = text.rsplit("/", 1)
    words = tuple(text.lower().split())
    return words + (f"/{pos.upper()}",) if pos else words


def load_lexicon(cues_path: str | Path | None = None,
                 aspects_path: str | Path | None = None) -> Lexicon:
    """Read the cue and aspect files (the packaged ones by default)."""
    packaged = cues_path is None or cues_path == ""
    cues_path = Path(cues_path) if cues_path else Path("multivector/lang/en/stance.yaml")
    aspects_packaged = not aspects_path
    aspects_path = Path(aspects_path) if aspects_path else Path("multivector/lang/en/stance_aspects.yaml")
    lex = Lexicon()
    raw = dict(lang_lexicon("en").section("stance")) if packaged else _read_yaml(cues_path)
    rel = raw.pop("relational_roles", []) or []
    if not isinstance(rel, list):
        raise LexiconError(f"{cues_path}: relational_roles: expected a list of nouns")
    lex.relational = {str(w).lower() for w in rel}
    pat = raw.pop("patient_roles", []) or []
    if not isinstance(pat, list):
        raise LexiconError(f"{cues_path}: patient_roles: expected a list of nouns")
    lex.patient = {str(w).lower() for w in pat}
    for kind, entries in raw.items():
        if kind not in KINDS:
            raise LexiconError(f"{cues_path}: unknown cue kind {kind!r}; known: {', '.join(KINDS)}")
        if not isinstance(entries, dict):
            raise LexiconError(f"{cues_path}: {kind}: expected word: weight pairs")
        table = lex.cues.setdefault(kind, {})
        for word, weight in entries.items():
            try:
                w = float(weight)
            except (TypeError, ValueError) as exc:
                raise LexiconError(f"{cues_path}: {kind}.{word}: weight {weight!r} is not a number") from exc
            if not -1.0 <= w <= 1.0:
                raise LexiconError(f"{cues_path}: {kind}.{word}: weight {w} outside [-1, 1]")
            key = _words(word)
            table[key] = w
            lex.max_len = max(lex.max_len, len([k for k in key if not k.startswith("/")]))
    aspects = lang_lexicon("en").section("stance_aspects") if aspects_packaged \
        else _read_yaml(aspects_path)
    for aspect, words in aspects.items():
        if not isinstance(words, list):
            raise LexiconError(f"{aspects_path}: {aspect}: expected a list of keywords")
        lex.aspects[str(aspect)] = [_words(w) for w in words]
    return lex


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
