"""The cue lexicon (``multivector/lang/en/quotes.yaml``; the speech verbs are the ``quotes``
subset of ``lang/en/reporting.yaml``) as sets, loaded once per process.

Kept as data so an analyst can add a reporting verb without touching code."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import yaml

from .. import yamlload
from ..lang import lexicon as lang_lexicon


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    according_to: tuple[str, ...]
    phrasal_particles: dict[str, frozenset[str]] = field(default_factory=dict)
    evidence_verbs: frozenset[str] = frozenset()
    attitude_verbs: frozenset[str] = frozenset()
    lemma_fixes: dict[str, str] = field(default_factory=dict)
    xcomp_verbs: frozenset[str] = frozenset()
    prep_content: dict[str, frozenset[str]] = field(default_factory=dict)
    claim_nouns: frozenset[str] = frozenset()
    headline_sources: frozenset[str] = frozenset()
    evidence_sources: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    interview_markers: tuple[str, ...] = ()
    question_labels: tuple[str, ...] = ()
    answer_labels: tuple[str, ...] = ()
    trailer_prefixes: tuple[str, ...] = ()

    def lemma(self, tok) -> str:
        """The token's lemma, corrected where the model is known to get it wrong."""
        return self.lemma_fixes.get(tok.lower_, tok.lemma_.lower())

    def is_reporting(self, lemma: str) -> bool:
        lemma = lemma.lower()
        return lemma in self.speech_verbs or lemma in self.belief_verbs


@cache
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read the cue file (the packaged one unless ``path`` is given)."""
    if path is None:
        en = lang_lexicon("en")
        data = dict(en.section("quotes"))
        data["speech_verbs"] = sorted(en.subset("reporting_verbs", "quotes"))
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        try:
            data = yamlload.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: not valid YAML: {exc}") from exc

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    return Lexicon(
        speech_verbs=words("speech_verbs"),
        belief_verbs=words("belief_verbs"),
        object_content_verbs=words("object_content_verbs"),
        relay_verbs=words("relay_verbs"),
        according_to=tuple(str(w).lower() for w in data.get("according_to") or []),
        phrasal_particles={k: frozenset(v) for k, v in (data.get("phrasal_particles") or {}).items()},
        evidence_verbs=words("evidence_verbs"),
        attitude_verbs=words("attitude_verbs"),
        lemma_fixes={str(k).lower(): str(v).lower() for k, v in (data.get("lemma_fixes") or {}).items()},
        xcomp_verbs=words("xcomp_verbs"),
        prep_content={k: frozenset(v) for k, v in (data.get("prep_content") or {}).items()},
        claim_nouns=words("claim_nouns"),
        headline_sources=words("headline_sources"),
        evidence_sources=words("evidence_sources"),
        speech_nouns=words("speech_nouns"),
        interview_markers=tuple(str(w).lower() for w in data.get("interview_markers") or []),
        question_labels=tuple(data.get("question_labels") or []),
        answer_labels=tuple(data.get("answer_labels") or []),
        trailer_prefixes=tuple(str(w).lower() for w in data.get("trailer_prefixes") or []),
    )
