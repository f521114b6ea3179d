"""Output-identical, cheaper stand-ins for two per-token Python steps of spaCy's English pipeline.

After the parser, ``en_core_web_sm`` runs an attribute ruler (179 Matcher patterns tried on every
token, then a Span and a Python call per match) and a rule lemmatizer (a Python call per token,
whose cache skips the commonest paths: a singular noun, a proper noun, an infinitive). Together
they were ~11% of a `multivector analyze` run (py-spy over 300 BBC articles), more than the
events stage's classifier. Both compute a token's values from a handful of that token's own
attributes, so both are memoised here on exactly those attributes:

* the attribute ruler: a rule whose patterns are all one token long, with no operator, testing
  only string attributes by equality / ``IN`` / ``NOT_IN`` (or a boolean flag), matches a token
  iff it matches any token with the same values of those attributes, where a string value that
  no such rule names can be replaced by one "other" marker. Those rules' matches are looked up
  per token on that key (a miss runs the rules' own Matcher on the one-token span); every other
  rule (two-token patterns, ``REGEX``) still runs as a Matcher over the Doc. The matches are
  sorted and applied by the ruler's own ``set_annotations``, as before.
* the lemmatizer (rule mode, English or the base class): its result is a function of the
  token's ORTH, POS and MORPH (``rule_lemmatize`` and ``EnglishLemmatizer.is_base_form`` read
  nothing else), so every path is cached on that triple, not only the one spaCy caches. A token
  without a POS still goes through spaCy's code (it warns). A word not seen before is
  lemmatized by spaCy's own ``rule_lemmatize`` with the known-word lists as sets (it only
  tests membership): each candidate form of a plural noun was a scan of a 57k-word list, ~2.5
  CPU s per 300 articles at the start of every process.

``memoize_pipeline`` switches the class of the two component objects in place (no new
factories: ``nlp.config`` and the pipe names stay as they are). The stock model, as
``benchmarks/throughput.py`` times it for the floor, is unchanged. tests/test_nlp_memo.py
compares ``Doc.to_bytes()`` of both ways over a range of texts.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id

from .lemmas import SpellingLemmatizer

# token attributes a memoised rule may test: string-valued ones (compared by hash) and flags
_STRING_ATTRS = frozenset({"LOWER", "ORTH", "NORM", "TAG", "DEP"})
_SET_PREDICATES = frozenset({"IN", "NOT_IN"})


def _flag(name: str) -> bool:
    return (name.startswith("IS_") or name.startswith("LIKE_")) and name in IDS


def _simple(pattern: list[dict]) -> dict[str, set[str] | None] | None:
    """The attributes a one-token pattern tests, each with the strings it names (None for a
    flag); None when the pattern is longer, has an operator or a predicate beyond equality,
    ``IN`` and ``NOT_IN``."""
    if len(pattern) != 1:
        return None
    named: dict[str, set[str] | None] = {}
    for name, value in pattern[0].items():
        if _flag(name):
            if not isinstance(value, bool):
                return None
            named[name] = None
        elif name in _STRING_ATTRS:
            if isinstance(value, str):
                named[name] = {value}
            elif isinstance(value, dict) and value and set(value) <= _SET_PREDICATES \
                    and all(isinstance(v, list) and all(isinstance(s, str) for s in v)
                            for v in value.values()):
                named[name] = {s for v in value.values() for s in v}
            else:
                return None
        else:  # "OP", "_", REGEX-only attributes, MORPH, POS, ...: the full Matcher
            return None
    return named


def _needs(pattern: list[dict]) -> list[tuple[str, Any]]:
    """What a Doc must hold somewhere for ``pattern`` to match in it: (attribute, a set of
    string ids one token has) or (attribute, a regular expression one token's string matches),
    from its tokens without an operator. Empty: no such test (the pattern may match anywhere)."""
    out: list[tuple[str, Any]] = []
    for spec in pattern:
        if "OP" in spec:
            continue
        for name, value in spec.items():
            if name not in _STRING_ATTRS:
                continue
            if isinstance(value, str):
                out.append((name, frozenset({get_string_id(value)})))
            elif isinstance(value, dict):
                if isinstance(value.get("IN"), list):
                    out.append((name, frozenset(get_string_id(v) for v in value["IN"])))
                if isinstance(value.get("REGEX"), str):
                    out.append((name, re.compile(value["REGEX"])))
    return out


class MemoAttributeRuler(AttributeRuler):
    """An AttributeRuler whose one-token rules are looked up per token (see the module doc)."""

    def _memo_build(self) -> None:
        singles, rest = Matcher(self.vocab), Matcher(self.vocab)
        named: dict[str, set[str] | None] = {}
        needs: list[list[tuple[str, Any]]] = []
        n_single = n_rest = 0
        for i in range(len(self.attrs)):
            key = self.vocab.strings[str(i)]
            got = self.matcher.get(key)
            if got is None:
                continue
            patterns = got[1]
            tests = [_simple(p) for p in patterns]
            if patterns and all(t is not None for t in tests):
                singles.add(key, patterns)
                n_single += 1
                for t in tests:
                    for name, strings in (t or {}).items():
                        if strings is None:
                            named.setdefault(name, None)
                        else:
                            have = named.setdefault(name, set())
                            if have is not None:
                                have |= strings
            else:
                rest.add(key, patterns)
                n_rest += 1
                needs.extend(_needs(p) for p in patterns)
        order = sorted(named)
        self._memo_attrs = [IDS[n] for n in order]
        self._memo_known = [None if named[n] is None else {get_string_id(s) for s in named[n] or ()}
                            for n in order]
        # the value every string no rule names is read as: any one of them (they all behave alike)
        self._memo_other = [0 if k is None else next(v for v in range(1, len(k) + 2) if v not in k)
                            for k in self._memo_known]
        # the rules the Matcher still runs are run only on a Doc that has what one of their
        # patterns needs ("there are": an expletive and a form of "be")
        self._memo_needs = None if any(not n for n in needs) else needs
        need_attrs = sorted({name for n in needs for name, _ in n})
        self._memo_need_attrs = [IDS[n] for n in need_attrs]
        self._memo_need_col = {n: j for j, n in enumerate(need_attrs)}
        self._memo_regex: dict[tuple[Any, int], bool] = {}
        self._memo_singles = singles if n_single else None
        self._memo_rest = rest if n_rest else None
        self._memo: dict[tuple, list[int]] = {}
        self._memo_size = len(self.attrs)

    def match(self, doc: Any) -> list:
        if getattr(self, "_memo_size", None) != len(self.attrs):
            self._memo_build()  # first call, or rules added since
        found: list[tuple[int, int, int]] = []
        singles = self._memo_singles
        if singles is not None and len(doc):
            memo = self._memo
            cols = doc.to_array(self._memo_attrs).T.tolist()
            for j, (k, other) in enumerate(zip(self._memo_known, self._memo_other)):
                if k is not None:
                    cols[j] = [v if v in k else other for v in cols[j]]
            for i, key in enumerate(zip(*cols)):
                ids = memo.get(key)
                if ids is None:
                    ids = [m for m, _s, _e in singles(doc[i:i + 1], allow_missing=True)]
                    memo[key] = ids
                for m in ids:
                    found.append((m, i, i + 1))
        if self._memo_rest is not None and self._rest_may_match(doc):
            found.extend(self._memo_rest(doc, allow_missing=True))
        strings = self.vocab.strings
        matches = [(int(strings[m]), m, s, e) for m, s, e in found]
        matches.sort()
        return matches

    def _rest_may_match(self, doc: Any) -> bool:
        """Whether one pattern of the rules left to the Matcher has what it needs in ``doc``
        (a necessary condition: the Matcher decides)."""
        if self._memo_needs is None:
            return True
        if not len(doc):
            return False
        cols = doc.to_array(self._memo_need_attrs)
        have = [set(cols[:, j].tolist()) for j in range(cols.shape[1])]
        strings, seen = self.vocab.strings, self._memo_regex
        for needs in self._memo_needs:
            ok = True
            for name, test in needs:
                values = have[self._memo_need_col[name]]
                if isinstance(test, frozenset):
                    ok = not test.isdisjoint(values)
                else:
                    ok = False
                    for v in values:
                        hit = seen.get((test, v))
                        if hit is None:
                            hit = seen[(test, v)] = test.search(strings[v]) is not None
                        if hit:
                            ok = True
                            break
                if not ok:
                    break
            if ok:
                return True
        return False


def _set_index(lookups: Any) -> Any:
    """``lookups`` with each part of speech's ``lemma_index`` word list as a frozenset: the
    lemmatizer only asks whether a form is in it (``form in index``), which on the list scans
    up to 57k nouns for every candidate form of a word not seen before."""
    fast = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            table = Table.from_dict({k: frozenset(v) for k, v in table.items()}, name=name)
        fast.set_table(name, table)
    return fast


def _memo_lemmatizer(base: type) -> type:
    class MemoLemmatizer(base):
        """A rule lemmatizer that caches every path on (ORTH, POS, MORPH), and looks forms up
        in sets; see the module doc."""

        def rule_lemmatize(self, token: Any) -> list[str]:
            real: Any = self.lookups  # type: ignore[has-type]
            fast = self.__dict__.get("_mv_lookups")
            if fast is None or fast[0] is not real:  # first call, or new tables
                fast = self._mv_lookups = (real, _set_index(real))
            self.lookups = fast[1]
            try:
                return super().rule_lemmatize(token)
            finally:
                self.lookups = real

        def __call__(self, doc: Any) -> Any:
            if self.overwrite or self.mode != "rule":
                return super().__call__(doc)
            if not self._validated:
                self._validate_tables(Errors.E1004)
            error_handler = self.get_error_handler()
            try:
                state: tuple[Any, dict] | None = self.__dict__.get("_mv_state")
                if state is None or state[0] is not self.lookups:  # new tables: new lemmas
                    state = (self.lookups, {})
                    self._mv_state = state
                memo = state[1]
                arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
                changed = False
                strings = self.vocab.strings
                for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
                    if lemma != 0:
                        continue
                    key = (orth, pos, morph)
                    value = memo.get(key)
                    if value is None:
                        value = strings.add(self.lemmatize(doc[i])[0])
                        if pos != 0:  # spaCy warns for a token without a POS: each time
                            memo[key] = value
                    arr[i, 3] = value
                    changed = True
                if changed:
                    doc.from_array([LEMMA], arr[:, 3:4])
                return doc
            except Exception as e:  # noqa: BLE001 - spaCy's own error handling, as its __call__
                error_handler(self.name, self, [doc], e)

    MemoLemmatizer.__name__ = MemoLemmatizer.__qualname__ = "Memo" + base.__name__
    return MemoLemmatizer


_MEMO_LEMMATIZERS = {base: _memo_lemmatizer(base)
                     for base in (Lemmatizer, EnglishLemmatizer, SpellingLemmatizer)}


def memoize_pipeline(nlp: Any) -> Any:
    """Give ``nlp``'s attribute ruler and rule lemmatizer (when they are spaCy's own classes,
    not a subclass with other behaviour) the memoised classes above. Idempotent."""
    for _name, proc in nlp.pipeline:
        if type(proc) is AttributeRuler:
            proc.__class__ = MemoAttributeRuler
        elif type(proc) in _MEMO_LEMMATIZERS and getattr(proc, "mode", None) == "rule":
            base = type(proc)
            proc.__class__ = _MEMO_LEMMATIZERS[base]
            # spaCy binds ``lemmatize`` to the mode's method when the component is made
            if getattr(proc.lemmatize, "__func__", None) is base.rule_lemmatize:
                proc.lemmatize = proc.rule_lemmatize
    return nlp
