"""Language identification with langdetect, seeded so results are deterministic.

langdetect loads all its profiles on first use (~0.5 s, ~75 MiB), so it is
imported lazily, only when a result or a rule needs a language.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

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
