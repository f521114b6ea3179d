"""Ingest: every container format, and bad input named with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.ingest import IngestError, expand, read
from multivector.ingest.decode import DecodeError, decode
from multivector.ingest.sources import InputRef

FIX = Path(__file__).parent / "fixtures" / "ingest"


def items(name: str, max_bytes: int = 10_000_000):
    return list(read(InputRef("file", str(FIX / name)), max_bytes))


def test_expand_directory_glob_missing_and_url():
    refs, problems = expand([str(FIX), str(FIX / "*.jsonl"), "nope/missing.txt", "https://x.org/a"])
    locs = [r.location for r in refs]
    assert str(FIX / "rows.jsonl") in locs and locs.count(str(FIX / "rows.jsonl")) == 1
    assert refs[-1] == InputRef("url", "https://x.org/a")
    assert [p.location for p in problems] == ["nope/missing.txt"]
    assert "no such file" in problems[0].reason


def test_txt_keeps_title_line_in_text():
    (raw,) = items("wire.txt")
    assert raw.format == "txt" and raw.title_in_text
    assert raw.text.startswith("Tashkent hosts talks on water")


def test_cp1251_is_decoded_and_recorded():
    (raw,) = items("russian_cp1251.txt")
    assert raw.encoding == "cp1251"
    assert "Президент Казахстана" in raw.text


def test_decode_prefers_utf8_and_rejects_binary_and_empty():
    assert decode("Алматы".encode("utf-8")) == ("Алматы", "utf-8")
    assert decode(b"\xef\xbb\xbfhello there")[1] == "utf-8-sig"
    with pytest.raises(DecodeError, match="binary"):
        decode(bytes(range(256)))
    with pytest.raises(DecodeError, match="empty"):
        decode(b"  \n ")


@pytest.mark.parametrize("name,reason", [("binary.txt", "binary"), ("empty.txt", "empty")])
def test_bad_files_raise_with_file_name(name, reason):
    with pytest.raises(IngestError) as exc:
        items(name)
    assert name in str(exc.value) and reason in exc.value.reason


def test_size_limit_names_file():
    with pytest.raises(IngestError, match="too large"):
        items("wire.txt", max_bytes=50)


def test_jsonl_rows_and_bad_lines_do_not_stop_the_file():
    got = items("rows.jsonl")
    docs = [g for g in got if not isinstance(g, IngestError)]
    errs = [g for g in got if isinstance(g, IngestError)]
    assert [d.source for d in docs] == ["https://example.org/drills", f"{FIX / 'rows.jsonl'}#4"]
    assert [d.outlet for d in docs] == ["wire-1", "wire-2"]
    assert docs[0].title == "Joint drills" and docs[0].date == "2023-09-08"
    assert docs[0].url == "https://example.org/drills"
    assert len(errs) == 2
    assert "rows.jsonl:2" in str(errs[0]) and "invalid JSON" in errs[0].reason
    assert "no 'text'" in errs[1].reason


def test_csv_rows():
    (raw,) = items("rows.csv")
    assert raw.source == "https://example.org/b" and raw.outlet == "csv-1" and raw.title == "Talks in Beijing" and raw.format == "csv"


def test_rss_items_become_documents_with_dates():
    got = items("feed.xml")
    assert len(got) == 2
    assert got[0].title == "Bishkek seeks visa deal"
    assert got[0].date == "2024-05-14"
    assert got[0].outlet == "Steppe Wire"
    assert got[0].text.startswith("Kyrgyzstan asked Turkey")
    assert "<p>" not in got[0].text
    assert got[0].source.endswith("#https://example.org/1")


def test_html_metadata_and_no_boilerplate():
    (raw,) = items("page.html")
    assert raw.title == "Astana balances between Moscow and Beijing"
    assert raw.author == "Aigerim Sadykova"
    assert raw.date == "2024-05-14"
    assert "keep equal distance" in raw.text
    for junk in ("Leave a Reply", "Post Comment", "Share on Facebook", "All rights reserved"):
        assert junk not in raw.text


def test_url_without_network_is_a_clear_error():
    with pytest.raises(IngestError) as exc:
        list(read(InputRef("url", "http://127.0.0.1:9/none"), 1000, timeout=2))
    assert "127.0.0.1:9" in str(exc.value) and "cannot fetch" in exc.value.reason
