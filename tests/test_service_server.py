"""`cleaner serve` for real: gunicorn on a free loopback port, spoken to over HTTP."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SEED_000 = Path(__file__).resolve().parent.parent / "seeds" / "000_47498bf9373432ce" / "raw.txt"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(base URL, process, log path) of `cleaner serve` with 2 workers; stopped with SIGTERM at the end."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_")}
    env.update({"CLEANER_PORT": str(port), "CLEANER_MAX_BYTES": "100000", "PYTHONUNBUFFERED": "1"})
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "serve", "--host", "127.0.0.1", "--workers", "2"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail(f"cleaner serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if http("GET", base + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"cleaner serve did not answer within 60 s:\n{log.read_text()}")
        time.sleep(0.2)
    yield base, proc, log
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def test_real_server_cleans_over_http(server):
    base, _, _ = server
    raw = SEED_000.read_bytes()
    status, headers, body = http("POST", base + "/v1/clean", json.dumps({"text": raw.decode()}).encode(), {"Content-Type": "application/json"})
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    result = json.loads(body)
    assert "Haberin Devamı" not in result["text"]
    assert any(c["rule"] == "boilerplate.read_more" for c in result["changes"])
    assert headers.get("X-Request-ID")

    status, headers, body = http("POST", base + "/v1/clean?format=diff", raw, {"Content-Type": "text/plain; charset=utf-8"})
    assert status == 200 and headers["Content-Type"].startswith("text/x-diff")
    assert b"-Haberin Devam" in body

    status, headers, body = http("POST", base + "/v1/clean", raw, {"Content-Type": "text/plain", "Accept": "text/plain"})
    assert status == 200 and headers["Content-Type"].startswith("text/plain") and "Haberin Devamı" not in body.decode()


def test_real_server_routes_and_errors(server):
    base, _, _ = server
    assert http("GET", base + "/healthz")[0] == 200
    status, _, body = http("GET", base + "/v1/rules")
    assert status == 200 and json.loads(body)["rules"]
    status, _, body = http("GET", base + "/openapi.json")
    assert status == 200 and json.loads(body)["openapi"].startswith("3.1")
    status, headers, body = http("GET", base + "/")
    assert status == 200 and b"article-cleaner" in body and "Content-Security-Policy" in headers
    assert http("GET", base + "/static/app.js")[0] == 200

    cases = [
        ("POST", "/v1/clean", b"{nope", {"Content-Type": "application/json"}, 400),
        ("POST", "/v1/clean", b"\xff\xfe", {"Content-Type": "text/plain"}, 400),
        ("POST", "/v1/clean", b'{"text": "a", "options": {"enable": ["x.y"]}}', {"Content-Type": "application/json"}, 422),
        ("POST", "/v1/clean", b"a", {"Content-Type": "image/png"}, 415),
        ("POST", "/v1/clean", b"x" * 100_001, {"Content-Type": "text/plain"}, 413),
        ("GET", "/v1/clean", None, {}, 405),
        ("GET", "/missing", None, {}, 404),
    ]
    for method, path, data, headers, expected in cases:
        status, answer_headers, body = http(method, base + path, data, headers)
        assert status == expected, (path, status, body)
        assert answer_headers["Content-Type"].startswith("application/json")
        assert set(json.loads(body)["error"]) == {"code", "message"}


def test_real_server_batch(server):
    base, _, _ = server
    docs = {"documents": [{"id": "a", "text": SEED_000.read_text(encoding="utf-8")}, {"id": "b"}]}
    status, _, body = http("POST", base + "/v1/clean/batch", json.dumps(docs).encode(), {"Content-Type": "application/json"})
    out = json.loads(body)
    assert status == 200 and out["stats"] == {"documents": 2, "cleaned": 1, "failed": 1}


def test_zz_graceful_stop_and_access_log(server):
    """Runs last in this module: SIGTERM stops the server cleanly; the access log recorded the requests."""
    base, proc, log = server
    assert http("GET", base + "/healthz", headers={"X-Request-ID": "probe-7"})[0] == 200
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=40) == 0
    text = log.read_text(errors="replace")
    assert '"GET /healthz HTTP/1.1" 200' in text and "rid=probe-7" in text
    assert '"POST /v1/clean HTTP/1.1" 200' in text
    assert "Shutting down" in text or "Handling signal: term" in text
    assert "Traceback" not in text
