"""The HTTP service through Flask's test client: every route and every error path."""
from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import pytest

import cleaner

SEED_000 = (Path(__file__).resolve().parent.parent / "seeds" / "000_47498bf9373432ce" / "raw.txt").read_text(
    encoding="utf-8"
)
SHORT = "Talks resumed on Tuesday in the capital.\nHaberin Devamı\nBoth sides agreed to meet again next week.\n"
RESULT_KEYS = {"text", "diff", "changes", "warnings", "stats", "language", "metadata"}
CHANGE_KEYS = {"rule", "category", "start", "end", "before", "after", "reason"}


def error_of(response, status: int, code: str | None = None) -> dict:
    """Assert a JSON error answer with `status` (and `code`); return its error object."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


# -- POST /v1/clean: success ---------------------------------------------------
def test_clean_json_text_returns_the_full_result(client):
    r = client.post("/v1/clean", json={"text": SEED_000})
    assert r.status_code == 200
    assert r.mimetype == "application/json"
    body = r.get_json()
    assert set(body) >= RESULT_KEYS
    assert body == json.loads(json.dumps(cleaner.clean(SEED_000).to_dict() | {"stats": body["stats"]}))
    assert "Haberin Devamı" not in body["text"]
    assert body["diff"].startswith("--- a/")
    assert body["changes"] and all(set(c) == CHANGE_KEYS for c in body["changes"])
    read_more = [c for c in body["changes"] if c["rule"] == "boilerplate.read_more"]
    assert read_more and all(SEED_000[c["start"] : c["end"]] == c["before"] for c in read_more)


def test_clean_json_html(client):
    page = (
        "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume in the capital</h1>"
        + "<p>Negotiators from both sides met on Tuesday and agreed to continue the talks next week, officials said.</p>" * 4
        + "</article></body></html>"
    )
    r = client.post("/v1/clean", json={"html": page})
    assert r.status_code == 200
    body = r.get_json()
    assert "<p>" not in body["text"] and "Negotiators" in body["text"]


def test_clean_json_with_profile_and_options(client):
    r = client.post("/v1/clean", json={"text": SHORT, "profile": "conservative", "options": {"disable": ["boilerplate"]}})
    assert r.status_code == 200
    body = r.get_json()
    assert body["profile"] == "conservative"
    assert "Haberin Devamı" in body["text"]
    r = client.post("/v1/clean", json={"text": SHORT, "options": {"disable": ["boilerplate.read_more"], "glossary": True}})
    assert r.status_code == 200 and "Haberin Devamı" in r.get_json()["text"]


def test_clean_raw_text_and_html_bodies(client):
    r = client.post("/v1/clean", data=SHORT.encode(), content_type="text/plain; charset=utf-8")
    assert r.status_code == 200 and "Haberin" not in r.get_json()["text"]
    r = client.post("/v1/clean?disable=boilerplate&disable=names&profile=aggressive", data=SHORT, content_type="text/plain")
    body = r.get_json()
    assert body["profile"] == "aggressive" and "Haberin Devamı" in body["text"]
    r = client.post("/v1/clean", data="<html><body><p>" + "A sentence of the article. " * 20 + "</p></body></html>", content_type="text/html")
    assert r.status_code == 200 and "<p>" not in r.get_json()["text"]


@pytest.mark.parametrize(
    "query, headers, mimetype",
    [
        ("?format=diff", {}, "text/x-diff"),
        ("", {"Accept": "text/x-diff"}, "text/x-diff"),
        ("?format=text", {}, "text/plain"),
        ("", {"Accept": "text/plain"}, "text/plain"),
        ("", {"Accept": "application/json"}, "application/json"),
        ("", {"Accept": "*/*"}, "application/json"),
        ("?format=json", {"Accept": "text/plain"}, "application/json"),
        ("?format=diff", {"Accept": "text/plain"}, "text/x-diff"),
    ],
)
def test_output_negotiation(client, query, headers, mimetype):
    r = client.post("/v1/clean" + query, json={"text": SHORT}, headers=headers)
    assert r.status_code == 200
    assert r.mimetype == mimetype
    expected = cleaner.clean(SHORT)
    if mimetype == "text/x-diff":
        assert r.get_data(as_text=True) == expected.diff and "-Haberin Devamı" in expected.diff
    elif mimetype == "text/plain":
        assert r.get_data(as_text=True) == expected.text


def test_unchanged_article_has_empty_diff(client):
    text = "A clean article.\n\nIt has two paragraphs.\n"
    r = client.post("/v1/clean", json={"text": text})
    assert r.status_code == 200
    assert r.get_json()["diff"] == "" and r.get_json()["text"] == text


# -- POST /v1/clean: 400 -------------------------------------------------------
@pytest.mark.parametrize(
    "data, code",
    [
        (b"{not json", "invalid_json"),
        (b"", "invalid_json"),
        (b'{"text": "a",}', "invalid_json"),
        (b"[" * 30_000 + b"]" * 30_000, "invalid_json"),
        (b'{"text": "caf\xe9"}', "invalid_utf8"),
        (b"\xff\xfe{}", "invalid_utf8"),
        (b"[1, 2]", "not_an_object"),
        (b'"text"', "not_an_object"),
        (b"null", "not_an_object"),
        (b"42", "not_an_object"),
        (b"{}", "missing_field"),
        (b'{"options": {}}', "missing_field"),
        (b'{"text": 1}', "wrong_type"),
        (b'{"text": null}', "wrong_type"),
        (b'{"html": ["<p>"]}', "wrong_type"),
        (b'{"text": "a", "options": []}', "wrong_type"),
        (b'{"text": "a", "options": "aggressive"}', "wrong_type"),
        (b'{"text": "a", "profile": 3}', "wrong_type"),
        (b'{"text": "a", "profile": null}', "wrong_type"),
        (b'{"text": "a", "options": null}', "wrong_type"),
        (b'{"text": "a", "options": {"enable": 5}}', "wrong_type"),
        (b'{"text": "a", "options": {"disable": "boilerplate"}}', "wrong_type"),
        (b'{"text": "a", "options": {"disable": [1]}}', "wrong_type"),
        (b'{"text": "a", "options": {"glossary": "yes"}}', "wrong_type"),
        (b'{"text": "a", "options": {"name_style": 1}}', "wrong_type"),
        (b'{"text": "a", "html": "b"}', "conflicting_fields"),
        (b'{"text": "a", "colour": "red"}', "unknown_field"),
        (b'{"text": "a\\ud800b"}', "invalid_unicode"),
        (b'{"text": "a", "options": {"phrases": ["\\udfff"]}}', "invalid_unicode"),
    ],
)
def test_bad_json_bodies_are_400(client, data, code):
    error_of(client.post("/v1/clean", data=data, content_type="application/json"), 400, code)


def test_raw_body_not_utf8_is_400(client):
    error_of(client.post("/v1/clean", data=b"caf\xe9 au lait", content_type="text/plain"), 400, "invalid_utf8")


def test_bad_format_parameter_is_400(client):
    error_of(client.post("/v1/clean?format=pdf", json={"text": "a"}), 400, "invalid_parameter")
    error_of(client.post("/v1/clean?format=text&format=diff", json={"text": "a"}), 400, "invalid_parameter")


@pytest.mark.parametrize("url", ["/v1/clean?colour=red", "/v1/rules?x=1", "/healthz?verbose=1", "/?a=b"])
def test_unknown_query_parameter_is_400(client, url):
    method = client.post if url.startswith("/v1/clean") else client.get
    error_of(method(url, json={"text": "a"}) if method == client.post else method(url), 400, "unknown_parameter")


# -- 422 -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        {"text": "a", "options": {"colour": "red"}},
        {"text": "a", "options": {"enable": ["boilerplate.no_such_rule"]}},
        {"text": "a", "options": {"disable": ["nonsense"]}},
        {"text": "a", "profile": "extreme"},
        {"text": "a", "options": {"profile": "extreme"}},
        {"text": "a", "options": {"name_style": "fancy"}},
    ],
)
def test_unknown_option_rule_or_value_is_422(client, body):
    message = error_of(client.post("/v1/clean", json=body), 422, "invalid_option")["message"]
    assert "valid" in message


@pytest.mark.parametrize("html", ["no markup at all", "\x00\x01\x02<p>binary</p>"])
def test_unusable_html_is_422(client, html):
    error_of(client.post("/v1/clean", json={"html": html}), 422, "unusable_html")


def test_unknown_rule_in_query_is_422(client):
    error_of(client.post("/v1/clean?enable=no.such_rule", data="a", content_type="text/plain"), 422, "invalid_option")


# -- 413 / 415 / 405 / 404 ---------------------------------------------------------
def test_body_over_the_limit_is_413(client, app):
    limit = app.config["CLEANER_MAX_BYTES"]
    error_of(client.post("/v1/clean", json={"text": "x" * (limit + 1)}), 413, "body_too_large")
    error_of(client.post("/v1/clean", data="x" * (limit + 1), content_type="text/plain"), 413, "body_too_large")
    assert client.post("/v1/clean", json={"text": "x" * (limit - 100)}).status_code == 200


def test_default_body_limit_is_5_mb():
    from service import create_app

    assert create_app().config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024


@pytest.mark.parametrize(
    "content_type",
    ["image/png", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain; charset=latin-1", None],
)
def test_unsupported_content_type_is_415(client, content_type):
    kwargs = {"data": b"hello"}
    if content_type:
        kwargs["content_type"] = content_type
    error = error_of(client.post("/v1/clean", **kwargs), 415)
    assert error["code"] in ("unsupported_media_type", "unsupported_charset")


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/v1/clean"),
        ("put", "/v1/clean"),
        ("delete", "/v1/clean"),
        ("get", "/v1/clean/batch"),
        ("post", "/v1/rules"),
        ("post", "/healthz"),
        ("post", "/openapi.json"),
        ("post", "/"),
        ("patch", "/"),
    ],
)
def test_wrong_method_is_405(client, method, path):
    r = getattr(client, method)(path)
    error_of(r, 405, "method_not_allowed")
    assert r.headers["Allow"]


def test_unknown_path_is_404_json(client):
    error_of(client.get("/v2/clean"), 404, "not_found")


# -- 500 and the time limit -------------------------------------------------------
def test_a_real_fault_is_a_logged_json_500_with_request_id(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(cleaner, "clean", broken)
    with caplog.at_level(logging.ERROR, logger="service"):
        r = client.post("/v1/clean", json={"text": "a"}, headers={"X-Request-ID": "req-42"})
    error = error_of(r, 500, "internal_error")
    assert "req-42" in error["message"] and "exploded" not in error["message"]
    assert r.headers["X-Request-ID"] == "req-42"
    assert any("req-42" in rec.getMessage() and rec.exc_info for rec in caplog.records)


def test_request_over_the_time_limit_is_503(monkeypatch):
    from service import create_app

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(cleaner, "clean", slow)
    client = create_app({"CLEANER_TIMEOUT": 0.2}).test_client()
    started = time.monotonic()
    error_of(client.post("/v1/clean", json={"text": "a"}), 503, "timeout")
    assert time.monotonic() - started < 2


def test_request_id_is_generated_and_echoed(client):
    r = client.get("/healthz")
    assert len(r.headers["X-Request-ID"]) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "abc-1"}).headers["X-Request-ID"] == "abc-1"
    assert client.get("/healthz", headers={"X-Request-ID": "bad id!"}).headers["X-Request-ID"] != "bad id!"


# -- POST /v1/clean/batch ---------------------------------------------------------
def test_batch_cleans_good_documents_and_reports_bad_ones_inline(client):
    body = {
        "documents": [
            {"id": "a", "text": SHORT},
            {"id": 2, "text": 5},
            "not an object",
            {"id": "d", "text": SHORT, "options": {"enable": ["no.such_rule"]}},
            {"id": "e", "html": "<html><body><p>" + "Sentence of the article. " * 10 + "</p></body></html>"},
        ]
    }
    r = client.post("/v1/clean/batch", json=body)
    assert r.status_code == 200
    out = r.get_json()
    assert out["stats"] == {"documents": 5, "cleaned": 2, "failed": 3}
    results = out["results"]
    assert [x["index"] for x in results] == [0, 1, 2, 3, 4]
    assert [x["id"] for x in results] == ["a", 2, None, "d", "e"]
    assert set(results[0]["result"]) >= RESULT_KEYS and "Haberin" not in results[0]["result"]["text"]
    assert results[1]["error"]["code"] == "wrong_type" and results[1]["error"]["status"] == 400
    assert results[2]["error"]["code"] == "not_an_object"
    assert results[3]["error"]["code"] == "invalid_option" and results[3]["error"]["status"] == 422
    assert "result" in results[4]


def test_batch_shared_options_apply_to_every_document(client):
    r = client.post("/v1/clean/batch", json={"documents": [{"text": SHORT}, {"text": SHORT}], "options": {"disable": ["boilerplate"]}})
    assert all("Haberin Devamı" in x["result"]["text"] for x in r.get_json()["results"])
    error_of(client.post("/v1/clean/batch", json={"documents": [{"text": "a"}], "options": {"bogus": 1}}), 422, "invalid_option")


def test_batch_errors(client, app):
    error_of(client.post("/v1/clean/batch", json={}), 400, "missing_field")
    error_of(client.post("/v1/clean/batch", json={"documents": {"text": "a"}}), 400, "wrong_type")
    error_of(client.post("/v1/clean/batch", json=[{"text": "a"}]), 400, "not_an_object")
    error_of(client.post("/v1/clean/batch", json={"documents": [], "extra": 1}), 400, "unknown_field")
    error_of(client.post("/v1/clean/batch", data=b"{oops", content_type="application/json"), 400, "invalid_json")
    error_of(client.post("/v1/clean/batch", data=b'{"documents": ["\xff"]}', content_type="application/json"), 400, "invalid_utf8")
    limit = app.config["CLEANER_BATCH_MAX"]
    too_many = {"documents": [{"text": "a"}] * (limit + 1)}
    error_of(client.post("/v1/clean/batch", json=too_many), 400, "too_many_documents")
    assert client.post("/v1/clean/batch", json={"documents": [{"text": "a"}] * limit}).status_code == 200
    error_of(client.post("/v1/clean/batch", data="a", content_type="text/plain"), 415)
    error_of(client.post("/v1/clean/batch", json={"documents": [{"text": "x" * 70_000}]}), 413, "body_too_large")


def test_empty_batch_is_fine(client):
    r = client.post("/v1/clean/batch", json={"documents": []})
    assert r.status_code == 200 and r.get_json() == {"results": [], "stats": {"documents": 0, "cleaned": 0, "failed": 0}}


# -- GET routes --------------------------------------------------------------------
def test_rules_is_the_catalogue(client):
    r = client.get("/v1/rules")
    assert r.status_code == 200
    body = r.get_json()
    assert body["rules"] == json.loads(json.dumps(cleaner.catalogue()))
    assert "boilerplate.read_more" in {rule["id"] for rule in body["rules"]}
    assert "boilerplate" in body["categories"] and "default" in body["profiles"]


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"status": "ok", "version": cleaner.__version__}


def test_openapi_describes_every_route(client, app):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    spec = r.get_json()
    assert spec["openapi"].startswith("3.1")
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert rules == set(spec["paths"])
    for name in ("CleanResult", "Change", "Error", "BatchRequest", "Options"):
        assert name in spec["components"]["schemas"]
    responses = spec["paths"]["/v1/clean"]["post"]["responses"]
    assert {"200", "400", "405", "413", "415", "422", "500"} <= set(responses)


def test_page_is_self_contained(client):
    r = client.get("/")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert "https://" not in html and "http://" not in html and "//cdn" not in html
    for asset, mimetype in (("app.js", "text/javascript"), ("app.css", "text/css"), ("favicon.svg", "image/svg+xml")):
        assert f"/static/{asset}" in html
        a = client.get(f"/static/{asset}")
        assert a.status_code == 200 and a.mimetype == mimetype
        assert "https://" not in a.get_data(as_text=True).replace("http://www.w3.org/2000/svg", "")
    for category in ("encoding", "layout", "boilerplate"):
        assert f'value="{category}"' in html
    assert 'for="input"' in html and 'id="clean-button"' in html


# -- auth ------------------------------------------------------------------------------
def test_bearer_token_protects_the_api_only():
    from service import create_app

    client = create_app({"CLEANER_TOKEN": "s3cret"}).test_client()
    r = client.post("/v1/clean", json={"text": "a"})
    error_of(r, 401, "unauthorized")
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    error_of(client.get("/v1/rules", headers={"Authorization": "Bearer wrong"}), 401)
    error_of(client.get("/v1/rules", headers={"Authorization": "Basic s3cret"}), 401)
    ok = {"Authorization": "Bearer s3cret"}
    assert client.post("/v1/clean", json={"text": "a"}, headers=ok).status_code == 200
    assert client.post("/v1/clean/batch", json={"documents": []}, headers=ok).status_code == 200
    assert client.get("/healthz").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and 'id="token"' in page.get_data(as_text=True)


def test_auth_is_off_by_default(client):
    assert client.get("/v1/rules").status_code == 200
    assert 'id="token"' not in client.get("/").get_data(as_text=True)


# -- settings ----------------------------------------------------------------------------
def test_settings_from_environment(monkeypatch):
    from service import create_app, settings_from_env

    monkeypatch.setenv("CLEANER_MAX_BYTES", "1000")
    monkeypatch.setenv("CLEANER_BATCH_MAX", "3")
    monkeypatch.setenv("CLEANER_TOKEN", "t")
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 1000 and app.config["CLEANER_BATCH_MAX"] == 3
    assert app.config["CLEANER_TOKEN"] == "t"
    assert create_app({"CLEANER_MAX_BYTES": 10}).config["MAX_CONTENT_LENGTH"] == 10  # explicit config wins
    with pytest.raises(ValueError, match="CLEANER_TIMEOUT"):
        settings_from_env({"CLEANER_TIMEOUT": "soon"})


def test_serve_settings_flags_then_environment_then_defaults():
    from cleaner.cli import UsageError
    from cleaner.cli.serve_cmd import settings

    none = argparse.Namespace(host=None, port=None, workers=None, timeout=None, max_bytes=None, access_log=None)
    defaults = settings(none, {})
    assert defaults["host"] == "127.0.0.1" and defaults["port"] == 8000 and defaults["timeout"] == 30.0
    env = {"CLEANER_HOST": "0.0.0.0", "CLEANER_PORT": "9000", "CLEANER_WORKERS": "3"}
    assert settings(none, env)["port"] == 9000 and settings(none, env)["workers"] == 3
    flags = argparse.Namespace(host="::1", port=9100, workers=2, timeout=5.0, max_bytes=10, access_log="off")
    assert settings(flags, env)["port"] == 9100 and settings(flags, env)["host"] == "::1"
    with pytest.raises(UsageError):
        settings(none, {"CLEANER_PORT": "eighty"})
    with pytest.raises(UsageError):
        settings(argparse.Namespace(**{**vars(none), "workers": 0}), {})
