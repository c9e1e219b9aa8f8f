"""Translation and typing artifacts: stutters, spacing slips, known mistranslations.

Machine translation repeats a word or phrase ("resolve the resolving the":
the stutter rules, in `stutters`), glues sentences together ("him.Street",
in `sentences`) and splits words ("non -negotiable").  Every rule here is
precision first: it fixes only a shape that is never deliberate, and never
edits inside a protected span (`cleaner.protect`: URLs, e-mails, domains,
file names, abbreviations, initials, decimals, times; see `guarded`).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from ..protect import protected
from .base import Edit
from .guarded import GuardedRegexRule, at_stop, stop_matches
from .stutters import RepeatedPhrase, RepeatedWord

# -- spacing ------------------------------------------------------------------


class HyphenSpace(GuardedRegexRule):
    """A space before the hyphen of a prefixed word: "non -negotiable" -> "non-negotiable".

    Only after a listed prefix ("non", "anti", "pro", "self", "ex", "co", ...),
    not after words that stand alone ("long -too long" may be a dash); a
    suspended hyphen ("pro- and anti-war") and a minus ("3 -2") stay.
    """

    id = "artifacts.hyphen_space"
    category = "artifacts"
    purpose = "Remove a space before the hyphen inside a prefixed word (\"non -negotiable\")."
    examples = (
        ("certain non -negotiable problems", "certain non-negotiable problems"),
        ("pro- and anti-war groups; the score was 3 -2", "pro- and anti-war groups; the score was 3 -2"),
    )
    pattern = re.compile(r" (?=-[A-Za-z]{2,})")
    _PREFIX = re.compile(
        r"(?<![\w-])(?:non|anti|pro|co|pre|post|self|ex|multi|semi|counter|cross|inter|sub|super"
        r"|ultra|mid|quasi|pseudo|neo|vice|re|bi|trans|extra|socio|geo|pan|euro)$",
        re.IGNORECASE,
    )
    reason = "space before the hyphen inside a word"
    english_only = True

    # Where `pattern` may match, looked for from the hyphen (rarer than the space).
    _SPACED_HYPHEN = re.compile(r"-(?<= -)(?=[A-Za-z]{2})")

    def can_match(self, text: str) -> bool:
        return self._SPACED_HYPHEN.search(text) is not None

    def replace(self, match: re.Match[str]) -> str | None:
        start = match.start()
        return "" if self._PREFIX.search(match.string, max(0, start - 8), start) else None


class TimeZoneSpace(GuardedRegexRule):
    """A time glued to its time zone: "(14:00CET)" -> "(14:00 CET)"."""

    id = "artifacts.time_zone_space"
    category = "artifacts"
    purpose = "Insert the space between a time and its time zone (\"14:00CET\")."
    examples = (("ended before 3 p.m. (14:00CET).", "ended before 3 p.m. (14:00 CET)."),)
    _ZONE = (
        r"\d\d(?=(?:CET|CEST|EET|EEST|WET|WEST|MSK|GMT|UTC|BST|IST|EST|EDT|CST|CDT|MST|MDT"
        r"|PST|PDT|AKST|HST|JST|KST|AEST|AEDT|SGT|HKT|TRT)\b)"
    )
    pattern = re.compile(r"[:.]" + _ZONE)
    scans = (re.compile(":" + _ZONE), at_stop(r"\." + _ZONE))
    _HOUR = re.compile(r"(?<![\d:.])\d{1,2}$")
    reason = "missing space between time and time zone"

    def replace(self, match: re.Match[str]) -> str | None:
        if not self._HOUR.search(match.string, max(0, match.start() - 3), match.start()):
            return None  # "1.5CET", "2024.01CET": not a time
        return match.group(0) + " "

    def edit_span(self, match: re.Match[str]) -> tuple[int, int]:
        return match.end(), match.end()


_WORD_CHAR = re.compile(r"[^\W_]")


class SpaceBeforePunctuation(GuardedRegexRule):
    """A space before a comma or full stop: "Russia , Ukraine ." -> "Russia, Ukraine.".

    A spaced ellipsis (". . ."), ".NET", ".5" and "1 ,000"-style numbers stay.
    """

    id = "artifacts.space_before_punctuation"
    category = "artifacts"
    purpose = "Remove a space before a comma or a full stop."
    examples = (
        ("Russia , Ukraine and Turkey met .", "Russia, Ukraine and Turkey met."),
        ("He paused . . . then used .NET and .5 grams.", "He paused . . . then used .NET and .5 grams."),
    )
    # From the start of a run of spaces only: from inside one, the same run end
    # would be tried again, once per space (quadratic on a long run).
    pattern = re.compile(r"(?<![ \t])[ \t]+(?=[,.](?:[ \t]*$|[ \t\n“”‘’\"«»)]))", re.MULTILINE)
    reason = "space before punctuation"

    # A space or tab before a comma or stop, looked for from the comma or stop (a literal
    # the engine skips to; both str.find(" ,") and a leading class are slower).
    _SPACED_COMMA, _SPACED_STOP = re.compile(r",(?<=[ \t],)"), at_stop(r"\.(?<=[ \t]\.)")

    def can_match(self, text: str) -> bool:
        return self._SPACED_COMMA.search(text) is not None or bool(stop_matches(text, self._SPACED_STOP))

    def replace(self, match: re.Match[str]) -> str | None:
        text, after = match.string, match.end() + 1
        if not match.start() or not _WORD_CHAR.match(text, match.start() - 1):
            return None  # only after a word: "Russia ,", not ") ." or a line's indentation
        rest = text[after : after + 3].lstrip(" \t")
        if rest.startswith("."):
            return None  # ". . ." spaced ellipsis
        return ""


class QuoteSpace(GuardedRegexRule):
    """A missing space before an opening quote: "Publication in x“All we need" -> "in x “All we need".

    Not in text that uses German quotes („...“), where “ closes.
    """

    id = "artifacts.quote_space"
    category = "artifacts"
    purpose = "Insert the missing space before an opening “ quote (\"in x“All\")."
    examples = (
        ("Donald Tusk wrote in x“All we need is peace.”", "Donald Tusk wrote in x “All we need is peace.”"),
        ("Er sagte „Wir schaffen das“Und ging.", "Er sagte „Wir schaffen das“Und ging."),
    )
    pattern = re.compile(r"[a-z0-9,:]“(?=[A-Z])")
    reason = "missing space before an opening quote"
    # The quote mark first: the engine jumps from one “ to the next.
    _QUOTE = re.compile(r"“(?<=[a-z0-9,:]“)(?=[A-Z])")

    def find(self, doc: Document) -> Iterator[Edit]:
        """The edits of `pattern` (its matches never overlap: each ends in “, none starts with it)."""
        text = doc.text
        if "„" in text:
            return
        guard = None
        for quote in self._QUOTE.finditer(text):
            at = quote.start()
            guard = guard or protected(text)
            if not guard.touches(at, at):
                yield Edit(at - 1, at + 1, text[at - 1] + " “", self.reason)

    def replace(self, match: re.Match[str]) -> str:
        return match.group(0)[0] + " “"

    def edit_span(self, match: re.Match[str]) -> tuple[int, int]:
        return match.start() + 1, match.start() + 1


RULES = (
    RepeatedWord,
    RepeatedPhrase,
    HyphenSpace,
    TimeZoneSpace,
    SpaceBeforePunctuation,
    QuoteSpace,
)
