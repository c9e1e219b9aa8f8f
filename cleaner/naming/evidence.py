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
from itertools import islice

from .lexicon import CAP_CANDIDATE, ENGLISH_MIN_SHARE, english_share, is_capitalised

# What may stand between two words of one name: a space, a hyphen, or ". " after an initial/title.
_JOIN = re.compile(r"[ \u00a0]|-|\. ")
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


def joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether two consecutive words are written as parts of one name ("Pete Hegseth")."""
    gap = text[left.end() : right.start()]
    if gap == ". ":
        return len(left.group()) == 1 or left.group() in TITLES
    return bool(_JOIN.fullmatch(gap))


# Evidence saturates long before this many capitalised words (a long article has
# ~2,000); the bound keeps a hostile 1 MB text of names from costing seconds.
MAX_MENTIONS = 20_000


@lru_cache(maxsize=8)
def collect(text: str) -> Evidence:
    """The capitalised-word evidence of `text` (cached: three rules read the same snapshot)."""
    ev = Evidence(english=english_share(text) >= ENGLISH_MIN_SHARE)
    # Only capitalised words matter.  Two of them are neighbours in a name when the
    # gap between them is a join (a space, a hyphen, ". "), which no lowercase word
    # between them could be: so the walk needs the capitalised words alone.
    words = [m for m in islice(CAP_CANDIDATE.finditer(text), MAX_MENTIONS) if is_capitalised(m.group())]
    for i, m in enumerate(words):
        w = m.group()
        ev.counts[w] += 1
        if not _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()):
            ev.inner[w] += 1
        ev.by_lower.setdefault(w.lower(), set()).add(w)
        prev = words[i - 1] if i else None
        nxt = words[i + 1] if i + 1 < len(words) else None
        if prev is not None and joined(text, prev, m):
            ev.before.setdefault(w, set()).add(prev.group())
        if nxt is None or not joined(text, m, nxt):
            ev.heads.add(w)
        else:
            ev.after.setdefault(w, set()).add(nxt.group())
    return ev
