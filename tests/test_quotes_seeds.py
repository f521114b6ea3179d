"""Acceptance on ../shared/seeds (skipped without it): the two interviews, the expert
commentary with 'said the political scientist' / 'according to him', and the blog translation
whose quotes came through outlets. Only speakers, kinds and outlets are asserted, so no text of
the seeds is copied here."""

from __future__ import annotations


import pytest


@pytest.fixture(scope="module")
def seeds(shared_dir):
    from multivector.pipeline import Pipeline

    pipe = Pipeline(stages=["quotes"])
    out = {}
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        out[path.name[:3]] = pipe.analyze_text(path.read_text(encoding="utf-8"), source=str(path))
    return out


def _name(q):
    return (q.speaker or {}).get("name") or ""


@pytest.mark.slow
@pytest.mark.parametrize("key,surname,n_questions", [("001", "Khamroev", 8), ("002", "Sattarov", 3)])
def test_interview_answers_belong_to_the_interviewee(seeds, key, surname, n_questions):
    doc = seeds[key]
    assert doc.document.genre == "interview"
    questions = [p.idx for p in doc.paragraphs if p.is_question]
    assert len(questions) == n_questions
    answers = [q for q in doc.quotes if q.kind == "interview" and q.cue == "answer"]
    assert len(answers) >= n_questions
    answer_paras = {doc.paragraph_at(q.start).idx for q in answers}
    for q in doc.quotes:
        p = doc.paragraph_at(q.start).idx
        if p in questions:
            assert q.speaker is None or q.speaker["role"] == "interviewer"
            assert surname not in _name(q)
        elif q.kind in ("interview", "direct", "floating"):
            assert surname in _name(q), (q.kind, q.cue, _name(q))
        if p in answer_paras and q.kind == "indirect":
            # reported speech inside an answer: a third party's, with an explicit speech cue
            assert q.cue and q.speaker is not None and surname not in _name(q)
    # every paragraph between the first question and the trailer is a question or an answer
    first = min(questions)
    last = max(answer_paras)
    for p in doc.paragraphs[first : last + 1]:
        if p.translation_of is None:
            assert p.idx in questions or p.idx in answer_paras


@pytest.mark.slow
def test_said_the_political_scientist_and_according_to_him(seeds):
    doc = seeds["000"]
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 3
    assert all(_name(q) == "Rafael Sattarov" for q in direct)
    acc = [q for q in doc.quotes if (q.cue or "").lower() == "according to"]
    assert acc and all(_name(q) == "Rafael Sattarov" for q in acc)
    noted = [q for q in doc.quotes if q.cue == "noted"]
    assert noted and _name(noted[0]) == "Rafael Sattarov"


@pytest.mark.slow
def test_blog_quotes_have_speakers_and_outlets(seeds):
    doc = seeds["003"]
    by = {}
    for q in doc.quotes:
        by.setdefault(_name(q), []).append(q)
    umarov = by.get("Temur Umarov", [])
    assert len(umarov) >= 2 and all(q.via == "RFA/RL" for q in umarov)
    assert any(q.kind == "floating" for q in umarov)
    sul = by.get("Timur Suleimenov", [])
    assert any(q.kind == "direct" for q in sul) and all(q.via == "Pengpai News" for q in sul)
    kam = by.get("Abdulaziz Kamilov", [])
    assert len([q for q in kam if q.kind == "direct"]) == 2
    assert all(q.via == "Pengpai News" for q in kam)  # "is quoted": the outlet named before
    assert all(q.speaker["role"] for q in umarov + sul + kam)
    # the Chinese translations of those quotes are not counted twice
    assert not any(doc.paragraphs[doc.paragraph_at(q.start).idx].translation_of is not None for q in doc.quotes)
