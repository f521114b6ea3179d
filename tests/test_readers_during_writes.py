"""Readers during writes: `analyze` holds the database file only while it stores a batch, so
`stats` answers and a running `serve` shows the new documents during a run; a reader that
cannot get the file names the process holding it. Real processes on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from multivector.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def mv(*args: str, cwd: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "multivector.cli", *args], cwd=cwd,
                            env={**ENV, **kw.pop("env", {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for i, n in enumerate(names):
        (folder / f"{i:02d}.txt").write_text(
            f"Talks on {n}\n\nKazakhstan and Uzbekistan discussed {n} in Astana on Monday, "
            f"officials said. Russia welcomed the talks on {n}.\n", encoding="utf-8")
    return folder


def test_stats_answers_while_analyze_runs(tmp_path):
    src = corpus(tmp_path / "in", [f"topic {i}" for i in range(10)])
    db = tmp_path / "r.duckdb"
    run = mv("analyze", str(src), "--db", str(db), "-q", "--workers", "1", "--batch-size", "1",
             "--stages", "actors", cwd=tmp_path)
    answered_during_run = 0
    while run.poll() is None:
        if not db.exists():
            time.sleep(0.2)
            continue
        st = mv("stats", "--db", str(db), "--json", cwd=tmp_path)
        out, err = st.communicate(timeout=120)
        assert st.returncode == 0, err
        assert json.loads(out)["documents"] >= 0
        if run.poll() is None:
            answered_during_run += 1
    assert run.returncode == 0, run.communicate()
    assert answered_during_run >= 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def test_serve_shows_documents_stored_while_it_runs(tmp_path):
    db = tmp_path / "s.duckdb"
    first = mv("analyze", str(corpus(tmp_path / "a", ["water", "gas"])), "--db", str(db), "-q",
               "--workers", "1", "--stages", "actors", cwd=tmp_path)
    assert first.wait(timeout=300) == 0
    port = free_port()
    server = mv("serve", "--db", str(db), "--port", str(port), cwd=tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                total = get(f"{base}/api/documents")["total"]
                break
            except OSError:
                time.sleep(0.2)
        assert total == 2
        second = mv("analyze", str(corpus(tmp_path / "b", ["rail", "grain", "power"])),
                    "--db", str(db), "-q", "--workers", "1", "--stages", "actors",
                    cwd=tmp_path)
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err
        for _ in range(50):  # the server reopens the file on the next request
            total = get(f"{base}/api/documents")["total"]
            if total == 5:
                break
            time.sleep(0.2)
        assert total == 5
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_a_locked_database_names_its_holder(tmp_path):
    db = tmp_path / "l.duckdb"
    with Store(db):  # this test process holds the file for writing
        st = mv("stats", "--db", str(db), cwd=tmp_path, env={"MULTIVECTOR_LOCK_WAIT": "0.5"})
        out, err = st.communicate(timeout=120)
    assert st.returncode == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and f"in use by process {os.getpid()}" in lines[0], err
