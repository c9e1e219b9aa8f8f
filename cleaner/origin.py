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

    def whole_lines(
        self, starts: list[int], ends: list[int], original_starts: list[int]
    ) -> list[tuple[int, int, tuple[int, int]]]:
        """Current spans [starts[i], ends[i]) (non-empty, in order) that map character by
        character, in order, onto one contiguous original span beginning a line of the
        original: (i, original line index, (o_start, o_end)) for each.  One vectorised
        pass over the map."""
        if not starts:
            return []
        lo = np.asarray(starts, dtype=np.int64)
        last = np.asarray(ends, dtype=np.int64) - 1
        # breaks[i]: how many times the original offset does not advance by one before character i
        breaks = np.zeros(len(self.start), dtype=np.int64)
        np.cumsum(np.diff(self.start) != 1, out=breaks[1:])
        o_start, o_end = self.start[lo], self.end[last]
        line_of = np.searchsorted(np.asarray(original_starts, dtype=np.int64), o_start)
        line_of = np.minimum(line_of, len(original_starts) - 1)
        ok = (
            (breaks[last] == breaks[lo])
            & (o_end - o_start == last + 1 - lo)
            & (np.asarray(original_starts, dtype=np.int64)[line_of] == o_start)
        )
        picked = np.flatnonzero(ok)
        return list(zip(picked.tolist(), line_of[picked].tolist(), zip(o_start[picked].tolist(), o_end[picked].tolist())))


def line_starts(text: str) -> list[int]:
    """Offsets where the lines of `text` start (0 and after every newline but a final one)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    after = np.flatnonzero(codes == 10) + 1
    return [0, *after[after < len(text)].tolist()]
