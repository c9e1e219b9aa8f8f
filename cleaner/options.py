"""Per-call configuration: one immutable object, validated once.

`Options.build(profile, options)` accepts a mapping (as the CLI and the HTTP
service pass it) or an `Options`; an unknown key, profile, rule id or category
raises `ValueError` naming the valid ones.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Iterable, Mapping

PROFILES = ("conservative", "default", "aggressive")


@dataclass(frozen=True)
class Options:
    # Named rule set: "conservative" = encoding + near-certain boilerplate;
    # "default"; "aggressive" adds rules that trade some risk for recall.
    profile: str = "default"
    # Rule ids or categories to run in addition to / instead of the profile's.
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    # User boilerplate phrases: a line equal to one, or starting with one
    # followed by a separator ("Phrase: ..."), is removed (boilerplate.user_phrases).
    phrases: tuple[str, ...] = ()
    # User name list entries (gazetteer lines "Canonical<TAB>type<TAB>variant; variant").
    names: tuple[str, ...] = ()
    # "consistent": each entity uses the article's dominant acceptable spelling;
    # "canonical": the gazetteer's canonical spelling (always "Kyiv").
    name_style: str = "consistent"
    # Lines in another language than the article's: "warn" keeps them with a
    # warning, "remove" deletes them as untranslated boilerplate.
    foreign_lines: str = "warn"
    # Apply the glossary of known mistranslations (cleaner/data/glossary.tsv).
    glossary: bool = False
    # Lines learned as one site's template (batch --learn-templates): a line whose
    # whitespace-normalised, case-folded text is listed is removed.
    site_templates: tuple[str, ...] = ()

    @classmethod
    def build(cls, profile: str | None = None, options: "Options | Mapping[str, Any] | None" = None) -> "Options":
        if profile is None and not options and not isinstance(options, Options):
            return _default()  # the common call: validated once per process
        if isinstance(options, Options):
            result = options if profile is None else replace(options, profile=profile)
        else:
            values = dict(options or {})
            valid = {f.name for f in fields(cls)}
            unknown = sorted(set(values) - valid)
            if unknown:
                raise ValueError(f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(sorted(valid))}")
            if profile is not None and "profile" not in values:
                values["profile"] = profile
            for key in ("enable", "disable", "phrases", "names", "site_templates"):
                if key in values:
                    values[key] = _as_tuple(key, values[key])
            result = cls(**values)
        result.validate()
        return result

    def validate(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}; valid profiles: {', '.join(PROFILES)}")
        valid = _selectable()
        for key in ("enable", "disable"):
            bad = [x for x in getattr(self, key) if x not in valid]
            if bad:
                raise ValueError(
                    f"unknown rule or category in {key}: {', '.join(bad)}; "
                    f"valid: {', '.join(sorted(valid))}"
                )
        _choice("name_style", self.name_style, ("consistent", "canonical"))
        _choice("foreign_lines", self.foreign_lines, ("warn", "remove"))
        if not isinstance(self.glossary, bool):
            raise ValueError("option glossary must be true or false")

    def selects(self, rule: Any) -> bool:
        """Whether `rule` runs under these options."""
        if rule.id in self.disable or rule.category in self.disable:
            return False
        if rule.id in self.enable or rule.category in self.enable:
            return True
        return self.profile in rule.profiles


@lru_cache(maxsize=1)
def _default() -> Options:
    options = Options()
    options.validate()
    return options


@lru_cache(maxsize=1)
def _selectable() -> frozenset[str]:
    """Every rule id and category: what `enable` and `disable` may name."""
    from .rules import CATEGORIES, rule_ids

    return frozenset(rule_ids()) | frozenset(CATEGORIES)


def _as_tuple(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"option {key} must be a list of strings")
    return tuple(value)


def _choice(key: str, value: Any, valid: tuple[str, ...]) -> None:
    if value not in valid:
        raise ValueError(f"unknown value {value!r} for option {key}; valid: {', '.join(valid)}")
