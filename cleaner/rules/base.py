"""One small base class per kind of rule.

A rule is a class with an `id` (``category.name``), a `category`, a one-line
`purpose` and at least one `examples` pair ``(before, after)`` that the test
suite runs through the rule alone.  The catalogue (`cleaner rules`,
``GET /v1/rules``) is generated from these attributes.

- `Rule.find(doc)` yields `Edit`s on the current text; the chain applies them
  and records a `Change` for each.
- `LineRule` reduces the work to judging lines: `judge(line)` returns a reason
  to remove the line, or None.  Rules that need neighbours override `scan`.
- `RegexRule` reduces the work to one compiled pattern and `replace(match)`.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, NamedTuple

if TYPE_CHECKING:
    from ..document import Document, Line

ALL_PROFILES = frozenset({"conservative", "default", "aggressive"})
DEFAULT_PROFILES = frozenset({"default", "aggressive"})
AGGRESSIVE_ONLY = frozenset({"aggressive"})


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str
    reason: str


class Rule:
    id: ClassVar[str] = ""
    category: ClassVar[str] = ""
    purpose: ClassVar[str] = ""
    # (before, after) or (before, after, options): run through this rule alone by the tests.
    examples: ClassVar[tuple[tuple[Any, ...], ...]] = ()
    # Profiles that run this rule.  Near-certain rules add "conservative".
    profiles: ClassVar[frozenset[str]] = DEFAULT_PROFILES

    def find(self, doc: "Document") -> Iterable[Edit]:
        raise NotImplementedError

    @classmethod
    def describe(cls) -> dict[str, object]:
        """The rule's catalogue entry."""
        return {
            "id": cls.id,
            "category": cls.category,
            "purpose": cls.purpose,
            "profiles": sorted(cls.profiles),
            "examples": [
                {"before": ex[0], "after": ex[1], **({"options": ex[2]} if len(ex) > 2 else {})}
                for ex in cls.examples
            ],
            "doc": (cls.__doc__ or "").strip(),
        }


class LineRule(Rule):
    """Removes whole lines (with their newline)."""

    def judge(self, line: str) -> str | None:
        """Return why `line` should go, or None to keep it."""
        return None

    def scan(self, doc: "Document") -> Iterator[tuple[int, str]]:
        """Yield (line index, reason) for every line to remove.

        `judge` depends on the line's text alone, so a text seen before in this
        scan is not judged again (junk repeats: "Share", "Advertisement").
        """
        verdicts: dict[str, str | None] = {}
        for line in doc.lines:
            text = line.text
            if text in verdicts:
                reason = verdicts[text]
            else:
                reason = verdicts[text] = self.judge(text) if text.strip() else None
            if reason:
                yield line.index, reason

    def find(self, doc: "Document") -> Iterator[Edit]:
        lines = doc.lines
        for index, reason in self.scan(doc):
            yield remove_line(doc.text, lines[index], reason)


def remove_line(text: str, line: "Line", reason: str) -> Edit:
    """An edit deleting `line` and the newline after it (if any)."""
    end = line.end + 1 if line.end < len(text) else line.end
    return Edit(line.start, end, "", reason)


class RegexRule(Rule):
    """Rewrites every match of one compiled pattern."""

    pattern: ClassVar[re.Pattern[str]]
    reason: ClassVar[str] = ""

    def replace(self, match: re.Match[str]) -> str | None:
        """The replacement for `match`, or None to leave it."""
        raise NotImplementedError

    def find(self, doc: "Document") -> Iterator[Edit]:
        for match in self.pattern.finditer(doc.text):
            after = self.replace(match)
            if after is not None and after != match.group(0):
                yield Edit(match.start(), match.end(), after, self.reason)


# -- shared line predicates -------------------------------------------------

_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_QUOTES = re.compile(r"[\"“”„«»]")


def reads_as_prose(line: str) -> bool:
    """True when a line reads like article prose: a full sentence, or quoted speech.

    The content guard: soft boilerplate evidence (a cue word, a position at the
    top) never removes such a line; only an exact phrase or a credit line does.
    """
    stripped = line.strip()
    words = stripped.split()
    if len(words) >= 4 and _TERMINAL.search(stripped):
        return True
    return len(words) >= 6 and len(_QUOTES.findall(stripped)) >= 2


def word_count(line: str) -> int:
    return len(line.split())
