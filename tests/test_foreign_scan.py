"""foreign_lines finds the function words of other languages from the name rules' word scan
when there is one (`cleaner.naming.lexicon.scanned`), else with its regex over the lowered
text.  Both must make the same suspects: checked on the seeds, the fixtures and made-up
lines built to tell the two apart (apostrophes, hyphens, accents, digits glued to words,
capitals whose lower case is no Latin letter, a text opening with a function word).
"""
from __future__ import annotations

import re
import sys

import pytest

from cleaner.document import Document
from cleaner.naming import lexicon
from cleaner.options import Options
from cleaner.rules.foreign import _LATIN, _UNUSUAL, ForeignLines, _evidence_words, _listed_words

from .helpers import FIXTURES, ROOT, SEEDS

EDGES = [
    "de la", "die und der das", "De la casa, del pueblo.",
    "l'état de la France d'après-guerre et la vie", "l’homme de la rue et la femme",
    "über die Straße und über den Platz", "Die Straße—und die Brücke", "sur-le-champ de la ville",
    "de2la 3de la4 x1die und2der", "ÉTAIT de LA ville, DIE UND", "dé la dè là", "İstanbul de la città",
    "Ɓde la ǅde la Ⱥla de", "de\u00a0la\u2009del\u200bla", "de_la dela de–la", "à la carte de la maison",
    "per per", "con la per e il", "²de la ½", "ß der ſie die", "ÿes de la ÿ", "Ökonomie der die",
    "\tde la\t", "de la\n", "\nde la", "de\nla\nde la", "und der\n\nund der", "ⅰde la",
]


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*/raw.txt")) + sorted((ROOT / "tests" / "data").glob("*.txt"))
    paths += sorted(FIXTURES.glob("**/*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts.append("\n".join(EDGES))
    texts += EDGES
    texts += [e + "\n" + t[:3000] for e, t in zip(EDGES, texts)]  # a text opening with function words
    return texts


TEXTS = _texts()


def _usual(text: str, at: int) -> bool:
    """Whether the line holding offset `at` has no `_UNUSUAL` character."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return not _UNUSUAL.search(text, start, len(text) if end == -1 else end)


def _doc(text: str) -> Document:
    return Document(text, Options.build(None, None))


@pytest.mark.parametrize("article", ["en", "de", "fr", "es"])
def test_listed_words_from_the_scan_are_the_patterns_finds_on_ordinary_lines(article):
    pattern = _evidence_words(article)[0]
    for text in TEXTS:
        lexicon.scan(text)
        assert lexicon.scanned(text) is not None
        found = list(_listed_words(_doc(text), article))
        regex = [(m.start(1) - 1, m.group(1)) for m in pattern.finditer("\n" + text.lower())]
        assert [f for f in found if _usual(text, f[0])] == [r for r in regex if _usual(text, r[0])], text[:80]


@pytest.mark.parametrize("article", ["en", "de"])
def test_suspects_are_the_same_with_and_without_a_scan(article):
    for text in TEXTS:
        lexicon.scan(text)
        with_scan = [line.text for line in ForeignLines()._suspects(_doc(text), article, "LATIN")]
        lexicon._SCANS.clear()
        assert lexicon.scanned(text) is None
        without = [line.text for line in ForeignLines()._suspects(_doc(text), article, "LATIN")]
        assert with_scan == without, text[:80]


def test_lower_case_keeps_the_latin_letters_but_for_the_listed_capitals():
    # _listed_words reads the words' lower case; the regex reads the lowered text: they agree
    # wherever lowering maps one Latin letter to one, and a non-letter to itself.
    odd = "".join(c for c in _LATIN if len(c.lower()) != 1 or c.lower() not in _LATIN)
    assert odd == "İƁƆƉƊƏƐƓƔƖƗƜƝƟƦƩƮƱƲƷȺȾɄɅ" and odd.isupper()
    usual = [c for c in map(chr, range(0x2070)) if not _UNUSUAL.match(c)]
    assert all(c.lower() == c for c in usual if c not in _LATIN)
    assert not [c for c in usual if c not in _LATIN and re.match(r"[^\W\d_]", c)]  # letters are Latin
    # "İ" is the one character whose lower case is longer: _suspects tests it alone
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1] == ["İ"]


def test_scan_paths_cache_the_last_two_texts():
    lexicon._SCANS.clear()
    a, b, c = lexicon.scan("one"), lexicon.scan("two"), lexicon.scan("one")
    assert a is c and lexicon.scanned("two") is b
    lexicon.scan("three")  # "two" is the least recently used
    assert lexicon.scanned("two") is None and lexicon.scanned("one") is a
