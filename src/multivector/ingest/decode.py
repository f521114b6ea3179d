"""Bytes to text: refuse binaries, try a fixed list of encodings and record which one worked.

The order matters: utf-8-sig first strips a BOM, strict utf-8 rejects most legacy text, cp1251
catches Russian-language files saved by Windows tools (common in the region's press), and latin-1
never fails, so it goes last and is recorded so a user can see the text may be garbled.
"""

from __future__ import annotations

ENCODINGS = ("utf-8-sig", "utf-8", "cp1251", "latin-1")


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; we do not accept it silently either
        return True
    magic = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b")
    if head.startswith(magic):
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and control / len(head) > 0.05


def _cyrillic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodeError for binary or empty input."""
    if not data.strip():
        raise DecodeError("empty file")
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    encodings = ENCODINGS if data.startswith(b"\xef\xbb\xbf") else ENCODINGS[1:]
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "cp1251" and _cyrillic_ratio(text) < 0.3:
            # cp1251 accepts almost any byte string; only believe it when it yields Russian
            continue
        return text, enc
    raise DecodeError("undecodable text")  # pragma: no cover - latin-1 always decodes
