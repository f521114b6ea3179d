"""Inputs a user really has: UTF-16 text, binaries named by what they are, CSVs with other
columns, feeds that are not XML, unreadable or looping directories: each gets its own line."""

from __future__ import annotations

import os

import pytest

from multivector.ingest import IngestError, expand, read
from multivector.ingest.decode import DecodeError, decode
from multivector.ingest.sources import InputRef

TEXT = "Talks in Astana\n\nKazakhstan and Russia signed a rail deal on Monday.\n"


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_text(enc):
    text, used = decode(TEXT.encode(enc))
    assert text == TEXT and used.startswith("utf-16")


def test_binaries_are_named_by_what_they_are():
    with pytest.raises(DecodeError, match="a PDF document"):
        decode(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(DecodeError, match="a ZIP archive"):
        decode(b"PK\x03\x04\x14\x00\x06\x00" + bytes(40))


def read_all(path):
    return list(read(InputRef("file", str(path)), 10_000_000))


def test_csv_without_text_lists_the_files_own_columns(tmp_path):
    f = tmp_path / "rows.csv"
    f.write_text("body,headline\nhello,world\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"its columns: body, headline"):
        read_all(f)


def test_feed_that_is_not_xml_is_reported(tmp_path):
    f = tmp_path / "news.rss"
    f.write_text("this is plain text, not a feed", encoding="utf-8")
    with pytest.raises(IngestError, match="not a valid RSS/Atom feed"):
        read_all(f)


def test_unreadable_subdirectory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir
    locked = str(tmp_path / "locked")

    def scandir(path="."):  # what a directory without read permission does (we may be root)
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    refs, problems = expand([str(tmp_path)])
    assert [r.location for r in refs] == [str(tmp_path / "ok" / "a.txt")]
    assert [(p.location, p.reason) for p in problems] == \
        [(locked, "cannot read directory: Permission denied")]


def test_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "d" / "up")
    refs, problems = expand([str(tmp_path)])
    assert [r.location for r in refs] == [str(tmp_path / "d" / "a.txt")]
    assert problems == []
