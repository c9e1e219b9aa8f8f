"""The glossary rule: known mistranslations listed in `cleaner/data/glossary.tsv`.

An artifacts rule; it runs right after the rules of `artifacts.py` (see
`cleaner.rules._MODULES`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator, NamedTuple

from ..document import Document
from ..protect import protected
from .base import ALL_PROFILES, Edit, Rule


class GlossaryEntry(NamedTuple):
    wrong: str
    right: str
    note: str


def parse_glossary(text: str) -> tuple[GlossaryEntry, ...]:
    """Entries of a glossary file: `wrong<TAB>right<TAB>note`; `#` comments, a header line."""
    entries = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 2 or cells[0] == "wrong":
            continue
        entries.append(GlossaryEntry(cells[0].strip(), cells[1].strip(), cells[2].strip() if len(cells) > 2 else ""))
    return tuple(entries)


@lru_cache(maxsize=1)
def glossary() -> tuple[GlossaryEntry, ...]:
    return parse_glossary(resources.files("cleaner.data").joinpath("glossary.tsv").read_text(encoding="utf-8"))


class Glossary(Rule):
    """Known mistranslations from `cleaner/data/glossary.tsv` ("Sovereign Police Fund").

    Conservative by default: runs only with option `glossary` true or when the
    rule is enabled by id.  Matches whole words, case-sensitively.
    """

    id = "artifacts.glossary"
    category = "artifacts"
    purpose = "Replace known mistranslations listed in glossary.tsv (option glossary)."
    examples = (
        (
            "Kirill Dmitriev, head of the Sovereign Police Fund of Russia",
            "Kirill Dmitriev, head of the Sovereign Wealth Fund of Russia",
            {"glossary": True},
        ),
        ("the Sovereign Police Fund of Russia", "the Sovereign Police Fund of Russia"),
    )

    # Every profile: the option (or --enable) is the switch, checked in `find`.
    profiles = ALL_PROFILES

    def __init__(self, entries: tuple[GlossaryEntry, ...] | None = None) -> None:
        self.entries = glossary() if entries is None else entries
        by_wrong = {e.wrong: e for e in self.entries}
        self._by_wrong = by_wrong
        alternatives = "|".join(re.escape(w) for w in sorted(by_wrong, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if by_wrong else None

    def find(self, doc: Document) -> Iterator[Edit]:
        options = doc.options
        if self._pattern is None or not (options.glossary or self.id in options.enable):
            return
        guard = protected(doc.text)
        for m in self._pattern.finditer(doc.text):
            entry = self._by_wrong[m.group(0)]
            if not guard.touches(m.start(), m.end()):
                yield Edit(m.start(), m.end(), entry.right, f"glossary: {entry.note or 'known mistranslation'}")


RULES = (Glossary,)
