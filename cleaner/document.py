"""The document model: what a rule reads, and what `clean()` returns.

A `Document` is the working state of one cleaning run: the original text, the
current text, a map from every current character back to the original, and
the records (changes, warnings, metadata) that the chain accumulates.
`CleanResult` is the frozen outcome handed to callers.
"""
from __future__ import annotations

from itertools import accumulate, count, islice, repeat
from operator import add, itemgetter, sub
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

if TYPE_CHECKING:
    from .origin import OriginMap


_SPAN = itemgetter(0, 1)  # (start, end) of an Edit
_new_line = tuple.__new__  # Line(...) without the NamedTuple constructor's Python frame


@dataclass(frozen=True, slots=True)
class Change:
    """One edit made by one rule.

    `start`/`end` locate the edited span in the ORIGINAL input; `before` is the
    text the rule saw there (earlier rules may already have touched it) and
    `after` what it wrote instead.
    """

    rule: str
    category: str
    start: int
    end: int
    before: str
    after: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        # Spelled out: dataclasses.asdict deep-copies every field (~25 us a change).
        return {
            "rule": self.rule,
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class CleanWarning:
    """Something a rule noticed but could not repair safely."""

    rule: str
    message: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class CleanResult:
    text: str
    original: str
    changes: list[Change]
    warnings: list[CleanWarning]
    stats: dict[str, Any]
    language: str | None
    metadata: dict[str, Any]
    profile: str = "default"
    # (original line, output line) pairs of unchanged lines, for the diff.
    line_pairs: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    _diff: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def diff(self) -> str:
        """Unified diff original -> cleaned, applicable with `patch` (built on first use)."""
        if not self._diff:
            from .diff import unified_diff

            self._diff.append(unified_diff(self.original, self.text, self.line_pairs))
        return self._diff[0]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape shared by the CLI, the batch job and the service."""
        return {
            "text": self.text,
            "diff": self.diff,
            "changes": [c.to_dict() for c in self.changes],
            "warnings": [w.to_dict() for w in self.warnings],
            "stats": self.stats,
            "language": self.language,
            "metadata": self.metadata,
            "profile": self.profile,
        }


class Line(NamedTuple):
    index: int
    start: int  # offset of the first character in the current text
    end: int  # offset just past the last character, before the newline
    text: str


class Document:
    """Mutable working state of one cleaning run (rules read it; the chain writes it)."""

    def __init__(self, original: str, options: Any) -> None:
        self.original = original
        self.text = original
        self.options = options
        self.changes: list[Change] = []
        self.warnings: list[CleanWarning] = []
        self._warned: set[CleanWarning] = set()
        self.metadata: dict[str, Any] = {}
        # Snapshots of the text between stages, e.g. "encoded": the whole raw
        # article after encoding repair, before any line was removed.  Name
        # evidence is read from there.
        self.snapshots: dict[str, str] = {}
        # Derived data that several rules read (name evidence, the article's
        # language), computed once per document by whichever rule needs it first.
        self.cache: dict[Any, Any] = {}
        # For every current character: the original span it came from.  Built by
        # the first edit (most articles need none; until then the map is the identity).
        self._origin: OriginMap | None = None
        self._lines: list[Line] | None = None
        self._line_groups: dict[str, list[int]] | None = None
        # Derived data of the current text (the line index the line rules share,
        # `rules.base.line_facts`), dropped whenever the text changes.
        self.derived: dict[Any, Any] = {}

    # -- reading -----------------------------------------------------------
    @property
    def lines(self) -> list[Line]:
        """Lines of the current text (without their newline), computed once per text."""
        if self._lines is None:
            texts = self.text.split("\n")
            # line i ends at (letters in lines 0..i) + i newlines; all in C, no frame per line
            ends = list(map(add, accumulate(map(len, texts)), count()))
            starts = list(map(sub, ends, map(len, texts)))
            self._lines = list(map(_new_line, repeat(Line), zip(count(), starts, ends, texts)))
        return self._lines

    def lines_from(self, index: int = 0) -> Iterator[Line]:
        """The lines from line `index` on, as `lines` has them, built one at a time when
        `lines` is not built yet: a rule that reads a few lines at the top of the text
        does not pay for a `Line` per line of the text."""
        if self._lines is not None:
            yield from islice(self._lines, index, None)
            return
        text, start, end = self.text, 0, -1
        for number in count():
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            if number >= index:
                yield _new_line(Line, (number, start, end, text[start:end]))
            if end == len(text):
                return
            start = end + 1

    @property
    def line_groups(self) -> dict[str, list[int]]:
        """Each distinct non-blank line text of the current text -> its line indexes.

        Line rules judge a text once however often it repeats ("Share", "Advertisement")."""
        if self._line_groups is None:
            groups: dict[str, list[int]] = {}
            for line in self.lines:
                if line.text and not line.text.isspace():
                    groups.setdefault(line.text, []).append(line.index)
            self._line_groups = groups
        return self._line_groups

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the span of the original it came from."""
        if self._origin is None:
            return start, max(start, end)
        return self._origin.span(start, end, len(self.original))

    def line_alignment(self) -> list[tuple[int, int]]:
        """(original line, output line) index pairs of lines that came through untouched.

        A line (with its newline) is untouched when its characters map, one to
        one and in order, onto a whole line of the original.  Vectorised over
        the origin map and the characters of both texts (`OriginMap.unchanged_lines`).
        """
        text = self.text
        if not text:
            return []
        if self._origin is None:  # no edit: every line came through
            n = text.count("\n") + (not text.endswith("\n"))
            return list(zip(range(n), range(n)))
        return self._origin.unchanged_lines(text, self.original)

    def warn(self, rule: str, message: str, start: int, end: int) -> None:
        """Record a warning about the current-text span [start, end), once (a stage
        that repeats until nothing changes meets the same doubt again)."""
        o_start, o_end = self.original_span(start, end)
        warning = CleanWarning(rule, message, o_start, o_end)
        if warning not in self._warned:
            self._warned.add(warning)
            self.warnings.append(warning)

    # -- writing (the chain calls this) -----------------------------------
    def apply(self, rule: str, category: str, edits: list[Any]) -> int:
        """Apply non-overlapping edits (sorted by start), recording a Change for each.

        Returns the number of edits applied.  Edits that change nothing are
        skipped; an edit overlapping an earlier one in the same batch is dropped.
        """
        text = self.text
        chosen, cursor = [], 0
        for edit in sorted(edits, key=_SPAN):  # stable: of two edits on one span, the first yielded wins
            if edit.start < cursor or text[edit.start : edit.end] == edit.replacement:
                continue
            chosen.append(edit)
            cursor = edit.end
        applied = len(chosen)
        if not applied:
            return 0
        if self._origin is None:
            from .origin import OriginMap  # numpy: loaded with the first edit, not on import

            self._origin = OriginMap(len(self.original))
        o_starts, o_ends = self._origin.spans([e.start for e in chosen], [e.end for e in chosen], len(self.original))
        pieces: list[str] = []
        kept: list[tuple[int, int]] = []
        inserted: list[tuple[int, int, int]] = []
        cursor = 0
        for edit, o_start, o_end in zip(chosen, o_starts, o_ends):
            self.changes.append(
                Change(rule, category, o_start, o_end, text[edit.start : edit.end], edit.replacement, edit.reason)
            )
            pieces.append(text[cursor : edit.start])
            pieces.append(edit.replacement)
            kept.append((cursor, edit.start))
            inserted.append((len(edit.replacement), o_start, o_end))
            cursor = edit.end
        pieces.append(text[cursor:])
        kept.append((cursor, len(text)))
        inserted.append((0, 0, 0))
        self.text = "".join(pieces)
        self._origin.rebuild(kept, inserted)
        self._lines = self._line_groups = None
        self.derived = {}
        return applied
