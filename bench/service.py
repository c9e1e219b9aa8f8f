"""Throughput and latency of the HTTP service under load.

    .venv/bin/python bench/service.py                      # start `cleaner serve --workers 2`, 8 clients, 10 s
    .venv/bin/python bench/service.py --url http://127.0.0.1:8000   # an already running server
    .venv/bin/python bench/service.py --path /healthz      # the HTTP stack alone (no cleaning)
    .venv/bin/python bench/service.py --json               # one JSON line instead of the table

The article is the first ~5 KB of seed 000 (cut at a line end); with --distinct,
~5 KB cuts of the 686 gold article bodies of ../shared/benchmarks, in turn.  Each of the
`--clients` threads posts it to /v1/clean (JSON in, JSON out) in a closed
loop.  The load generator shares the machine's cores with the server, so it
is lean: the request bytes are built once, each client keeps its connection
open while the server allows it (HTTP/1.1 keep-alive; it reconnects when the
server answers `Connection: close`) and reads the answer with plain socket
calls.  It still measures every request end to end (send to last byte read)
and counts every answer that is not a complete 200 (status, short body,
reset connection) as non-200.

After `--warmup` seconds, every request for `--duration` seconds is counted:
requests/s, p50/p90/p99/max latency, non-200 answers, the cleaning time the
library reports (`stats.elapsed_ms`), and the CPU time per request of the
server's processes and of this client (Linux /proc; started server only).
Before the run the script measures in-process, without HTTP, the library's
cost per article and the app's overhead around it: the WSGI app's time per
request minus `cleaner.clean`'s (parsing, options, `to_dict`, JSON, Flask).
Target (issue 5, 2 cores): >= 300 req/s, p99 <= 100 ms, zero non-200.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from gold import SHARED, gold_bodies  # noqa: E402
SEED = ROOT / "seeds" / "000_47498bf9373432ce" / "raw.txt"
_ELAPSED = b'"elapsed_ms":'


def article(size: int) -> str:
    raw = SEED.read_text(encoding="utf-8")
    while len(raw.encode()) < size:
        raw += "\n" + raw
    cut = raw.encode()[:size].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1] or cut


def distinct_articles(size: int) -> list[str]:
    """~`size`-byte cuts (at a line end) of the benchmarks' gold article bodies, when present."""
    bodies = gold_bodies()
    cuts = []
    for body in bodies:
        if len(body.encode()) >= size // 2:
            cut = body.encode()[:size].decode("utf-8", "ignore")
            cuts.append(cut[: cut.rfind("\n") + 1] or cut)
    return cuts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_")}
    env["CLEANER_ACCESS_LOG"] = "off"  # the log is not what is measured
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "serve", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


# -- the load generator ------------------------------------------------------
class Connection:
    """One client's HTTP/1.1 connection: send pre-built bytes, read one answer."""

    def __init__(self, host: str, port: int) -> None:
        self.address = (host, port)
        self.sock: socket.socket | None = None
        self.connects = 0

    def exchange(self, request: bytes) -> tuple[int, bytes]:
        """(status, body) of one request; raises OSError on a reset or short answer."""
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connects += 1
        sock = self.sock
        try:
            sock.sendall(request)
            buf = b""
            while (end := buf.find(b"\r\n\r\n")) < 0:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionResetError("connection closed before the headers")
                buf += chunk
            head, body = buf[:end].lower(), buf[end + 4 :]
            status = int(head[9:12])
            length = content_length(head)
            while len(body) < length:
                chunk = sock.recv(max(65536, length - len(body)))
                if not chunk:
                    raise ConnectionResetError("connection closed in the body")
                body += chunk
            if b"\r\nconnection: close" in head or head.startswith(b"http/1.0"):
                self.close()
            return status, body
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def content_length(head: bytes) -> int:
    """The Content-Length of lower-cased response headers; ConnectionError when absent."""
    at = head.find(b"\r\ncontent-length:")
    if at < 0:
        raise ConnectionError("answer without Content-Length")
    end = head.find(b"\r\n", at + 2)
    return int(head[at + 17 : end if end > 0 else None])


def build_request(host: str, port: int, path: str, body: bytes) -> bytes:
    if path == "/healthz":
        return f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def elapsed_ms(body: bytes) -> float | None:
    """stats.elapsed_ms of a /v1/clean answer, found without parsing the whole JSON."""
    at = body.find(_ELAPSED)
    if at < 0:
        return None
    at += len(_ELAPSED)
    end = at
    while end < len(body) and body[end : end + 1] in b" 0123456789.eE+-":
        end += 1
    return float(body[at:end])


def run(url: str, body: bytes | list[bytes], clients: int, warmup: float, duration: float, path: str = "/v1/clean",
        server_pid: int | None = None) -> dict:
    """`body` may be a list: each client then sends them in turn (from its own offset)."""
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    requests = [build_request(host, port, path, b) for b in (body if isinstance(body, list) else [body])]
    request = requests[0]
    start = time.monotonic()
    measure_from, measure_to = start + warmup, start + warmup + duration
    lock = threading.Lock()
    latencies: list[float] = []
    server_ms: list[float] = []
    statuses: dict[str, int] = {}
    connections = [Connection(host, port) for _ in range(clients)]

    # The first answer is checked in full: a 200 that is not the expected JSON is a failure.
    status, first = connections[0].exchange(request)
    if status != 200 or (path == "/v1/clean" and "text" not in json.loads(first)):
        raise SystemExit(f"unexpected first answer {status}: {first[:300]!r}")

    def client(conn: Connection, offset: int) -> None:
        mine: list[tuple[float, str, float | None]] = []
        clock = time.monotonic
        sent = offset
        while True:
            t0 = clock()
            if t0 >= measure_to:
                break
            sent += 1
            try:
                code, data = conn.exchange(requests[sent % len(requests)])
                status = str(code)
            except OSError as exc:
                status, data = type(exc).__name__, b""
            t1 = clock()
            if measure_from <= t0 and t1 <= measure_to:
                mine.append((t1 - t0, status, elapsed_ms(data) if status == "200" and path != "/healthz" else None))
        conn.close()
        with lock:
            for latency, status, elapsed in mine:
                latencies.append(latency * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                if elapsed is not None:
                    server_ms.append(elapsed)

    cpu: dict[str, float] = {}

    def sample_cpu() -> None:
        time.sleep(max(0.0, measure_from - time.monotonic()))
        before = (process_tree_cpu(server_pid), time.process_time())
        time.sleep(max(0.0, measure_to - time.monotonic()))
        after = (process_tree_cpu(server_pid), time.process_time())
        cpu["server"] = after[0] - before[0] if before[0] is not None and after[0] is not None else float("nan")
        cpu["client"] = after[1] - before[1]

    spread = max(1, len(requests) // max(1, len(connections)))
    threads = [threading.Thread(target=client, args=(c, i * spread)) for i, c in enumerate(connections)]
    threads.append(threading.Thread(target=sample_cpu))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    n = len(latencies)

    def pct(p: float) -> float:
        return round(latencies[min(n - 1, int(p / 100 * n))], 1) if latencies else float("nan")

    def per_request(seconds: float | None) -> float | None:
        if not n or seconds is None or seconds != seconds:  # no requests, no figure, NaN
            return None
        return round(seconds * 1000 / n, 2)

    return {
        "requests": n,
        "req_per_s": round(n / duration, 1),
        "p50_ms": pct(50),
        "p90_ms": pct(90),
        "p99_ms": pct(99),
        "max_ms": round(latencies[-1], 1) if latencies else float("nan"),
        "non_200": sum(k for s, k in statuses.items() if s != "200"),
        "statuses": statuses,
        "connections": sum(c.connects for c in connections),
        "clean_ms_p50": round(statistics.median(server_ms), 1) if server_ms else None,
        "server_cpu_ms_per_request": per_request(cpu.get("server")) if server_pid else None,
        "client_cpu_ms_per_request": per_request(cpu.get("client")),
    }


def process_tree_cpu(pid: int | None) -> float | None:
    """User + system CPU seconds of `pid` and its children (Linux /proc), or None."""
    if pid is None:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    try:
        while todo:
            p = todo.pop()
            with open(f"/proc/{p}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            with open(f"/proc/{p}/task/{p}/children", "rb") as f:
                todo.extend(int(c) for c in f.read().split())
    except (OSError, ValueError, IndexError):
        return None
    return total


# -- in-process figures ------------------------------------------------------
def time_in_process(text: str, rounds: int = 40) -> dict:
    """Median CPU ms of `cleaner.clean` alone, and of the app's work around it, without HTTP.

    The app is called as a WSGI callable with a pre-built environ; `cleaner.clean`
    is wrapped to time it, so `overhead_ms` is everything the service adds:
    reading and validating the body, building options, `to_dict` (with the
    diff), JSON encoding and Flask's request handling.
    """
    sys.path.insert(0, str(ROOT))
    import cleaner
    from service import api, create_app

    app = create_app({"CLEANER_WARM": True, "CLEANER_TIMEOUT": 30.0})
    body = json.dumps({"text": text}).encode()
    clean_times: list[float] = []
    real_clean = cleaner.clean

    def timed_clean(*args, **kwargs):
        t0 = time.process_time()
        try:
            return real_clean(*args, **kwargs)
        finally:
            clean_times.append(time.process_time() - t0)

    def start_response(status: str, headers: list, exc_info=None) -> None:
        if not status.startswith("200"):
            raise SystemExit(f"in-process request failed: {status}")

    totals: list[float] = []
    api.cleaner.clean = timed_clean  # type: ignore[attr-defined]
    try:
        for _ in range(rounds + 3):
            environ = {
                "REQUEST_METHOD": "POST", "PATH_INFO": "/v1/clean", "QUERY_STRING": "", "SERVER_NAME": "bench",
                "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "CONTENT_TYPE": "application/json",
                "CONTENT_LENGTH": str(len(body)), "HTTP_ACCEPT": "application/json", "wsgi.input": io.BytesIO(body),
                "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr, "wsgi.multithread": False,
                "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
            }
            t0 = time.process_time()
            b"".join(app(environ, start_response))
            totals.append(time.process_time() - t0)
    finally:
        api.cleaner.clean = real_clean  # type: ignore[attr-defined]
    totals, clean_times = totals[3:], clean_times[3:]
    return {
        "library_ms": round(statistics.median(clean_times) * 1000, 2),
        "overhead_ms": round(statistics.median(t - c for t, c in zip(totals, clean_times)) * 1000, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="benchmark a running server instead of starting one")
    parser.add_argument("--workers", type=int, default=2, help="workers of the server started here (default 2)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--bytes", type=int, default=5 * 1024, help="article size in bytes (default 5120)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring (default 2)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--distinct", action="store_true",
        help="send ~5 KB cuts of the 686 gold article bodies of ../shared/benchmarks in turn instead of one "
        "article: the library's per-line caches then rarely hit (the one-article figure flatters them)",
    )
    parser.add_argument(
        "--path", default="/v1/clean", choices=("/v1/clean", "/healthz"),
        help="/healthz measures the HTTP stack alone (GET, no cleaning): the ceiling the server could reach",
    )
    args = parser.parse_args()

    text = article(args.bytes)
    body: bytes | list[bytes] = json.dumps({"text": text}).encode()
    if args.distinct:
        cuts = distinct_articles(args.bytes)
        if not cuts:
            print(f"--distinct: {SHARED} is absent; measuring the one seed article")
        else:
            body = [json.dumps({"text": cut}).encode() for cut in cuts]
    local = time_in_process(text)
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server(args.workers)
    try:
        result = run(url, body, args.clients, args.warmup, args.duration, args.path, proc.pid if proc else None)
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    result.update(local)
    result.update(
        {
            "article_bytes": len(text.encode()),
            "distinct_articles": len(body) if isinstance(body, list) else 1,
            "clients": args.clients,
            "workers": args.workers if args.url is None else None,
            "cpus": os.cpu_count(),
            "path": args.path,
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
    )
    if args.json:
        print(json.dumps(result))
        return 0
    r = result
    print(
        f"{args.path}: "
        + (f"{r['distinct_articles']} distinct articles of <= {args.bytes} B in turn" if r["distinct_articles"] > 1
           else f"article {r['article_bytes']} B")
        + f", {args.clients} clients, {r['workers']} workers, "
        f"{r['cpus']} CPUs, {args.duration:g} s, load average {r['load_avg_1m']}"
    )
    print(f"  requests/s   {r['req_per_s']}  ({r['requests']} requests on {r['connections']} connections)")
    print(f"  latency ms   p50 {r['p50_ms']}  p90 {r['p90_ms']}  p99 {r['p99_ms']}  max {r['max_ms']}")
    print(f"  non-200      {r['non_200']}  {r['statuses']}")
    print(f"  CPU ms/req   server {r['server_cpu_ms_per_request']}  client {r['client_cpu_ms_per_request']}")
    print(f"  in-process   clean() {r['library_ms']} ms CPU per article; the app around it {r['overhead_ms']} ms")
    print(f"  elapsed_ms   p50 {r['clean_ms_p50']} (the library's own stats.elapsed_ms, wall clock under load)")
    print("  target       >= 300 req/s, p99 <= 100 ms, 0 non-200")
    return 0


if __name__ == "__main__":
    sys.exit(main())
