"""The fast paths of the name rules give what the plain definitions give.

Each shortcut of cleaner/naming (one word scan per text, the evidence built in
C-level passes, the symmetric-delete gazetteer index, the pruned two-edit
candidates, the ASCII fold) is checked here against a slow, obvious version
of the same definition, on the seeds, the fixtures and made-up hard cases.
"""
from __future__ import annotations

import random
import re
import sys
import time
import unicodedata
from collections import Counter
from itertools import accumulate

import pytest
from rapidfuzz.distance import OSA

from cleaner.naming import evidence
from cleaner.naming.evidence import TITLES, collect
from cleaner.naming.gazetteer import load
from cleaner.naming.lexicon import (
    CAP_CANDIDATE, WORD, Scan, _letter_table, _upper_table, english_share, fold, is_capitalised, is_dictionary_word, plain, spelled,
)
from cleaner.naming.matching import Matcher, gazetteer_neighbours

from .helpers import FIXTURES, ROOT, SEEDS

HARD = [
    "",
    "Putin",
    ". Putin said. “Lavrov” (Kyiv) «Erdoğan» …Lavrov\nZelenskyy",
    "A. B. Smith met Mr. Jones-Smith, Dr. Who and Gen. Milley; NATO and the EU watched.",
    "Pete\u00a0Hegseth met Kim Jong-un in Pyongyang. President Putin, Putin's aide, O'Brien.",
    "emoji 😀 Putin 𝐀𝐁𝐂 lavrov 1abc _X x_y Ωmega ǅemal ǲ Σίσυφος ΣΊΣΥΦΟΣ ﬁne ½ ² Ⅻ ٣ 中文字 İstanbul Straße",
    "Éclair éclair ÉCLAIR McDonald iPhone eBay X Æsir Ørsted Łódź",
    # two edits from a gazetteer name the article never writes: only the first name tells
    "Pete Hegesh spoke in Brussels. Later Sergei Lavorv and Pete Heggsetth left.",
    # capitalised forms that share a lowercase spelling
    "Talks in Kyiv, KYiv and KyIv; Kyiv again.",
]


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*/raw.txt")) + sorted((ROOT / "tests" / "data").glob("names_*.txt"))
    paths += sorted(FIXTURES.glob("**/*.txt"))[:40]
    return HARD + [p.read_text(encoding="utf-8") for p in paths]


TEXTS = _texts()
SPLIT = re.compile(f"({WORD.pattern})")


SPACED = [
    " ", "  ", "a", " a", "a ", " a ", "  a  b  ", "a b", "a  b", "a b\nc d", ",a b,", "\u00a0a b\u00a0",
    "Putin said  Lavrov", "a-b c'd e", "a b 😀 c d", "😀", "x 1 y", "x1y z", "\t Kim Jong-un .\n",
]


def test_scan_finds_the_words_gaps_and_offsets_the_word_pattern_splits():
    for text in TEXTS + SPACED:
        parts = SPLIT.split(text)  # gap, word, gap, ..., word, gap
        scan = Scan(text)
        assert list(scan.words) == parts[1::2], text
        gaps = parts[::2]
        assert [scan.gap_before(j) for j in range(len(gaps))] == gaps, text
        ends = [0, *accumulate(map(len, parts))]
        assert scan.starts == ends[1:-1:2] == scan.starts_of(range(len(scan.words))), text
        assert scan.starts_of(range(1, len(scan.words), 7)) == scan.starts[1::7], text
        keys = {"putin", "the", "said", "éclair", "i", "straße", "σίσυφος", "ǆemal"}
        assert scan.lowered_in(keys) == {w for w in parts[1::2] if w.lower() in keys}, text


def test_the_letter_tables_follow_the_word_pattern_and_isupper():
    bmp = "".join(map(chr, range(0x10000)))
    kept = "".join(map(chr, _letter_table().tolist()))
    assert kept == "".join(c if WORD.fullmatch(c) else " " for c in bmp)
    assert _upper_table().tolist() == [c.isupper() for c in bmp]
    astral = "".join(map(chr, range(0x10000, 0x30000, 7)))  # beyond the tables: judged one by one
    spaced = " ".join(astral[i : i + 7] for i in range(0, len(astral), 7)) + " x\ud83d\ude00y"
    for text in (bmp, spaced, astral + bmp):
        assert list(Scan(text).words) == WORD.findall(text)


def test_scan_finds_the_capitalised_words_among_those_upper_first():
    for text in TEXTS + SPACED + ["𝐀bc Ab 𝐚bc ǅemal ǅ"]:
        scan = Scan(text)
        first = [j for j, w in enumerate(scan.words) if w[0].isupper() or ord(w[0]) > 0xFFFF]
        assert scan.upper_first() == first, text


def test_scan_english_share_and_unknown_words_follow_their_definitions():
    long_texts = [TEXTS[-1] * 40, "the cat sat " * 800 + "Putin " * 10, ("Lavrov said so. " * 3000)[:41000] + "abcDEF"]
    for text in TEXTS + long_texts:
        scan = Scan(text)
        assert scan.english_share() == english_share(text)
        assert scan.unknown == {w for w in set(SPLIT.split(text)[1::2]) if not is_dictionary_word(w)}


def test_scan_samples_a_long_text_as_english_share_does():
    # past _SAMPLE_CHARS the share reads the words of the first 40,000 characters, the
    # one running past the end cut there: "déjà" cut to "d" no longer counts, "abcdef" to "ab" does
    base = ("Kremlin Said Talks In Kyiv Would Go On Today Again, said the envoy. " * 600)[:39_990]  # < 2,000 lowercase
    for pad in range(16):
        for tail in ("abcdef déjà x", "ÉCLAIR xy", " déjà the", "NATO said"):
            text = base + "!" * pad + tail + " the" * 10
            assert Scan(text).english_share() == english_share(text), (pad, tail)
    foreign = "Die Stadt hat am Samstag den Markt eröffnet, sagte sie. " * 1000  # 2,000 lowercase words sampled
    assert Scan(foreign).english_share() == english_share(foreign)


def test_lowercase_text_is_its_own_lower_case():
    # Scan.lowercase relies on it: a lowercase word is a dictionary word when the
    # lowercase dictionary holds it, as is_dictionary_word tests it with str.lower.
    changed = [c for c in map(chr, range(sys.maxunicode + 1)) if c.lower() != c]
    assert not [c for c in changed if ("a" + c).islower()]


def _plain(token: str) -> str:
    s = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in s if not unicodedata.combining(c)).translate(
        str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss"})
    )


def test_plain_and_fold_shortcuts():
    words = {w for text in TEXTS for w in WORD.findall(text)} | {"Lavrovv", "KHAN", "Kiiv", "Joonas", "aaa"}
    for w in words:
        assert plain(w) == _plain(w), w
        assert fold(w) == re.sub(r"(.)\1+", r"\1", spelled(w)), w


def _walk(text: str) -> dict:
    """The evidence by its definition: one step per capitalised mention."""
    words = [m for m in CAP_CANDIDATE.finditer(text)][: evidence.MAX_MENTIONS]
    words = [m for m in words if is_capitalised(m.group())]
    found: dict = {"counts": Counter(), "inner": Counter(), "before": {}, "after": {}, "heads": set(), "by_lower": {}}
    start = re.compile(r"(?:^|[.!?:;…\n][\"'“”‘’«»)\]]?\s*|[\"“‘«(\[]\s*)$")

    def joined(left: re.Match[str], right: re.Match[str]) -> bool:
        gap = text[left.end() : right.start()]
        if gap == ". ":
            return len(left.group()) == 1 or left.group() in TITLES
        return gap in (" ", "\u00a0", "-")

    for i, m in enumerate(words):
        w = m.group()
        found["counts"][w] += 1
        if not start.search(text, max(0, m.start() - 3), m.start()):
            found["inner"][w] += 1
        found["by_lower"].setdefault(w.lower(), set()).add(w)
        if i and joined(words[i - 1], m):
            found["before"].setdefault(w, set()).add(words[i - 1].group())
        if i + 1 == len(words) or not joined(m, words[i + 1]):
            found["heads"].add(w)
        else:
            found["after"].setdefault(w, set()).add(words[i + 1].group())
    return found


def _same_evidence(text: str) -> None:
    ev, walk = collect.__wrapped__(text), _walk(text)
    for name, value in walk.items():
        assert getattr(ev, name) == value, name
    assert ev.english == (english_share(text) >= 0.7)
    for lower, forms in walk["by_lower"].items():
        assert sorted(ev.lower_forms(lower)) == sorted(forms), lower
    assert not ev.lower_forms("zzzz")
    by_fold: Counter[str] = Counter()
    for w, n in walk["counts"].items():
        by_fold[fold(w)] += n
    assert ev.by_fold == by_fold


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_evidence_is_the_walk_over_every_mention(text):
    _same_evidence(text)


def test_evidence_stops_at_the_mention_bound(monkeypatch):
    monkeypatch.setattr(evidence, "MAX_MENTIONS", 7)
    for text in ("NATO Putin met lavrov in Kyiv-Lviv. Mr. Smith A. B. Jones Éclair " * 3, TEXTS[3], TEXTS[4]):
        _same_evidence(text)


def test_gazetteer_neighbours_are_every_word_within_two_edits():
    near = gazetteer_neighbours(load())
    rng = random.Random(7)
    sources = [w for w in near.words if rng.random() < 0.08]
    sources += [w[:i] + w[i + 1 :] for w in sources for i in (1, len(w) // 2)]
    sources += [w[:2] + "x" + w[2:] for w in sources[:80]] + ["Putn", "Lavrow", "Kiiv", "Erdogan", "Xi", "Zzzzzz"]
    for s in sources:
        wanted = {}
        for i, w in enumerate(near.words):
            d = min(OSA.distance(spelled(s), spelled(w)), OSA.distance(plain(s), plain(w)))
            if d <= 2:
                wanted[i] = d
        assert dict(near.of(s)) == wanted, s
        one = dict(near.of(s, 1))
        assert {i: d for i, d in wanted.items() if d <= 1}.items() <= one.items() <= wanted.items(), s


def test_pruned_two_edit_candidates_give_the_same_verdicts():
    gaz = load()
    rng = random.Random(11)
    judged = 0
    for text in TEXTS:
        matcher = Matcher(gaz, collect(text))
        words = sorted({w for w in WORD.findall(text) if len(w) >= 3})
        garbles = [w[:i] + w[i + 1 :] + w[i:i + 1] for w in words if w[0].isupper() for i in [rng.randrange(len(w))]]
        sources = sorted(set(words + garbles))
        complete, pruned = matcher.candidates(sources, complete=True), matcher.candidates(sources)
        for s in sources:
            assert matcher.judge(s, pruned[s]) == matcher.judge(s, complete[s]), s
            judged += 1
    assert judged > 5000


def test_a_giant_word_is_not_taken_apart():
    # the deletion index must not enumerate the deletions of a word no key is near
    near = gazetteer_neighbours(load())
    started = time.perf_counter()
    assert near.of("x" * 1_000_000) == () and near.of("X" * 50_000, 1) == ()
    assert time.perf_counter() - started < 2
