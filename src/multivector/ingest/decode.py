"""Bytes to text: refuse binaries, try a fixed list of encodings and record which one worked.

The order matters: utf-8-sig first strips a BOM, strict utf-8 rejects most legacy text, cp1251
catches Russian-language files saved by Windows tools (common in the region's press), and latin-1
never fails, so it goes last and is recorded so a user can see the text may be garbled.
"""

from __future__ import annotations

ENCODINGS = ("utf-8-sig", "utf-8", "cp1251", "latin-1")


class DecodeError(ValueError):
    pass


MAGIC = {b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive (docx, xlsx, odt ...)",
         b"\x89PNG": "a PNG image", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
         b"\x7fELF": "an executable", b"\x1f\x8b": "a gzip archive",
         b"SQLite format 3": "an SQLite database", b"DUCK": "a DuckDB database"}


def binary_kind(data: bytes) -> str | None:
    """What a binary input is ("a PDF document", ...), or None for text. UTF-16 text is
    text: call :func:`utf16_encoding` first."""
    head = data[:8192]
    for magic, kind in MAGIC.items():
        if head.startswith(magic) or (magic == b"DUCK" and head[8:12] == magic):
            return kind
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if len(head) > 0 and control / len(head) > 0.05:
        return "binary data (control characters)"
    return None


def looks_binary(data: bytes) -> bool:
    return utf16_encoding(data) is None and binary_kind(data) is not None


def utf16_encoding(data: bytes) -> str | None:
    """``utf-16`` (with a BOM), ``utf-16-le`` / ``utf-16-be`` (without one, when every other
    byte of mostly-ASCII text is NUL), or None. Windows tools save "Unicode" text this way."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:8192]
    if len(head) < 4:
        return None
    pairs = len(head) // 2
    odd_nul = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    even_nul = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    if odd_nul >= 0.3 * pairs and even_nul == 0:
        return "utf-16-le"
    if even_nul >= 0.3 * pairs and odd_nul == 0:
        return "utf-16-be"
    return None


def _cyrillic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodeError for binary or empty input."""
    if not data.strip():
        raise DecodeError("empty file")
    u16 = utf16_encoding(data)
    if u16 is not None:
        try:
            text = data.decode(u16)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"looks like {u16.upper()} text but does not decode: {exc.reason}"
                              ) from exc
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise DecodeError(f"empty file ({u16.upper()})")
        return text, u16
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary file, not text: {kind}")
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
