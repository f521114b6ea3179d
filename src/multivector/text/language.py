"""Language of each paragraph (and of each sentence in a mixed paragraph).

Method (documented in the README):
1. Count letters per script. Han script means Chinese directly (the only Han language in the
   configured set); Cyrillic and Latin paragraphs go to a lingua detector restricted to the
   configured languages *of that script* (default set: en, ru, zh, kk, uk, tr, de, fr). Restricting
   the candidates is what keeps lingua fast and stops it mislabelling mixed text.
2. A paragraph with two scripts each holding at least 15% of its letters is split at sentence
   boundaries; each sentence is detected alone and runs of one language become separate
   paragraphs.
3. Paragraphs too short to judge (under 12 letters: counters, names) take the language of the
   nearest judged paragraph before them (or after, at the start).
4. A near tie between English and another language of the same script (English at least 60%
   of the top confidence) is English: short English sentences full of names were read as German.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import script_languages

SCRIPTS = script_languages()  # script -> codes, from the language registry
MIN_LETTERS = 12
PRIMARY = "en"
TIE_SHARE = 0.6  # English wins when its confidence is at least this share of the top one


def script_counts(text: str) -> dict[str, int]:
    counts = {"latin": 0, "cyrillic": 0, "han": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        o = ord(ch)
        if o < 0x250:
            counts["latin"] += 1
        elif 0x400 <= o <= 0x52F:
            counts["cyrillic"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            counts["han"] += 1
        else:
            counts["other"] += 1
    return counts


@lru_cache(maxsize=16)
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = []
    for c in codes:
        iso = getattr(IsoCode639_1, c.upper(), None)
        if iso is not None:
            isos.append(iso)
    if len(isos) < 2:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()


class LanguageDetector:
    def __init__(self, languages: tuple[str, ...] | list[str]):
        self.languages = tuple(languages)
        # the registry as it is now, not as it was at import: a language registered later (a
        # plugin, a test's toy language) is detected like a built-in one
        self.by_script = {s: tuple(c for c in self.languages if c in codes)
                          for s, codes in script_languages().items()}

    def dominant_script(self, counts: dict[str, int]) -> str | None:
        total = sum(counts.values())
        if total == 0:
            return None
        return max(counts, key=lambda k: counts[k])

    def detect(self, text: str) -> str | None:
        counts = script_counts(text)
        if sum(counts.values()) < MIN_LETTERS and counts["han"] < 4:
            return None
        script = self.dominant_script(counts)
        if script is None or script == "other":
            return None
        cands = self.by_script.get(script, ())
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        det = _detector(cands)
        if det is None:
            return None
        vals = det.compute_language_confidence_values(text)
        if not vals or vals[0].value <= 0:
            return None
        top = vals[0].language.iso_code_639_1.name.lower()
        if top != PRIMARY and PRIMARY in cands:
            # a near tie goes to English, the language the tool reads most: "The EU froze the
            # assets of Russian oligarchs." scored German 0.48, English 0.47
            en = next((v.value for v in vals if v.language.iso_code_639_1.name.lower() == PRIMARY),
                      0.0)
            if en >= TIE_SHARE * vals[0].value:
                return PRIMARY
        return top

    def is_mixed(self, text: str) -> bool:
        counts = script_counts(text)
        total = sum(counts.values())
        if total < 2 * MIN_LETTERS:
            return False
        big = [s for s, n in counts.items() if s != "other" and n / total >= 0.15]
        return len(big) >= 2


_SENT = re.compile(r"(?<=[.!?…。！？])[\"”»」』)]*\s*(?=\S)")


def rough_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (absolute) by punctuation, for text without a parse."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT.finditer(text):
        end = m.start()
        # keep closing quotes/brackets with the sentence they close
        while end < len(text) and text[end] in "\"”»」』)":
            end += 1
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((offset + s, offset + e))
    return out
