"""The quotes stage on text we wrote: every cue position and quote layout of issue 4."""

from __future__ import annotations

import pytest

from multivector.quotes.stage import extract_quotes


def quotes(qpipe, text):
    doc = qpipe.analyze_text(text)
    return doc, doc.quotes


def name(q):
    return (q.speaker or {}).get("name") or ""


def test_cue_after_with_inverted_subject_and_role(qpipe):
    text = ("Economist Aida Nurlanova presented the annual report in Almaty.\n\n"
            "“Trade with Beijing has doubled in five years, and that changes the balance,” said Nurlanova.")
    doc, qs = quotes(qpipe, text)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert q.text.startswith("Trade with Beijing") and q.text.endswith("balance,")
    assert doc.text[q.start : q.end] == q.text
    assert "Nurlanova" in name(q) and q.cue == "said"
    assert q.speaker["role"] and "economist" in q.speaker["role"].lower()
    assert q.id == f"{doc.id}:q{qs.index(q) + 1}"


def test_colon_cue_before_with_guillemets(qpipe):
    text = "Foreign Minister Daniyar Osmonov added: «Our partners must respect the agreements we signed last spring.»"
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert q.text.startswith("Our partners") and "Osmonov" in name(q) and q.cue == "added"


def test_german_marks_and_addressee(qpipe):
    text = "Ambassador Karl Hummel told reporters: „Berlin will not change its position on the pipeline this year.“"
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert q.text.startswith("Berlin will not") and "Hummel" in name(q)
    assert q.addressee == "reporters"


def test_single_quotes_and_descriptor_speaker(qpipe):
    text = ("Energy minister Aliya Serik visited Ankara on Monday.\n\n"
            "‘Sanctions have not changed our plans at all,’ the minister said.")
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert q.text.startswith("Sanctions have not") and name(q) == "Aliya Serik"


def test_straight_quotes_with_apostrophes_inside(qpipe):
    text = "\"We don't expect Moscow's support before the summit,\" Sergei Petrov said."
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert q.text == "We don't expect Moscow's support before the summit," and "Petrov" in name(q)


def test_multi_paragraph_quote_and_pronoun_speaker(qpipe):
    text = ("General Arman Sadykov described the exercise to journalists.\n\n"
            "“The first phase tested how quickly units can move across the border region. It went well.\n\n"
            "“The second phase will start in October, and our allies will join it,” he said.")
    _, qs = quotes(qpipe, text)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith("The first phase") and direct[0].text.endswith("join it,")
    assert "Sadykov" in name(direct[0])


def test_nested_quote_with_its_own_cue(qpipe):
    text = "“When the ambassador told us ‘the door is still open for talks’, we believed him,” said Kanat Omarov."
    _, qs = quotes(qpipe, text)
    outer = [q for q in qs if q.text.startswith("When the ambassador")]
    assert len(outer) == 1 and "Omarov" in name(outer[0])
    inner = [q for q in qs if q.text == "the door is still open for talks"]
    assert inner and "ambassador" in name(inner[0])


def test_odd_marks_do_not_crash_and_are_flagged(qpipe):
    text = ('Spokesman Ilya Markov said "talks with the neighbours will continue next week.\n\n'
            "No date has been set.” Officials left the building.")
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.text.startswith("talks with"))
    assert "Markov" in name(q)
    assert q.confidence < 0.9  # recovered span
    assert not any(q.text.startswith("No date") for q in qs)


def test_dash_attribution(qpipe):
    text = "“We will not recognise the outcome of this referendum” – Nikolai Orlov."
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert "Orlov" in name(q) and q.cue == "–"


def test_according_to_him_and_said_the_analyst(qpipe):
    text = ("Political analyst Timur Bekov spoke to our newspaper on Friday. According to him, the new "
            "pipeline will reduce the dependence on Russian transit.\n\n"
            "“Nobody in the region wants to return to the old routes,” said the analyst.")
    _, qs = quotes(qpipe, text)
    acc = next(q for q in qs if q.cue == "According to")
    assert acc.kind == "indirect" and name(acc) == "Timur Bekov"
    assert acc.text.startswith("the new pipeline")
    d = next(q for q in qs if q.kind == "direct")
    assert name(d) == "Timur Bekov" and d.speaker["role"] == "Political analyst"


@pytest.mark.parametrize("text,speaker,cue,start", [
    ("Kazakh President Kassym-Jomart Tokayev said that his country would not help anyone evade sanctions.",
     "Tokayev", "said", "that his country"),
    ("Analyst Marat Ospanov believes the alliance will weaken over the next decade.",
     "Ospanov", "believes", "the alliance"),
    ("The deputy governor Anna Belova noted that the budget had been cut twice this year.",
     "Belova", "noted", "that the budget"),
    ("According to the Interior Ministry, twelve people were detained after the rally.",
     "Interior Ministry", "According to", "twelve people"),
])
def test_reported_speech(qpipe, text, speaker, cue, start):
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "indirect")
    assert speaker in name(q) and q.cue == cue and q.text.startswith(start)


def test_quoted_by_outlet_as_saying(qpipe):
    text = "Deputy minister Elena Vasko is quoted by Interfax as saying that the gas talks will resume in May."
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "indirect")
    assert name(q) == "Elena Vasko" and q.via == "Interfax"
    assert q.text.startswith("that the gas talks")


def test_outlet_quotes_speaker(qpipe):
    text = ("“Prices will rise again before the winter,”\n\n"
            "Reuters quotes Samir Haddad, an adviser to the Jordanian government.")
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert name(q) == "Samir Haddad" and q.via == "Reuters"
    assert q.speaker["role"] == "adviser to the Jordanian government"


def test_floating_quote_goes_to_last_speaker(qpipe):
    text = ("“We are not going to leave the union,” said Deputy Prime Minister Olga Reznik.\n\n"
            "“Our economy is tied to our neighbours, and nobody can change geography.”")
    _, qs = quotes(qpipe, text)
    fl = next(q for q in qs if q.text.startswith("Our economy"))
    assert fl.kind == "floating" and name(fl) == "Olga Reznik"


def test_floating_quote_without_context_stays_unattributed(qpipe):
    text = ("The weather was cold in the capital on Tuesday.\n\n"
            "“Everything depends on what happens in the next two weeks.”")
    _, qs = quotes(qpipe, text)
    fl = next(q for q in qs if q.text.startswith("Everything depends"))
    assert fl.kind == "floating" and fl.speaker is None


def test_floating_quote_after_another_person_is_not_guessed(qpipe):
    text = ("“We will wait,” said Ivan Petrov.\n\n"
            "Maria Lind, a diplomat in Stockholm, disagreed with the approach.\n\n"
            "“Waiting has never helped anyone in these negotiations.”")
    _, qs = quotes(qpipe, text)
    fl = next(q for q in qs if q.text.startswith("Waiting has never"))
    assert fl.speaker is None


def test_scare_quotes_are_not_quotes(qpipe):
    text = "The so-called “multi-vector” policy of the government has its limits, the paper argues."
    _, qs = quotes(qpipe, text)
    assert not any(q.text == "multi-vector" for q in qs)


INTERVIEW = """Water and borders

Tensions over the shared rivers are rising again. We discussed the situation with hydrologist Saida Karimova.

– Why are the talks on the reservoir stuck?

The upstream countries want electricity in winter, and the downstream countries want water in summer. Nobody has found a formula that works for both.

– Can the new treaty help?

• Only if it contains a mechanism for compensation. Without money, no one will change the schedule.

I think the development banks should be involved as well.

Source: Steppe Review
"""


def test_interview_with_dashes_and_bullets(qpipe):
    doc, qs = quotes(qpipe, INTERVIEW)
    assert doc.document.genre == "interview"
    questions = [p for p in doc.paragraphs if p.is_question]
    assert [doc.text[p.start : p.end][:6] for p in questions] == ["– Why ", "– Can "]
    answers = [q for q in qs if q.kind == "interview" and q.cue == "answer"]
    assert len(answers) == 3
    assert all(name(q) == "Saida Karimova" for q in answers)
    assert answers[0].speaker["role"] == "hydrologist"
    assert answers[1].text.startswith("Only if")  # bullet stripped
    asked = [q for q in qs if q.cue == "question"]
    assert len(asked) == 2
    assert all(q.speaker["role"] == "interviewer" and q.speaker["name"] == "Steppe Review" for q in asked)
    assert all(q.addressee == "Saida Karimova" for q in asked)
    # nothing in the answers is attributed to anyone else
    for q in qs:
        p = doc.paragraph_at(q.start)
        if p.idx in {doc.paragraph_at(a.start).idx for a in answers}:
            assert name(q) == "Saida Karimova"


def test_interview_with_qa_labels(qpipe):
    text = ("Trade outlook\n\n"
            "In an interview with our editor, economist Ruslan Abenov explained his view of the region.\n\n"
            "Q: How do you see relations with Beijing?\n\n"
            "A: They are pragmatic. We buy from them and we sell to them.\n\n"
            "Q: And with Moscow?\n\n"
            "A: More complicated, because history is always present in these talks.")
    doc, qs = quotes(qpipe, text)
    assert doc.document.genre == "interview"
    answers = [q for q in qs if q.cue == "answer"]
    assert [a.text[:4] for a in answers] == ["They", "More"]
    assert all(name(a) == "Ruslan Abenov" for a in answers)
    assert sum(p.is_question for p in doc.paragraphs) == 2


def test_rhetorical_questions_do_not_make_an_interview(qpipe):
    text = ("Europe and the Caspian\n\n"
            "The gas market has changed since last year. What should Europe do?\n\n"
            "It should sign long contracts. That is the only way to secure supply.\n\n"
            "Will Baku deliver?\n\n"
            "Probably, but not before the pipeline is extended.")
    doc, qs = quotes(qpipe, text)
    assert doc.document.genre != "interview"
    assert not any(p.is_question for p in doc.paragraphs)
    assert not any(q.kind == "interview" for q in qs)


def test_headline_attribution(qpipe):
    text = ("Tokayev: Kazakhstan will keep its balanced foreign policy\n\n"
            "The president spoke in Astana on Friday.")
    _, qs = quotes(qpipe, text)
    q = qs[0]
    assert q.cue == ":" and "Tokayev" in name(q) and q.text.startswith("Kazakhstan will keep")


def test_ids_are_deterministic_and_ordered(qpipe):
    text = ("“The first statement is here,” said Ivan Petrov.\n\n"
            "Maria Lind said that the second statement came later.")
    doc, qs = quotes(qpipe, text)
    assert [q.id for q in qs] == [f"{doc.id}:q{i}" for i in range(1, len(qs) + 1)]
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    again = extract_quotes(doc)
    assert [(q.id, q.start, q.end) for q in again] == [(q.id, q.start, q.end) for q in qs]


def test_mentions_inside_quotes_and_speaker_actor(qpipe):
    text = "“Russia and China will not decide this for us,” said Kazakh President Kassym-Jomart Tokayev."
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "direct")
    assert q.speaker["actor_id"] == "PER:kassym-jomart-tokayev"
    assert q.speaker["name"] == "Kassym-Jomart Tokayev" and q.speaker["role"] == "President"
    assert {"RUS", "CHN"} <= set(q.mentioned)


def test_stage_survives_text_without_english(qpipe):
    doc, qs = quotes(qpipe, "«Мы готовы к переговорам», — сказал министр.\n\n这是一个测试。")
    assert [p.lang for p in doc.paragraphs] == ["ru", "zh"]
    # nothing invented from text the English cue lexicon cannot read; a quote, if any, is the
    # Russian one, with its own words
    for q in qs:
        assert q.text.strip(" ,") == "Мы готовы к переговорам", q.text


def test_transcript_labels(qpipe):
    text = ("Senator Nora Blake joined the program on Sunday, interviewed by host Peter Grant.\n\n"
            "GRANT: Will the committee publish the report this month?\n\n"
            "BLAKE: We expect to publish it before the recess. The draft is ready.\n\n"
            "GRANT: And the budget?\n\n"
            "BLAKE: That is a separate question, and we will answer it in the autumn.")
    doc, qs = quotes(qpipe, text)
    turns = [q for q in qs if q.cue == "label"]
    assert [name(q) for q in turns] == ["Peter Grant", "Nora Blake", "Peter Grant", "Nora Blake"]
    assert turns[1].text.startswith("We expect")
    assert [p.is_question for p in doc.paragraphs[1:5]] == [True, False, True, False]


def test_a_note_label_is_not_a_transcript(qpipe):
    text = ("NOTE: This article was updated on Monday.\n\n"
            "The talks continued in Geneva, officials said.")
    _, qs = quotes(qpipe, text)
    assert not any(q.cue == "label" for q in qs)


def test_place_headline_is_a_topic_not_a_speaker(qpipe):
    text = ("Central Asia: Moscow's uneasy partners\n\n"
            "Trade with Russia kept growing last year.")
    _, qs = quotes(qpipe, text)
    assert not any(q.cue == ":" for q in qs)


def test_bold_qa_labels_and_custom_cue_file(qpipe, tmp_path):
    text = ("Grain and rails\n\n"
            "In an interview, logistics analyst Dana Sultanova described the new corridor.\n\n"
            "**Q:** How much cargo will the line carry?\n\n"
            "**A:** About five million tonnes in the first year, if the border works.\n\n"
            "**Q:** And later?\n\n"
            "**A:** Twice as much once the second track opens.")
    doc, qs = quotes(qpipe, text)
    answers = [q for q in qs if q.cue == "answer"]
    assert [a.text[:5] for a in answers] == ["About", "Twice"]
    assert all(name(a) == "Dana Sultanova" for a in answers)

    from multivector.config import Config
    from multivector.quotes.stage import build

    cues = tmp_path / "cues.yaml"
    cues.write_text("speech_verbs: [murmur]\n", encoding="utf-8")
    stage = build(Config().with_settings("quotes", cues_file=str(cues)), None)
    doc = qpipe.analyze_text("“We will see,” murmured Nikolai Orlov.")
    stage(doc)
    assert [q.cue for q in doc.quotes] == ["murmured"]


def test_person_inside_a_descriptive_phrase_and_late_agent(qpipe):
    text = ("Fund manager Marta Koval - the club's largest investor - said she would only add money "
            "if she got a greater say. \"We want clear accounts,\" she is quoted as saying by the Baltic Herald.")
    _, qs = quotes(qpipe, text)
    d = next(q for q in qs if q.kind == "direct")
    assert name(d) == "Marta Koval" and d.via == "Baltic Herald"
    ind = next(q for q in qs if q.kind == "indirect")
    assert name(ind) == "Marta Koval"


def test_unresolvable_pronoun_keeps_the_statement_without_a_speaker(qpipe):
    text = "The plaintiffs filed their briefs on Monday. They argue that the agency overstepped its authority."
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.cue == "argue")
    assert q.speaker is None and q.text.startswith("that the agency") and q.confidence <= 0.5


def test_cue_inside_an_interrupted_quote(qpipe):
    text = "“The border will stay open,” Interior Minister Ruslan Tokhtarov said, “but checks will be stricter.”"
    _, qs = quotes(qpipe, text)
    parts = [q for q in qs if q.kind == "direct"]
    assert [p.text[:10] for p in parts] == ["The border", "but checks"]
    assert all(name(p) == "Ruslan Tokhtarov" for p in parts)


def test_it_said_goes_to_the_organisation_named_before(qpipe):
    text = "Shares in Vodafone rose on Monday. It said that profits would double next year."
    _, qs = quotes(qpipe, text)
    q = next(q for q in qs if q.kind == "indirect")
    assert "Vodafone" in name(q)


def test_possessor_and_dates_are_not_speakers(qpipe):
    _, qs = quotes(qpipe, "“No wedding plans have been set yet,” the singer Lena Ford's agent said.")
    sp = name(next(q for q in qs if q.kind == "direct"))
    assert sp != "Lena Ford" and sp.endswith("agent")
    _, qs = quotes(qpipe, "“The team can win this cup,” Woodward said Friday.")
    assert name(next(q for q in qs if q.kind == "direct")) == "Woodward"
