"""The rule registry: every rule, in chain order, and the catalogue built from them.

To add a rule: write the class in the module of its category, with an id,
purpose and example, and list it in that module's `RULES`.  Nothing else.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .base import Rule

if TYPE_CHECKING:
    from ..options import Options

# Chain order.  "recheck" re-runs the encoding, boilerplate, duplicates, names and
# artifacts rules, until they change nothing, when a names or artifacts repair
# changed the text: a repaired line can become a credit line, a sentence can stop
# or start reading as prose, ftfy repairs mojibake on a line only once no other
# character on it stands in the way ("Türkiye ... ‚Äû" became "Turkey ... ‚Äû"), and
# then the repaired quote may need its space ("Fund“This"), and an article whose
# foreign lines were removed reads as English to names.case.
# "final" re-runs the layout rules after every other edit.
STAGES = ("encoding", "layout", "boilerplate", "duplicates", "names", "artifacts", "recheck", "final")
RECHECK = ("encoding", "boilerplate", "duplicates", "names", "artifacts")
CATEGORIES = ("encoding", "layout", "boilerplate", "duplicates", "names", "artifacts")

# Modules holding rules, in chain order within each category.
_MODULES = (
    "encoding",
    "layout",
    "boilerplate",
    "captions",
    "page_chrome",
    "top_of_page",
    "site_template",
    "duplicates",
    "names",
    "artifacts",
    "glossary",
    "quotes",
    "foreign",
    "sentences",
)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for name in _MODULES:
        try:
            module = import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:  # a category not built yet
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        rules.extend(cls() for cls in module.RULES)
    by_category = {c: [r for r in rules if r.category == c] for c in CATEGORIES}
    return tuple(r for c in CATEGORIES for r in by_category[c])


def rule_ids() -> list[str]:
    return [r.id for r in all_rules()]


def rules_for_stage(stage: str, options: "Options") -> tuple[Rule, ...]:
    # Options.selects reads only the profile and the enable / disable lists: the
    # selection is cached on those (not on the phrase or template lists).
    return _stage_rules(stage, options.profile, options.enable, options.disable)


@lru_cache(maxsize=256)
def _stage_rules(stage: str, profile: str, enable: tuple[str, ...], disable: tuple[str, ...]) -> tuple[Rule, ...]:
    from ..options import Options

    selection = Options(profile=profile, enable=enable, disable=disable)
    categories = {"final": ("layout",), "recheck": RECHECK}.get(stage, (stage,))
    return tuple(r for r in all_rules() if r.category in categories and selection.selects(r))


def catalogue() -> list[dict[str, Any]]:
    """Every rule's id, category, purpose, profiles, examples and doc, in chain order."""
    return [r.describe() for r in all_rules()]
