"""The HTML pages: the single-page explorer shell, and the server-rendered document view.

The document view is rendered here rather than in the browser so that the one page that shows
untrusted text builds it in one audited place (:mod:`multivector.web.highlight`, everything
escaped) and works without JavaScript. Templates are plain files in ``templates/`` filled with
:class:`string.Template`; every value put into them is escaped first.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import PurePath
from string import Template
from urllib.parse import quote as urlquote

from ..doc import COUNTRY_FROM
from .highlight import document_spans, esc, render_spans


def _read(name: str) -> str:
    """A template's text with the shared page header (``_header.html``) put in at ``$header``:
    every page carries the same navigation, written once."""
    folder = resources.files(__package__).joinpath("templates")
    text = folder.joinpath(name).read_text("utf-8")
    return text.replace("$header\n", folder.joinpath("_header.html").read_text("utf-8"))


@cache
def template(name: str) -> Template:
    return Template(_read(name))


@cache
def shell() -> str:
    """The explorer page (network, actor, dyad, search, documents): routed in the browser."""
    return _read("index.html")


def _actor_link(ref: dict | None) -> str:
    if not ref:
        return "?"
    aid = ref.get("id")
    name = esc(ref.get("name") or aid or "?")
    if not aid:
        return name
    return f'<a href="/actors/{esc(urlquote(aid, safe=""))}">{name}</a>'


IMPLIED = ('<span class="muted implied" title="not named in the text: inferred from the '
           'sentence (docs/events.md)"> (implied)</span>')


def _inferred_country(ref: dict) -> str:
    """A marker for a country the coder inferred (``country_from``: the story's home country,
    the sentence's one country ...) rather than read from the actor or its own words."""
    origin = ref.get("country_from")
    if not origin:
        return ""
    why = COUNTRY_FROM.get(str(origin), str(origin))
    return (f'<span class="muted inferred" title="{esc(f"country inferred: {why}")}">'
            f' ({esc(ref.get("country") or "?")}: {esc(origin)})</span>')


def _refs(refs: list[dict] | None) -> str:
    """Event participants; one no word of the text names (``method: implied``) says so, and
    so does one whose country was inferred (``country_from``), so an analyst never takes an
    inference for something the text said."""
    return ", ".join(_actor_link(r) + (IMPLIED if r.get("method") == "implied" else "")
                     + _inferred_country(r) for r in (refs or [])) or "?"


def _short(text: str | None, n: int = 160) -> str:
    text = " ".join((text or "").split())
    return esc(text if len(text) <= n else text[: n - 1] + "…")


def document_page(doc: dict, evidence: list[tuple[int, int]] | None = None) -> str:
    text = doc.get("text") or ""
    body = render_spans(text, document_spans(doc, evidence))
    meta = [esc(x) for x in (doc.get("date"), doc.get("outlet"), doc.get("author")) if x]
    url = doc.get("url") or ""
    if url.startswith(("http://", "https://")):
        meta.append(f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">original</a>')
    meta.append(f'<span class="muted">source: {esc(doc.get("source"))}</span>')
    did = urlquote(doc["id"], safe="")

    actors = "".join(
        f'<li>{_actor_link(a)} <span class="tag">{esc(a.get("type") or "")}</span></li>'
        for a in doc.get("actors", []))
    quotes = "".join(
        f'<li><a href="#quote-{esc(q.get("id"))}" class="jump">'
        f'{esc((q.get("speaker") or {}).get("name") or q.get("speaker_name") or "unknown")}</a>'
        f' <span class="tag">{esc(q.get("kind"))}</span> “{_short(q.get("text"))}”</li>'
        for q in doc.get("quotes", []))
    events = "".join(
        f'<li><a href="#event-{esc(e.get("id"))}" class="jump tag tag-event">'
        f'{esc(e.get("plover") or "EVENT")}</a> {_refs(e.get("source"))} → {_refs(e.get("target"))}'
        f' <span class="muted">{esc(e.get("trigger") or "")}'
        f'{" · " + esc(e.get("modality")) if e.get("modality") not in (None, "asserted") else ""}'
        f'</span></li>'
        for e in doc.get("events", []))
    stance_items = []
    for s in doc.get("stances", []):
        ranges = ",".join(f'{int(e["start"])}-{int(e["end"])}' for e in s.get("evidence") or []
                          if isinstance(e, dict) and isinstance(e.get("start"), int)
                          and isinstance(e.get("end"), int))
        link = f"/documents/{esc(did)}?hl={ranges}#evidence" if ranges else "#"
        stance_items.append(
            f'<li>{_actor_link(s.get("holder"))} → {_actor_link(s.get("target"))} '
            f'<a class="tag tag-{esc(s.get("label"))}" href="{link}">{esc(s.get("label"))}</a> '
            f'<span class="muted">{esc(s.get("aspect") or "")}</span></li>')

    def section(title: str, items: str, n: int) -> str:
        return (f'<section><h3>{title} <span class="muted">({n})</span></h3>'
                f'<ul class="plain">{items or "<li class=muted>none</li>"}</ul></section>')

    side = (section("Actors", actors, len(doc.get("actors", [])))
            + section("Quotes", quotes, len(doc.get("quotes", [])))
            + section("Events", events, len(doc.get("events", [])))
            + section("Stances", "".join(stance_items), len(stance_items)))
    title = doc.get("title") or "(untitled document)"
    return template("document.html").substitute(
        title=esc(title), meta=" · ".join(meta), body=body, side=side, doc_id=esc(doc["id"]),
        languages=esc(", ".join(doc.get("languages") or [])))


def shown_path(value: str | None, show_paths: bool = False) -> str | None:
    """A file path as responses show it: the file name only (the server's folders are nobody's
    business), unless the server runs with ``--show-paths``. URLs and labels (``api``,
    ``upload:x``) are kept."""
    if not value or show_paths or "://" in value:
        return value
    if "/" in value or "\\" in value:
        return PurePath(value.replace("\\", "/")).name or value
    return value


ERROR_TITLES = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Not allowed",
                413: "Too large", 415: "Unsupported", 421: "Wrong host", 422: "Invalid input",
                503: "Busy"}


def error_page(status: int, message: str) -> str:
    """The HTML page of an error on a page route (the API answers JSON)."""
    title = ERROR_TITLES.get(status, "Error")
    return template("error.html").substitute(status=status, title=esc(title),
                                             message=esc(message))
