"""Shared test helpers: run one rule alone, locate repo data."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cleaner.document import Document
from cleaner.options import Options
from cleaner.rules.base import Rule

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"


def run_rule(rule: Rule, text: str, options: dict[str, Any] | None = None) -> Document:
    """Apply `rule` alone to `text`, as the chain would."""
    doc = Document(text, Options.build(None, options or {}))
    edits = list(rule.find(doc))
    if edits:
        doc.apply(rule.id, rule.category, edits)
    return doc


def seed_cases() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if (p / "checks.json").exists())


def load_checks(case: Path) -> dict[str, Any]:
    return json.loads((case / "checks.json").read_text(encoding="utf-8"))


def negative_fixtures() -> list[Path]:
    return sorted((FIXTURES / "negative").glob("*.txt"))
