"""Statement events from what people say: CAMEO 01x, 02x, 05x, 10x and 11x from the quotes stage.

News is mostly what people say about each other, and event data codes it (PETRARCH: "X said
... Y" is a statement from X to Y; "X urged Y to ..." an appeal; "X criticised Y" 111). The
quotes stage has already found who said what (``doc.quotes``: the speaker resolved to an actor,
the cue, the content span); this module turns such a quote into one event when

* its speaker is a resolved actor (the quote's speaker, never a guess: no actor id, no event);
* its content (or the cue's object: "urged Ukraine to ...") names another actor, the target:
  the cue's object or prepositional object for cue verbs that take one, else the subject of the
  reported clause, else the first actor argument inside it (shallowest first);
* no other event of the coder already covers that clause (the specific event wins: "X said Y
  attacked Z" is Y's attack, attributed to X).

Typing (word lists in ``lang/en/statements.yaml``): the cue verb when listed (urge 020, demand
100, criticise 111, accuse 112, praise 051, defend 052, deny 016); else the target as subject of
should/ought/need to (appeal, 02x) or must/has to (demand, 10x), sub-coded by the PLOVER type of
the act asked for; else evaluative words with the target in their scope (the stance lexicon's
role, attitude and quality cues, ``lang/en/stance.yaml``, plus ``statement_evaluative``):
criticism 111 or praise 051; else sympathy (018), optimistic or pessimistic words (013/012);
else 010.

A statement is ``asserted`` (the saying happened) with ``attributed_to`` the quote. Its
confidence is below that of every other event of its sentence, so a sentence's most confident
event stays the real one. The coder's own bare statement (the classifier's "said" with no
target) is dropped: an analyst gains nothing from "X made a statement".
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from ..doc import ActorRef, Doc, Event, Quote
from ..lang import lexicon as lang_lexicon
from .arguments import SPOKES_NOUNS, head_sector, np_range, public
from .attribution import attributed_to
from .dates import event_date
from .dyads import state_and_group
from .home import HOME_SECTORS, STATELESS_SECTORS, home_country
from .modality import condition_clause, modality_of
from .orgs import named_org

# below the pattern and classifier events of the sentence (see cap in statement_events)
STATEMENT_CONFIDENCE = 0.4
QUOTE_KINDS = ("direct", "indirect")
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
CLAUSE_DEPS = ("nsubj", "nsubjpass")
ARG_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "poss", "agent", "appos",
            "conj", "compound", "nmod", "oprd")
# dependents to follow when looking for an actor argument inside the content
WALK_DEPS = ARG_DEPS + ("prep", "ccomp", "xcomp", "acomp", "advcl", "pcomp", "acl", "relcl")


@cache
def _words() -> dict[str, Any]:
    lex = lang_lexicon("en")
    stance = lex.section("stance")
    evaluative: dict[str, tuple[float, str]] = {}
    for kind in ("role", "attitude", "quality"):
        for key, weight in (stance.get(kind) or {}).items():
            word, _, pos = str(key).partition("/")
            if " " in word:
                continue
            evaluative[f"{word}/{pos}" if pos else word] = (float(weight), kind)
    for key, weight in lex.table("statement_evaluative").items():
        evaluative[str(key)] = (float(weight), "quality")
    return {
        "cues": {str(k): str(v) for k, v in lex.table("statement_cues").items()},
        # the verbs whose quotes are statements: views stated (reporting verbs of the stance
        # subset), the typed cues and "voiced/expressed concern"; not attitudes, plans, promises
        "speech": lex.subset("reporting_verbs", "stance") | lex.words("statement_speech_verbs")
        | frozenset(str(k) for k in lex.table("statement_cues")),
        "particles": {str(k): frozenset(str(w) for w in v)
                      for k, v in lex.table("statement_cue_particles").items()},
        "cue_preps": lex.words("statement_cue_preps"),
        "appeal_modals": lex.words("statement_appeal_modals"),
        "appeal_verbs": lex.words("statement_appeal_verbs"),
        "demand_modals": lex.words("statement_demand_modals"),
        "demand_verbs": lex.words("statement_demand_verbs"),
        "appeal_codes": {str(k): str(v) for k, v in lex.table("statement_appeal_codes").items()},
        "demand_codes": {str(k): str(v) for k, v in lex.table("statement_demand_codes").items()},
        "evaluative": evaluative,
        "reporter_types": lex.words("statement_reporter_types"),
        "reporter_sectors": lex.words("statement_reporter_sectors"),
        "opinion_sectors": lex.words("statement_opinion_sectors"),
        "negative_at": float(lex.get("statement_negative_at")),
        "positive_at": float(lex.get("statement_positive_at")),
        "optimistic": lex.words("statement_optimistic"),
        "pessimistic": lex.words("statement_pessimistic"),
        "empathetic": lex.words("statement_empathetic"),
    }


def statement_events(coder: Any, doc: Doc, sent: Any, resolver: Any,
                     coded: list[Event]) -> list[Event]:
    """``coded`` (the sentence's events) without the coder's bare statements, plus the
    statement events of the quotes of sentence ``sent`` (see module docstring). ``coder`` is
    the ``EventCoder``: its argument resolution and speaker references are reused."""
    out = [e for e in coded if not _bare_statement(e)]
    span = sent.span
    if span is None or not doc.quotes:
        return out
    added: list[Event] = []
    for quote in doc.quotes:
        if quote.kind not in QUOTE_KINDS or quote.speaker is None or not quote.cue:
            continue
        if quote.end <= sent.start or quote.start >= sent.end:
            continue
        ev = _statement(coder, doc, sent, resolver, quote, out + added)
        if ev is not None:
            added.append(ev)
    if added:
        floor = min((e.confidence for e in out), default=1.0)
        for ev in added:
            ev.confidence = round(max(0.01, min(STATEMENT_CONFIDENCE, floor - 0.01)), 3)
    return out + added


def _bare_statement(ev: Event) -> bool:
    """The classifier's statement with no target ("X said"): says nothing an analyst can use."""
    return bool((ev.cameo or "").startswith("01") and not ev.target
                and ev.typed_by == ["classifier"])


def _statement(coder: Any, doc: Doc, sent: Any, resolver: Any, quote: Quote,
               coded: list[Event]) -> Event | None:
    words = _words()
    sp = ActorRef.coerce(quote.speaker)
    if sp is None or not (sp.id or sp.start is not None):
        return None  # no speaker the text names: never guessed
    span = sent.span
    content = [t for t in span if quote.start <= doc.token_start(t) < quote.end]
    if not content:
        return None
    inside = {t.i for t in content}
    roots = sorted((t for t in content if t.head.i not in inside or t.head.i == t.i),
                   key=_depth)
    root = roots[0]
    cue = _cue_token(root, span, inside, quote)
    if cue is None:
        return None  # the cue is in another sentence: coded where it is
    lemma = coder._lemma(cue) if cue.pos_ == "VERB" else cue.lemma_.lower()
    if lemma not in words["speech"] and cue.lower_ not in words["speech"]:
        return None  # "wants", "plans", "promised", "according to": no statement to code
    c0, c1 = max(quote.start, sent.start), min(quote.end, sent.end)
    cue0 = doc.token_start(cue)
    for e in coded:
        if not (e.typed_by != ["classifier"] or e.complete):
            continue
        if e.start < c1 and e.end > c0 or e.start <= cue0 < e.end:
            return None  # the clause already has its (more specific) event
    context: dict = {"quote": quote}
    speaker = speaker_actor(doc, quote, resolver)
    if not speaker or not (speaker.get("id") or speaker.get("country") and speaker.get("sector")):
        return None  # no actor, or a role we cannot place ("the prime minister", no country)
    if speaker.get("type") in words["reporter_types"] or speaker.get("sector") in words[
            "reporter_sectors"]:
        return None  # "the paper said ...": news attribution, not a statement of the outlet
    if speaker.get("sector") in words["opinion_sectors"]:
        return None  # a political scientist's view of Russia is an opinion, not an event
    if modality_of(cue) != "asserted":
        return None  # "would prefer Turkey to admit ...": nothing was said
    context["antecedent"] = speaker

    cue_code = words["cues"].get(lemma)
    if cue_code is not None and lemma in words["particles"] and not any(
            c.lower_ in words["particles"][lemma] for c in cue.children
            if c.dep_ in ("prt", "prep")):
        cue_code = None  # "called" alone is no appeal ("called it a mistake")

    # the target: the cue's object for cues that take one, the reported clause's subject, else
    # the first actor argument of the content
    cands: list = []
    if cue_code is not None:
        cands += [c for c in cue.children if c.dep_ in ("dobj", "dative")]
        cands += [g for c in cue.children if c.dep_ in ("prep", "prt")
                  and c.lower_ in words["cue_preps"] for g in c.children if g.dep_ == "pobj"]
    subj = [c for c in root.children if c.dep_ in CLAUSE_DEPS and c.i in inside]
    if root.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in root.children):
        subj = [c for c in root.children if c.dep_ == "attr" and c.i in inside]  # "there were X"
    cands += subj
    cands += [t for t in _walk(root, inside) if t not in cands]
    target, target_tok = None, None
    for t in cands:
        if t.lower_ in FIRST_PERSON:
            continue
        refs = coder._resolve(doc, [t], resolver, allow_place=False, context=context,
                              generic=t in subj, nominal=True, agents=True)
        if t in subj and _definite_role(t):
            refs = [_at_home(doc, a, resolver, speaker) for a in refs]
        found = [a for a in refs if (a.get("id") or a.get("country")) and not _same(a, speaker)
                 and not _own_side(a, speaker)]
        if found:
            target, target_tok = found[0], t
            break
        if t in subj and any(a.get("sector") for a in refs):
            return None  # "the prime minister should ...": about an actor we cannot place
    if target is None or target_tok is None:
        return None

    def is_actor(t) -> bool:
        if t.lower_ in FIRST_PERSON:
            return False
        return t.dep_ == "nsubj" and target_tok in t.subtree or bool(coder._resolve(
            doc, [t], resolver, allow_place=False, context=context, generic=False))

    code = cue_code or _request_code(target_tok, root, inside, words)
    if code is None and _reports_event(coder, root, inside, is_actor):
        return None  # "X said Y was arrested": the content is the event (coded or not)
    code = code or _evaluation_code(target_tok, content, words) \
        or _outlook_code(content, words) or "010"
    if code[:2] in ("02", "10") and code in ("020", "100"):
        code = _request_subcode(coder, code, target_tok, root, coded, doc, words)
    cc = coder.onto.cameo_code(code)
    if cc is None:
        return None
    toks = [cue, target_tok] + [root]
    i0 = min(min(np_range(t)[0] for t in toks), _speaker_tok(doc, quote, span, cue).i)
    i1 = max(t.i for t in toks) + 1
    s_abs, e_abs = doc.span_offsets(span.doc[i0:i1])
    date, precision = event_date(cue, doc.document.date, future=False)
    eid = hashlib.sha1(f"{doc.id}:{quote.id}:{cc.code}:statement".encode()).hexdigest()[:16]
    return Event(
        id=eid, sentence=sent.idx, start=s_abs, end=e_abs, trigger=cue.text,
        plover=cc.plover, mode=cc.mode, contexts=list(cc.contexts), cameo=cc.code,
        goldstein=cc.goldstein, quad_class=cc.quad_class,
        source=[public(speaker)], target=[public(target)], location=None,
        modality="asserted", date=date, date_precision=precision, quote_id=quote.id,
        confidence=STATEMENT_CONFIDENCE, text=doc.text[sent.start:sent.end],
        typed_by=["statements"], complete=True, attributed_to=attributed_to(quote))


def speaker_actor(doc: Doc, quote: Quote, resolver: Any) -> dict | None:
    """The actor of ``quote``'s speaker with the country the text gives it.

    The quotes stage names who spoke; a statement needs the speaker as an actor with a country
    (event data code "GBRGOV", not "---GOV"). In this order:

    1. the speaker's actor when it has a country (or is an IGO/NGO, which have none);
    2. a country the speaker's own words state: the phrase of a role-only speaker ("the Kenyan
       foreign minister", "a spokesman for the Iraqi government"), the role noun a name stands
       in apposition to, either way round ("X, the Iranian foreign minister"; "European Union
       ambassador to the WTO, X"), or the role the quotes stage found for the person
       elsewhere in the document ("Iran's foreign minister" before a later "Mr X said");
    3. the story's home country (``home.home_country``) for a domestic role (a sector of
       ``home_country_sectors``: "the prime minister", "a government spokeswoman", "police")
       that the text places nowhere: a British story's "the prime minister" is Britain's.

    A role with no country in the text or the story keeps none; a speaker without an actor id
    and without a placed role keeps the quotes stage's words only (``_speaker_ref``). Memoised per quote in
    ``doc.user_data`` (a quote can be asked about by several sentences)."""
    memo = doc.user_data.setdefault("mv_speaker_actors", {})
    if quote.id in memo:
        return memo[quote.id]
    memo[quote.id] = out = _speaker_actor(doc, quote, resolver)
    return out


def speaker_country(doc: Doc, quote: Quote) -> str | None:
    """The country ``speaker_actor`` gives the quote's speaker (None without one): what the
    events stage fills a speaking generic agent with and a stance holder carries."""
    from .arguments import ActorResolver

    ref = speaker_actor(doc, quote, ActorResolver(doc, doc.document.date))
    return (ref or {}).get("country") or None


def _speaker_ref(doc: Doc, quote: Quote, resolver: Any) -> dict | None:
    """The quote's speaker as the quotes stage left it: its actor (knowledge base or
    discovered), else its words with no id."""
    sp: ActorRef | dict = quote.speaker or {}
    aid = sp.get("actor_id") or sp.get("id")
    if aid and resolver.api is not None:
        r = resolver.api.actor_ref(doc, aid)
        if r:
            return {"id": r.get("id"), "name": r.get("name") or sp.get("name"),
                    "country": r.get("country"), "sector": r.get("sector"),
                    "type": r.get("type"), "text": sp.get("name")}
    if sp.get("name"):
        return {"id": None, "name": sp.get("name"), "country": sp.get("country"),
                "sector": None, "type": None, "text": sp.get("name")}
    return None


def _speaker_actor(doc: Doc, quote: Quote, resolver: Any) -> dict | None:
    ref = _speaker_ref(doc, quote, resolver)
    sp = ActorRef.coerce(quote.speaker)
    if sp is None:
        return ref
    if ref is not None and ref.get("id") and (ref.get("country") or _stateless(ref)):
        return ref
    head = _speaker_head(doc, sp)
    if ref is None or not ref.get("id"):
        if head is not None and head.pos_ == "PROPN" and resolver.api is not None:
            org = named_org(doc, head, resolver.api)  # "the Countryside Alliance said"
            if org is not None:
                if not org.get("country"):
                    _at_story_home(doc, org, resolver)
                return org if org.get("country") or _stateless(org) else ref
        if head is None or head.pos_ != "NOUN":
            return ref  # a name the knowledge base does not know, a pronoun: the words only
        if any(c.dep_ in ("nummod", "quantmod") for c in head.children):
            return ref  # "about 200 supporters demanding ...": a crowd, not a spokesperson
        out = {"id": None, "name": sp.name, "country": None, "sector": _role_sector(head),
               "type": None, "text": sp.name}
    else:
        out = dict(ref)
    ref_named = bool(out.get("id"))
    for found in _stated_actors(doc, sp, head, resolver, ref_named):
        country = found.get("country")
        if str(found.get("id") or "")[:3] in ("IGO", "NGO") or found.get("type") == "igo":
            country = country or found.get("id")  # an IGO's official: the IGO (no state)
        if not country:
            continue
        out["country"] = country
        spoken_for = head is not None and head.lemma_.lower() in SPOKES_NOUNS \
            and not ref_named and found.get("type") != "person"
        if found.get("sector") and (not out.get("sector") or spoken_for):
            out["sector"] = found["sector"]  # "a BNP spokesman": the party's sector, not GOV
        if not out.get("id") and found.get("id") and found.get("type") != "person":
            out["id"] = found["id"]  # "the Kenyan foreign minister": Kenya's government
        return out
    if _at_story_home(doc, out, resolver):
        return out
    return out if out.get("id") else ref


def _at_story_home(doc: Doc, out: dict, resolver: Any) -> bool:
    """A speaker of a domestic sector (``home_country_sectors``) the text does not place takes
    the story's home country, marked ``country_from: "story"`` (an inference, not the text's).
    True when it did."""
    if out.get("sector") not in HOME_SECTORS or resolver.api is None:
        return False
    home = home_country(doc, resolver.api)
    if home:
        out["country"], out["country_from"] = home, "story"
    return bool(home)


def _definite_role(tok) -> bool:
    """"the prime minister", "the government": one definite office or body, not a generic or
    counted group ("tobacco firms", "as many as 3,000 firms") whose country is anyone's."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
        and not any(c.dep_ in ("nummod", "quantmod") for c in tok.children)


def _at_home(doc: Doc, a: dict, resolver: Any, speaker: dict) -> dict:
    """A domestic role the reported clause is about ("the prime minister should ...", "police
    must ...") with no id and no country: in the story's home country, as for speakers; else
    in the speaker's own state, when the speaker is a domestic actor of another sector (a
    British party leader's "the prime minister should ..." is about Britain's)."""
    if a.get("id") or a.get("country") or a.get("sector") not in HOME_SECTORS \
            or resolver is None or resolver.api is None:
        return a
    home, origin = home_country(doc, resolver.api), "story"
    if not home and speaker.get("country") and not _stateless(speaker) \
            and speaker.get("sector") in HOME_SECTORS and speaker.get("sector") != a.get("sector"):
        home, origin = speaker["country"], "speaker"
    return dict(a, country=home, country_from=origin) if home else a


def _role_sector(head) -> str | None:
    """The sector of a role-only speaker: a spokesperson's is the body the modifier names ("a
    party spokesman" PTY, "a police spokeswoman" COP, "an army spokesman" MIL), else the head
    noun's ("officials", "the prime minister" GOV)."""
    if head.lemma_.lower() in SPOKES_NOUNS:
        for c in head.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "NOUN" and c.i < head.i:
                sector = head_sector(c)
                if sector:
                    return sector
    return head_sector(head)


def _stateless(ref: dict) -> bool:
    return str(ref.get("id") or "")[:3] in ("IGO", "NGO") or (
        ref.get("sector") or "") in STATELESS_SECTORS or ref.get("type") == "igo"


def _speaker_head(doc: Doc, sp: ActorRef):
    """The head token of the words the quote's speaker was found at, or None."""
    if sp.start is None or sp.end is None:
        return None
    sent = doc.sentence_at(sp.start)
    if sent is None or sent.span is None:
        return None
    toks = [t for t in sent.span if sp.start <= doc.token_start(t) < sp.end]
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    return heads[0] if heads else None


def _stated_actors(doc: Doc, sp: ActorRef, head, resolver: Any, named: bool):
    """Actors the speaker's own words and stated role resolve to (see ``speaker_actor``), best
    first: the role-only speaker's phrase, the role noun in apposition to the speaker's words,
    the stated role, then a role noun in apposition to another mention of the same actor
    ("Uganda's foreign minister, X, arrived ..." before "Mr X said")."""
    if resolver is None:
        return
    if head is not None:
        if head.pos_ == "NOUN" and not named:
            ref = resolver.actor(head)
            if ref:
                yield ref
        yield from _apposed_roles(doc, head, resolver)
    if sp.role and len(sp.role) < 80:
        found = _phrase_actor(doc, resolver, None, sp.role)
        if found:
            yield found
    if named and sp.id and doc.mentions:
        for m in doc.mentions:
            if m.actor_id != sp.id or m.method in ("pronoun", "descriptor") \
                    or sp.start is not None and m.start <= sp.start < m.end:
                continue
            other = _speaker_head(doc, ActorRef(id=m.actor_id, start=m.start, end=m.end))
            if other is not None:
                yield from _apposed_roles(doc, other, resolver)


def _apposed_roles(doc: Doc, head, resolver: Any):
    """Actors named by a role noun in apposition to a name, either way round ("X, the Iranian
    foreign minister"; "European Union envoy to the talks, X"): the role's own words."""
    roles = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        roles.append(head.head)
    for r in roles:
        i, j = np_range(r)
        if head.i > r.i:
            j = min(j, head.left_edge.i)
        while j > i + 1 and r.doc[j - 1].is_punct:
            j -= 1
        found = _phrase_actor(doc, resolver, r.doc[i:j])
        if found:
            yield found


def _phrase_actor(doc: Doc, resolver: Any, span, text: str | None = None) -> dict | None:
    """The actor a role phrase names ("European Union ambassador", "Iran's envoy to the UN");
    ``span`` None: a stated role ("a spokesman for the ministry"), read on the document's own
    parse where it spells the role out word for word. Resolved through the resolver's cache
    (one per document): speaker_actor is asked for the same speaker several times."""
    if resolver is None or resolver.api is None:
        return None
    if span is None:
        if not text:
            return None
        span = _span_of(doc, text)
    found = resolver.resolve_text(text or span.text, span)
    return dict(found) if found else None


def _span_of(doc: Doc, text: str):
    """The parsed words of a role the document spells out as such ("a spokesman for the
    ministry"), so that it is not parsed again on its own; None when it is not there word for
    word."""
    at = doc.text.find(text)
    p = doc.paragraph_at(at) if at >= 0 else None
    if p is None or p.spacy is None:
        return None
    sp = p.spacy.char_span(at - p.start, at - p.start + len(text))
    return sp if sp is not None and sp.text == text else None


def _own_side(a: Any, speaker: Any) -> bool:
    """The speaker's own state ("Blair said Britain ..."): a country with no other sector."""
    return bool(a.get("country") and a.get("country") == speaker.get("country")
                and (not a.get("sector") or a.get("sector") == speaker.get("sector")))


def _reports_event(coder: Any, root, inside: set[int], is_actor: Any) -> bool:
    """The reported clause states an actor's act: a verb of its main line (the root, its
    complements and conjuncts: "is willing to send", "had paid") that our patterns or the CAMEO
    verb dictionary list outside statements and appeals (01, 02), with an actor (not the
    speaker's "I"/"we") as its subject, active or passive. Event data codes that act ("X said Y
    paid Z" is Y's act, "X said Y was arrested" Y's arrest, attributed to X), not the saying;
    "X said the ban would be lifted" has no actor in it; "X said the talks with Y would continue"
    and "X said Y did not attack" report no act either."""
    if coder.classifier is None:
        return False
    lex = coder.classifier.lex
    todo, seen = [root], set()
    while todo:
        v = todo.pop(0)
        if v.i in seen:
            continue
        seen.add(v.i)
        if v.pos_ == "VERB":
            lem = coder._lemma(v)
            roots = set(lex.cameo_verbs.get(lem, ())) | set(lex.patterns.get(f"{lem}|verb", ()))
            subj: list = []
            cur = v
            while not subj and cur.i in inside:  # "Norway is willing to send": Norway
                subj = [c for c in cur.children if c.dep_ in CLAUSE_DEPS]
                if cur.dep_ not in ("xcomp", "acomp") or cur.head.i == cur.i:
                    break
                cur = cur.head
            if roots - {"01", "02"} and subj and is_actor(subj[0]) \
                    and modality_of(v) not in ("future", "negated"):
                return True
        todo += [c for c in v.children if c.i in inside
                 and c.dep_ in ("xcomp", "conj", "acomp", "ccomp")
                 and c.pos_ in ("VERB", "AUX", "ADJ")]
    return False


def _cue_token(root, span, inside: set[int], quote: Quote):
    """The cue word in the parse: the head the content hangs on, else a word of the cue."""
    if root.head.i != root.i and root.head.i not in inside and root.head.pos_ in (
            "VERB", "NOUN", "AUX"):
        return root.head
    cue_words = {w.lower() for w in (quote.cue or "").split()}
    for t in span:
        if t.i not in inside and t.lower_ in cue_words and t.pos_ in ("VERB", "NOUN"):
            return t
    return None


def _speaker_tok(doc: Doc, quote: Quote, span, cue):
    sp = ActorRef.coerce(quote.speaker)
    if sp is not None and sp.start is not None:
        for t in span:
            if doc.token_start(t) == sp.start:
                return t
    return cue


def _walk(root, inside: set[int], limit: int = 40) -> list:
    """Noun and pronoun tokens of the content, breadth first from its root."""
    out: list = []
    todo, seen = [root], set()
    while todo and len(out) < limit:
        t = todo.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        if t is not root and t.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(t)
        # whom a condition clause names ("If the Americans were to change their policy, it's up
        # to them") is supposed, not spoken to or about
        todo += [c for c in t.children if c.i in inside and c.dep_ in WALK_DEPS
                 and not condition_clause(c)]
    return out


def _request_code(target_tok, root, inside: set[int], words: dict) -> str | None:
    """The target is the subject of should/ought/need to (an appeal) or must/has to (a demand)."""
    if target_tok.dep_ not in CLAUSE_DEPS:
        return None
    verb = target_tok.head
    if verb.i not in inside:
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & words["demand_modals"]:
        return "100"
    if auxes & words["appeal_modals"]:
        return "020"
    if verb.lemma_.lower() in words["appeal_verbs"] | words["demand_verbs"] and any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)
            for c in verb.children):
        return "100" if verb.lemma_.lower() in words["demand_verbs"] else "020"
    return None


def requested_code(tok, plover: str | None, demand: str) -> str:
    """The code of an official's "X should/must <act>" in a quote (the coder's recommended act
    turned into the speaker's request): an appeal (02x, by the PLOVER type of the act) when the
    act is under should/ought or "need to", else ``demand`` (10x, "must", "has to")."""
    words = _words()
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    appeal = bool(auxes & words["appeal_modals"]) or (
        tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words["appeal_verbs"])
    if not appeal or auxes & words["demand_modals"]:
        return demand
    return words["appeal_codes"].get(plover or "", "020")


def _request_subcode(coder: Any, code: str, target_tok, root, coded: list[Event], doc: Doc,
                     words: dict) -> str:
    """020/100 refined by the PLOVER type of the act asked for ("should withdraw" 0256)."""
    act = target_tok.head
    for c in act.children:  # "needs to withdraw": the complement is the act
        if c.dep_ == "xcomp":
            act = c
            break
    plover = None
    a0 = doc.token_start(act)
    for e in coded:
        if e.start <= a0 < e.end and e.trigger.split()[0] == act.text:
            plover = e.plover
    if plover is None and coder.classifier is not None:
        # our own verb senses only (the CAMEO dictionary lists "think" under consult)
        roots = list(coder.classifier.lex.patterns.get(f"{coder._lemma(act)}|verb", ()))
        cc = coder.onto.cameo_code(roots[0] + "0") if roots else None
        plover = cc.plover if cc is not None else None
    table = words["appeal_codes"] if code == "020" else words["demand_codes"]
    return table.get(plover or "", code)


def _evaluation_code(target_tok, content: list, words: dict) -> str | None:
    """111 / 051 when evaluative words of the content have the target in their scope."""
    ev = words["evaluative"]
    # the phrase that stands for the target: "Germany's plan", "the policies of China"; not
    # a place it is in ("the earthquake in Sichuan")
    phrase = target_tok
    while phrase.head.i != phrase.i and (
            phrase.dep_ in ("poss", "compound", "nmod", "conj", "appos")
            or phrase.dep_ == "pobj" and phrase.head.lower_ in ("of", "by")
            and phrase.head.head.pos_ in ("NOUN", "PROPN")):
        phrase = phrase.head if phrase.dep_ != "pobj" else phrase.head.head
    total = 0.0
    for w in content:
        lem = w.lemma_.lower()
        pos = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB", "ADJ": "ADJ"}.get(w.pos_, "")
        entry = ev.get(f"{lem}/{pos}", ev.get(lem, ev.get(w.lower_)))
        if entry is None:
            continue
        weight, kind = entry
        if any(c.dep_ == "neg" for c in (*w.children, *w.head.children)):
            continue  # "is not a threat": no evaluation stated
        if w.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound", "poss")
                                    and c.ent_type_ in ("NORP", "GPE") for c in w.children):
            continue  # "our Chinese friends": the noun names the actor, it does not judge it
        if kind == "attitude":
            # "we are concerned about X": the speaker's attitude to its object; "the US was
            # suspicious of ...": the subject's attitude, not the speaker's judgement of the US
            holders = [c for c in (w.head.children if w.dep_ in ("acomp", "attr") else w.children)
                       if c.dep_ in CLAUSE_DEPS]
            in_scope = target_tok in w.subtree and target_tok is not w and all(
                h.lower_ in FIRST_PERSON for h in holders)
        else:
            # a quality of the target or of what it did ("X's absurd plan", "X was reckless",
            # "contradictions in X's plan"); a role noun only as what the target is ("X is a
            # threat"): "X posed a threat to Y" and "hopes that Y will ..." judge no Y
            predicate = w.dep_ in ("acomp", "attr", "oprd") and phrase.dep_ in CLAUSE_DEPS \
                and w.head.i == phrase.head.i
            in_scope = predicate or kind != "role" and (
                target_tok in w.subtree or w in phrase.subtree)
        if in_scope:
            total += weight
    if total <= words["negative_at"]:
        return "111"
    if total >= words["positive_at"]:
        return "051"
    return None


def _outlook_code(content: list, words: dict) -> str | None:
    lemmas = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
    negated = any(t.dep_ == "neg" for t in content)
    if lemmas & words["empathetic"]:
        return "018"
    if lemmas & words["pessimistic"] and not negated:
        return "012"
    if lemmas & words["optimistic"] and not negated:
        return "013"
    return None


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _same(a: Any, b: Any) -> bool:
    if a.get("id") and b.get("id"):
        if state_and_group(a, b):
            return False
        return bool(a["id"] == b["id"])
    return (a.get("name") or "").lower() == (b.get("name") or "").lower()
