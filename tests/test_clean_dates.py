"""Cleaning keeps the article and drops the chrome; dates are read, never invented."""

from __future__ import annotations

import pytest

from multivector.text.clean import make_document, split_blocks
from multivector.text.dates import dateline_date, find_dateline, parse_date

BLOG = """Bishkek weighs a new gas deal

Kyrgyz officials said on Monday that talks with Gazprom would resume.
You are commenting using your Twitter account. Log Out /  Change )

Photo: Government press service

1 2 3 ... 9

2871 views

The ministry added that "no decision has been taken yet".

3 Comments to "Bishkek weighs a new gas deal"

Leave a Reply

Your email address will not be published.
A great article, thanks!
"""


def test_boilerplate_removed_article_kept():
    d = make_document(BLOG, source="blog.txt", title_in_text=True)
    assert d.title == "Bishkek weighs a new gas deal"
    assert "talks with Gazprom would resume" in d.text
    assert "no decision has been taken yet" in d.text
    for junk in ("Twitter account", "Photo:", "1 2 3", "2871 views", "Leave a Reply",
                 "great article", "3 Comments"):
        assert junk not in d.text, junk
    kinds = {r["kind"] for r in d.removed}
    assert {"widget_lines", "photo_credits", "pagination", "counters", "comment_section"} <= kinds


def test_comment_phrase_early_in_article_is_not_a_cut():
    text = "Title\n\nLeave a Reply\n\n" + "\n\n".join(f"Paragraph {i} about Astana." for i in range(6))
    d = make_document(text, title_in_text=True)
    assert "Paragraph 5 about Astana." in d.text


def test_hard_wrapped_lines_are_joined_but_sentences_stay_paragraphs():
    paras = split_blocks("The minister said that the talks in Dushanbe would\ncontinue next week.\n"
                         "A second paragraph starts here.")
    assert paras == ["The minister said that the talks in Dushanbe would continue next week.",
                     "A second paragraph starts here."]


def test_content_hash_is_stable_and_offsets_point_into_text():
    a = make_document(BLOG, source="x", title_in_text=True)
    b = make_document(BLOG, source="y", title_in_text=True)
    assert a.id == b.id and len(a.id) == 16
    i = a.text.index("Kyrgyz officials")
    assert a.text[i:i + 15] == "Kyrgyz official"


@pytest.mark.parametrize("s,iso", [
    ("04 02 2022, 08:55", "2022-02-04"),   # day-first when ambiguous
    ("13.02.2022", "2022-02-13"),
    ("02/13/2022", "2022-02-13"),           # only month-first is valid
    ("March 16, 2022", "2022-03-16"),
    ("16 March 2022", "2022-03-16"),
    ("16 марта 2022 г.", "2022-03-16"),
    ("2022年3月16日", "2022-03-16"),
    ("2024-05-14T09:00:00Z", "2024-05-14"),
    ("Tue, 14 May 2024 09:00:00 GMT", "2024-05-14"),
])
def test_parse_date(s, iso):
    assert parse_date(s) == iso


@pytest.mark.parametrize("s", ["On Tuesday", "2022", "31.02.2022", "in 1985 and 1986", ""])
def test_no_date_invented(s):
    assert parse_date(s) is None


def test_dateline_must_be_the_whole_line():
    assert dateline_date("04 02 2022, 08:55") == "2022-02-04"
    assert dateline_date("Talks were held on 04 02 2022 in Tashkent.") is None


def test_dateline_found_at_end_and_removed_from_text():
    text = "Title\n\nFirst paragraph on Uzbekistan.\n\nSecond paragraph.\n\n17 03 2023, 10:20"
    d = make_document(text, title_in_text=True)
    assert d.date == "2023-03-17" and d.date_source == "dateline"
    assert "17 03 2023" not in d.text
    assert find_dateline(["Title", "Body without a date."]) == (None, None, False)


def test_metadata_date_wins_and_bad_metadata_gives_none():
    d = make_document("Title\n\nBody.\n\n04 02 2022", title_in_text=True, date="2023-01-05")
    assert d.date == "2023-01-05" and d.date_source == "input"
    d2 = make_document("Title\n\nBody text here.", title_in_text=True, date="sometime")
    assert d2.date is None and d2.date_source is None
