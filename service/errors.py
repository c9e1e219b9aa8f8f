"""Every error is JSON: `{"error": {"code": "...", "message": "..."}}`.

`ApiError` is raised by the handlers for anticipated client mistakes.  Werkzeug's
HTTP exceptions (404, 405, 413, ...) are translated to the same shape, and any
other exception becomes a JSON 500 that names the request id, with the
traceback in the log only.  Every response carries `X-Request-ID`.
"""
from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("service")

# Short machine codes for Werkzeug's exceptions; anything else is derived from its name.
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
    503: "unavailable",
}

# Query parameters each endpoint accepts (name -> repeatable); any other is a 400.
QUERY_PARAMETERS: dict[str, dict[str, bool]] = {
    "api.clean_one": {"format": False, "profile": False, "enable": True, "disable": True},
}

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class ApiError(Exception):
    """A client mistake with an HTTP status, a stable code and a human message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def request_id() -> str:
    return getattr(g, "request_id", None) or "-"


def init_app(app: Flask) -> None:
    """Register the request-id hooks and the JSON error handlers."""

    @app.before_request
    def _assign_request_id() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex

    @app.before_request
    def _reject_unknown_query_parameters() -> None:
        if not request.query_string or request.endpoint == "static" or request.endpoint is None:
            return
        allowed = QUERY_PARAMETERS.get(request.endpoint, {})
        unknown = sorted(set(request.args) - set(allowed))
        if unknown:
            valid = ", ".join(sorted(allowed)) or "none"
            raise ApiError(400, "unknown_parameter", f"unknown query parameter(s): {', '.join(unknown)}; valid: {valid}")
        for name, repeatable in allowed.items():
            if not repeatable and len(request.args.getlist(name)) > 1:
                raise ApiError(400, "invalid_parameter", f"query parameter {name} is given more than once")

    @app.after_request
    def _tag_response(response: Response) -> Response:
        response.headers["X-Request-ID"] = request_id()
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        code = _HTTP_CODES.get(status) or re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()
        message = _http_message(exc)
        headers: dict[str, str] = {}
        if status == 405 and getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(sorted(exc.valid_methods))
        if status >= 500:
            log.error("request %s: HTTP %s: %s", request_id(), status, message)
        return error_response(status, code, message, headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        rid = request_id()
        log.exception("request %s: unhandled error on %s %s", rid, request.method, request.path)
        return error_response(500, "internal_error", f"internal error; quote request id {rid} when reporting it")


def _http_message(exc: HTTPException) -> Any:
    if exc.code == 413:
        limit = _limit()
        return f"request body is larger than the limit of {limit} bytes" if limit else "request body too large"
    if exc.code == 405:
        return f"method {request.method} is not allowed on {request.path}"
    if exc.code == 404:
        return f"no such resource: {request.path}"
    return exc.description or exc.name


def _limit() -> int | None:
    from flask import current_app

    return current_app.config.get("MAX_CONTENT_LENGTH")
