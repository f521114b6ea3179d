"""Commands of the stance package: ``multivector eval stance --dsa FILE [--json]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @eval_app.command("stance")
    def eval_stance(
        dsa: Path = typer.Option(..., "--dsa", help="Directed-sentiment TSV: sentence with "
                                 "\\[bracketed] entities, p, q, label 0-4."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy model name or path."),
    ) -> None:
        """Score actor-to-actor sentiment (who criticises or praises whom) on a TSV file."""
        from ..config import load_config
        from ..pipeline import load_nlp
        from .dsa import DSAFormatError
        from .evaluate import evaluate_dsa

        err = Console(stderr=True)
        cfg = load_config().with_(spacy_model=model)
        try:
            nlp = load_nlp(cfg.spacy_model)
            result = evaluate_dsa(dsa, nlp)
        except (DSAFormatError, RuntimeError) as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2)
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
