"""``multivector eval quotes``: score quote extraction against PolNeAR (``--polnear DIR``) or
our hand-written BBC gold (``--gold tests/gold/bbc_quotes.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @eval_app.command("quotes")
    def eval_quotes(
        polnear: Path | None = typer.Option(None, "--polnear", help="PolNeAR split directory (text/ + attributions/), "
                                               "e.g. ../shared/eval/quotes/polnear/dev"),
        gold: Path | None = typer.Option(None, "--gold",
                                         help="BBC quote gold (jsonl), e.g. tests/gold/bbc_quotes.jsonl"),
        corpus: Path | None = typer.Option(None, "--corpus",
                                           help="With --gold: the BBC corpus (default ../shared/corpora/bbc)."),
        split: str = typer.Option("all", "--split", help="With --gold: dev, heldout or all."),
        details: bool = typer.Option(False, "--details",
                                     help="With --json: every miss, spurious quote and wrong speaker."),
        limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
        sample: int | None = typer.Option(None, "--sample",
                                          help="With --polnear: N documents chosen by a hash of their names "
                                               "(deterministic)."),
        skip: int = typer.Option(0, "--skip", help="With --polnear --sample: leave out the first N documents "
                                                   "in name order (read before)."),
        part: str | None = typer.Option(None, "--part", help="With --polnear --sample: read (even hash ranks) "
                                                             "or report (odd ranks): two halves of the sample."),
        overlap: float = typer.Option(0.3, "--overlap", help="Overlap threshold |gold∩pred|/|gold|."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line."),
    ) -> None:
        """Quote P/R/F1 (exact and overlap) and speaker accuracy on PolNeAR or on the BBC gold."""
        from rich.console import Console
        from rich.table import Table

        from ..eval.polnear import PolnearError, evaluate

        err = Console(stderr=True)
        if (polnear is None) == (gold is None):
            err.print("[red]error:[/red] give one of --polnear DIR or --gold FILE")
            raise typer.Exit(2)
        if gold is not None:
            from ..eval.bbc_quotes import GoldError, format_result
            from ..eval.bbc_quotes import evaluate as evaluate_gold

            if split not in ("all", "dev", "heldout"):
                err.print(f"[red]error:[/red] --split must be dev, heldout or all, not {split!r}")
                raise typer.Exit(2)
            try:
                gres = evaluate_gold(gold, corpus, split, overlap, details=details)
            except GoldError as exc:
                err.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            print(json.dumps(gres, ensure_ascii=False) if as_json else format_result(gres))
            return
        assert polnear is not None
        try:
            res = evaluate(polnear, limit=limit, threshold=overlap, progress=not quiet, sample=sample,
                           skip=skip, part=part, details=details and as_json)
        except PolnearError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        if as_json:
            print(json.dumps(res, ensure_ascii=False))
            return
        t = Table(title=f"quotes vs PolNeAR ({res['documents']} documents, {res['gold_fragments']} gold content spans)")
        for col in ("match", "precision", "recall", "F1", "matched"):
            t.add_column(col, justify="right" if col != "match" else "left")
        for key, label in (("exact", "exact"), ("overlap", f"overlap ≥ {overlap}")):
            m = res[key]
            t.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["matched"]))
        Console().print(t)
        by = res.get("overlap_recall_by_class") or {}
        if by:
            Console().print("overlap recall by gold class: " + ", ".join(
                f"{k} {v['found']}/{v['gold']} = {v['recall']:.3f}" for k, v in by.items()))
        acc = res["speaker_accuracy"]
        Console().print(f"speaker accuracy (overlap matches with a gold source): "
                        f"{acc if acc is None else f'{acc:.3f}'} over {res['speaker_pairs']} pairs; "
                        f"{res['predicted']} predicted quotes {res['predicted_by_kind']}; {res['seconds']}s")
        if res["errors"]:
            err.print(f"[yellow]{len(res['errors'])} document(s) failed:[/yellow] " + "; ".join(res["errors"][:5]))
