"""The HTTP service: a Flask app that translates HTTP to `cleaner` calls and back.

    app = create_app()                       # defaults, then CLEANER_* environment
    app = create_app({"CLEANER_TOKEN": "s"}) # then explicit overrides (tests)

Blueprints: `api` (/v1/clean, /v1/clean/batch, /v1/rules, /healthz),
`openapi` (/openapi.json) and `page` (/ and its static assets).
"""
from __future__ import annotations

import logging
import os
from typing import Any, Mapping

from flask import Flask

# Defaults; each can be set by the environment variable of the same name.
DEFAULTS: dict[str, Any] = {
    # Largest request body accepted, in bytes (413 above it).
    "CLEANER_MAX_BYTES": 5 * 1024 * 1024,
    # Most documents in one /v1/clean/batch request (400 "too_many_documents" above it).
    "CLEANER_BATCH_MAX": 100,
    # Per-request time limit for cleaning, seconds (503 "timeout" when exceeded;
    # enforced in-process on the main thread, i.e. under sync workers).  0 = none.
    "CLEANER_TIMEOUT": 30.0,
    # Bearer token required on /v1/* when set; off by default.
    "CLEANER_TOKEN": None,
    # Run every rule on samples at start-up so the first request does not pay for
    # loading data, langdetect profiles, numpy, trafilatura (`cleaner serve` turns it on).
    "CLEANER_WARM": False,
}

_TYPES = {"CLEANER_MAX_BYTES": int, "CLEANER_BATCH_MAX": int, "CLEANER_TIMEOUT": float, "CLEANER_WARM": bool}


def settings_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The CLEANER_* settings present in `environ`, converted; ValueError on a bad value."""
    environ = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for key in DEFAULTS:
        raw = environ.get(key)
        if raw is None or raw == "":
            continue
        kind = _TYPES.get(key, str)
        if kind is bool:
            out[key] = raw.strip().lower() in ("1", "true", "yes", "on")
            continue
        try:
            out[key] = kind(raw)
        except ValueError:
            raise ValueError(f"environment variable {key}={raw!r} is not a valid {kind.__name__}") from None
    return out


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: defaults, then CLEANER_* environment, then `config`."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(settings_from_env())
    if config:
        app.config.update(config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["CLEANER_MAX_BYTES"])

    from . import api, errors, openapi, page
    from .json_provider import OrjsonProvider

    app.json = OrjsonProvider(app)  # compact UTF-8 JSON, ~15x faster than the stdlib's

    errors.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(page.bp)

    if app.config["CLEANER_WARM"]:
        from .warm import warm

        try:
            warm()
        except Exception:  # the app still starts; each request reports the fault as JSON 500
            logging.getLogger("service").exception("warm-up failed")
    return app

