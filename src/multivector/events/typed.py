"""Typing: how the pattern coder and the sentence classifier combine into one event type and a
calibrated confidence.

Why a posterior: the patterns are precise but narrow (when they fire their quad class is right
about 9 times in 10), the classifier is broad but reads the whole sentence. Treating the
pattern's class as evidence with that accuracy and the classifier's calibrated distribution
as the prior gives, by Bayes, the probability that the event's class is right:

    P(q | clf, pattern says qe)  ~  P_clf(q) * (a if q == qe else (1 - a) / 4)

``confidence`` of a pattern event is that posterior for its own class; of a classifier event,
the classifier's probability of its class. An event without a target (``complete: false``) is
kept with its confidence scaled down: its type may be right but it says less.
"""

from __future__ import annotations

from .classifier import Prediction

# measured quad-class accuracy of each typer when it fires (docs/events.md, *Typing*)
ACCURACY = {"patterns": 0.9, "verb-dictionary": 0.75, "classifier": 0.0}
# the classifier adds an event of its own only when this sure of the class. Measured
# 2026-12-03 (docs/events.md, *classifier hints keyed by the sense's frame*): raising the gate
# of classifier-only events to 0.6 / 0.7 / 0.8 / 0.9 moves ConfliBERT (whole stage, CV) 0.849 ->
# 0.847 / 0.844 / 0.842 / 0.826 and brings no consistent triple gain on PLOVER dev, PETRARCH or
# the BBC dev gold; below 0.5 the top class is right less often than not (reliability table)
CLASSIFIER_MIN = 0.5
# ... and without a dictionary verb of that class only when this sure (the main verb is then
# the trigger)
CLASSIFIER_SURE = 0.8
# a classifier event with a source or a target only (``complete: false``) needs this much
# (above 1: never; such partial events come from the patterns alone)
CLASSIFIER_PARTIAL = 0.6
# ... and one with whatever arguments the parse gives (maybe none: ``complete: false``) when
# no trigger and actor frame formed
CLASSIFIER_LOOSE = 0.5
# ... and only in a sentence where no other event formed (True: beside them too). Measured
# 2026-12-03 evening: beside another event, loose events were right triples 0 of 3 (PETRARCH;
# none on PLOVER dev or BBC dev) and made the ConfliBERT class right 0 times, wrong once
CLASSIFIER_LOOSE_BESIDE = False
# ... and with no actor argument at all only when this sure (on ConfliBERT, CV: 148 of the 152
# event-less sentences the classifier gives >= 0.9 get the right class)
CLASSIFIER_BARE = 0.9
# a classifier-only event (``typed_by == ["classifier"]``) that still has no target once the
# implied targets are filled is emitted only when this is True. Measured 2026-12-03 (typing
# helper, docs/events.md): such events were right triples 1 time in 52 on PLOVER dev, PETRARCH
# and BBC dev together (the gold rarely codes an event without a target: 14 of 155, 3 of 359,
# 13 of 139 events) at every classifier probability (0.95+ included), so no confidence threshold
# separates them; they carried the sentence class for the ConfliBERT contract (most confident
# event, none -> 0), which without them drops from 0.855 to about 0.80, still above its goal
CLASSIFIER_TARGETLESS = False
INCOMPLETE_FACTOR = 0.7
# a pattern event takes the class the posterior prefers when that class is this likely
RETYPE = False  # measured 2026-12-02: helps ConfliBERT CV, hurts PLOVER (docs/events.md)
RETYPE_MIN = 0.8
# the CAMEO root of a classifier event whose main verb no dictionary knows: the broadest root
# of the class (make statement, consult, engage in material cooperation, disapprove, fight)
DEFAULT_ROOT = {0: "01", 1: "04", 2: "06", 3: "11", 4: "19"}


def typed_by_for(current: list[str] | None, qe: int | None, pred: Prediction) -> list[str]:
    """Which typers agree on an event's class: its own typer, plus ``classifier`` when the
    classifier's most likely class is the event's."""
    out = list(current or ["patterns"])
    if qe is not None and qe == pred.quad and "classifier" not in out:
        out.append("classifier")
    return out


def posterior(pred: Prediction, qe: int, accuracy: float) -> list[float]:
    k = len(pred.quad_proba)
    like = [accuracy if q == qe else (1.0 - accuracy) / (k - 1) for q in range(k)]
    joint = [p * lk for p, lk in zip(pred.quad_proba, like)]
    z = sum(joint) or 1.0
    return [j / z for j in joint]


def pattern_confidence(pred: Prediction, qe: int | None, typed_by: list[str],
                       complete: bool) -> float:
    if qe is None:  # a dictionary code outside CAMEO's 20 roots: no class to compare
        return round(0.5 * (1.0 if complete else INCOMPLETE_FACTOR), 3)
    acc = max(ACCURACY.get(t, 0.0) for t in typed_by) or 0.75
    conf = posterior(pred, qe, acc)[qe]
    return round(conf * (1.0 if complete else INCOMPLETE_FACTOR), 3)


def classifier_confidence(pred: Prediction, complete: bool) -> float:
    return round(pred.confidence * (1.0 if complete else INCOMPLETE_FACTOR), 3)
