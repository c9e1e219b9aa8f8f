"""Layout rules: whitespace only, never a visible character.

They run right after encoding and again at the very end ("final"), after
other rules removed lines.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from .base import ALL_PROFILES, Edit, RegexRule, Rule


_BLANKS = " \t\f\v"  # what TrailingSpace removes
_BLANK_BEFORE_NEWLINE = re.compile(r"\n(?<=[ \t\f\v]\n)")  # a newline after a blank


class LineEndings(RegexRule):
    """Windows and old-Mac line endings become "\\n"."""

    id = "layout.line_endings"
    category = "layout"
    purpose = "Turn CRLF and CR line endings into LF."
    examples = (("One.\r\nTwo.\rThree.", "One.\nTwo.\nThree."),)
    profiles = ALL_PROFILES
    pattern = re.compile(r"\r\n?|[\u2028\u2029\x85]")
    reason = "line ending"

    def may_match(self, text: str) -> bool:
        return "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text

    def replace(self, match: re.Match[str]) -> str:
        return "\n"


class TrailingSpace(Rule):
    """Spaces and tabs at the end of a line (and whitespace-only lines) are removed."""

    id = "layout.trailing_space"
    category = "layout"
    purpose = "Remove trailing spaces and empty out whitespace-only lines."
    examples = (("Peace talks.  \n \nNext.", "Peace talks.\n\nNext."),)
    profiles = ALL_PROFILES

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        # the line ends after a blank, found from the newlines (the engine skips to each):
        # neither a `Line` per line nor a MULTILINE `[ \t]+$` (~25 ns a character)
        ends = [m.start() for m in _BLANK_BEFORE_NEWLINE.finditer(text)]
        if text and text[-1] in _BLANKS:
            ends.append(len(text))
        for end in ends:
            start = text.rfind("\n", 0, end) + 1
            kept = len(text[start:end].rstrip(_BLANKS))
            yield Edit(start + kept, end, "", "trailing whitespace")


class InnerSpaces(RegexRule):
    """A run of spaces between two words becomes one space (indentation is left alone)."""

    id = "layout.inner_spaces"
    category = "layout"
    purpose = "Collapse runs of spaces inside a line."
    examples = (("During the call,  Erdoğan said", "During the call, Erdoğan said"),)
    profiles = ALL_PROFILES
    pattern = re.compile(r"(?<=\S) {2,}(?=\S)")
    reason = "repeated spaces"

    def may_match(self, text: str) -> bool:
        return "  " in text

    def replace(self, match: re.Match[str]) -> str:
        return " "


class BlankLines(Rule):
    """Exactly one blank line between paragraphs; none at the start or end.

    The text ends with a newline exactly when the input did, so that cleaning
    is idempotent and files stay files.
    """

    id = "layout.blank_lines"
    category = "layout"
    purpose = "Keep exactly one blank line between paragraphs and none at the ends."
    examples = (("\n\nFirst.\n\n\n\nSecond.\n\n", "First.\n\nSecond.\n"),)
    profiles = ALL_PROFILES
    _RUN = re.compile(r"\n{3,}")

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        body_start = len(text) - len(text.lstrip("\n"))
        body_end = len(text.rstrip("\n"))
        if body_start >= body_end:  # nothing but newlines
            if text:
                yield Edit(0, len(text), "", "empty document")
            return
        if body_start:
            yield Edit(0, body_start, "", "blank lines at the start")
        # each run of three newlines or more, as `_RUN.finditer` finds them: from where
        # str.find sees its first three (the pattern alone scans at ~18 ns a character)
        at = text.find("\n\n\n", body_start, body_end)
        while at != -1:
            end = self._RUN.match(text, at, body_end).end()
            yield Edit(at, end, "\n\n", "more than one blank line")
            at = text.find("\n\n\n", end, body_end)
        ending = "\n" if doc.original.endswith(("\n", "\r")) else ""
        if text[body_end:] != ending:
            yield Edit(body_end, len(text), ending, "blank lines at the end")


RULES = (LineEndings, TrailingSpace, InnerSpaces, BlankLines)
