"""Duplicate paragraphs: a scraper that prints a block twice."""
from __future__ import annotations

from itertools import compress, repeat
from operator import itemgetter, lt, methodcaller
from typing import Iterable, Iterator

from ..document import Document
from .base import LineFacts, LineRule, line_facts, reads_as_prose, word_count


_LAST_SPLIT, _LAST = methodcaller("rsplit", None, 1), itemgetter(-1)  # a text's last word


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
        # Most documents repeat no long line.  Copies share their words: their
        # first word (the line index has the texts grouped by it) and their last.
        # Only texts printed twice, or sharing both with another long text
        # (`min_words` words take 2 * min_words - 1 characters), are compared whole.
        facts = line_facts(doc)
        shortest = 2 * self.min_words - 1
        repeats = facts.repeats()
        groups: Iterable[list[str]] = facts.by_first_word.values()
        if not repeats:  # (else a group of one text printed twice counts too)
            groups = compress(groups, map(lt, repeat(1), map(len, groups)))  # of several texts, in C
        for texts in groups:
            if len(texts) == 1 and facts.count(texts[0]) == 1:
                continue  # the only line starting with its word
            long = [text for text in texts if len(text) >= shortest]
            if len(long) > 1:
                ends = list(map(_LAST, map(_LAST_SPLIT, long)))
                if not repeats and len(set(ends)) == len(ends):
                    continue  # no two end alike, none is printed twice: no copies among them
                by_ends: dict[str, list[str]] = {}
                for end, text in zip(ends, long):
                    by_ends.setdefault(end, []).append(text)
                for same in by_ends.values():
                    yield from self._repeats(same, facts)
            elif long:
                yield from self._repeats(long, facts)

    def _repeats(self, texts: list[str], facts: LineFacts) -> Iterator[tuple[int, str]]:
        """The later of exactly two copies among the lines of `texts`, by their words."""
        if len(texts) == 1 and facts.count(texts[0]) == 1:
            return
        by_words: dict[str, list[str]] = {}
        for text in texts:
            by_words.setdefault(" ".join(text.split()), []).append(text)
        for same in by_words.values():
            if len(same) == 1 and facts.count(same[0]) == 1:
                continue
            copies = sorted(index for text in same if self._counts(text) for index in facts.indexes(text))
            if len(copies) == 2:
                yield copies[1], f"verbatim repeat of line {copies[0] + 1}"

    def _counts(self, text: str) -> bool:
        """A statement long enough to count (word_count and reads_as_prose ignore
        trailing spaces, and are cached per line)."""
        return word_count(text) >= self.min_words and reads_as_prose(text) and "?" not in text.rstrip()[-3:]


RULES = (RepeatedParagraph,)
