"""Seeds against their reviewed expected outputs; negative fixtures unchanged; idempotence."""
from __future__ import annotations

import re

import pytest

import cleaner

from .helpers import FIXTURES, load_checks, negative_fixtures, seed_cases

SEEDS = seed_cases()
NEGATIVES = negative_fixtures()
_WS = re.compile(r"[ \t\r\n]+")


def norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def raw(case):
    return (case / "raw.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_seed_matches_reviewed_expected_output(case):
    expected = (FIXTURES / "seeds" / f"{case.name}.expected.txt").read_text(encoding="utf-8")
    assert cleaner.clean(raw(case)).text == expected


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_seed_checks_remove_keep_count(case):
    checks = load_checks(case)
    out = norm(cleaner.clean(raw(case)).text)
    for s in checks.get("must_remove", []):
        assert norm(s) not in out, f"left: {s!r}"
    for s in checks.get("must_keep", []):
        assert norm(s) in out, f"lost: {s!r}"
    for c in checks.get("max_count", []):
        assert c.get("min", 0) <= out.count(norm(c["text"])) <= c.get("max", 10**9), c


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_seed_output_hygiene(case):
    out = cleaner.clean(raw(case)).text
    lines = out.split("\n")
    assert out.strip()
    assert all(line == line.rstrip() for line in lines), "trailing whitespace"
    assert not any(line and not line.strip() for line in lines), "whitespace-only line"
    assert "\n\n\n" not in out
    assert not re.search("[\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad]", out)


def test_there_are_negative_fixtures():
    assert len(NEGATIVES) >= 10


@pytest.mark.parametrize("path", NEGATIVES, ids=lambda p: p.name)
def test_negative_fixture_unchanged(path):
    text = path.read_text(encoding="utf-8")
    result = cleaner.clean(text)
    assert result.text == text, [(c.rule, c.before[:80]) for c in result.changes]
    assert result.changes == []


@pytest.mark.parametrize("path", [c / "raw.txt" for c in SEEDS] + NEGATIVES, ids=lambda p: p.parent.name + "/" + p.name)
@pytest.mark.parametrize("profile", ["conservative", "default", "aggressive"])
def test_idempotent(path, profile):
    once = cleaner.clean(path.read_text(encoding="utf-8"), profile=profile).text
    assert cleaner.clean(once, profile=profile).text == once
