"""Commands: ``multivector relations A [B]`` and ``multivector profile STATE``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..cli_support import db_path, open_read_only


def _check_period(period: str, err: Console) -> None:
    from .compute import PERIODS

    if period not in PERIODS:
        err.print(f"[red]error:[/red] unknown period {period!r}; use {', '.join(PERIODS)}")
        raise typer.Exit(2)


def _fmt(v, nd: int = 2) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:+.{nd}f}"
    return str(v)


def _periods(rows: list[dict]) -> list[str]:
    from .compute import UNDATED

    ps = sorted({r["period"] for r in rows if r["period"] != UNDATED})
    return ps + ([UNDATED] if any(r["period"] == UNDATED for r in rows) else [])


def _merge(rows: list[dict]) -> dict:
    """Both directions (or several periods) of a dyad as one summary."""
    from .compute import stance_label, tone

    n_ev = sum(r["n_events"] for r in rows)
    gs = [(r["mean_goldstein"], r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"] or r["n_events"])
          for r in rows if r["mean_goldstein"] is not None]
    w = sum(n for _, n in gs)
    mg = round(sum(g * n for g, n in gs) / w, 3) if w else None
    pols = [(r["mean_polarity"], r["n_stances"]) for r in rows if r["mean_polarity"] is not None]
    ns = sum(n for _, n in pols)
    mp = round(sum(p * n for p, n in pols) / ns, 3) if ns else None
    labels = ["mixed"] if any(r["stance_label"] == "mixed" for r in rows) else []
    signs = [1.0] * sum(r["n_cooperative"] for r in rows) + [-1.0] * sum(r["n_hostile"] for r in rows)
    return {"n_events": n_ev, "quads": [sum(r[f"quad{i}"] for r in rows) for i in range(1, 5)],
            "mean_goldstein": mg, "n_stances": ns, "mean_polarity": mp,
            "stance_label": stance_label(signs, labels) if signs or labels else None,
            "tone": tone(mg, mp)}


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def relations(
        a: str = typer.Argument(..., help="Actor: ISO3 country (RUS), actor id (IGO:EU) or name."),
        b: str | None = typer.Argument(None, help="Second actor: show the dyad A-B."),
        period: str = typer.Option("month", "--period", help="week, month, quarter or year."),
        plot: Path | None = typer.Option(None, "--plot", help="Chart file (.png or .svg)."),
        db: str | None = typer.Option(None, "--db", help="DuckDB file (default: the "
                                                                 "configured db)."),
        as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
        top: int = typer.Option(20, "--top", help="Partners shown for a single actor."),
    ) -> None:
        """How a relationship moves over time: events by quad class, Goldstein, stances."""
        from .compute import load, resolve_key, series
        from .plot import PlotError, plot_lines, sparkline

        err, out = Console(stderr=True), Console()
        _check_period(period, err)
        db = db_path(db)
        with open_read_only(db, err) as store:
            ka = resolve_key(store, a)
            kb = resolve_key(store, b) if b else None
            agg = load(store, period, keys=[ka])
        rows = agg.rows()
        if kb:
            rows = [r for r in rows if {r["a"], r["b"]} == {ka, kb}]
        if as_json:
            print(json.dumps(rows, ensure_ascii=False, default=str))
        if not rows:
            err.print(f"no events or stances for {ka}{' and ' + kb if kb else ''} in {db}")
            raise typer.Exit(0 if as_json else 1)
        periods = _periods(rows)
        try:
            if kb:
                _show_dyad(out, rows, ka, kb, periods, plot, sparkline, plot_lines, series,
                           as_json, period)
            else:
                _show_partners(out, rows, ka, periods, plot, top, sparkline, plot_lines, as_json)
        except PlotError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None

    @app.command()
    def profile(
        state: str = typer.Argument(..., help="State: ISO3 country code (UZB) or actor name."),
        period: str = typer.Option("year", "--period", help="week, month, quarter or year."),
        plot: Path | None = typer.Option(None, "--plot", help="Chart file (.png or .svg)."),
        db: str | None = typer.Option(None, "--db", help="DuckDB file (default: the "
                                                                 "configured db)."),
        powers: str | None = typer.Option(None, "--powers",
                                             help="Comma-separated keys (default RUS,CHN,USA,IGO:EU,TUR)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Multi-vector profile: the spread of a state's cooperative ties across the powers."""
        from .compute import resolve_key
        from .plot import PlotError, plot_lines
        from .profile import default_powers
        from .profile import profile as compute_profile

        err, out = Console(stderr=True), Console()
        _check_period(period, err)
        db = db_path(db)
        with open_read_only(db, err) as store:
            key = resolve_key(store, state)
            pw = default_powers()
            if powers:
                pw = {resolve_key(store, p): pw.get(resolve_key(store, p), p)
                      for p in powers.split(",") if p.strip()}
            prof = compute_profile(store, key, period, pw)
        if as_json:
            print(json.dumps(prof, ensure_ascii=False))
        if not prof["periods"]:
            err.print(f"no ties between {key} and {', '.join(prof['powers'])} in {db}")
            raise typer.Exit(0 if as_json else 1)
        if not as_json:
            _show_profile(out, prof)
        if plot:
            periods = [r["period"] for r in prof["periods"]]
            try:
                p = plot_lines(plot, periods,
                               {f"share {k}": [r["share"][k] for r in prof["periods"]]
                                for k in prof["powers"]}
                               | {"multivectorness": [r["multivectorness"] for r in prof["periods"]]},
                               f"multi-vector profile of {key}", "share / index", ylim=(-0.05, 1.05),
                               counts={f"conflict {k}": [r["conflictual"][k] for r in prof["periods"]]
                                       for k in prof["powers"]})
            except PlotError as exc:
                err.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            err.print(f"chart -> {p}")


def _show_dyad(out, rows, ka, kb, periods, plot, sparkline, plot_lines, series, quiet,
               period) -> None:
    if not quiet:
        t = Table(title=f"relations {ka} – {kb} by {period}")
        for c in ("period", "direction", "events", "q1", "q2", "q3", "q4", "Goldstein",
                  "stances", "polarity", "stance", "trend"):
            t.add_column(c, justify="left" if c in ("period", "direction", "stance", "trend")
                         else "right")
        for r in sorted(rows, key=lambda r: (periods.index(r["period"]), r["a"] != ka)):
            t.add_row(r["period"], f"{r['a']}→{r['b']}", str(r["n_events"]), str(r["quad1"]),
                      str(r["quad2"]), str(r["quad3"]), str(r["quad4"]), _fmt(r["mean_goldstein"], 1),
                      str(r["n_stances"]), _fmt(r["mean_polarity"]), r["stance_label"] or "–",
                      r["trend"] or "–")
        out.print(t)
        for x, y in ((ka, kb), (kb, ka)):
            d = [r for r in rows if r["a"] == x]
            if d:
                out.print(f"tone {x}→{y}  {sparkline(series(d, 'tone', periods))}  "
                          f"({periods[0]} … {periods[-1]})")
        ev = sorted((e for r in rows for e in r["evidence"]), key=lambda e: e["kind"])[:6]
        if ev:
            out.print("[bold]evidence[/bold]")
            for e in ev:
                out.print(f"  [{e['kind']}] {e.get('what') or ''} — {(e.get('text') or '')[:160]}"
                          f"  ({e.get('doc_id')}:{e.get('start')})", markup=False)
    if plot:
        ab = [r for r in rows if r["a"] == ka]
        ba = [r for r in rows if r["a"] == kb]
        p = plot_lines(plot, periods, {f"{ka}→{kb}": series(ab, "tone", periods),
                                       f"{kb}→{ka}": series(ba, "tone", periods)},
                       f"{ka} – {kb}", "tone (Goldstein/10, stance polarity)",
                       counts={f"quad {i}": [sum(r[f"quad{i}"] for r in rows if r["period"] == p)
                                             for p in periods] for i in range(1, 5)})
        Console(stderr=True).print(f"chart -> {p}")


def _show_partners(out, rows, ka, periods, plot, top, sparkline, plot_lines, quiet) -> None:
    partners: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for r in rows:
        other = r["b"] if r["a"] == ka else r["a"]
        names[other] = r["b_name"] if r["a"] == ka else r["a_name"]
        partners.setdefault(other, []).append(r)
    ranked = sorted(partners, key=lambda k: -(sum(r["n_events"] + r["n_stances"]
                                                   for r in partners[k])))[:top]
    tone_by: dict[str, list] = {}
    for k in ranked:
        tone_by[k] = [_merge([r for r in partners[k] if r["period"] == p])["tone"]
                      if any(r["period"] == p for r in partners[k]) else None for p in periods]
    if not quiet:
        t = Table(title=f"relations of {ka} ({periods[0]} … {periods[-1]})")
        for c in ("partner", "events", "q1", "q2", "q3", "q4", "Goldstein", "stances",
                  "polarity", "stance", "tone over time"):
            t.add_column(c, justify="left" if c in ("partner", "stance", "tone over time")
                         else "right")
        for k in ranked:
            m = _merge(partners[k])
            label = k if names.get(k) in (None, k) else f"{k} {names[k]}"
            t.add_row(label, str(m["n_events"]), *[str(q) for q in m["quads"]],
                      _fmt(m["mean_goldstein"], 1), str(m["n_stances"]), _fmt(m["mean_polarity"]),
                      m["stance_label"] or "–", sparkline(tone_by[k]))
        out.print(t)
    if plot:
        p = plot_lines(plot, periods, {k: tone_by[k] for k in ranked[:6]}, f"relations of {ka}",
                       "tone (Goldstein/10, stance polarity)")
        Console(stderr=True).print(f"chart -> {p}")


def _show_profile(out, prof: dict) -> None:
    from .plot import sparkline

    keys = list(prof["powers"])
    t = Table(title=f"multi-vector profile of {prof['state']} by {prof['period']}")
    t.add_column("period")
    for k in keys:
        t.add_column(f"{k} share", justify="right")
    t.add_column("multivectorness", justify="right")
    t.add_column("dominant")
    for r in prof["periods"] + [dict(prof["overall"], period="all")]:
        t.add_row(r["period"], *[("–" if r["share"][k] is None else f"{r['share'][k]:.2f}")
                                 + (f" ({_fmt(r['balance'][k], 1)})" if r["balance"][k] is not None else "")
                                 for k in keys],
                  "–" if r["multivectorness"] is None else f"{r['multivectorness']:.2f}",
                  r["dominant"] or "–")
    out.print(t)
    mv = [r["multivectorness"] for r in prof["periods"]]
    if mv:
        out.print(f"multivectorness over time {sparkline(mv, 0.0, 1.0)}   "
                  "(share of cooperative ties; balance in brackets)")
