"""The base of the artifacts rules: a regex rule that never edits a protected span.

`GuardedRegexRule` leaves a match alone when it touches a protected span
(`cleaner.protect`: URLs, e-mails, domains, file names, abbreviations,
initials, decimals, times); `alternation` writes a word list as a trie, which
the regex engine tries faster than a plain alternation.
"""
from __future__ import annotations

import re
from itertools import chain
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
        return sorted(chain.from_iterable(scan.finditer(text) for scan in self.scans), key=re.Match.start)

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
