"""The document page says when an event participant is implied (no word of the text names it),
so an analyst never reads an inference as something the text said."""

from __future__ import annotations

from multivector.web.pages import document_page


def _doc(method):
    text = "Police detained dozens of protesters in Almaty on Sunday."
    return {"id": "d1", "text": text, "source": "x.txt", "actors": [], "quotes": [],
            "stances": [], "mentions": [], "paragraphs": [],
            "events": [{"id": "d1:e1", "plover": "ARREST", "trigger": "detained", "start": 7,
                        "end": 15, "modality": "asserted",
                        "source": [{"id": None, "name": "Police", "country": "KAZ",
                                    "sector": "COP"}],
                        "target": [{"id": "KAZ", "name": "Kazakhstan", "method": method}]}]}


def test_an_implied_target_is_marked_and_a_named_one_is_not():
    page = document_page(_doc("implied"))
    events = page[page.index("Events"):]
    assert "Kazakhstan</a>" in events and "(implied)" in events
    assert "(implied)" not in document_page(_doc(None))
