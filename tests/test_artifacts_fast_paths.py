"""The artifacts rules' fast paths find exactly what their plain definitions find.

Each shortcut (a substring search instead of a regex scan, a pattern reordered so
the engine can skip ahead, a cheap test that picks the few lines worth judging)
is checked here against the slow, obvious formulation on tricky and random text.
"""
from __future__ import annotations

import random
import re
import time
import unicodedata

import pytest

from cleaner.document import Document
from cleaner.language import _WORD, prose_sample, sample_words
from cleaner.options import Options
from cleaner.rules.artifacts import HyphenSpace, QuoteSpace, SpaceBeforePunctuation, TimeZoneSpace
from cleaner.rules.foreign import ForeignLines, script
from cleaner.rules.guarded import GuardedRegexRule, alternation
from cleaner.rules.quotes import _quoted_paragraphs
from cleaner.rules.sentences import _NOT_VERBS, _SENTENCE_END, _VERBLESS_PREFIX, SentenceSpace, sentences, verbless
from cleaner.rules.stutters import _PHRASE_END, RepeatedPhrase, RepeatedWord

_PIECES = (
    "the", "The", "THE", "a", "A", "an", "An", "and", "at", "to", "of", "than", "about", "breathe", "Canada",
    "via", "x“All", "“", "”", "‘", "(", '"', ",", ".", " ", "  ", "\t", "\n", "İ", "é", "U.S.", "3.5", "him.Street",
    "Mr.", "J.K.", "A.", "St.", "Ab.", "?", "!", "”)", " “A", "example.com", "die", "der", "und", "ist",
)


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(("", " ", " ", "\n")) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def doc(text: str, options: dict | None = None) -> Document:
    return Document(text, Options.build(None, options or {}))


@pytest.mark.parametrize(
    "text",
    random_texts(400, seed=1)
    + ["the the the", "A a\nthe the", "(the the) “a a", "a and a a", "THE the The the", "İ the the", "tHe the", "the them"],
)
def test_repeated_word_runs_are_the_pattern_matches(text):
    rule = RepeatedWord()
    expected = [(m.start(), m.start("run"), m.end()) for m in rule.pattern.finditer(text)]
    assert rule.runs(text) == expected


@pytest.mark.parametrize("text", random_texts(300, seed=2) + ["wrote in x“All we need.”", "a:“B c,“D 1“E x““F"])
def test_quote_space_edits_are_the_pattern_edits(text):
    rule = QuoteSpace()
    assert list(rule.find(doc(text))) == list(GuardedRegexRule.find(rule, doc(text)))


_PLAIN_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+(?=[,.](?:[ \t]*$|[ \t\n“”‘’\"«»)]))", re.MULTILINE)


@pytest.mark.parametrize("text", random_texts(300, seed=3) + ["a  , b \t. c", "x , \n y ."])
def test_space_before_punctuation_matches_from_run_starts_only(text):
    spans = [m.span() for m in SpaceBeforePunctuation.pattern.finditer(text)]
    assert spans == [m.span() for m in _PLAIN_SPACE_BEFORE_PUNCTUATION.finditer(text)]


def pieces_texts(pieces: tuple[str, ...], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(n)]


_SCAN_PIECES = ("14:00", "3.45", ":30", "1.5", "2024.01", "CET", "CEST", "UTC", "GMTx", " ", "\n", ".", "!", "?", "St", "reet", "him", "A", ":")


@pytest.mark.parametrize("rule", [TimeZoneSpace(), SentenceSpace()], ids=lambda rule: rule.id)
def test_scans_find_the_pattern_matches(rule):
    texts = pieces_texts(_SCAN_PIECES, 400, seed=7) + random_texts(100, seed=8)
    assert sum(1 for text in texts for _ in rule.pattern.finditer(text)) > 50  # the texts do hold matches
    for text in texts:
        assert [m.span() for m in rule.matches(text)] == [m.span() for m in rule.pattern.finditer(text)], text


def test_alternation_matches_the_words_and_nothing_else():
    trie = re.compile(alternation(_PHRASE_END))
    for word in sorted(_PHRASE_END) + ["th", "thei", "int", "ont", "an", "at", "o", "", "theirs", "thesis"]:
        assert bool(trie.fullmatch(word)) == (word in _PHRASE_END), word


_PHRASE_PIECES = ("resolve", "resolving", "talk", "talks", "the", "their", "these", "in", "into", "on", "a", "an", "at", "of", "and")


def test_repeated_phrase_pattern_matches_as_the_plain_one():
    plain = re.compile(  # a plain alternation; whole words taken by a look-ahead and a back-reference
        rf" (?P<end>{'|'.join(sorted(_PHRASE_END))}) (?=(?P<again>[a-z]+))(?P=again)"
        r"(?P<mid>(?: (?=([a-z]+))\4){0,2}) (?P=end)\b"
    )
    texts = [" ".join(text.split("\n")) for text in pieces_texts(tuple(f" {p}" for p in _PHRASE_PIECES), 600, seed=9)]
    found = 0
    for text in texts:
        for at in range(len(text)):
            mine, theirs = RepeatedPhrase.pattern.match(text, at), plain.match(text, at)
            assert (mine and (mine.span(), mine.groupdict())) == (theirs and (theirs.span(), theirs.groupdict()))
            found += bool(mine)
    assert found > 100


def plain_quoted_paragraphs(text: str) -> list[tuple[int, int, str]]:
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line), line))
        at += len(line) + 1
    return [
        (start, end, next((rest.lstrip() for _, _, rest in lines[i + 1 :] if rest.strip()), ""))
        for i, (start, end, line) in enumerate(lines)
        if re.search(r"[“”‘\"«»„]", line)
    ]


_QUOTE_PIECES = ("“", "”", "‘", "’", '"', "«", "»", "„", "x", "He said", " ", "\n", "\n\n", "  \n", "\t")


@pytest.mark.parametrize("text", pieces_texts(_QUOTE_PIECES, 400, seed=12) + ["", "“", "\n\n„x“\n", "a\n \n b"])
def test_quoted_paragraphs_are_the_lines_holding_a_mark(text):
    assert list(_quoted_paragraphs(text)) == plain_quoted_paragraphs(text)


_CUE_PIECES = (" ", "-", " -", "\t", ",", ".", "\t.", "ab", "x", "Trump", "Sak", "said", "says", "told", "unsaid", "“", "”", '"', "\n")


@pytest.mark.parametrize("rule", [HyphenSpace(), SpaceBeforePunctuation()], ids=lambda rule: rule.id)
def test_can_match_is_true_wherever_the_pattern_matches(rule):
    texts = pieces_texts(_CUE_PIECES, 600, seed=13)
    assert 50 < sum(rule.can_match(text) for text in texts) < 550
    for text in texts:
        assert rule.can_match(text) or not rule.pattern.search(text), text


def attributions(n: int, seed: int) -> list[str]:
    """Texts around "<Name> <verb><,.><quote> <Name> <verb>", names and verbs often the same."""
    rng = random.Random(seed)
    names, verbs = ("Trump", "Sak", "He", "O’Neil", "trump"), ("said", "says", "told", "added", "wrote", "unsaid")
    texts = []
    for _ in range(n):
        name, verb = rng.choice(names), rng.choice(verbs)
        second = (name, verb) if rng.random() < 0.5 else (rng.choice(names), rng.choice(verbs))
        middle = rng.choice(("", ",", ".")) + rng.choice(("", "”", '"', "“")) + rng.choice((" ", " ", " ", "  ", ""))
        text = f"{rng.choice(('', 'x ', '“'))}{name} {verb}{middle}{second[0]} {second[1]}{rng.choice(('', '.', 's'))}"
        texts.append(text + rng.choice(pieces_texts(_CUE_PIECES, 5, seed=rng.randrange(1000))))
    return texts


def test_repeated_attribution_cue_is_found_wherever_the_attribution_is():
    rule, texts = RepeatedPhrase(), attributions(2000, seed=14)
    found = [text for text in texts if rule._ATTRIBUTION.search(text)]
    assert 50 < len(found) < 1900
    assert all(rule._may_repeat_attribution(text) for text in found)
    assert sum(map(rule._may_repeat_attribution, texts)) < len(texts) * 0.9


def test_space_before_punctuation_is_linear_in_a_run_of_spaces():
    text = "word" + " " * 200_000 + "x"
    started = time.perf_counter()
    assert not list(SpaceBeforePunctuation().find(doc(text)))
    assert time.perf_counter() - started < 1.0  # quadratic: minutes


_PLAIN_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z])")


@pytest.mark.parametrize("text", random_texts(300, seed=4))
def test_sentence_ends_found_from_the_stop_are_the_plain_ones(text):
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in _PLAIN_SENTENCE_END.finditer(text)]


def plain_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    return spans + [(start, len(text))] * (start < len(text))


@pytest.mark.parametrize("text", random_texts(300, seed=10) + ["A b. C d! E f? G", "Mr. B. went. Then “He left.”  Again ", "x!"])
def test_sentences_are_split_at_the_sentence_ends(text):
    assert list(sentences(text)) == plain_sentences(text)


_VERBLESS_PIECES = tuple(sorted(_NOT_VERBS)[::3]) + (
    "The", "THE", "tHe", "In", "Talks", "negotiations", "sovereignty", "NATIONS", "nation’s", "it’s", "o’tion",
    "ities", "ity", "said", "is", "Pete", "Hegseth", "iPhone", "2014", ",", ".", "“", "é", "ſ", "K", "-",
    "natION", "xTIONs", "Ities", "TION", "Ism", "abcISt", "hoOds", "Tions",
)


def test_verbless_prefix_is_verbless_on_words_without_apostrophes():
    rng, kept = random.Random(11), 0
    for _ in range(3000):
        sentence = " ".join(rng.choice(_VERBLESS_PIECES) for _ in range(rng.randint(0, 9)))
        shape = _VERBLESS_PREFIX.match(sentence).end() == len(sentence)
        if verbless(sentence):
            assert shape, sentence  # the shape only ever lets through more
            kept += 1
        elif "’" not in sentence:
            assert not shape, sentence
    assert kept > 100


@pytest.mark.parametrize("text", random_texts(200, seed=5) + ["Пример текста, 日本語 and ² ½ İstanbul", "—" * 250 + " words"])
def test_script_and_sample_words_equal_their_plain_definitions(text):
    counts: dict[str, int] = {}
    for ch in text[:200]:
        if ch.isalpha():
            name = "LATIN" if ch < "\u0250" else unicodedata.name(ch, "?").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    assert script(text) == (max(counts, key=counts.__getitem__) if counts else None)
    assert sample_words(text) == [w.lower() for w in _WORD.findall(text)]


ENGLISH = (
    "The talks in Istanbul ended on Friday without a ceasefire, officials from both sides said.",
    "Both delegations agreed to exchange prisoners and to meet again in the coming weeks.",
    "Russia and Ukraine have not held direct talks since the first months of the war in 2022.",
    "He said the deal, which was signed per the agreement, would come into force in May.",
    "We’ve seen the co-founder say that plus or minus a few days the die was cast.",
)
FOREIGN = (
    "Die Gespräche wurden nach drei Stunden ohne eine Einigung über einen Waffenstillstand beendet.",
    "Les négociations se sont terminées sans accord sur un cessez-le-feu, ont déclaré les responsables.",
    "Переговоры закончились без соглашения о прекращении огня, заявили официальные лица обеих сторон.",
    "Он сказал, что это не так и что он не будет на встрече с ними, но все уже знают об этом.",
    "谈判在没有达成停火协议的情况下结束，双方官员表示将在未来几周内再次会面，但没有公布具体日期。",
    "Il governo ha detto che la riunione si terrà la prossima settimana con tutti i ministri della regione.",
    "-" * 230 + " Die Gespräche wurden nach drei Stunden ohne eine Einigung beendet und das war so.",
    "-" * 230 + " Pemerintah mengatakan bahwa pertemuan akan diadakan minggu depan bersama semua menteri.",
    "Das Treffen endete gestern Abend ohne Ergebnis für beide Seiten.",  # two German function words
)


def mixed_articles(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    articles = []
    for _ in range(n):
        lines = [rng.choice(ENGLISH) for _ in range(8)]
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines[i] += " " + rng.choice(FOREIGN) + " " + rng.choice(ENGLISH)
            else:
                lines.insert(i, rng.choice(FOREIGN))
        articles.append("\n".join(lines))
    return articles


def flagged_starts(rule: ForeignLines, d: Document, article: str, home: str | None) -> set[int]:
    """Where the judge, run on every line and every sentence as before the suspects, finds foreign text."""
    from cleaner.rules.foreign import _sentences

    flagged = set()
    for line in d.lines:
        if len(line.text.split()) < rule.min_words:
            continue
        language, share = rule._judge(line.text, article, home)
        sentences = _sentences(line.text) if share < rule.sentence_check_below else []
        if language or any(rule._judge(line.text[s:e], article, home)[0] for s, e in sentences):
            flagged.add(line.start)
    return flagged


def test_foreign_suspects_hold_every_line_the_judge_would_flag():
    rule, total = ForeignLines(), 0
    for text in mixed_articles(60, seed=6):
        d = doc(text)
        home = script(prose_sample(text))
        flagged = flagged_starts(rule, d, "en", home)
        assert flagged <= {line.start for line in rule._suspects(d, "en", home)}, text
        total += len(flagged)
    assert total > 30  # the mixes do hold foreign text the judge finds


def test_plain_english_lines_are_not_suspects():
    text = "\n".join(ENGLISH[:3] * 4)
    assert list(ForeignLines()._suspects(doc(text), "en", "LATIN")) == []


def _reference_trailing_space(text: str) -> list:
    from cleaner.rules.base import Edit

    return [
        Edit(line.start + len(line.text.rstrip(" \t\f\v")), line.end, "", "trailing whitespace")
        for line in doc(text).lines
        if line.text and line.text[-1] in " \t\f\v"
    ]


@pytest.mark.parametrize(
    "text", random_texts(300, seed=12) + ["", " ", "a \n", "a\t\n \n\f\n\v", "a \u00a0\n b  ", "\n  \n", "x\r \n"]
)
def test_trailing_space_edits_are_the_line_by_line_ones(text):
    from cleaner.rules.layout import TrailingSpace

    assert list(TrailingSpace().find(doc(text))) == _reference_trailing_space(text)


def _reference_sentence_warnings(rule: SentenceSpace, text: str) -> list[tuple[str, int, int]]:
    """SentenceSpace._warnings written plainly: every line, every sentence, every test."""
    from cleaner.rules.sentences import _FUNCTION_END, _QUOTE_MARKS

    found, offset = [], 0
    for line in text.split("\n"):
        para = line.rstrip()
        if len(para) >= 40 and "|" not in para:
            if not para.endswith((".", "!", "?")):
                if _FUNCTION_END.search(para) and len(para.split()) >= rule.min_words + 2:
                    found.append(("paragraph ends mid-clause: truncated?", offset, offset + len(line)))
            else:
                for start, end in sentences(para):
                    sentence = para[start:end]
                    if (
                        sentence.endswith(".") and "," in sentence and verbless(sentence)
                        and len(sentence.split()) >= rule.min_words and not _QUOTE_MARKS.search(sentence)
                    ):
                        found.append(("sentence without a verb: truncated in translation?", offset + start, offset + end))
        offset += len(line) + 1
    return found


_VERBLESS_SENTENCES = (
    "Before the announcement, the United States Secretary of Defense, Pete Hegseth Russia in 2014.",
    "In the capital of the country, the President of the Republic, Mr. Smith, in the morning.",
    "The minister said, on Monday, that the talks would go on for a long time yet.",
    "In the capital of the country, the President of the Republic, Mr. Smith, in the morning!",
    "Before the announcement, the United States Secretary of Defense, Pete Hegseth Russia in 2014?",
)


@pytest.mark.parametrize("seed", range(40))
def test_sentence_warnings_are_the_plain_ones(seed):
    rng = random.Random(seed)
    pieces = _VERBLESS_SENTENCES + ("He left.", "“Quoted, he said.”", "It was late!", "Why, then?", "U.S. J.K. Rowling, of the", "and then some of the words ran on with")
    texts = random_texts(30, seed=100 + seed)
    for _ in range(30):
        lines = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) + rng.choice(("", " ", "  \t")) for _ in range(rng.randint(1, 5))]
        texts.append("\n".join(lines))
    rule = SentenceSpace()
    for text in texts:
        assert list(rule._warnings(text)) == _reference_sentence_warnings(rule, text), text


def test_sentence_warnings_are_the_plain_ones_on_the_corpus():
    from tests.helpers import FIXTURES, SEEDS

    rule, warned = SentenceSpace(), 0
    for path in sorted(SEEDS.glob("*/raw.txt")) + sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = list(rule._warnings(text))
        assert found == _reference_sentence_warnings(rule, text), path
        warned += len(found)
    assert warned


_PLAIN_VERB_AGAIN = re.compile(r" (said|says|added|wrote|told)\b[,.]?[”\"]? [A-Z][\w’'-]+ \1\b")


def test_attribution_check_is_the_plain_pattern():
    rng = random.Random(13)
    pieces = ("said", "says", "added", "wrote", "told", "saidx", "Trump", "trump", ",", ".", "”", '"', " ", "  ", "O’Neil", "he")
    texts = ["".join(rng.choice(pieces) + rng.choice((" ", "", " ")) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    texts += ["where there has Trump, “Trump said,” Trump said.", "Putin said. Putin said", " said, Lavrov said"]
    rule, hits = RepeatedPhrase(), 0
    for text in texts:
        expected = _PLAIN_VERB_AGAIN.search(text) is not None
        assert rule._may_repeat_attribution(text) == expected, text
        hits += expected
    assert hits >= 10


@pytest.mark.parametrize("text", random_texts(300, seed=14) + ["\n\n\na\n\n\n\nb\n\n\n", "a\n\n\n", "\n\n\n\n", "a\n\n\nb\n\nc\n\n\n\n\nd"])
def test_blank_line_runs_are_the_pattern_matches(text):
    from cleaner.rules.layout import BlankLines

    rule = BlankLines()
    body_start, body_end = len(text) - len(text.lstrip("\n")), len(text.rstrip("\n"))
    runs = [(e.start, e.end) for e in rule.find(doc(text)) if e.reason == "more than one blank line"]
    assert runs == [m.span() for m in rule._RUN.finditer(text, body_start, body_end)] if body_start < body_end else not runs


def test_patterns_at_a_stop_find_their_own_matches():
    from cleaner.rules import guarded
    from tests.helpers import SEEDS

    texts = random_texts(300, seed=15) + ["at 14.00CET him.Street a . b", "x .Y.Zz 1.00GMT"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*/raw.txt"))]
    assert len(guarded._AT_STOP) >= 3
    found = 0
    for text in texts:
        for pattern in guarded._AT_STOP:
            expected = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in guarded.stop_matches(text, pattern)] == expected
            found += len(expected)
    assert found > 30
