"""Rules for the top of the page: repeated headline, site taglines, lone dateline.

The "top block" is the run of lines before the first line that reads as
prose.  Scrapers often print the headline several times there, and site
chrome (taglines, widget titles) between the copies.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..document import Document, Line
from .base import LineRule, reads_as_prose, word_count

_TOP_LINES = 20  # at most this many non-empty lines count as the top block
_WS = re.compile(r"\s+")
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ŽА-Я][A-ZÀ-ÖØ-ÞĀ-ŽА-Я .,'’()/-]{1,40}$")


def headline_shaped(line: str) -> bool:
    """3 to 25 words, no full stop at the end, not opening with a quote mark."""
    text = line.strip()
    return 3 <= word_count(text) <= 25 and not text.endswith((".", ",", ";", ":")) and text[:1] not in "\"“„«‘'"


def top_block(doc: Document) -> list[Line]:
    """Non-empty lines before the first prose line (at most `_TOP_LINES`); computed
    once per text (three rules ask)."""
    block = doc.derived.get(top_block)
    if block is None:
        block = doc.derived[top_block] = []
        for line in doc.lines_from(0):  # the top lines only, not a `Line` per line of the text
            if not line.text.strip():
                continue
            if reads_as_prose(line.text) or len(block) >= _TOP_LINES:
                break
            block.append(line)
    return block


def _key(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def repeated_in_top(doc: Document) -> dict[str, list[Line]]:
    """Lines of the top block that occur there more than once, by normalised text
    (computed once per text: two rules ask)."""
    groups = doc.derived.get(repeated_in_top)
    if groups is None:
        block = top_block(doc)
        keys = [_key(line.text) for line in block]
        counts = Counter(keys)
        groups = doc.derived[repeated_in_top] = {}
        for key, line in zip(keys, block):
            if counts[key] > 1:
                groups.setdefault(key, []).append(line)
    return groups


class RepeatedHeadline(LineRule):
    """The headline printed several times at the top is kept once (and becomes
    `metadata.title`).  Applies when exactly one distinct line repeats there."""

    id = "boilerplate.repeated_headline"
    category = "boilerplate"
    purpose = "Keep a headline repeated at the top once, and record it as metadata.title."
    examples = (
        (
            "Peace talks gain momentum\n\nPeace talks gain momentum\nKIEV\nPeace talks gain momentum\n\nThe talks resumed on Monday in Riyadh.",
            "Peace talks gain momentum\n\nKIEV\n\nThe talks resumed on Monday in Riyadh.",
        ),
    )

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        groups = repeated_in_top(doc)
        if len(groups) != 1:
            return
        (copies,) = groups.values()
        if not headline_shaped(copies[0].text):
            return
        doc.metadata.setdefault("title", copies[0].text.strip())
        # Copies past the top block's size limit go too: once the first ones are
        # gone they would move into the block, and the next run would take them.
        key = _key(copies[0].text)
        later = [line for line in _before_prose(doc, copies[-1].index + 1) if _key(line.text) == key]
        for line in copies[1:] + later:
            yield line.index, f"headline repeated at the top ({len(copies)} copies; the first is kept)"


def _before_prose(doc: Document, start: int) -> list[Line]:
    """Non-empty lines from line `start` up to the first line that reads as prose."""
    found = []
    for line in doc.lines_from(start):
        if not line.text.strip():
            continue
        if reads_as_prose(line.text):
            break
        found.append(line)
    return found


class SiteTagline(LineRule):
    """Site chrome at the top: when two or more different short lines each repeat
    in the top block ("Useful information", "Prime News delivers ..."), every
    copy goes.  Lines that read as prose are left to the duplicates rule."""

    id = "boilerplate.site_tagline"
    category = "boilerplate"
    purpose = "Remove site taglines and widget titles repeated at the top of the page."
    examples = (
        (
            "Useful information\nPrime News delivers timely news\nUseful information\n"
            "Prime News delivers timely news\nThe talks resumed on Monday in Riyadh.",
            "The talks resumed on Monday in Riyadh.",
        ),
    )

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        groups = repeated_in_top(doc)
        if len(groups) < 2:
            return
        for copies in groups.values():
            if not _wordy(copies[0].text):
                continue
            for line in copies:
                yield line.index, f"site tagline: one of {len(groups)} different lines repeated at the top"


def _wordy(text: str) -> bool:
    """Two words or more, mostly letters: a tagline, not a price or a product code."""
    letters = sum(c.isalpha() for c in text)
    return word_count(text) >= 2 and letters >= 0.6 * len(text.replace(" ", ""))


class Dateline(LineRule):
    """A lone all-capitals place line in the top block ("KIEV") moves to `metadata.dateline`."""

    id = "boilerplate.dateline"
    category = "boilerplate"
    purpose = "Move a lone dateline line ('KIEV') from the top into metadata.dateline."
    examples = (("Peace talks gain momentum\nKIEV\nThe talks resumed on Monday in Riyadh.", "Peace talks gain momentum\nThe talks resumed on Monday in Riyadh."),)

    max_position = 3  # only among the first lines of the top block

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        block = top_block(doc)
        # The dateline is the last line of the top block, under a headline, and the
        # story follows it.  (A lone first word is a section label.)  The line above
        # must not look like a dateline too: that one would go on the next run.
        if not 2 <= len(block) <= self.max_position or not _story_follows(doc, block[-1]):
            return
        text = block[-1].text.strip()
        if _dateline_shaped(text) and not _dateline_shaped(block[-2].text.strip()):
            doc.metadata.setdefault("dateline", text)
            yield block[-1].index, "lone dateline line (moved to metadata.dateline)"


def _dateline_shaped(text: str) -> bool:
    return word_count(text) <= 3 and bool(_DATELINE.match(text)) and sum(c.isalpha() for c in text) >= 3


def _story_follows(doc: Document, line: Line) -> bool:
    """The next non-empty line after `line` reads as prose."""
    for after in doc.lines_from(line.index + 1):
        if after.text.strip():
            return reads_as_prose(after.text)
    return False


RULES = (SiteTagline, RepeatedHeadline, Dateline)
