"""Commands of the stance package: ``multivector eval stance --dsa FILE [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command("stances")
    def stances(
        holder: str | None = typer.Option(None, "--holder", help="Holder id, country or "
                                             "part of the name."),
        target: str | None = typer.Option(None, "--target", help="Target id, country or "
                                             "part of the name."),
        method: str | None = typer.Option(None, "--method", help="lexicon (the holder's own "
                                             "view) or directed (A's view of B in the text)."),
        db: str | None = typer.Option(None, "--db", help="DuckDB file (default: the "
                                         "configured db)."),
        evidence: bool = typer.Option(False, "--evidence", help="List the cue and sentence of "
                                      "each record."),
        top: int = typer.Option(30, "--top", help="Views shown."),
        as_json: bool = typer.Option(False, "--json", help="Print the views as JSON."),
    ) -> None:
        """Who sees whom how: stances summed per holder and target (mixed views stay mixed)."""
        from ..cli_support import db_path, open_read_only
        from .views import views

        err, out = Console(stderr=True), Console()
        db = db_path(db)
        with open_read_only(db, err) as store:
            vs = views(store.rows("stances"), holder, target, method)[:top]
            sentences = {}
            if evidence and vs:
                for v in vs:
                    for e in v["evidence"]:
                        if e["doc_id"] and e["start"] is not None and (e["doc_id"], e["start"]) not in sentences:
                            sentences[(e["doc_id"], e["start"])] = store.sentence_at(
                                e["doc_id"], e["start"])
        if as_json:
            print(json.dumps(vs, ensure_ascii=False))
            return
        if not vs:
            err.print("no stances match")
            raise typer.Exit(1)
        t = Table(title=f"stances in {db}")
        for c in ("holder", "target", "n", "+", "−", "polarity", "view", "by aspect"):
            t.add_column(c, justify="right" if c in ("n", "+", "−", "polarity") else "left")
        for v in vs:
            t.add_row((v["holder"] or {}).get("name") or (v["holder"] or {}).get("id") or "–",
                      (v["target"] or {}).get("name") or (v["target"] or {}).get("id") or "–",
                      str(v["n"]), str(v["n_cooperative"]), str(v["n_hostile"]),
                      f"{v['mean_polarity']:+.2f}", v["label"],
                      ", ".join(f"{a} {p:+.1f}" for a, p in v["aspects"].items()))
        out.print(t)
        if evidence:
            for v in vs:
                out.print(f"[bold]{(v['holder'] or {}).get('name')} → "
                          f"{(v['target'] or {}).get('name')}[/bold]")
                for e in v["evidence"]:
                    sent = sentences.get((e["doc_id"], e["start"])) or ""
                    out.print(f"  {e['polarity']:+.2f} [{e['cue']}] {sent[:200]}", markup=False)

    @eval_app.command("stance")
    def eval_stance(
        dsa: Path | None = typer.Option(None, "--dsa", help="Directed-sentiment TSV: sentence "
                                           "with \\[bracketed] entities, p, q, label 0-4."),
        rusentrel: Path | None = typer.Option(
            None, "--rusentrel", help="RuSentRel-layout folder (art*.txt, art*.ann, gold "
            "art*.opin.txt here or in ../etalon, synonyms.txt here or in the parent): "
            "document-level attitudes between entities in Russian, F1(P,N)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        model: str | None = typer.Option(None, "--model", help="spaCy model name or path."),
    ) -> None:
        """Score actor-to-actor sentiment (who criticises or praises whom) on a TSV file."""
        from ..config import load_config
        from ..eval.stance import evaluate_dsa
        from ..nlp import load_nlp
        from .dsa import DSAFormatError

        err = Console(stderr=True)
        if (dsa is None) == (rusentrel is None):
            err.print("[red]error:[/red] give exactly one of --dsa FILE or --rusentrel DIR")
            raise typer.Exit(2)
        if rusentrel is not None:
            _eval_rusentrel(rusentrel, as_json, err)
            return
        assert dsa is not None
        cfg = load_config().with_(spacy_model=model)
        try:
            nlp = load_nlp(cfg.spacy_model)
            result = evaluate_dsa(dsa, nlp)
        except (DSAFormatError, RuntimeError) as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
        if as_json:
            print(json.dumps(result, ensure_ascii=False))
            return
        out = Console()
        t = Table(title=f"directed sentiment: {dsa} (n={result['n']}, {result['method']})")
        for c in ("class", "precision", "recall", "F1", "support", "predicted"):
            t.add_column(c, justify="left" if c == "class" else "right")
        for name, r in result["per_class"].items():
            t.add_row(f"{r['label']} {name}", f"{r['precision']:.3f}", f"{r['recall']:.3f}",
                      f"{r['f1']:.3f}", str(r["support"]), str(r["predicted"]))
        out.print(t)
        out.print(f"accuracy {result['accuracy']:.4f}   macro F1 {result['macro_f1']:.4f}")


def _eval_rusentrel(folder: Path, as_json: bool, err: Console) -> None:
    """``eval stance --rusentrel DIR``: F1(P,N) of the Russian entity-attitude model."""
    from ..eval.stance import evaluate_rusentrel

    if not folder.is_dir():
        err.print(f"[red]error:[/red] {folder}: not a folder")
        raise typer.Exit(2)
    result = evaluate_rusentrel(folder)
    if not result.get("documents"):
        err.print(f"[red]error:[/red] {folder}: no art*.txt with gold art*.opin.txt")
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    out = Console()
    t = Table(title=f"RuSentRel attitudes: {folder} ({result['documents']} documents)")
    for c in ("class", "precision", "recall", "F1"):
        t.add_column(c, justify="left" if c == "class" else "right")
    for lab in ("pos", "neg"):
        r = result[lab]
        t.add_row(lab, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}")
    out.print(t)
    out.print(f"F1(P,N) {result['f1']:.4f}   precision {result['precision']:.4f}   "
              f"recall {result['recall']:.4f}")
