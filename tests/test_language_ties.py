"""Short English sentences full of names are English, not German or French (a near tie goes to
English); real German, French and Turkish text keeps its language. Sentences written here."""

from __future__ import annotations

from multivector.text.language import LanguageDetector

DET = LanguageDetector(("en", "ru", "zh", "kk", "uk", "tr", "de", "fr"))


def test_a_near_tie_is_english():
    assert DET.detect("The EU froze the assets of Russian oligarchs.") == "en"


def test_other_languages_keep_theirs():
    assert DET.detect("Die EU hat die Vermögen russischer Oligarchen eingefroren.") == "de"
    assert DET.detect("Le président a rencontré son homologue à Astana.") == "fr"
    assert DET.detect("Erdoğan Ankara'da gazetecilere konuştu.") == "tr"
