"""Phrase lists: data files under `cleaner/data/`, compiled once into one pattern each.

File format: one phrase per line; `#` starts a comment; blank lines ignored.
A phrase matches case-insensitively, with runs of whitespace treated alike.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from operator import methodcaller
from typing import Iterable

# What may follow a marker phrase at the start of a line ("Read more: ...").
# Dashes count only after a space, so "Tag-based" is not "Tag" + separator.
SEPARATORS = r"(?:\s*[:：»›>→|]|\s+[–—-])"
# Decoration around a line that is only a marker ("» Read more …").
_DECORATION = " \t:：.…»›>→|–—-*•·▶►=_[]()"
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def normal_form(line: str) -> str:
    """Case-fold, collapse whitespace and strip decoration, for whole-line lookups."""
    # Most lines hold no whitespace but single spaces (str.isprintable is False
    # for every other whitespace character): nothing to collapse.
    if "  " in line or not line.isprintable():
        line = _WS.sub(" ", line)
    return line.strip(_DECORATION).casefold()


_STRIP_DECORATION = methodcaller("strip", _DECORATION)


def normal_forms(lines: list[str]) -> list[str]:
    """`normal_form` of each line; in C when no line needs its whitespace collapsed."""
    joined = "".join(lines)  # (a double space across two lines only costs the slow way)
    if "  " in joined or not joined.isprintable():
        return list(map(normal_form, lines))
    return list(map(str.casefold, map(_STRIP_DECORATION, lines)))


# Cached: the phrase rules judge the same short lines.
normalize = lru_cache(maxsize=1 << 16)(normal_form)


class WholeLine:
    """Whole-line phrase lookup: a set for literal phrases, one regex for those with `{n}`."""

    def __init__(self, listed: Iterable[str]) -> None:
        normal = {normalize(p) for p in listed}
        self.literal = frozenset(p for p in normal if "{n}" not in p)
        numbered = [p for p in normal if "{n}" in p]
        # When every such phrase starts with its number, a form that does not fails at
        # once (the branches of an IGNORECASE alternation are tried one by one).
        first = r"(?=\d)" if all(p.startswith("{n}") for p in numbered) else ""
        self.numbered = (
            re.compile(f"{first}(?:{alternation(numbered)})".replace(r"\{n\}", r"\d[\d.,]*"), re.IGNORECASE)
            if numbered
            else None
        )
        self.max_len = 2 * max(map(len, normal), default=0) + 12

    def matches(self, line: str) -> bool:
        if len(line) > self.max_len:  # much longer than any phrase, decoration aside
            return False
        normal = normalize(line)
        if normal in self.literal:
            return True
        # `{n}` stands for a number: no digit, no numbered phrase
        return self.numbered is not None and _DIGIT.search(normal) is not None and self.numbered.fullmatch(normal) is not None


@lru_cache(maxsize=None)
def load(name: str) -> tuple[str, ...]:
    """The phrases of data file `name` (e.g. "read_more.txt")."""
    text = resources.files("cleaner.data").joinpath(name).read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> tuple[str, ...]:
    phrases = []
    for raw in text.splitlines():
        phrase = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if phrase:
            phrases.append(phrase)
    return tuple(phrases)


def line_set(phrases: Iterable[str]) -> frozenset[str]:
    """Normalised phrases, for exact whole-line matching."""
    return frozenset(normalize(p) for p in phrases)


def alternation(phrases: Iterable[str]) -> str:
    """One regex alternation, longest phrase first, whitespace-tolerant."""
    unique = sorted({p.strip() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)


def prefix_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Matches a line that starts with a phrase followed by a separator and more text."""
    return re.compile(
        rf"^\W{{0,3}}(?:{alternation(phrases)}){SEPARATORS}\s*\S", re.IGNORECASE
    )


def start_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Matches a line that starts with a phrase (then a word boundary)."""
    return re.compile(rf"^\W{{0,3}}(?:{alternation(phrases)})(?!\w)", re.IGNORECASE)
