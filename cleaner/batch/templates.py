"""Learning site templates: lines that recur across many documents of one source.

Two passes: first count, per source (a site), in how many documents each
line occurs; then clean every document with its source's frequent lines as
`Options.site_templates` (rule `boilerplate.site_template`).

    >>> from cleaner.batch import learn_templates
    >>> docs = [("site-a", f"Site A News\\nStory number {i} happened today.\\n") for i in range(6)]
    >>> templates = learn_templates(docs)
    >>> templates["site-a"]
    ('site a news',)
    >>> import cleaner
    >>> cleaner.clean(docs[0][1], options={"site_templates": templates["site-a"]}).text
    'Story number 0 happened today.\\n'

A line counts once per document however often it occurs there, so a line
seen in one document only is never a template (`min_docs` is at least 2).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from ..rules.site_template import template_key
from .io import JSONL, Inputs, read_jsonl
from .work import source_key


@dataclass(frozen=True)
class TemplateThresholds:
    # A template line occurs in at least this many documents of its source.
    # Never below 2: one document alone proves nothing about the site.
    min_docs: int = 5
    # ... and in at least this share of the source's (sampled) documents.  Site
    # chrome (taglines, footers, navigation) is on nearly every page; 0.3 leaves
    # room for sites with several page layouts while a phrase that merely
    # recurs in a running story stays far below it.
    min_share: float = 0.3
    # Documents per source examined: the first `sample_docs` in input order.
    # Chrome that is on a third of the pages shows up in any few hundred, and
    # the cap bounds memory by sources x sample, not by corpus size.
    sample_docs: int = 1000
    # Longer lines are article text or data, never counted (bounds memory).
    max_line_chars: int = 300

    def validate(self) -> None:
        if self.min_docs < 2:
            raise ValueError("template min_docs must be at least 2 (a line in one document is never a template)")
        if not 0 < self.min_share <= 1:
            raise ValueError("template min_share must be in (0, 1]")
        if self.sample_docs < self.min_docs:
            raise ValueError("template sample_docs must be at least min_docs")
        if self.max_line_chars < 1:
            raise ValueError("template max_line_chars must be positive")


def doc_lines(text: str, max_line_chars: int = TemplateThresholds.max_line_chars) -> frozenset[str]:
    """The distinct candidate lines of one document, in template_key form."""
    keys = set()
    for line in text.split("\n"):
        key = template_key(line)
        if key and len(key) <= max_line_chars and any(ch.isalpha() for ch in key):
            keys.add(key)
    return frozenset(keys)


class TemplateLearner:
    """Counts document frequency of lines per source; `templates()` gives the result.

    Feed documents in input order with `add(source, text)` (or `add_lines`
    with `doc_lines(text)`, e.g. computed on a remote worker).  Deterministic:
    the same documents in the same order give the same templates.
    """

    def __init__(self, thresholds: TemplateThresholds | None = None) -> None:
        self.thresholds = thresholds or TemplateThresholds()
        self.thresholds.validate()
        self._counts: dict[str, Counter] = {}
        self._docs: Counter = Counter()
        self._done: dict[str, tuple[str, ...]] = {}

    def wants(self, source: Any) -> bool:
        """Whether another document of `source` would still be counted."""
        return source is not None and source_key(source) not in self._done

    def add(self, source: Any, text: str) -> None:
        if self.wants(source):
            self.add_lines(source, doc_lines(text, self.thresholds.max_line_chars))

    def add_lines(self, source: Any, lines: Iterable[str]) -> None:
        if source is None:
            return
        key = source_key(source)
        if key in self._done:
            return
        self._docs[key] += 1
        self._counts.setdefault(key, Counter()).update(set(lines))
        if self._docs[key] >= self.thresholds.sample_docs:
            self._finish(key)

    def _finish(self, key: str) -> None:
        counts = self._counts.pop(key, Counter())
        docs = self._docs[key]
        need = max(2, self.thresholds.min_docs, math.ceil(self.thresholds.min_share * docs - 1e-9))
        self._done[key] = tuple(sorted(line for line, n in counts.items() if n >= need))

    def templates(self) -> dict[str, tuple[str, ...]]:
        """source -> template lines, for every source that has any."""
        for key in list(self._counts):
            self._finish(key)
        return {k: v for k, v in sorted(self._done.items()) if v}


def learn_templates(docs: Iterable[tuple[Any, str]], thresholds: TemplateThresholds | None = None, **kwargs: Any) -> dict[str, tuple[str, ...]]:
    """Pass one of the two-pass API: (source, text) pairs -> {source: template lines}.

    Pass two is ordinary cleaning with ``options={"site_templates": templates[source]}``.
    Keyword arguments override the default `TemplateThresholds` fields.
    """
    learner = TemplateLearner(thresholds or TemplateThresholds(**kwargs))
    for source, text in docs:
        learner.add(source, text)
    return learner.templates()


def input_docs(inputs: Inputs, text_field: str, source_field: str | None) -> Iterator[tuple[Any, str, int]]:
    """(source, text, input bytes) of every usable record of `inputs`; bad records are
    skipped here (the cleaning pass reports them)."""
    if inputs.kind == JSONL:
        for path in inputs.paths:
            last = 0
            for _, raw, position in read_jsonl(path):
                nbytes, last = position - last, position
                try:
                    record = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(record, dict) and isinstance(record.get(text_field), str):
                    source = record.get(source_field) if source_field else path
                    yield source, record[text_field], nbytes
        return
    for item in inputs.files:
        try:
            with open(item.path, "rb") as f:
                data = f.read()
            yield item.source, data.decode("utf-8"), len(data)
        except (OSError, UnicodeDecodeError):
            continue
