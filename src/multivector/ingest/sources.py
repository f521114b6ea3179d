"""Expand what the user typed (files, directories, globs, URLs, ``-``) into input references.

Expansion never reads file contents, so a missing path is reported once, by name, and the rest
of the run goes on.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json",
             ".csv", ".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class InputRef:
    kind: str  # file, url, stdin
    location: str  # path, URL or '-'


@dataclass(frozen=True)
class InputProblem:
    location: str
    reason: str


def is_url(s: str) -> bool:
    return s.startswith("http://") or s.startswith("https://")


def expand(args: list[str]) -> tuple[list[InputRef], list[InputProblem]]:
    """Files in a stable order (sorted per argument), each once."""
    refs: list[InputRef] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()

    def add(ref: InputRef) -> None:
        key = f"{ref.kind}:{ref.location}"
        if key not in seen:
            seen.add(key)
            refs.append(ref)

    for arg in args:
        if arg == "-":
            add(InputRef("stdin", "-"))
        elif is_url(arg):
            add(InputRef("url", arg))
        elif os.path.isdir(arg):
            found = sorted(
                p for p in Path(arg).rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith(".")
                and p.name.lower() not in ("readme.md", "readme.txt", "license.txt")
            )
            if not found:
                problems.append(InputProblem(arg, "directory contains no supported files "
                                                  f"({', '.join(sorted(SUPPORTED))})"))
            for p in found:
                add(InputRef("file", str(p)))
        elif os.path.isfile(arg):
            add(InputRef("file", arg))
        elif any(ch in arg for ch in "*?["):
            matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
            if not matches:
                problems.append(InputProblem(arg, "glob matched no files"))
            for m in matches:
                add(InputRef("file", m))
        else:
            problems.append(InputProblem(arg, "no such file or directory"))
    return refs, problems
