"""Proper-noun mentions collected from the whole raw article.

The evidence text is `doc.snapshots["encoded"]`: the article after encoding
repair, before any boilerplate line went, so a caption that holds the only
correct spelling still counts ("Sergei Lavrov" once in a caption, "Lavrow"
four times in the body).

For every capitalised word: how often it is written so (`counts`), which
capitalised words stand right before it (`before`: the first name or title;
`after`: the surname after a first name — context evidence), and whether it ever stands as the end of a name
(`heads`) — a word only ever seen before another name word ("Dmitry" in
"Dmitry Peskov") is a first name, not a surname to repair toward.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import compress, count, filterfalse, islice
from operator import itemgetter, not_

import numpy as np

from .lexicon import ENGLISH_MIN_SHARE, Scan, fold, scan

# What ends right before the first word of a sentence (or line): ". ", "\n", "“".
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…\n][\"'“”‘’«»)\]]?\s*|[\"“‘«(\[]\s*)$")
TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gen", "Lt", "Col", "Prof"})
# Proper adjectives that stand before names ("Russian Lavrov") without being first names;
# adjectives derived from gazetteer places ("Ukrainian" from "Ukraine") are found by rule.
ADJECTIVES = frozenset(
    """American British English French German Dutch Spanish Turkish Polish Swedish Danish
    Finnish Irish Scottish Welsh Greek Swiss Czech Slovak Thai Chinese Japanese Vietnamese Korean
    Lebanese Sudanese Portuguese Maltese Congolese Senegalese Taiwanese Burmese Nepalese
    Kurdish Jewish Arab Israeli Iraqi Saudi Qatari Emirati Kuwaiti Omani Yemeni Pakistani
    Afghan Uzbek Kazakh Tajik Kyrgyz Turkmen Azeri Belarusian Western Eastern Northern
    Southern Soviet European Asian African Latin Islamic Muslim Christian Catholic Orthodox
    Sunni Shia Shiite Alawite Druze Republican Democratic Democrat Conservative Labour Liberal
    Russian Ukrainian Syrian Iranian Georgian Canadian Cuban Mexican Brazilian Indian Italian
    Egyptian Palestinian Belgian Austrian Hungarian Romanian Bulgarian Serbian Croatian Bosnian
    Albanian Estonian Latvian Lithuanian Moldovan Armenian Azerbaijani Libyan Tunisian Algerian
    Moroccan Nigerian Kenyan Ethiopian Somali Venezuelan Colombian Argentine Chilean Peruvian
    Australian Indonesian Malaysian Filipino Norwegian Jordanian Yemeni Chechen Crimean""".split()
)
# Words before a name that are not first names: titles and offices, and the first
# words of place names ("San Diego", "Los Angeles").  A first name
# that differs between two mentions means two people; one of these proves nothing.
TITLE_WORDS = TITLES | frozenset(
    """President Prime Minister Chancellor Secretary General Senator Governor King Queen
    Prince Princess Pope Sheikh Emir Sir Lord Lady Judge Justice Mayor Ambassador Envoy
    Commander Colonel Captain Admiral Marshal Chairman Chair Chairwoman Director Spokesman
    Spokeswoman Spokesperson Speaker Representative Deputy Vice Foreign Defence Defense
    Chief Leader Premier Sultan Crown Ayatollah Rabbi Imam Father Bishop Cardinal Professor
    Coach Officer Agent Detective Sergeant Lieutenant Major Former Acting Mrs Ms Miss
    Madam Dame Senior Junior Officials Official Minister's Secretary-General CEO
    San Santa Los Las El La Le Les Saint Port Fort Mount Lake Cape New North South East West
    Upper Lower Great Greater Grand Little Old""".split()
)


@dataclass
class Evidence:
    counts: Counter[str] = field(default_factory=Counter)
    before: dict[str, set[str]] = field(default_factory=dict)
    after: dict[str, set[str]] = field(default_factory=dict)
    heads: set[str] = field(default_factory=set)
    # the text, its capitalised words in order and their word numbers in the text's
    # `cleaner.naming.lexicon.Scan`: for `inner`
    text: str = ""
    mentions: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    scan: Scan | None = None

    def count(self, form: str) -> int:
        return self.counts.get(form, 0)

    @cached_property
    def english(self) -> bool:
        """Whether the English dictionary guard means something in the text (`is_english`):
        asked by few verdicts, so measured only then."""
        return is_english(self.text)

    @cached_property
    def starts(self) -> list[int]:
        """Where each mention starts; only `inner` needs it, and few articles need `inner`."""
        if not self.numbers or self.scan is None:
            return []
        return self.scan.starts_of(self.numbers)

    @cached_property
    def inner(self) -> Counter[str]:
        """Mentions capitalised although not first in a sentence: a name, not just a sentence start."""
        return Counter(compress(self.mentions, map(not_, _sentence_starts(self.text, self.starts))))

    @cached_property
    def by_fold(self) -> Counter[str]:
        """Mentions per folded spelling: "Lavrow" x3 and "Lavrov" once make fold("Lavrov") 4."""
        keys = list(map(fold, self.counts))
        mentions = Counter(dict(zip(keys, self.counts.values())))
        if len(mentions) < len(keys):  # some spellings share a key: add them up
            mentions.clear()
            for k, n in zip(keys, self.counts.values()):
                mentions[k] += n
        return mentions

    def lower_forms(self, word: str) -> Collection[str]:
        """The capitalised forms seen of lowercase `word` ("kyiv" -> "Kyiv"): `by_lower`, without
        a set per form when no two forms share a lowercase spelling (nearly always)."""
        if len(self._lowered) < len(self.counts):
            return self.by_lower.get(word, ())
        form = self._lowered.get(word)
        return () if form is None else (form,)

    @cached_property
    def _lowered(self) -> dict[str, str]:
        return dict(zip(map(str.lower, self.counts), self.counts))

    @cached_property
    def by_lower(self) -> dict[str, set[str]]:
        """Lowercase spelling -> capitalised forms seen ("kyiv" -> {"Kyiv"})."""
        keys = list(map(str.lower, self.counts))
        forms = {k: {w} for k, w in zip(keys, self.counts)}
        if len(forms) < len(keys):  # "Kyiv" and "KYiv"
            for k, w in zip(keys, self.counts):
                forms[k].add(w)
        return forms


# The gaps that join two words of one name (". " only after an initial or title).
_JOINS = frozenset({" ", "\u00a0", "-"})


def joins(gap: str, left: str) -> bool:
    """Whether `gap`, between the words `left` and the next one, makes them parts of one name ("Pete Hegseth")."""
    if gap == ". ":
        return len(left) == 1 or left in TITLES
    return gap in _JOINS


# Whether the three characters before a word end a sentence: the verdict of
# _SENTENCE_START per distinct window (a handful recur: ". ", "\n", "“").
_STARTS: dict[object, bool] = {}
_STARTS_LIMIT = 4096

# Evidence saturates long before this many capitalised words (a long article has
# ~2,000); the bound keeps a hostile 1 MB text of names from costing seconds.
MAX_MENTIONS = 20_000


def _sentence_starts(text: str, starts: list[int]) -> list[bool]:
    """Whether each word starting at `starts` is the first of a sentence (or line)."""
    # The verdict depends on the three characters before, and on whether they open the text (^).
    windows: list[object] = list(map(text.__getitem__, map(slice, map((-3).__add__, starts), starts)))
    for i, start in enumerate(starts):
        if start > 3:
            break
        windows[i] = (text[:start],)
    verdicts = list(map(_STARTS.get, windows))
    for i, hit in enumerate(verdicts):
        if hit is None:
            if len(_STARTS) >= _STARTS_LIMIT:
                _STARTS.clear()
            start = starts[i]
            hit = verdicts[i] = _STARTS[windows[i]] = bool(_SENTENCE_START.search(text, max(0, start - 3), start))
    return verdicts


@lru_cache(maxsize=8)
def is_english(text: str) -> bool:
    """Whether the dictionary guard means something in `text` (cached like `collect`)."""
    return scan(text).english_share() >= ENGLISH_MIN_SHARE


def _capitalised(words: Iterable[str]) -> set[str]:
    """The capitalised ones (`is_capitalised`) of distinct `words` that are not lowercase
    (`Scan.others`), most tests done in C."""
    mixed = list(words)
    upper_first = list(compress(mixed, map(str.isupper, map(itemgetter(0), mixed))))
    found = set(filterfalse(str.isupper, upper_first))  # "Putin", not "NATO"...
    found.update(compress(upper_first, map((1).__eq__, map(len, upper_first))))  # ... but "A"
    return found


@lru_cache(maxsize=8)
def collect(text: str) -> Evidence:
    """The capitalised-word evidence of `text` (cached: three rules read the same snapshot)."""
    sc = scan(text)
    words = sc.words
    first = sc.upper_first()  # the capitalised words are among these few
    if len(words) > MAX_MENTIONS:  # only the words up to the MAX_MENTIONS-th `CAP_CANDIDATE`
        candidate = [not "a" <= w[0] <= "z" for w in words]
        n = next(islice(compress(count(), candidate), MAX_MENTIONS - 1, None), len(words) - 1) + 1
        first = first[: bisect_left(first, n)]
    seen = list(map(words.__getitem__, first))
    capital = list(map(_capitalised(set(seen)).__contains__, seen))
    mentions = list(compress(seen, capital))
    numbers = list(compress(first, capital))
    ev = Evidence(counts=Counter(mentions), text=text, mentions=mentions, numbers=numbers, scan=sc)
    # Two capitalised words are neighbours in a name when no other word stands between
    # them and the gap is a join (a space, a hyphen, ". " after an initial or title).
    at = np.array(numbers, dtype=np.intp)
    pairs = at[:-1][at[1:] - at[:-1] == 1].tolist()
    gaps = sc.gaps_after(pairs)
    joined = list(compress(pairs, map(_JOINS.__contains__, gaps)))
    if ". " in gaps:
        joined += [j for j, gap in zip(pairs, gaps) if gap == ". " and joins(gap, words[j])]
        joined.sort()
    for j in joined:
        ev.before.setdefault(words[j + 1], set()).add(words[j])
        ev.after.setdefault(words[j], set()).add(words[j + 1])
    # a head is a word written at least once without a capitalised word joined after it
    ev.heads.update(ev.counts)
    if joined:
        ahead = Counter(map(words.__getitem__, joined))
        ev.heads.difference_update([w for w, n in ahead.items() if n == ev.counts[w]])
    return ev
