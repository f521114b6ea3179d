"""Transcripts: paragraphs led by a speaker label ("PENCE: Well, look, ...", "WALLACE: ...").

Broadcast transcripts and some interviews name the speaker in capitals before a colon at the
start of each turn; a turn can run over several paragraphs (the following paragraphs open with
a quotation mark, or carry no label). We need at least three labelled paragraphs and two
distinct labels, so a single "NOTE: ..." line is not a transcript. A label resolves to the
person named elsewhere in the document with that surname ("PENCE" -> "Mike Pence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..doc import Doc
from ..lang import lexicon as lang_lexicon
from .records import Draft, strip_span
from .speakers import Speaker, SpeakerResolver

LABEL = re.compile(r"^(?P<lead>\s*[\"“”]?\s*)(?P<label>[A-Z][A-Z.'’\- ]{1,30}[A-Z.])\s*:\s+(?=\S)")
NOT_LABELS = lang_lexicon("en").words("not_speaker_labels")
QUOTE_OPEN = "\"“”«„"
STAGE = re.compile(r"^\s*(\(|\[|follow |click |watch |read )", re.I)  # stage directions, promos


@dataclass
class Transcript:
    turns: dict[int, tuple[str, int]] = field(default_factory=dict)  # paragraph -> (label, body start)


def detect(doc: Doc) -> Transcript | None:
    text = doc.text
    tr = Transcript()
    labels: set[str] = set()
    last: tuple[str, bool] | None = None  # (label, opened with a quotation mark)
    for p in doc.paragraphs:
        if p.translation_of is not None:
            continue
        seg = text[p.start : p.end]
        m = LABEL.match(seg)
        if m and m.group("label").strip().upper() not in NOT_LABELS and len(m.group("label").split()) <= 3:
            label = m.group("label").strip()
            tr.turns[p.idx] = (label, p.start + m.end())
            labels.add(label)
            last = (label, bool(m.group("lead").strip()))
            continue
        if last is not None and last[1] and seg[:1] in QUOTE_OPEN and not LABEL.match(seg) \
                and not STAGE.match(seg[1:]):
            tr.turns[p.idx] = (last[0], p.start + 1)  # the same turn continues
            continue
        last = None
    labelled = sum(1 for i, (lab, s) in tr.turns.items() if LABEL.match(text[doc.paragraphs[i].start :]))
    if labelled < 3 or len(labels) < 2:
        return None
    return tr


def _speaker(label: str, resolver: SpeakerResolver, pos: int) -> Speaker:
    last = label.replace(".", " ").split()[-1].lower()
    for n in resolver.named:
        if n.label == "PERSON" and n.name.split() and n.name.split()[-1].lower() == last:
            return Speaker(n.name, n.actor_id, n.role, None, None, "PERSON", "label")
    return Speaker(label.title(), None, None, None, None, None, "label")


def transcript_drafts(doc: Doc, tr: Transcript, resolver: SpeakerResolver) -> list[Draft]:
    out: list[Draft] = []
    cache: dict[str, Speaker] = {}
    for idx, (label, body) in sorted(tr.turns.items()):
        p = doc.paragraphs[idx]
        a, b = strip_span(doc.text, body, p.end)
        if b - a < 2:
            continue
        sp = cache.get(label) or _speaker(label, resolver, a)
        cache[label] = sp
        seg = doc.text[a:b].rstrip("\"”")
        if seg.rstrip().endswith("?"):
            p.is_question = True
        out.append(Draft(a, b, "interview", "label", sp, None, None, 0.85, a, "transcript"))
    return out
