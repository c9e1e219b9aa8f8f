"""Duplicate paragraphs: a scraper that prints a block twice."""
from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from .base import LineRule, reads_as_prose, word_count

_WS = re.compile(r"\s+")


class RepeatedParagraph(LineRule):
    """A paragraph (line) printed exactly twice: the later copy goes.

    A scraping accident prints a block twice; a paragraph that occurs three
    times or more is structure (the same interview question put to each
    guest) and stays.  Only statements count: sentences (`reads_as_prose`) of
    at least `min_words` words not ending in "?" -- a question printed twice
    is usually a table of contents and its section heading.  (On the 181 gold
    article bodies of the Zyte benchmark, an earlier version without these
    limits removed 113 real lines, mostly interview questions; 10-word
    recipe lines printed twice set `min_words` to 15.)
    """

    id = "duplicates.paragraph"
    category = "duplicates"
    purpose = "Remove later verbatim copies of a paragraph."
    examples = (
        (
            "Russia and Ukraine met in Istanbul on Friday for their first direct peace talks in more than three years.\nNo deal was reached.\n"
            "Russia and Ukraine met in Istanbul on Friday for their first direct peace talks in more than three years.",
            "Russia and Ukraine met in Istanbul on Friday for their first direct peace talks in more than three years.\nNo deal was reached.\n",
        ),
    )
    min_words = 15

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        copies: dict[str, list[int]] = {}
        for line in doc.lines:
            text = line.text.rstrip()
            if word_count(text) < self.min_words or not reads_as_prose(text) or "?" in text[-3:]:
                continue
            copies.setdefault(_WS.sub(" ", line.text).strip(), []).append(line.index)
        for first, *later in copies.values():
            if len(later) == 1:
                yield later[0], f"verbatim repeat of line {first + 1}"


RULES = (RepeatedParagraph,)
