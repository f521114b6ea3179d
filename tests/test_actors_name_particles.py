"""Person-name repairs. Names with lower-case particles (Portuguese da/dos, Dutch van, German von, Arabic al-/bin):
one person, linked to the knowledge base, not cut into single unresolved words. Sentences
written for this test; the names are public figures in the packaged knowledge base."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("sentence,name,actor_id", [
    ("Brazilian President Luiz Inacio Lula da Silva met the Indian prime minister on Tuesday.",
     "Luiz Inacio Lula da Silva", "PER:luiz-inacio-lula-da-silva"),
    ("Officials said Ursula von der Leyen would travel to Astana in May.",
     "Ursula von der Leyen", "PER:ursula-von-der-leyen"),
    ("Venezuela's opposition leader Maria Corina Machado urged the region to act.",
     "Maria Corina Machado", "PER:maria-machado"),
])
def test_a_name_with_particles_is_one_linked_person(pipeline, sentence, name, actor_id):
    doc = pipeline.analyze_text(sentence, source="names.txt")
    people = [(m.text, m.actor_id) for m in doc.mentions if (m.actor_id or "").startswith("PER:")
              or m.actor_id is None]
    assert (name, actor_id) in people, people
    assert not [t for t, a in people if a is None], people  # no leftover single words


def test_two_known_people_side_by_side_are_not_merged(pipeline):
    doc = pipeline.analyze_text("Officials said Narendra Modi Vladimir Putin talks ended early.",
                                source="names.txt")
    assert {"PER:narendra-modi", "PER:vladimir-putin"} <= {m.actor_id for m in doc.mentions}


def test_a_possessive_country_tagged_as_a_person_is_the_country(pipeline):
    doc = pipeline.analyze_text("Sri Lanka's parliament approved the budget on Tuesday.",
                                source="names.txt")
    assert [(m.text, m.actor_id) for m in doc.mentions] == [("Sri Lanka's parliament", "LKALEG")]


def test_a_region_at_the_start_of_a_longer_place_name_is_not_that_region(pipeline):
    doc = pipeline.analyze_text("Israeli troops raided a village in the West Bank on Monday.",
                                source="names.txt")
    assert "REG:the-west" not in {m.actor_id for m in doc.mentions}
    assert not [m for m in doc.mentions if m.actor_id is None]
    doc = pipeline.analyze_text("The West imposed new sanctions on Russia.", source="names.txt")
    assert "REG:the-west" in {m.actor_id for m in doc.mentions}
