"""Quote speakers in North-American wire and newspaper style, and the lead's probe errors, on
sentences we wrote (issue 13: speakers on news that is not BBC style)."""

from __future__ import annotations

from quote_helpers import find, name, run


def test_a_carrier_with_a_relative_clause_belongs_to_its_agent(qpipe):
    qs = run(qpipe, "The harbour board has been told to cut costs. A report, which was published by the "
                    "Coastal Audit Office, said the harbour had overspent for years.")
    assert name(find(qs, "overspent")) == "Coastal Audit Office"


def test_a_carrier_with_a_relative_clause_names_the_firm_inside_the_agent(qpipe):
    qs = run(qpipe, "The sea wall plan was delayed again. A review, which was written by engineers at "
                    "Delta Works, said the wall was too low.")
    assert name(find(qs, "too low")) == "Delta Works"


def test_a_carrier_an_organisation_commissioned_in_a_relative_clause(qpipe):
    qs = run(qpipe, "A study, which the Prairie Farm Council commissioned, found that wheat yields had fallen.")
    assert name(find(qs, "yields")) == "Prairie Farm Council"


def test_a_relative_clause_is_no_part_of_an_organisation_s_name(qpipe):
    qs = run(qpipe, "Teachers in the county voted on Friday. The union, which represents 40,000 teachers, "
                    "said it would strike next month.")
    assert name(find(qs, "strike")) == "union"


def test_issued_a_statement_saying_is_the_issuer_s(qpipe):
    qs = run(qpipe, "Senator Joan Pike issued a statement saying the court ruling was a victory for voters.")
    assert name(find(qs, "victory")) == "Joan Pike"
    qs = run(qpipe, "The Lakeside Rail company responded with a note on its website saying the trains "
                    "would run again on Monday.")
    assert name(find(qs, "trains")) == "Lakeside Rail"


def test_a_report_saying_still_speaks_for_itself_when_cited(qpipe):
    qs = run(qpipe, "Mayor Tom Hale cited a report saying crime had fallen in every district.")
    assert name(find(qs, "crime")) != "Tom Hale"


def test_one_party_under_three_names(qpipe):
    from multivector.quotes.registry import Registry

    doc = qpipe.analyze_text("The Tories said the plan was unaffordable. The Conservatives also said they "
                             "would vote against it. A Conservative Party spokesman said the vote would be close.")
    reg = Registry(doc)
    orgs = {e.idx for e in reg.entities if e.kind == "org"
            and e.name.lower() in ("tories", "conservatives", "conservative party")}
    assert len(orgs) == 1
    qs = doc.quotes
    assert name(find(qs, "vote would be close")) == "Tories"


def test_name_labels_before_colons(qpipe):
    qs = run(qpipe, 'Governor Ana Perez and Governor Tom Hollis reject the new tax.\n\nPerez: "We will never sign it." '
                    'Hollis: "Not while I am in office."')
    assert name(find(qs, "never sign")).endswith("Perez")
    assert name(find(qs, "Not while")) == "Tom Hollis"


def test_a_place_before_a_colon_is_no_speaker(qpipe):
    qs = run(qpipe, 'The leaflet listed three slogans.\n\nOhio: "Jobs first and jobs last."')
    assert all(name(q) != "Ohio" for q in qs)


def test_the_noun_phrase_object_of_reject_deny_criticize_is_no_quote(qpipe):
    for text in ("Moscow rejected the accusation on Tuesday.", "The company denied any wrongdoing.",
                 "The governor criticized the decision on Monday."):
        assert run(qpipe, text) == [], text


def test_a_claim_clause_without_that_is_still_content(qpipe):
    qs = run(qpipe, "Lawyers for the pair denied allegations they had planted the device.")
    assert len(qs) == 1 and "planted the device" in qs[0].text
    assert run(qpipe, "She denied the allegations he made.") == []


def test_calling_something_a_name_is_a_stated_view(qpipe):
    qs = run(qpipe, "Senator Ray Olson called the decision a disgrace.")
    assert len(qs) == 1 and qs[0].text == "the decision a disgrace" and name(qs[0]) == "Ray Olson"


def test_a_vocative_inside_the_quote_does_not_take_the_speaker(qpipe):
    qs = run(qpipe, "The crowd grew restless. ''That was a fine speech, Mr. President,'' Representative "
                    "Paul Dorn, Democrat of Ohio, told Mr. Obama as he posed for a photo.")
    assert name(find(qs, "fine speech")) == "Paul Dorn"


def test_an_inverted_cue_with_a_role_then_the_name(qpipe):
    qs = run(qpipe, "''It is about time we had a woman in charge,'' exhorted the evening's host, actress Jane Rowe.")
    q = find(qs, "about time")
    assert q.kind == "direct" and q.cue == "exhorted" and name(q) == "Jane Rowe"


def test_an_inverted_interjected_cue(qpipe):
    qs = run(qpipe, "The new tax, said Mayor Ann Lutz, would pay for two schools.")
    assert qs and all(name(q) == "Ann Lutz" for q in qs)
    assert any("pay for two schools" in q.text for q in qs)
    qs = run(qpipe, "The plan, say critics, would cost thousands of jobs.")
    assert len(qs) == 1 and name(qs[0]) == "critics" and "thousands of jobs" in qs[0].text


def test_a_second_speaker_s_clause_is_not_part_of_the_first(qpipe):
    qs = run(qpipe, "The candidates traded barbs on Tuesday. Hart said the plan was reckless, while Lowe "
                    "said it was overdue.")
    assert [(name(q), q.text) for q in qs] == [("Hart", "the plan was reckless"), ("Lowe", "it was overdue")]


def test_a_short_sentence_quoted_after_a_speaker_continues_it(qpipe):
    qs = run(qpipe, 'Mayor Lisa Crane met union leaders on Friday.\n\n"We are close," Crane said. "Very close."')
    q = find(qs, "Very close")
    assert q.kind == "direct" and name(q) == "Lisa Crane"
    # a scare quote is still no statement
    assert run(qpipe, 'The union called the offer "an insult." Talks resume on Monday.') == []


def test_a_speech_verb_conjoined_inside_a_reported_clause_is_the_reporter_s(qpipe):
    qs = run(qpipe, "Tom Vail, an expert on defense, noted that troop strength already lags the target "
                    "and asked whether the minister could reach it.")
    assert [(name(q), q.cue, q.text) for q in qs] == [
        ("Tom Vail", "noted", "that troop strength already lags the target"),
        ("Tom Vail", "asked", "whether the minister could reach it")]


def test_three_names_in_a_list_are_one_group(qpipe):
    qs = run(qpipe, "Northstar Airways, Bluewing Airlines and Skyline Air all raised their fares. "
                    "The three airlines said fuel costs had risen.")
    assert name(find(qs, "fuel costs")) == "Northstar Airways, Bluewing Airlines and Skyline Air"
