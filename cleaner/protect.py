"""Protected spans: stretches of text that artifact rules never edit inside.

A dot or a colon inside "U.S.", "p.m.", "J.K.", "3.5%", "1,000", "14:00",
"example.com", "report.pdf", "https://x.org/A.B" or "press@un.org" is not
a sentence end, not a spacing mistake and not a stutter.  `spans(text)`
finds them all with one compiled pattern; `Protected.touches(start, end)`
answers whether an edit would change anything strictly inside one.

The abbreviation list is data: `cleaner/data/abbreviations.txt`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from . import phrases

# Lower-case top-level domains only: "him.It" is a missing space, "bbc.it" a domain.
_TLDS = (
    "com|org|net|gov|edu|int|mil|info|biz|io|co|ai|app|dev|news|tv|me|eu|uk|us|ca|au|de|fr|it|es"
    "|nl|be|ch|at|pl|cz|ru|ua|by|tr|gr|ro|bg|hu|se|no|dk|fi|pt|ie|jp|cn|in|br|mx|ar|za|il|ir|kz|ge|am|az"
)
_FILE_EXTENSIONS = (
    "pdf|docx?|xlsx?|pptx?|odt|csv|txt|rtf|jpe?g|png|gif|webp|svg|mp[34]|mov|avi|zip|rar|gz|tar"
    "|html?|php|aspx?|jsp|json|xml|py|js|exe"
)
_PARTS = (
    # URLs and bare www. hosts, up to whitespace or a quote/bracket.
    r"(?:https?://|ftp://|www\.)[^\s<>\"“”‘’'()\[\]]+",
    # E-mail addresses.
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    # Domain names: labels, then a lower-case TLD ("example.com", "news.bbc.co.uk").
    rf"\b[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})\b(?!\.\w)",
    # File names.
    rf"\b[\w-]+\.(?i:{_FILE_EXTENSIONS})\b",
    # Initials and dotted abbreviations: "J.K.", "U.S.", "p.m.", "e.g.".
    r"\b(?:[A-Za-z]\.){2,}",
    # Numbers with separators, decimals, times: "1,000", "3.5", "14:00", "2.30".
    r"\d+(?:[.,:]\d+)+",
    # Social handles and hashtags.
    r"(?<!\w)[@#]\w+",
)


class Span(NamedTuple):
    start: int
    end: int


class Protected:
    """The protected spans of one text, sorted, with O(log n) look-up."""

    def __init__(self, found: list[Span]) -> None:
        merged: list[Span] = []
        for span in sorted(found):
            if merged and span.start <= merged[-1].end:
                last = merged[-1]
                merged[-1] = Span(last.start, max(last.end, span.end))
            else:
                merged.append(span)
        self.spans = merged
        self._starts = [s.start for s in merged]

    def touches(self, start: int, end: int) -> bool:
        """Whether editing [start, end) would change text strictly inside a protected span.

        An insertion (start == end) at a span's edge is allowed: "14:00CET"
        may become "14:00 CET".  A replacement may not overlap a span at all.
        """
        i = bisect_right(self._starts, start) - 1
        for span in self.spans[max(i, 0) : i + 2]:
            if start == end:
                if span.start < start < span.end:
                    return True
            elif span.start < end and start < span.end:
                return True
        return False

    def covering(self, pos: int) -> Span | None:
        """The protected span that holds character `pos`, if any."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i].start <= pos < self.spans[i].end:
            return self.spans[i]
        return None


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    listed = sorted(set(phrases.load("abbreviations.txt")), key=len, reverse=True)
    abbreviations = "|".join(re.escape(a) for a in listed)
    return re.compile("|".join(_PARTS + (rf"(?<![\w.])(?:{abbreviations})",)))


def spans(text: str) -> list[Span]:
    """Every protected span of `text`, in order (they may overlap)."""
    return [Span(m.start(), m.end()) for m in _pattern().finditer(text)]


@lru_cache(maxsize=4)
def protected(text: str) -> Protected:
    """The protected spans of `text` (cached: several rules ask about the same text)."""
    return Protected(spans(text))


def abbreviations() -> frozenset[str]:
    """The listed abbreviations ("U.S.", "p.m.", "No.", ...)."""
    return frozenset(phrases.load("abbreviations.txt"))
