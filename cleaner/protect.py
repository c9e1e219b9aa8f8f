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


# How far around an edit to look for its protected stretch: bounded, so that a
# megabyte without whitespace cannot make every question cost a megabyte.
_REACH = 300


class Span(NamedTuple):
    start: int
    end: int


class Protected:
    """The protected spans of one text, found lazily around the places rules ask about.

    Every protected span is free of whitespace, so the spans touching an edit
    are those of the whitespace-delimited stretch around it: matching that
    stretch alone gives the same spans as matching the whole text, at a cost
    proportional to the number of questions rather than the text's length.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def around(self, start: int, end: int) -> list[Span]:
        """The protected spans of the whitespace-delimited stretch holding [start, end)."""
        text = self.text
        left, right = start, end
        floor, ceiling = max(0, start - _REACH), min(len(text), end + _REACH)
        while left > floor and not text[left - 1].isspace():
            left -= 1
        while right < ceiling and not text[right].isspace():
            right += 1
        return [Span(m.start(), m.end()) for m in _pattern().finditer(text, left, right)]

    def touches(self, start: int, end: int) -> bool:
        """Whether editing [start, end) would change text strictly inside a protected span.

        An insertion (start == end) at a span's edge is allowed: "14:00CET"
        may become "14:00 CET".  A replacement may not overlap a span at all.
        """
        for span in self.around(start, end):
            if start == end:
                if span.start < start < span.end:
                    return True
            elif span.start < end and start < span.end:
                return True
        return False


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    listed = sorted(set(phrases.load("abbreviations.txt")), key=len, reverse=True)
    abbreviations = "|".join(re.escape(a) for a in listed)
    return re.compile("|".join(_PARTS + (rf"(?<![\w.])(?:{abbreviations})",)))


def spans(text: str) -> list[Span]:
    """Every protected span of `text`, in order (they may overlap)."""
    return [Span(m.start(), m.end()) for m in _pattern().finditer(text)]


def protected(text: str) -> Protected:
    """The protected spans of `text`, for `touches()` questions."""
    return Protected(text)


def abbreviations() -> frozenset[str]:
    """The listed abbreviations ("U.S.", "p.m.", "No.", ...)."""
    return frozenset(phrases.load("abbreviations.txt"))
