"""Language identification: function words first, langdetect (seeded) when unclear.

langdetect loads all its profiles on first use (~0.5 s, ~75 MiB) and costs
several milliseconds per call, more than all the rules together on a 5 KB
article.  So an article's language is first read off its function words
(`cleaner/data/function_words.txt`): when one listed language clearly dominates
a sample of 50+ words, that is the answer; otherwise langdetect, seeded so the
result is deterministic, decides.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

_SEED = 0


@lru_cache(maxsize=1)
def _factory() -> Any:
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = _SEED
    detector_factory.init_factory()
    return detector_factory._factory


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
    words = tuple(_WORD.findall(line))
    return words, tuple(map(str.lower, words))


def line_words(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of one line, as written and in lower case.

    Cached: the language checks of several rules (and the final language
    detection) read the same first lines of an article.
    """
    if len(line) > _CACHED_LINE:
        words = tuple(_WORD.findall(line))
        return words, tuple(map(str.lower, words))
    return _cached_line_words(line)


def sample_words(sample: str) -> list[str]:
    """The lower-case words of `sample` (a word never spans a newline)."""
    words: list[str] = []
    for line in sample.split("\n"):
        words.extend(line_words(line)[1])
    return words


@lru_cache(maxsize=64)
def article_language(sample: str) -> str | None:
    """The language of an article sample: by its function words when one listed
    language clearly dominates (no langdetect needed), else by langdetect."""
    words = sample_words(sample)
    if len(words) >= 50:
        shares = sorted(((share, lang) for lang, share in function_shares(words).items()), reverse=True)
        (best, lang), (second, _) = shares[0], shares[1]
        if best >= 0.2 and best >= 2 * second:
            return lang
    return detect(sample)
