"""Scores for the directed-sentiment task: accuracy, macro F1 and per-class figures."""

from __future__ import annotations

from pathlib import Path

from ..stance.dsa import LABELS, predict, read_dsa


def scores(gold: list[int], pred: list[int], n_classes: int = 5) -> dict:
    """Accuracy, macro F1 over all classes and precision/recall/F1/support per class."""
    if len(gold) != len(pred):
        raise ValueError("gold and predicted label lists differ in length")
    n = len(gold)
    per_class = {}
    f1s = []
    for c in range(n_classes):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        per_class[LABELS[c] if c < len(LABELS) else str(c)] = {
            "label": c, "precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
            "support": tp + fn, "predicted": tp + fp,
        }
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0
    return {
        "n": n,
        "accuracy": round(acc, 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "per_class": per_class,
    }


def evaluate_dsa(path: str | Path, nlp) -> dict:
    """Run the directed-sentiment predictor over a TSV file and score it."""
    items = list(read_dsa(path))
    pred = predict(items, nlp)
    out = scores([i.label if i.label is not None else 0 for i in items], pred)
    out["file"] = str(path)
    out["method"] = "lexicon+dependency"
    return out


def evaluate_rusentrel(folder: str | Path, model_file: str | Path | None = None) -> dict:
    """RuSentRel F1(P,N) of the Russian entity-attitude model over a RuSentRel-layout folder
    (see ``stance/rusentrel.py`` for the layout and the measure)."""
    from ..lang.ru.pairs import PairModel, lemmatize_name, predict_article
    from ..lang.ru.parse import RussianParser
    from ..stance.rusentrel import Synonyms, find_synonyms, read_collection, score

    folder = Path(folder)
    syn_path = find_synonyms(folder)
    syn = Synonyms.read(syn_path, lemmatize_name) if syn_path else Synonyms(lemmatize=lemmatize_name)
    arts = [a for a in read_collection(folder) if a.gold]
    model = PairModel.load(Path(model_file) if model_file else None)
    parser = RussianParser()
    pred = {a.id: predict_article(a, parser, syn, model) for a in arts}
    out = score({a.id: a.gold for a in arts}, pred, syn)
    out["folder"] = str(folder)
    out["method"] = "entity-pair features + logistic regression (lang/ru/pairs.py)"
    return out
