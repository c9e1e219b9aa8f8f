"""Site templates: lines learned as one site's boilerplate across many of its documents.

The lines themselves come from outside the article: `cleaner batch
--learn-templates` (or `cleaner.batch.learn_templates`) counts, per source,
in how many documents each line occurs, and passes the lines that recur in
enough of them as `Options.site_templates`.  This rule only looks them up, so
a single article can never teach it anything.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..document import Document
from .base import ALL_PROFILES, LineRule

_WS = re.compile(r"\s+")


def template_key(line: str) -> str:
    """The form a template line is stored and compared in: whitespace-normalised, case-folded."""
    return _WS.sub(" ", line).strip().casefold()


@lru_cache(maxsize=256)
def _keys(templates: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k for k in (template_key(t) for t in templates) if k)


class SiteTemplate(LineRule):
    """A line listed in `options.site_templates` (learned from the site's other
    documents: taglines, footers, navigation) is removed wherever it occurs.
    Comparison ignores case and runs of whitespace.  With no templates (the
    default) the rule does nothing."""

    id = "boilerplate.site_template"
    category = "boilerplate"
    purpose = "Remove lines learned as the site's own template (recurring across many of its documents)."
    profiles = ALL_PROFILES
    examples = (
        (
            "Prime News Daily Briefing\nThe talks resumed on Monday in Riyadh.\nMore from the Balkans desk\n",
            "The talks resumed on Monday in Riyadh.\n",
            {"site_templates": ["prime news  daily briefing", "More from the BALKANS desk"]},
        ),
    )

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        templates = doc.options.site_templates
        if not templates:
            return
        keys = _keys(tuple(templates))
        for line in doc.lines:
            if line.text.strip() and template_key(line.text) in keys:
                yield line.index, "site template: the line recurs across many documents of this source"


RULES = (SiteTemplate,)
