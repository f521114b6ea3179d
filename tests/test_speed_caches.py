"""Caches that make the pipeline cheaper must not change what it finds.

The gazetteer's patterns are read from a cache file instead of tokenizing every alias at each
start (``actors.english.gazetteer_patterns``): the cached patterns are those a fresh build
gives, a matcher given them finds what a matcher given the alias Docs finds, and other aliases
or another tokenizer get another file.
"""

from __future__ import annotations

import pytest
from spacy.matcher import PhraseMatcher

from multivector.actors import english

EXACT = {"kremlin": ["Kremlin", "kremlin"], "un": ["UN"], "nato": ["NATO"]}
LOWER = {"european union": ["European Union", "the European Union"],
         "foreign ministry": ["foreign ministry"]}
TEXT = ("The Kremlin said the European Union and NATO met the UN and the Foreign Ministry; "
        "the kremlin and the european union did not.")


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MULTIVECTOR_CACHE", str(tmp_path))
    return tmp_path / "multivector"


def _doc_matcher(nlp, attr: str, terms: dict[str, list[str]], exact: bool) -> PhraseMatcher:
    """The matcher as it was built before the cache: from the alias Docs."""
    m = PhraseMatcher(nlp.vocab, attr=attr)
    for key, aliases in terms.items():
        forms = sorted(set(aliases) | {a[:1].upper() + a[1:] for a in aliases if a.islower()}) \
            if exact else aliases
        m.add(key, list(nlp.tokenizer.pipe(forms)))
    return m


def test_cached_patterns_are_the_fresh_ones(nlp, cache_dir):
    first = english.gazetteer_patterns(nlp, EXACT, LOWER)
    files = list(cache_dir.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    again = english.gazetteer_patterns(nlp, EXACT, LOWER)  # from the file
    assert again == first
    assert first == (english._token_keys(nlp, EXACT, True), english._token_keys(nlp, LOWER, False))
    # the exact matcher is also given a lower-case alias capitalised
    assert len(dict(first[0])["kremlin"]) == 2


def test_hash_patterns_match_as_the_alias_docs(nlp, cache_dir):
    exact, lower = english.gazetteer_patterns(nlp, EXACT, LOWER)
    sdoc = nlp.make_doc(TEXT)
    for attr, patterns, terms, is_exact in (("ORTH", exact, EXACT, True),
                                            ("LOWER", lower, LOWER, False)):
        m = PhraseMatcher(nlp.vocab, attr=attr)
        for key, keywords in patterns:
            m.add(key, keywords)
        got = m(sdoc)
        assert got == _doc_matcher(nlp, attr, terms, is_exact)(sdoc)
        assert got  # the text names them
    names = {sdoc[s:e].text for _, s, e in m(sdoc)}
    assert {"European Union", "european union", "Foreign Ministry"} <= names


def test_other_aliases_get_another_file(nlp, cache_dir):
    english.gazetteer_patterns(nlp, EXACT, LOWER)
    changed = english.gazetteer_patterns(nlp, EXACT, {**LOWER, "security council": ["Security Council"]})
    assert len(list(cache_dir.glob("gazetteer-*.pickle"))) == 2
    assert dict(changed[1])["security council"] == [
        tuple(t.lower for t in nlp.make_doc("Security Council"))]


def test_unwritable_cache_still_builds(nlp, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MULTIVECTOR_CACHE", str(blocker))  # a file where a folder should be
    assert english.gazetteer_patterns(nlp, EXACT, LOWER)[0] == english._token_keys(nlp, EXACT, True)


def test_phrase_doc_is_as_doc_and_leaves_the_paragraph_as_it_was(nlp):
    """``phrase_doc`` hands ``Span.as_doc`` the paragraph's array made once; as_doc writes into
    the rows it is given (heads outside the span, a cut entity's first tag), so each phrase
    must get a copy or the next phrase of the paragraph would read a changed parse."""
    from multivector.actors.resolve import phrase_doc

    sdoc = nlp("Rebels in the eastern Democratic Republic of Congo attacked a camp run by "
               "the United Nations, and Rwanda denied any role in the attack.")
    head = sdoc._get_array_attrs()
    before = sdoc.to_array(head).copy()
    spans = [sdoc[i:j] for i in range(len(sdoc)) for j in range(i + 1, min(i + 6, len(sdoc)) + 1)]
    for sp in spans:  # the same paragraph over and over: the cached array serves them all
        got = phrase_doc(sp)
        want = sp.as_doc()
        for t in want:
            if t.head.i == t.i:
                t.dep_ = "ROOT"
        assert got.to_bytes() == want.to_bytes(), sp.text
    assert (sdoc.to_array(head) == before).all()


def test_plain_lexemes_only_for_spaced_keys_and_getters_restored(nlp):
    vocab = nlp.vocab
    getters = vocab.lex_attr_getters
    spaced, single = "zqplain spaced key", "Zqplainsingle"
    assert spaced not in vocab and single not in vocab
    english.plain_lexemes(vocab, [spaced, single])
    assert spaced in vocab  # made, with its string stored for the match ID
    assert vocab.strings[vocab.strings[spaced]] == spaced
    assert single not in vocab  # a possible token's text: left to the normal path
    assert vocab.lex_attr_getters is getters
    assert vocab[single].shape_ == "Xxxxx"  # later lexemes get their attributes as before
    assert vocab[single].is_title


def test_matcher_with_plain_key_lexemes_matches_the_same(nlp):
    """A matcher whose keys were made by plain_lexemes finds what one with ordinary keys finds."""
    sdoc = nlp.make_doc(TEXT)
    phrases = {"european union": "European Union", "foreign ministry": "foreign ministry"}
    found = {}
    for prefix, plain in (("zqplain ", True), ("zqnormal ", False)):
        m = PhraseMatcher(nlp.vocab, attr="LOWER")
        if plain:
            english.plain_lexemes(nlp.vocab, [prefix + k for k in phrases])
        for key, alias in phrases.items():
            m.add(prefix + key, [tuple(t.lower for t in nlp.make_doc(alias))])
        found[plain] = [(nlp.vocab.strings[mid].removeprefix(prefix), s, e)
                        for mid, s, e in m(sdoc)]
    assert found[True] == found[False]
    assert sorted(k for k, _, _ in found[True]) == ["european union", "european union",
                                                    "foreign ministry"]
