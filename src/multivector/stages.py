"""The stage contract: what a stage needs, what it adds, and how the pipeline orders stages.

In the spirit of spaCy's ``Language.factory``: a stage is a ``build(config, nlp)`` function
that returns the per-document callable, registered with :func:`register_stage` together with
the layers it ``requires`` and ``assigns``. The pipeline resolves a requested subset into an
order that satisfies every requirement (``--stages events`` runs ``actors`` and ``quotes`` first
and says so) and refuses an impossible request with a clear :class:`~multivector.errors.ConfigError`.

Built-in stages register exactly the way a plugin does: their modules use the decorator and are
listed in the entry-point group ``multivector.stages`` of this package's metadata; a plugin
package adds its own module to the same group (``[project.entry-points."multivector.stages"]``).
Per-stage settings are a frozen dataclass named in the registration; they are read from the TOML
sub-table ``[multivector.<stage>]`` and from ``MULTIVECTOR_<STAGE>_<FIELD>`` (see ``config``).

The ``segment`` step (paragraphs, languages, sentences, parse) is not a per-document stage (it is
batched over documents for speed) but is listed here too, as the root every stage builds on.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .config import Config
    from .doc import Doc

StageFn = Callable[["Doc"], None]
BuildFn = Callable[["Config", Any], StageFn]

ENTRY_POINT_GROUP = "multivector.stages"
# What the batched segmentation step provides to every stage.
SEGMENT_ASSIGNS = ("paragraphs", "sentences", "parse")
# Built-in stage modules, imported when the entry points of an installed copy are unavailable
# (running from a source tree on PYTHONPATH); they register through the same decorator.
BUILTIN_MODULES = (
    "multivector.actors.stage",
    "multivector.quotes.stage",
    "multivector.events.stage",
    "multivector.stance.stage",
)
DEFAULT_ORDER = ("actors", "quotes", "events", "stances")


@dataclass(frozen=True)
class StageSpec:
    """A registered stage."""

    name: str
    build: BuildFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    settings: type | None = None  # frozen dataclass of the stage's options
    origin: str = ""  # module (and distribution) that registered it
    doc: str = ""  # one line: what the stage does


_REGISTRY: dict[str, StageSpec] = {}
_LOADED = False
_LOAD_LOCK = threading.RLock()  # re-entrant: a stage module may ask for the registry


def register_stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
                   settings: type | None = None) -> Callable[[BuildFn], BuildFn]:
    """Decorator: register ``build(config, nlp) -> callable(doc)`` as stage ``name``."""

    def deco(build: BuildFn) -> BuildFn:
        module = getattr(build, "__module__", "?")
        doc = (build.__doc__ or importlib.import_module(module).__doc__ or "").strip()
        _REGISTRY[name] = StageSpec(name=name, build=build, requires=tuple(requires),
                                    assigns=tuple(assigns), settings=settings, origin=module,
                                    doc=doc.splitlines()[0] if doc else "")
        return build

    return deco


def unregister_stage(name: str) -> None:
    """Remove a stage (tests register toy stages and clean up after themselves)."""
    _REGISTRY.pop(name, None)


def load_stages() -> dict[str, StageSpec]:
    """Every registered stage: built-ins and the ``multivector.stages`` entry points."""
    global _LOADED
    with _LOAD_LOCK:  # a second thread must not see a half-loaded registry
        if not _LOADED:
            _load_all()
            _LOADED = True
    return dict(_REGISTRY)


def _load_all() -> None:
    seen = set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        seen.add(ep.value)
        try:
            ep.load()
        except ImportError as exc:
            raise ConfigError(f"stage plugin {ep.name!r} ({ep.value}) cannot be imported: "
                              f"{exc}") from exc
    for module in BUILTIN_MODULES:
        if module not in seen:
            importlib.import_module(module)


def get_stage(name: str) -> StageSpec:
    stages = load_stages()
    if name not in stages:
        raise ConfigError(f"unknown stage {name!r}; known stages: {', '.join(stages)}")
    return stages[name]


def provider_of(layer: str, stages: dict[str, StageSpec]) -> str | None:
    """The stage that assigns ``layer`` (None for what segmentation provides)."""
    if layer in SEGMENT_ASSIGNS:
        return None
    for spec in stages.values():
        if layer in spec.assigns:
            return spec.name
    raise ConfigError(f"no stage assigns the layer {layer!r}")


def resolve_order(requested: Iterable[str]) -> tuple[list[str], list[str]]:
    """(ordered stage names, names added to satisfy requirements).

    The order follows the requirements (a stage runs after every stage whose layers it
    requires); among independent stages it keeps the default order, then registration order.
    """
    stages = load_stages()
    wanted = [n for n in dict.fromkeys(requested)]
    for n in wanted:
        if n not in stages:
            raise ConfigError(f"unknown stage {n!r}; known stages: {', '.join(stages)}")
    closure: list[str] = []
    visiting: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in closure:
            return
        if name in visiting:
            raise ConfigError("stage requirements form a cycle: " + " -> ".join((*chain, name)))
        visiting.add(name)
        for layer in stages[name].requires:
            dep = provider_of(layer, stages)
            if dep is not None and dep != name:
                visit(dep, (*chain, name))
        visiting.discard(name)
        closure.append(name)

    rank = {n: i for i, n in enumerate([*DEFAULT_ORDER, *stages])}
    for n in sorted(wanted, key=lambda n: rank.get(n, len(rank))):
        visit(n, ())
    added = [n for n in closure if n not in wanted]
    return closure, added
