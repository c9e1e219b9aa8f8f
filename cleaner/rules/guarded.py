"""The base of the artifacts rules: a regex rule that never edits a protected span.

`GuardedRegexRule` leaves a match alone when it touches a protected span
(`cleaner.protect`: URLs, e-mails, domains, file names, abbreviations,
initials, decimals, times); `alternation` writes a word list as a trie, which
the regex engine tries faster than a plain alternation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, repeat
from typing import Any, Callable, Iterable, Iterator

from ..document import Document
from ..protect import protected
from .base import Edit, RegexRule
from .foreign import looks_english


def alternation(words: Iterable[str], tail: Callable[[str], str] = lambda word: "") -> str:
    """A regex matching any of `words`, each followed by `tail(word)`, written as a trie
    ("th(?:at|e)"): the engine compares a few characters at each place instead of
    trying every word in turn.  Where two words could match, the longer is tried first."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word

    def branch(node: dict[str, Any]) -> str:
        ways = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            ways.append(tail(node[""]))
        return ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"

    return branch(tree)


# -- patterns at a full stop, searched together ----------------------------------
#
# Several rules look for a pattern starting with a full stop ("him.Street",
# "14.00CET", "Ukraine ."): each scan of the text costs the same whether it finds
# anything or not.  Their patterns are registered here and searched in one pass,
# the stop then each pattern's rest as a look-ahead; each pattern is then matched
# alone at the few stops found.  The stops of the last text asked about are kept
# (the rules ask one after another about the same text).

_AT_STOP: list[re.Pattern[str]] = []
_LAST_STOPS: tuple[str | None, tuple[re.Pattern[str], ...], list[int]] = (None, (), [])


def at_stop(pattern: str) -> re.Pattern[str]:
    """Compile `pattern` (it must start with an escaped full stop, `\\.`) and register it
    for `stop_matches`."""
    if not pattern.startswith(r"\."):
        raise ValueError(f"not a pattern at a full stop: {pattern!r}")
    compiled = re.compile(pattern)
    _AT_STOP.append(compiled)
    return compiled


@lru_cache(maxsize=4)
def _any_at_stop(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    return re.compile(r"\.(?=" + "|".join(f"(?:{p.pattern[2:]})" for p in patterns) + ")")


def stop_matches(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for a pattern registered with `at_stop` whose matches
    cannot overlap (all of them start at a stop where one of the patterns matches)."""
    global _LAST_STOPS
    last_text, patterns, stops = _LAST_STOPS
    if last_text is not text or patterns != tuple(_AT_STOP):
        patterns = tuple(_AT_STOP)
        stops = [m.start() for m in _any_at_stop(patterns).finditer(text)]
        _LAST_STOPS = (text, patterns, stops)
    return [m for m in map(pattern.match, repeat(text), stops) if m is not None]


class GuardedRegexRule(RegexRule):
    """A `RegexRule` that leaves a match alone when it touches a protected span.

    `edit_span(match)` says which part of the match the edit changes (by default
    the whole match); only that part is checked against the protected spans.
    """

    # Rules built on English word lists run only on English text.
    english_only: bool = False
    # Patterns whose matches, together, are `pattern`'s (when `pattern` starts with a
    # character class and its matches never overlap): each starts with one literal
    # character, which the engine skips to as fast as `str.find` -- a leading class is
    # tried at every position, ten times slower.
    scans: tuple[re.Pattern[str], ...] = ()

    def edit_span(self, match: re.Match[str]) -> tuple[int, int]:
        return match.start(), match.end()

    def can_match(self, text: str) -> bool:
        """False when a cheap test (a substring every match holds) shows that
        `pattern` cannot match `text`: then nothing else is computed."""
        return True

    def matches(self, text: str) -> Iterable[re.Match[str]]:
        """`pattern.finditer(text)`, from `scans` when there are some."""
        if not self.scans:
            return self.pattern.finditer(text)
        found = (stop_matches(text, scan) if scan in _AT_STOP else scan.finditer(text) for scan in self.scans)
        return sorted(chain.from_iterable(found), key=re.Match.start)

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        if not self.can_match(text):
            return
        guard = None
        for match in self.matches(text):
            after = self.replace(match)
            if after is None or after == match.group(0):
                continue
            if guard is None and self.english_only and not looks_english(text):
                return  # asked at the first edit only: most texts have none
            guard = guard or protected(text)
            if not guard.touches(*self.edit_span(match)):
                yield Edit(match.start(), match.end(), after, self.reason)
