"""Foreign-language leftovers: a paragraph or sentence the translator did not translate.

Option `foreign_lines`: "warn" (default) keeps it with a warning, "remove"
deletes it as untranslated boilerplate.  Judging is two-stage, to stay cheap
on large inputs: a line rich in the article language's function words
(`cleaner/data/function_words.txt`) is the article's language and is never
sent to langdetect; only the few suspects are.  A suspect is foreign when
langdetect (fixed seed) is sure (`min_probability`) AND there is positive
evidence of the other language: its function words, or another script.
Lines too short to judge (`min_letters`, `min_words`) are left to the
boilerplate phrase lists.  A line holding quote marks is content (a quoted
phrase with its translation) and is never removed, only warned about.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Iterator

from ..document import Document, Line
from ..language import article_language, function_share, function_words
from .base import Edit, Rule, remove_line

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTERS = re.compile(r"[^\W\d_]")
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
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 20:
        return True  # too short to judge: the rules' own guards decide
    table = function_words()
    english = function_share(words, table["en"])
    return all(english >= function_share(words, listed) for lang, listed in table.items() if lang != "en")


def script(text: str) -> str | None:
    """The dominant writing system of `text` ("LATIN", "CYRILLIC", "CJK", ...)."""
    counts: dict[str, int] = {}
    for ch in text[:200]:  # a sample is enough, and keeps this cheap
        if ch.isalpha():
            name = "LATIN" if ch < "\u0250" else unicodedata.name(ch, "?").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


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
    # A paragraph richer than this in the article language's function words has no
    # whole foreign sentence worth a look (median 0.40 on the 30+ word
    # paragraphs of the WCXB gold bodies, 10th percentile 0.28).
    sentence_check_below = 0.33
    # Never treat more than this share of the article's letters as foreign: then the
    # article's language itself is in doubt.
    max_foreign_share = 0.3

    def find(self, doc: Document) -> Iterator[Edit]:
        candidates = [line for line in doc.lines if len(line.text.split()) >= self.min_words]
        if not candidates:
            return
        # The article's language, from its prose: name tables and credits mislead langdetect.
        sample = "\n".join(line.text for line in candidates if not _mostly_names(_WORD.findall(line.text)))[:3000]
        article = article_language(sample) if len(sample) >= 200 else None
        if article is None:
            return
        home_script = script(sample)
        found: list[tuple[Line, int, int, str]] = []  # line, start, end within line, language
        for line in candidates:
            language, share = self._judge(line.text, article, home_script)
            if language:
                found.append((line, 0, len(line.text), language))
            elif share < self.sentence_check_below:
                for start, end in _sentences(line.text):
                    language, _ = self._judge(line.text[start:end], article, home_script)
                    if language:
                        found.append((line, start, end, language))
        if not found:
            return
        total = len(_LETTERS.findall(doc.text))
        foreign = sum(len(_LETTERS.findall(line.text, s, e)) for line, s, e, _ in found)
        if foreign > self.max_foreign_share * total:
            return
        remove = doc.options.foreign_lines == "remove"
        for line, start, end, language in found:
            whole = start == 0 and end == len(line.text)
            if remove and not _QUOTES.search(line.text[start:end]):
                reason = f"untranslated {language} text in a {article} article"
                if whole:
                    yield remove_line(doc.text, line, reason)
                else:
                    yield Edit(line.start + start, line.start + end, "", reason)
            else:
                what = "paragraph" if whole else "sentence"
                doc.warn(self.id, f"{what} in {language}, not {article}: untranslated?", line.start + start, line.start + end)

    def _judge(self, text: str, article: str, home_script: str | None) -> tuple[str | None, float]:
        """(the language of `text` when it is clearly not `article`, else None; its share of
        the article language's function words)."""
        if len(text) < self.min_letters:
            return None, 1.0
        found = _WORD.findall(text)
        if len(found) < self.min_words or sum(map(len, found)) < self.min_letters:
            return None, 1.0
        if _mostly_names(found):
            return None, 1.0  # a reference list, a headline, a credit
        words = [w.lower() for w in found]
        table = function_words()
        home = table.get(article, frozenset())
        share = function_share(words, home)
        if share >= self.same_language_share or (share and _QUOTES.search(text)):
            return None, share  # the article's language, or a quoted phrase with its translation
        n = len(words)
        words = [w for w in words if w not in home]  # "in", "a", "die": evidence for nothing
        # Cheap positive evidence first: another listed language's function words, or
        # another script.  Without it langdetect is not consulted (it is the cost).
        own_script = script(text)
        others = {lang for lang, listed in table.items() if lang != article
                  and function_share(words, listed) * len(words) >= self.other_language_share * n}
        if not others and own_script == home_script:
            return None, share
        from ..language import probabilities

        ranked = probabilities(text)
        if not ranked or ranked[0][0] == article or ranked[0][1] < self.min_probability:
            return None, share
        language = ranked[0][0]
        evidence = language in others if language in table else own_script != home_script
        return (language if evidence else None), share


def _mostly_names(words: list[str]) -> bool:
    return sum(1 for w in words if w[0].isupper()) * 2 > len(words)


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph of two or more, each with the spaces after it
    (so that removing one leaves "A. C." from "A. B. C."); [] for one sentence."""
    starts = [0] + [m.end() for m in _SENTENCE.finditer(text)]
    if len(starts) == 1:
        return []
    ends = starts[1:] + [len(text)]
    return list(zip(starts, ends))


RULES = (ForeignLines,)
