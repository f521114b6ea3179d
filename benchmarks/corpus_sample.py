"""Shared by the benchmarks: a fixed, comparable sample of the BBC corpus and where results go."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
SECTIONS = ("politics", "business", "tech", "entertainment", "sport")


def sample(corpus: Path, n: int) -> list[Path]:
    """Every k-th file over the five sections, sorted, so runs are comparable."""
    files: list[Path] = []
    for section in SECTIONS:
        files.extend(sorted((corpus / section).glob("*.txt")))
    if not files:
        return []
    return files[:: max(1, len(files) // n)][:n]


def save(name: str, result: dict) -> None:
    """Print the figures and keep them in benchmarks/results/NAME.json."""
    print(json.dumps(result, indent=1))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
