"""The gazetteer: known names, their canonical form, variants and type.

Shipped as cleaner/data/gazetteer.tsv (format documented in its header and in
cleaner/data/README.md); users add lines in the same format (option `names`,
CLI `--names FILE`).  Loaded lazily, once per distinct user list.

Index, by token (names split into words, "Kim Jong-un" -> Kim, Jong, un):
- `tokens[t]`: the entries using token t, and the roles it plays there
  (in a person's name: "first" before another word, "last" ending a
  multi-word form, "single" alone; else "place" or "org", plus "name"
  when the place or body is one word: "Kyiv", not "Micro" in "Advanced
  Micro Devices");
- `pairs`: (word, next word) inside one form, the context evidence
  ("Pete" + "Hegseth");
- `groups`: spelling-variant groups of the head words (surname, single-word
  name): "Zelenskyy / Zelensky / Zelenskiy", "Kyiv / Kiev".  A form in two
  different groups (two entities) is ambiguous and never restyled.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from .lexicon import WORD, fold

TYPES = ("person", "place", "org")
# Head words of one entity whose folded keys are this close are one spelling
# group ("Zelenskyy"/"Zelenskiy": 0; "Türkiye"/"Turkey": 2); "Xi"/"Jinping" are not.
GROUP_MAX_DISTANCE = 2


@dataclass(frozen=True)
class Entry:
    canonical: str
    type: str
    variants: tuple[str, ...]
    note: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.canonical, *self.variants)


@dataclass
class TokenInfo:
    entries: set[int] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Group:
    """Spelling variants of one head word of one entity; `canonical` is the gazetteer's choice."""

    entry: int
    canonical: str
    forms: frozenset[str]


class Gazetteer:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.tokens: dict[str, TokenInfo] = {}
        self.pairs: set[tuple[str, str]] = set()
        self.before: dict[str, set[str]] = {}  # word -> the words that precede it in some form
        self.after: dict[str, set[str]] = {}  # word -> the words that follow it in some form
        self.full: dict[str, set[int]] = {}  # whole form -> entries
        groups_of: dict[str, list[Group]] = {}
        for i, entry in enumerate(entries):
            heads: list[str] = []
            for form in entry.forms:
                words = WORD.findall(form)
                if not words:
                    continue
                self.full.setdefault(form, set()).add(i)
                for k, w in enumerate(words):
                    info = self.tokens.setdefault(w, TokenInfo())
                    info.entries.add(i)
                    if entry.type != "person":
                        info.roles.add("place" if entry.type == "place" else "org")
                        if len(words) == 1:
                            info.roles.add("name")  # a one-word place or body: "Kyiv", "Gazprom"
                    else:
                        info.roles.add("single" if len(words) == 1 else "first" if k == 0 else "last" if k == len(words) - 1 else "middle")
                    if k:
                        self.pairs.add((words[k - 1], w))
                        self.before.setdefault(w, set()).add(words[k - 1])
                        self.after.setdefault(words[k - 1], set()).add(w)
                head = words[-1]
                if entry.type != "org" and (len(words) == 1 or entry.type == "person") and len(head) >= 4 and head[:1].isupper():
                    heads.append(head)
            canonical_words = WORD.findall(entry.canonical)
            canonical_head = canonical_words[-1] if canonical_words else ""
            for group in _cluster(heads):
                canon = canonical_head if canonical_head in group else group[0]
                g = Group(i, canon, frozenset(group))
                for form in group:
                    groups_of.setdefault(form, []).append(g)
        self.groups = groups_of
        # head word -> its one group (`group`), decided once: the rules ask for every mention
        self._group = {form: _one_group(groups) for form, groups in groups_of.items()}

    def group(self, form: str) -> Group | None:
        """The one spelling group of head word `form`, or None (unknown, or ambiguous)."""
        return self._group.get(form)

    def describe(self, token: str) -> str:
        """The canonical form of the first entry holding `token`, for reasons."""
        info = self.tokens.get(token)
        if not info:
            return token
        return self.entries[min(info.entries)].canonical


def _one_group(groups: list[Group]) -> Group | None:
    """The group all of `groups` agree on (same forms, same canonical spelling), or None."""
    members = {g.forms for g in groups}
    canon = {g.canonical for g in groups}
    return groups[0] if len(members) == 1 and len(canon) == 1 else None


def _cluster(heads: list[str]) -> list[list[str]]:
    """Single-link clusters of head words by folded edit distance, first-seen order kept."""
    unique = list(dict.fromkeys(heads))
    clusters: list[list[str]] = []
    for h in unique:
        home = None
        for c in clusters:
            if any(Levenshtein.distance(fold(h), fold(o), score_cutoff=GROUP_MAX_DISTANCE) <= GROUP_MAX_DISTANCE for o in c):
                home = c
                break
        if home is None:
            clusters.append([h])
        else:
            home.append(h)
    return clusters


def parse(text: str, source: str = "gazetteer") -> list[Entry]:
    """Entries of gazetteer text: `canonical<TAB>type<TAB>variant; variant<TAB>note`.

    `#` lines, blank lines and the header row are skipped; type defaults to
    person, variants and note to empty.  A bad type raises ValueError.
    """
    entries = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if cols[0] == "canonical":
            continue
        canonical = cols[0]
        kind = cols[1] if len(cols) > 1 and cols[1] else "person"
        if kind not in TYPES:
            raise ValueError(f"{source} line {n}: type {kind!r} is not one of {', '.join(TYPES)}")
        variants = tuple(v.strip() for v in cols[2].split(";") if v.strip()) if len(cols) > 2 else ()
        note = cols[3] if len(cols) > 3 else ""
        entries.append(Entry(canonical, kind, tuple(v for v in variants if v != canonical), note))
    return entries


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[Entry, ...]:
    text = resources.files("cleaner.data").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    return tuple(parse(text, "gazetteer.tsv"))


@lru_cache(maxsize=8)
def load(user_lines: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped gazetteer plus `user_lines` (same format), indexed once per distinct list."""
    return Gazetteer([*shipped_entries(), *parse("\n".join(user_lines), "names")])
