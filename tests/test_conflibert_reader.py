"""The ConfliBERT quad-class reader takes the file as a user's export may give it: a header,
Windows line ends, a byte-order mark; anything else is an error naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.events.classifier_train import read_conflibert


def test_header_crlf_and_bom_are_tolerated(tmp_path: Path) -> None:
    p = tmp_path / "quad.tsv"
    p.write_bytes("\ufeffsentence\tlabel\r\nThe ministry protested the arrest.\t3\r\n"
                  "Two envoys met in Vienna.\t1\r\n".encode("utf-8"))
    ex = read_conflibert(p)
    assert [(e.text, e.quad) for e in ex] == [("The ministry protested the arrest.", 3),
                                              ("Two envoys met in Vienna.", 1)]


def test_a_bad_line_after_the_first_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "quad.tsv"
    p.write_text("Two envoys met in Vienna.\t1\nA line without a class\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"quad.tsv:2"):
        read_conflibert(p)
    p.write_text("Two envoys met in Vienna.\t7\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"quad.tsv:1"):
        read_conflibert(p)
