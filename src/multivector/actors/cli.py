"""``multivector actors ...`` commands and ``multivector eval actors``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console

console = Console(stderr=True)
out = Console()

actors_app = typer.Typer(help="The actor knowledge base: list, show, search, resolve, import.",
                         no_args_is_help=True)

OverlayOpt = typer.Option([], "--actors", help="Actor overlay file(s) (YAML/JSON) merged on top.")
DbOpt = typer.Option(None, "--db", help="A multivector database: the actors a corpus linked or "
                     "discovered (opened read-only; a file being written is retried briefly).")


def _db_reader(db: str):
    """The database opened read-only for one request (exit 2 with one line when it is missing,
    damaged or held by a writer past the retry time: see ``store.connect``)."""
    from ..cli_support import open_read_only

    return open_read_only(db, console)


def _row_cells(a: dict) -> tuple[str, ...]:
    return (a["id"], a.get("name") or "", a.get("type") or "", a.get("country") or "",
            a.get("cameo") or "", a.get("sector") or "")


def _kb(actors: list[Path]):
    from .kb import KBError, load_kb

    try:
        return load_kb(tuple(str(a) for a in actors))
    except KBError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _actor_dict(a) -> dict:
    from ..doc import record_dict

    return record_dict(a)


def _print(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@actors_app.command("list")
def list_(type: str | None = typer.Option(None, "--type", help="state, igo, person, ..."),
          country: str | None = typer.Option(None, "--country", help="ISO3 code."),
          limit: int = typer.Option(0, "--limit", help="At most this many (0 = all)."),
          as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
          actors: list[Path] = OverlayOpt,
          db: str | None = DbOpt,
          discovered: bool = typer.Option(False, "--discovered",
                                          help="With --db: only people discovered in the text."),
          ) -> None:
    """List actors of the knowledge base (or, with --db, of a corpus, most mentioned first)."""
    if db is not None:
        _list_db(db, type, country, limit, as_json, discovered)
        return
    kb = _kb(actors)
    rows = [a for a in kb.actors.values()
            if (type is None or a.type == type) and (country is None or a.country == country.upper())]
    rows.sort(key=lambda a: a.id)
    if limit:
        rows = rows[:limit]
    if as_json:
        for a in rows:
            _print(_actor_dict(a))
        return
    from rich.table import Table

    t = Table(title=f"{len(rows)} actors")
    for c in ("id", "name", "type", "country", "cameo", "sector"):
        t.add_column(c)
    for a in rows:
        t.add_row(a.id, a.name, a.type, a.country or "", a.cameo or "", a.sector or "")
    out.print(t)


def _list_db(db: str, type: str | None, country: str | None, limit: int, as_json: bool,
             discovered: bool) -> None:
    with _db_reader(db) as r:
        rows = r.corpus_actors(type=type, country=country, discovered=True if discovered else None)
    if limit:
        rows = rows[:limit]
    if as_json:
        for a in rows:
            _print(a)
        return
    from rich.table import Table

    t = Table(title=f"{len(rows)} actors in {db}")
    for c in ("id", "name", "type", "country", "cameo", "sector", "mentions", "documents"):
        t.add_column(c)
    for a in rows:
        t.add_row(*_row_cells(a), str(a["n_mentions"]), str(a["n_documents"]))
    out.print(t)


@actors_app.command("show")
def show(actor_id: str = typer.Argument(..., help="Actor id, e.g. UZBGOV or PER:sergey-lavrov."),
         as_json: bool = typer.Option(False, "--json"),
         actors: list[Path] = OverlayOpt,
         db: str | None = DbOpt) -> None:
    """Show one actor with its aliases and dated roles (with --db: as the corpus stored it,
    with its mention counts and the forms it was mentioned by)."""
    if db is not None:
        _show_db(db, actor_id, as_json)
        return
    kb = _kb(actors)
    a = kb.get(actor_id)
    if a is None:
        hits = kb.search(actor_id, limit=3)
        hint = f" (did you mean {', '.join(h.id for h in hits)}?)" if hits else ""
        console.print(f"[red]error:[/red] no actor with id {actor_id!r}{hint}")
        raise typer.Exit(1)
    if as_json:
        _print({**_actor_dict(a), "sources": kb.actor_sources.get(a.id) or ["curated"]})
        return
    out.print(f"[bold]{a.id}[/bold]  {a.name}")
    out.print(f"  type: {a.type}   country: {a.country}   cameo: {a.cameo}   sector: {a.sector}")
    for lang, names in a.aliases.items():
        out.print(f"  {lang}: {', '.join(names)}")
    src = kb.actor_sources.get(a.id)
    if src:
        out.print(f"  sources: {', '.join(src)}")
    for r in sorted(a.roles, key=lambda r: (r.get("start") or "", r.get("end") or "9")):
        extra = "".join(f" {k}={r[k]}" for k in ("sector", "source") if r.get(k))
        out.print(f"  role: {r['role']} ({r.get('org') or r.get('country') or ''}) "
                  f"{r.get('start') or '…'} – {r.get('end') or '…'}{extra}")


def _show_db(db: str, actor_id: str, as_json: bool) -> None:
    with _db_reader(db) as r:
        a = r.corpus_actor(actor_id)
        hits = [] if a is not None else r.corpus_actors(q=actor_id)[:3]
    if a is None:
        hint = f" (did you mean {', '.join(h['id'] for h in hits)}?)" if hits else ""
        console.print(f"[red]error:[/red] no actor with id {actor_id!r} in {db}{hint}")
        raise typer.Exit(1)
    if as_json:
        _print(a)
        return
    out.print(f"[bold]{a['id']}[/bold]  {a.get('name') or ''}"
              f"{'  (discovered in the text)' if a.get('discovered') else ''}")
    out.print(f"  type: {a.get('type')}   country: {a.get('country')}   cameo: {a.get('cameo')}   "
              f"sector: {a.get('sector')}")
    out.print(f"  mentions: {a['n_mentions']} in {a['n_documents']} documents")
    if a["mentioned_as"]:
        out.print("  mentioned as: " + ", ".join(f"{m['text']} ({m['n']})" for m in a["mentioned_as"]))
    for lang, names in (a.get("aliases") or {}).items():
        out.print(f"  {lang}: {', '.join(names)}")
    for role in a.get("roles") or []:
        dates = f"{role.get('start') or '…'} – {role.get('end') or '…'}"
        if role.get("as_of"):
            dates += f" (as of {role['as_of']})"
        out.print(f"  role: {role.get('role')} ({role.get('org') or role.get('country') or ''}) {dates}")


@actors_app.command("stats")
def stats(as_json: bool = typer.Option(False, "--json"),
          top: int = typer.Option(15, "--top", help="Countries shown (all with --json)."),
          actors: list[Path] = OverlayOpt) -> None:
    """Counts of the knowledge base: by type, country, source; people with dated roles."""
    from collections import Counter

    kb = _kb(actors)
    by_type = Counter(a.type for a in kb.actors.values())
    by_country = Counter(a.country or "-" for a in kb.actors.values())
    by_source: Counter = Counter()
    for a in kb.actors.values():
        for s in kb.actor_sources.get(a.id) or ["curated"]:
            by_source[s.split(":")[0] if s.startswith("phoenix") else s] += 1
    people = [a for a in kb.actors.values() if a.type == "person"]
    dated = sum(1 for a in people if any(r.get("start") or r.get("end") for r in a.roles))
    roles = sum(len(a.roles) for a in people)
    ambiguous = len(kb.context)
    res = {"actors": len(kb), "by_type": dict(by_type.most_common()),
           "by_source": dict(by_source.most_common()),
           "by_country": dict(by_country.most_common(None if as_json else top)),
           "people": len(people), "people_with_dated_roles": dated, "roles": roles,
           "ambiguous_names": ambiguous, "places": len(kb.places), "agent_nouns": len(kb.agents),
           "world_build": kb.world_counts}
    if as_json:
        _print(res)
        return
    out.print(f"[bold]{res['actors']}[/bold] actors; {dated} of {len(people)} people with dated "
              f"roles ({roles} roles); {ambiguous} ambiguous names; {len(kb.places)} places; "
              f"{len(kb.agents)} agent nouns")
    for key in ("by_type", "by_source", "by_country"):
        out.print(f"{key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in res[key].items()))


@actors_app.command("search")
def search(name: str = typer.Argument(...), limit: int = typer.Option(10, "--limit"),
           as_json: bool = typer.Option(False, "--json"),
           actors: list[Path] = OverlayOpt,
           db: str | None = DbOpt) -> None:
    """Find actors by (part of) a name or alias, in any language; tolerant of typos (with
    --db: the corpus's actors whose id, name or an alias contains NAME, any case)."""
    if db is not None:
        with _db_reader(db) as r:
            rows = r.corpus_actors(q=name)[:limit]
        if as_json:
            for row in rows:
                _print(row)
            return
        if not rows:
            console.print(f"no actor in {db} matches {name!r}")
            raise typer.Exit(1)
        for row in rows:
            out.print(f"{row['id']:28} {row.get('name') or ''}  [dim]({row.get('type')}, "
                      f"{row.get('country') or '-'}; {row['n_mentions']} mentions)[/dim]")
        return
    kb = _kb(actors)
    hits = kb.search(name, limit=limit)
    if as_json:
        for a in hits:
            _print(_actor_dict(a))
        return
    if not hits:
        console.print(f"no actor matches {name!r}")
        raise typer.Exit(1)
    for a in hits:
        out.print(f"{a.id:28} {a.name}  [dim]({a.type}, {a.country or '-'})[/dim]")


def _null(text: str, date: str | None) -> dict:
    return {"id": None, "name": None, "country": None, "type": None, "sector": None,
            "cameo": None, "code": None, "span": None, "text": text, "date": date}


@actors_app.command("resolve")
def resolve(text: str | None = typer.Argument(None, help="A short phrase, e.g. 'Uzbek diplomats'."),
            date: str | None = typer.Option(None, "--date", help="Who held office then: any common "
                                               "form (2018-01-01, '1 January 2018', 'Jan 1 2018')."),
            context: str | None = typer.Option(None, "--context", help="Text around the phrase "
                                                  "(article, dateline): support for ambiguous names."),
            country: str | None = typer.Option(None, "--country", help="ISO3 the document is about."),
            batch: Path | None = typer.Option(None, "--batch",
                                                 help="JSON lines {\"text\", \"date\", \"context\", "
                                                      "\"country\"}; - for stdin."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON (always on with --batch)."),
            actors: list[Path] = OverlayOpt,
            db: str | None = DbOpt) -> None:
    """The best actor for a short phrase, with id, name, country, type, sector and span. With
    --db, a person the knowledge base does not know is looked up among the corpus's actors
    (discovered people keep the role and country the text gave them)."""
    from ..config import load_config
    from .kb import any_date as parse_date
    from .resolve import PhraseResolver

    if text is None and batch is None:
        console.print("[red]error:[/red] give a TEXT or --batch FILE")
        raise typer.Exit(2)
    _kb(actors)  # report overlay errors before loading spaCy
    if db is not None:
        _db_reader(db).close()  # a missing or damaged database: one line before loading spaCy
    cfg = load_config().with_(actors_files=tuple(str(a) for a in actors) if actors else None)
    resolver = PhraseResolver(cfg)

    def one(t: str, d: str | None, ctx: str | None = None, iso: str | None = None) -> dict:
        r = resolver.resolve(t, date=d, context=ctx, country=iso)
        if db is not None and (r is None or r.get("id") is None or r.get("discovered")):
            r = _from_corpus(db, t, r)
        if r is None:
            return _null(t, d)
        r.update(text=t, date=d)
        return r

    if batch is not None:
        fh = sys.stdin if str(batch) == "-" else None
        try:
            lines = (fh or open(batch, encoding="utf-8")).read().splitlines()
        except OSError as exc:
            console.print(f"[red]error:[/red] {batch}: cannot read: {exc.strerror or exc}")
            raise typer.Exit(2) from None
        bad = 0
        for i, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if isinstance(rec, str):
                    rec = {"text": rec}
                t, d = rec.get("text"), rec.get("date")
                if not isinstance(t, str):
                    raise ValueError("'text' must be a string")
                d = parse_date(d) if d else None
                _print(one(t, d, rec.get("context"), rec.get("country")))
            except (ValueError, AttributeError) as exc:
                bad += 1
                _print({"error": f"{batch}:{i}: {exc}", "line": i})
        raise typer.Exit(1 if bad else 0)
    try:
        d = parse_date(date) if date else None
    except ValueError as exc:
        console.print(f"[red]error:[/red] --date: {exc}")
        raise typer.Exit(2) from None
    assert text is not None  # checked above: without --batch a TEXT is required
    r = one(text, d, context, country)
    if as_json:
        _print(r)
    elif r["id"] is None:
        if r.get("candidates"):
            out.print(f"{text!r} is ambiguous without context: {', '.join(r['candidates'])}")
        elif r.get("sector"):
            out.print(f"no actor in {text!r}; sector {r['sector']} (code {r.get('code')})")
        else:
            out.print(f"no actor recognised in {text!r}")
        raise typer.Exit(1)
    else:
        out.print(f"{r['id']}  {r['name']}  country={r['country']} type={r['type']} "
                  f"sector={r['sector']}  span={r['span']['text']!r} ({r['method']})")


def _from_corpus(db: str, text: str, r: dict | None) -> dict | None:
    """``r`` (no actor, or a person discovered from the phrase alone) completed from the
    corpus: the stored actor with that id, else the one the corpus knows by this name. The
    database is opened read-only for this lookup only, so a running ``analyze`` can write
    between two lines of a batch."""
    from .sectors import composite

    with _db_reader(db) as reader:
        a = reader.corpus_actor(r["id"]) if r is not None and r.get("id") else None
        if a is None:
            found = reader.actor_named(text.strip())
            a = reader.corpus_actor(found) if found else None
    if a is None:
        return r
    role = next((x.get("role") for x in a.get("roles") or [] if x.get("role")), None)
    span = (r or {}).get("span") or {"start": 0, "end": len(text), "text": text}
    return {**(r or {}), "id": a["id"], "name": a.get("name"), "country": a.get("country"),
            "type": a.get("type"), "sector": a.get("sector"), "cameo": a.get("cameo"),
            "code": composite(a.get("country"), a.get("sector")), "discovered": bool(a.get("discovered")),
            "role": role or (r or {}).get("role"), "method": "corpus", "span": span,
            "n_mentions": a["n_mentions"]}


@actors_app.command("import-phoenix")
def import_phoenix(files: list[Path] = typer.Argument(..., help="Phoenix/PETRARCH actor dictionaries."),
                   output: Path = typer.Option(Path("phoenix_actors.json"), "-o", "--output",
                                               help="Overlay to write (.json loads fastest; .yaml)."),
                   ) -> None:
    """Convert Phoenix/PETRARCH actor dictionaries into an overlay for --actors."""
    from .kb import load_kb
    from .phoenix import WARNINGS, PhoenixError, parse, to_overlay, write_overlay

    kb = load_kb()
    records: dict[str, dict] = {}
    for f in files:
        try:
            entries, _ = parse(f)
        except PhoenixError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        recs, stats = to_overlay(entries, kb, source=f"phoenix:{f.name}")
        for w in WARNINGS[:5]:
            console.print(f"[yellow]warning:[/yellow] {w}")
        if len(WARNINGS) > 5:
            console.print(f"[yellow]warning:[/yellow] … and {len(WARNINGS) - 5} more")
        for r in recs:
            have = records.get(r["id"])
            if have is None:
                records[r["id"]] = r
            else:
                have["en"] += [n for n in r.get("en", []) if n not in have["en"]]
                have.setdefault("roles", []).extend(r.get("roles", []))
        console.print(f"{f}: {stats['entries']} entries -> {stats['actors']} actors "
                      f"({stats['merged']} merged into known ones, {stats['agents']} agents and "
                      f"{stats['no_code']} without code skipped)")
    write_overlay(list(records.values()), output)
    console.print(f"{len(records)} actors -> {output}  (use: multivector analyze --actors {output} ...)")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")

    @eval_app.command("actors")
    def eval_actors(gold: Path = typer.Option(None, "--gold", help="Gold JSONL (default: "
                                                                    "tests/gold/actors_examples.jsonl)."),
                    as_json: bool = typer.Option(False, "--json"),
                    errors: bool = typer.Option(False, "--errors", help="List misses and wrong links."),
                    plover_gsr: Path = typer.Option(None, "--plover-gsr",
                                                    help="Instead: country accuracy of `actors resolve` "
                                                         "on PLOVER_GSR_CAMEO.json actor phrases."),
                    split: str = typer.Option(None, "--split",
                                              help="With --plover-gsr: score only the dev or test "
                                                   "half (the halves of `eval events --split`)."),
                    in_context: bool = typer.Option(False, "--in-context",
                                                    help="With --plover-gsr and/or --petrarch: "
                                                         "the gold actors' country in their "
                                                         "sentence, as the event coder resolves "
                                                         "them (record date, parse, places)."),
                    petrarch: Path = typer.Option(None, "--petrarch",
                                                  help="With --in-context: PETRARCH validation "
                                                       "records (its dictionaries are loaded)."),
                    actors: list[Path] = OverlayOpt,
                    ) -> None:
        """Mention precision/recall and linking accuracy against a gold file."""
        from ..eval.actors import GoldError, default_gold, evaluate, evaluate_gsr, evaluate_in_context

        if in_context:
            if plover_gsr is None and petrarch is None:
                console.print("[red]error:[/red] --in-context needs --plover-gsr and/or --petrarch")
                raise typer.Exit(2)
            try:
                ctx = evaluate_in_context(plover_gsr, petrarch, split,
                                          tuple(str(a) for a in actors))
            except GoldError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            if not errors:
                for v in ctx.values():
                    v.pop("errors", None)
            if as_json:
                _print(ctx)
                return
            if "plover" in ctx:
                r = ctx["plover"]
                out.print(f"PLOVER GSR actors in context: {r['phrases']} scored "
                          f"({r['not_found']} not found in the text), in context "
                          f"{r['in_context_accuracy']:.3f}, alone {r['isolated_accuracy']:.3f}")
            if "petrarch" in ctx:
                r = ctx["petrarch"]
                out.print(f"PETRARCH actors found in their sentence: {r['found']:.3f} of "
                          f"{r['actors']}; real states/IGOs {r['real_found']:.3f} of "
                          f"{r['real_actors']}")
            for v in ctx.values():
                for e in v.get("errors", []):
                    out.print(f"  {e}")
            return
        if plover_gsr is not None:
            try:
                res = evaluate_gsr(plover_gsr, tuple(str(a) for a in actors), split=split)
            except GoldError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            if not errors:
                res.pop("errors")
            if as_json:
                _print(res)
            else:
                out.print(f"PLOVER GSR actor phrases: {res['phrases']} scored ({res['skipped']} "
                          f"skipped), country accuracy {res['country_accuracy']:.3f}, "
                          f"{res['unresolved']} unresolved")
                for e in res.get("errors", []):
                    out.print(f"  {e}")
            return
        path = gold or default_gold()
        try:
            res = evaluate(path)
        except GoldError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        if as_json:
            res = dict(res)
            if not errors:
                res.pop("errors", None)
            _print(res)
            return
        out.print(f"gold: {path}  ({res['documents']} documents, {res['gold_mentions']} gold mentions, "
                  f"{res['predicted_mentions']} predicted)")
        out.print(f"mentions  precision {res['precision']:.3f}  recall {res['recall']:.3f}  F1 {res['f1']:.3f}")
        out.print(f"linking   accuracy {res['linking_accuracy']:.3f} (of {res['matched']} matched mentions)")
        for k, v in res["by_method"].items():
            out.print(f"  {k:12} {v['correct']}/{v['total']}")
        if errors:
            for e in res["errors"]:
                out.print(f"  {e}")
