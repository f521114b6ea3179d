"""Usage errors end with one line on stderr and exit code 2, never a traceback; a closed pipe
is not an error. Real processes, as a user runs them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def mv(*args: str, cwd: Path, env: dict | None = None, timeout: float = 120):
    e = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "multivector.cli", *args], cwd=cwd, env=e,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def work(tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Astana\n\nKazakhstan and Russia signed a deal.\n",
                                    encoding="utf-8")
    return tmp_path


def one_line_error(r, *words: str) -> None:
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in lines[0]


def test_bad_model_stage_value_and_key(work):
    one_line_error(mv("analyze", "a.txt", "-q", "--workers", "1", "--model", "no_such_model",
                      cwd=work), "no_such_model")
    one_line_error(mv("analyze", "a.txt", "-q", "--stages", "actors,nope", cwd=work), "nope")
    one_line_error(mv("analyze", "a.txt", "-q", cwd=work, env={"MULTIVECTOR_MAX_BYTES": "abc"}),
                   "MULTIVECTOR_MAX_BYTES", "abc")
    (work / "multivector.toml").write_text("[multivector]\nbatch_sise = 3\n", encoding="utf-8")
    one_line_error(mv("analyze", "a.txt", "-q", cwd=work), "batch_sise")


def test_truncated_database(work):
    (work / "t.duckdb").write_bytes(b"\x00" * 8 + b"DUCK" + b"\x00" * 3000)
    one_line_error(mv("stats", "--db", "t.duckdb", cwd=work), "t.duckdb")
    one_line_error(mv("analyze", "a.txt", "-q", "--db", "t.duckdb", cwd=work), "t.duckdb")


def test_busy_port_is_a_usage_error(work):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = mv("serve", "--db", "nothing.duckdb", "--port", str(port), cwd=work)
    # no database: that is reported first; with one, the busy port is
    one_line_error(r, "nothing.duckdb")
    assert mv("analyze", "a.txt", "-q", "--workers", "1", "--stages", "actors",
              cwd=work).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = mv("serve", "--port", str(port), cwd=work)
    one_line_error(r, f"127.0.0.1:{port}", "in use")
    assert "http://" not in r.stderr + r.stdout


def test_broken_pipe_is_quiet_success(work):
    assert mv("analyze", "a.txt", "-q", "--workers", "1", "--stages", "actors",
              cwd=work).returncode == 0
    e = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    p = subprocess.Popen([sys.executable, "-m", "multivector.cli", "export", "sentences"],
                         cwd=work, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None
    p.stdout.read(10)
    p.stdout.close()  # the reader goes away, as `| head -c 10` does
    _, err = p.communicate(timeout=60)
    assert p.returncode == 0 and err == b""
