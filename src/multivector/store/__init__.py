"""DuckDB storage: one file, one table per layer, documents keyed by content hash."""

from .db import Store  # noqa: F401
