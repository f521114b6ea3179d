"""Scale: every core on one machine (``--workers N``), a Dask cluster beyond it (``--dask``).

Batches of cleaned documents go to worker processes that keep one loaded pipeline each; results
come back in batch order, so the database is identical to a one-worker run. With ``--dask`` the
workers write partitioned Parquet (one file per table per batch) that the client loads into
DuckDB one transaction per batch. See docs/scale.md.
"""

from .executor import DaskExecutor, LazyExecutor, ParquetBatch, default_workers, make_parallel_executor

__all__ = ["DaskExecutor", "LazyExecutor", "ParquetBatch", "default_workers",
           "make_parallel_executor"]
