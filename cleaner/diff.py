"""Unified diff of original -> cleaned text, in the form `patch` applies.

The chain never reorders text, so the line alignment is read off the
document's origin map in one linear pass (`Document.line_alignment`): an
output line that is an untouched copy of an original line is context, every
other line is removed or inserted.  No sequence matching: difflib is quadratic
on repetitive text (100k identical lines), this is O(lines).
"""
from __future__ import annotations

from typing import Sequence

_NO_NEWLINE = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    """Split on "\\n" only, keeping it, as `patch` does (str.splitlines also splits on \\r, \\x0c, \\u2028...)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(
    before: str,
    after: str,
    pairs: Sequence[tuple[int, int]] | None = None,
    name: str = "article.txt",
    context: int = 1,
) -> str:
    """A unified diff with `@@` hunks; empty when the texts are equal.

    `pairs` are (original line, output line) indices of unchanged lines, in
    increasing order of both; without them, lines are paired by a plain
    common prefix/suffix (correct, if less tight).
    """
    if before == after:
        return ""
    a, b = split_lines(before), split_lines(after)
    if pairs is None:
        pairs = _prefix_suffix_pairs(a, b)
    anchors = [(-1, -1), *pairs, (len(a), len(b))]
    # Changed regions: (a_start, a_end, b_start, b_end) between consecutive anchors.
    regions = [
        (i0 + 1, i1, j0 + 1, j1)
        for (i0, j0), (i1, j1) in zip(anchors, anchors[1:])
        if i1 > i0 + 1 or j1 > j0 + 1
    ]
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    for group in _group(regions, context):
        out.extend(_hunk(a, b, group, context))
    return "".join(out)


def _prefix_suffix_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return [(i, i) for i in range(head)] + [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)]


def _group(regions: list[tuple[int, int, int, int]], context: int) -> list[list[tuple[int, int, int, int]]]:
    """Regions close enough to share context lines form one hunk."""
    groups: list[list[tuple[int, int, int, int]]] = []
    for region in regions:
        if groups and region[0] - groups[-1][-1][1] <= 2 * context:
            groups[-1].append(region)
        else:
            groups.append([region])
    return groups


def _hunk(a: list[str], b: list[str], group: list[tuple[int, int, int, int]], context: int) -> list[str]:
    a_lo = max(0, group[0][0] - context)
    b_lo = group[0][2] - (group[0][0] - a_lo)
    a_hi = min(len(a), group[-1][1] + context)
    b_hi = group[-1][3] + (a_hi - group[-1][1])
    lines: list[str] = []
    a_pos = a_lo
    for a_start, a_end, b_start, b_end in group:
        lines.extend(" " + line for line in a[a_pos:a_start])
        lines.extend("-" + line for line in a[a_start:a_end])
        lines.extend("+" + line for line in b[b_start:b_end])
        a_pos = a_end
    lines.extend(" " + line for line in a[a_pos:a_hi])
    header = f"@@ -{_range(a_lo, a_hi)} +{_range(b_lo, b_hi)} @@\n"
    return [header] + [line if line.endswith("\n") else line + "\n" + _NO_NEWLINE for line in lines]


def _range(lo: int, hi: int) -> str:
    length = hi - lo
    start = lo + 1 if length else lo
    return f"{start}" if length == 1 else f"{start},{length}"
