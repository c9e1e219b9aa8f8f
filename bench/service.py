"""Throughput and latency of the HTTP service under load.

    .venv/bin/python bench/service.py                      # start `cleaner serve --workers 2`, 8 clients, 10 s
    .venv/bin/python bench/service.py --url http://127.0.0.1:8000   # an already running server
    .venv/bin/python bench/service.py --json               # one JSON line instead of the table

The article is the first ~5 KB of seed 000 (cut at a line end).  Each of the
`--clients` threads posts it to /v1/clean (JSON in, JSON out) in a closed
loop, on a new connection per request (gunicorn's sync workers close after
each answer).  After `--warmup` seconds, every answer for `--duration`
seconds is counted: requests/s, p50/p90/p99/max latency, non-200 answers,
the cleaning time the library reports itself (`stats.elapsed_ms`), and the
library's whole cost per article measured in-process before the run, which
separates the library's cost from the HTTP stack's (`--path /healthz` gives
the stack's own ceiling).
Target (issue 5, 2 cores): >= 300 req/s, p99 <= 100 ms, zero non-200.
"""
from __future__ import annotations

import argparse
import http.client
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
SEED = ROOT / "seeds" / "000_47498bf9373432ce" / "raw.txt"


def article(size: int) -> str:
    raw = SEED.read_text(encoding="utf-8")
    while len(raw.encode()) < size:
        raw += "\n" + raw
    cut = raw.encode()[:size].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1] or cut


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
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def run(url: str, body: bytes, clients: int, warmup: float, duration: float, path: str = "/v1/clean") -> dict:
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    start = time.monotonic()
    measure_from, measure_to = start + warmup, start + warmup + duration
    lock = threading.Lock()
    latencies: list[float] = []
    server_ms: list[float] = []
    statuses: dict[str, int] = {}

    def client() -> None:
        while True:
            t0 = time.monotonic()
            if t0 >= measure_to:
                return
            try:
                conn = http.client.HTTPConnection(host, port, timeout=30)
                if path == "/v1/clean":
                    conn.request("POST", path, body=body, headers=headers)
                else:
                    conn.request("GET", path)
                response = conn.getresponse()
                data = response.read()
                conn.close()
                status = str(response.status)
            except OSError as exc:
                status, data = type(exc).__name__, b""
            t1 = time.monotonic()
            if measure_from <= t0 and t1 <= measure_to:
                elapsed = None
                if status == "200" and path == "/v1/clean":
                    elapsed = json.loads(data)["stats"].get("elapsed_ms")
                with lock:
                    latencies.append((t1 - t0) * 1000)
                    statuses[status] = statuses.get(status, 0) + 1
                    if elapsed is not None:
                        server_ms.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1) if latencies else float("nan")

    return {
        "requests": len(latencies),
        "req_per_s": round(len(latencies) / duration, 1),
        "p50_ms": pct(50),
        "p90_ms": pct(90),
        "p99_ms": pct(99),
        "max_ms": round(latencies[-1], 1) if latencies else float("nan"),
        "non_200": sum(n for s, n in statuses.items() if s != "200"),
        "statuses": statuses,
        "clean_ms_p50": round(statistics.median(server_ms), 1) if server_ms else None,
    }


def time_library(text: str, rounds: int = 10) -> float:
    """Median milliseconds of `cleaner.clean(text).to_dict()` in this process: the library's whole cost."""
    sys.path.insert(0, str(ROOT))
    import cleaner

    cleaner.clean(text)  # load rules, data and langdetect profiles first
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        cleaner.clean(text).to_dict()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


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
        "--path", default="/v1/clean", choices=("/v1/clean", "/healthz"),
        help="/healthz measures the HTTP stack alone (GET, no cleaning): the ceiling the server could reach",
    )
    args = parser.parse_args()

    text = article(args.bytes)
    body = json.dumps({"text": text}).encode()
    library_ms = time_library(text)
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server(args.workers)
    try:
        result = run(url, body, args.clients, args.warmup, args.duration, args.path)
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    result.update(
        {
            "article_bytes": len(text.encode()),
            "clients": args.clients,
            "workers": args.workers if args.url is None else None,
            "cpus": os.cpu_count(),
            "path": args.path,
            "load_avg_1m": round(os.getloadavg()[0], 2),
            "library_ms": library_ms,
        }
    )
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{args.path}: article {result['article_bytes']} B, {args.clients} clients, {result['workers']} workers, "
            f"{result['cpus']} CPUs, {args.duration:g} s, load average {result['load_avg_1m']}"
        )
        print(f"  requests/s   {result['req_per_s']}")
        print(f"  latency ms   p50 {result['p50_ms']}  p90 {result['p90_ms']}  p99 {result['p99_ms']}  max {result['max_ms']}")
        print(f"  non-200      {result['non_200']}  {result['statuses']}")
        print(f"  library ms   {library_ms} per article, in this process, one at a time (clean().to_dict()); ceiling "
              f"~{round(1000 / library_ms * (result['workers'] or 1)) if library_ms else '?'} req/s on {result['workers']} workers")
        print(f"  elapsed_ms   p50 {result['clean_ms_p50']} (the library's own stats.elapsed_ms under load)")
        print("  target       >= 300 req/s, p99 <= 100 ms, 0 non-200")
    return 0


if __name__ == "__main__":
    sys.exit(main())
