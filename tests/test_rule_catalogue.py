"""Every rule documents itself, and its examples run through the rule alone."""
from __future__ import annotations

import re

import pytest

import cleaner
from cleaner.rules import CATEGORIES, all_rules, catalogue

from .helpers import run_rule

EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.id}[{i}]")
    for rule in all_rules()
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_rule_example(rule, example):
    before, after, *options = example
    doc = run_rule(rule, before, options[0] if options else None)
    assert doc.text == after
    # An example that changes text must record at least one change by this rule.
    if before != after:
        assert doc.changes and all(c.rule == rule.id for c in doc.changes)


def test_every_rule_is_documented():
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    for rule in all_rules():
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", rule.id), rule.id
        assert rule.id.split(".")[0] == rule.category, rule.id
        assert rule.category in CATEGORIES
        assert rule.purpose and "\n" not in rule.purpose, rule.id
        assert rule.examples, f"{rule.id} has no example"
        assert any(ex[0] != ex[1] for ex in rule.examples), f"{rule.id} has no example that changes text"


def test_catalogue_is_generated_from_rules():
    entries = catalogue()
    assert [e["id"] for e in entries] == [r.id for r in all_rules()]
    entry = next(e for e in entries if e["id"] == "boilerplate.read_more")
    assert entry["category"] == "boilerplate"
    assert entry["examples"][0]["before"].count("Haberin Devamı") == 1
    assert "conservative" in entry["profiles"]
    assert cleaner.catalogue() == entries


def test_catalogue_follows_chain_order():
    order = [e["category"] for e in catalogue()]
    ranks = [CATEGORIES.index(c) for c in order]
    assert ranks == sorted(ranks)
