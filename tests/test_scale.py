"""Scale: several workers and a Dask cluster store exactly what one worker stores; re-runs are
incremental; Parquet batches load with the same rules as ``Store.write``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from multivector.config import Config
from multivector.runner import run_analyze
from multivector.store.db import Store
from multivector.store.schema import TABLES

# Short documents in the domain's style, written for these tests.
ARTICLES = [
    ("Tashkent talks", "TASHKENT, 3 March 2025 - Uzbekistan and China signed a loan agreement "
     "for a new railway on Monday, the foreign ministry said.\n\n"
     "\"This line will link our markets to the sea,\" Foreign Minister Bakhtiyor Saidov told "
     "reporters. Russia criticised the deal as a threat to regional security."),
    ("Astana summit", "Kazakhstan hosted leaders of the Turkic states in Astana on Friday.\n\n"
     "President Kassym-Jomart Tokayev said the group would deepen trade and transport ties. "
     "Turkey promised to invest in pipelines across the Caspian Sea."),
    ("Migrants", "Kyrgyzstan asked Moscow to ease rules for labour migrants after new checks "
     "at the border.\n\nOfficials in Bishkek warned that remittances could fall sharply. "
     "The Russian interior ministry denied any change of policy."),
    ("Sanctions", "Washington warned Kazakh banks against helping Russia evade sanctions.\n\n"
     "A US Treasury official said the department would monitor transfers closely. "
     "Kazakhstan pledged to comply and rejected claims that it was a loophole."),
    ("Dushanbe", "Tajikistan and Russia held joint military exercises near the Afghan border "
     "this week.\n\nThe defence ministry in Dushanbe said 2,000 troops took part. "
     "China sent observers, according to state media."),
    ("Lectures", "Opinion: Washington keeps lecturing Central Asian capitals on democracy.\n\n"
     "Such lectures push the region towards Beijing, the columnist argued. "
     "Moscow, meanwhile, offers security without conditions."),
    ("Gas", "Turkmenistan agreed to supply more gas to China under a deal signed in Ashgabat.\n\n"
     "The state energy company said deliveries would rise next year. "
     "Analysts expect Russia to lose market share in the region."),
]


def write_corpus(folder: Path, articles=ARTICLES, prefix: str = "a") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (title, text) in enumerate(articles):
        (folder / f"{prefix}{i:03d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return folder


def analyse(folder: Path, db: Path, config: Config, **kw) -> int:
    quiet = Console(file=open("/dev/null", "w"))
    return run_analyze([str(folder)], db=str(db), config=config, quiet=True, console=quiet,
                       out=quiet, **kw)


def dump(db: Path) -> dict[str, list[str]]:
    """Every table as sorted JSON rows, without the load timestamp."""
    out = {}
    with Store(db, read_only=True) as s:
        for table in TABLES:
            rows = []
            for r in s.rows(table):
                r.pop("added_at", None)
                rows.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
            out[table] = sorted(rows)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def one_worker_db(corpus, tmp_path_factory, pipeline) -> Path:
    db = tmp_path_factory.mktemp("w1") / "w1.duckdb"
    assert analyse(corpus, db, Config(batch_size=2), workers=1) == 0
    return db


@pytest.mark.slow
def test_two_workers_store_what_one_worker_stores(corpus, one_worker_db, tmp_path):
    db = tmp_path / "w2.duckdb"
    assert analyse(corpus, db, Config(batch_size=2), workers=2) == 0
    expected, got = dump(one_worker_db), dump(db)
    assert len(expected["documents"]) == len(ARTICLES)
    assert sum(len(v) for v in expected.values()) > 3 * len(ARTICLES)
    for table in TABLES:
        assert got[table] == expected[table], table


@pytest.mark.slow
def test_dask_local_cluster_parquet_matches_local_run(corpus, one_worker_db, tmp_path,
                                                     monkeypatch):
    from multivector.scale import executor

    # behave as on a real cluster without a shared file system: the client fetches every
    # Parquet file from the worker that wrote it
    monkeypatch.setattr(executor, "_visible", lambda path: False)
    db = tmp_path / "dask.duckdb"
    keep = tmp_path / "parts"
    cfg = Config(batch_size=2, parquet_dir=str(keep))
    assert analyse(corpus, db, cfg, workers=2, dask="local") == 0
    expected, got = dump(one_worker_db), dump(db)
    for table in TABLES:
        assert got[table] == expected[table], table
    # one Parquet file per batch per table, kept because parquet_dir was given
    files = sorted(p.name for p in keep.rglob("documents-*.parquet"))
    assert len(files) == (len(ARTICLES) + 1) // 2


def test_parquet_batch_loads_like_write(pipeline, tmp_path):
    """Known documents are skipped, a changed document replaces the old one with its source."""
    from multivector.scale.worker import write_parquet
    from multivector.text.clean import make_document

    def docs(texts):
        documents = [make_document(t, source=src) for src, t in texts]
        out, errors = pipeline.process(documents)
        assert not errors
        return out

    first = [("a.txt", ARTICLES[0][1]), ("b.txt", ARTICLES[1][1])]
    changed = [("a.txt", ARTICLES[0][1]), ("b.txt", ARTICLES[2][1])]  # b.txt was edited
    written, loaded = tmp_path / "write.duckdb", tmp_path / "load.duckdb"
    with Store(written) as w, Store(loaded) as ld:
        for i, texts in enumerate((first, changed)):
            batch = docs(texts)
            n_write = w.write(batch)
            files = write_parquet(batch, tmp_path / "parts", i)
            assert set(files) >= {"documents", "paragraphs", "sentences"}
            assert ld.load_parquet(files) == n_write
        assert n_write == 1  # only the edited document is new the second time
        assert ld.count("documents") == 2
        sources = {r["source"]: r["text"] for r in ld.rows("documents")}
        assert sources["b.txt"].startswith("Kyrgyzstan asked Moscow")
    assert dump(loaded) == dump(written)


def test_rerun_loads_nothing_and_new_files_only_are_processed(tmp_path, nlp, monkeypatch):
    from multivector import pipeline as pipeline_mod

    corpus = write_corpus(tmp_path / "c")
    db = tmp_path / "inc.duckdb"
    cfg = Config(stages=(), batch_size=4)
    seen: list[str] = []
    real = pipeline_mod.Pipeline.process

    def spy(self, documents):
        seen.extend(d.source for d in documents)
        return real(self, documents)

    monkeypatch.setattr(pipeline_mod.Pipeline, "process", spy)
    assert analyse(corpus, db, cfg, workers=1) == 0
    assert len(seen) == len(ARTICLES)

    # nothing new: no pipeline (and so no spaCy model, no cluster) is built at all
    def refuse(*a, **k):
        raise AssertionError("pipeline built although nothing is new")

    monkeypatch.setattr(pipeline_mod.Pipeline, "__init__", refuse)
    assert analyse(corpus, db, cfg) == 0
    monkeypatch.undo()
    monkeypatch.setattr(pipeline_mod.Pipeline, "process", spy)

    # ten new documents: exactly those ten are analysed
    extra = [(f"Note {i}", f"Report number {i}: Kazakhstan and Uzbekistan discussed water "
              f"quotas for the {i}th time in Tashkent.") for i in range(10)]
    write_corpus(corpus, extra, prefix="new")
    seen.clear()
    assert analyse(corpus, db, cfg, workers=1) == 0
    assert sorted(Path(s).name for s in seen) == [f"new{i:03d}.txt" for i in range(10)]
    with Store(db, read_only=True) as s:
        assert s.count("documents") == len(ARTICLES) + 10


def test_single_batch_stays_in_process(tmp_path, nlp, monkeypatch):
    """Default workers = all cores, but one batch of new documents never starts a cluster."""
    from multivector.scale import executor

    def refuse(*a, **k):
        raise AssertionError("cluster started for a single batch")

    monkeypatch.setattr(executor, "DaskExecutor", refuse)
    corpus = write_corpus(tmp_path / "c", ARTICLES[:3])
    assert analyse(corpus, tmp_path / "one.duckdb", Config(stages=())) == 0
    assert executor.default_workers() >= 1
