"""Sentence boundaries: a missing space between two sentences, and sentences cut short.

The translator glues sentences ("him.Street") -- that is repaired.  It also
drops words: a sentence loses its verb ("..., the Secretary of Defense, Pete
Hegseth Russia in 2014."), a paragraph stops mid-clause.  The missing words
are gone, so those only get a warning, and only in English text, tuned to
stay quiet on clean professional prose: a sentence counts as verbless only
when every lower-case word in it is positively not a verb.
"""
from __future__ import annotations

import re
import sys
from itertools import accumulate, compress, count, repeat
from operator import add, le
from typing import Iterator

from ..document import Document
from .guarded import GuardedRegexRule, alternation, at_stop
from .base import Edit, LineFacts
from .foreign import looks_english

# Words that are never verbs: determiners, prepositions, conjunctions, quantifiers.
_NOT_VERBS = frozenset(
    """
    the a an of in on at to for with from by about before after during between into over under against without
    within among across since until as than and or but nor both either neither this that these those its their
    his her our my your some any all each every many much more most other such no not very also only just still
    even then there here now former same own new old first last next several few later earlier once again
    """.split()
)
# Endings that make a word a noun ("announcement", "negotiations", "sovereignty").
_NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity|ism|ist|ship|ance|ence|ency|ancy|hood)s?$|ities$")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# What `verbless` may accept, in one regex: the words, taken as `_WORD` takes them,
# each either capitalised (bar the first) or, in any case, a listed word, a noun (by
# `_NOUN_ENDING`, looked back at from the word's end) or a word with an apostrophe
# (`verbless` decides those).  Everything is optional: a match always succeeds, on
# the first way through (greedy, no backtracking), and stops at the first word that
# is none of these -- for most sentences their first or second.
# The noun endings are looked for in lower case first (a case-insensitive alternation is
# tried branch by branch, twice the cost), and in any case only when a capital letter
# stands among the word's last five characters (or fewer than five precede).
_ENDINGS = (
    r"(?<=tion|sion|ment|ness|ship|ance|ence|ency|ancy|hood|itys|isms|ists)|(?<=ity|ism|ist)"
    r"|(?<=tions|sions|ments|nesss|ships|ances|ences|encys|ancys|hoods|ities)"
)
_MAYBE_NOT_VERB = (
    rf"(?=(?i:{alternation(_NOT_VERBS)})(?![A-Za-z]|['’][a-z])|[A-Za-z]+(?![A-Za-z])(?:['’]|{_ENDINGS}"
    rf"|(?<![^A-Z][^A-Z][^A-Z][^A-Z][^A-Z])(?i:{_ENDINGS})))"
)
_VERBLESS_PREFIX = re.compile(
    rf"[^A-Za-z]*(?:{_MAYBE_NOT_VERB}{_WORD.pattern}"
    rf"(?:[^A-Za-z]*(?:(?=[A-Z])|(?=[a-z]){_MAYBE_NOT_VERB}){_WORD.pattern})*)?[^A-Za-z]*",
    re.ASCII,  # (?i) folds ASCII letters only, as str.lower() does on them
)
# A sentence end inside a paragraph (not after an initial or a short abbreviation).
# The stop comes first, the look back after it: the engine jumps from stop to stop.
_SENTENCE_END = re.compile(r"[.!?](?<![A-Z][.!?])(?<!\b[A-Z][a-z][.!?])[\"”’)]*(?=\s+[\"“‘(]?[A-Z])")
# The same with the spaces after it (group 1), and its two variants: from a full stop
# only (the engine skips to a literal faster than to a class) and from any stop.
_BREAKS = (
    re.compile(_SENTENCE_END.pattern.replace("[.!?]", r"\.", 1) + r"(\s+)"),
    re.compile(_SENTENCE_END.pattern + r"(\s+)"),
)
_FUNCTION_END = re.compile(
    r"\b(?:the|a|an|of|to|and|or|with|for|from|by|that|which)$"
)
# The longest word _FUNCTION_END ends in, and the character before it.
_FUNCTION_END_REACH = 6
_QUOTE_MARKS = re.compile(r"[“”\"«»]")
# The last letters of the words `_FUNCTION_END` looks for (a cheaper test first).
_FUNCTION_TAILS = ("the", "a", "an", "of", "to", "and", "or", "with", "for", "from", "by", "that", "which")


def _line_starts(lines: list[str]) -> list[int]:
    """The offset of each of `lines` in the text they were split from (at newlines)."""
    return list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph (ends found by `_SENTENCE_END`)."""
    start = 0
    for m in _BREAKS["!" in text or "?" in text].finditer(text):
        yield start, m.start(1)
        start = m.end()
    if start < len(text):
        yield start, len(text)


def verbless(sentence: str, start: int = 0, end: int = sys.maxsize) -> bool:
    """True when no word of `sentence[start:end]` can be a verb (capitalised words are names, bar the first)."""
    for i, match in enumerate(_WORD.finditer(sentence, start, end)):  # most sentences stop at their second word
        word = match.group()
        if i == 0 or word[0].islower():
            word = word.lower()
            if word not in _NOT_VERBS and not _NOUN_ENDING.search(word):
                return False
    return True


class SentenceSpace(GuardedRegexRule):
    """A missing space between two sentences: "to him.Street signals" -> "to him. Street signals".

    Also warns (no edit) about a sentence with no verb at all and about a
    paragraph that ends mid-clause, in a comma or a function word.

    Only after a lower-case word of two letters or more (or a year) and before
    a capitalised word, and never inside a protected span: "U.S.", "p.m.",
    "J.K.", "3.5", "example.com", "www.Site.org", "report.Pdf" stay.
    """

    id = "artifacts.sentence_space"
    category = "artifacts"
    purpose = "Insert the missing space between two sentences (\"him.Street\"); warn about truncated ones."
    examples = (
        ("He speaks to him.Street signals matter.", "He speaks to him. Street signals matter."),
        ("At 3 p.m. in the U.S. J.K. Rowling paid 3.5% on example.com.", "At 3 p.m. in the U.S. J.K. Rowling paid 3.5% on example.com."),
        ("Visit www.Example.com or mail press@un.Org today.", "Visit www.Example.com or mail press@un.Org today."),
        (
            "Before the announcement, the United States Secretary of Defense, Pete Hegseth Russia in 2014.",
            "Before the announcement, the United States Secretary of Defense, Pete Hegseth Russia in 2014.",
        ),
    )
    # The stop and the capital; the word before it is checked in `replace` (cheaper).
    pattern = re.compile(r"[.!?](?=[A-Z][a-z])")
    scans = (at_stop(r"\.(?=[A-Z][a-z])"), re.compile(r"!(?=[A-Z][a-z])"), re.compile(r"\?(?=[A-Z][a-z])"))
    _BEFORE = re.compile(r"(?<![\w.@/\\:-])(?:[a-z]{2,}|\d{4})$")
    reason = "missing space between sentences"
    # Sentences shorter than this are headlines, labels, elliptic speech.
    min_words = 8

    def find(self, doc: Document) -> Iterator[Edit]:
        facts = doc.derived.get(LineFacts)  # the line index of this text, if a line rule built it
        warnings = list(self._warnings(doc.text, facts.lines if facts is not None else None))
        if warnings and looks_english(doc.text):  # asked last: most texts have nothing to warn about
            for message, start, end in warnings:
                doc.warn(self.id, message, start, end)
        return super().find(doc)

    def _warnings(self, text: str, lines: list[str] | None = None) -> Iterator[tuple[str, int, int]]:
        """(message, start, end) of each truncated sentence or paragraph, in any language
        (`lines`: the lines of `text`, when known)."""
        lines = text.split("\n") if lines is None else lines
        paras = list(map(str.rstrip, lines))
        starts: list[int] = []  # the offset of each line, computed for the first warning
        # most lines are short: skipped in C
        for index in compress(count(), map(le, repeat(40), map(len, paras))):
            para = paras[index]
            if "|" in para:
                continue
            if not para.endswith((".", "!", "?")):  # (a line ending in a stop never ends in a word)
                if (
                    para.endswith(_FUNCTION_TAILS)
                    and _FUNCTION_END.search(para, len(para) - _FUNCTION_END_REACH)
                    and len(para.split()) >= self.min_words + 2
                ):
                    starts = starts or _line_starts(lines)
                    yield "paragraph ends mid-clause: truncated?", starts[index], starts[index] + len(lines[index])
                continue
            if "," not in para:
                continue  # only a sentence with a comma is looked at below
            for start, end in sentences(para):  # (no space around one)
                if (
                    para[end - 1] == "."
                    and para.find(",", start, end) != -1
                    and _VERBLESS_PREFIX.match(para, start, end).end() == end  # stops at the 1st or 2nd word of most
                    and verbless(para, start, end)
                    and len(para[start:end].split()) >= self.min_words
                    and not _QUOTE_MARKS.search(para, start, end)
                ):
                    starts = starts or _line_starts(lines)
                    line_start = starts[index]
                    yield "sentence without a verb: truncated in translation?", line_start + start, line_start + end

    def replace(self, match: re.Match[str]) -> str | None:
        text = match.string
        if not self._BEFORE.search(text, max(0, match.start() - 40), match.start()):
            return None
        left = _STRETCH_END.search(text, max(0, match.start() - _REACH), match.start()).start()
        right = _STRETCH.match(text, match.end(), min(len(text), match.end() + _REACH)).end()
        token = text[left:right]
        if _CODE.search(token) or not _NEXT_WORD.match(text, match.end()):
            return None  # "response.Buckets;", "redis.Redis(host)", "perf!GeneralProfiles"
        return match.group(0) + " "

    def edit_span(self, match: re.Match[str]) -> tuple[int, int]:
        return match.start(), match.end()


# The whitespace-free stretch around a stop, looked at no further than _REACH either side.
_REACH = 200
_STRETCH = re.compile(r"\S*")
_STRETCH_END = re.compile(r"\S*$")
# Characters that make a dotted token code, not prose.
_CODE = re.compile(r"[()\[\]{}=;_/\\<>|@#$%^&*+~`]")
# The word after a glued sentence end: capitalised, then lower case, then a word end.
_NEXT_WORD = re.compile(r"[A-Z][a-z]+(?:[’'][a-z]+)?(?=[\s,:;!?”’\"-]|\.(?:\s|$)|$)")


RULES = (SentenceSpace,)
