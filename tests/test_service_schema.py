"""Property-based API test: schemathesis generates requests from /openapi.json
(valid and invalid ones) and runs all its checks on every answer: no 5xx,
documented status codes, content types, headers and bodies, invalid data
rejected, valid data accepted.

One documented exception: a schema-valid `html` string that is not usable
HTML (no markup tag, binary, unparseable) is a 422 `unusable_html`.  JSON
Schema cannot express "parses as a web page", so the positive-data check
accepts exactly that answer and nothing else.
"""
from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from service import create_app

# A small body limit keeps generated documents cheap; the batch limit is small for the same reason.
APP = create_app({"TESTING": True, "CLEANER_MAX_BYTES": 256 * 1024, "CLEANER_BATCH_MAX": 4, "CLEANER_TIMEOUT": 20})
schema = schemathesis.openapi.from_wsgi("/openapi.json", APP)


def positive_data_acceptance_but_unusable_html(ctx, response, case):
    if response.status_code == 422:
        try:
            code = response.json()["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = None
        if code == "unusable_html":
            return None
    return positive_data_acceptance(ctx, response, case)


@schema.parametrize()
# 40 examples per operation keeps the suite fast; SERVICE_SCHEMA_EXAMPLES=500 for a deeper run.
@settings(max_examples=int(os.environ.get("SERVICE_SCHEMA_EXAMPLES", "40")), deadline=None, suppress_health_check=list(HealthCheck), derandomize="SERVICE_SCHEMA_EXAMPLES" not in os.environ)
def test_api_conforms_to_its_openapi_description(case):
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance], additional_checks=[positive_data_acceptance_but_unusable_html]
    )
