"""Events in Chinese paragraphs: triggers of ``multivector/lang/zh/events.yaml`` found on the
surface of each clause, coded in CAMEO and PLOVER through the same ontology as English.

Chinese paragraphs are not parsed here (sentences only), so, as ``lang/zh/quotes.py`` does, the
rules are surface patterns over one clause (the sentence cut at ，；：) and the participants are
the actor mentions the actors stage found in it, never a guessed name:

* the source is the mention nearest before the trigger that is no preposition's object, with
  the mentions coordinated with it ("中国和俄罗斯海军", "王毅同拉夫罗夫"); a person's title
  before the name ("俄罗斯总统普京") is the same participant, not a second one. A clause with no
  such mention takes the subject of the sentence's first clause ("普京抵达阿斯塔纳，对哈萨克斯坦
  进行国事访问"), unless that clause only says who reports ("据...报道", "...表示");
* the target is the object of a preposition before the trigger ("中国对美国实施制裁",
  "欧盟向乌克兰提供援助") or the first mention after it ("访问中国"); the object of a place
  preposition ("在北京会见") is neither;
* a symmetric trigger (meet, negotiate, sign: ``symmetric: true``) with coordinated sources and
  no other party gives each side as the other's target, as the English coder does;
* a governing trigger (威胁, 拒绝, 呼吁, 指责: ``inner``) makes a later trigger of its clause its
  complement: the complement's root may refine the code ("威胁...军事行动" 138), and the
  complement is coded with the given modality (claimed, recommended) or not at all (drop).

Modality is read between the source and the trigger: negation (不/未/没有/并未), recommendation
(应/应该/必须), possibility, future or plan (将/计划/准备/拟); a trigger inside a quote is
reported speech: ``quote_id`` and ``attributed_to`` are set and a factual clause stays asserted,
as in English and Russian. A missing source or target never becomes a guess: the event is kept
with ``complete: false`` (an event with no participant at all is not kept).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...doc import ActorRef, Doc, Event, Mention, Paragraph
from ...events.attribution import attributed_to
from ...events.ontology import ontology
from .. import lexicon

_CLAUSE = "，,；;：:。！？!?"


@dataclass(frozen=True)
class ZhTrigger:
    key: str
    cameo: str
    symmetric: bool = False
    target: str = "both"  # both, after, prep
    inner: str | None = None  # modality of a complement trigger, or "drop"
    by_inner: tuple[tuple[str, str], ...] = ()
    light: bool = False  # a verb coded only when no other trigger follows it ("提供")
    alone: bool = False  # coded only when it ends its clause ("发表讲话。", not "发表声明称")


@dataclass(frozen=True)
class ZhEventWords:
    triggers: tuple[tuple[re.Pattern, ZhTrigger], ...]  # longest key first
    target_preps: tuple[str, ...]
    partner: tuple[str, ...]
    place_preps: tuple[str, ...]
    modality: dict[str, tuple[str, ...]]
    report_cues: tuple[str, ...]
    coordinators: tuple[str, ...]
    mutual: tuple[str, ...]
    other_subjects: tuple[str, ...]
    titles: tuple[str, ...]
    dateline: re.Pattern


@lru_cache(maxsize=1)
def words() -> ZhEventWords:
    lex = lexicon("zh")
    trigs: list[tuple[str, ZhTrigger]] = []
    for key, spec in lex.table("zh_event_triggers").items():
        trigs.append((str(key), ZhTrigger(
            str(key), str(spec["cameo"]), bool(spec.get("symmetric", False)),
            str(spec.get("target", "both")), spec.get("inner"),
            tuple((str(k), str(v)) for k, v in (spec.get("by_inner") or {}).items()),
            bool(spec.get("light", False)), bool(spec.get("alone", False)))))
    trigs.sort(key=lambda kv: len(kv[0].replace("…", "")), reverse=True)
    compiled = tuple((re.compile("[^，,；;：:。！？!?]{0,15}?".join(re.escape(p) for p in k.split("…"))), t)
                     for k, t in trigs)

    def longest(key: str) -> tuple[str, ...]:
        return tuple(sorted((str(w) for w in lex.ordered(key)), key=len, reverse=True))

    mod = {k: tuple(sorted((str(w) for w in v), key=len, reverse=True))
           for k, v in lex.table("zh_modality").items()}
    quotes = lexicon("zh").section("quotes")
    cues = tuple(sorted((str(c) for c in quotes["speech_verbs"]), key=len, reverse=True))
    cues += tuple(str(c) for c in quotes["according_close"])
    titles = tuple(sorted({str(t) for t in quotes["role_nouns"]} | set(lex.ordered("zh_titles")),
                          key=len, reverse=True))
    return ZhEventWords(compiled, longest("zh_target_preps"), longest("zh_partner_words"),
                        longest("zh_place_preps"), mod, cues, longest("zh_coordinators"),
                        longest("zh_mutual"), longest("zh_other_subjects"), titles,
                        re.compile(str(lex.get("zh_dateline"))))


def chinese_events(doc: Doc, paragraphs: Iterable[Paragraph] | None = None) -> list[Event]:
    """Events of the Chinese paragraphs of ``doc`` (``paragraphs``: those the language
    registry routes here, else every Chinese one) that are not translations of another
    paragraph (the original's events are coded there, once)."""
    if paragraphs is None:
        paragraphs = [p for p in doc.paragraphs if p.lang == "zh"]
    paras = [p for p in paragraphs if p.translation_of is None]
    if not paras:
        return []
    linked = sorted((m for m in doc.mentions if m.actor_id), key=lambda m: m.start)
    out: list[Event] = []
    for p in paras:
        for s in doc.sentences:
            if s.start < p.start or s.start >= p.end:
                continue
            out.extend(_sentence(doc, s.start, min(s.end, p.end), linked))
    return out


def _clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    start = a
    for k in range(a, b):
        if text[k] in _CLAUSE:
            if k > start:
                out.append((start, k))
            start = k + 1
    if start < b:
        out.append((start, b))
    return out


def _ends_with(text: str, at: int, lo: int, options: tuple[str, ...]) -> str | None:
    """The word of ``options`` that ends right before ``at`` (not before ``lo``), if any."""
    for w in options:
        if at - len(w) >= lo and text[at - len(w):at] == w:
            return w
    return None


def _role(doc: Doc, m: Mention, lo: int) -> str:
    """``target`` (after 对/向...), ``place`` (after 在/从...), ``partner`` (after 与/和...) or
    ``plain``: what the word right before mention ``m`` makes of it."""
    w = words()
    if _ends_with(doc.text, m.start, lo, w.target_preps):
        return "target"
    if _ends_with(doc.text, m.start, lo, w.place_preps):
        return "place"
    if _ends_with(doc.text, m.start, lo, w.partner):
        return "partner"
    return "plain"


def _group_back(doc: Doc, ms: list[Mention], k: int, lo: int, symmetric: bool = False) -> list[Mention]:
    """Mention ``ms[k]`` with the mentions coordinated before it ("中国和俄罗斯"); a mention
    joined to the next one by a short title ("俄罗斯总统普京") is the same participant. A place
    ("在阿斯塔纳") is passed over; a symmetric trigger's partner may stand further from its
    first side ("习近平18日在阿斯塔纳同托卡耶夫举行会谈")."""
    w = words()
    group = [ms[k]]
    cur = ms[k]
    for j in range(k - 1, -1, -1):
        prev = ms[j]
        if prev.start < lo:
            break
        if _role(doc, prev, lo) == "place":
            continue
        gap = doc.text[prev.end:cur.start]
        if symmetric and gap.endswith("的"):
            # "同来华进行国事访问的乌兹别克斯坦总统": the partner word, then a relative clause
            cut = max(gap.rfind(x) for x in w.partner)
            gap = gap[:cut + 1] if cut > 0 else gap
        partner = any(gap.endswith(x) for x in w.partner) and not any(
            x in gap for x in w.target_preps)
        if gap in w.partner or (partner and (symmetric or (
                len(gap) <= 4 and not any(c in gap for c in "的在从于")))):
            group.insert(0, prev)  # "中国和俄罗斯", "俄方将与塔吉克斯坦"
        elif not _title_gap(gap):
            break
        cur = prev
    return group


def _title_gap(gap: str) -> bool:
    """Two mentions with only a title between them name one participant ("俄罗斯总统普京",
    "伊朗外交部发言人卡纳尼"); any other words ("华盛顿企图把中亚") part two."""
    return gap == "" or (len(gap) <= 8 and any(gap.endswith(t) for t in words().titles)
                         and not any(c in gap for c in "的在对向从于和与同"))


def _group_forward(doc: Doc, ms: list[Mention], k: int, hi: int) -> list[Mention]:
    """Mention ``ms[k]`` with the mentions coordinated after it ("哈萨克斯坦和乌兹别克斯坦");
    a title and name ("哈萨克斯坦总统托卡耶夫") count once (the later, the person)."""
    w = words()
    group = [ms[k]]
    for j in range(k + 1, len(ms)):
        nxt = ms[j]
        if nxt.end > hi:
            break
        gap = doc.text[group[-1].end:nxt.start]
        if gap in w.partner:
            group.append(nxt)
        elif _title_gap(gap):
            group[-1] = nxt
        else:
            break
    return group


def _refs(doc: Doc, ms: list[Mention]) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for m in ms:
        actor = doc.actors.get(m.actor_id or "")
        ref = ActorRef(id=m.actor_id, name=actor.name if actor else m.text,
                       country=actor.country if actor else None,
                       sector=actor.sector if actor else None, type=actor.type if actor else None,
                       start=m.start, end=m.end)
        if all(r.id != ref.id for r in refs):
            refs.append(ref)
    return refs


@dataclass
class _Hit:
    start: int
    end: int
    trig: ZhTrigger
    cameo: str
    modality: str | None = None  # set by a governing trigger
    governor: _Hit | None = None
    drop: bool = False
    lo: int | None = None  # participants are looked for from here on (after an earlier trigger)


def _find(doc: Doc, c0: int, c1: int, ms: list[Mention]) -> list[_Hit]:
    text = doc.text
    w = words()
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []
    for rx, trig in words().triggers:
        for m in rx.finditer(text, c0, c1):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if trig.alone and text[m.end():c1].strip(" \u3000。！？!?”」"):
                continue  # "发表声明称，...": the statement only introduces what was said
            taken.append((m.start(), m.end()))
            hits.append(_Hit(m.start(), m.end(), trig, trig.cameo))
    hits.sort(key=lambda h: h.start)
    # a trigger in a relative clause before a participant ("来华进行国事访问的乌兹别克斯坦总统",
    # "到访的波兰总理") describes that participant: no event, and no object of what follows
    hits = [h for h in hits if not _relative(text, h.end, c1, ms)]
    for i, h in enumerate(hits):  # a governing trigger takes the next trigger as complement
        if h.trig.inner is None or i + 1 >= len(hits):
            continue
        inner = hits[i + 1]
        inner.governor = h
        root = inner.cameo[:2]
        h.cameo = dict(h.trig.by_inner).get(root, h.cameo)
        if h.trig.inner == "drop":
            inner.drop = True
        else:
            inner.modality = h.trig.inner
    # a light verb ("提供") followed by a trigger of its clause ("提供人道主义援助") gives way to it
    hits = [h for i, h in enumerate(hits) if not (h.trig.light and i + 1 < len(hits))]
    for prev, h in zip(hits, hits[1:]):
        # a trigger inside the object of the one before it ("谴责针对平民的恐怖袭击", "签署了关于
        # 加强经贸合作的协议", "感谢中国提供的帮助") is no event of its own, unless the object
        # names its own source and target ("谴责以色列对叙利亚的空袭"); "反对并谴责" (a
        # coordinator between them) are two
        if h.governor is None and prev.trig.inner is None and not prev.drop and not any(
                c in text[prev.end:h.start] for c in w.coordinators):
            between = [m for m in ms if prev.end <= m.start and m.end <= h.start]
            roles = [_role(doc, m, prev.end) for m in between]
            if "plain" in roles and "target" in roles[roles.index("plain") + 1:]:
                h.lo = prev.end
            else:
                h.drop = True
    return [h for h in hits if not h.drop]


def _relative(text: str, end: int, c1: int, ms: list[Mention]) -> bool:
    """The trigger ending at ``end`` is followed by 的 and, within a few characters, by an actor
    mention: it sits in a relative clause that describes that actor."""
    k = end
    while k < c1 and k - end < 2 and text[k] in "了过":
        k += 1
    if k >= c1 or text[k] != "的":
        return False
    return any(k < m.start <= k + 3 for m in ms)


def _sentence(doc: Doc, s0: int, s1: int, linked: list[Mention]) -> list[Event]:
    text = doc.text
    w = words()
    dl = w.dateline.match(text, s0, s1)  # "新华社北京3月5日电": the place of the report
    clauses = _clauses(text, dl.end() if dl else s0, s1)
    if not clauses:
        return []
    out: list[Event] = []
    first = clauses[0]
    first_ms = [m for m in linked if first[0] <= m.start and m.end <= first[1]]
    reporting = text[first[0]:first[0] + 1] == "据" or any(
        text[first[0]:first[1]].rstrip().endswith(c) for c in w.report_cues)
    topic: list[Mention] = []
    if first_ms and not reporting:
        k = next((i for i, m in enumerate(first_ms) if _role(doc, m, first[0]) == "plain"), None)
        # the subject: no trigger ("他指责华盛顿...") and no other subject ("他", "两国") before it
        lead = text[first[0]:first_ms[k].start] if k is not None else ""
        if k is not None and not _find(doc, first[0], first_ms[k].start, first_ms) and not any(
                x in lead for x in w.other_subjects):
            topic = _group_forward(doc, first_ms, k, first[1])
    for c0, c1 in clauses:
        ms = [m for m in linked if c0 <= m.start and m.end <= c1]
        for h in _find(doc, c0, c1, ms):
            ev = _event(doc, h, ms, c0, c1, topic if (c0, c1) != first else [], s0)
            if ev is not None:
                out.append(ev)
    return out


def _event(doc: Doc, h: _Hit, ms: list[Mention], c0: int, c1: int, topic: list[Mention],
           s0: int) -> Event | None:
    text = doc.text
    lo = h.governor.end if h.governor is not None else h.lo if h.lo is not None else c0
    before = [m for m in ms if lo <= m.start and m.end <= h.start]
    after = [m for m in ms if m.start >= h.end]
    roles = [_role(doc, m, c0) for m in before]
    tgt_ms: list[Mention] = []
    # the target: a preposition's object before the trigger ("对美国实施制裁")
    if h.trig.target in ("both", "prep"):
        k = next((i for i in range(len(before) - 1, -1, -1) if roles[i] == "target"), None)
        if k is not None:
            tgt_ms = _group_forward(doc, before, k, h.start)
            before, roles = before[:k], roles[:k]
    # the source: the nearest mention left that is no place ("在北京")
    src_ms: list[Mention] = []
    k = next((i for i in range(len(before) - 1, -1, -1) if roles[i] != "place"), None)
    if k is not None:
        src_ms = _group_back(doc, before, k, lo, h.trig.symmetric)
    if not src_ms and h.governor is not None:
        gov_before = [m for m in ms if c0 <= m.start and m.end <= h.governor.start
                      and _role(doc, m, c0) != "place"]
        if gov_before:
            src_ms = _group_back(doc, gov_before, len(gov_before) - 1, c0)
    if not src_ms:
        src_ms = list(topic)
    inside = [m for m in ms if h.start < m.start and m.end <= h.end]
    if not tgt_ms and inside:  # "取消对叙利亚的制裁", "驱逐两名俄罗斯外交官": the words between
        tgt_ms = _group_forward(doc, inside, 0, h.end)
    if not tgt_ms and h.trig.target in ("both", "after") and after:
        k = next((i for i, m in enumerate(after) if _role(doc, m, c0) != "place"), None)
        if k is not None:
            tgt_ms = _group_forward(doc, after, k, c1)
    src = _refs(doc, src_ms)
    tgt = [t for t in _refs(doc, tgt_ms) if all(t.id != s.id for s in src)]
    mutual = any(x in text[lo:h.start] for x in words().mutual)  # "相互指责"
    if not tgt and len(src) >= 2 and (h.trig.symmetric or mutual):
        # "中国和乌兹别克斯坦签署协议": both sides are sources and targets, as the English coder
        # codes symmetric events (the dyads skip self-pairs)
        tgt = list(src)
    if not src and not tgt:
        return None
    cc = ontology().cameo_code(h.cameo)
    if cc is None:
        return None
    # from the first source on: "俄方将与塔吉克斯坦举行" is a plan of both sides
    mod_from = min([m.end for m in src_ms if lo <= m.end <= h.start] or [lo])
    modality = h.modality or _modality(text[mod_from:h.start])
    quote = next((q for q in doc.quotes if q.start <= h.start < q.end), None)
    sent = doc.sentence_at(h.start)
    complete = bool(src and tgt)
    eid = hashlib.sha1(f"{doc.id}:{h.start}:{cc.code}".encode()).hexdigest()[:16]
    return Event(id=eid, sentence=sent.idx if sent else 0, start=h.start, end=h.end,
                 trigger=text[h.start:h.end], plover=cc.plover or "", mode=cc.mode,
                 contexts=list(cc.contexts), cameo=cc.code, goldstein=cc.goldstein,
                 quad_class=cc.quad_class, source=src, target=tgt, modality=modality,
                 quote_id=quote.id if quote else None, attributed_to=attributed_to(quote),
                 confidence=0.8 if complete else 0.6, typed_by=["patterns"], complete=complete,
                 text=text[sent.start:sent.end] if sent else text[s0:h.end])


def _modality(span: str) -> str:
    """Modality from the words between the source and the trigger."""
    w = words().modality
    rest = span
    for x in w.get("not_negation", ()):
        rest = rest.replace(x, "")
    if any(x in rest for x in w.get("negation", ())):
        return "negated"
    if any(x in span for x in w.get("recommended", ())):
        return "recommended"
    if any(x in span for x in w.get("hypothetical", ())):
        return "hypothetical"
    if any(x in span for x in w.get("future", ())):
        return "future"
    return "asserted"
