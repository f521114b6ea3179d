"""Speaker coreference for attribution (issue 13) on text we wrote: salience over recency,
gender, names inside the statement, spokesmen, carriers, descriptors, groups, continuation,
unresolved speakers with candidates, and purpose clauses that are not quotes."""

from __future__ import annotations

import pytest

from quote_helpers import find, name, run  # the qpipe fixture: conftest.py


def test_pronoun_prefers_the_subject_and_skips_names_inside_the_statement(qpipe):
    text = ("Banker Tom Fenwick rejected claims that he ignored warnings from auditor Paul Riggs.\n"
            'Mr Riggs "never raised the matter with me," he told the court on Monday.')
    q = find(run(qpipe, text), "never raised")
    assert name(q) == "Tom Fenwick"
    assert q.speaker.method == "pronoun" and 0 < q.speaker.confidence <= 1


def test_she_goes_to_the_woman_not_the_last_man_named(qpipe):
    text = ("Singer Maria Lopez, the daughter of bandleader Carlos Mendez, spoke at the funeral. "
            '"He taught all of us how to listen to each other," she said.')
    q = find(run(qpipe, text), "He taught")
    assert name(q) == "Maria Lopez"


def test_spokesman_speaks_for_his_organisation_and_he_added_finds_him(qpipe):
    text = ("Committee chairman Edwin Marsh said the rules had failed. "
            "A Treasury spokesman said the system had been tightened since the review. "
            'He added that "the new checks will be simpler and more robust than before".')
    qs = run(qpipe, text)
    assert name(find(qs, "the system had been")) == "Treasury"
    assert name(find(qs, "the new checks")) == "Treasury"


def test_statement_carrier_gives_the_owner_and_via(qpipe):
    text = ("Former chairman Carlo Venti was questioned by prosecutors for five hours.\n"
            '"I regret every decision that cost our investors their savings," Mr Venti\'s statement said.')
    q = find(run(qpipe, text), "I regret")
    assert name(q) == "Carlo Venti" and q.speaker.method == "carrier"


def test_age_descriptor_and_floating_continuation(qpipe):
    text = ("Coach Arnold Becker, 61, signed a new contract on Friday.\n"
            '"This club is my home and I want to finish the job," said the 61-year-old.\n'
            '"We have young players who can win the league within two years."')
    qs = run(qpipe, text)
    assert name(find(qs, "This club")) == "Arnold Becker"
    assert find(qs, "This club").speaker.method == "descriptor"
    assert name(find(qs, "We have young players")) == "Arnold Becker"
    assert find(qs, "We have young players").speaker.method == "continuation"


def test_two_firms_named_together_speak_as_a_group(qpipe):
    text = ("Shares in Vantor Pharma and Petra Labs fell sharply on Monday after a patient died.\n"
            '"We will review every case with the doctors involved," the two firms said in a statement.')
    q = find(run(qpipe, text), "We will review")
    assert name(q) == "Vantor Pharma and Petra Labs"


def test_pronoun_between_equals_stays_null_with_candidates(qpipe):
    text = ("Ann Clark and Mary Stone met the new owners of the mill on Monday.\n"
            "She said the deal would be signed by next year.")
    q = find(run(qpipe, text), "the deal would")
    assert q.speaker is None
    assert {"Ann Clark", "Mary Stone"} <= set(q.speaker_candidates)


def test_pronoun_with_one_clear_subject(qpipe):
    text = ("Minister Alan Brook met adviser John Teal and banker Peter Voss on Monday.\n"
            "He said the budget would be balanced by next year.")
    q = find(run(qpipe, text), "the budget would")
    assert name(q) == "Alan Brook" and q.speaker.method == "pronoun"


def test_purpose_clause_is_not_a_quote(qpipe):
    text = "The foreign minister met his counterpart in Tashkent to discuss the border and trade routes."
    qs = run(qpipe, text)
    assert not [q for q in qs if q.cue == "discuss"]
    text2 = "The minister said he would discuss the border with his counterpart next week."
    assert [q for q in run(qpipe, text2) if q.cue == "said"]


def test_they_goes_to_people_named_by_a_plural_noun(qpipe):
    text = ("The county plan to close three rural schools drew protests last week. "
            "Local councillors and opposition politicians opposed the closures. "
            "They said the timing was wrong because exams were only weeks away.")
    q = find(run(qpipe, text), "the timing was wrong")
    assert name(q) == "Local councillors and opposition politicians"
    assert q.speaker.method == "pronoun"


def test_report_by_an_organisation_then_the_firm_and_the_report(qpipe):
    text = ("Published by Norland Research, the study found that most drivers still keep paper maps. "
            "The firm said sat-nav makers should make their screens easier to read on a tablet. "
            "The report concluded that the market for dashboard devices would shrink.")
    qs = run(qpipe, text)
    assert name(find(qs, "most drivers")) == "Norland Research"
    assert name(find(qs, "sat-nav makers")) == "Norland Research"
    assert name(find(qs, "market for dashboard")) == "Norland Research"


def test_role_abbreviation_descriptor_is_the_person_not_a_name(qpipe):
    text = ("Labour MP Daniel Okoro said he had been overwhelmed by letters from constituents. "
            '"It was a humbling week for me and my family," said the Westfield North MP.')
    q = find(run(qpipe, text), "humbling week")
    assert name(q) == "Daniel Okoro" and q.speaker.method == "descriptor"


def test_governing_subject_of_a_participle_cue(qpipe):
    # when the parse makes the quoted words the subject of "declaring", the speaker is the
    # subject of the clause the participle hangs from
    from multivector.quotes.direct import _governing_subject

    sent = qpipe.nlp("Mr Okoro served on the city council for years, declaring his loyalty to the town.")
    verb = next(t for t in sent if t.lower_ == "declaring")
    assert _governing_subject(verb).text == "Okoro"


def test_sentence_initial_role_word_is_a_role_not_part_of_the_name(qpipe):
    text = ("Striker Tom Hale scored twice as Rovers beat United 3-1. Manager Ian Pike praised the team. "
            '"I have never felt better," the veteran striker said.')
    q = find(run(qpipe, text), "never felt better")
    assert name(q) == "Tom Hale" and q.speaker.method == "descriptor"


def test_plural_descriptor_goes_to_the_group_named_with_that_noun(qpipe):
    text = ("The village elders met the governor on Monday to discuss the water shortage. "
            "The elders said the wells had been dry since March.")
    q = find(run(qpipe, text), "wells had been dry")
    assert name(q) == "village elders"


def test_findings_of_a_survey_and_an_unowned_statement(qpipe):
    text = ("A survey of 2,000 shoppers by the British Retail Consortium was published on Tuesday. "
            "The survey's findings showed that spending on clothes fell by 4%.")
    assert name(find(run(qpipe, text), "spending on clothes")) == "British Retail Consortium"
    text = ("Japanese carmaker Toyota recalled 40,000 cars in Europe over a brake fault. "
            "A statement said no injuries had been reported.")
    assert name(find(run(qpipe, text), "no injuries")) == "Toyota"


def test_floating_quote_continues_past_a_person_merely_mentioned(qpipe):
    text = ('Coach Ann Reyes said the team had earned the title. She hugged midfielder Tom Lake after '
            'the final whistle.\n"We have built something special here and the players know it."')
    q = find(run(qpipe, text), "something special")
    assert name(q) == "Ann Reyes" and q.speaker.method == "continuation"
    # a new person as the subject of a clause opens a new topic: no guess
    text = ('Coach Ann Reyes said the team had earned the title. Midfielder Tom Lake scored twice '
            'in the final.\n"We have built something special here and the players know it."')
    assert name(find(run(qpipe, text), "something special")) is None


def test_subject_of_a_coordinated_clause_weighs_as_a_main_subject(qpipe):
    # "France was criticised as they ground on, but Moreau sees hope": the parser hangs the
    # "but" clause on the "as" clause; its subject is still the sentence's new topic
    from spacy.tokens import Doc as SpacyDoc

    from multivector.quotes.registry import Registry

    words = ["France", "was", "criticised", "as", "they", "ground", "on", ",", "but", "Moreau", "sees", "hope"]
    heads = [2, 2, 2, 5, 5, 2, 5, 5, 5, 10, 5, 10]
    deps = ["nsubjpass", "auxpass", "ROOT", "mark", "nsubj", "advcl", "prt", "punct", "cc", "nsubj", "conj", "dobj"]
    sdoc = SpacyDoc(qpipe.nlp.vocab, words=words, heads=heads, deps=deps)
    reg = Registry.__new__(Registry)
    assert reg._weight(sdoc[9]) == 3.0  # Moreau
    assert reg._weight(sdoc[4]) == 1.5  # "they" of the subordinate clause


def test_asked_participle_is_the_question_put_to_the_speaker_not_a_quote(qpipe):
    text = ("Finance minister Rosa Vidal defended the sale of the state airline on Monday. "
            "Asked whether the price had been fair, she replied that every bid had been checked twice.")
    qs = run(qpipe, text)
    assert [q.cue for q in qs if "every bid" in q.text] == ["replied"]
    assert not [q for q in qs if q.cue and q.cue.lower() == "asked"]


# --- third round (issue 13): the error classes of 20 more dev articles, on text we wrote -----
def test_object_pronoun_is_not_gender_evidence_and_stepsister_is_female(qpipe):
    text = ("Jane Holt, the painter's stepsister, said the town should name a square after him.\n"
            '"It would mean a lot to all of us," she said.')
    q = find(run(qpipe, text), "It would mean")
    assert name(q) == "Jane Holt"


def test_officials_are_a_group_and_he_finds_the_titled_officer(qpipe):
    text = ("Harbour officials said the pier would close for a month.\n"
            "Lt Col Dan Reyes told reporters the closure was a precaution.\n"
            '"We expect to reopen it before the summer," he added.')
    q = find(run(qpipe, text), "We expect")
    assert name(q) == "Dan Reyes"


def test_the_demonym_finds_the_person_introduced_with_it(qpipe):
    text = ("Argentine Carlos Ruiz beat home favourite Tom Hale in five long sets on Sunday.\n"
            "The Argentine said the umpire had been biased against him all afternoon.")
    q = find(run(qpipe, text), "the umpire had been biased")
    assert name(q) == "Carlos Ruiz"
    assert q.speaker.method == "descriptor"


def test_the_demonym_subject_is_the_one_he_points_to_next(qpipe):
    text = ("Manager Ian Pike will fine his striker Lee Dunn after all.\n"
            "The Scot initially defended Dunn, saying the defender had dived. "
            'But he changed his mind on Monday. He said: "I was wrong and I say so."')
    qs = run(qpipe, text)
    assert name(find(qs, "the defender had dived")) == "Ian Pike"
    assert name(find(qs, "I was wrong")) == "Ian Pike"


def test_a_survey_speaks_for_the_owner_named_after_it(qpipe):
    text = ("Most small shops raised their prices this year, says the annual high street survey.\n"
            "The survey is published by consultancy Marlow Partners and bank Ostend Capital.")
    q = find(run(qpipe, text), "Most small shops")
    assert name(q) in ("Marlow Partners", "Marlow Partners and Ostend Capital")
    assert q.speaker.method == "carrier"


def test_her_lawsuit_and_the_suit_speak_for_her(qpipe):
    text = ("Runner Ann Cole has sued the magazine over its article about her.\n"
            "Her lawsuit said the article had cost her two sponsors. "
            'The magazine\'s claims, the suit added, were "reckless and untrue".')
    qs = run(qpipe, text)
    assert name(find(qs, "cost her two sponsors")) == "Ann Cole"
    assert name(find(qs, "reckless and untrue")) == "Ann Cole"


def test_a_full_stop_ends_the_quote_before_a_later_cue(qpipe):
    text = ("Coach Tom Reed said his side was ready.\n"
            '"We are fit," he added.\n'
            '"We will be hard to beat on Saturday." Lyle Banks, who is injured, has continually denied '
            "ever taking banned drugs since being questioned, although he praised a vitamin the doctor sold.")
    q = find(run(qpipe, text), "hard to beat")
    assert name(q) == "Tom Reed" and q.cue != "denied"


def test_mr_surname_stays_the_person_whatever_the_linker_took_the_name_for(qpipe):
    text = ("Former party leader William Hague says he will not stand again.\n"
            "Mr Hague added that he may have misjudged his own ambition.")
    q = find(run(qpipe, text), "misjudged")
    assert "Hague" in (name(q) or "") and "Netherlands" not in name(q)


def test_a_building_that_speaks_for_government_is_an_organisation(qpipe):
    text = ("Downing Street defended the appointment of the new envoy, with a spokesperson "
            'saying: "He has earned it over thirty years."')
    q = find(run(qpipe, text), "He has earned it")
    assert name(q) == "Downing Street"


def test_by_saying_takes_the_subject_of_the_clause_not_a_name_in_what_was_said(qpipe):
    text = ("Argentine Carlos Ruiz beat home favourite Tom Hale in five long sets on Sunday.\n"
            "The Argentine had stoked up the row before the match by saying Hale's celebrations "
            'were "bad for the sport".')
    q = find(run(qpipe, text), "bad for the sport")
    assert name(q) == "Carlos Ruiz"


def test_the_newspaper_is_the_outlet_the_linker_named(qpipe):
    text = ("Two exchanges are in talks about a merger.\n"
            "According to the FT, the German bourse will raise its offer next week. "
            "The newspaper said the bid would be paid in cash.")
    q = find(run(qpipe, text), "paid in cash")
    assert name(q) in ("FT", "Financial Times")


def test_a_cue_under_failed_to_reports_nothing(qpipe):
    text = "Permanent secretary John Gale failed to recall how the licence came to be granted so quickly."
    assert not [q for q in run(qpipe, text) if "licence" in q.text]
    said = "Permanent secretary John Gale said the licence had been granted too quickly."
    assert [q for q in run(qpipe, said) if "licence" in q.text]


def test_says_a_report_speaks_for_the_owner_named_in_the_next_sentence(qpipe):
    text = ("Shoppers want cheaper bread rather than fancy loaves, says a report.\n"
            "Produced by Kestrel Research, the study of bakery prices found only 13% of buyers "
            "pay for premium bread.")
    q = find(run(qpipe, text), "Shoppers want")
    assert name(q) == "Kestrel Research" and q.speaker.method == "carrier"


def test_a_short_answer_after_replied_and_a_colon_is_a_quote(qpipe):
    text = 'Asked if he would run for the leadership again, Mr Hale replied: "No. Never."'
    q = find(run(qpipe, text), "No. Never")
    assert name(q) == "Hale" and q.cue == "replied"


def test_an_inverted_cue_the_parser_made_a_conjunct(qpipe):
    text = "The popularity of online games could swamp home networks, warns research firm Corvin."
    q = find(run(qpipe, text), "could swamp home networks")
    assert name(q) == "Corvin" and q.cue == "warns"


@pytest.mark.parametrize("winner, loser", [("Clara Dunn", "Olga Petrenkova"), ("Amy Hart", "Vera Kolosova"),
                                           ("Amy Hart", "Elena Dobrova")])
def test_a_given_name_and_surname_the_tagger_missed_are_a_person(qpipe, winner, loser):
    # fourth round: "she said" went to the player who spoke before, because the tagger split or
    # mislabelled the other player's name ("Olga" alone, "Kolosova" as a company, "Elena
    # Dobrova 6-1" as a product) and the registry never saw her
    text = (f"{winner} routed {loser} 6-1 6-0 in the opening round on Monday.\n"
            f'"I played my best tennis," said {winner.split()[1]}, who won the title two years ago.\n'
            f"{loser.split()[1]} has now lost three matches in a row this season. "
            '"Nothing worked for me today," she said.')
    q = find(run(qpipe, text), "Nothing worked")
    assert name(q) == loser


def test_the_administrators_are_the_firm_introduced_with_that_noun(qpipe):
    text = ("Toy maker Pellow Games called in administrators Harlow & Finch on Friday.\n"
            "The administrator told reporters that the costs of a rescue would be too high. "
            "It said it hoped to save 40 jobs by selling the business.")
    qs = run(qpipe, text)
    assert name(find(qs, "costs of a rescue")) == "Harlow & Finch"
    assert name(find(qs, "hoped to save")) == "Harlow & Finch"


def test_they_points_back_to_a_party_named_in_the_plural(qpipe):
    text = ("The bill is expected to be opposed by the Liberal Democrats in next week's vote. "
            'They have said the scheme is "deeply flawed" and a waste of money.')
    q = find(run(qpipe, text), "deeply flawed")
    assert name(q) == "Liberal Democrats"


def test_a_name_after_its_role_and_a_comma_is_the_speaker(qpipe):
    text = ("The new chairman of the Medical Council, Peter Lang QC warned that waiting lists "
            "would grow by a third next year.")
    q = find(run(qpipe, text), "waiting lists")
    assert name(q) is not None and "Peter Lang" in name(q)


def test_a_person_introduced_by_a_copula_is_who_he_points_to(qpipe):
    text = ('"We open in March," said producer Tom Ashby after signing the deal.\n'
            "The show's director is Sam Kerrow, best known for his work on stage. "
            '"It will look like nothing seen before," he said.')
    q = find(run(qpipe, text), "nothing seen before")
    assert name(q) == "Sam Kerrow"


def test_an_inverted_speaker_the_parser_took_for_the_object(qpipe):
    text = ("Producer Kevin Hale said the show would open in Toronto.\n"
            '"I know many fans will be disappointed, but we had no theatre," added the British producer.')
    q = find(run(qpipe, text), "fans will be disappointed")
    assert name(q) == "Kevin Hale"


def test_the_object_of_leading_speaks_in_the_infinitive(qpipe):
    text = ("The new contracts were delayed again, leading Corvan Software to warn that it was "
            "running out of cash.")
    q = find(run(qpipe, text), "running out of cash")
    assert name(q) == "Corvan Software"


def test_speculate_and_accepted_that_report_a_view(qpipe):
    qs = run(qpipe, "Security firms speculate that the new worm is spreading through chat programs.")
    assert name(find(qs, "new worm is spreading")) == "Security firms"
    qs = run(qpipe, "Coach Ian Pike accepted that his side had been poor in the second half.")
    assert name(find(qs, "his side had been poor")) == "Ian Pike"


def test_media_named_by_a_nationality_are_the_media_not_the_country(qpipe):
    q = find(run(qpipe, "Russian media reported that the two firms had signed a gas deal on Tuesday."),
             "signed a gas deal")
    assert name(q) == "Russian media"


def test_a_past_participle_describing_a_deal_is_no_cue(qpipe):
    text = ("He stressed that the firm did not want a 'loan-for-oil deal', similar to that concluded "
            "last year between Rosneft and a Chinese oil company.")
    assert not [q for q in run(qpipe, text) if q.cue == "concluded"]


def test_a_cueless_quote_after_a_paragraph_about_one_person_is_hers(qpipe):
    text = ("Ana Ruiz won her ninth match in a row as she chases the number one spot.\n"
            "Ruiz spent five weeks at the top last year before an injury ended her season.\n"
            '"Since then I feel very confident on court. It was an obsession, but now I am relaxed."')
    q = find(run(qpipe, text), "Since then")
    assert name(q) == "Ana Ruiz" and q.speaker.method == "continuation"
    # two people as subjects: no guess
    text2 = ("Ana Ruiz and Eva Stone both reached the final on Saturday.\n"
             '"It was an obsession, but now I am relaxed."')
    assert name(find(run(qpipe, text2), "obsession")) is None


def test_a_speech_verb_inside_a_name_is_no_cue(qpipe):
    text = "Mr Dunn, who runs his own campaign alongside the official North East Says No campaign, was not convinced."
    assert not [q for q in run(qpipe, text) if q.cue == "Says"]


def test_a_metonym_keeps_the_actor_and_the_name_the_text_uses(qpipe):
    # the linker resolves "Washington" to the US government: the record keeps that actor id
    # and names the speaker as the article does, not "Government of the United States"
    qs = run(qpipe, "The four men were released on Tuesday. Washington said all four had trained "
                    "at camps run by al-Qaeda.")
    q = find(qs, "trained at camps")
    assert name(q) == "Washington" and q.speaker.id


def test_a_quoted_paragraph_continues_the_latest_statement_not_the_last_direct_quote(qpipe):
    text = ('Opposition spokesman Mark Dale said: "This plan has all the signs of a rushed job."\n'
            "The new chairman of the Law Society, Anne Whitby, warned that young men would be "
            "stopped and searched far more often.\n"
            '"What is going to happen to them when there has been a bomb somewhere? They are going to be stopped."')
    q = find(run(qpipe, text), "What is going to happen")
    assert name(q) == "Anne Whitby"
