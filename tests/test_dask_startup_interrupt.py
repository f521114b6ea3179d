"""An interrupt that lands while the Dask LocalCluster is still starting stops the run with the
one-line message and nothing else: no traceback from distributed's atexit hook, which used to
close the half-built cluster at exit and fail an assertion on its workers still starting."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

# The signal is sent from inside the first worker's start-up (on distributed's event-loop
# thread), so it reaches the main thread exactly while the cluster is being built, whatever the
# machine's speed.
SCRIPT = textwrap.dedent("""
    import os, signal, sys

    def main():
        from distributed.nanny import Nanny
        original = Nanny.start_unsafe

        async def start_unsafe(self):
            os.kill(os.getpid(), signal.SIGTERM)
            return await original(self)

        Nanny.start_unsafe = start_unsafe
        from multivector.config import Config
        from multivector.runner import _interrupt_code, on_terminate
        from multivector.scale.executor import DaskExecutor

        on_terminate()
        try:
            executor = DaskExecutor(Config(), workers=2)
        except BaseException as exc:
            print("stopped", _interrupt_code(exc), flush=True)
            sys.exit(143)
        executor.close()
        print("started", flush=True)

    if __name__ == "__main__":
        main()
""")


def test_sigterm_during_cluster_start_leaves_no_traceback(tmp_path):
    script = tmp_path / "start.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    p = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                       timeout=180, start_new_session=True)
    assert p.stdout.strip() == "stopped 143", (p.stdout, p.stderr)
    assert p.returncode == 143
    assert "Traceback" not in p.stderr, p.stderr
    assert "AssertionError" not in p.stderr, p.stderr
