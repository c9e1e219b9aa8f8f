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

    def one_to_one(self, start: int, end: int) -> tuple[int, int] | None:
        """(o_start, o_end) when current [start, end) maps character by character,
        in order, onto one contiguous original span; else None."""
        if end <= start:
            return None
        o_start, o_end = int(self.start[start]), int(self.end[end - 1])
        if o_end - o_start != end - start:
            return None
        # consecutive characters of the original, each mapped alone
        starts = self.start[start:end]
        if int(starts[-1]) - int(starts[0]) != end - start - 1:
            return None
        if end - start > 1 and not bool((np.diff(starts) == 1).all()):
            return None
        return o_start, o_end
