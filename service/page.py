"""GET /: the web page.  Every asset (CSS, JS) is served by the app itself; no CDN."""
from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, current_app, make_response, render_template

import cleaner

# Assets are the app's own static folder (service/static, served at /static/).
bp = Blueprint("page", __name__, template_folder="templates")

# The page loads nothing from elsewhere; the policy makes that a guarantee.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@bp.get("/")
def index() -> Response:
    response = make_response(
        render_template(
            "index.html",
            categories=_categories(),
            profiles=cleaner.PROFILES,
            version=cleaner.__version__,
            auth=bool(current_app.config.get("CLEANER_TOKEN")),
            max_bytes=int(current_app.config["CLEANER_MAX_BYTES"]),
        )
    )
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@lru_cache(maxsize=1)
def _categories() -> list[dict[str, Any]]:
    """[{name, rules: [{id, purpose, profiles}]}] in chain order, for the category pickers."""
    groups: "OrderedDict[str, list[dict[str, Any]]]" = OrderedDict()
    for rule in cleaner.catalogue():
        groups.setdefault(rule["category"], []).append(
            {"id": rule["id"], "purpose": rule.get("purpose", ""), "profiles": rule.get("profiles", [])}
        )
    return [{"name": name, "rules": rules} for name, rules in groups.items()]
