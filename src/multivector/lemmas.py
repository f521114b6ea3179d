"""English lemmas the small model's rule lemmatizer gets wrong by one regular mistake.

spaCy's rule lemmatizer strips a suffix by each rule of its table and puts every form its word
index knows first, so the last such rule wins. For a verb whose base ends in a silent "e" after
a short syllable, the rule that strips the whole suffix comes last and finds a real, different
word: "hopes/hoped/hoping"
-> "hop", "waged war" -> "wag", "fined the firm" -> "fin", "rated" -> "rat", "spared" ->
"spar". Everything that matches on lemmas (trigger patterns, modality governors such as "hope",
the CAMEO verb dictionary) then misses the word. English spelling decides it: a base ending in
consonant-vowel-consonant doubles its last letter before -ed/-ing ("hop" -> "hopped") and takes
plain -s, so "hoped", "hoping" and "hopes" can only come from "hope". When the lemmatizer's
form is such a base and the base + "e" is a word of the same part of speech in its index, the
base + "e" is the lemma. No word list: the rule and spaCy's own index decide.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.en.lemmatizer import EnglishLemmatizer

VOWELS = frozenset("aeiou")
# a final w, x or y never doubles ("showed", "boxed", "played")
NO_DOUBLE = frozenset("wxy")
# suffixes that, stripped whole, can leave a consonant-vowel-consonant base wrongly
SUFFIXES = ("es", "ed", "ing")


def short_base(form: str) -> bool:
    """Whether ``form`` ends consonant-vowel-consonant (the spelling that doubles its last
    letter before -ed/-ing: "hop" -> "hopped")."""
    if len(form) < 3:
        return False
    a, b, c = form[-3], form[-2], form[-1]
    return (a.isalpha() and a not in VOWELS and b in VOWELS and c.isalpha()
            and c not in VOWELS and c not in NO_DOUBLE)


def silent_e_lemma(word: str, lemma: str, known: Any) -> str:
    """``lemma`` + "e" when ``word`` is ``lemma`` + one of SUFFIXES, ``lemma`` is a short base
    and ``lemma`` + "e" is in ``known`` (the index for the word's part of speech); else
    ``lemma``."""
    for suffix in SUFFIXES:
        if word == lemma + suffix and short_base(lemma) and lemma + "e" in known:
            return lemma + "e"
    return lemma


class SpellingLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with the silent-e correction of the module doc."""

    def rule_lemmatize(self, token: Any) -> list[str]:
        forms = super().rule_lemmatize(token)
        if not forms or token.pos_ not in ("VERB", "NOUN", "AUX"):
            return forms
        known = self.__dict__.get("_mv_index", {}).get(token.pos_)
        if known is None:
            table = self.lookups.get_table("lemma_index", {})
            known = frozenset(table.get(token.pos_.lower(), ()))
            self.__dict__.setdefault("_mv_index", {})[token.pos_] = known
        fixed = silent_e_lemma(token.lower_, forms[0], known)
        return [fixed] + forms[1:] if fixed != forms[0] else forms


def correct_lemmas(nlp: Any) -> Any:
    """Give ``nlp``'s lemmatizer, when it is spaCy's own English rule lemmatizer, the silent-e
    correction (the class is switched in place; config and pipe names stay). Idempotent."""
    for _name, proc in nlp.pipeline:
        if type(proc) is EnglishLemmatizer and getattr(proc, "mode", None) == "rule":
            proc.__class__ = SpellingLemmatizer
            # spaCy binds the mode's method on the instance at construction: rebind it
            proc.lemmatize = proc.rule_lemmatize
    return nlp
