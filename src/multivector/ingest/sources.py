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


def normalise_url(url: str) -> str:
    """Scheme and host in lower case, no default port, no fragment, ``/`` for an empty path."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        cred = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{cred}@{host}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def is_url(s: str) -> bool:
    return s.startswith("http://") or s.startswith("https://")


def walk_files(root: str, problems: list[InputProblem]) -> list[Path]:
    """Every file under ``root`` (symlinked directories followed once: a link back up the tree
    is not a loop); a subdirectory that cannot be listed is reported, not silently left out."""
    out: list[Path] = []
    seen: set[str] = set()

    def unreadable(exc: OSError) -> None:
        problems.append(InputProblem(str(exc.filename or root),
                                     f"cannot read directory: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:  # reached again through a symlink
            dirnames[:] = []
            continue
        seen.add(real)
        for name in filenames:
            p = Path(dirpath) / name
            if p.is_file():
                out.append(p)
    return out


def expand(args: list[str]) -> tuple[list[InputRef], list[InputProblem]]:
    """Files in a stable order (sorted per argument), each once."""
    refs: list[InputRef] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()

    def add(ref: InputRef) -> None:
        # a source's identity (what a re-analysed, edited file replaces) is its resolved
        # absolute path, or its normalised URL: how it was typed does not matter
        if ref.kind == "file":
            ref = InputRef("file", str(Path(ref.location).resolve()))
        elif ref.kind == "url":
            ref = InputRef("url", normalise_url(ref.location))
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
                p for p in walk_files(arg, problems)
                if p.suffix.lower() in SUPPORTED and not p.name.startswith(".")
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
