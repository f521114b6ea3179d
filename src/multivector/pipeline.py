"""The pipeline: segmentation, then the registered stages in an order that meets their needs.

    segment  (text.segment)   paragraphs, languages, translations, sentences, the parse
    actors   (actors.stage)   mentions linked to canonical actors
    quotes   (quotes.stage)   who said what
    events   (events.stage)   who did what to whom (PLOVER + CAMEO)
    stances  (stance.stage)   how each holder sees each actor

Stages register themselves (``multivector.stages``) with the layers they require and assign;
the pipeline resolves a requested subset into a runnable order (``--stages events`` also runs
``actors`` and ``quotes``, and says so). Segmentation is batched over documents because
``nlp.pipe`` is where most of the time goes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from .config import Config
from .doc import Doc, Document
from .errors import StageError
from .nlp import load_nlp
from .stages import get_stage, resolve_order


class Pipeline:
    def __init__(self, config: Config | None = None, stages: Iterable[str] | None = None):
        from .nlp_memo import memoize_pipeline  # imports spaCy: not at module import
        from .text.segment import Segmenter

        self.config = config or Config()
        requested = list(stages if stages is not None else self.config.stages)
        order, added = resolve_order(requested)
        self.added = added  # stages run only because a requested one needs them
        # the attribute ruler and lemmatizer memoised, output identical (nlp_memo); the stock
        # model stays what benchmarks/throughput.py times as the floor
        self.nlp = memoize_pipeline(load_nlp(self.config.spacy_model))
        self.segmenter = Segmenter(self.nlp, self.config)
        self.stages: list[tuple[str, Callable[[Doc], None]]] = [
            (name, get_stage(name).build(self.config, self.nlp)) for name in order]

    @property
    def stage_names(self) -> list[str]:
        return ["segment"] + [n for n, _ in self.stages]

    def process(self, documents: list[Document]) -> tuple[list[Doc], list[StageError]]:
        """Run every stage over a batch. A document whose stage fails is dropped from the
        result (and reported with its stage) so the rest of the batch is stored."""
        ok: list[Doc] = []
        errors: list[StageError] = []
        try:
            docs = self.segmenter.process_batch(documents)
        except Exception:  # noqa: BLE001 - one document must not stop its batch: find it
            docs = []
            for document in documents:
                try:
                    docs += self.segmenter.process_batch([document])
                except Exception as exc:  # noqa: BLE001 - recorded in `failures`
                    errors.append(StageError("segment", document.source, exc,
                                             doc_id=document.id))
        for doc in docs:
            name = "segment"
            try:
                for name, stage in self.stages:
                    t0 = time.perf_counter()
                    stage(doc)
                    doc.timings[name] = doc.timings.get(name, 0.0) + time.perf_counter() - t0
                ok.append(doc)
            except Exception as exc:  # noqa: BLE001 - the runner records it in `failures`
                errors.append(StageError(name, doc.document.source, exc, doc_id=doc.id))
        return ok, errors

    def analyze_text(self, text: str, **meta: Any) -> Doc:
        """Analyse one text (tests, the API, notebooks). ``meta`` fills Document fields."""
        from .text.clean import make_document

        document = make_document(text, source=meta.pop("source", "<text>"), **meta)
        docs, errors = self.process([document])
        if errors:
            raise errors[0].exc
        return docs[0]
