"""Duplicate paragraphs: a scraper that prints a block twice."""
from __future__ import annotations

from typing import Iterator

from ..document import Document
from .base import LineRule, reads_as_prose, word_count


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
            # word_count and reads_as_prose ignore trailing spaces (and are cached per line)
            if word_count(line.text) < self.min_words or not reads_as_prose(line.text):
                continue
            if "?" in line.text.rstrip()[-3:]:
                continue
            copies.setdefault(" ".join(line.text.split()), []).append(line.index)
        for first, *later in copies.values():
            if len(later) == 1:
                yield later[0], f"verbatim repeat of line {first + 1}"


RULES = (RepeatedParagraph,)
