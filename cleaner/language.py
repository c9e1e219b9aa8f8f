"""Language identification: cheap evidence first, langdetect (seeded) when unclear.

langdetect loads all its profiles on first use (~0.5 s, ~75 MiB) and costs
~15 ms per call on a 3,000-character sample, more than all the rules together
on a 5 KB article.  So an article's language is read, in order, off:

1. its function words (`cleaner/data/function_words.txt`): one listed
   language clearly dominates a sample of 50+ words;
2. its script: letters of a script that only one language langdetect knows
   writes (Hangul: ko; kana with Han: ja; Greek, Hebrew, Thai...; Cyrillic
   with ы or э and no letter outside the Russian alphabet: ru);
3. the English dictionary (`cleaner/data/dictionary_words.txt`): a product
   list or a page of short lines, with too few function words for step 1,
   whose words are nearly all English;

and only otherwise by langdetect, seeded so the result is deterministic.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from typing import Any, Sequence

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _bmp_word() -> re.Pattern[str]:
    """`_WORD` for text without characters beyond U+FFFF, its letter class spelt out as
    the ranges of the letters ([^\\W\\d_]) below U+10000.  The engine tests such a class
    with one table lookup, [^\\W\\d_] with several Unicode property lookups: findall
    runs 2-3x faster.  Built from this Python's own Unicode tables (~40 ms, once)."""
    every = "".join(map(chr, range(0x10000)))
    ranges = "".join(f"\\u{m.start():04x}-\\u{m.end() - 1:04x}" for m in re.finditer(r"[^\W\d_]+", every))
    return re.compile(f"[{ranges}]+(?:['’][{ranges}]+)?")


def find_words(text: str) -> list[str]:
    """`_WORD.findall(text)`: the words of `text`, as written."""
    return (_WORD if _ASTRAL.search(text) else _bmp_word()).findall(text)


_SEED = 0


@lru_cache(maxsize=1)
def _factory() -> Any:
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = _SEED
    detector_factory.init_factory()
    factory = detector_factory._factory
    # Its n-gram table holds 87,600 lists of 55 probabilities, read-only once loaded.  As
    # lists, every full pass of the cyclic garbage collector walks all 4.8 million
    # entries (the process's largest cost after cleaning itself); as tuples of floats,
    # the collector drops them from its watch.
    table = factory.word_lang_prob_map
    if isinstance(table, dict):
        factory.word_lang_prob_map = {ngram: tuple(probs) for ngram, probs in table.items()}
    return factory


# langdetect is seeded, so its answer depends on the text alone: answers for texts up
# to this long are remembered (a line repeated through a long document, a batch of
# articles from one site), at ~10 ms a detection.
_MEMO_CHARS = 5000


def detect(text: str) -> str | None:
    """The most probable language code, or None when langdetect cannot tell."""
    return _detect_memo(text) if len(text) <= _MEMO_CHARS else _detect(text)


@lru_cache(maxsize=4096)
def _detect_memo(text: str) -> str | None:
    return _detect(text)


def _detect(text: str) -> str | None:
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory()
    try:
        detector = factory.create()
        detector.append(text)
        return str(detector.detect())
    except LangDetectException:
        return None


def probabilities(text: str) -> list[tuple[str, float]]:
    """(language, probability) pairs, most probable first."""
    return list(_probabilities_memo(text) if len(text) <= _MEMO_CHARS else _probabilities(text))


@lru_cache(maxsize=4096)
def _probabilities_memo(text: str) -> tuple[tuple[str, float], ...]:
    return _probabilities(text)


def _probabilities(text: str) -> tuple[tuple[str, float], ...]:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _factory().create()
        detector.append(text)
        return tuple((p.lang, p.prob) for p in detector.get_probabilities())
    except LangDetectException:
        return ()


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Language code -> its frequent function words (data/function_words.txt)."""
    table: dict[str, frozenset[str]] = {}
    text = resources.files("cleaner.data").joinpath("function_words.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        if raw.strip() and not raw.startswith("#") and "\t" in raw:
            code, words = raw.split("\t", 1)
            table[code.strip()] = frozenset(words.split())
    return table


def function_share(words: list[str], listed: frozenset[str]) -> float:
    return sum(map(listed.__contains__, words)) / len(words) if words else 0.0


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Function word -> every listed language it belongs to ("de": de, fr, es, pt, nl, tr)."""
    languages: dict[str, list[str]] = {}
    for lang, listed in function_words().items():
        for word in listed:
            languages.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in languages.items()}


def function_shares(words: list[str]) -> dict[str, float]:
    """`function_share` of `words` (lower case) for every listed language, in one pass."""
    languages_of = _languages_of()
    counts = dict.fromkeys(function_words(), 0)
    for word, k in Counter(filter(languages_of.__contains__, words)).items():
        for lang in languages_of[word]:
            counts[lang] += k
    n = len(words)
    return {lang: count / n if n else 0.0 for lang, count in counts.items()}


# Lines longer than this are tokenised afresh each time, not kept in the cache.
_CACHED_LINE = 2000


@lru_cache(maxsize=1024)
def _cached_line_words(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _line_words(line)


def _line_words(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = find_words(line)
    if not found:
        return (), ()
    # One lower() for the line's words (a word holds no space): ~3x faster than one a word.
    return tuple(found), tuple(" ".join(found).lower().split(" "))


def line_words(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of one line, as written and in lower case.

    Cached: the language checks of several rules (and the final language
    detection) read the same first lines of an article.
    """
    return _cached_line_words(line) if len(line) <= _CACHED_LINE else _line_words(line)


def sample_words(sample: str) -> list[str]:
    """The lower-case words of `sample` (a word never spans a newline)."""
    words: list[str] = []
    for line in sample.split("\n"):
        words += (_cached_line_words(line) if len(line) <= _CACHED_LINE else _line_words(line))[1]
    return words


# The prose sample of a text: its first lines of 6+ words that are not mostly
# names (name tables and credits mislead langdetect), up to 3,000 characters.
_PROSE_WORDS = 6
PROSE_SAMPLE = 3000


@lru_cache(maxsize=4)
def prose_sample(text: str) -> str:
    """The first 3,000 characters of the prose lines of `text` ("" when it has none).

    Cached: the foreign-line check and the article's language read the same text.
    """
    prose: list[str] = []
    size = -1  # len("\n".join(prose))
    n = _PROSE_WORDS
    for raw in text.split("\n"):
        # split(None, n - 1): at most n parts, n when the line has n+ words
        if len(raw.split(None, n - 1)) >= n and not mostly_names(line_words(raw)[0]):
            prose.append(raw)
            size += len(raw) + 1
            if size >= PROSE_SAMPLE:
                break
    return "\n".join(prose)[:PROSE_SAMPLE]


def mostly_names(words: Sequence[str]) -> bool:
    """Whether most of `words` are capitalised: a name table, a headline, a credit."""
    return sum(map(str.isupper, map(itemgetter(0), words))) * 2 > len(words)


@lru_cache(maxsize=64)
def article_language(sample: str) -> str | None:
    """The language of an article sample: by its function words, its script or the
    English dictionary when they are clear (see the module docstring), else by langdetect."""
    words = sample_words(sample)
    return _by_function_words(words) or _by_script(words) or _by_dictionary(sample, words) or detect(sample)


def _by_function_words(words: list[str]) -> str | None:
    """The listed language whose function words make 20%+ of 50+ words, twice the runner-up's share."""
    if len(words) >= 50:
        shares = sorted(((share, lang) for lang, share in function_shares(words).items()), reverse=True)
        (best, lang), (second, _) = shares[0], shares[1]
        if best >= 0.2 and best >= 2 * second:
            return lang
    return None


# A script names the language when its letters make this share of the sample's
# letters.  langdetect itself needs more than that for some: on Korean sentences
# mixed with English ones it answers "en" up to ~70% Hangul, "ko" from ~75%; on
# Japanese, "ja" from ~55% kana and Han; on Greek, Hebrew or Thai from ~40-50%.
SCRIPT_SHARE = 0.8
# Scripts written by one language (of those langdetect has a profile for; Georgian
# and Armenian, which it has none for and calls "et", by their own code).
_SCRIPTS = tuple((lang, re.compile(f"[{letters}]")) for lang, letters in (
    ("ko", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),  # Hangul syllables and jamo
    ("el", "\u0370-\u03ff\u1f00-\u1fff"),
    ("he", "\u0590-\u05ff"),
    ("th", "\u0e00-\u0e7f"),
    ("ka", "\u10a0-\u10ff"),
    ("hy", "\u0530-\u058f"),
    ("bn", "\u0980-\u09ff"),
    ("pa", "\u0a00-\u0a7f"),  # Gurmukhi
    ("gu", "\u0a80-\u0aff"),
    ("ta", "\u0b80-\u0bff"),
    ("te", "\u0c00-\u0c7f"),
    ("kn", "\u0c80-\u0cff"),
    ("ml", "\u0d00-\u0d7f"),
))
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Han alone is Chinese or Japanese (and langdetect's zh-cn / zh-tw split is its
# own): Japanese needs this share of kana among its CJK letters (prose: 50%+).
_KANA_SHARE = 0.25
_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_RUSSIAN_ONLY = re.compile("[ыэЫЭ]")  # not in Ukrainian, Bulgarian, Serbian or Macedonian
# Cyrillic letters outside the Russian alphabet (і ї є ґ ў ј љ њ ә ө ү ...): any other language.
_NOT_RUSSIAN = re.compile("[\u0400\u0402-\u040f\u0452-\u04ff]")


def _by_script(words: list[str]) -> str | None:
    """The language named by the script of 80%+ of the letters of `words`."""
    letters = "".join(words)
    if not _BEYOND_LATIN.search(letters):  # Latin letters only: the usual case
        return None
    need = SCRIPT_SHARE * len(letters)
    cyrillic = len(_CYRILLIC.findall(letters))
    if cyrillic:
        if cyrillic >= need and _RUSSIAN_ONLY.search(letters) and not _NOT_RUSSIAN.search(letters):
            return "ru"
        return None
    kana = len(_KANA.findall(letters))
    if kana:
        cjk = kana + len(_HAN.findall(letters))
        return "ja" if cjk >= need and kana >= _KANA_SHARE * cjk else None
    for lang, pattern in _SCRIPTS:
        if len(pattern.findall(letters)) >= need:
            return lang
    return None


# English when this share of the words are English (its function words and the
# ordinary words of the dictionary): English news and product pages measure
# 0.75-1.0; German, Dutch, Afrikaans, Romance or Scandinavian prose 0.15-0.4.
# Names and model numbers lower the share ("Rockledge (0-1): Blakely 15 points"),
# so the words not capitalised, when there are 20 or more, may pass instead:
# 0.8-1.0 on such English pages, 0.0-0.38 on those languages.
ENGLISH_WORD_SHARE = 0.75
# Under 20 words a few lucky loanwords could pass ("Collection | Robes | Pulls"):
# a short sample needs English function words too, and 8 words at least.
_DICTIONARY_MIN_WORDS = 8
_SHORT_SAMPLE_WORDS = 20
_SHORT_SAMPLE_ENGLISH = 0.15


def english_word_share(words: list[str]) -> float:
    """Share of `words` (lower case) that are English function or dictionary words."""
    if not words:
        return 0.0
    from .naming.lexicon import not_ordinary

    english = function_words()["en"]
    unknown = sum(1 for word in not_ordinary(words) if word not in english)  # "a", "i": no entries
    return 1 - unknown / len(words)


def _by_dictionary(sample: str, words: list[str]) -> str | None:
    """"en" when nearly every word (or every word not capitalised) is English
    and no other listed language's function words outnumber the English ones."""
    n = len(words)
    if n < _DICTIONARY_MIN_WORDS:
        return None
    shares = function_shares(words)
    english = shares["en"]
    if n < _SHORT_SAMPLE_WORDS and english < _SHORT_SAMPLE_ENGLISH:
        return None
    if any(share > english for share in shares.values()):
        return None
    if english_word_share(words) >= ENGLISH_WORD_SHARE:
        return "en"
    # the words not capitalised (caseless scripts included: Hangul is no English)
    lower = [word.lower() for line in sample.split("\n") for word in line_words(line)[0] if not word[0].isupper()]
    if len(lower) >= _SHORT_SAMPLE_WORDS and english_word_share(lower) >= ENGLISH_WORD_SHARE:
        return "en"
    return None
