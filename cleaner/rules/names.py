"""Name rules: garbled, lowercased and inconsistently spelt proper nouns.

Evidence is the whole raw article (`doc.snapshots["encoded"]`, captions and
all), the gazetteer (cleaner/data/gazetteer.tsv) and the user's `names`;
edits go to the current text.  Helpers live in `cleaner.naming`.

- `names.variants`: a capitalised word that no dictionary or gazetteer knows,
  within a few folded edits of a known name ("Lavrow" -> "Lavrov",
  "Pete Hegesh" -> "Pete Hegseth");
- `names.case`: a known name written in lowercase ("in kyiv" -> "in Kyiv",
  "and putn" -> "and Putin", "russian" -> "Russian"), never an ordinary
  word ("turkey", "may"), never in a line that is not English;
- `names.style`: spelling variants of one gazetteer entity made consistent
  (the article's dominant spelling) or canonical (option name_style).

Precision first: a match below the confidence rules of
`cleaner.naming.matching` is a warning with offsets, never an edit.
Measured by bench/names.py (recall on injected mangles, false corrections on
untouched names); tests in tests/test_names.py.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from ..naming.evidence import ADJECTIVES, Evidence, collect, is_english
from ..naming.gazetteer import Gazetteer, load
from ..naming.lexicon import CAP_CANDIDATE, ENGLISH_MIN_SHARE, english_share, fold, is_capitalised, is_dictionary_word, scan
from ..naming.matching import MIN_LENGTH, Matcher, person_word, short_garble
from .base import Edit, Rule

if TYPE_CHECKING:
    from ..document import Document

# A lowercase word one edit from a name ("putn") is restored only when the article
# writes that name this often: short lowercase words of other languages ("jadi",
# "suas") sit one edit from many names written once or twice.
LOWERCASE_FUZZY_MIN_COUNT = 3
# names.case asks whether the article is English before judging more unknown
# lowercase words than this (the seeds: 0-40; a German article: hundreds).
_MANY_UNKNOWN = 50
# A word inside a URL, address, handle, hashtag or file name is not prose.
_NOT_PROSE = re.compile(r"[/@#_=\\]|www\.|https?:|\.[a-z]{2,4}\b")
# A `cleaner.naming.lexicon.WORD` match found by position (`_mentions`): no letter before.
_WORD_AT = re.compile(r"(?<![^\W\d_])[^\W\d_]+")
# The word joined to the one ending (starting) where the match starts (ends): a space,
# no-break space or hyphen between (". " joins only after an initial or title).
_JOINED_AFTER = re.compile(r"[ \u00a0-]([^\W\d_]+)")
_JOINED_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \u00a0-]$")


def evidence_text(doc: "Document") -> str:
    """The whole raw article; the current text when a rule runs alone."""
    return doc.snapshots.get("encoded", doc.text)


def in_prose(text: str, start: int, end: int, hyphen_ok: bool = True) -> bool:
    """Whether the word at [start, end) stands in running text (not a URL, hashtag, "O'Brien" part)."""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace() and start - lo < 200:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - end < 200:
        hi += 1
    chunk = text[lo:hi]
    if _NOT_PROSE.search(chunk):
        return False
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in "'’" and start >= 2 and text[start - 2].isalpha():
        return False
    if not hyphen_ok and ("-" in (before, after)):
        return False
    # a combining mark after the word belongs to its last letter ("Zelensky" + "y\u0301"):
    # rewriting the word would leave the mark on another letter
    return not unicodedata.combining(after)


class _Lines:
    """Whether the line around a position reads as English (the guards are English), cached per line."""

    MIN_WORDS = 8  # lowercase words; a shorter line takes the article's verdict

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[int, bool] = {}

    def english(self, pos: int) -> bool:
        start = self.text.rfind("\n", 0, pos) + 1
        if start not in self.cache:
            end = self.text.find("\n", pos)
            line = self.text[start : end if end >= 0 else len(self.text)]
            self.cache[start] = english_share(line, self.MIN_WORDS) >= ENGLISH_MIN_SHARE
        return self.cache[start]


def _mentions(pattern: re.Pattern[str], text: str, words: Iterable[str]) -> list[re.Match[str]]:
    """The matches of `pattern` (words: maximal letter runs) that spell one of `words`, in text order.

    Looks for the few words that survived, not at every word of the text.
    """
    found = []
    for w in words:
        at = text.find(w)
        while at >= 0:
            m = pattern.match(text, at)
            if m is not None and m.end() - at == len(w):
                found.append(m)
            at = text.find(w, at + 1)
    found.sort(key=_start)
    return found


def _start(m: re.Match[str]) -> int:
    return m.start()


def _setup(doc: "Document") -> tuple[Gazetteer, Evidence, Matcher]:
    """Gazetteer, evidence and matcher of `doc`, built once and shared by the three rules."""
    key = ("names", evidence_text(doc))
    if key not in doc.cache:
        gaz = load(tuple(doc.options.names))
        ev = collect(key[1])
        doc.cache[key] = (gaz, ev, Matcher(gaz, ev, doc.options.name_style))
    return doc.cache[key]


class NameVariants(Rule):
    """Repairs a garbled name to the spelling the gazetteer or the article supports.

    A suspect is a capitalised word of at least 4 letters that neither the
    dictionary nor the gazetteer knows.  `cleaner.naming.matching` finds the
    known words within two folded edits and decides; an uncertain match is
    a warning (the offsets of every mention), not an edit.
    """

    id = "names.variants"
    category = "names"
    purpose = "Repair garbled names (Lavrow -> Lavrov) from gazetteer and in-article evidence."
    examples = (
        (
            "Sergei Lavrov arrived. Lavrow said the talks went well.",
            "Sergei Lavrov arrived. Lavrov said the talks went well.",
        ),
        ("Pete Hegesh spoke in Brussels.", "Pete Hegseth spoke in Brussels."),
        # Different people are never merged; an unknown name stays.
        ("Dmitry Peskov and Dmitry Medvedev met Yuriy Sak.", "Dmitry Peskov and Dmitry Medvedev met Yuriy Sak."),
    )

    def find(self, doc: "Document") -> Iterator[Edit]:
        text = doc.text
        gaz = load(tuple(doc.options.names))
        # every capitalised word (a `CAP_CANDIDATE`) that no dictionary or gazetteer knows
        suspects = sorted(w for w in scan(text).unknown_other.difference(gaz.tokens) if _suspect(w, gaz))
        if not suspects:
            return
        matcher = _setup(doc)[2]
        found = matcher.candidates(suspects)
        verdicts = {}
        for s in suspects:
            v = matcher.judge(s, found[s]) or matcher.hint(s)
            if v is not None:
                verdicts[s] = v
        lines = _Lines(text)
        for m in _mentions(CAP_CANDIDATE, text, verdicts):
            v = verdicts[m.group()]
            if not in_prose(text, m.start(), m.end()) or not lines.english(m.start()):
                continue
            if v.confident:
                yield Edit(m.start(), m.end(), v.form, f"garbled name {m.group()!r}: {v.reason}")
            else:
                doc.warn(self.id, f"possible garbled name {m.group()!r} for {v.form!r} ({v.reason})", m.start(), m.end())


_ACRONYM = re.compile(r"[A-Z]{2}")


def _proper_adjective(word: str) -> str | None:
    """ "russian" -> "Russian": a listed proper adjective (cleaner.naming.evidence.ADJECTIVES).

    Not every word the dictionary capitalises: wine writers write "chardonnay",
    aquarists "java fern", and that is their business.
    """
    cap = word[:1].upper() + word[1:]
    return cap if cap in ADJECTIVES else None


def _first_name(word: str, gaz: Gazetteer) -> bool:
    """A gazetteer first name, or a capitalised-only dictionary word that is not a title or adjective."""
    info = gaz.tokens.get(word)
    if info is not None and "first" in info.roles:
        return True
    return is_dictionary_word(word) and person_word(word, gaz)


def _suspect(word: str, gaz: Gazetteer) -> bool:
    return (
        (len(word) >= MIN_LENGTH or short_garble(word))
        and is_capitalised(word)
        and not _ACRONYM.search(word)  # "CEOs", "GraphiQL": acronyms, not names
        and word not in gaz.tokens
        and not is_dictionary_word(word)
    )


@lru_cache(maxsize=8)
def _lower_index(gaz: Gazetteer) -> dict[str, frozenset[str]]:
    """Lowercase spelling -> gazetteer words: person name words and one-word places and bodies
    (not "Micro" from "Advanced Micro Devices")."""
    index: dict[str, set[str]] = {}
    for t, info in gaz.tokens.items():
        if len(t) >= MIN_LENGTH and is_capitalised(t) and info.roles & {"first", "middle", "last", "single", "name"}:
            index.setdefault(t.lower(), set()).add(t)
    return {k: frozenset(v) for k, v in index.items()}


class NameCase(Rule):
    """Gives a known name written in lowercase its capital back.

    A lowercase word is restored when it is not an ordinary dictionary word
    ("turkey", "may", "bush" stay) and the gazetteer writes it capitalised
    ("in kyiv" -> "in Kyiv"), or it is a proper adjective of a gazetteer place
    ("russian" -> "Russian"), or the
    article writes it as a person's name ("Rafael Nadal", inside a sentence,
    after a first name, and lowercase only once: headline and product case
    alone, "Meth", "Workspace", prove nothing), or it is
    one edit from a gazetteer name the article writes at least three times
    ("putn" -> "Putin").  Capitals at a sentence start are not evidence.
    Words in URLs, hashtags and hyphen compounds stay, and so does every
    lowercase word of a text that is not English (the dictionary guard is
    English: Portuguese "fico" is not Robert Fico).  A capitalised unknown word
    joined to a restored name is judged again as names.variants would judge it
    on the next run ("Xvolodymyr zelenskyy" -> "Volodymyr Zelenskyy").
    """

    id = "names.case"
    category = "names"
    purpose = "Restore the capital of a known name written in lowercase (kyiv -> Kyiv)."
    examples = (
        ("Officials in kyiv said so.", "Officials in Kyiv said so."),
        (
            "Putin spoke. Putin left. Putin came back. Talks between Zelenskyy and putn",
            "Putin spoke. Putin left. Putin came back. Talks between Zelenskyy and Putin",
        ),
        ("They ate turkey in may.", "They ate turkey in may."),
    )

    def find(self, doc: "Document") -> Iterator[Edit]:
        text = doc.text
        words = sorted(w for w in scan(text).unknown_lowercase if len(w) >= MIN_LENGTH)
        if not words:
            return
        # The article as it stands (boilerplate gone) decides whether it is English:
        # a read-more line removed here must not tip the verdict on the next run.
        # Without an English dictionary a lowercase word proves nothing ("fico",
        # "jangan"): nothing is restored.  The verdict reads every word, so it is
        # asked first only when many words await judgement (most words of a text in
        # another language), else only once a word would be restored.
        if len(words) > _MANY_UNKNOWN and not is_english(text):
            return
        gaz, ev, matcher = _setup(doc)
        index = _lower_index(gaz)
        choice: dict[str, tuple[str, str]] = {}
        fuzzy = []
        for w in words:
            exact = {matcher.preferred(f) for f in index.get(w, ())}
            if exact:
                if len(exact) == 1:
                    form = exact.pop()
                    choice[w] = (form, matcher.reason(form, form, None, True))
                continue
            if proper := _proper_adjective(w):
                choice[w] = (proper, f"proper adjective {proper!r}")
                continue
            # The article's own capitals prove a person's name only when written so inside
            # a sentence after a first name ("Rafael Nadal"), and lowercase only here;
            # headline and product case alone ("Meth", "Workspace") prove nothing.
            forms = [
                f for f in ev.lower_forms(w)
                if f[1:].islower() and any(_first_name(p, gaz) for p in ev.before.get(f, ())) and ev.inner[f] >= 1
            ]
            if len(forms) == 1 and scan(text).counts[w] == 1:
                choice[w] = (forms[0], matcher.reason(forms[0], forms[0], None, False))
            elif not forms:
                fuzzy.append(w)
        # Mentions of the name count in any spelling names.variants unifies ("Lavrow" x3 +
        # "Lavrov": `Evidence.by_fold`), so that the first run decides as the second would.
        # Only a word one edit from a gazetteer word whose spelling to write is that frequent
        # can pass the test below: the other words need no judgement.
        near = matcher.near
        fuzzy = [
            w for w in fuzzy
            if any(
                d <= 1 and (f := matcher.preferred(near.words[i]))[1:].islower()
                and ev.by_fold[fold(f)] >= LOWERCASE_FUZZY_MIN_COUNT
                for i, d in near.of(w, 1)
            )
        ]
        found = matcher.candidates(fuzzy)
        for w in fuzzy:
            v = matcher.judge(w, found[w])
            if (
                v and v.confident and v.distance <= 1 and v.target in gaz.tokens
                and ev.by_fold[fold(v.form)] >= LOWERCASE_FUZZY_MIN_COUNT and v.form[1:].islower()
            ):
                choice[w] = (v.form, v.reason)
        # A capital restored onto a garbled spelling ("hegesh" -> "Hegesh") takes the
        # repair names.variants made to that spelling, or a second run would make it.
        garbled = sorted({form for form, _ in choice.values() if _suspect(form, gaz)})
        found = matcher.candidates(garbled)
        for w, (form, reason) in list(choice.items()):
            v = matcher.judge(form, found[form]) if form in found else None
            if v is not None and v.confident:
                choice[w] = (v.form, f"{reason}; garbled {form!r}: {v.reason}")
        if not choice or not is_english(text):
            return
        lines = _Lines(text)
        edits = []
        for m in _mentions(_WORD_AT, text, choice):
            if in_prose(text, m.start(), m.end(), hyphen_ok=False) and lines.english(m.start()):
                form, reason = choice[m.group()]
                edits.append(Edit(m.start(), m.end(), form, f"lowercase name {m.group()!r}: {reason}"))
        yield from edits
        yield from _beside_restored(doc, edits, gaz, lines)


def _beside_restored(doc: "Document", edits: list[Edit], gaz: Gazetteer, lines: _Lines) -> Iterator[Edit]:
    """Garbled names that a restored capital gives the evidence the next run would read.

    names.variants judged "Xvolodymyr" in "Xvolodymyr zelenskyy" with no name
    next to it; with "Zelenskyy" restored, the gazetteer's "Volodymyr
    Zelenskyy" shares it, and a second run would repair it.  So the capitalised
    unknown words joined to a restored word are judged again, on the evidence
    of the text as restored, now.
    """
    text, beside = doc.text, set()
    for e in edits:  # the words a join (`cleaner.naming.evidence.joins`) ties to the restored one
        if after := _JOINED_AFTER.match(text, e.end):
            beside.add(after.group(1))
        if before := _JOINED_BEFORE.search(text, max(0, e.start - 200), e.start):
            beside.add(before.group(1))
    restored = {e.replacement for e in edits}
    suspects = sorted(w for w in beside.intersection(scan(text).unknown_other) if _suspect(w, gaz) and w not in restored)
    if not suspects:
        return  # most restored names stand beside ordinary words: no second look needed
    pieces, cursor = [], 0
    for e in edits:
        pieces += (text[cursor : e.start], e.replacement)
        cursor = e.end
    ev = collect("".join(pieces) + text[cursor:])
    matcher = Matcher(gaz, ev, doc.options.name_style)
    found = matcher.candidates(suspects)
    verdicts = {s: v for s in suspects if (v := matcher.judge(s, found[s])) is not None and v.confident}
    for m in _mentions(CAP_CANDIDATE, text, verdicts):
        if in_prose(text, m.start(), m.end()) and lines.english(m.start()):
            v = verdicts[m.group()]
            yield Edit(m.start(), m.end(), v.form, f"garbled name {m.group()!r} beside a restored capital: {v.reason}")


class NameStyle(Rule):
    """Makes the spelling variants of one gazetteer entity agree.

    name_style "consistent" (default): every variant becomes the spelling the
    article writes most often (ties: the gazetteer's canonical one), so
    "Erdogan" becomes "Erdoğan" where the article writes "Erdoğan" four times.
    name_style "canonical": every variant becomes the gazetteer's canonical
    spelling ("Kiev" -> "Kyiv").  A word two entities spell differently is left.
    """

    id = "names.style"
    category = "names"
    purpose = "Make variant spellings of one entity consistent (or canonical with name_style)."
    examples = (
        ("Erdoğan spoke. Erdoğan left. Erdogan told Rutte.", "Erdoğan spoke. Erdoğan left. Erdoğan told Rutte."),
        ("Talks in Kiev.", "Talks in Kyiv.", {"name_style": "canonical"}),
        ("Talks in Kiev.", "Talks in Kiev."),
    )

    def find(self, doc: "Document") -> Iterator[Edit]:
        text = doc.text
        gaz = load(tuple(doc.options.names))
        words = sorted(w for w in filter(gaz.groups.__contains__, scan(text).others) if is_capitalised(w))
        if not words:
            return
        gaz, ev, matcher = _setup(doc)
        preferred = {w: form for w in words if (form := matcher.preferred(w)) != w}
        for m in _mentions(CAP_CANDIDATE, text, preferred):
            form = preferred[m.group()]
            if not in_prose(text, m.start(), m.end()):
                continue
            if doc.options.name_style == "canonical":
                reason = f"house style: gazetteer canonical spelling {form!r} ({gaz.describe(form)})"
            else:
                n = ev.count(form)
                reason = f"house style: {n} other mention{'s' if n != 1 else ''} write{'' if n != 1 else 's'} {form!r}"
            yield Edit(m.start(), m.end(), form, reason)


RULES = (NameVariants, NameCase, NameStyle)
