"""Russian paragraphs: natasha NER and lemmas, then the knowledge base's Russian aliases.

Russian inflects names ("Казахстана", "Лаврову"), so both sides are compared as lemma sequences:
the aliases are lemmatised once with pymorphy2 (which natasha's MorphVocab wraps) and the text
with natasha's morphology tagger. natasha's models ship inside the installed packages; they are
loaded on the first Russian paragraph only (about 1.5 s), so English-only runs never pay for it.
"""

from __future__ import annotations

import re
from typing import Any

from ...actors.candidates import Cand
from ...actors.kb import KnowledgeBase, slug
from ...doc import Actor
from .. import lexicon as lang_lexicon

CYR = re.compile(r"[А-Яа-яЁё]")
# "Россия-НАТО", "Иран–Сирия": the parts of a one-token pair of names
PAIR_SPLIT = re.compile(r"[-‐‑–—]")
PAIR_PART = re.compile(r"[^-‐‑–—]+")
MAX_ALIAS_TOKENS = 6
FUNCTION_POS = {"PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "ADV", "AUX", "VERB", "NUM"}
_LEX = lang_lexicon("ru")
TRANSLIT: dict[str, str] = {str(k): str(v) for k, v in _LEX.table("translit").items()}
TRANSLIT_MIN = float(_LEX.get("translit_min_score"))
TRANSLIT_SURNAME = float(_LEX.get("translit_min_surname"))


def transliterate(text: str) -> str:
    """Cyrillic -> Latin by the letter table of ``lang/ru/actors.yaml`` (lower case)."""
    return "".join(TRANSLIT.get(ch, ch) for ch in text.lower())


def _fold_latin(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z\-]+", t))


RU_PLACE_PREPS = lang_lexicon("ru").words("place_preps")
# a wire dateline ("АСТАНА, 14 марта 2024 (...) — ..."): its city is where, not who
_DATELINE = lang_lexicon("ru").section("parse").get("dateline")
DATELINE = re.compile(_DATELINE) if _DATELINE else None


class RussianRecognizer:
    def __init__(self, kb: KnowledgeBase):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        self.kb = kb
        self._latin: dict[str, str] | None = None
        self._latin_keys: list[str] = []
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        emb = NewsEmbedding()
        self.morph = NewsMorphTagger(emb)
        self.ner = NewsNERTagger(emb)
        self.table: dict[tuple[str, ...], list] = {}
        exact: dict[tuple[str, ...], int] = {}
        for key, entries in kb.index.get("ru", {}).items():
            lem = self._lemmas_of_alias(key)
            if lem:
                bucket = self.table.setdefault(lem, [])
                if lem == tuple(re.findall(r"[\w\-]+", key.lower())):
                    # the alias is its own lemma: it goes before aliases that only lemmatise
                    # to it ("Асад" before "Асадов", which pymorphy reads as plural "Асады")
                    at = exact.get(lem, 0)
                    bucket[at:at] = entries
                    exact[lem] = at + len(entries)
                else:
                    bucket.extend(entries)
        for word, iso in kb.demonyms_ru.items():
            lem = self._lemmas_of_alias(word)
            if lem and lem not in self.table:
                from ...actors.kb import Entry

                self.table[lem] = [Entry(iso, "demonym", "ru")]

    def _by_transliteration(self, name: str) -> list:
        """KB people whose Latin name matches the transliterated Russian one (Токаев ->
        Tokayev): the KB lists Russian names for some people only."""
        from rapidfuzz import fuzz, process

        from ...actors.kb import Entry

        if self._latin is None:
            self._latin = {}
            for a in self.kb.actors.values():
                if a.type == "person" and not a.discovered:
                    for n in [a.name, *a.aliases.get("en", [])]:
                        key = _fold_latin(n)
                        if len(key.split()) >= 2:
                            self._latin.setdefault(key, a.id)
            self._latin_keys = list(self._latin)
        latin = transliterate(name)
        hit = process.extractOne(latin, self._latin_keys, scorer=fuzz.ratio,
                                 score_cutoff=TRANSLIT_MIN)
        if hit is None:
            return []
        key = hit[0]
        if fuzz.ratio(latin.split()[-1], key.split()[-1]) < TRANSLIT_SURNAME:
            return []
        return [Entry(self._latin[key], "name", "ru")]

    def _lemmas_of_alias(self, alias: str) -> tuple[str, ...]:
        words = re.findall(r"[\w\-]+", alias.lower())
        out = []
        for w in words:
            parses = self.morph_vocab.parse(w) if hasattr(self.morph_vocab, "parse") else []
            out.append(parses[0].normal_form if parses else w)
        return tuple(out)

    def _pair(self, tok: Any, base: int) -> list[Cand]:
        """"встреча Россия-НАТО", "ось Иран-Сирия": one token that joins two names with a hyphen
        or dash names both (a relation, a pair of parties); each capitalised part that is
        itself a name of the knowledge base (not a person: "Римский-Корсаков") is a mention.
        A hyphenated name the knowledge base knows whole ("Тель-Авив") never gets here."""
        parts = [(m.start(), m.group()) for m in PAIR_PART.finditer(tok.text)]
        if len(parts) < 2 or len(parts) != len(PAIR_SPLIT.split(tok.text)):
            return []
        out = []
        for at, part in parts:
            if not part[:1].isupper():
                return []
            entries = self.table.get(self._lemmas_of_alias(part))
            if not entries:
                return []
            entry = sorted(entries, key=lambda e: {"name": 0, "metonym": 1}.get(e.kind, 2))[0]
            actor = self.kb.actors[entry.actor_id]
            if actor.type == "person" or entry.kind == "demonym":
                return []
            a = base + tok.start + at
            out.append(Cand(a, a + len(part), actor.id, "alias" if entry.kind == "name"
                            else "metonym", language="ru", kind="name", sector=actor.sector))
        return out

    def paragraph(self, text: str, base: int, date: str | None = None) -> list[Cand]:
        from natasha import Doc as NDoc

        if not CYR.search(text):
            return []
        nd = NDoc(text)
        nd.segment(self.segmenter)
        nd.tag_morph(self.morph)
        nd.tag_ner(self.ner)
        for t in nd.tokens:
            t.lemmatize(self.morph_vocab)
        toks = nd.tokens
        lemmas = [(t.lemma or t.text).lower() for t in toks]
        cands: list[Cand] = []
        places: list[tuple[int, int]] = []  # names that are only a place: no actor, no NER
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(MAX_ALIAS_TOKENS, len(toks) - i), 0, -1):
                key = tuple(lemmas[i:i + n])
                if key in self.table:
                    hit = (n, self.table[key])
                    break
            if hit is None:
                cands.extend(self._pair(toks[i], base))
                i += 1
                continue
            n, entries = hit
            if n == 1 and toks[i].text.islower() and entries[0].kind != "demonym" and \
                    not any(e.kind == "metonym" for e in entries):
                i += 1  # lower-case common words are not names
                continue
            if n == 1 and entries[0].kind != "demonym" and \
                    getattr(toks[i], "pos", None) in FUNCTION_POS:
                i += 1  # "То", "Тем" at a sentence start are pronouns, not Togo
                continue
            entry = sorted(entries, key=lambda e: {"name": 0, "metonym": 1, "capital": 2}.get(e.kind, 3))[0]
            actor = self.kb.actors[entry.actor_id]
            method = {"capital": "metonym", "metonym": "metonym", "demonym": "demonym"}.get(
                entry.kind, "alias")
            dateline = i == 0 and DATELINE is not None and DATELINE.match(text) is not None
            if dateline and entry.kind == "metonym" and not actor.country:
                places.append((toks[i].start, toks[i + n - 1].stop))
                i += n  # "БРЮССЕЛЬ, 5 мая —": where the report was filed, not the EU
                continue
            if entry.kind == "capital" and (dateline or i > 0 and lemmas[i - 1] in RU_PLACE_PREPS):
                # "в Астану", "АСТАНА, 14 марта —": a place, not the government
                actor, method = self.kb.actors[actor.country or ""], "capital"
            s, e = toks[i].start, toks[i + n - 1].stop
            cands.append(Cand(base + s, base + e, actor.id, method, language="ru",
                              person=actor.type == "person",
                              kind="person" if actor.type == "person" else "name",
                              sector=actor.sector))
            i += n
        covered = [(c.start, c.end) for c in cands] + [(base + a, base + b) for a, b in places]
        for sp in nd.spans:
            a, b = base + sp.start, base + sp.stop
            if any(a < e and s < b for s, e in covered):
                continue
            sp.normalize(self.morph_vocab)
            normal = sp.normal or sp.text
            hits = self.kb.lookup(normal, "ru")
            if not hits and sp.type == "PER" and len(normal.split()) >= 2:
                hits = self._by_transliteration(normal)
            if hits:
                actor = self.kb.actors[hits[0].actor_id]
                cands.append(Cand(a, b, actor.id, "ner", language="ru",
                                  person=actor.type == "person",
                                  kind="person" if actor.type == "person" else "name"))
            elif sp.type == "PER" and len(normal.split()) >= 2:
                actor = Actor(id=f"PER:{slug(normal)}", name=normal, type="person",
                              aliases={"ru": [normal]}, discovered=True)
                cands.append(Cand(a, b, actor.id, "discovered", language="ru", person=True,
                                  kind="person", actor=actor, meta={"name": normal}))
            elif sp.type == "PER":
                cands.append(Cand(a, b, None, "surname", language="ru", person=True,
                                  kind="unresolved-person", meta={"name": normal}))
        # a lone capitalised proper noun natasha's NER left out ("Умаров заявил"): a surname
        # candidate, linked only when it is the surname of someone the document names in full
        # (``Linker.resolve_references``); otherwise it stays unresolved and is not written
        taken = [(c.start, c.end) for c in cands] + [(base + a, base + b) for a, b in places]
        for t in toks:
            a, b = base + t.start, base + t.stop
            if getattr(t, "pos", None) != "PROPN" or not t.text[:1].isupper() \
                    or not CYR.search(t.text) or any(a < e and s < b for s, e in taken):
                continue
            cands.append(Cand(a, b, None, "surname", language="ru", person=True,
                              kind="unresolved-person", meta={"name": t.text}))
        return cands
