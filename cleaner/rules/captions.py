"""Photo credits and captions.

A credit line ("Chris McGrath | Getty Images", "Photo: X/AFP", "© Reuters")
is proof: it goes, and so does the one-sentence caption right above it.  A
few caption openings prove a caption alone ("(FILES) This aerial handout
photograph ...", "From left to right: ...").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import phrases
from ..document import Document
from .base import LINE_CACHE, ALL_PROFILES, LineFacts, LineRule, first_words, line_facts, may_start, word_count

_PIPE = re.compile(r"\s+[|¦]\s+")
_BY = re.compile(r"\bby\b")


def _credit_hint(text: str) -> bool:
    """Every credit line longer than eight words holds "|", "¦", "©", ":", ")" or "by"."""
    return any(c in text for c in "|¦©:)") or ("by" in text and _BY.search(text) is not None)


def _has_pipe(text: str) -> bool:
    return "|" in text or "¦" in text



_TERMINAL = re.compile(r"[.!?]$")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*$")
_COPYRIGHT_CREDIT = re.compile(r"(?:^|\s)©\s*(\S+(?:\s+\S+){0,7})\s*$")
_PAREN_CREDIT = re.compile(
    r"\((?:photo|photos|photograph|image|picture|foto|credit|AP Photo)\b[^()]{0,120}\)\s*$"
    r"|\([^()]{0,80}/(?:Getty Images|AFP|Reuters|AP|EPA|Bloomberg|Anadolu)[^()]{0,40}\)\s*$",
    re.IGNORECASE,
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = re.compile(rf"\b(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}\b|\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b")
# A sentence end: not after an initial ("U.S.") or a common abbreviation ("St.").
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bSt)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bJr)(?<!\bSr)(?<!\bNo)(?<!\bMrs)(?<!\bGen)"
    r"(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bCol)(?<!\bLt)[.!?][\"”’]?\s+[A-Z“\"]"
)
_QUOTE_START = re.compile(r"^[\"“„«‘']")


@lru_cache(maxsize=1)
def _agencies() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{phrases.alternation(phrases.load('photo_agencies.txt'))})(?!\w)")


@lru_cache(maxsize=1)
def _credit_words() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{phrases.alternation(phrases.load('credit_words.txt'))})(?!\w)")


@lru_cache(maxsize=1)
def _credit_prefix() -> re.Pattern[str]:
    return re.compile(rf"^\W{{0,2}}(?:{phrases.alternation(phrases.load('credit_prefixes.txt'))})\s*(?::|by\b)\s*\S")


@lru_cache(maxsize=1)
def _caption_start() -> re.Pattern[str]:
    return phrases.start_pattern(phrases.load("caption_starts.txt"))


@lru_cache(maxsize=1)
def _credit_prefix_words() -> frozenset[str] | None:
    return first_words(phrases.load("credit_prefixes.txt"))


@lru_cache(maxsize=1)
def _caption_start_words() -> frozenset[str] | None:
    return first_words(phrases.load("caption_starts.txt"))


@lru_cache(maxsize=1)
def _credit_start_words() -> frozenset[str] | None:
    """First words of the credit prefixes and of the agency names."""
    prefixes, agencies = _credit_prefix_words(), first_words(phrases.load("photo_agencies.txt"))
    return None if prefixes is None or agencies is None else prefixes | agencies


# A ")" that ends its line (trailing whitespace aside, as str.rstrip takes it).
_CLOSING_LINE = re.compile(r"\)[^\S\n]*(?:\n|\Z)")


def _credit_candidates(facts: LineFacts) -> set[str]:
    """The texts that may be a credit line (`credit_reason` or `byline_credit`).

    Each kind of credit starts with a credit prefix ("Photo: ...") or an
    agency name ("AFP, Getty Images"), or holds a pipe or a "©", or ends with
    a closing parenthesis, or (eight words at most) holds "/" or " via "."""
    found = set(facts.starting_with(_credit_start_words()))
    for needle in ("|", "¦", "©"):
        found |= facts.holding(needle)
    text = facts.text
    for closing in _CLOSING_LINE.finditer(text):  # ")" ending a line, in C: most ")" do not
        at = closing.start()
        end = text.find("\n", at)
        found.add(text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)])
    for needle in ("/", " via "):
        found.update(text for text in facts.holding(needle) if word_count(text) <= 8)
    return found


@lru_cache(maxsize=1)
def _caption_cue() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{phrases.alternation(phrases.load('caption_cues.txt'))})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=LINE_CACHE)
def credit_reason(line: str) -> str | None:
    """Why `line` is certainly a photo-credit line, or None."""
    text = line.strip()
    words = word_count(text)
    if words > 8 and not _credit_hint(text):
        return None  # every longer credit holds one of these
    parts = _PIPE.split(text) if _has_pipe(text) else (text,)
    if 2 <= len(parts) <= 4 and words <= 16 and not _TERMINAL.search(text):
        if all(word_count(p) <= 7 for p in parts) and (_agencies().search(text) or _credit_words().search(text)):
            return "photo credit: pipe-separated credit naming an agency"
    if words <= 20 and may_start(text, _credit_prefix_words()) and _credit_prefix().match(text):
        return "photo credit: credit prefix"
    if (
        words <= 60 and "©" in text and _COPYRIGHT_CREDIT.search(text)
        and not re.search(r"rights reserved|\b(?:19|20)\d\d\s*$", text, re.I)
    ):
        return "photo credit: © credit" + (" ending a caption" if words > 8 else "")
    if words <= 80 and text.endswith(")") and _PAREN_CREDIT.search(text):
        return "photo credit: parenthesised credit" + (" ending a caption" if text[0] != "(" else "")
    if words <= 8 and _agencies().search(text) and ("/" in text or " via " in text or _only_agencies(text)):
        return "photo credit: agency line"
    return None


@lru_cache(maxsize=LINE_CACHE)
def byline_credit(line: str) -> bool:
    """"Simon Dawson | No 10 Downing Street": a name, a pipe, an outlet.

    Weaker than `credit_reason` (product tables look alike: "Best For | Denim"),
    so it counts only under a caption that describes a photo.
    """
    text = line.strip()
    if not _has_pipe(text):
        return False
    parts = _PIPE.split(text)
    return (
        2 <= len(parts) <= 3
        and word_count(text) <= 12
        and not _TERMINAL.search(text)
        and _name_shaped(parts[0])
        and all(p[:1].isupper() or p[:1].isdigit() for p in parts)
    )


_FUNCTION_WORDS = frozenset("a an and at best by for from in of on or the to up with".split())


def _name_shaped(part: str) -> bool:
    tokens = part.split()
    return 2 <= len(tokens) <= 4 and all(
        _NAME_TOKEN.match(t) and t.casefold() not in _FUNCTION_WORDS for t in tokens
    )


def _only_agencies(text: str) -> bool:
    return not _agencies().sub("", text).strip(" ,/|-–&")


@lru_cache(maxsize=LINE_CACHE)
def caption_shaped(line: str, need_cue: bool) -> bool:
    """A single sentence that describes a photo (not quoted speech)."""
    text = line.strip()
    if not text or _QUOTE_START.match(text) or word_count(text) > 80:
        return False
    if _SENTENCE_BREAK.search(text):
        return False
    if credit_reason(text):
        return False
    return not need_cue or bool(_caption_cue().search(text) or _DATE.search(text))


class PhotoCredit(LineRule):
    """Photo-credit lines and the caption right above each.

    The caption is the line right above the credit (blank lines between are
    allowed) when it is one sentence that describes a photo: a date, "(L)",
    "second from left", a present-tense verb ("speaks", "attend").  A
    one-sentence paragraph without such a cue stays: a credit can follow
    article text directly.  A credit naming no agency ("Simon Dawson | No 10
    Downing Street") counts only under such a caption.
    """

    id = "boilerplate.photo_credit"
    category = "boilerplate"
    purpose = "Remove photo-credit lines and the caption each belongs to."
    examples = (
        (
            "Talks resumed.\nTrump and Putin attend a press conference in Helsinki, on July 16, 2018.\n"
            "Brendan Smialowski | AFP | Getty images\nBoth sides agreed.",
            "Talks resumed.\nBoth sides agreed.",
        ),
        ("Talks resumed.\nPhoto: Sergei Ilnitsky/EPA\nEnd.", "Talks resumed.\nEnd."),
    )
    profiles = ALL_PROFILES

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        facts = line_facts(doc)
        # in line order: a line can be both a credit and the caption above the next one
        indexes = sorted(index for text in _credit_candidates(facts) for index in facts.indexes(text))
        for index in indexes:
            yield from credit_verdicts(facts.lines, index)


def credit_verdicts(lines: list[str], index: int) -> Iterator[tuple[int, str]]:
    """(line index, reason) for line `index` of `lines` (the texts of all lines) if it
    is a photo credit, then for the caption above it."""
    text = lines[index]
    reason = credit_reason(text)
    if reason:
        caption = _caption_above(lines, index)
    elif byline_credit(text):
        caption = _caption_above(lines, index)
        reason = "photo credit: photographer | outlet, under a photo caption" if caption is not None else None
    if not reason:
        return
    yield index, reason
    if caption is not None:
        yield caption, "photo caption above a credit line"


def _caption_above(lines: list[str], index: int) -> int | None:
    """The caption line above the credit at `index` (one paragraph break between is
    allowed: a run of blank lines counts as one, as the final layout makes it, so
    that a line removed between them by an earlier rule changes nothing)."""
    above = index - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0:
        return None
    return above if caption_shaped(lines[above], need_cue=True) else None


class Caption(LineRule):
    """Captions recognisable alone: "(FILES) This aerial handout photograph ...",
    "From left to right: ...", "In this photo taken on ..."."""

    id = "boilerplate.caption"
    category = "boilerplate"
    purpose = "Remove lines that open like a photo caption ('(FILES) ...', 'From left to right: ...')."
    examples = (
        ("(FILES) This aerial handout photograph shows damaged buildings in Chasiv Yar\nTalks resumed.", "Talks resumed."),
    )
    profiles = ALL_PROFILES

    def candidates(self, facts: LineFacts) -> list[str]:
        return facts.starting_with(_caption_start_words())

    def judge(self, line: str) -> str | None:
        if not may_start(line, _caption_start_words()):
            return None
        text = line.strip()
        m = _caption_start().match(text)
        if m and word_count(text) <= 100 and not _QUOTE_START.match(text):
            return f"photo caption: opens with {m.group(0).strip()!r}"
        return None


RULES = (PhotoCredit, Caption)
