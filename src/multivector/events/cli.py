"""Commands of the events package.

    multivector eval events --plover FILE [--json] [--verbs CAMEO.2.0.txt] [--split dev|test]
        [--cv [--folds 5]]
    multivector eval events --petrarch FILE [--json] [--no-dictionaries] [--dictionaries DIR]
        [--verbs FILE] [--split dev|test]
    multivector eval events --conflibert FILE [--json] [--cv/--no-cv] [--folds 5] [--split dev|test]
    multivector eval events --conflibert-args FILE [--json] [--split dev|test]
    multivector eval events --gold tests/gold/bbc_events.jsonl [--split dev|heldout] [--json] [--details]
    multivector eval events --gold tests/gold/bbc_events_r2.jsonl --split unseen [--json]
    multivector eval events --gold tests/gold/bbc_events.jsonl --agreement tests/gold/bbc_events_r2.jsonl
    multivector eval events --zh-gold tests/gold/zh_events_dev.jsonl [--json] [--details]
    multivector eval events --ru-gold tests/gold/ru_events.jsonl [--split dev|heldout] [--json] [--details]
    multivector events import-verbs FILE [-o OVERLAY] [--fallback]
    multivector events export [--db DB] [--modality asserted] [--dyadic] [--all]
                              [--format jsonl|csv|gdelt|plover]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import typer
from rich.console import Console

console = Console(stderr=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    events_app = typer.Typer(help="Event data: filtered and dyadic exports.", no_args_is_help=True)
    app.add_typer(events_app, name="events")

    @eval_app.command("events")
    def eval_events(
        plover: Path | None = typer.Option(None, "--plover", help="PLOVER gold JSON (PLOVER_GSR_CAMEO.json)."),
        petrarch: Path | None = typer.Option(None, "--petrarch", help="PETRARCH validation XML."),
        conflibert: Path | None = typer.Option(
            None, "--conflibert", help="TSV sentence<TAB>quad class 0-4 (ConfliBERT task)."),
        conflibert_args: Path | None = typer.Option(
            None, "--conflibert-args", help="BIO file: token label, S source, T target, R trigger."),
        gold: Path | None = typer.Option(
            None, "--gold", help="Our blind BBC event gold (tests/gold/bbc_events.jsonl); runs the "
            "pipeline on the articles of ../shared/corpora/bbc."),
        ru_gold: Path | None = typer.Option(
            None, "--ru-gold", help="Our blind Russian event gold (tests/gold/ru_events.jsonl); runs "
            "the pipeline on the articles of ../shared/eval/stance/rusentrel/train."),
        corpus: Path | None = typer.Option(None, "--corpus", help="--gold: the BBC corpus folder; "
                                           "--ru-gold: the RuSentRel article folder."),
        zh_gold: Path | None = typer.Option(
            None, "--zh-gold", help="Self-written Chinese event sentences (tests/gold/zh_events_dev.jsonl)."),
        other: Path | None = typer.Option(
            None, "--agreement", help="--gold: compare its coding with this second coding of the "
            "same articles (inter-annotator agreement; runs no pipeline)."),
        details: bool = typer.Option(False, "--details", help="--gold: list missed and spurious "
                                     "events per sentence (read them on dev only)."),
        cv: bool | None = typer.Option(
            None, "--cv/--no-cv", help="ConfliBERT: cross-validate (default: when the file's "
            "sentences are the classifier's training sentences); PLOVER: add k-fold figures "
            "(cv_f1, per fold), what is learned from PLOVER retrained per fold."),
        folds: int = typer.Option(5, "--folds", help="ConfliBERT / PLOVER cross-validation folds."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        split: str | None = typer.Option(
            None, "--split", help="Score only the dev or the test half of the records or "
            "sentences (CRC32 of the sentence text: even = dev, odd = test); --gold: dev, heldout, "
            "unseen or agreement."),
        no_dictionaries: bool = typer.Option(False, "--no-dictionaries",
                                             help="PETRARCH: do not load the file's actor/agent/verb "
                                                  "dictionaries."),
        dictionaries: list[Path] = typer.Option(
            [], "--dictionaries", help="PETRARCH: another folder to look for the dictionaries the "
            "file's <Environment> names (repeatable; after the file's own folder, before the "
            "bundled validation dictionaries)."),
        verbs: list[Path] = typer.Option([], "--verbs",
                                         help="Verb dictionary (CAMEO.2.0.txt) or pattern YAML to load for this "
                                              "run (repeatable)."),
    ) -> None:
        """Score event coding against PLOVER or PETRARCH gold data."""
        from ..eval.events import GoldFormatError, evaluate_petrarch, evaluate_plover
        from .petrarch_dicts import DictionaryError

        given = [p for p in (plover, petrarch, conflibert, conflibert_args, gold, zh_gold, ru_gold)
                 if p is not None]
        if len(given) != 1:
            console.print("[red]error:[/red] give exactly one of --plover, --petrarch, "
                          "--conflibert, --conflibert-args, --gold, --zh-gold or --ru-gold FILE")
            raise typer.Exit(2)
        path = given[0]
        if not path.is_file():
            console.print(f"[red]error:[/red] {path}: no such file")
            raise typer.Exit(2)
        if gold is not None:
            _eval_gold(gold, corpus, split, as_json, details, other)
            return
        if ru_gold is not None:
            _eval_ru_gold(ru_gold, corpus, split, as_json, details)
            return
        if zh_gold is not None:
            from ..eval import zh_events

            try:
                res = zh_events.evaluate(zh_gold, details=details)
            except zh_events.ZhGoldError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            typer.echo(json.dumps(res, ensure_ascii=False) if as_json else zh_events.format_result(res))
            return
        for v in verbs:
            if not v.is_file():
                console.print(f"[red]error:[/red] {v}: no such file")
                raise typer.Exit(2)
        vfiles = tuple(str(v) for v in verbs)
        try:
            if conflibert is not None or conflibert_args is not None:
                from ..eval.events_conflibert import evaluate_conflibert, evaluate_conflibert_args

                fn = evaluate_conflibert if conflibert is not None else evaluate_conflibert_args
                result = fn(path, cv=cv, folds=folds, split=split)
            else:
                if plover and cv:
                    from ..eval.plover_cv import evaluate_plover_cv

                    result = evaluate_plover_cv(path, verbs=vfiles, split=split, folds=folds)
                else:
                    result = (evaluate_plover(path, verbs=vfiles, split=split) if plover else
                              evaluate_petrarch(path, use_dictionaries=not no_dictionaries,
                                                verbs=vfiles, split=split,
                                                dictionary_dirs=tuple(dictionaries)))
        except (GoldFormatError, DictionaryError, ValueError) as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps(result))
            return
        from rich.table import Table

        t = Table(title=f"events vs {path.name}")
        t.add_column("metric")
        t.add_column("value", justify="right")
        for k, v in result.items():
            t.add_row(k, "" if v is None else json.dumps(v) if isinstance(v, (dict, list)) else str(v))
        Console().print(t)

    def _eval_gold(path: Path, corpus: Path | None, split: str | None, as_json: bool,
                   details: bool, other: Path | None = None) -> None:
        from ..eval.bbc_events import (
            SPLITS,
            GoldError,
            agreement,
            evaluate,
            format_agreement,
            format_result,
            load_gold,
        )

        if split not in (None, "all") + SPLITS:
            console.print(f"[red]error:[/red] --gold: unknown split {split!r}; use one of {', '.join(SPLITS)}")
            raise typer.Exit(2)
        try:
            if other is not None:
                result = agreement(load_gold(path, split or "all"), load_gold(other))
            else:
                result = evaluate(path, corpus, split or "all", details=details)
        except GoldError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        text = format_agreement(result) if other is not None else format_result(result)
        typer.echo(json.dumps(result, ensure_ascii=False) if as_json else text)

    def _eval_ru_gold(path: Path, folder: Path | None, split: str | None, as_json: bool,
                      details: bool) -> None:
        """``--ru-gold``: the Russian event gold, scored as the BBC gold."""
        from ..eval.bbc_quotes import GoldError
        from ..eval.ru_events import SPLITS, evaluate, format_result

        if split not in (None, "all") + SPLITS:
            console.print(f"[red]error:[/red] --ru-gold: unknown split {split!r}; use dev or heldout")
            raise typer.Exit(2)
        try:
            result = evaluate(path, folder, split or "all", details=details)
        except GoldError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        typer.echo(json.dumps(result, ensure_ascii=False) if as_json else format_result(result))

    @events_app.command("import-verbs")
    def import_verbs(
        file: Path = typer.Argument(..., help="PETRARCH/CAMEO verb dictionary (CAMEO.2.0.txt)."),
        output: Path = typer.Option(Path("event_verbs.yaml"), "-o", "--output",
                                    help="Pattern overlay to write (YAML)."),
        fallback: bool = typer.Option(False, "--fallback",
                                      help="Try the converted senses after the packaged ones (default: before)."),
        targetless: bool = typer.Option(False, "--allow-targetless",
                                        help="Let bare verbs (no object/phrase in the pattern) code without a "
                                             "target actor."),
    ) -> None:
        """Convert a PETRARCH/CAMEO verb dictionary into an event pattern overlay; name the
        overlay in ``event_patterns`` (config) or MULTIVECTOR_EVENT_PATTERNS."""
        from .verb_dicts import VerbDictionaryError, convert_file, write_overlay

        try:
            entries, stats = convert_file(file, fallback=fallback, require_target=not targetless)
        except VerbDictionaryError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        write_overlay(entries, output, source=file.name)
        console.print(f"{file}: {stats['blocks']} verb blocks, {stats['verbs']} verbs, "
                      f"{stats['patterns']} patterns ({stats['skipped']} not expressible), "
                      f"{stats['synsets']} synsets -> {stats['entries']} pattern entries -> {output}")

    @events_app.command("export")
    def export_events(
        db: str | None = typer.Option(None, "--db",
                                         help="DuckDB file (default: the configured db)."),
        modality: list[str] = typer.Option([], "--modality", "-m",
                                           help="Keep only these modalities (repeat or comma-separate), "
                                                "e.g. asserted."),
        dyadic: bool = typer.Option(False, "--dyadic", help="One row per (source, target) pair."),
        format: str = typer.Option("jsonl", "--format", "-f",
                                   help="jsonl, csv, gdelt (TSV) or plover (POLECAT-style JSON lines)."),
        all_events: bool = typer.Option(False, "--all", help="Also incomplete events (no source or target)."),
        output: Path | None = typer.Option(None, "-o", "--output"),
    ) -> None:
        """Export events, optionally only some modalities (``--modality asserted`` keeps factual
        events) and/or flattened to source-target dyads."""
        from ..cli_support import open_read_only
        from ..exporting import write_rows
        from .dyads import dyads, keep_modalities
        from .gdelt import gdelt_rows

        wanted = [m for x in modality for m in x.split(",")]
        if format not in ("jsonl", "csv", "gdelt", "plover"):
            console.print(f"[red]error:[/red] unknown format {format!r}; use jsonl, csv, gdelt or plover")
            raise typer.Exit(2)
        with open_read_only(db, console) as store:
            try:
                rows: Iterable[dict] = [r for r in keep_modalities(store.rows("events"), wanted)
                                        if all_events or r.get("complete") is not False]
            except ValueError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            if format == "plover":
                from .plover_export import plover_rows

                documents = {d["id"]: d for d in store.rows("documents")}
                rows, fmt = list(plover_rows(rows, documents, complete_only=not all_events)), "jsonl"
            elif format == "gdelt":
                documents = {d["id"]: d for d in store.rows("documents")}
                rows, fmt = gdelt_rows(rows, documents), "tsv"
            else:
                rows, fmt = (dyads(rows) if dyadic else rows), format
            n = write_rows(rows, fmt, output)
        if output:
            console.print(f"{n} event rows -> {output}")
