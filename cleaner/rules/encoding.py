"""Encoding rules: repair what went wrong between bytes and characters.

Run first, so every later rule sees real characters.  ftfy does the hard part;
it runs only on lines a cheap test finds suspicious.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from ..document import Document
from .base import ALL_PROFILES, LINE_CACHE, Edit, RegexRule, Rule

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x1b]")


class Mojibake(Rule):
    """Mojibake, HTML entities and control characters, repaired with ftfy.

    Only lines that a cheap test finds suspicious (ftfy's own badness test, an
    entity, a control character) are handed to `ftfy.fix_and_explain`; quotes
    are never uncurled and full-width characters stay (they are correct in CJK
    text).  The reason names the ftfy steps that changed the line.
    """

    id = "encoding.mojibake"
    category = "encoding"
    purpose = "Repair mojibake, HTML entities and control characters with ftfy."
    examples = (("It doesnâ€™t cost &pound;5.", "It doesn’t cost £5."),)
    profiles = ALL_PROFILES

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        control, entity = _CONTROL.search(text) is not None, "&" in text
        if not (control or entity or _ORDINARY.search(text)):
            return  # plain ASCII and typography: nothing for ftfy to do
        for start, line in _lines(text):
            repair = _repair(line, control, entity)
            if repair is not None:
                head, tail, after, reason = repair
                yield Edit(start + head, start + len(line) - tail, after, reason)


@lru_cache(maxsize=LINE_CACHE)
def _repair(line: str, control: bool, entity: bool) -> tuple[int, int, str, str] | None:
    """ftfy's repair of one line as (unchanged head, unchanged tail, replacement between,
    reason), or None.  Cached: the stage repeats, the recheck runs it again, and a line
    ftfy cannot repair would be judged anew each time."""
    if not _suspicious(line, control, entity):
        return None
    import ftfy

    fixed, steps = ftfy.fix_and_explain(line, config=_ftfy_config())
    if fixed == line:
        return None
    # Report the smallest span that changed.
    head = _common_prefix(line, fixed)
    tail = _common_prefix(line[head:][::-1], fixed[head:][::-1])
    names = ", ".join(dict.fromkeys(step[1] if step[0] != "encode" else f"{step[1]} re-decode" for step in steps or []))
    return head, tail, fixed[head : len(fixed) - tail], f"ftfy: {names}"


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    import ftfy

    return ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_line_breaks=False, normalization=None)


# Lines are cut as layout.line_endings will cut them (after this rule): ftfy judges a
# line as a whole (a line holding both "Ã¤" and a MacRoman "‚Äù" gets only the first
# repaired), so it must see the lines the next run will see.
_BREAK = re.compile(r"[\n\r\u2028\u2029\x85]")
# A character `_suspicious` may act on: a control character, "&", or one beyond
# ASCII and common typography (`_ORDINARY`).  A line without one is never suspicious.
_NOTABLE = re.compile("[^\t\n\r\x20-\x25\x27-\x7e‘’“”„–—…•·«»£€°±×©®\u2028\u2029\x85]")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(start, text) of every line of `text` that holds a `_NOTABLE` character, the
    lines cut at every line break.  The others are skipped in C."""
    breaks = [brk for brk in "\n\r\u2028\u2029\x85" if brk in text]
    at = 0  # where the last line yielded ends (its line break), or 0: no break is looked for before it
    while (m := _NOTABLE.search(text, at)) is not None:
        start = max([text.rfind(brk, at, m.start()) for brk in breaks], default=-1) + 1
        end = _BREAK.search(text, m.end())
        at = end.start() if end else len(text)
        yield start, text[start:at]


# Characters common in clean text that no mojibake test needs to look at:
# typographic quotes and dashes, ellipsis, bullets, currency and a few signs.
# A text with nothing else beyond ASCII skips ftfy's (costly) badness test.
_ORDINARY = re.compile(r"[^\x00-\x7f‘’“”„–—…•·«»£€°±×©®]")
_LIGATURES_SURROGATES = re.compile("[\ufb00-\ufb06\ud800-\udfff]")


def _suspicious(text: str, control: bool = True, entity: bool = True) -> bool:
    """Whether ftfy should look at line `text`; `control` / `entity`: False when
    the whole document holds no control character / no "&"."""
    if (control and _CONTROL.search(text)) or (entity and "&" in text and _ENTITY.search(text)):
        return True
    if not _ORDINARY.search(text):
        return False
    if _LIGATURES_SURROGATES.search(text):
        return True
    from ftfy import badness

    return badness.is_bad(text)


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"


class Invisible(RegexRule):
    """Zero-width spaces, word joiners, byte-order marks and soft hyphens are deleted.

    Zero-width (non-)joiners are kept between two non-Latin letters, where they
    shape Persian, Indic and emoji sequences.
    """

    id = "encoding.invisible"
    category = "encoding"
    purpose = "Delete zero-width characters, byte-order marks and soft hyphens."
    examples = (("Peace\u200b talks re\u00adsume", "Peace talks resume"),)
    profiles = ALL_PROFILES
    pattern = re.compile(f"[{_INVISIBLE}]+")
    reason = "invisible character"

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        if not any(c in text for c in _INVISIBLE):
            return  # substring tests: ~100x faster than the pattern's scan
        for m in self.pattern.finditer(text):
            chars = m.group(0)
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            keep_joiners = _non_latin(before) and _non_latin(after)
            kept = "".join(c for c in chars if keep_joiners and c in "\u200c\u200d")
            if kept != chars:
                yield Edit(m.start(), m.end(), kept, f"invisible character {_names(chars)}")


def _non_latin(ch: str) -> bool:
    return bool(ch) and ord(ch) > 0x024F and not ch.isspace()


def _names(chars: str) -> str:
    return ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in chars))


class UnicodeSpaces(RegexRule):
    """No-break and other fixed-width Unicode spaces become a plain space."""

    id = "encoding.spaces"
    category = "encoding"
    purpose = "Turn NBSP and other Unicode spaces into plain spaces."
    examples = (("10\u00a0km from Kyiv", "10 km from Kyiv"),)
    profiles = ALL_PROFILES
    pattern = re.compile(f"[{_SPACES}]+")
    reason = "Unicode space"

    def may_match(self, text: str) -> bool:
        return any(c in text for c in _SPACES)

    def replace(self, match: re.Match[str]) -> str:
        return " "


class NormalizeNFC(Rule):
    """Text is put in Unicode NFC, so "e" + combining acute and "é" compare equal."""

    id = "encoding.nfc"
    category = "encoding"
    purpose = "Normalize to Unicode NFC."
    examples = (("Erdog\u0306an", "Erdoğan"),)
    profiles = ALL_PROFILES

    def find(self, doc: Document) -> Iterator[Edit]:
        if unicodedata.is_normalized("NFC", doc.text):
            return
        for line in doc.lines:
            if not unicodedata.is_normalized("NFC", line.text):
                yield Edit(line.start, line.end, unicodedata.normalize("NFC", line.text), "Unicode NFC")


RULES = (Mojibake, Invisible, UnicodeSpaces, NormalizeNFC)
