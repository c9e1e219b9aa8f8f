"""GET /openapi.json: an OpenAPI 3.1 description of every route, schema and error."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, current_app, jsonify

import cleaner

bp = Blueprint("openapi", __name__)


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(spec(int(current_app.config["CLEANER_BATCH_MAX"])))


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


_ERRORS = {
    "400": "Bad request: invalid JSON, a body that is not UTF-8, a missing field, a field of the wrong type, "
    "an unknown field or query parameter, a body that is not a JSON object, or a batch with more documents "
    "than allowed (CLEANER_BATCH_MAX).",
    "401": "A bearer token is required and was missing or wrong (only when the server sets CLEANER_TOKEN).",
    "405": "Method not allowed on this path.",
    "413": "The body is larger than the limit (CLEANER_MAX_BYTES, 5 MB by default).",
    "415": "Unsupported Content-Type or charset.",
    "422": "Unknown option, profile, rule id or category, an invalid option value, or HTML the extractor "
    "cannot use (binary data, no markup, too large).",
    "500": "Internal error; logged with the request id quoted in the message.",
    "503": "Cleaning took longer than the per-request time limit (CLEANER_TIMEOUT).",
}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: _error(_ERRORS[code]) for code in codes}


@lru_cache(maxsize=1)
def spec(batch_max: int = 100) -> dict[str, Any]:
    from cleaner.options import PROFILES
    from cleaner.rules import CATEGORIES, rule_ids

    selectors = sorted(set(rule_ids()) | set(CATEGORIES))
    str_list = {"type": "array", "items": {"type": "string"}}
    selector_list = {"type": "array", "items": {"type": "string", "enum": selectors}}
    options = {
        "type": "object",
        "description": "Cleaning options (all optional).  An unknown key, profile, rule id or category is a 422.",
        "additionalProperties": False,
        "properties": {
            "profile": {"type": "string", "enum": list(PROFILES)},
            "enable": {**selector_list, "description": "Rule ids or categories to run in addition to the profile's."},
            "disable": {**selector_list, "description": "Rule ids or categories to skip."},
            "phrases": {**str_list, "description": "Extra boilerplate phrases: a line equal to one is removed."},
            "names": {
                **str_list,
                "description": "Extra gazetteer lines: 'Canonical<TAB>type<TAB>variant; variant'.",
            },
            "name_style": {"type": "string", "enum": ["consistent", "canonical"]},
            "foreign_lines": {"type": "string", "enum": ["warn", "remove"]},
            "glossary": {"type": "boolean"},
            "site_templates": {**str_list, "description": "Lines learned as one site's template; removed."},
        },
    }
    text_doc = {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "The article as plain text."},
            "profile": {"type": "string", "enum": list(PROFILES)},
            "options": _ref("Options"),
        },
    }
    html_doc = {
        "type": "object",
        "required": ["html"],
        "additionalProperties": False,
        "properties": {
            "html": {"type": "string", "description": "An HTML page; the article text is extracted first."},
            "profile": {"type": "string", "enum": list(PROFILES)},
            "options": _ref("Options"),
        },
    }
    batch_doc = {
        "type": "object",
        "description": "One document: 'id' (echoed back) and exactly one of 'text' or 'html'.",
        "additionalProperties": False,
        "properties": {
            "id": {"type": ["string", "integer", "null"]},
            "text": {"type": "string"},
            "html": {"type": "string"},
            "profile": {"type": "string", "enum": list(PROFILES)},
            "options": _ref("Options"),
        },
        "oneOf": [{"required": ["text"], "not": {"required": ["html"]}}, {"required": ["html"], "not": {"required": ["text"]}}],
    }
    change = {
        "type": "object",
        "required": ["rule", "category", "start", "end", "before", "after", "reason"],
        "properties": {
            "rule": {"type": "string", "description": "Rule id, e.g. boilerplate.read_more."},
            "category": {"type": "string"},
            "start": {"type": "integer", "minimum": 0, "description": "Offset in the ORIGINAL text."},
            "end": {"type": "integer", "minimum": 0, "description": "End offset (exclusive) in the ORIGINAL text."},
            "before": {"type": "string", "description": "Text the rule saw there."},
            "after": {"type": "string", "description": "Text the rule wrote instead."},
            "reason": {"type": "string"},
        },
    }
    warning = {
        "type": "object",
        "required": ["rule", "message", "start", "end"],
        "properties": {
            "rule": {"type": "string"},
            "message": {"type": "string"},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
        },
    }
    result = {
        "type": "object",
        "required": ["text", "diff", "changes", "warnings", "stats", "language", "metadata"],
        "properties": {
            "text": {"type": "string", "description": "The cleaned text."},
            "diff": {"type": "string", "description": "Unified diff original -> cleaned ('' when unchanged)."},
            "changes": {"type": "array", "items": _ref("Change")},
            "warnings": {"type": "array", "items": _ref("Warning")},
            "stats": {"type": "object", "description": "Counts (chars, lines, changes per rule) and elapsed_ms."},
            "language": {"type": ["string", "null"], "description": "ISO 639-1 code, or null when unsure."},
            "metadata": {"type": "object", "description": "title, dateline, byline... found while cleaning."},
            "profile": {"type": "string"},
        },
    }
    batch_item = {
        "type": "object",
        "required": ["index", "id"],
        "properties": {
            "index": {"type": "integer", "minimum": 0},
            "id": {"type": ["string", "integer", "null"]},
            "result": _ref("CleanResult"),
            "error": {
                "type": "object",
                "required": ["code", "message", "status"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "status": {"type": "integer"}},
            },
        },
    }
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            }
        },
    }
    rule = {
        "type": "object",
        "required": ["id", "category", "purpose"],
        "properties": {
            "id": {"type": "string"},
            "category": {"type": "string"},
            "purpose": {"type": "string"},
            "profiles": {"type": "array", "items": {"type": "string"}},
            "examples": {"type": "array", "items": {"type": "object"}},
            "doc": {"type": ["string", "null"]},
        },
    }
    request_id_header = {
        "X-Request-ID": {"description": "Request id (echoed when the client sent a valid one).", "schema": {"type": "string"}}
    }
    ok_json = lambda schema, description: {  # noqa: E731
        "description": description,
        "headers": request_id_header,
        "content": {"application/json": {"schema": schema}},
    }
    format_param = {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "Answer format; overrides Accept.  json (default), diff (only the unified diff), text (only the text).",
        "schema": {"type": "string", "enum": ["json", "diff", "text"]},
    }
    raw_params = [
        {
            "name": "profile",
            "in": "query",
            "required": False,
            "description": "Profile (a JSON body's own profile wins).",
            "schema": {"type": "string", "enum": list(PROFILES)},
        },
        {
            "name": "enable",
            "in": "query",
            "required": False,
            "description": "A rule id or category to enable; repeatable (a JSON body's options.enable wins).",
            "style": "form",
            "explode": True,
            "schema": selector_list,
        },
        {
            "name": "disable",
            "in": "query",
            "required": False,
            "description": "A rule id or category to disable; repeatable (a JSON body's options.disable wins).",
            "style": "form",
            "explode": True,
            "schema": selector_list,
        },
    ]
    security = [{}, {"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "article-cleaner",
            "version": cleaner.__version__,
            "description": "Clean scraped, machine-translated news article text and explain every change "
            "(rule, span in the original, before, after, reason).  Every error is JSON "
            '{"error": {"code": "...", "message": "..."}}.',
        },
        "paths": {
            "/v1/clean": {
                "post": {
                    "operationId": "clean",
                    "summary": "Clean one article",
                    "security": security,
                    "parameters": [format_param, *raw_params],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": _ref("CleanRequest")},
                            "text/plain": {"schema": {"type": "string"}},
                            "text/html": {"schema": {"type": "string"}},
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The cleaned article; JSON by default, or only the diff "
                            "(?format=diff, Accept: text/x-diff) or only the text (?format=text, Accept: text/plain).",
                            "headers": request_id_header,
                            "content": {
                                "application/json": {"schema": _ref("CleanResult")},
                                "text/x-diff": {"schema": {"type": "string"}},
                                "text/plain": {"schema": {"type": "string"}},
                            },
                        },
                        **_errors("400", "401", "405", "413", "415", "422", "500", "503"),
                    },
                }
            },
            "/v1/clean/batch": {
                "post": {
                    "operationId": "cleanBatch",
                    "summary": "Clean several articles; a bad document gets an inline error",
                    "security": security,
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("BatchRequest")}},
                    },
                    "responses": {
                        "200": ok_json(_ref("BatchResponse"), "One result or inline error per document, in order."),
                        **_errors("400", "401", "405", "413", "415", "422", "500", "503"),
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "operationId": "rules",
                    "summary": "The rule catalogue",
                    "security": security,
                    "responses": {
                        "200": ok_json(
                            {
                                "type": "object",
                                "required": ["rules", "categories", "profiles"],
                                "properties": {
                                    "rules": {"type": "array", "items": _ref("Rule")},
                                    "categories": {"type": "array", "items": {"type": "string"}},
                                    "profiles": {"type": "array", "items": {"type": "string"}},
                                },
                            },
                            "Every rule in chain order, the categories and the profiles.",
                        ),
                        **_errors("401", "405", "500"),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness probe",
                    "responses": {
                        "200": ok_json(
                            {
                                "type": "object",
                                "required": ["status"],
                                "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
                            },
                            "The service is up.",
                        ),
                        **_errors("405", "500"),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": ok_json({"type": "object"}, "The OpenAPI 3.1 description."),
                        **_errors("405", "500"),
                    },
                }
            },
            "/": {
                "get": {
                    "operationId": "page",
                    "summary": "The web page: paste an article, see what was cleaned and why",
                    "responses": {
                        "200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}},
                        **_errors("405", "500"),
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Options": options,
                "CleanRequest": {"oneOf": [text_doc, html_doc]},
                "BatchDocument": batch_doc,
                "BatchRequest": {
                    "type": "object",
                    "required": ["documents"],
                    "additionalProperties": False,
                    "properties": {
                        "documents": {
                            "type": "array",
                            "maxItems": batch_max,
                            "description": "BatchDocument objects.  A document that is not valid is not a request "
                            "error: it is answered in its place in `results` with an inline error.",
                            "items": {
                                "anyOf": [
                                    _ref("BatchDocument"),
                                    {"description": "anything else: answered with an inline error"},
                                ]
                            },
                        },
                        "profile": {"type": "string", "enum": list(PROFILES)},
                        "options": _ref("Options"),
                    },
                },
                "BatchResponse": {
                    "type": "object",
                    "required": ["results", "stats"],
                    "properties": {
                        "results": {"type": "array", "items": _ref("BatchItem")},
                        "stats": {
                            "type": "object",
                            "required": ["documents", "cleaned", "failed"],
                            "properties": {
                                "documents": {"type": "integer"},
                                "cleaned": {"type": "integer"},
                                "failed": {"type": "integer"},
                            },
                        },
                    },
                },
                "BatchItem": batch_item,
                "Change": change,
                "Warning": warning,
                "CleanResult": result,
                "Rule": rule,
                "Error": error,
            },
        },
    }
