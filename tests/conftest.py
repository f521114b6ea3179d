"""Shared fixtures. spaCy and the pipeline are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from multivector.config import Config
    from multivector.pipeline import load_nlp

    return load_nlp(Config().spacy_model)


@pytest.fixture(scope="session")
def pipeline():
    """The full default pipeline (all stages)."""
    from multivector.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def qpipe():
    """Segmentation, the actors stage and the quotes stage (built once for the quote tests)."""
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["quotes"])


@pytest.fixture(scope="session")
def events_pipeline():
    """Segmentation, the stages events requires, and events (built once for the event tests)."""
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["events"])


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
