"""Unified diff of original -> cleaned text, in the form `patch` applies."""
from __future__ import annotations

import difflib

_NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(before: str, after: str, name: str = "article.txt", context: int = 1) -> str:
    """A unified diff with `@@` hunks; empty when the texts are equal."""
    if before == after:
        return ""
    a, b = _lines(before), _lines(after)
    out = []
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}", n=context):
        out.append(line if line.endswith("\n") else line + "\n" + _NO_NEWLINE)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Split on "\n" only, as `patch` does (str.splitlines also splits on \r, \x0c, \u2028...)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
