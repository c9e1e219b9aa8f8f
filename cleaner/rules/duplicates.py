"""Duplicate paragraphs: a scraper that prints a block twice."""
from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from .base import LineRule, word_count

_WS = re.compile(r"\s+")


class RepeatedParagraph(LineRule):
    """A paragraph (line) repeated verbatim later in the article: the later copies go.

    Only paragraphs of at least `min_words` words count, so that a short
    refrain or a one-word line is never taken for a scraping accident.
    """

    id = "duplicates.paragraph"
    category = "duplicates"
    purpose = "Remove later verbatim copies of a paragraph."
    examples = (
        (
            "Russia and Ukraine met in Istanbul on Friday for talks.\nNo deal was reached.\n"
            "Russia and Ukraine met in Istanbul on Friday for talks.",
            "Russia and Ukraine met in Istanbul on Friday for talks.\nNo deal was reached.\n",
        ),
    )
    min_words = 6

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        first_seen: dict[str, int] = {}
        for line in doc.lines:
            if word_count(line.text) < self.min_words:
                continue
            key = _WS.sub(" ", line.text).strip()
            if key in first_seen:
                yield line.index, f"verbatim repeat of line {first_seen[key] + 1}"
            else:
                first_seen[key] = line.index


RULES = (RepeatedParagraph,)
