"""The document model: what a rule reads, and what `clean()` returns.

A `Document` is the working state of one cleaning run: the original text, the
current text, a map from every current character back to the original, and
the records (changes, warnings, metadata) that the chain accumulates.
`CleanResult` is the frozen outcome handed to callers.
"""
from __future__ import annotations

from array import array
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Any, NamedTuple


_SPAN = itemgetter(0, 1)  # (start, end) of an Edit


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
        self.metadata: dict[str, Any] = {}
        # Snapshots of the text between stages, e.g. "encoded": the whole raw
        # article after encoding repair, before any line was removed.  Name
        # evidence is read from there.
        self.snapshots: dict[str, str] = {}
        # Derived data that several rules read (name evidence, the article's
        # language), computed once per document by whichever rule needs it first.
        self.cache: dict[Any, Any] = {}
        n = len(original)
        # For every current character: the original span it came from.
        self._origin_start = array("i", range(n))
        self._origin_end = array("i", range(1, n + 1))
        self._lines: list[Line] | None = None

    # -- reading -----------------------------------------------------------
    @property
    def lines(self) -> list[Line]:
        """Lines of the current text (without their newline), computed once per text."""
        if self._lines is None:
            lines, pos = [], 0
            for i, raw in enumerate(self.text.split("\n")):
                lines.append(Line(i, pos, pos + len(raw), raw))
                pos += len(raw) + 1
            self._lines = lines
        return self._lines

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the span of the original it came from."""
        n = len(self.text)
        o_start = self._origin_start[start] if start < n else len(self.original)
        if end > start:
            o_end = self._origin_end[end - 1]
        else:
            o_end = o_start
        return o_start, max(o_start, o_end)

    def line_alignment(self) -> list[tuple[int, int]]:
        """(original line, output line) index pairs of lines that came through untouched.

        A line (with its newline) is untouched when its characters map, one to
        one and in order, onto a whole line of the original.  One linear pass.
        """
        line_starts = {0}
        pos = self.original.find("\n")
        while pos != -1:
            line_starts.add(pos + 1)
            pos = self.original.find("\n", pos + 1)
        original_line = {start: i for i, start in enumerate(sorted(line_starts))}
        pairs: list[tuple[int, int]] = []
        text, n_orig = self.text, len(self.original)
        start, out_index = 0, 0
        while start < len(text):
            nl = text.find("\n", start)
            end = len(text) if nl == -1 else nl + 1
            o_start = self._origin_start[start]
            o_end = self._origin_end[end - 1]
            if (
                o_start in original_line
                and o_end - o_start == end - start
                and (o_end == n_orig or self.original[o_end - 1] == "\n")
                and self.original[o_start:o_end] == text[start:end]
                and (not pairs or original_line[o_start] > pairs[-1][0])
                and self._origin_start[start:end] == array("i", range(o_start, o_end))
            ):
                pairs.append((original_line[o_start], out_index))
            start, out_index = end, out_index + 1
        return pairs

    def warn(self, rule: str, message: str, start: int, end: int) -> None:
        """Record a warning about the current-text span [start, end)."""
        o_start, o_end = self.original_span(start, end)
        self.warnings.append(CleanWarning(rule, message, o_start, o_end))

    # -- writing (the chain calls this) -----------------------------------
    def apply(self, rule: str, category: str, edits: list[Any]) -> int:
        """Apply non-overlapping edits (sorted by start), recording a Change for each.

        Returns the number of edits applied.  Edits that change nothing are
        skipped; an edit overlapping an earlier one in the same batch is dropped.
        """
        pieces: list[str] = []
        new_start, new_end = array("i"), array("i")
        cursor, applied = 0, 0
        text = self.text
        for edit in sorted(edits, key=_SPAN):  # stable: of two edits on one span, the first yielded wins
            if edit.start < cursor or text[edit.start : edit.end] == edit.replacement:
                continue
            o_start, o_end = self.original_span(edit.start, edit.end)
            self.changes.append(
                Change(rule, category, o_start, o_end, text[edit.start : edit.end], edit.replacement, edit.reason)
            )
            pieces.append(text[cursor : edit.start])
            new_start.extend(self._origin_start[cursor : edit.start])
            new_end.extend(self._origin_end[cursor : edit.start])
            k = len(edit.replacement)
            if k:  # deletions (most edits) add nothing
                pieces.append(edit.replacement)
                new_start.extend(array("i", [o_start]) * k)
                new_end.extend(array("i", [o_end]) * k)
            cursor = edit.end
            applied += 1
        if not applied:
            return 0
        pieces.append(text[cursor:])
        new_start.extend(self._origin_start[cursor:])
        new_end.extend(self._origin_end[cursor:])
        self.text = "".join(pieces)
        self._origin_start, self._origin_end = new_start, new_end
        self._lines = None
        return applied
