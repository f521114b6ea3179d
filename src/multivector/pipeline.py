"""The pipeline: a list of stages that each add one layer to a batch of ``Doc`` objects.

    segment  (text.segment)   paragraphs, languages, translations, sentences, spaCy parse
    actors   (actors.stage)   mentions linked to canonical actors
    quotes   (quotes.stage)   who said what
    events   (events.stage)   who did what to whom (PLOVER + CAMEO)
    stances  (stance.stage)   how each holder sees each actor

A stage module exposes ``build(config, nlp) -> callable(doc)``; the callable mutates one ``Doc``.
Stages are looked up by name in ``STAGE_MODULES`` so each can be developed and tested alone, and
a user can run a subset (``--stages actors,quotes``). Segmentation is batched over documents
because ``nlp.pipe`` is where most of the time goes.
"""

from __future__ import annotations

import importlib
import time
from typing import Callable, Iterable

from .config import Config
from .doc import Doc, Document

STAGE_MODULES: dict[str, str] = {
    "actors": "multivector.actors.stage",
    "quotes": "multivector.quotes.stage",
    "events": "multivector.events.stage",
    "stances": "multivector.stance.stage",
}

_NLP_CACHE: dict[str, object] = {}


def load_nlp(model: str):
    """Load (once per process) the spaCy model named in the config."""
    if model not in _NLP_CACHE:
        import spacy

        try:
            _NLP_CACHE[model] = spacy.load(model)
        except OSError as exc:
            raise RuntimeError(
                f"spaCy model {model!r} is not installed. Install the pinned default with "
                "`pip install --no-deps --require-hashes -r requirements/model.txt`, or set "
                "MULTIVECTOR_SPACY_MODEL to an installed model name or path."
            ) from exc
    return _NLP_CACHE[model]


class StageError(RuntimeError):
    def __init__(self, stage: str, doc: Doc, exc: BaseException):
        super().__init__(f"{doc.document.source}: stage {stage} failed: {exc!r}")
        self.stage = stage
        self.exc = exc


class Pipeline:
    def __init__(self, config: Config | None = None, stages: Iterable[str] | None = None):
        from .text.segment import Segmenter

        self.config = config or Config()
        self.nlp = load_nlp(self.config.spacy_model)
        self.segmenter = Segmenter(self.nlp, self.config)
        names = list(stages if stages is not None else self.config.stages)
        unknown = [n for n in names if n not in STAGE_MODULES]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown}; known: {list(STAGE_MODULES)}")
        self.stages: list[tuple[str, Callable[[Doc], None]]] = []
        self.missing: list[str] = []
        for name in names:
            try:
                module = importlib.import_module(STAGE_MODULES[name])
            except ModuleNotFoundError as exc:
                if exc.name != STAGE_MODULES[name]:
                    raise
                self.missing.append(name)  # capability not present in this build
                continue
            self.stages.append((name, module.build(self.config, self.nlp)))

    @property
    def stage_names(self) -> list[str]:
        return ["segment"] + [n for n, _ in self.stages]

    def process(self, documents: list[Document]) -> tuple[list[Doc], list[StageError]]:
        """Run every stage over a batch. A document whose stage fails is dropped from the
        result (and reported) so the rest of the batch is stored."""
        docs = self.segmenter.process_batch(documents)
        ok: list[Doc] = []
        errors: list[StageError] = []
        for doc in docs:
            try:
                for name, stage in self.stages:
                    t0 = time.perf_counter()
                    stage(doc)
                    doc.timings[name] = doc.timings.get(name, 0.0) + time.perf_counter() - t0
                ok.append(doc)
            except Exception as exc:  # one bad document never kills the run
                errors.append(StageError(name, doc, exc))
        return ok, errors

    def analyze_text(self, text: str, **meta) -> Doc:
        """Analyse one text (tests, the API, notebooks). ``meta`` fills Document fields."""
        from .text.clean import make_document

        document = make_document(text, source=meta.pop("source", "<text>"), **meta)
        docs, errors = self.process([document])
        if errors:
            raise errors[0].exc
        return docs[0]
