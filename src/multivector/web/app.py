"""The FastAPI application: JSON API under ``/api/``, the explorer page, the document view.

Handlers are plain (sync) functions: FastAPI runs them in its thread pool, and each thread reads
through its own DuckDB cursor (see :mod:`multivector.web.database`). Errors in filter values are
422 with the reason; unknown ids are 404.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import logging
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from ..config import Config, load_config
from ..store import browse as queries
from ..store.where import FilterError
from .analyze import AnalysisFailed, AnalyzeError, Analyzer, Busy, Submission
from .assets import CachedStatic, fingerprint_html
from .database import Database
from .highlight import parse_ranges
from .middleware import CommonHeaders, HeadAsGet
from .network import Network
from .pages import document_page, error_page, shell, shown_path
from .security import CSP, CSP_DOCS, BodyLimit, Guard, Settings, require_write, token_needed

log = logging.getLogger(__name__)

API_DESCRIPTION = """Read the multivector database: documents, actors and every record that
points back to them (mentions, quotes, events, stances), the actor network (relations) and a
search box. Lists take `limit` (1-500) and `offset` and return `total`. Dates filter with `from`
and `to` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive). `POST /api/analyze` is enabled only when the
server was started with `--allow-write` (and then needs `Authorization: Bearer TOKEN` when a
token is set or the server listens on a non-loopback address)."""


def _swagger_dir():
    """Swagger UI's files from the `swagger-ui-bundle-v2` package (served locally, no CDN)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = Path(str(swagger_ui_path))  # an installed (unzipped) package: a real directory
    return path if (path / "swagger-ui-bundle.js").is_file() else None


class LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key, value) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


def _json(content) -> Response:
    """JSON without FastAPI's generic encoder: our rows are plain dicts of JSON types, and
    encoding large pages field by field cost more than the query (see docs/web.md)."""
    return Response(json.dumps(content, ensure_ascii=False, separators=(",", ":"),
                               default=str), media_type="application/json")


def fast(endpoint):
    """Decorator for API endpoints returning plain data (keeps the signature for FastAPI)."""
    @functools.wraps(endpoint)
    def wrapper(*args, **kwargs):
        return _json(endpoint(*args, **kwargs))
    return wrapper


def create_app(settings: Settings, db: Database | None = None, pipeline=None,
               config: Config | None = None) -> FastAPI:
    """Build the app for one database. ``db`` and an already loaded ``pipeline`` may be
    passed in (tests; otherwise the pipeline is loaded on the first analyze request, from
    ``config``: the configuration `serve` loaded, default :func:`load_config`)."""
    owned = db is None
    if db is None:
        db = Database(settings.db, allow_write=settings.allow_write, threads=settings.threads)
        db.release_when_idle()  # a read-only server lets `analyze` write between requests

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # the network aggregates take seconds on a large database: compute them before the
        # first visitor asks (requests arriving meanwhile wait for the same computation)
        def warm_all() -> None:
            with db.session():
                network.warm()
                try:
                    queries.warm(db)
                except Exception as exc:  # noqa: BLE001  (not hidden: the request that needs it fails)
                    log.warning("could not precompute lookups: %r", exc)

        warm = threading.Thread(target=warm_all, daemon=True, name="mv-warm")
        warm.start()
        yield
        warm.join(timeout=60)  # never close the database under a running computation
        if owned:
            db.close()

    app = FastAPI(title="multivector", version="1", description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.db = db
    network = Network(db)
    # an actor page runs about ten queries; analysts go back and forth between the network, an
    # actor and its documents, so recent pages are kept (the key includes the data generation)
    actor_pages = LRU(256)
    analyzer = Analyzer(db, settings.max_upload, pipeline=pipeline,
                        config=config if config is not None else load_config(),
                        max_queue=settings.max_queue)
    # innermost first (each add wraps the previous): the body limit sits right around the
    # app, so its 413 is sent before anything reads the body
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload, paths=("/api/analyze",))

    app.add_middleware(CommonHeaders, session=db.session, csp=CSP, csp_docs=CSP_DOCS)

    # outermost last: HEAD -> GET, then the Host/Origin guard, then compression
    # level 5, not Starlette's 9: a page of 50 events (100 KB of JSON) compresses in 0.8 ms
    # instead of 2.3 ms, to 6.3 KB instead of 5.3 KB
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(Guard, settings=settings)
    app.add_middleware(HeadAsGet)

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError):
        return _error(request, 422, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, exc.detail, exc.headers)

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy):
        return JSONResponse({"detail": str(exc)}, status_code=503,
                            headers={"Retry-After": str(exc.retry_after)})

    swagger = _swagger_dir()
    if swagger is not None:  # before /static, which would otherwise match these paths
        app.mount("/static/swagger", StaticFiles(directory=str(swagger)), name="swagger")
    static = resources.files(__package__).joinpath("static")
    app.mount("/static", CachedStatic(directory=str(static)), name="static")

    # ------------------------------------------------------------------ API docs
    @app.get("/docs", include_in_schema=False)
    def api_docs():
        if swagger is None:  # package missing: a plain local list of the endpoints
            return HTMLResponse(fingerprint_html(shell()))
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="multivector API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg")

    # ------------------------------------------------------------------ API
    @app.get("/api/info", tags=["meta"])
    @fast
    def info():
        """What the server allows and how much the database holds."""
        return {"db": shown_path(settings.db, settings.show_paths),
                "allow_write": settings.allow_write,
                "token_required": token_needed(settings), "max_upload": settings.max_upload,
                "counts": queries.stats(db)}

    @app.get("/api/documents", tags=["documents"])
    @fast
    def list_documents(
        q: str | None = Query(None, description="text in title or body"),
        actor: str | None = Query(None, description="documents that mention this actor id"),
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        language: str | None = Query(None, description="ISO 639-1 code"),
        type: str | None = Query(None, description="genre: interview, opinion, ..."),
        outlet: str | None = None,
        limit: int = 50, offset: int = 0,
    ):
        page = queries.documents(db, q=q, actor=actor, date_from=date_from, date_to=date_to,
                                 language=language, type=type, outlet=outlet, limit=limit,
                                 offset=offset)
        for d in page["items"]:
            d["source"] = shown_path(d.get("source"), settings.show_paths)
        return page

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    @fast
    def get_document(doc_id: str):
        """One document with its text and every record pointing into it."""
        doc = queries.document(db, doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        doc["source"] = shown_path(doc.get("source"), settings.show_paths)
        return doc

    @app.get("/api/actors", tags=["actors"])
    @fast
    def list_actors(
        q: str | None = Query(None, description="name, id or alias"),
        type: str | None = Query(None, description="state, igo, person, ..."),
        country: str | None = Query(None, description="ISO 3166 alpha-3"),
        limit: int = 50, offset: int = 0,
    ):
        return queries.actors(db, q=q, type=type, country=country, limit=limit, offset=offset)

    @app.get("/api/actors/{actor_id:path}", tags=["actors"])
    @fast
    def get_actor(actor_id: str, limit: int = Query(20, ge=1, le=500)):
        """An actor with its roles, mentions over time, what it said (quotes it is the speaker
        of), what others say about it (stances with it as target) and its documents: the
        first `limit` of each list with its total (the list endpoints page through the rest)."""
        key = (db.generation, actor_id, limit)
        out = actor_pages.get(key)
        if out is None:
            out = queries.actor(db, actor_id, limit=limit)
            if out is None:
                raise HTTPException(404, "no such actor")
            out["partners"] = network.graph(actor=actor_id, limit=30)["edges"]
            actor_pages.put(key, out)
        return out

    @app.get("/api/mentions", tags=["records"])
    @fast
    def list_mentions(
        actor: str | None = None, document: str | None = None,
        language: str | None = None,
        type: str | None = Query(None, description="method: gazetteer, ner, demonym, ..."),
        q: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        limit: int = 50, offset: int = 0,
    ):
        return queries.mentions(db, actor=actor, document=document, language=language,
                                type=type, q=q, date_from=date_from, date_to=date_to,
                                limit=limit, offset=offset)

    @app.get("/api/quotes", tags=["records"])
    @fast
    def list_quotes(
        actor: str | None = Query(None, description="speaker or mentioned"),
        speaker: str | None = None,
        about: str | None = Query(None, description="quotes mentioning this actor"),
        document: str | None = None,
        type: str | None = Query(None, description="direct, indirect, interview, floating"),
        language: str | None = None, q: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        limit: int = 50, offset: int = 0,
    ):
        return queries.quotes(db, actor=actor, speaker=speaker, about=about, document=document,
                              type=type, language=language, q=q, date_from=date_from,
                              date_to=date_to, limit=limit, offset=offset)

    @app.get("/api/events", tags=["records"])
    @fast
    def list_events(
        actor: str | None = Query(None, description="source or target"),
        a: str | None = Query(None, description="dyad: first actor (with b)"),
        b: str | None = Query(None, description="dyad: second actor (with a)"),
        document: str | None = None,
        type: str | None = Query(None, description="PLOVER category or CAMEO code prefix"),
        modality: str | None = None,
        quad_class: int | None = Query(None, ge=0, le=4),
        language: str | None = None, q: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        order: str = Query("desc", pattern="^(asc|desc)$"),
        rollup: bool = Query(False, description="a state in a dyad also stands for every "
                                                "actor of its country"),
        limit: int = 50, offset: int = 0,
        all_events: bool = Query(False, alias="all", description="also incomplete events "
                                                                 "(no source or no target)"),
    ):
        return queries.events(db, actor=actor, a=a, b=b, document=document, type=type,
                              modality=modality, quad_class=quad_class, language=language, q=q,
                              date_from=date_from, date_to=date_to, order=order, rollup=rollup,
                              limit=limit, offset=offset, all_events=all_events)

    @app.get("/api/stances", tags=["records"])
    @fast
    def list_stances(
        actor: str | None = Query(None, description="holder or target"),
        holder: str | None = None, target: str | None = None,
        a: str | None = None, b: str | None = None,
        document: str | None = None,
        type: str | None = Query(None, description="cooperative, hostile, mixed, neutral"),
        language: str | None = None, q: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        order: str = Query("desc", pattern="^(asc|desc)$"),
        rollup: bool = Query(False, description="a state in a dyad also stands for every "
                                                "actor of its country"),
        limit: int = 50, offset: int = 0,
    ):
        return queries.stances(db, actor=actor, holder=holder, target=target, a=a, b=b,
                               document=document, type=type, language=language, q=q,
                               date_from=date_from, date_to=date_to, order=order,
                               rollup=rollup, limit=limit, offset=offset)

    @app.get("/api/relations", tags=["relations"])
    @fast
    def relations(
        period: str = Query("all", pattern="^(all|month|year)$"),
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        actor: str | None = None,
        types: str | None = Query(None, description="actor types, comma-separated, or "
                                                       "'states' for states and organisations"),
        min_volume: int = 1, limit: int = 300, isolated: int = 40,
        rollup: bool = Query(False, description="relations by country: every actor with a "
                                                "country counts as that country"),
    ):
        """The actor network: nodes and edges with volume and tone (cooperative, hostile,
        mixed, neutral), for a date range; per-period counts with period=month|year. An
        unknown `actor` is 404."""
        if actor and not network.knows(actor):
            raise HTTPException(404, "no such actor")
        return network.graph(period=period, date_from=date_from, date_to=date_to, actor=actor,
                             types=types, min_volume=min_volume, limit=limit, isolated=isolated,
                             rollup=rollup)

    @app.get("/api/search", tags=["search"])
    @fast
    def search(q: str, limit: int = Query(20, ge=1, le=100)):
        return queries.search(db, q, limit=limit)

    @app.post("/api/analyze", tags=["write"], status_code=201,
              dependencies=[Depends(require_write)])
    async def analyze(request: Request):
        """Analyse a text and store it. Send JSON `{"text", "title", "date", "source", "url"}`
        or, for a file, `{"file": BASE64, "filename", "title", "date"}` (txt or html).
        Only `application/json` is accepted (415 otherwise; a cross-site form cannot send it).
        Bodies over the server's limit get 413; analyses run one at a time, and more than
        the queue limit waiting get 503 with Retry-After."""
        sub = await _submission(request)
        try:
            return await run_in_threadpool(analyzer.run, sub)
        except AnalyzeError as exc:
            raise HTTPException(422, str(exc)) from exc
        except AnalysisFailed as exc:
            raise HTTPException(500, f"analysis failed: {exc}") from exc

    # ------------------------------------------------------------------ pages
    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_view(doc_id: str, hl: str | None = None):
        doc = queries.document(db, doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        doc["source"] = shown_path(doc.get("source"), settings.show_paths)
        return HTMLResponse(fingerprint_html(document_page(doc, parse_ranges(hl))))

    page = fingerprint_html(shell())
    for path in ("/", "/actors", "/actors/{rest:path}", "/documents", "/dyad", "/search"):
        app.add_api_route(path, lambda: HTMLResponse(page), methods=["GET"],
                          include_in_schema=False, response_class=HTMLResponse)
    return app


def _error(request: Request, status: int, detail, headers=None) -> Response:
    """JSON for the API and files, an HTML page for every other path (the pages)."""
    if request.url.path.startswith(("/api/", "/openapi", "/static/")):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return HTMLResponse(fingerprint_html(error_page(status, str(detail))), status_code=status,
                        headers=headers)


FIELDS = ("text", "title", "date", "source", "url", "file", "filename")


async def _submission(request: Request) -> Submission:
    """The JSON body of an analyze request (the Guard already refused other content types)."""
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as exc:
        raise HTTPException(422, "body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise HTTPException(422, "JSON body must be an object")
    vals = {k: body.get(k) for k in FIELDS}
    if any(v is not None and not isinstance(v, str) for v in vals.values()):
        raise HTTPException(422, f"{', '.join(FIELDS)} must be strings")
    data = None
    if vals["file"] is not None:
        try:
            data = base64.b64decode(vals["file"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise HTTPException(422, "file: expected base64") from exc
    return Submission(text=vals["text"], data=data, filename=vals["filename"],
                      title=vals["title"] or None, date=vals["date"] or None,
                      source=vals["source"] or None, url=vals["url"] or None)
