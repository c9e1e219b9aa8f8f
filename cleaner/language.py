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


def detect(text: str) -> str | None:
    """The most probable language code, or None when langdetect cannot tell."""
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
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _factory().create()
        detector.append(text)
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


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
    return sum(1 for w in words if w in listed) / len(words) if words else 0.0


@lru_cache(maxsize=64)
def article_language(sample: str) -> str | None:
    """The language of an article sample: by its function words when one listed
    language clearly dominates (no langdetect needed), else by langdetect."""
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) >= 50:
        shares = sorted(((function_share(words, listed), lang) for lang, listed in function_words().items()), reverse=True)
        (best, lang), (second, _) = shares[0], shares[1]
        if best >= 0.2 and best >= 2 * second:
            return lang
    return detect(sample)
