"""Boilerplate rules: whole lines that belong to the site, not the article.

Each rule judges lines against a phrase list in `cleaner/data/`.  An exact
phrase (the whole line, or the phrase then a separator: "Read more: ...") is
proof enough; weaker cues (a line merely starting with "Share") only remove
short lines that do not read as prose (the content guard, `reads_as_prose`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count
from typing import Iterator

from .. import phrases
from ..document import Document
from .base import (
    ALL_PROFILES, LINE_CACHE, LineFacts, LineRule, first_words, line_facts, may_start, reads_as_prose, word_count
)


class PhraseLineRule(LineRule):
    """Removes a line that is a listed phrase, or starts with one.

    - whole line: the line, stripped of decoration, equals a phrase;
    - prefix: a phrase, a separator (":", "»", "|", "-"...) and more text;
    - start (when `start_max_words` is set): the line starts with a phrase, has
      at most that many words and does not read as prose.  Start matches use
      phrases of two words or more; with `start_overrides_guard`, phrases of
      three words or more are specific enough to remove even a full sentence.
    A phrase may hold `{n}` for any number ("{n} Comments").
    """

    data_file: str = ""
    kind: str = "boilerplate"
    prefix: bool = True
    start_max_words: int = 0
    start_overrides_guard: bool = False

    def __init__(self) -> None:
        listed = phrases.load(self.data_file)
        self._whole = phrases.WholeLine(listed)
        self._prefix = phrases.prefix_pattern(listed) if self.prefix else None
        # A line merely starting with a one-word phrase ("Share prices fell") proves
        # nothing: start matches use phrases of 2+ words, and only 3+ words may
        # override the content guard.
        several = [p for p in listed if len(p.split()) >= 2]
        strong = [p for p in several if len(p.split()) >= 3] if self.start_overrides_guard else []
        self._start = phrases.start_pattern(several) if self.start_max_words and several else None
        self._start_strong = phrases.start_pattern(strong) if self.start_max_words and strong else None
        # First words of the phrases: a line starting with none of them needs no pattern.
        self._prefix_words = first_words(listed) if self._prefix is not None else frozenset()
        self._start_words = first_words(several) if self._start is not None else frozenset()
        self._gate_words = (
            None
            if self._prefix_words is None or self._start_words is None
            else self._prefix_words | self._start_words
        )

    def candidates(self, facts: LineFacts) -> set[str]:
        """Lines that may be a whole phrase, and lines starting with a phrase's first word."""
        return {*facts.whole_line(self._whole), *facts.starting_with(self._gate_words)}

    def judge(self, line: str) -> str | None:
        if self._whole.matches(line):
            return f"{self.kind}: the whole line is a listed phrase"
        if self._prefix is not None and may_start(line, self._prefix_words):
            m = self._prefix.match(line)
            if m:
                return f"{self.kind}: starts with listed phrase {m.group(0)[:-1].strip()!r}"
        if (
            self._start is not None
            and may_start(line, self._start_words)
            and word_count(line) <= self.start_max_words
        ):
            m = self._start_strong.match(line) if self._start_strong is not None else None
            if m is None and not reads_as_prose(line):
                m = self._start.match(line)
            if m:
                return f"{self.kind}: starts with listed phrase {m.group(0).strip()!r}"
        return None


class ReadMore(PhraseLineRule):
    """Read-more and related-article markers, in 30+ languages.

    Removed when the line is only the marker ("Haberin Devamı", "Weiterlesen »")
    or the marker, a separator and a linked headline ("Read more: ...").  A
    sentence that merely contains "read more" stays.
    """

    id = "boilerplate.read_more"
    category = "boilerplate"
    purpose = "Remove read-more / related-article marker lines (30+ languages)."
    examples = (
        ("Talks resumed.\nHaberin Devamı\nBoth sides agreed.", "Talks resumed.\nBoth sides agreed."),
        ("Talks resumed.\nRead more: Putin says he is ready\nEnd.", "Talks resumed.\nEnd."),
        ("“Read more books,” she said.", "“Read more books,” she said."),
    )
    profiles = ALL_PROFILES
    data_file = "read_more.txt"
    kind = "read-more marker"


class Comments(PhraseLineRule):
    """Comment-section chrome: "Leave a Reply", "0 Comments", the e-mail notice."""

    id = "boilerplate.comments"
    category = "boilerplate"
    purpose = "Remove comment-section lines (Leave a Reply, 0 Comments, form notices)."
    examples = (
        (
            "The end.\nLeave a Reply\nYour email address will not be published. Required fields are marked *",
            "The end.\n",
        ),
    )
    profiles = ALL_PROFILES
    data_file = "comments.txt"
    kind = "comment section"
    prefix = False
    start_max_words = 30
    start_overrides_guard = True


class Share(PhraseLineRule):
    """Share and follow prompts, and lines made only of social-network button labels."""

    id = "boilerplate.share"
    category = "boilerplate"
    purpose = "Remove share / follow prompts and social button rows."
    examples = (("Talks resumed.\nShare this article\nFacebook Twitter WhatsApp\nEnd.", "Talks resumed.\nEnd."),)
    data_file = "share.txt"
    kind = "share prompt"
    start_max_words = 14

    def judge(self, line: str) -> str | None:
        if len(line) <= 120:  # a row of buttons is short
            normal = phrases.normalize(line)
            first = _FIRST_TOKEN.match(normal)
            if first is not None and first.group(1) in _button_words():
                tokens = [t for t in _TOKEN_GAP.split(normal) if t]
                if len(tokens) >= 2 and all(t in _button_words() for t in tokens):
                    return "share prompt: a row of social buttons"
        return super().judge(line)

    def candidates(self, facts: LineFacts) -> set[str]:
        """Also the short lines whose first token is a button label."""
        found = super().candidates(facts)
        normal = facts.normal_forms(120)
        for form in filter(_button_first().match, normal):  # in C: most forms start with no button
            found.update(normal[form])
        return found


_TOKEN_GAP = re.compile(r"[\s|•·,/]+")
_FIRST_TOKEN = re.compile(r"[\s|•·,/]*([^\s|•·,/]+)")


@lru_cache(maxsize=1)
def _button_words() -> frozenset[str]:
    return frozenset(p.casefold() for p in phrases.load("social_buttons.txt"))


@lru_cache(maxsize=1)
def _button_first() -> re.Pattern[str]:
    """Matches a normal form whose first token (as `_FIRST_TOKEN` takes it) is a button word."""
    words = "|".join(map(re.escape, sorted(_button_words(), key=len, reverse=True)))
    return re.compile(rf"[\s|•·,/]*(?:{words})(?![^\s|•·,/])")


class Newsletter(PhraseLineRule):
    """Newsletter and subscription prompts ("Sign up for our newsletter ...")."""

    id = "boilerplate.newsletter"
    category = "boilerplate"
    purpose = "Remove newsletter / subscription prompts."
    examples = (("Talks resumed.\nSign up for our daily newsletter\nEnd.", "Talks resumed.\nEnd."),)
    data_file = "newsletter.txt"
    kind = "newsletter prompt"
    start_max_words = 25
    start_overrides_guard = True


class Cookie(PhraseLineRule):
    """Cookie banners.  Their phrases are specific enough to prove a full sentence."""

    id = "boilerplate.cookie"
    category = "boilerplate"
    purpose = "Remove cookie-consent banners."
    examples = (("We use cookies to improve your experience on our site.\nTalks resumed.", "Talks resumed."),)
    profiles = ALL_PROFILES
    data_file = "cookie.txt"
    kind = "cookie banner"
    start_max_words = 60
    start_overrides_guard = True


class Advertisement(PhraseLineRule):
    """Advertisement labels and "story continues below" markers."""

    id = "boilerplate.advertisement"
    category = "boilerplate"
    purpose = "Remove advertisement labels and 'continues below' markers."
    examples = (("Talks resumed.\nADVERTISEMENT\nEnd.", "Talks resumed.\nEnd."),)
    profiles = ALL_PROFILES
    data_file = "advertisement.txt"
    kind = "advertisement"
    prefix = False


# A notice opening the line, or "all rights reserved" anywhere in it.
_COPYRIGHT_START = re.compile(
    r"^\W{0,3}(?:©|\(c\)|copyright\b).{0,200}?(?:\b(?:19|20)\d\d\b|rights reserved)", re.IGNORECASE
)
_ALL_RIGHTS = re.compile(r"all rights reserved", re.IGNORECASE)
_COPYRIGHT_WORDS = frozenset({"c", "copyright"})  # the `first_word` of "(c) 2025 ..." and "Copyright ..."


def _may_hold_rights(line: str) -> bool:
    """A cheap test before the unanchored scan: "gh" in some case (no other letter
    matches g or h under re.IGNORECASE)."""
    return "gh" in line or "GH" in line or "Gh" in line or "gH" in line


class Copyright(LineRule):
    """Copyright notices: "© 2025 Site. All rights reserved." (short lines only)."""

    id = "boilerplate.copyright"
    category = "boilerplate"
    purpose = "Remove copyright notices."
    examples = (("Talks resumed.\nCopyright © 2025 Prime News. All rights reserved.", "Talks resumed.\n"),)
    profiles = ALL_PROFILES

    def candidates(self, facts: LineFacts) -> set[str]:
        """Lines starting "(c)" or "Copyright", and lines holding "©" or "erved" in some
        case (as "all rights reserved" does)."""
        found = set(facts.starting_with(_COPYRIGHT_WORDS))
        found |= facts.holding("©")
        found |= facts.holding_any_case("erved")
        return found

    def judge(self, line: str) -> str | None:
        if word_count(line) <= 30 and (
            _COPYRIGHT_START.match(line) or (_may_hold_rights(line) and _ALL_RIGHTS.search(line))
        ):
            return "copyright notice"
        return None


_HASHTAGS = re.compile(r"^\s*(?:#[^\s#,]+[\s,]*){2,}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){3,}/?$")
_TIMESTAMP = re.compile(r"^\d{9,13}$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$")


def is_tag_field(field: str) -> bool:
    """A hashtag list, unix timestamp, URL slug or URL: what CMS exports print after a post."""
    field = field.strip()
    return not field or bool(
        (field[0] == "#" and all(token.startswith("#") and len(token) > 1 for token in field.split()))
        or _TIMESTAMP.match(field)
        or _SLUG.match(field)
        or _URL.match(field)
    )


# Every tag line holds one of these: a hashtag, a long number, a slug, a URL.
_HASHTAG = re.compile(r"#[^\s#,]")
_LONG_NUMBER = re.compile(r"\d{9}")
_SLUG_PART = re.compile(r"[a-z0-9]-[a-z0-9]+-[a-z0-9]+-")
_SCHEME = re.compile(r"https?://")


def _tag_hint(line: str) -> bool:
    return (
        ("#" in line and _HASHTAG.search(line) is not None)
        or ("://" in line and _SCHEME.search(line) is not None)
        or "www." in line
        or ("-" in line and _SLUG_PART.search(line) is not None)
        or _LONG_NUMBER.search(line) is not None
    )


# How a tag line starts (its fields are empty, or start like one of the above); and
# each line starting so, after a newline (as `_TAG_START` matches it: no newline in a line).
_TAG_START = re.compile(r"[\s,]*(?:[#a-z]|\d)")
_TAG_STARTS = re.compile(r"\n((?:[^\S\n]|,)*(?:[#a-z]|\d)[^\n]*)")


@lru_cache(maxsize=LINE_CACHE)
def is_tag_line(line: str) -> bool:
    fields = line.split(",")
    # the anchored field tests reject prose at its first word; the hint scans the line
    return all(is_tag_field(f) for f in fields) and any(f.strip() for f in fields) and _tag_hint(line)


class SourceLink(LineRule):
    """A "Source link" marker and the tag, hashtag, timestamp and slug lines after it.

    Also removes, anywhere, lines made only of hashtags, and lone URL-slug lines.
    """

    id = "boilerplate.source_link"
    category = "boilerplate"
    purpose = "Remove 'Source link' blocks and hashtag / timestamp / slug lines."
    examples = (
        (
            "The end.\nSource link\n, , #USA #Russia, 1739919178, the-usa-and-russia-agree",
            "The end.\n",
        ),
        ("A source said the talks failed.", "A source said the talks failed."),
    )
    profiles = ALL_PROFILES

    def __init__(self) -> None:
        self._markers = phrases.line_set(phrases.load("source_markers.txt"))

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        facts = line_facts(doc)
        # Most documents hold neither a marker nor a tag line: then nothing to walk.
        forms = facts.normal_forms(40)
        markers = {
            text for form in self._markers.intersection(forms) for text in forms[form] if len(text.strip()) <= 40
        }
        # (the texts starting like a tag line found in one scan of them all: most start with a capital)
        tags = {text for text in _TAG_STARTS.findall("\n" + "\n".join(facts.texts)) if is_tag_line(text.strip())}
        if not markers and not tags:
            return
        in_block = False
        texts = facts.lines
        indexes = list(compress(count(), map(facts.texts.__contains__, texts)))  # of the non-blank lines
        for position, index in enumerate(indexes):
            line = texts[index]
            text = line.strip()
            if line in markers:
                # A one-word marker ("Source") may be a heading: it needs tag lines after it.
                after = texts[indexes[position + 1]] if position + 1 < len(indexes) else ""
                if len(text.split()) > 1 or after in tags:
                    in_block = True
                    yield index, "source-link marker"
                    continue
                in_block = False
            elif line in tags and (in_block or _HASHTAGS.match(text) or _SLUG.match(text)):
                yield index, "tag / timestamp / slug line" + (" after a source link" if in_block else "")
            else:
                in_block = False


class Tags(PhraseLineRule):
    """Tag lists ("Tags: Ukraine, Russia, NATO")."""

    id = "boilerplate.tags"
    category = "boilerplate"
    purpose = "Remove 'Tags:' / topic list lines."
    examples = (("The end.\nTags: Ukraine, Russia, Peace talks", "The end.\n"),)
    profiles = ALL_PROFILES
    data_file = "tags.txt"
    kind = "tag list"


class UserPhrases(LineRule):
    """Lines equal to, or starting with (then a separator), a phrase the caller listed.

    Phrases come from the `phrases` option (`--phrases FILE` on the CLI).
    """

    id = "boilerplate.user_phrases"
    category = "boilerplate"
    purpose = "Remove lines matching the caller's own phrase list (option `phrases`)."
    examples = (("Talks resumed.\nHaber Merkezi\nEnd.", "Talks resumed.\nEnd.", {"phrases": ["Haber Merkezi"]}),)
    profiles = ALL_PROFILES

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        listed = doc.options.phrases
        if not listed:
            return
        whole, prefix = _user_patterns(tuple(listed))
        for line in doc.lines:
            text = line.text
            if text.strip() and (whole.matches(text) or prefix.match(text)):
                yield line.index, "user phrase list"


@lru_cache(maxsize=64)
def _user_patterns(listed: tuple[str, ...]) -> tuple[phrases.WholeLine, re.Pattern[str]]:
    return phrases.WholeLine(listed), phrases.prefix_pattern(listed)


RULES = (ReadMore, SourceLink, Tags, Comments, Share, Newsletter, Cookie, Advertisement, Copyright, UserPhrases)
