"""Where every character of the current text came from in the original.

Two integer arrays (numpy, so a 1 MB article costs 8 MB and no Python loop):
for the character at current offset i, `start[i]` and `end[i]` are the span
of the original it stands for.  Untouched characters map one to one; every
character of a replacement maps to the whole replaced span.  Rules never see
this: `Document.apply` rewrites it and `Document.original_span` reads it.
"""
from __future__ import annotations

import numpy as np

_INDEX = np.int32  # texts are far below 2**31 characters


class OriginMap:
    __slots__ = ("start", "end")

    def __init__(self, length: int) -> None:
        self.start = np.arange(length, dtype=_INDEX)
        self.end = self.start + 1

    def span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        """The original span of current span [start, end)."""
        n = len(self.start)
        o_start = int(self.start[start]) if start < n else original_length
        o_end = int(self.end[end - 1]) if end > start else o_start
        return o_start, max(o_start, o_end)

    def spans(self, starts: list[int], ends: list[int], original_length: int) -> tuple[list[int], list[int]]:
        """`span` of many current spans at once (vectorised when there are many)."""
        n = len(self.start)
        if len(starts) < 64 or n == 0:
            pairs = [self.span(s, e, original_length) for s, e in zip(starts, ends)]
            return [p[0] for p in pairs], [p[1] for p in pairs]
        lo, hi = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
        o_start = np.where(lo < n, self.start[np.minimum(lo, n - 1)], original_length)
        o_end = np.where(hi > lo, self.end[np.clip(hi - 1, 0, n - 1)], o_start)
        return o_start.tolist(), np.maximum(o_start, o_end).tolist()

    def rebuild(self, kept: list[tuple[int, int]], inserted: list[tuple[int, int, int]]) -> None:
        """Replace the map after edits.  `kept` are the current spans that survive, in
        order; after kept span i come `inserted[i]` = (length, o_start, o_end)
        characters of replacement text (length 0: nothing)."""
        starts, ends = [], []
        for (lo, hi), (k, o_start, o_end) in zip(kept, inserted):
            starts.append(self.start[lo:hi])
            ends.append(self.end[lo:hi])
            if k:
                starts.append(np.full(k, o_start, dtype=_INDEX))
                ends.append(np.full(k, o_end, dtype=_INDEX))
        self.start = np.concatenate(starts) if starts else np.empty(0, dtype=_INDEX)
        self.end = np.concatenate(ends) if ends else np.empty(0, dtype=_INDEX)

    def unchanged_lines(self, text: str, original: str) -> list[tuple[int, int]]:
        """(original line, current line) index pairs of the current lines (with their
        newline) that are, character by character and in order, a whole line of the
        original (with its newline), each original line at most once and both in
        increasing order.  One vectorised pass over the map and both texts."""
        if not original:
            return []
        codes, original_codes = _codes(text), _codes(original)
        n = len(codes)
        lo = _line_starts(codes)
        last = np.append(lo[1:], n) - 1
        original_starts = _line_starts(original_codes)
        # where the original offset does not advance by one (after character i), and
        # the characters that differ from the original one they map from (an insertion
        # at the very end maps past the original: to a code no text holds); both are
        # few, so a line holds none of them when it starts and ends between the same two
        breaks = np.flatnonzero(np.diff(self.start) != 1)
        mapped = np.append(original_codes, np.uint32(0x110000))[self.start]
        differ = np.flatnonzero(codes != mapped)
        o_start, o_end = self.start[lo], self.end[last]
        line_of = np.minimum(np.searchsorted(original_starts, o_start), len(original_starts) - 1)
        ok = (
            (breaks.searchsorted(last) == breaks.searchsorted(lo))
            & (o_end - o_start == last + 1 - lo)
            & (original_starts[line_of] == o_start)
            & (differ.searchsorted(last + 1) == differ.searchsorted(lo))
            & ((o_end == len(original_codes)) | (original_codes[np.maximum(o_end - 1, 0)] == 10))
        )
        picked = np.flatnonzero(ok)
        lines = line_of[picked]
        # in order: a line is kept when it comes after every original line kept before
        # it (the largest original line among the candidates before it)
        rising = lines > np.concatenate(([-1], np.maximum.accumulate(lines)[:-1]))
        return list(zip(lines[rising].tolist(), picked[rising].tolist()))


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _line_starts(codes: np.ndarray) -> np.ndarray:
    """Offsets where the lines start (0 and after every newline but a final one)."""
    after = np.flatnonzero(codes == 10) + 1
    return np.concatenate(([0], after[after < len(codes)]))
