"""Word lists and the trigger pattern dictionary, loaded once from ``events/data``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..lang import lexicon as lang_lexicon


def _yaml(name: str, path=None):
    path = path if path is not None else resources.files(__package__).joinpath("data", name)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # large imported overlays
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: invalid YAML: {exc}") from exc
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc.strerror or exc}") from exc


@dataclass(frozen=True)
class Pattern:
    """One trigger sense of the editable dictionary (see data/patterns.yaml for the keys)."""

    lemma: str
    pos: str
    cameo: str
    plover: str | None = None
    mode: str | None = None
    contexts: tuple[str, ...] | None = None
    particle: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    object_class: str | None = None
    xcomp: tuple[str, ...] = ()
    xcomp_required: bool = False
    xcomp_object: tuple[str, ...] = ()
    prep_object: dict = field(default_factory=dict)
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    place_target: bool = False
    requires_target: bool = False
    source_sector: dict = field(default_factory=dict)
    source_type: tuple[str, ...] = ()
    target_type: dict = field(default_factory=dict)
    political_source: bool = False
    min_sources: int = 1
    intent: bool = False
    governor_target: tuple[str, ...] = ()
    owner_target: bool = False
    # the feeler of a stimulus verb is the source, what caused the feeling the target ("X was
    # irritated by Y's decision": X -> Y; "Y's move angered X": X -> Y)
    experiencer: bool = False
    # the sense applies only to a negated use, which is itself the act ("had no comment",
    # "did not comment": a declined comment, asserted)
    negated: bool = False
    # an agentless passive's patient is the source ("troops were put on standby": the troops'
    # side is on alert; the one who put them there is not named)
    patient_source: bool = False
    object_words: tuple[tuple[str, ...], ...] = ()
    predicate: tuple[str, ...] = ()
    fallback: bool = False
    raw_code: bool = False
    origin: str | None = None

    @property
    def null(self) -> bool:
        """A null sense (``cameo: "---"``): when it matches, the trigger codes nothing."""
        return self.cameo == "---"


_TUPLE_KEYS = {"particle", "object", "xcomp", "xcomp_object", "source", "target", "governor_target", "source_type",
               "predicate"}


def _pattern(raw: dict, i: int, where: str = "events/data/patterns.yaml") -> list[Pattern]:
    """The entry's patterns: one per lemma (``lemma`` may be a list: the verbs of a synset)."""
    if not isinstance(raw, dict) or "lemma" not in raw or "cameo" not in raw:
        raise ValueError(f"{where} entry {i + 1}: needs 'lemma' and 'cameo'")
    lemmas = raw["lemma"] if isinstance(raw["lemma"], list) else [raw["lemma"]]
    if not lemmas:
        raise ValueError(f"{where} entry {i + 1}: empty 'lemma' list")
    return [_one_pattern(dict(raw, lemma=lem), i, where) for lem in lemmas]


def _word(x) -> str:
    """A word of a pattern entry. YAML 1.1 reads an unquoted on/off (yes/no) as a boolean:
    ``prep_object: {on: []}`` and ``particle: [off]`` would never match; they mean the words."""
    if x is True:
        return "on"
    if x is False:
        return "off"
    return str(x).lower()


# ``predicate_stance``: how strongly a characterisation must lean to code as criticism or praise
STANCE_PREDICATE_MIN = 0.6
# relational roles ("an opponent of the reform", "a supporter of X") characterise only when strong
STANCE_RELATIONAL_MIN = 0.8


@lru_cache(maxsize=2)
def stance_predicates(polarity: str) -> tuple[str, ...]:
    """The role nouns and quality adjectives of the stance lexicon (``lang/en/stance.yaml``)
    that lean ``negative`` or ``positive`` by at least ``STANCE_PREDICATE_MIN``: what a verb of
    calling says its object is ("described the rules as a *trap*", "called the envoy a *liar*")
    codes criticism or praise through the same words the stance stage reads. Patient roles
    ("a victim", "a target") say what was done to the object, not what it is."""
    lex = lang_lexicon("en")
    sign = -1.0 if polarity == "negative" else 1.0
    skip = lex.words("patient_roles")
    relational = lex.words("relational_roles")
    out = []
    for key in ("role", "quality"):
        for word, weight in lex.table(key).items():
            if not isinstance(weight, (int, float)) or " " in str(word):
                continue
            w = str(word).split("/")[0].lower()
            need = STANCE_RELATIONAL_MIN if w in relational else STANCE_PREDICATE_MIN
            if w not in skip and sign * float(weight) >= need:
                out.append(w)
    return tuple(sorted(set(out)))


def _one_pattern(raw: dict, i: int, where: str) -> Pattern:
    kw = dict(raw)
    stance = kw.pop("predicate_stance", None)
    if stance is not None:
        if stance not in ("negative", "positive"):
            raise ValueError(f"{where} entry {i + 1}: predicate_stance must be negative or positive")
        kw["predicate"] = list(kw.get("predicate") or ()) + list(stance_predicates(stance))
    kw["lemma"] = _word(kw["lemma"])
    kw["pos"] = str(kw.get("pos", "verb")).lower()
    kw["cameo"] = str(kw["cameo"])
    for k in _TUPLE_KEYS:
        if k in kw:
            kw[k] = tuple(_word(x) for x in (kw[k] or ()))
    if "object_words" in kw:
        groups = kw["object_words"] or ()
        if not isinstance(groups, (list, tuple)):
            raise ValueError(f"{where} entry {i + 1}: object_words must be a list of word lists")
        kw["object_words"] = tuple(tuple(_word(w) for w in (g if isinstance(g, list) else [g]))
                                   for g in groups)
    if "prep_object" in kw:
        kw["prep_object"] = {_word(k): tuple(_word(w) for w in (v or ()))
                             for k, v in (kw["prep_object"] or {}).items()}
    if "contexts" in kw and kw["contexts"] is not None:
        kw["contexts"] = tuple(kw["contexts"])
    if kw["pos"] == "verb":
        kw.setdefault("target", ("dobj",))
    else:
        kw.setdefault("source", ("poss", "compound", "amod", "prep:by"))
    try:
        return Pattern(**kw)
    except TypeError as exc:
        raise ValueError(f"{where} entry {i + 1} ({raw.get('lemma')}): {exc}") from exc


@lru_cache(maxsize=8)
def patterns(extra_files: tuple[str, ...] = ()) -> dict[tuple[str, str], list[Pattern]]:
    """(lemma, pos) -> patterns in file order; entries of ``extra_files`` (user dictionaries,
    ``Config.event_patterns``) come before the packaged ones, so they can refine or replace a
    sense."""
    from pathlib import Path

    first: dict[tuple[str, str], list[Pattern]] = {}
    last: dict[tuple[str, str], list[Pattern]] = {}
    sources = [(str(f), _user_rows(Path(f))) for f in extra_files]
    sources.append(("events/data/patterns.yaml", _yaml("patterns.yaml")))
    for where, rows in sources:
        if rows is not None and not isinstance(rows, list):
            raise ValueError(f"{where}: expected a YAML list of patterns")
        for i, raw in enumerate(rows or []):
            for p in _pattern(raw, i, where):
                (last if p.fallback else first).setdefault((p.lemma, p.pos), []).append(p)
    out = first
    for key, ps in last.items():  # fallback senses: after the packaged ones
        out.setdefault(key, []).extend(ps)
    return out


def _user_rows(path) -> list:
    """A user pattern file: YAML in the pattern format, or a PETRARCH/CAMEO verb dictionary
    (``.txt``, ``.verbs``), converted when loaded (see verb_dicts.py). A dictionary named
    directly is tried after the packaged senses (it adds coverage; our curated senses keep
    precision); to try it first, convert it with ``multivector events import-verbs``."""
    if path.suffix.lower() in (".txt", ".verbs"):
        from .verb_dicts import VerbDictionaryError, convert_file

        try:
            return convert_file(path, fallback=True)[0]
        except VerbDictionaryError as exc:
            raise ValueError(str(exc)) from exc
    if not path.is_file():
        raise ValueError(f"{path}: event pattern file not found")
    return _yaml(path.name, path)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    lex = dict(lang_lexicon("en").section("events"))  # multivector/lang/en/events.yaml
    sector_of: dict[str, str] = {}
    for sector, words in lex["sectors"].items():
        for w in words:
            sector_of.setdefault(str(w).lower(), sector)
    lex["sector_of"] = sector_of
    lex["context_of"] = {str(w).lower(): ctx for ctx, words in (lex.get("contexts") or {}).items()
                         for w in words}
    lex["modality"] = {k: set(map(str, v)) for k, v in lex["modality"].items()}
    return lex


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Lower-case name/demonym/capital -> ISO3 (fallback when the actors stage did not run)."""
    out = {}
    for iso, names in (_yaml("places.yaml") or {}).items():
        for n in names:
            out[str(n).lower()] = iso
    return out
