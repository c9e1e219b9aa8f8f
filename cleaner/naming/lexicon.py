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
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from functools import cached_property, lru_cache
from itertools import compress, islice
from operator import not_
from threading import Lock
from importlib import resources

import numpy as np

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

    Each character that is not a letter (`WORD`'s class) becomes a space, by one
    table look-up per character in numpy (`_letters`), and the result splits into
    the words in C: no regex match, no Python step per word.  Where each word
    starts and ends, and so what stands between two words, follow from the same
    letters and are worked out only when read (`gap_before`, `starts`).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._letters = _letters(text)
        # Tuples: the cyclic collector stops visiting a tuple of strings after one look,
        # and visits a list (thousands of items) at every collection
        self.words = tuple(_decode(self._letters).split())
        self.distinct = set(self.words)  # a set costs half what counting costs

    @cached_property
    def _bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Where each word starts, and where it ends, in the text."""
        letter = self._letters != _SPACE
        edges = np.flatnonzero(np.diff(letter, prepend=False, append=False))
        return edges[0::2], edges[1::2]

    def gap_before(self, j: int) -> str:
        """What stands before word j (before word `len(words)`: what ends the text)."""
        starts, ends = self._bounds
        return self.text[int(ends[j - 1]) if j else 0 : int(starts[j]) if j < len(starts) else len(self.text)]

    def gaps_after(self, numbers: list[int]) -> list[str]:
        """What stands after each of the words numbered `numbers` (none the last), before the next."""
        starts, ends = self._bounds
        at = np.array(numbers, dtype=np.intp)
        return list(map(self.text.__getitem__, map(slice, ends[at].tolist(), starts[at + 1].tolist())))

    def starts_of(self, numbers: Iterable[int]) -> list[int]:
        """Where the words numbered `numbers` start in the text."""
        return self._bounds[0][np.array(list(numbers), dtype=np.intp)].tolist()

    @cached_property
    def starts(self) -> list[int]:
        """Where each word starts in the text."""
        return self._bounds[0].tolist()

    def upper_first(self) -> list[int]:
        """The numbers of the words whose first letter may be upper case: every one whose
        first letter `str.isupper` holds, and those beyond U+FFFF."""
        first = self._letters[self._bounds[0]]
        if first.dtype == np.uint16:
            return np.flatnonzero(_upper_table().take(first)).tolist()
        return np.flatnonzero(_upper_table().take(np.minimum(first, 0xFFFF)) | (first > 0xFFFF)).tolist()

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each word is written; few readers need it (`english_share`)."""
        return Counter(self.words)

    @cached_property
    def _cases(self) -> tuple[set[str], set[str], set[str]]:
        """The distinct words in three: lowercase dictionary words, other lowercase words, the rest.

        The dictionary's lowercase words are lowercase, so only the words it does not
        hold (few) are asked `str.islower`.
        """
        known = self.distinct.intersection(_dictionary()[1])
        rest = self.distinct.difference(known)
        unknown = set(filter(str.islower, rest))
        return known, unknown, rest.difference(unknown)

    @cached_property
    def lowercase(self) -> tuple[list[str], set[str]]:
        """The distinct lowercase words, and those of them the dictionary knows.

        A lowercase word is a dictionary word exactly when the lowercase
        dictionary holds it (`str.lower` leaves a lowercase word as it is).
        """
        known, unknown, _ = self._cases
        return [*known, *unknown], known

    @property
    def others(self) -> set[str]:
        """The distinct words that are not lowercase: capitalised, upper case or caseless."""
        return self._cases[2]

    def lowered_in(self, keys: Container[str]) -> set[str]:
        """The distinct words whose lower case `keys` holds (a lowercase word is its own)."""
        known, unknown, others = self._cases
        found = set(filter(keys.__contains__, known))
        found.update(filter(keys.__contains__, unknown))
        others = list(others)
        found.update(compress(others, map(keys.__contains__, map(str.lower, others))))
        return found

    @cached_property
    def unknown(self) -> set[str]:
        """The distinct words that are not dictionary words (`is_dictionary_word`)."""
        return self.unknown_lowercase | self.unknown_other

    @property
    def unknown_lowercase(self) -> set[str]:
        """The lowercase ones of `unknown` (names.case reads these, names.variants the others)."""
        return self._cases[1]

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


_SPACE = 32  # what a character that is not a letter becomes in `_letters`


def _letters(text: str) -> np.ndarray:
    """The code points of `text`, every one that is not a letter of `WORD` made a space.

    One code unit per character when the text has none beyond U+FFFF (most
    texts: a lone surrogate is one unit too, and no letter); else one 32-bit code
    point per character, the few beyond U+FFFF judged one by one.
    """
    table = _letter_table()
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):
        return table.take(np.frombuffer(units, np.uint16))
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    kept = table.take(np.minimum(codes, 0xFFFF)).astype(np.uint32)
    astral = np.flatnonzero(codes > 0xFFFF)
    kept[astral] = [c if WORD.match(chr(c)) else _SPACE for c in codes[astral].tolist()]
    return kept


def _decode(letters: np.ndarray) -> str:
    """The text `_letters` made: letters and spaces (no surrogate left to pair up)."""
    return letters.tobytes().decode("utf-16-le" if letters.dtype == np.uint16 else "utf-32-le")


@lru_cache(maxsize=1)
def _letter_table() -> np.ndarray:
    """Code point -> itself when `WORD` matches it, else a space, for U+0000-U+FFFF."""
    table = np.full(0x10000, _SPACE, dtype=np.uint16)
    for m in WORD.finditer("".join(map(chr, range(0x10000)))):
        table[m.start() : m.end()] = np.arange(m.start(), m.end(), dtype=np.uint16)
    return table


@lru_cache(maxsize=1)
def _upper_table() -> np.ndarray:
    """Code point -> whether `str.isupper` holds for it, for U+0000-U+FFFF."""
    return np.fromiter(map(str.isupper, map(chr, range(0x10000))), dtype=bool, count=0x10000)


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
