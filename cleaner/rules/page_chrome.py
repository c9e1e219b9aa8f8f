"""Page chrome around an article: contributor credits and author contact
lines at its end.

These are what an HTML extractor (trafilatura) often leaves after the body,
and what scrapers copy from news pages: on the 181 pages of the Zyte
article-extraction benchmark, about 20 extracted texts end with one, and no
gold article body keeps it.  (The page title that extractors print as the
first paragraph is handled by `cleaner.html`, which moves it to
`metadata.title`.)

The content guard holds: a credit line is proof enough (like a photo
credit), but only lines among the last few of the article are judged.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from .base import LineFacts, LineRule, line_facts, reads_as_prose, word_count

_TAIL_LINES = 6  # credits and contact lines are looked for among the last this many


# Contributor credits: "(Reporting by X; Editing by Y)", "X contributed reporting
# from Z.", "Associated Press writers A and B contributed to this report."
_CONTRIBUTORS = re.compile(
    r"^\W{0,3}(?:(?:additional|further)\s+)?(?:reporting|writing|editing|research)\s+by\s+\w"
    r"|\bcontributed\s+(?:additional\s+)?(?:reporting|research|to\s+this\s+(?:report|story|article))\b"
    r"|^\W{0,3}compiled\s+by\s+\w",
    re.IGNORECASE,
)
# Author contact and follow lines: an e-mail address, an @handle or a social
# profile URL, with a cue word ("Follow him on Twitter @x", "Write to X at x@y.com").
_CONTACT_CUE = re.compile(
    r"\b(?:follow|email|e-mail|write\s+to|reach|contact|tweet|twitter|facebook|instagram)\b", re.IGNORECASE
)
_CONTACT_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@\w{2,}|(?<![\w.])(?:twitter|facebook|instagram)\.com/\w"
)


# Two sentences make a paragraph, not a contact line, whatever address it holds
# ("Working outside the home ... is a lot. But you're doing it ... @handle").
_SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"”’)]?\s+[A-Z“\"]")


class ArticleCredits(LineRule):
    """Contributor credits and author contact lines among the last lines.

    "(Reporting by Greg Roumeliotis; Editing by Martin Howell)", "Keith
    Bradsher contributed reporting from Hong Kong.", "Email Tariq Malik at
    tmalik@space.com or follow him @tariqjmalik."  Both kinds are credits,
    not article prose, but only lines among the last six (and at most 40
    words) are judged: a sentence quoting a tweet mid-article stays.
    """

    id = "boilerplate.article_credits"
    category = "boilerplate"
    purpose = "Remove contributor credits and author contact / follow lines at the end of an article."
    examples = (
        (
            "The talks resumed on Monday.\n(Reporting by Greg Roumeliotis; Editing by Martin Howell)",
            "The talks resumed on Monday.\n",
        ),
        (
            "The talks resumed on Monday.\nEmail Tariq Malik at tmalik@space.com or follow him @tariqjmalik.",
            "The talks resumed on Monday.\n",
        ),
        ("The talks resumed on Monday.\nEditing the treaty took years, the minister said.", "The talks resumed on Monday.\nEditing the treaty took years, the minister said."),
        (
            "The talks resumed.\nRaising children is hard. But you do it well, so follow us on Instagram @moms.",
            "The talks resumed.\nRaising children is hard. But you do it well, so follow us on Instagram @moms.",
        ),
    )

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        lines = line_facts(doc).lines  # the texts of all lines
        tail = []
        for index in range(len(lines) - 1, -1, -1):
            if lines[index].strip():
                tail.append(index)
                if len(tail) == _TAIL_LINES:
                    break
        for index in reversed(tail):
            text = lines[index].strip()
            if word_count(text) > 40:
                continue
            lowered = text.lower()  # a credit holds "by" or "contributed"; a contact line "@" or ".com/"
            if ("by" in lowered or "buted" in lowered) and _CONTRIBUTORS.search(text):
                yield index, "contributor credit at the end of the article"
            elif (
                ("@" in text or ".com/" in text)
                and _CONTACT_CUE.search(text)
                and _CONTACT_ADDRESS.search(text)
                and not _SENTENCE_BREAK.search(text)
            ):
                yield index, "author contact / follow line at the end of the article"


# Only asset URLs: a bare link to a page can be an article's cited source.
_BARE_ASSET_URL = re.compile(r"^(?:https?:)?//\S+\.(?:jpe?g|png|gif|webp|svg|avif|ico)(?:\?\S*)?$", re.IGNORECASE)
_ISO_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$")


class BareMetadata(LineRule):
    """A line that is only an image URL or only a machine timestamp
    ("https://site/img/123-500-250/story.jpg", "2019-11-19T08:57:40+01:00").

    Page metadata (og:image, article:published_time) that leaked into the
    text; no article sentence is a bare image URL or an ISO timestamp alone.
    (A bare link to a page stays: articles list their sources that way.)
    """

    id = "boilerplate.bare_metadata"
    category = "boilerplate"
    purpose = "Remove lines that are only an image URL or only a machine timestamp (leaked page metadata)."
    examples = (
        ("The talks resumed.\n2019-11-19T08:57:40+01:00\nhttps://example.com/logo.png\nEnd.", "The talks resumed.\nEnd."),
        ("See https://example.com for details.", "See https://example.com for details."),
        ("Sources:\nhttps://example.com/report.html", "Sources:\nhttps://example.com/report.html"),
    )

    def candidates(self, facts: LineFacts) -> set[str]:
        """Lines holding "//", and lines whose first word is four digits (a year)."""
        found = facts.holding("//")
        for key, texts in facts.by_first_word.items():
            if len(key) == 4 and key.isdecimal():
                found.update(texts)
        return found

    def judge(self, line: str) -> str | None:
        text = line.strip()
        if _BARE_ASSET_URL.match(text):
            return "a bare image URL line (leaked page metadata)"
        if _ISO_TIMESTAMP.match(text):
            return "a bare machine timestamp (leaked page metadata)"
        return None


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_STAMP_LABEL = re.compile(
    r"^\W{0,3}(?:last\s+)?(?:updated|published|posted|modified|first\s+published)(?:\s+(?:on|at))?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_DATE_TOKEN = re.compile(
    rf"^(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}:\d\d(?::\d\d)?|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}"
    r"|a\.?m|p\.?m|at|on|[A-Z]{2,4}T|UTC|GMT|ET|PT)$",
    re.IGNORECASE,
)
# The `first_word` of a byline or stamp: one of these, or starting with a label.
_BYLINE_WORDS = frozenset({"by", "written", "last", "first"})
_STAMP_WORDS = ("updated", "published", "posted", "modified")
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3}"
_BY_NAME = re.compile(rf"\s*\bby\s+{_NAME}(?:\s*,\s*[^,]{{1,40}})?\s*$", re.IGNORECASE)
_BYLINE = re.compile(rf"^\W{{0,3}}(?:[Ww]ritten\s+)?[Bb]y\s+{_NAME}(?:\s*(?:,|\||–|-)\s*[^,|]{{1,40}})?$")


def _is_date(text: str) -> bool:
    tokens = [t for t in re.split(r"[\s,]+", text.strip(" .:|-–")) if t]
    return bool(tokens) and any(ch.isdigit() for ch in text) and all(_DATE_TOKEN.match(t.strip(".:()[]")) for t in tokens)


class Byline(LineRule):
    """A byline or a publication stamp on a line of its own: "By Jay Johnson",
    "Updated: Sep 29, 2025", "Last Updated on March 26, 2025 by Christine
    Kaaloa".

    Bylines need a capitalised name of at most four words after "By" ("By
    subscribing you accept ..." stays); stamps need a label (updated,
    published, posted, modified) and then nothing but a date and time,
    optionally "by" and a name.  At most 14 words.
    """

    id = "boilerplate.byline"
    category = "boilerplate"
    purpose = "Remove byline and 'Updated: <date>' stamp lines."
    examples = (
        ("By Jay Johnson\nUpdated: Sep 29, 2025 at 10:15 am\nThe talks resumed.", "The talks resumed."),
        ("By building a new port, the city hopes to grow.", "By building a new port, the city hopes to grow."),
        ("Updated figures were published on 3 May.", "Updated figures were published on 3 May."),
    )

    def candidates(self, facts: LineFacts) -> list[str]:
        """Lines whose first word is "By", "Written", or opens a stamp label
        ("Updated" may run on: "Updated2025" is a stamp)."""
        return [
            text
            for key, texts in facts.by_first_word.items()
            if key in _BYLINE_WORDS or key.startswith(_STAMP_WORDS)
            for text in texts
        ]

    def judge(self, line: str) -> str | None:
        text = line.strip()
        if word_count(text) > 14:
            return None
        if _BYLINE.match(text):
            return "byline"
        label = _STAMP_LABEL.match(text)
        if label:
            rest = _BY_NAME.sub("", text[label.end():])
            if _is_date(rest):
                return "publication / update stamp"
        return None


_TEASER_TAG = re.compile(
    r"\[(?:INSIGHT|VIDEO|VIDEOS|REACTION|NEWS|WARNING|PICTURES|PICS|PHOTOS|POLL|LATEST|ANALYSIS|REVEAL|UPDATE|MAP|"
    r"GALLERY|LIVE|INTERVIEW|OPINION|COMMENT|EXPLAINED|REVEALED|LISTEN)\]\W{0,3}$",
    re.IGNORECASE,
)


class TaggedTeaser(LineRule):
    """A link teaser labelled with a bracketed kind at its end: "BLACK DEATH
    PLAGUE fears: Holidaymakers die after eating marmot [INSIGHT]",
    "Ecoflow River 370 Review: Charge up to 9 devices [Video]".

    Tabloid and blog templates insert such "read this too" lines between
    paragraphs.  Only lines of at most 25 words that do not read as prose.
    """

    id = "boilerplate.tagged_teaser"
    category = "boilerplate"
    purpose = "Remove related-story teaser lines ending in a bracketed label ('[VIDEO]', '[INSIGHT]')."
    examples = (
        ("The talks resumed.\nPlague fears: holidaymakers die after eating marmot [INSIGHT]\nEnd.", "The talks resumed.\nEnd."),
        ("He said the footage was clear [VIDEO].", "He said the footage was clear [VIDEO]."),
    )

    def candidates(self, facts: LineFacts) -> list[str]:
        return facts.holding("]")

    def judge(self, line: str) -> str | None:
        text = line.strip()
        if word_count(text) <= 25 and _TEASER_TAG.search(text) and not reads_as_prose(text):
            return "related-story teaser with a bracketed label"
        return None


RULES = (ArticleCredits, BareMetadata, Byline, TaggedTeaser)
