"""Hand-annotated sample documents as ``Doc`` records, without running the NLP pipeline.

Why: the web layer only reads the store, so its tests, the demo and the latency benchmark need
realistic rows, not a parser. The corpus in ``data/sample_corpus.yaml`` gives text and records
with spans written as substrings; this module computes the offsets, sentences and ids exactly as
the pipeline would store them, so every highlight can be checked against the text.
"""

from __future__ import annotations

import hashlib
import random
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..doc import Actor, ActorRef, Doc, Document, Event, Mention, Paragraph, Quote, Sentence, Stance

SENTENCE_END = re.compile(r'(?<=[.!?])["”]?\s+(?=["“A-Z])')


@lru_cache(maxsize=1)
def corpus() -> dict:
    """The parsed YAML (cached: the benchmark builds thousands of documents from it)."""
    path = resources.files(__package__).joinpath("data", "sample_corpus.yaml")
    return yaml.safe_load(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def _actors() -> dict[str, Actor]:
    return {a["id"]: Actor(**a) for a in corpus()["actors"]}


def actors() -> dict[str, Actor]:
    return dict(_actors())


def _find(text: str, needle: str, nth: int = 0, where: str = "") -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"sample corpus {where}: {needle!r} (#{nth}) not in the text")
    return pos, pos + len(needle)


def _sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for p in paragraphs:
        start = p.start
        for m in SENTENCE_END.finditer(text, p.start, p.end):
            out.append(Sentence(len(out), p.idx, start, m.start(), "en"))
            start = m.end()
        out.append(Sentence(len(out), p.idx, start, p.end, "en"))
    return out


def build_doc(spec: dict, *, source: str | None = None, date: str | None = None,
              rename: dict[str, str] | None = None, key_suffix: str = "",
              extra_actors: dict[str, Actor] | None = None,
              extra_paragraphs: list[str] | None = None) -> Doc:
    """One ``Doc`` from a corpus entry. ``date`` overrides the entry's date; ``rename`` maps
    actor ids to others (the benchmark varies actors this way, declaring the new ones in
    ``extra_actors``); ``extra_paragraphs`` and ``key_suffix`` are appended to the text (the
    suffix makes copies distinct documents)."""
    rename = rename or {}
    kb = {**actors(), **(extra_actors or {})}

    def aid(x: str) -> str:
        return rename.get(x, x)

    def ref(x: str) -> ActorRef:
        a = kb[aid(x)]
        return ActorRef(id=a.id, name=a.name, country=a.country, sector=a.sector, type=a.type)

    key = spec["key"]
    paras_text = list(spec["paragraphs"]) + list(extra_paragraphs or [])
    if key_suffix:
        paras_text.append(key_suffix)
    text = "\n".join(paras_text)
    paragraphs, pos = [], 0
    for i, p in enumerate(paras_text):
        paragraphs.append(Paragraph(i, pos, pos + len(p), "en"))
        pos += len(p) + 1
    sentences = _sentences(text, paragraphs)
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    doc = Doc(Document(
        id=doc_id, source=source or f"sample:{key}", text=text, title=spec.get("title"),
        date=date or spec.get("date"), date_source="metadata", author=spec.get("author"),
        outlet=spec.get("outlet"), genre=spec.get("genre"), format="txt", encoding="utf-8",
        languages=["en"]), paragraphs=paragraphs, sentences=sentences)

    def sent(start: int) -> int | None:
        s = doc.sentence_at(start)
        return s.idx if s else None

    for m in spec.get("mentions", []):
        surface, actor_id, nth = (m + [0])[:3]
        s, e = _find(text, surface, nth, key)
        doc.mentions.append(Mention(surface, s, e, aid(actor_id), sent(s), "en", "gazetteer"))
        doc.actors[aid(actor_id)] = kb[aid(actor_id)]
    doc.mentions.sort(key=lambda m: m.start)
    for i, q in enumerate(spec.get("quotes", [])):
        s, e = _find(text, q["text"], q.get("nth", 0), key)
        speaker = kb[aid(q["speaker"])] if q.get("speaker") else None
        mentioned = sorted({m.actor_id for m in doc.mentions_in(s, e) if m.actor_id})
        doc.quotes.append(Quote(
            id=f"{doc_id}-q{i}", text=q["text"], start=s, end=e, kind=q.get("kind", "direct"),
            cue=q.get("cue"), speaker=ActorRef(id=speaker.id, name=speaker.name,
                                               role=(speaker.roles or [{}])[0].get("role"))
            if speaker else None, mentioned=mentioned, sentence=sent(s)))
    for i, ev in enumerate(spec.get("events", [])):
        s, e = _find(text, ev["span"], ev.get("nth", 0), key)
        si = sent(s)
        quote = next((q.id for q in doc.quotes if q.start <= s and e <= q.end), None)
        doc.events.append(Event(
            id=f"{doc_id}-e{i}", sentence=si if si is not None else 0, start=s, end=e,
            trigger=ev["trigger"], plover=ev["plover"], mode=ev.get("mode"),
            cameo=ev.get("cameo"), goldstein=ev.get("goldstein"),
            quad_class=ev.get("quad_class"), source=[ref(x) for x in ev["source"]],
            target=[ref(x) for x in ev["target"]], modality=ev.get("modality", "asserted"),
            date=ev.get("date"), date_precision="month" if ev.get("date") else None,
            quote_id=quote, text=text[doc.sentences[si].start:doc.sentences[si].end]
            if si is not None else None))
    for i, st in enumerate(spec.get("stances", [])):
        s, e = _find(text, st["evidence"], st.get("nth", 0), key)
        quote = next((q.id for q in doc.quotes if q.start <= s and e <= q.end), None)
        doc.stances.append(Stance(
            id=f"{doc_id}-s{i}", holder=ref(st["holder"]), target=ref(st["target"]),
            polarity=st["polarity"], label=st["label"], aspect=st.get("aspect"),
            evidence=[{"start": s, "end": e, "text": text[s:e]}], sentence=sent(s),
            quote_id=quote, method="sample"))
    named = [x for e in doc.events for x in e.source + e.target]
    named += [x for st in doc.stances for x in (st.holder, st.target)]
    for x in named:  # records may name actors the text does not mention
        doc.actors.setdefault(x["id"], kb[x["id"]])
    return doc


def sample_docs() -> list[Doc]:
    return [build_doc(spec) for spec in corpus()["documents"]]


def custom_doc(text: str, *, title: str | None = None, date: str | None = None,
               key: str = "custom", mentions: list[list[Any]] | None = None,
               quotes: list[dict] | None = None) -> Doc:
    """A document from free text (tests), with optional mentions and quotes by substring."""
    return build_doc({"key": key, "title": title, "date": date, "paragraphs": text.split("\n"),
                      "mentions": mentions or [], "quotes": quotes or []})


def write_sample_db(path, extra: list[Doc] | tuple = ()) -> str:
    """Create a database at ``path`` holding the sample corpus (plus ``extra`` docs)."""
    from ..store.db import Store

    with Store(path) as store:
        store.write(sample_docs() + list(extra))
    return str(path)


STATES = {
    "RUS": "Russia", "KAZ": "Kazakhstan", "UZB": "Uzbekistan", "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan", "TKM": "Turkmenistan", "CHN": "China", "USA": "United States",
    "TUR": "Turkey", "IRN": "Iran", "IND": "India", "PAK": "Pakistan", "AFG": "Afghanistan",
    "AZE": "Azerbaijan", "ARM": "Armenia", "GEO": "Georgia", "UKR": "Ukraine", "BLR": "Belarus",
    "MNG": "Mongolia", "JPN": "Japan", "KOR": "South Korea", "DEU": "Germany", "FRA": "France",
    "GBR": "United Kingdom", "POL": "Poland", "ISR": "Israel", "SAU": "Saudi Arabia",
    "ARE": "United Arab Emirates", "QAT": "Qatar", "EGY": "Egypt",
}
IGOS = {"IGO:NATO": "NATO", "IGO:CSTO": "Collective Security Treaty Organization",
        "IGO:SCO": "Shanghai Cooperation Organisation", "IGO:EU": "European Union"}
FILLER = [
    "Officials on both sides declined to give details of the talks, which took place behind "
    "closed doors and lasted longer than planned.",
    "Trade between the two countries has grown every year since the border crossings reopened, "
    "driven mostly by fuel, grain and construction materials.",
    "Analysts in the region expect the next round of negotiations to focus on water, energy "
    "prices and the transit of goods to European markets.",
    "The ministry said a joint working group would meet again in the autumn to review "
    "progress on the agreements signed during the visit.",
    "Opposition politicians criticised the government for publishing so little about the "
    "terms of the loan and the guarantees attached to it.",
    "Local media reported that the delegation also visited an industrial park and a new "
    "logistics hub close to the railway junction.",
]


def write_synthetic_db(path, n_docs: int, seed: int = 7) -> dict[str, int]:
    """A database of ``n_docs`` documents made from the sample corpus (the latency benchmark
    and the pages-at-size browser tests): each copy gets other actors (30 states, 4
    organisations, 300 experts), another date (2019-2024) and filler paragraphs to the size of
    a news article. Returns the row counts."""
    from pathlib import Path

    from ..store.db import Store

    path = Path(path)
    rng = random.Random(seed)
    extra = {i: Actor(id=i, name=n, type="state", country=i, cameo=i) for i, n in STATES.items()}
    extra.update({i: Actor(id=i, name=n, type="igo") for i, n in IGOS.items()})
    experts = [f"PER:expert-{k:03d}" for k in range(300)]
    extra.update({e: Actor(id=e, name=f"Expert {k:03d}", type="person",
                           roles=[{"role": "political scientist", "org": None, "country": None,
                                   "start": None, "end": None}])
                  for k, e in enumerate(experts)})
    base = actors()
    states_in_sample = [i for i, a in base.items() if a.type == "state"]
    igos_in_sample = [i for i, a in base.items() if a.type == "igo"]
    people_in_sample = [i for i, a in base.items() if a.type == "person"]
    specs = corpus()["documents"]
    if path.exists():
        path.unlink()
    with Store(path) as store:
        batch = []
        for n in range(n_docs):
            states = rng.sample(sorted(STATES), len(states_in_sample))
            rename = dict(zip(states_in_sample, states))
            rename.update(zip(igos_in_sample, rng.sample(sorted(IGOS), len(igos_in_sample))))
            rename.update(zip(people_in_sample, rng.sample(experts, len(people_in_sample))))
            date = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            filler = [rng.choice(FILLER) for _ in range(rng.randint(15, 30))]
            batch.append(build_doc(specs[n % len(specs)], source=f"synthetic/{n:05d}.txt",
                                   date=date, rename=rename, extra_actors=extra,
                                   extra_paragraphs=filler, key_suffix=f"Document {n}."))
            if len(batch) == 1000:
                store.write(batch)
                batch = []
        store.write(batch)
        return {t: store.count(t) for t in ("documents", "mentions", "quotes", "events",
                                            "stances")}
