"""`serve` hands its configuration to the server: the database from the configuration, and the
TOML file, MULTIVECTOR_* variables and --actors overlays to POST /api/analyze (which analyses
as `multivector analyze` would with the same options)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from multivector.cli import app as cli_app
from multivector.web.sample import write_sample_db
from multivector.web.testing import local_client

OVERLAY = (
    "- {id: PER:zarina-qodirova-test, name: Zarina Qodirova, country: UZB,\n"
    "   en: [Zarina Qodirova, Qodirova], roles: ['ambassador UZB 2020-01-01 -']}\n")
TEXT = ("Uzbekistan opens a consulate in Kazan\n\n"
        "Zarina Qodirova met officials of Tatarstan on Tuesday to open the consulate, "
        "which will serve migrant workers from Uzbekistan.")


def served_app(monkeypatch, args: list[str]):
    """The application `multivector serve ARGS` would run (uvicorn is not started)."""
    import uvicorn

    captured = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: captured.update(app=application))
    result = CliRunner().invoke(cli_app, ["serve", "--workers", "1", *args])
    assert result.exit_code == 0, result.output
    return captured["app"]


def test_serve_reads_the_configured_database(tmp_path, monkeypatch):
    db = write_sample_db(tmp_path / "configured.duckdb")
    monkeypatch.setenv("MULTIVECTOR_DB", str(db))
    monkeypatch.chdir(tmp_path)  # no multivector.toml of the developer's
    app = served_app(monkeypatch, [])  # no --db: the configured one
    with local_client(app) as client:
        assert client.get("/api/documents").json()["total"] == 3
    monkeypatch.setenv("MULTIVECTOR_DB", str(tmp_path / "missing.duckdb"))
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code == 2 and "missing.duckdb" in result.output


def test_reading_commands_use_the_configured_database(tmp_path, monkeypatch):
    db = write_sample_db(tmp_path / "configured.duckdb")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "multivector.toml").write_text(f'[multivector]\ndb = "{db}"\n')
    result = CliRunner().invoke(cli_app, ["export", "documents"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 3
    result = CliRunner().invoke(cli_app, ["stats", "--json"])
    assert result.exit_code == 0 and '"documents": 3' in result.output


@pytest.mark.slow
def test_analyze_endpoint_uses_the_actor_overlay_given_to_serve(tmp_path, monkeypatch):
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ids = {}
    for name, extra in (("plain", []), ("overlay", ["--actors", str(overlay)])):
        db = write_sample_db(tmp_path / f"{name}.duckdb")  # the same text has the same id
        app = served_app(monkeypatch, ["--db", str(db), "--allow-write", *extra])
        with local_client(app) as client:
            r = client.post("/api/analyze", json={"text": TEXT})
            assert r.status_code == 201 and r.json()["new"], r.text
            doc = client.get(f"/api/documents/{r.json()['id']}").json()
            ids[name] = {m["actor_id"] for m in doc["mentions"]}
    assert "PER:zarina-qodirova-test" in ids["overlay"]
    assert "PER:zarina-qodirova-test" not in ids["plain"]  # the overlay made the difference


def _nodelay_of_accepted(listener) -> int:
    """TCP_NODELAY of a connection an asyncio server (as uvicorn's workers run it) accepts."""
    import asyncio
    import socket

    async def main() -> int:
        seen: list[int] = []

        async def handle(reader, writer):
            sock = writer.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listener.listen()
        server = await asyncio.start_server(handle, sock=listener)
        port = listener.getsockname()[1]
        _, w = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        w.close()
        server.close()
        return seen[0]

    return asyncio.run(main())


def test_worker_socket_accepts_connections_without_nagle_delay():
    """serve --workers N shares one listening socket; a socket of protocol 0 (uvicorn's own)
    makes asyncio leave Nagle on, and every keep-alive response then waits for a delayed ACK
    (a 48 ms floor per request was measured). Ours is IPPROTO_TCP, so connections get
    TCP_NODELAY."""
    import socket

    from multivector.web.cli import listen_socket

    ours = listen_socket("127.0.0.1", 0)
    assert ours.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted(ours) != 0
    plain = socket.socket(socket.AF_INET)  # what uvicorn's bind_socket() creates
    plain.bind(("127.0.0.1", 0))
    assert _nodelay_of_accepted(plain) == 0


def test_worker_socket_shares_the_port_and_fails_cleanly_when_taken():
    """Each worker of serve --workers N binds its own SO_REUSEPORT socket (the kernel spreads
    connections over them); a port taken by a socket without SO_REUSEPORT makes the worker
    exit as a failed start-up (uvicorn's supervisor then stops rather than restarting it)."""
    import pickle
    import socket
    import sys

    from uvicorn.config import STARTUP_FAILURE

    from multivector.web.cli import WorkerSocket, listen_socket

    if not sys.platform.startswith("linux"):
        pytest.skip("SO_REUSEPORT balancing is Linux's")
    first = listen_socket("127.0.0.1", 0, reuse_port=True)
    port = first.getsockname()[1]
    second = pickle.loads(pickle.dumps(WorkerSocket("127.0.0.1", port)))  # as a worker does
    assert second.getsockname()[1] == port and second.proto == socket.IPPROTO_TCP
    first.close()
    second.close()
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    with pytest.raises(SystemExit) as exc:
        pickle.loads(pickle.dumps(WorkerSocket("127.0.0.1", taken.getsockname()[1])))
    assert exc.value.code == STARTUP_FAILURE
    taken.close()
