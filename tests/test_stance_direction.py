"""Directional rules of the directed-sentiment predictor, one sentence (our own) per rule.

Labels: 0 neutral, 1 positive p->q, 2 positive q->p, 3 negative p->q, 4 negative q->p; p is the
first bracketed entity. The q->p cases are the reverse constructions: passives, relative clauses,
"drew praise from", trailing speakers, pronouns bound to the other entity.
"""

from __future__ import annotations

import pytest

from multivector.stance.dsa import directed_scores, parse_marked, predict_label


def label_of(nlp, marked: str) -> int:
    import re

    p, q = re.findall(r"\[([^\]]*)\]", marked)
    text, ps, qs = parse_marked(marked, p, q)
    return predict_label(directed_scores(nlp(text)[:], {"p": ps, "q": qs}))


@pytest.mark.parametrize("marked,label", [
    # relative pronouns stand for their antecedent
    ("[Mirziyoyev], whom [Tokayev] praised for the water deal, arrived on Monday.", 2),
    ("[Baku], which condemned [Yerevan] over the shelling, recalled its envoy.", 3),
    # the subject of receive-verbs is the one the noun is aimed at
    ("[Astana] drew praise from [Brussels] for the new media law.", 2),
    ("[Dushanbe] came under sharp criticism from [Kabul] after the border clash.", 4),
    ("[Bishkek] won [Beijing]'s endorsement for the railway project.", 2),
    ("[Astana] drew praise from the trade delegation of [Brussels].", 2),
    # a name modifying a relational noun is what the noun is about
    ("[Arman Seitkali] is a vocal [Kremlin] critic.", 3),
    ("[Moscow] critic [Leyla Mammadova] spoke at the forum.", 4),
    # a third-person pronoun opposite one entity is the other one
    ("[Tokayev] said that [Lukashenko] had insulted him in public.", 4),
    ("[Ankara] hopes that [Baku] will not criticise it again.", 0),
    # the subject of a that-clause is the target of accusing verbs
    ("[Baku] alleged that [Yerevan] had broken the ceasefire.", 3),
    # first person in a quote is the speaker
    ("We applaud [Astana] for its courage, said [the EU envoy].", 2),
    # passive raised to the subject of "likely", "expected"
    ("[Astana]'s decision is likely to be welcomed by [Moscow].", 2),
    ("[Tashkent] is expected to be criticised by [Brussels] over the trial.", 4),
    # stimulus verbs: the object feels it about the subject
    ("[Astana]'s new visa rules angered [Moscow].", 4),
    ("[Tokayev] was impressed by [Mirziyoyev]'s reforms.", 1),
    # lemmas the tagger gets wrong ("lambasted" -> lambast, "shamed" -> sham)
    ("[Yerevan] was lambasted by [Baku] for the delay.", 4),
    # a document does what its author does
    ("[Baku] released a statement accusing [Yerevan] of shelling villages.", 3),
    ("[Baku]'s lawyers filed a complaint condemning [Yerevan] for the blockade.", 3),
    # the deed an accusation names is the accused's act against its object
    ("Prosecutors accused [Petrov] of attacking [Ivanova] outside the court.", 3),
    # "his decision to endorse X": the possessor decides; refusing negates
    ("[Sadyrov] defended his decision to endorse [Japarov].", 1),
    ("[Tokayev] refused to condemn [Moscow] at the summit.", 0),
    # a fronted prepositional phrase is not the object an as-phrase characterises
    ("In parliament, [Seitkali] has served as one of [Tokayev]'s closest supporters.", 1),
    # "whose" stands for its antecedent
    ("[Astana], whose reforms [Brussels] praised, raised taxes.", 2),
    # patient roles: the of-phrase acts against the subject
    ("[Dushanbe] has been a frequent target of [Kabul].", 4),
    ("[Seitkali] was a victim of [Mammadova]'s smear campaign.", 4),
    # of-phrases of a received noun give it
    ("[Bishkek] got the backing of [Beijing] for the loan.", 2),
    # causatives: "X prompted a protest from Y" is Y's view of X
    ("[Ashgabat]'s new gas deal prompted a formal protest from [Baku].", 4),
    # stimulus verbs with an object reverse; without one the subject feels it
    ("[Tokayev]'s plan worried [Moscow].", 4),
    ("[Baku] worries about [Yerevan]'s rearmament.", 3),
    # an in-phrase of an attitude verb is where, not whom
    ("[The patriarch] celebrated the liturgy in [Tbilisi] on Sunday.", 0),
    # evaluative adjectives in a reported clause are the speaker's view
    ("[Japarov]'s handling of the floods was excellent, said [the ambassador].", 2),
])
def test_directional_rules(nlp, marked, label):
    assert label_of(nlp, marked) == label


def test_reported_view_never_reaches_the_audience(nlp):
    # "told [the Times]" names the audience, not what the speaker reports on
    assert label_of(nlp, "The raid was reckless, [Seitkali] told [the Times].") == 0
    # but a reported clause about the other entity is the speaker's view of it
    assert label_of(nlp, "[Bishkek] acted recklessly and undermined the talks, said [Seitkali].") == 4


def test_speaker_apposition_names_the_organisation(nlp):
    assert label_of(nlp, "[Bishkek] undermined the talks, said Jane Roe, head of [the Institute].") == 4


def test_patient_roles_must_be_a_list(tmp_path):
    from multivector.stance.lexicon import LexiconError, load_lexicon

    cues = tmp_path / "cues.yaml"
    cues.write_text("role:\n  target: -0.5\npatient_roles: target\n")
    with pytest.raises(LexiconError, match=r"cues.yaml: patient_roles: expected a list"):
        load_lexicon(cues)
    cues.write_text("role:\n  target: -0.5\npatient_roles: [target]\n")
    assert load_lexicon(cues).patient == {"target"}


def test_as_phrase_takes_passive_subject_not_fronted_phrase(nlp):
    from multivector.stance.cues import find_cues
    from multivector.stance.lexicon import default_lexicon
    from multivector.stance.links import link

    lex = default_lexicon()
    d = nlp("In the new treaty, Kazakhstan was admitted to the union as a full partner.")
    cue = next(c for c in find_cues(d[:], lex) if c.token.lower_ == "partner")
    evaluated = {t.text for t in link(cue, lex.relational, lex.patient).evaluated}
    assert "Kazakhstan" in evaluated and "treaty" not in evaluated
