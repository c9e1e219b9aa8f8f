"""`cleaner serve`: run the HTTP service and its web page under gunicorn.

Settings come from the flags, else from the environment, else the defaults:

    --host     CLEANER_HOST      127.0.0.1
    --port     CLEANER_PORT      8000
    --workers  CLEANER_WORKERS   number of CPUs
    --timeout  CLEANER_TIMEOUT   30 s per request (JSON 503 past it; the worker is
                                 killed and replaced 5 s later if it still hangs)
    --max-bytes CLEANER_MAX_BYTES  5 MB request body limit (413 above)
               CLEANER_TOKEN     bearer token required on /v1/* (off when unset)
               CLEANER_BATCH_MAX most documents per batch (100)
    --access-log CLEANER_ACCESS_LOG  "-" = standard output (default), a file path, or "off"

The app is preloaded and warmed in the master (every rule and its data,
langdetect's profiles, numpy, trafilatura: `service/warm.py`), so forked sync
workers share it and the first request is as fast as the rest.
SIGTERM or Ctrl-C stops gracefully: requests in flight are finished.
The service package is imported lazily: cleaner never depends on service.
"""
from __future__ import annotations

import argparse
import os
from typing import Any

from . import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the HTTP API and web page (gunicorn)",
        description="Run the HTTP API and the web page under gunicorn. Flags override CLEANER_* environment variables.",
    )
    p.add_argument("--host", help="address to bind (env CLEANER_HOST; default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (env CLEANER_PORT; default 8000)")
    p.add_argument("--workers", type=int, help="worker processes (env CLEANER_WORKERS; default: number of CPUs)")
    p.add_argument("--timeout", type=float, help="per-request time limit in seconds (env CLEANER_TIMEOUT; default 30)")
    p.add_argument("--max-bytes", type=int, help="request body limit in bytes (env CLEANER_MAX_BYTES; default 5242880)")
    p.add_argument("--access-log", help='access log: "-" standard output (default), a file, or "off" (env CLEANER_ACCESS_LOG)')
    p.set_defaults(handler=run)


def settings(args: argparse.Namespace, environ: Any = None) -> dict[str, Any]:
    """The effective server settings: flag, else environment, else default."""
    env = os.environ if environ is None else environ

    def pick(flag: Any, key: str, default: Any, kind: type) -> Any:
        if flag is not None:
            return flag
        raw = env.get(key)
        if raw in (None, ""):
            return default
        try:
            return kind(raw)
        except ValueError:
            raise UsageError(f"environment variable {key}={raw!r} is not a valid {kind.__name__}") from None

    out = {
        "host": pick(args.host, "CLEANER_HOST", "127.0.0.1", str),
        "port": pick(args.port, "CLEANER_PORT", 8000, int),
        "workers": pick(args.workers, "CLEANER_WORKERS", os.cpu_count() or 1, int),
        "timeout": pick(args.timeout, "CLEANER_TIMEOUT", 30.0, float),
        "max_bytes": pick(args.max_bytes, "CLEANER_MAX_BYTES", 5 * 1024 * 1024, int),
        "access_log": pick(args.access_log, "CLEANER_ACCESS_LOG", "-", str),
    }
    if not 0 <= out["port"] <= 65535:
        raise UsageError(f"port {out['port']} is out of range")
    if out["workers"] < 1:
        raise UsageError("--workers must be at least 1")
    if out["timeout"] <= 0:
        raise UsageError("--timeout must be positive")
    if out["max_bytes"] < 1:
        raise UsageError("--max-bytes must be positive")
    return out


def run(args: argparse.Namespace) -> int:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # pragma: no cover - gunicorn is a dependency
        raise UsageError("gunicorn is not installed; pip install gunicorn") from None

    s = settings(args)
    import logging

    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")
    app_config = {"CLEANER_TIMEOUT": s["timeout"], "CLEANER_MAX_BYTES": s["max_bytes"], "CLEANER_WARM": True}
    access_log = None if s["access_log"].lower() in ("off", "none", "") else s["access_log"]
    host = f"[{s['host']}]" if ":" in s["host"] else s["host"]
    options = {
        "bind": f"{host}:{s['port']}",
        "workers": s["workers"],
        # Cleaning is CPU-bound: one request per process, no GIL contention, and
        # the shared accept queue serves requests in arrival order.  Measured
        # (bench/service.py): gthread with keep-alive saves ~0.3 ms CPU a request
        # but pins each connection to one worker, and p99 rose to 2-3x p50.
        "worker_class": "sync",
        "preload_app": True,
        "timeout": int(s["timeout"]) + 5,  # hard stop behind the app's own (soft) limit
        "graceful_timeout": int(s["timeout"]) + 5,
        "keepalive": 2,
        "accesslog": access_log,
        "access_log_format": '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s',
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "article-cleaner",
        "limit_request_line": 8190,
    }

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from service import create_app

            return create_app(app_config)

    _Server().run()
    return 0
