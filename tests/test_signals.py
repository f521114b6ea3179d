"""Clean interrupts with real signals: Ctrl-C (SIGINT to the whole process group, as a terminal
sends it) and SIGTERM stop `multivector analyze` with one line and exit code 130 / 143, on the
in-process path and on the Dask LocalCluster path; nothing partial is stored, and re-runs
resume until every table equals a clean run's. The signal comes at a random moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from multivector.store.db import Store
from multivector.store.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

PLACES = ["Astana", "Bishkek", "Tashkent", "Dushanbe", "Ashgabat", "Moscow", "Beijing", "Ankara"]
STATES = ["Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan", "Russia",
          "China", "Turkey"]


def write_corpus(folder: Path, n: int = 14) -> None:
    """Short wire-style reports written for this test (no external text)."""
    folder.mkdir()
    for i in range(n):
        a, b = STATES[i % 8], STATES[(i * 3 + 1) % 8]
        place = PLACES[(i + 2) % 8]
        text = (f"Report {i}: {a} and {b} hold talks in {place}\n\n"
                f"Officials from {a} met their counterparts from {b} in {place} on Monday, "
                f"the foreign ministry of {a} said.\n\n"
                f"\"We want more trade and fewer barriers,\" the minister of {b} told reporters. "
                f"{a} accused {b} of delaying a rail project, while {b} praised {a} for its "
                f"help with energy supplies in report number {i}.\n")
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")


def analyze(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "multivector.cli", "analyze", str(corpus),
                             "--db", str(db), "-q", "--batch-size", "2", *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def tables(db: Path) -> dict[str, list[dict]]:
    out = {}
    with Store(db, read_only=True) as s:
        for t in TABLES:
            rows = list(s.rows(t))
            for r in rows:
                r.pop("added_at", None)
                r.pop("at", None)
            out[t] = rows
    return out


def interrupt_and_resume(corpus: Path, db: Path, extra: tuple[str, ...], tries: int,
                         window: tuple[float, float], rng: random.Random) -> None:
    for k in range(tries):
        sig = signal.SIGINT if k % 2 == 0 else signal.SIGTERM
        p = analyze(corpus, db, *extra)
        time.sleep(rng.uniform(*window))
        if p.poll() is None:
            os.killpg(p.pid, sig)  # the whole group, workers included, as a terminal does
        out, err = p.communicate(timeout=300)
        if p.returncode == 0:  # finished before the signal came
            continue
        assert p.returncode == (130 if sig == signal.SIGINT else 143), (out, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert lines == ["interrupted: everything stored so far is kept; run again to resume"], err
    p = analyze(corpus, db, *extra)
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, (out, err)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    base = tmp_path_factory.mktemp("sig")
    corpus = base / "corpus"
    write_corpus(corpus)
    db = base / "clean.duckdb"
    p = analyze(corpus, db, "--workers", "1")
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, (out, err)
    return corpus, tables(db)


def test_interrupts_in_process_resume_to_the_clean_result(clean, tmp_path):
    corpus, want = clean
    db = tmp_path / "x.duckdb"
    interrupt_and_resume(corpus, db, ("--workers", "1"), tries=4, window=(2.0, 9.0),
                         rng=random.Random(os.getpid()))
    got = tables(db)
    for t in TABLES:
        assert got[t] == want[t], t


def test_interrupts_with_dask_workers_resume_to_the_clean_result(clean, tmp_path):
    corpus, want = clean
    db = tmp_path / "d.duckdb"
    interrupt_and_resume(corpus, db, ("--workers", "2"), tries=2, window=(4.0, 20.0),
                         rng=random.Random(os.getpid() + 1))
    got = tables(db)
    for t in TABLES:
        assert got[t] == want[t], t


@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_the_command_starts_is_one_line(tmp_path, sig, code):
    corpus = tmp_path / "c"
    write_corpus(corpus, n=2)
    p = analyze(corpus, tmp_path / "e.duckdb", "--workers", "1")
    # wait until the command line catches SIGTERM (its first statements), then signal it while
    # it is still importing: the run's own handling is not in place yet
    for _ in range(2000):
        status = Path(f"/proc/{p.pid}/status").read_text()
        line = next(ln for ln in status.splitlines() if ln.startswith("SigCgt:"))
        caught = int(line.split()[1], 16)
        if caught & (1 << (signal.SIGTERM - 1)):
            break
        time.sleep(0.005)
    os.killpg(p.pid, sig)
    out, err = p.communicate(timeout=120)
    assert p.returncode == code, err
    assert [ln for ln in err.splitlines() if ln.strip()] == \
        ["interrupted: everything stored so far is kept; run again to resume"]
