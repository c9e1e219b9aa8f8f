"""The JSON API: /v1/clean, /v1/clean/batch, /v1/rules and /healthz.

This module only translates HTTP to `cleaner` calls and back: it reads and
validates the body (strictly: a wrong type is a 400, never a guess), builds
`cleaner.Options` (an unknown option, profile or rule id is a 422), cleans
under the per-request time limit and answers in the negotiated format.
"""
from __future__ import annotations

import hmac
import json
import signal
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

from flask import Blueprint, Response, current_app, jsonify, request

import cleaner
from cleaner.options import Options

from .errors import ApiError

bp = Blueprint("api", __name__)

# Body fields of POST /v1/clean (and of each batch document, plus "id").
_CLEAN_FIELDS = ("text", "html", "profile", "options")
_BATCH_FIELDS = ("documents", "profile", "options")
# Option value types, checked before the library sees them (wrong type = 400).
_LIST_OPTIONS = ("enable", "disable", "phrases", "names", "site_templates")
_STR_OPTIONS = ("profile", "name_style", "foreign_lines")
_BOOL_OPTIONS = ("glossary",)
_FORMATS = {"json": "application/json", "diff": "text/x-diff", "text": "text/plain"}
# Accept headers that mean JSON without parsing them (what clients usually send).
_JSON_ACCEPTS = frozenset(("*/*", "application/json", "application/json, */*", "application/json, text/plain, */*"))


# -- auth --------------------------------------------------------------------
@bp.before_request
def _require_token() -> None:
    token = current_app.config.get("CLEANER_TOKEN")
    if not token or not request.path.startswith("/v1/"):
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), str(token).encode()):
        raise ApiError(
            401,
            "unauthorized",
            "a valid bearer token is required (header Authorization: Bearer <token>)",
            {"WWW-Authenticate": 'Bearer realm="article-cleaner"'},
        )


# -- routes ------------------------------------------------------------------
@bp.get("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok", "version": cleaner.__version__})


@bp.get("/v1/rules")
def rules() -> Response:
    return jsonify(_rules_document())


@bp.post("/v1/clean")
def clean_one() -> Response:
    fmt = _output_format()
    kind = _body_kind()
    if kind == "json":
        body = _json_body()
        if not isinstance(body, dict):
            raise ApiError(400, "not_an_object", f"the JSON body must be an object, not {_json_type(body)}")
        # Query options (as for raw bodies) are the defaults; the body's own win.
        query = {"profile": request.args.get("profile"), "options": _query_options()}
        if query["profile"] is not None or query["options"]:
            _options(query["profile"], query["options"])
        text, input_format, opts = _parse_document(body, _CLEAN_FIELDS, shared=query)
    else:
        text, input_format = _text_body(), kind
        opts = _options(request.args.get("profile"), _query_options())
    with _time_limit():
        result = _clean(text, opts, input_format)
    if fmt == "diff":
        return Response(result.diff, mimetype="text/x-diff")
    if fmt == "text":
        return Response(result.text, mimetype="text/plain")
    return jsonify(result.to_dict())


@bp.post("/v1/clean/batch")
def clean_batch() -> Response:
    if _body_kind() != "json":
        raise ApiError(415, "unsupported_media_type", "a batch is a JSON body (Content-Type: application/json)")
    body = _json_body()
    if not isinstance(body, dict):
        raise ApiError(400, "not_an_object", f"the JSON body must be an object, not {_json_type(body)}")
    _reject_unknown(body, _BATCH_FIELDS, "body")
    if "documents" not in body:
        raise ApiError(400, "missing_field", "field 'documents' is required (a list of {id, text|html} objects)")
    documents = body["documents"]
    if not isinstance(documents, list):
        raise ApiError(400, "wrong_type", f"field 'documents' must be an array, not {_json_type(documents)}")
    limit = int(current_app.config["CLEANER_BATCH_MAX"])
    if len(documents) > limit:
        raise ApiError(400, "too_many_documents", f"{len(documents)} documents; the limit per batch is {limit}")
    shared = {
        "profile": _typed(body, "profile", str, "string", optional=True),
        "options": _options_field(body),
    }
    # Validate the shared settings once, so a bad one fails the request, not each document.
    _options(shared["profile"], {})
    _options(None, shared["options"])
    results, failed = [], 0
    with _time_limit():
        for index, doc in enumerate(documents):
            item: dict[str, Any] = {"index": index, "id": None}
            try:
                if not isinstance(doc, dict):
                    raise ApiError(400, "not_an_object", f"document {index} must be an object, not {_json_type(doc)}")
                item["id"] = _document_id(doc)
                text, input_format, opts = _parse_document(doc, _CLEAN_FIELDS + ("id",), shared)
                item["result"] = _clean(text, opts, input_format).to_dict()
            except ApiError as exc:
                failed += 1
                item["error"] = {"code": exc.code, "message": exc.message, "status": exc.status}
            results.append(item)
    return jsonify(
        {"results": results, "stats": {"documents": len(documents), "cleaned": len(documents) - failed, "failed": failed}}
    )


def _clean(text: str, opts: Options, input_format: str) -> cleaner.CleanResult:
    """Clean; HTML the extractor cannot use (binary, no markup, too large) is a 422."""
    if input_format != "html":
        return cleaner.clean(text, options=opts)
    try:
        return cleaner.clean(text, options=opts, input_format="html")
    except ValueError as exc:
        raise ApiError(422, "unusable_html", str(exc)) from None


# -- request reading ---------------------------------------------------------
def _body_kind() -> str:
    """ "json", "text" or "html" from the Content-Type; 415 for anything else."""
    mimetype = request.mimetype
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii"):
        raise ApiError(415, "unsupported_charset", f"charset {charset!r} is not supported; send UTF-8")
    if mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json")):
        return "json"
    if mimetype == "text/plain":
        return "text"
    if mimetype == "text/html":
        return "html"
    shown = mimetype or "none"
    raise ApiError(
        415,
        "unsupported_media_type",
        f"Content-Type {shown!r} is not supported; use application/json, text/plain or text/html",
    )


def _text_body() -> str:
    data = request.get_data(cache=False)  # raises 413 over MAX_CONTENT_LENGTH
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_utf8", f"the body is not valid UTF-8 (byte {exc.start})") from None


def _json_body() -> Any:
    text = _text_body()
    try:
        return json.loads(text)
    except RecursionError:
        raise ApiError(400, "invalid_json", "the JSON body is nested too deeply") from None
    except ValueError as exc:
        raise ApiError(400, "invalid_json", f"the body is not valid JSON: {exc}") from None


def _parse_document(
    body: dict[str, Any], allowed: tuple[str, ...], shared: dict[str, Any]
) -> tuple[str, str, Options]:
    """(text, input_format, options) from a /v1/clean body or a batch document."""
    _reject_unknown(body, allowed, "body" if "id" not in allowed else "document")
    has_text, has_html = "text" in body, "html" in body
    if has_text and has_html:
        raise ApiError(400, "conflicting_fields", "give either 'text' or 'html', not both")
    if not has_text and not has_html:
        raise ApiError(400, "missing_field", "field 'text' (plain text) or 'html' (an HTML page) is required")
    key = "text" if has_text else "html"
    text = _typed(body, key, str, "string")
    _check_unicode(text, key)
    # Precedence, lowest first: shared profile, shared options, own options, own profile.
    options: dict[str, Any] = {}
    if shared.get("profile") is not None:
        options["profile"] = shared["profile"]
    options.update(shared.get("options") or {})
    own = _options_field(body)
    if own:
        _options(None, own)  # every value is checked, even one a later layer would override
        options.update(own)
    profile = _typed(body, "profile", str, "string", optional=True)
    if profile is not None:
        _options(profile, {})
        options["profile"] = profile
    return text, key, _options(None, options)


def _options_field(body: dict[str, Any]) -> dict[str, Any] | None:
    options = _typed(body, "options", dict, "object", optional=True)
    if options is None:
        return None
    for key, value in options.items():
        where = f"options.{key}"
        if key in _LIST_OPTIONS:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                for v in value:
                    _check_unicode(v, where)
            else:
                raise ApiError(400, "wrong_type", f"option '{key}' must be an array of strings, not {_json_type(value)}")
        elif key in _STR_OPTIONS and not isinstance(value, str):
            raise ApiError(400, "wrong_type", f"option '{key}' must be a string, not {_json_type(value)}")
        elif key in _BOOL_OPTIONS and not isinstance(value, bool):
            raise ApiError(400, "wrong_type", f"option '{key}' must be true or false, not {_json_type(value)}")
    return options


def _query_options() -> dict[str, Any]:
    """enable/disable from the query string (each repeatable: ?disable=layout&disable=names)."""
    options: dict[str, Any] = {}
    for key in ("enable", "disable"):
        values = request.args.getlist(key)
        if values:
            options[key] = values
    return options


def _options(profile: str | None, options: dict[str, Any] | None) -> Options:
    if profile is None and not options:
        return _default_options()
    try:
        return Options.build(profile, options or {})
    except (ValueError, TypeError) as exc:
        raise ApiError(422, "invalid_option", str(exc)) from None


def _document_id(doc: dict[str, Any]) -> Any:
    value = doc.get("id")
    if value is None or (isinstance(value, (str, int)) and not isinstance(value, bool)):
        return value
    raise ApiError(400, "wrong_type", f"field 'id' must be a string or an integer, not {_json_type(value)}")


def _typed(body: dict[str, Any], key: str, kind: type, name: str, optional: bool = False) -> Any:
    if key not in body:
        if optional:
            return None
        raise ApiError(400, "missing_field", f"field '{key}' is required")
    value = body[key]
    if not isinstance(value, kind):
        raise ApiError(400, "wrong_type", f"field '{key}' must be a {name}, not {_json_type(value)}")
    return value


def _reject_unknown(body: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise ApiError(
            400, "unknown_field", f"unknown field(s) in the {where}: {', '.join(unknown)}; valid: {', '.join(allowed)}"
        )


def _check_unicode(value: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ApiError(400, "invalid_unicode", f"'{where}' holds a lone surrogate at index {exc.start}") from None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _output_format() -> str:
    """ "json", "diff" or "text": ?format= first, then the Accept header; JSON by default."""
    fmt = request.args.get("format")
    if fmt is not None:
        if fmt not in _FORMATS:
            raise ApiError(400, "invalid_parameter", f"format must be one of {', '.join(_FORMATS)}, not {fmt!r}")
        return fmt
    accept = request.headers.get("Accept")
    if not accept or accept in _JSON_ACCEPTS:
        return "json"
    best = request.accept_mimetypes.best_match(list(_FORMATS.values()), default="application/json")
    return {v: k for k, v in _FORMATS.items()}[best]


# -- time limit --------------------------------------------------------------
class _Timeout(Exception):
    pass


@contextmanager
def _time_limit() -> Iterator[None]:
    """Abort the block after CLEANER_TIMEOUT seconds with a 503 (main thread only: SIGALRM)."""
    seconds = float(current_app.config.get("CLEANER_TIMEOUT") or 0)
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _expire(signum: int, frame: Any) -> None:
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise ApiError(503, "timeout", f"cleaning took longer than the limit of {seconds:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=1)
def _default_options() -> Options:
    """The options of a request that sets none (most of them), validated once."""
    return Options.build(None, {})


@lru_cache(maxsize=1)
def _rules_document() -> dict[str, Any]:
    from cleaner.rules import CATEGORIES

    return {"rules": cleaner.catalogue(), "categories": list(CATEGORIES), "profiles": list(cleaner.PROFILES)}
