"""Foreign-language leftovers: a paragraph or sentence the translator did not translate.

Option `foreign_lines`: "warn" (default) keeps it with a warning, "remove"
deletes it as untranslated boilerplate.  A line is foreign when langdetect
(fixed seed) is sure (`min_probability`) AND there is positive evidence of
the other language: its function words (`cleaner/data/function_words.txt`),
or another script.  Judging is staged, to stay cheap: one pass over the
article finds the few lines that hold such evidence at all (two function
words of one other language, or letters outside the article's script);
every other line cannot be foreign and is not looked at again.  Of the
suspects, a line rich in the article language's function words is the
article's language and is never sent to langdetect; nor, in an English
article, is a line of English words ("$7.25 per user per month": two Italian
function words, every word in the English dictionary).
Lines too short to judge (`min_letters`, `min_words`) are left to the
boilerplate phrase lists.  A line holding quote marks is content (a quoted
phrase with its translation) and is never removed, only warned about.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import compress, count
from importlib import resources
from typing import Any, Iterator

from ..document import Document, Line
from ..language import (
    article_language,
    english_word_share,
    find_words,
    function_share,
    function_shares,
    function_words,
    mostly_names,
    prose_sample,
    sample_words,
)
from ..naming.lexicon import scanned
from .base import Edit, Rule, remove_line

_LETTER = re.compile(r"[^\W\d_]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# The letters (as `find_words` counts them) below U+0250: all that `script` counts as
# LATIN, plus six that are not alphabetic ("²", "½").
_LATIN = "".join(c for c in map(chr, range(0x250)) if _LETTER.match(c))
_ODD = "".join(c for c in _LATIN if not c.isalpha())
# Characters outside the Latin letters, Latin punctuation and the General Punctuation
# block (“ ” – … •): another script, or a symbol (€, ™, emoji) the cheap test below
# does not classify.  Like a letter above U+024F, each is tested only by `script`.
_UNUSUAL = re.compile(f"[{_ODD}\u0250-\u1fff\u2070-\U0010ffff]")
# The Latin capitals whose lower case is no Latin letter (or two letters: "İ").
_LOWERED_AWAY = re.compile("[%s]" % "".join(c for c in _LATIN if len(c.lower()) != 1 or c.lower() not in _LATIN))
_QUOTES = re.compile(r"[\"“”„«»‘]")
# Sentences inside one paragraph: a stop, spaces, then a capital or an opening quote.
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“„«]?[^\W\d_])")


def looks_english(text: str) -> bool:
    """Whether rules built on English word lists may run on `text` (cheap, no langdetect).

    True unless the start of the text is in another script, or richer in another
    listed language's function words than in English ones.  A fragment too short
    to judge ("non -negotiable problems") counts as English.
    """
    return _looks_english(text[:3000])


@lru_cache(maxsize=8)
def _looks_english(sample: str) -> bool:
    if script(sample) not in (None, "LATIN"):
        return False
    words = sample_words(sample)
    if len(words) < 20:
        return True  # too short to judge: the rules' own guards decide
    shares = function_shares(words)
    english = shares["en"]
    return all(english >= share for lang, share in shares.items() if lang != "en")


def lowered(doc: Document) -> str:
    """`doc.text.lower()`, computed once per text: several rules search it."""
    text, lower = doc.cache.get("lowered", (None, ""))
    if text is not doc.text:
        lower = doc.text.lower()
        doc.cache["lowered"] = (doc.text, lower)
    return lower


def script(text: str) -> str | None:
    """The dominant writing system of `text` ("LATIN", "CYRILLIC", "CJK", ...)."""
    sample = text[:200]  # a sample is enough, and keeps this cheap
    if not _UNUSUAL.search(sample):  # every letter is Latin (or there is none)
        return "LATIN" if any(map(str.isalpha, sample)) else None
    # letters counted in C, then by script in order of first appearance (a tie goes
    # to the script met first)
    counts: dict[str, int] = {}
    for letter, k in Counter(filter(str.isalpha, sample)).items():
        name = _script_of(letter)
        counts[name] = counts.get(name, 0) + k
    return max(counts, key=counts.__getitem__) if counts else None


@lru_cache(maxsize=4096)
def _script_of(letter: str) -> str:
    return "LATIN" if letter < "\u0250" else unicodedata.name(letter, "?").split(" ")[0]


class ForeignLines(Rule):
    """A paragraph (or a sentence of one) in another language than the article's."""

    id = "artifacts.foreign_lines"
    category = "artifacts"
    purpose = "Warn about (or, with foreign_lines=remove, remove) untranslated paragraphs and sentences."
    examples = (
        (
            "The talks in Istanbul ended on Friday without a ceasefire, officials from both sides said.\n"
            "Die Gespräche wurden nach drei Stunden ohne eine Einigung über einen Waffenstillstand beendet.\n"
            "Both delegations agreed to exchange prisoners and to meet again in the coming weeks.\n"
            "Russia and Ukraine have not held direct talks since the first months of the war in 2022.",
            "The talks in Istanbul ended on Friday without a ceasefire, officials from both sides said.\n"
            "Both delegations agreed to exchange prisoners and to meet again in the coming weeks.\n"
            "Russia and Ukraine have not held direct talks since the first months of the war in 2022.",
            {"foreign_lines": "remove"},
        ),
        (
            "Protesters chanted “Slava Ukraini” (Glory to Ukraine) outside the embassy on Friday.",
            "Protesters chanted “Slava Ukraini” (Glory to Ukraine) outside the embassy on Friday.",
            {"foreign_lines": "remove"},
        ),
    )
    # Below these a line is too short for langdetect to judge reliably.
    min_letters = 40
    min_words = 6
    # A line with at least this share of the article language's function words is the
    # article's language (English prose runs at 30-45% with the listed words).
    same_language_share = 0.12
    # ... and one with this share of another language's function words is that language.
    other_language_share = 0.2
    min_probability = 0.95
    # A line in an English article whose words are this English (function and
    # dictionary words) is English, whatever function words it shares with another
    # language: not sent to langdetect.  Untranslated prose measures under 0.4.
    english_line_share = 0.8
    # A paragraph richer than this in the article language's function words has no
    # whole foreign sentence worth a look (median 0.40 on the 30+ word
    # paragraphs of the WCXB gold bodies, 10th percentile 0.28).
    sentence_check_below = 0.33
    # Never treat more than this share of the article's letters as foreign: then the
    # article's language itself is in doubt.
    max_foreign_share = 0.3
    # At most this many texts of one document go to langdetect (~5 ms each): a document
    # with more suspects (thousands of foreign-looking lines) has its language in doubt,
    # and only gets a warning.
    max_detections = 100

    def may_edit(self, options: Any) -> bool:
        return options.foreign_lines == "remove"

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        sample = prose_sample(text)
        # The article's language, from its prose: name tables and credits mislead langdetect.
        article = article_language(sample) if len(sample) >= 200 else None
        if article is None:
            return
        home_script = script(sample)
        found: list[tuple[Line, int, int, str]] = []  # line, start, end within line, language
        # Past this many foreign letters the article's language is in doubt and nothing is
        # reported: stop there (each judgement may cost a langdetect call).  Counted at the
        # first foreign find: most articles have none, and counting costs a pass.
        limit: float | None = None
        foreign = 0
        budget = [self.max_detections]
        for line in self._suspects(doc, article, home_script):
            if len(line.text.split()) < self.min_words:
                continue
            if budget[0] <= 0:
                doc.warn(self.id, f"more than {self.max_detections} lines may be in another language: "
                         "none checked further", line.start, len(text))
                return
            language, share = self._judge(line.text, article, home_script, budget)
            if language:
                found.append((line, 0, len(line.text), language))
                foreign += _letter_count(line.text)
            elif share < self.sentence_check_below:
                for start, end in _sentences(line.text):
                    language, _ = self._judge(line.text[start:end], article, home_script, budget)
                    if language:
                        found.append((line, start, end, language))
                        foreign += _letter_count(line.text, start, end)
            if foreign and limit is None:
                limit = self.max_foreign_share * _letter_count(text)
            if limit is not None and foreign > limit:
                return
        if not found:
            return
        remove = doc.options.foreign_lines == "remove"
        for line, start, end, language in found:
            whole = start == 0 and end == len(line.text)
            if remove and not _QUOTES.search(line.text[start:end]):
                reason = f"untranslated {language} text in a {article} article"
                if whole:
                    yield remove_line(text, line, reason)
                else:
                    yield Edit(line.start + start, line.start + end, "", reason)
            else:
                what = "paragraph" if whole else "sentence"
                doc.warn(self.id, f"{what} in {language}, not {article}: untranslated?", line.start + start, line.start + end)

    def _suspects(self, doc: Document, article: str, home_script: str | None) -> Iterator[Line]:
        """The lines that may hold text `_judge` finds foreign, in order: a superset.

        `_judge` needs positive evidence: 20% of a text's 6+ words from one other
        language's list (so two such words in its line), or a script other than
        `home_script` (so, in a Latin article, a letter above U+024F, or no letter
        at all in the 200 characters `script` reads).
        """
        text = doc.text
        if home_script != "LATIN" or "\u0130" in text:  # "İ": the one letter whose lower case is two
            yield from doc.lines  # no cheap test: every line is a suspect
            return
        starts: set[int] = set()
        pos = 0
        for raw in text.split("\n"):
            if len(raw) > 200 and not _LETTER.search(raw, 0, 200):
                starts.add(pos)
            pos += len(raw) + 1
        match = _UNUSUAL.search(text)
        while match:
            starts.add(text.rfind("\n", 0, match.start()) + 1)
            end = text.find("\n", match.start())
            match = _UNUSUAL.search(text, end) if end != -1 else None
        # Elsewhere every letter is Latin, and the lower-case words found below are
        # `find_words`' words (a word joined by an apostrophe is found in parts: more suspects).
        languages_of = _evidence_words(article)[1]
        counts: dict[tuple[int, str], int] = {}
        start = seen = 0  # the line start of the last word found, and where that word was
        for at, word in _listed_words(doc, article):
            # the newline before this word: after the last word, or the one found then
            # (looked for back to the line start only from the last word: linear on one long line)
            newline = text.rfind("\n", seen, at)
            start, seen = (newline + 1 if newline != -1 else start), at
            for lang in languages_of[word]:
                key = (start, lang)
                counts[key] = counts.get(key, 0) + 1
                if counts[key] == 2:
                    starts.add(start)
        for start in sorted(starts):
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            yield Line(text.count("\n", 0, start), start, end, text[start:end])

    def _judge(
        self, text: str, article: str, home_script: str | None, budget: list[int] | None = None
    ) -> tuple[str | None, float]:
        """(the language of `text` when it is clearly not `article`, else None; its share of
        the article language's function words).  A call to langdetect takes one from
        `budget[0]`."""
        if len(text) < self.min_letters:
            return None, 1.0
        found = find_words(text)
        if len(found) < self.min_words or sum(map(len, found)) < self.min_letters:
            return None, 1.0
        if mostly_names(found):
            return None, 1.0  # a reference list, a headline, a credit
        words = [w.lower() for w in found]
        table = function_words()
        home = table.get(article, frozenset())
        share = function_share(words, home)
        if share >= self.same_language_share or (share and _QUOTES.search(text)):
            return None, share  # the article's language, or a quoted phrase with its translation
        rest = [w for w in words if w not in home]  # "in", "a", "die": evidence for nothing
        # Cheap positive evidence first: another listed language's function words, or
        # another script.  Without it langdetect is not consulted (it is the cost).
        own_script = script(text)
        others = {lang for lang, listed in table.items() if lang != article
                  and function_share(rest, listed) * len(rest) >= self.other_language_share * len(words)}
        if not others and own_script == home_script:
            return None, share
        if article == "en" and english_word_share(words) >= self.english_line_share:
            return None, share  # "$10 per user per month": Italian "per", English words
        from ..language import probabilities

        if budget is not None:
            budget[0] -= 1
        ranked = probabilities(text)
        if not ranked or ranked[0][0] == article or ranked[0][1] < self.min_probability:
            return None, share
        language = ranked[0][0]
        evidence = language in others if language in table else own_script != home_script
        return (language if evidence else None), share


def _listed_words(doc: Document, article: str) -> Iterator[tuple[int, str]]:
    """Where each lower-case word of `_evidence_words(article)` stands in `doc.text`, in
    order, with the word; as its pattern finds them, wherever a line has no `_UNUSUAL`
    character (elsewhere the line is a suspect anyway).

    From the text's words when the name rules have found them already (`scanned`): its
    distinct words are few, and only the listed ones are looked for.  Except where a
    capital letter's lower case is not Latin ("Ɓ" -> "ɓ"): there the pattern sees a
    word end that the words do not show.
    """
    pattern, languages_of = _evidence_words(article)
    sc = scanned(doc.text)
    if sc is None or _LOWERED_AWAY.search(" ".join(sc.others)):  # capitals are never in a lowercase word
        lower = "\n" + lowered(doc)  # a word start before the first word; offsets + 1
        return ((match.start(1) - 1, match.group(1)) for match in pattern.finditer(lower))
    listed = sc.lowered_in(languages_of)
    if not listed:
        return iter(())
    numbers = list(compress(count(), map(listed.__contains__, sc.words)))
    return zip(sc.starts_of(numbers), map(str.lower, map(sc.words.__getitem__, numbers)))


@lru_cache(maxsize=16)
def _evidence_words(article: str) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern finding the function words of the languages other than `article`
    (less the article's own: "in", "a", "die" in an English article is evidence
    for nothing), as whole lower-case words; and each word's languages."""
    table = function_words()
    home = table.get(article, frozenset())
    languages_of: dict[str, list[str]] = {}
    for lang, listed in table.items():
        if lang != article:
            for word in listed - home:
                languages_of.setdefault(word, []).append(lang)
    by_first: dict[str, list[str]] = {}
    for word in sorted(languages_of, key=lambda w: (-len(w), w)):
        if not _UNUSUAL.search(word):  # "и", "что": its line is a suspect anyway, by its script
            by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    # Factored by first letter, at a word start: after a character that is no Latin
    # letter, and before one that is neither a Latin letter nor an unusual character.
    # Literal classes, not \w: the engine tests them several times faster.
    firsts = "".join(sorted(by_first))
    words = "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(by_first.items()))
    pattern = re.compile(f"[^{_LATIN}](?=[{firsts}])({words})(?![{_LATIN}{_UNUSUAL.pattern[1:-1]}])")
    return pattern, {word: tuple(langs) for word, langs in languages_of.items()}


def _letter_count(text: str, start: int = 0, end: int | None = None) -> int:
    return sum(map(len, _LETTER_RUN.findall(text, start, len(text) if end is None else end)))


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph of two or more, each with the spaces after it
    (so that removing one leaves "A. C." from "A. B. C."); [] for one sentence."""
    starts = [0] + [m.end() for m in _SENTENCE.finditer(text)]
    if len(starts) == 1:
        return []
    ends = starts[1:] + [len(text)]
    return list(zip(starts, ends))


RULES = (ForeignLines,)
