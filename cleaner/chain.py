"""The rule chain: runs the selected rules in a fixed order and records everything.

Order (by category): encoding -> layout (and encoding again, if layout changed
the text) -> boilerplate -> duplicates -> names
-> artifacts -> (encoding, boilerplate, duplicates, names and artifacts again,
until they change nothing, only if names or artifacts changed the text) -> final layout.
Within a category, rules run in the order of `cleaner.rules.RULES`.  The chain is deterministic: no randomness, no clock
in the output, langdetect seeded.
"""
from __future__ import annotations

import gc
import time
from collections import Counter
from contextlib import contextmanager
from itertools import islice
from typing import Any, Iterator, Mapping

from .document import CleanResult, Document
from .options import Options
from .rules import STAGES, rules_for_stage
from .rules.top_of_page import headline_shaped


def clean(
    text: str,
    *,
    profile: str | None = None,
    options: Options | Mapping[str, Any] | None = None,
    input_format: str = "text",
) -> CleanResult:
    """Clean one article.  `input_format` is "text" or "html"."""
    started = time.perf_counter()
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    opts = Options.build(profile, options)
    with _collector_paused(len(text)):
        return _clean(text, opts, input_format, started)


def _clean(text: str, opts: Options, input_format: str, started: float) -> CleanResult:
    metadata: dict[str, Any] = {}
    if input_format == "html":
        from .html import extract

        text, metadata = extract(text)
    elif input_format != "text":
        raise ValueError(f"unknown input_format {input_format!r}; valid: html, text")
    doc = Document(text, opts)
    doc.metadata.update(metadata)
    run(doc)
    finish_metadata(doc)
    language = detect_language(doc.text)
    line_pairs = doc.line_alignment()
    return CleanResult(
        text=doc.text,
        original=doc.original,
        changes=doc.changes,
        warnings=doc.warnings,
        stats=stats(doc, started),  # last, so elapsed_ms covers everything above
        language=language,
        metadata=doc.metadata,
        profile=opts.profile,
        line_pairs=line_pairs,
    )


# Cleaning allocates no reference cycles, but on a long text it allocates
# hundreds of thousands of small tracked objects (lines, edits, changes): the
# cyclic collector then runs again and again over all of them for nothing, 40%
# of the time on 1 MB of short lines.  It is paused for such texts (only) and
# resumed, as it was, when the text is done.
_PAUSE_COLLECTOR_CHARS = 100_000


@contextmanager
def _collector_paused(length: int) -> Iterator[None]:
    if length < _PAUSE_COLLECTOR_CHARS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# Encoding repairs can expose each other (deleting a zero-width space or
# turning an NBSP into a space can complete a mojibake sequence), and so can
# artifacts repairs ("zt.The the": the space after the stop shows the repeated
# word; "the.The“The": the space before the quote shows the glued sentence), and
# boilerplate removals (a tagline repeated further down moves into the top block
# once the copies above it are gone), so these stages repeat until they change
# nothing; two passes suffice in practice.  A repeated pass runs only the rules
# that may find something new (`Rule.may_edit_again`).
_STAGE_PASSES = {"encoding": 3, "boilerplate": 3, "artifacts": 3, "recheck": 3}


def run(doc: Document) -> None:
    """Run every selected rule, stage by stage, on `doc`."""
    repaired = 0
    settled = None  # a text on which the layout rules last ran and changed nothing
    for stage in STAGES:
        if stage == "boilerplate":
            doc.snapshots["encoded"] = doc.text
        if stage == "recheck" and not repaired:
            continue
        if stage == "final" and doc.text is settled:
            continue  # no edit since: the layout rules (pure functions of the text) would find nothing again
        changed = run_stage(doc, stage)
        if stage in ("names", "artifacts"):
            repaired += changed
        if stage != "layout":
            continue
        # ftfy judges a repair in its line's context ("â€ž" after two spaces stays,
        # after one it is fixed): text that layout changed goes through encoding again.
        for _ in range(_STAGE_PASSES["encoding"]):
            if not changed or not run_stage(doc, "encoding"):
                break
            changed = run_stage(doc, "layout")
        if not changed:
            settled = doc.text


def run_stage(doc: Document, stage: str) -> int:
    """Run one stage's rules, repeated until they change nothing; the number of edits."""
    rules = rules_for_stage(stage, doc.options)
    # `may_edit_again` assumes the stage's own kind of edits; the recheck mixes kinds
    # (a names repair rewrites a line that a phrase rule judged before), and its rules
    # have all run once: it runs those that may edit, from its first pass on.
    recheck = stage == "recheck"
    again = "may_edit" if recheck else "may_edit_again"  # looked up on the rule: its override
    total = 0
    for repeat in range(_STAGE_PASSES.get(stage, 1)):
        changed = 0
        for rule in rules:
            if (repeat or recheck) and not getattr(rule, again)(doc.options):
                continue  # nothing new to find; warnings were given
            edits = list(rule.find(doc))
            if edits:
                changed += doc.apply(rule.id, rule.category, edits)
        total += changed
        if not changed:
            break
    return total


def finish_metadata(doc: Document) -> None:
    """Title from the first line when it is headline-shaped and no rule set one."""
    if "title" in doc.metadata:
        return
    # the first two non-blank lines, from the head of the text (split in C)
    head = doc.text.split("\n", _HEAD_LINES)
    lines = list(islice(filter(str.strip, head[:_HEAD_LINES]), 2))
    if len(lines) < 2 and len(head) > _HEAD_LINES:
        lines = list(islice(filter(str.strip, doc.text.split("\n")), 2))
    if len(lines) >= 2 and headline_shaped(lines[0]):
        doc.metadata["title"] = lines[0].strip()


_HEAD_LINES = 16


def stats(doc: Document, started: float) -> dict[str, Any]:
    per_rule = Counter(c.rule for c in doc.changes)
    lines_in = _line_count(doc.original)
    lines_out = lines_in if doc.text is doc.original else _line_count(doc.text)  # (most come through unedited)
    return {
        "chars_in": len(doc.original),
        "chars_out": len(doc.text),
        "chars_removed": sum(max(0, len(c.before) - len(c.after)) for c in doc.changes),
        "lines_in": lines_in,
        "lines_out": lines_out,
        "lines_removed": sum(1 for c in doc.changes if c.before.endswith("\n") and not c.after),
        "changes": len(doc.changes),
        "changes_per_rule": dict(sorted(per_rule.items())),
        "warnings": len(doc.warnings),
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 3),
    }


def _line_count(text: str) -> int:
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None if unsure (see `cleaner.language`)."""
    from .language import PROSE_SAMPLE, article_language, prose_sample

    sample = prose_sample(text) or text[:PROSE_SAMPLE]
    if sum(map(str.isalpha, sample[:200])) < 20:
        return None
    return article_language(sample)
