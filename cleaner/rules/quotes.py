"""Quote marks: a mark pointing the wrong way, and paragraphs whose quotes do not balance.

A paragraph is one line.  A mark is repaired only where one repair is
possible: an opening “ that ends a paragraph or stands before the attribution
while a quotation is open ("not confrontation. “", "our goal, “Sak said.")
can only be a closing mark; a ” that opens a paragraph with nothing open can
only be an opening one.  Anything else that does not balance gets a warning.

A quotation may run over several paragraphs: each then opens with “ and only
the last closes, so an unclosed paragraph followed by one that opens with a
quote mark is balanced.  Text that uses German marks („...“) is left alone.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..document import Document
from ..protect import protected
from .base import Edit, Rule

_VERBS = (
    "said|says|added|told|wrote|asked|stressed|noted|continued|explained|insisted|argued|warned"
    "|stated|replied|concluded|declared|remarked|commented|recalled|tweeted|posted|emphasized|emphasised"
)
_NAME = r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}"
# What follows a closing mark in an attribution: "Sak said.", "said Peskov,", "he added."
_ATTRIBUTION = re.compile(
    rf"(?:{_NAME}|he|she|they|it|we) (?:{_VERBS})\b[^“”\"‘]{{0,80}}$|(?:{_VERBS}) {_NAME}[,.]"
)


# ’ between two Latin letters is an apostrophe ("it’s"); any other ’ may close a quotation.
_CLOSING_SINGLE = re.compile(r"’(?<![A-Za-z]’)|’(?![A-Za-z])")
# A straight " after a digit is an inch mark (34" monitor), not a quote.
_INCH = re.compile(r'(?<=\d)"')
_LEADING_CLOSER = re.compile(r"”\w")


class Marks(NamedTuple):
    open: str
    close: str
    directed: bool  # False for the straight " (one mark for both ends)


_DOUBLE = Marks("“", "”", True)
_SINGLE = Marks("‘", "’", True)
_STRAIGHT = Marks('"', '"', False)
_LOW_HIGH = Marks("„", "“", True)  # German
_GUILLEMETS = Marks("«", "»", True)


@lru_cache(maxsize=None)
def _patterns(marks: Marks) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """An opening mark ending the paragraph; one after a stop, before a word
    (the space and the mark first, so the engine jumps to them); either mark."""
    opening = re.escape(marks.open)
    if marks.directed:  # "peace.“" or "peace. “" -- but never a spaced straight quote in code
        ending = re.compile(rf"(?:(?<=[^\s{opening}])|(?<=[.,!?…]) ){opening}[ \t]*$")
    else:
        ending = re.compile(r'(?<=[.,!?]) "[ \t]*$')
    before_word = re.compile(rf" {opening}(?<=[,.!?] {opening})(?=\S)")
    return ending, before_word, re.compile(f"[{opening}{re.escape(marks.close)}]")


def _depth(marks: Marks, text: str, end: int) -> int:
    """How many quotations of this kind are open at the end of `text[:end]`."""
    return _open(marks, _balance(marks, text, 0, end))


def _open(marks: Marks, balance: int) -> int:
    """Open quotations for a balance of opening minus closing marks (straight quotes: its parity)."""
    return balance if marks.directed else balance % 2


def _balance(marks: Marks, text: str, start: int, end: int) -> int:
    """Opening marks minus closing marks in `text[start:end]` (straight quotes: their count)."""
    if not marks.directed:
        return text.count(marks.open, start, end)
    if marks is _SINGLE:
        # ’ inside a word is an apostrophe ("it’s"): only a ’ not followed by a letter may close.
        return text.count("‘", start, end) - len(_CLOSING_SINGLE.findall(text, start, end))
    return text.count(marks.open, start, end) - text.count(marks.close, start, end)


def _closers_after(marks: Marks, text: str) -> int:
    """Closing marks in `text` that nothing in `text` opened."""
    depth, unmatched = 0, 0
    for ch in text:
        if ch == marks.open and (marks.directed or depth == 0):
            depth += 1
        elif ch == marks.close:
            if depth:
                depth -= 1
            else:
                unmatched += 1
    return unmatched


class QuoteDirection(Rule):
    """A quote mark pointing the wrong way, where only one repair is possible.

    - an opening mark at the end of a paragraph, with a quotation open:
      "not confrontation. “" -> "not confrontation.”";
    - an opening mark after a comma or stop, before the attribution, with a
      quotation open and nothing left to close later: "our goal, “Sak said."
      -> "our goal,” Sak said.";
    - a closing ” that starts a paragraph holding more ” than “:
      "”We want peace,” he said." -> "“We want peace,” he said.".
    The same for ‘ ’ and, for the spacing, for straight quotes.

    Then warns (no edit) about every paragraph whose marks still do not
    balance: where the quotation ends cannot be known.  A paragraph left open
    before one that opens with a quote mark is a quotation running on.
    """

    id = "artifacts.quotes"
    category = "artifacts"
    purpose = "Turn a quote mark pointing the wrong way; warn about quotes that do not balance."
    examples = (
        ("He told CNBC that “a door opened, not confrontation. “", "He told CNBC that “a door opened, not confrontation.”"),
        ("“Now that is our goal, “Sak said.", "“Now that is our goal,” Sak said."),
        ("”We want peace,” he said. “Now.”", "“We want peace,” he said. “Now.”"),
        ("”Vi vill ha fred”, sa han.", "”Vi vill ha fred”, sa han."),
        ('"Now that is our goal, "Sak said.', '"Now that is our goal," Sak said.'),
        ("He said, “Trump said it was fine.”", "He said, “Trump said it was fine.”"),
        ("“We want peace, he said.\nThe end.", "“We want peace, he said.\nThe end."),
    )

    def find(self, doc: Document) -> Iterator[Edit]:
        german = "„" in doc.text
        # ”...” is correct Swedish and Finnish: a leading ” is flipped only where “ is in use.
        english_style = "“" in doc.text
        kinds = [_LOW_HIGH, _SINGLE] if german else [_DOUBLE, _SINGLE, _STRAIGHT]
        kinds.append(_GUILLEMETS)
        guard = protected(doc.text)
        edits: list[Edit] = []
        for line_start, line_end, following in _quoted_paragraphs(doc.text):
            text = doc.text[line_start:line_end]
            # Repairs are found on the paragraph as it is (each kind touches its own marks,
            # so they never overlap), then checked for balance on the repaired paragraph.
            repairs = [] if german else [r for marks in kinds[:-1] for r in _repairs(marks, text, english_style)]
            repairs = [r for r in repairs if not guard.touches(line_start + r[0], line_start + r[1])]
            for start, end, after in sorted(repairs, reverse=True):
                edits.append(Edit(line_start + start, line_start + end, after, "quote mark pointing the wrong way"))
                text = text[:start] + after + text[end:]
            for marks in kinds:
                problem = _imbalance(marks, text, following)
                if problem:
                    doc.warn(self.id, problem, line_start, line_end)
        return edits


_MARKS = "“”‘\"«»„"


def _quoted_paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end) of every line holding a quote mark, with the next non-blank
    line (stripped on the left; "" at the end), in order.

    Each mark is looked for with `str.find` (a regex scan for a class of marks
    tests every character, several times slower), from the end of the last line
    found and only once the mark's previous place is behind: linear in the text.
    """
    ahead = {mark: at for mark in _MARKS if (at := text.find(mark)) != -1}
    while ahead:
        at = min(ahead.values())
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        following, at = "", end
        while at < len(text):
            after = text.find("\n", at + 1)
            after = len(text) if after == -1 else after
            if text[at + 1 : after].strip():
                following = text[at + 1 : after].lstrip()
                break
            at = after
        yield start, end, following
        for mark, at in list(ahead.items()):
            if at < end:
                at = text.find(mark, end)
                if at == -1:
                    del ahead[mark]
                else:
                    ahead[mark] = at


def _repairs(marks: Marks, text: str, english_style: bool = True) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) within one paragraph, at most one per mark."""
    opening, closing = marks.open, marks.close
    # 1. ” opening the paragraph, when the paragraph holds more ” than “.
    if english_style and marks is _DOUBLE and _LEADING_CLOSER.match(text) and text.count("”") > text.count("“"):
        yield 0, 1, opening
        text = opening + text[1:]
    if opening not in text:
        return  # 2. and 3. turn an opening mark
    ending, before_word, _ = _patterns(marks)
    # 2. An opening mark ending the paragraph while a quotation is open.  A match
    # starts at most two characters before the trailing spaces: look there only.
    m = ending.search(text, max(0, len(text.rstrip(" \t")) - 2))
    if m and _depth(marks, text, m.start()) >= 1:
        yield m.start(), m.end(), closing
        return
    # 3. ", “Sak said." -- an opening mark before the attribution while a quotation is open.
    # The depth is counted on from one match to the next (each match starts with a space,
    # so no count depends on where the text is cut): linear on a huge paragraph.
    balance, counted = 0, 0
    for m in before_word.finditer(text):
        balance += _balance(marks, text, counted, m.start())
        counted = m.start()
        if (
            _open(marks, balance) >= 1
            and _ATTRIBUTION.match(text, m.end())
            and text.find(opening, m.end()) == -1
            and _closers_after(marks, text[m.end() :]) == 0
        ):
            yield m.start(), m.end(), closing + " "
            return


def _imbalance(marks: Marks, text: str, following: str) -> str | None:
    if marks.open not in text and marks.close not in text:
        return None
    runs_on = following.startswith(marks.open)
    if not marks.directed:
        if (text.count(marks.open) - len(_INCH.findall(text))) % 2 and not runs_on:
            return f"odd number of {marks.open} quote marks in the paragraph"
        return None
    if marks is _SINGLE:
        # Only an opening ‘ with no possible closer is certain: ’ doubles as apostrophe.
        if "‘" not in text:
            return None
        closers = len(_CLOSING_SINGLE.findall(text))
        if text.count("‘") > closers and not runs_on:
            return "‘ opened and never closed in the paragraph"
        return None
    depth = 0
    for ch in _patterns(marks)[2].findall(text):  # the marks alone, in order
        if ch == marks.open:
            depth += 1
        elif ch == marks.close:
            depth -= 1
            if depth < 0:
                return f"{marks.close} closes a quotation that was never opened"
    if depth > 0 and not runs_on:
        return f"{marks.open} opened and never closed in the paragraph"
    return None


RULES = (QuoteDirection,)
