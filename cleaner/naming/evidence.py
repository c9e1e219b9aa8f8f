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
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import CAP_CANDIDATE, ENGLISH_MIN_SHARE, english_share, is_capitalised

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
    # capitalised although not first in a sentence: a name, not just a sentence start
    inner: Counter[str] = field(default_factory=Counter)
    before: dict[str, set[str]] = field(default_factory=dict)
    after: dict[str, set[str]] = field(default_factory=dict)
    heads: set[str] = field(default_factory=set)
    # lowercase spelling -> capitalised forms seen ("kyiv" -> {"Kyiv"})
    by_lower: dict[str, set[str]] = field(default_factory=dict)
    # the English dictionary guard only means something in English text
    english: bool = True

    def count(self, form: str) -> int:
        return self.counts.get(form, 0)


# The gaps that join two words of one name (". " only after an initial or title).
_JOINS = frozenset({" ", "\u00a0", "-"})


def joins(gap: str, left: str) -> bool:
    """Whether `gap`, between the words `left` and the next one, makes them parts of one name ("Pete Hegseth")."""
    if gap == ". ":
        return len(left) == 1 or left in TITLES
    return gap in _JOINS


# The capitalised-word candidates and the text between them, in one C-level pass.
_SPLIT = re.compile(f"({CAP_CANDIDATE.pattern})")
# Whether the three characters before a word end a sentence: the verdict of
# _SENTENCE_START per distinct window (a handful recur: ". ", "\n", "“").
_STARTS: dict[object, bool] = {}
_STARTS_LIMIT = 4096

# Evidence saturates long before this many capitalised words (a long article has
# ~2,000); the bound keeps a hostile 1 MB text of names from costing seconds.
MAX_MENTIONS = 20_000


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of a sentence (or line)."""
    # the verdict depends on the three characters before, and on whether they open the text (^)
    key: object = text[start - 3 : start] if start > 3 else (text[:start],)
    hit = _STARTS.get(key)
    if hit is None:
        if len(_STARTS) >= _STARTS_LIMIT:
            _STARTS.clear()
        hit = _STARTS[key] = bool(_SENTENCE_START.search(text, max(0, start - 3), start))
    return hit


@lru_cache(maxsize=8)
def collect(text: str) -> Evidence:
    """The capitalised-word evidence of `text` (cached: three rules read the same snapshot)."""
    ev = Evidence(english=english_share(text) >= ENGLISH_MIN_SHARE)
    # Only capitalised words matter.  Two of them are neighbours in a name when the
    # gap between them is a join (a space, a hyphen, ". "), which no word between
    # them could be: so the walk needs the candidate words and the gaps alone.
    parts = _SPLIT.split(text, MAX_MENTIONS)  # gap, word, gap, word, ..., gap
    capitalised: dict[str, bool] = {}
    mentions: list[str] = []
    inner: list[str] = []
    before, after, heads = ev.before, ev.after, ev.heads
    pos = 0
    prev = None  # the capitalised word right before (no other word between)
    for i in range(1, len(parts), 2):
        gap, w = parts[i - 1], parts[i]
        start = pos + len(gap)
        pos = start + len(w)
        cap = capitalised.get(w)
        if cap is None:
            cap = capitalised[w] = is_capitalised(w)
        if not cap:
            if prev is not None:
                heads.add(prev)
            prev = None
            continue
        mentions.append(w)
        if not _sentence_start(text, start):
            inner.append(w)
        if prev is not None:
            if joins(gap, prev):
                before.setdefault(w, set()).add(prev)
                after.setdefault(prev, set()).add(w)
            else:
                heads.add(prev)
        prev = w
    if prev is not None:
        heads.add(prev)
    ev.counts.update(mentions)
    ev.inner.update(inner)
    for w in ev.counts:
        ev.by_lower.setdefault(w.lower(), set()).add(w)
    return ev
