"""Find paragraphs that translate another paragraph of the same document.

Blogs and analyses about the region often print an original-language passage (Chinese, Russian)
beside its English translation. Counting both would double every actor, quote and event, so the
non-English paragraph is marked ``translation_of`` the English one and later stages skip it.

Method (no translation model needed): each paragraph is reduced to a set of *anchors* that survive
translation: numbers, and names of states, organisations, people and a few key terms, matched
through a multilingual lexicon (``multivector/lang/mul/anchors.yaml`` plus pycountry's Russian and Chinese
country names). A non-English paragraph is a translation of the English paragraph within three
paragraphs of it that shares the most anchors, when
- they share at least two anchors and the Jaccard overlap is at least 0.6 (measured: true
  translations in our examples and the seeds score 0.6 to 1.0; an original Russian quote next to
  English commentary on the same visit scored 0.5); a single shared anchor counts only
  between adjacent paragraphs (with the same 0.6 overlap);
- their numbers do not contradict (both have numbers but none in common means no);
- their lengths are plausible for a translation (Chinese characters per English character
  0.12 to 0.8; Russian/other to English 0.6 to 1.8);
- both end as prose does (a full stop) or neither does: a headline is translated by a
  headline; a body paragraph about the same two states as the title is not its translation;
- an overlap below 0.7 counts only in a document that has at least one confident pair
  (overlap >= 0.7): a bilingual layout. Why: anchors are few, so a Russian paragraph
  commenting on the same states as the English one before it reaches 0.6 by chance (3 of 5
  anchors shared, a different state on each side), and marking it a translation silently
  dropped its quotes and events; in the seeds' bilingual blog the true pairs score 0.6 to 1.0
  with most at 0.75 or more.
"""

from __future__ import annotations

import copy
import gettext
import re
from functools import lru_cache

from ..lang import lexicon

WINDOW = 3
STRONG = 0.7  # anchor overlap of a confident translation pair (see the module docstring)
_NUM = re.compile(r"\d+(?:[.,]\d+)?")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, list[str]]]:
    lex: dict[str, dict[str, list[str]]] = copy.deepcopy(lexicon("mul").section("anchors"))
    try:
        import pycountry

        tr = {}
        for lang, loc in (("ru", "ru"), ("zh", "zh_CN")):
            try:
                tr[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc]).gettext
            except OSError:
                pass
        for c in pycountry.countries:
            key = c.alpha_3
            entry = lex.setdefault(key, {"en": [], "ru": [], "zh": []})
            names = {c.name, getattr(c, "common_name", c.name)}
            entry.setdefault("en", []).extend(n for n in names if n not in entry["en"])
            for lang, fn in tr.items():
                local = fn(c.name)
                if local and local != c.name:
                    if lang == "ru":  # stem: drop a final vowel/soft sign so case endings match
                        local = re.sub(r"[аяиыоеьй]$", "", local)
                    entry.setdefault(lang, []).append(local)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    return lex


@lru_cache(maxsize=1)
def _matchers():
    en_terms, other_terms = [], []
    for key, names in _lexicon().items():
        for n in names.get("en", []):
            en_terms.append((n, key))
        for lang in ("ru", "zh"):
            for n in names.get(lang, []):
                other_terms.append((n, key, lang))
    en_rx = {}
    for n, key in en_terms:
        if len(n) < 2:
            continue
        flags = 0 if (n.isupper() or len(n) <= 3) else re.I
        en_rx.setdefault(key, []).append(re.compile(rf"(?<![\w.]){re.escape(n)}(?:'s|s)?(?!\w)", flags))
    ru_rx, zh_terms = {}, {}
    for n, key, lang in other_terms:
        if lang == "ru":
            if n.isupper() or len(n) <= 3:
                ru_rx.setdefault(key, []).append(re.compile(rf"(?<!\w){re.escape(n)}(?!\w)"))
            else:
                ru_rx.setdefault(key, []).append(re.compile(rf"(?<!\w){re.escape(n)}\w*", re.I))
        else:
            zh_terms.setdefault(key, []).append(n)
    return en_rx, ru_rx, zh_terms


def anchors(text: str, lang: str | None) -> set[str]:
    en_rx, ru_rx, zh_terms = _matchers()
    found: set[str] = set()
    if lang == "zh":
        for key, terms in zh_terms.items():
            if any(t in text for t in terms):
                found.add(key)
    elif lang in ("ru", "uk", "kk", "be"):
        for key, rxs in ru_rx.items():
            if any(rx.search(text) for rx in rxs):
                found.add(key)
    else:
        for key, rxs in en_rx.items():
            if any(rx.search(text) for rx in rxs):
                found.add(key)
    return found


def numbers(text: str) -> set[str]:
    return {n.replace(",", ".") for n in _NUM.findall(text)}


def _plausible_length(other: str, lang: str | None, english: str) -> bool:
    if not english:
        return False
    ratio = len(other) / len(english)
    if lang == "zh":
        return 0.12 <= ratio <= 0.8
    return 0.6 <= ratio <= 1.8


_CLOSERS = "\"'”’»」』)）"
_TERMINAL = ".!?。！？…:："


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as prose does (a full stop, possibly inside closing marks): a
    headline does not ("China and Kazakhstan discuss new railway"), and neither does its
    translation, while a body paragraph about the same two states does."""
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _TERMINAL


def find_translations(paragraphs: list[tuple[str, str | None]]) -> dict[int, int]:
    """``paragraphs``: (text, lang) in order. Returns {non-English idx: English idx}."""
    en_idx = [i for i, (_, lang) in enumerate(paragraphs) if lang == "en"]
    if not en_idx:
        return {}
    cache: dict[int, tuple[set[str], set[str]]] = {}

    def feats(i: int) -> tuple[set[str], set[str]]:
        if i not in cache:
            text, lang = paragraphs[i]
            cache[i] = (anchors(text, lang), numbers(text))
        return cache[i]

    out: dict[int, int] = {}
    weak: set[int] = set()
    for i, (text, lang) in enumerate(paragraphs):
        if lang in (None, "en"):
            continue
        a, nums = feats(i)
        best, best_score, best_jacc = None, 0.0, 0.0
        for j in en_idx:
            if abs(j - i) > WINDOW:
                continue
            b, nums_b = feats(j)
            shared = a & b
            if not shared:
                continue
            if nums and nums_b and not (nums & nums_b):
                continue
            if not _plausible_length(text, lang, paragraphs[j][0]):
                continue
            if _ends_sentence(text) != _ends_sentence(paragraphs[j][0]):
                continue  # a headline is translated by a headline, a sentence by a sentence
            jacc = len(shared) / len(a | b)
            ok = jacc >= 0.6 and (len(shared) >= 2 or abs(i - j) == 1)
            score = jacc + 0.5 * len(nums & nums_b) - 0.01 * abs(i - j)
            if ok and score > best_score:
                best, best_score, best_jacc = j, score, jacc
        if best is not None:
            out[i] = best
            if best_jacc < STRONG:
                weak.add(i)
    if weak and not (set(out) - weak):
        # no confident pair: a lone non-English paragraph that only half matches is an
        # original passage on the same subject, not a translation
        out = {i: j for i, j in out.items() if i not in weak}
    return out
