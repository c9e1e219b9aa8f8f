"""The service's fast paths answer exactly what the general paths would.

orjson encodes the answers (with a stdlib fallback for what it refuses), a
request without options reuses one validated `Options`, common Accept headers
skip negotiation, and `Change.to_dict` is spelled out instead of `asdict`.
"""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

import cleaner
from cleaner.document import Change, CleanWarning
from service.api import _FORMATS, _JSON_ACCEPTS

ROOT = Path(__file__).resolve().parent.parent
SHORT = "Talks resumed on Tuesday in the capital.\nHaberin Devamı\nBoth sides agreed to meet again next week.\n"


def test_answer_is_compact_utf8_json_equal_to_the_result(client):
    text = "Le président a déclaré: « Nous reprendrons les négociations mardi à Kyiv. »\nHaberin Devamı\n"
    r = client.post("/v1/clean", json={"text": text})
    assert r.status_code == 200 and r.mimetype == "application/json"
    raw = r.get_data()
    assert raw.endswith(b"}\n") and b'{"text":' in raw  # compact, newline-terminated
    assert "déclaré".encode() in raw  # UTF-8, not \u escapes
    expected = cleaner.clean(text).to_dict()
    body = json.loads(raw)
    assert list(body) == list(expected)  # key order kept, not sorted
    assert body | {"stats": None} == json.loads(json.dumps(expected)) | {"stats": None}


@pytest.mark.parametrize(
    "payload",
    [
        b'{"text": "a", "\\ud800": 1}',  # an unknown field whose name is a lone surrogate, echoed in the message
        b'{"text": "a", "options": {"\\udfff": true}}',
    ],
)
def test_a_lone_surrogate_echoed_in_an_error_is_still_json_not_a_500(client, payload):
    r = client.post("/v1/clean", data=payload, content_type="application/json")
    assert r.status_code in (400, 422), r.get_data()
    body = json.loads(r.get_data())  # valid JSON (the surrogate is escaped)
    assert body["error"]["code"] in ("unknown_field", "invalid_option")


def test_integer_ids_beyond_64_bits_are_echoed_exactly(client):
    big = 2**70
    r = client.post("/v1/clean/batch", data=json.dumps({"documents": [{"id": big, "text": SHORT}]}),
                    content_type="application/json")
    assert r.status_code == 200
    assert json.loads(r.get_data())["results"][0]["id"] == big


def test_provider_encodes_what_the_stdlib_provider_encodes(app):
    from flask.json.provider import DefaultJSONProvider

    stdlib = DefaultJSONProvider(app)
    stdlib.ensure_ascii, stdlib.sort_keys, stdlib.compact = False, False, True
    for value in (
        {"b": 1, "a": [1.5, None, True, "ü\n\"x\""], "c": {}},
        {1: "int key"},
        Change("r.x", "layout", 0, 3, "abc", "", "why"),
        {"huge": 2**70, "s": "\ud800"},
    ):
        assert json.loads(app.json.dumps(value)) == json.loads(stdlib.dumps(value, ensure_ascii=True))


@pytest.mark.parametrize("accept", sorted(_JSON_ACCEPTS))
def test_accept_fast_path_agrees_with_negotiation(accept):
    best = parse_accept_header(accept, MIMEAccept).best_match(list(_FORMATS.values()), default="application/json")
    assert best == "application/json"


def test_default_options_are_shared_and_equal_to_a_fresh_build(client):
    from cleaner.options import Options
    from service.api import _default_options

    assert _default_options() == Options.build(None, {})
    assert client.post("/v1/clean", json={"text": SHORT}).status_code == 200
    assert client.post("/v1/clean?profile=conservative", json={"text": SHORT}).get_json()["profile"] == "conservative"
    assert client.post("/v1/clean", json={"text": SHORT, "options": {"disable": ["nope"]}}).status_code == 422


def test_record_to_dict_has_every_field_in_order():
    change = Change("boilerplate.read_more", "boilerplate", 3, 9, "Read more", "", "a read-more line")
    assert change.to_dict() == dataclasses.asdict(change)
    assert list(change.to_dict()) == [f.name for f in dataclasses.fields(Change)]
    warning = CleanWarning("names.variants", "two spellings", 1, 4)
    assert list(warning.to_dict().items()) == list(dataclasses.asdict(warning).items())


def test_warm_up_leaves_nothing_for_the_first_request_to_import():
    """After the warm-up (which freezes what it loaded out of the collector's reach), cleaning
    real articles (text and HTML) imports no new module."""
    script = f"""
import sys, glob, json
sys.path.insert(0, {str(ROOT)!r})
from service.warm import warm
import gc
warm()
assert gc.get_freeze_count() > 50_000, gc.get_freeze_count()  # phrase lists, gazetteer, patterns: frozen
import cleaner
before = set(sys.modules)
root = {str(ROOT)!r}
for path in sorted(glob.glob(root + "/seeds/*/raw.txt")) + sorted(glob.glob(root + "/fixtures/negative/*.txt")):
    cleaner.clean(open(path, encoding="utf-8").read())
for path in sorted(glob.glob(root + "/fixtures/html/*.html")):
    try:
        cleaner.clean(open(path, encoding="utf-8").read(), input_format="html")
    except ValueError:
        pass
print(json.dumps(sorted(set(sys.modules) - before)))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    new = [m for m in json.loads(out.stdout.strip().splitlines()[-1]) if not m.startswith("encodings.")]
    assert new == []
