"""Tokens, the transliteration fold and the ordinary-word guard.

`fold("Lavrow") == fold("Lavrov")`: the fold maps spellings that differ only by
diacritics, case, doubled letters or common transliteration pairs (w/v, y/i,
x/ks, ph/f, kh/h, ck/k) to one key, so a fuzzy distance on folded keys counts
only the real garbling.

The guard: a token that is an ordinary dictionary word (cleaner/data/
dictionary_words.txt) is never capitalised nor fuzzily rewritten.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from functools import cached_property, lru_cache
from itertools import accumulate, chain, compress, count, filterfalse, islice, repeat
from operator import add, not_, sub
from threading import Lock
from importlib import resources

# A word: letters only (hyphens and apostrophes split words: "Putin’s" -> "Putin").
WORD = re.compile(r"[^\W\d_]+")
# A word that may be capitalised: its first letter is not an ASCII lowercase one.
# Lets the regex engine skip ordinary lowercase words in C; callers still check
# `is_capitalised`.
CAP_CANDIDATE = re.compile(r"(?<![^\W\d_])[^\W\d_a-z][^\W\d_]*")

# Letters NFKD does not decompose.
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss"})
# Transliteration pairs, applied in order on the case-folded, accent-free text.
_TRANSLIT = (("ph", "f"), ("kh", "h"), ("ck", "k"), ("x", "ks"), ("w", "v"), ("y", "i"))
_REPEAT = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def plain(token: str) -> str:
    """Case-folded, without diacritics, nothing else: "Erdoğan" -> "erdogan"."""
    if token.isascii():
        return token.lower()  # what the steps below make of ASCII, sooner
    s = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in s if not unicodedata.combining(c)).translate(_SPECIAL)


@lru_cache(maxsize=65536)
def spelled(token: str) -> str:
    """The fold without collapsing doubled letters: "Joonas" and "Jonas" stay one edit apart."""
    s = plain(token)
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return s


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Key under which transliteration, diacritic and doubled-letter variants coincide.

    >>> fold("Erdoğan") == fold("Erdogan"), fold("Lavrow") == fold("Lavrov"), fold("Kiiv") == fold("Kyiv")
    (True, True, True)
    """
    s = spelled(token)
    return _REPEAT.sub(_first, s) if _REPEAT.search(s) else s


def _first(m: re.Match[str]) -> str:
    return m.group(1)  # as the template "\\1", in half the time


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    text = resources.files("cleaner.data").joinpath("dictionary_words.txt").read_text(encoding="utf-8")
    exact = frozenset(w for w in (line.strip() for line in text.splitlines()) if w and not w.startswith("#"))
    lower = frozenset(w for w in exact if w.islower())
    return exact, lower


def is_ordinary(word: str) -> bool:
    """True when `word`, lowercased, is an ordinary (lowercase) dictionary word: "bush", "turkey"."""
    return word.lower() in _dictionary()[1]


def is_dictionary_word(word: str) -> bool:
    """True when `word` is spelt as the dictionary spells it ("Russian", "February", "bush")."""
    exact, lower = _dictionary()
    return word in exact or word.lower() in lower


def not_ordinary(words: Iterable[str]) -> list[str]:
    """The `words` that are not ordinary words (`is_ordinary`), tested in C."""
    words = list(words)
    return list(compress(words, map(not_, map(_dictionary()[1].__contains__, map(str.lower, words)))))


# Share of lowercase words the English dictionary knows, above which a text is
# English enough for the dictionary guard to mean something.  English news
# measures 0.9 and more (the seeds: 0.93-0.97); German, Portuguese or
# Indonesian text 0.1-0.4.
ENGLISH_MIN_SHARE = 0.7
_SAMPLE_WORDS = 2000
_SAMPLE_CHARS = 40000
_MIN_WORDS = 20
_WORD2 = re.compile(r"[^\W\d_]{2,}")  # the WORD matches of two letters or more


def english_share(text: str, min_words: int = _MIN_WORDS) -> float:
    """Share of the (first 2,000) lowercase words of `text` that are ordinary English words.

    Under `min_words` lowercase words there is too little text to tell: 1.0,
    the project's default language.
    """
    return _share(filter(str.islower, _WORD2.findall(text[:_SAMPLE_CHARS])), min_words)


def _share(lowercase: Iterable[str], min_words: int) -> float:
    words = list(islice(lowercase, _SAMPLE_WORDS))
    if len(words) < min_words:
        return 1.0  # too little text to tell: the project's default, English
    return sum(map(_dictionary()[1].__contains__, words)) / len(words)


class Scan:
    """The words of one text, found in one pass and shared by the name evidence and rules.

    The pass finds runs of words joined by single spaces (one regex match per run,
    not per word: the cost is per match) and splits them on the spaces in C.  Where
    each word starts and what stands between two words follow from the runs, and
    are worked out only when read (`gap_before`, `starts`).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        bmp = len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
        # gap, run, gap, ..., run, gap.  Tuples: the cyclic collector stops visiting a tuple
        # of strings after one look, and visits a list (thousands of items) at every collection
        self._pieces = tuple((_bmp_runs() if bmp else _RUNS).split(text))
        runs = self._pieces[1::2]
        self.words = tuple(" ".join(runs).split(" ")) if runs else ()
        self.distinct = set(self.words)  # a set costs half what counting costs

    @cached_property
    def firsts(self) -> list[int]:
        """The number of the first word of each run, closed by the number of words: the
        words j and j + 1 stand one space apart unless j + 1 is listed (`gap_before`)."""
        spaces = accumulate(map(str.count, self._pieces[1::2], repeat(" ")), initial=0)
        return list(map(add, spaces, count()))  # run i starts after i runs and their spaces

    def gap_before(self, j: int) -> str:
        """What stands before word j (before word `len(words)`: what ends the text)."""
        firsts = self.firsts
        i = bisect_left(firsts, j)
        return self._pieces[2 * i] if i < len(firsts) and firsts[i] == j else " "

    def starts_of(self, numbers: Iterable[int]) -> list[int]:
        """Where the words numbered `numbers` (ascending) start in the text: for a few
        words, cheaper than `starts`."""
        firsts, pieces, words = self.firsts, self._pieces, self.words
        found = []
        at = done = 0  # the length of pieces[:done]
        for j in numbers:
            i = bisect_right(firsts, j) - 1  # j's run, pieces[2 * i + 1]
            at += sum(map(len, pieces[done : 2 * i + 1]))
            done = 2 * i + 1
            found.append(at + sum(map(len, words[firsts[i] : j])) + j - firsts[i])
        return found

    @cached_property
    def starts(self) -> list[int]:
        """Where each word starts in the text."""
        firsts = self.firsts
        offsets = list(accumulate(map(len, self._pieces)))[::2]  # where each run starts
        # where each word starts in " ".join(runs), shifted by how far its run is from there
        joined = list(accumulate(map((1).__add__, map(len, self.words)), initial=0))
        shifts = map(sub, offsets, map(joined.__getitem__, firsts))
        sizes = map(sub, islice(firsts, 1, None), firsts)
        return list(map(add, joined, chain.from_iterable(map(repeat, shifts, sizes))))

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each word is written; few readers need it (`english_share`)."""
        return Counter(self.words)

    @cached_property
    def lowercase(self) -> tuple[list[str], set[str]]:
        """The distinct lowercase words, and those of them the dictionary knows.

        A lowercase word is a dictionary word exactly when the lowercase
        dictionary holds it (`str.lower` leaves a lowercase word as it is).
        """
        words = self._lowercase_words
        return words, _dictionary()[1].intersection(words)

    @cached_property
    def _lowercase_words(self) -> list[str]:
        return list(filter(str.islower, self.distinct))

    @cached_property
    def others(self) -> set[str]:
        """The distinct words that are not lowercase: capitalised, upper case or caseless."""
        return self.distinct.difference(self._lowercase_words)

    def lowered_in(self, keys: Container[str]) -> set[str]:
        """The distinct words whose lower case `keys` holds (a lowercase word is its own)."""
        found = set(filter(keys.__contains__, self._lowercase_words))
        others = list(self.others)
        found.update(compress(others, map(keys.__contains__, map(str.lower, others))))
        return found

    @cached_property
    def unknown(self) -> set[str]:
        """The distinct words that are not dictionary words (`is_dictionary_word`)."""
        return self.unknown_lowercase | self.unknown_other

    @cached_property
    def unknown_lowercase(self) -> set[str]:
        """The lowercase ones of `unknown` (names.case reads these, names.variants the others)."""
        return set(filterfalse(_dictionary()[1].__contains__, self._lowercase_words))  # one pass

    @cached_property
    def unknown_other(self) -> set[str]:
        """The ones of `unknown` that are not lowercase: every capitalised unknown word."""
        exact, lower = _dictionary()
        others = list(self.others.difference(exact))
        return set(compress(others, map(not_, map(lower.__contains__, map(str.lower, others)))))

    def english_share(self) -> float:
        """`english_share` of the text, from the words already found."""
        if len(self.text) > _SAMPLE_CHARS:
            return _share(filter(str.islower, self._sample()), _MIN_WORDS)
        words, known = self.lowercase
        words = list(compress(words, map((1).__lt__, map(len, words))))  # two letters or more
        total = sum(map(self.counts.__getitem__, words))
        if total > _SAMPLE_WORDS:  # the sample is the first words only
            sample = list(islice(filter(set(words).__contains__, self.words), _SAMPLE_WORDS))
            return sum(map(known.__contains__, sample)) / len(sample)
        if total < _MIN_WORDS:
            return 1.0
        # over the distinct words, each counted as often as it is written
        return sum(map(self.counts.__getitem__, filter(known.__contains__, words))) / total

    def _sample(self) -> Iterator[str]:
        """The `_WORD2` matches of the text's first `_SAMPLE_CHARS` characters, from the words:
        the words of two letters or more, the one that straddles the end cut there."""
        starts = self.starts
        k = bisect_left(starts, _SAMPLE_CHARS)  # words[:k] start inside the sample
        words = list(self.words[:k])
        if k and starts[k - 1] + len(words[-1]) > _SAMPLE_CHARS:  # the last runs past the end
            words[-1] = words[-1][: _SAMPLE_CHARS - starts[k - 1]]
        return compress(words, map((1).__lt__, map(len, words)))


def _runs_of(letter: str) -> str:
    """A pattern matching a run of words (`letter`+) joined by single spaces, as a group;
    possessive: a run never gives back a letter (the split of the gold bodies: 1.79M ->
    1.53M instructions/doc; per word, the old split cost 2.65M)."""
    return f"({letter}++(?: {letter}++)*+)"


_RUNS = re.compile(_runs_of(WORD.pattern[:-1]))


@lru_cache(maxsize=1)
def _bmp_runs() -> re.Pattern[str]:
    """`_RUNS` for a text without characters beyond U+FFFF: the same letters, but listed.

    A listed set costs the regex engine one table look-up per character; `WORD`'s
    class costs three Unicode category tests (measured: 40% less time per scan).
    """
    bmp = "".join(map(chr, range(0x10000)))
    runs = [(m.start(), m.end() - 1) for m in WORD.finditer(bmp)]
    letters = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in runs)
    return re.compile(_runs_of(f"[{letters}]"))


# The Scans of the last two texts, the latest last: the evidence snapshot and the
# current text (often the same).  Not an lru_cache: `scanned` looks without scanning.
_SCANS: dict[str, Scan] = {}
_SCANS_LOCK = Lock()


def scan(text: str) -> Scan:
    """The `Scan` of `text` (one of the last two made, or a new one)."""
    with _SCANS_LOCK:
        found = _SCANS.pop(text, None)
        if found is not None:
            _SCANS[text] = found
            return found
    found = Scan(text)
    with _SCANS_LOCK:
        _SCANS[text] = found
        while len(_SCANS) > 2:
            del _SCANS[next(iter(_SCANS))]
    return found


def scanned(text: str) -> Scan | None:
    """The `Scan` of `text` when one of the last two made, else None (never scans)."""
    return _SCANS.get(text)


def is_capitalised(word: str) -> bool:
    """First letter upper case, the rest not all upper case ("Putin", not "NATO")."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())
