"""Fragments: sentences and paragraphs the translator or scraper cut short.

Nothing here is repairable (the missing words are gone), so these rules only
warn.  They are tuned to stay quiet on clean professional prose: a sentence
counts as truncated only when no word in it can be a verb.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from .base import Edit, Rule

# Auxiliaries and the commonest verbs of news prose, in all their forms that do
# not end in -ed/-s/-ing (those are recognised by their ending).
_VERBS = frozenset(
    """
    be is are was were am been being has have had do did done will would can could shall should may might must
    say said tell told make made take took taken go went gone come came get got gotten give gave given see saw seen
    know knew known think thought find found put set let keep kept leave left meet met hold held bring brought
    begin began begun run ran become became show shown hear heard feel felt seem want need use try call ask
    agree attend speak spoke spoken write wrote written lead led win won lose lost pay paid send sent build built
    buy bought sell sold stand stood fall fell fallen grow grew grown rise rose risen cut hit hurt read spend spent
    mean meant stay remain plan hope believe expect add note warn urge vow claim deny reject sign arrive fight fought
    face visit talk work help move live die kill end open close start stop return join respond offer support allow
    appear happen include continue consider decide follow wait stress insist argue explain confirm announce report
    """.split()
)
_NOT_VERB_ENDINGS = ("ions", "ments", "ness", "ties", "ships", "ists", "isms", "ss", "us", "ous", "ics")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# A sentence end inside a paragraph (not after an initial or a short abbreviation).
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z])")
_FUNCTION_END = re.compile(
    r"(?:,|\b(?:the|a|an|of|to|and|or|but|with|for|that|which|who|in|on|by|from|at|into|as|than|its|their|his|her))$"
)


def _can_be_verb(word: str) -> bool:
    w = word.lower()
    if w in _VERBS or w.endswith(("ed", "ing", "n’t", "n't")):
        return True
    return w.endswith("s") and not w.endswith(_NOT_VERB_ENDINGS) and len(w) > 3


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, m.end()
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        yield start, len(text)


class TruncatedSentence(Rule):
    """Warns about a sentence with no verb at all: "..., the Secretary of Defense, Pete Hegseth Russia in 2014."

    Only full sentences (ending in a stop) of `min_words` words or more, in a
    paragraph of two sentences or more or one that ends in a stop; quoted
    sentences are left alone (speech may be elliptic).
    """

    id = "artifacts.truncated_sentence"
    category = "artifacts"
    purpose = "Warn about a sentence that lost its verb in translation (cannot be repaired safely)."
    examples = (
        (
            "Before the announcement, the United States Secretary of Defense, Pete Hegseth Russia in 2014.",
            "Before the announcement, the United States Secretary of Defense, Pete Hegseth Russia in 2014.",
        ),
    )
    min_words = 8

    def find(self, doc: Document) -> Iterator[Edit]:
        for line in doc.lines:
            text = line.text
            if len(text) < 40 or not text.rstrip().endswith((".", "!", "?")):
                continue
            for start, end in sentences(text):
                sentence = text[start:end].strip()
                if not sentence.endswith((".", "!", "?")) or any(q in sentence for q in "“”\"«»"):
                    continue
                words = _WORD.findall(sentence)
                if sum(w[0].isupper() for w in words) * 2 > len(words):
                    continue  # Title Case: a headline, not a sentence
                # Capitalised words are names ("United States"), except the first.
                candidates = [w for i, w in enumerate(words) if i == 0 or w[0].islower()]
                if len(words) >= self.min_words and not any(_can_be_verb(w) for w in candidates):
                    doc.warn(self.id, "sentence without a verb: truncated in translation?", line.start + start, line.start + end)
        return iter(())


class UnfinishedParagraph(Rule):
    """Warns about a paragraph that stops mid-clause: it ends in a comma or a function word.

    "... and that both leaders said they wanted" / "... talks with the".
    Only paragraphs of `min_words` words or more: headlines and labels are short.
    """

    id = "artifacts.unfinished_paragraph"
    category = "artifacts"
    purpose = "Warn about a paragraph that ends mid-clause (cannot be repaired safely)."
    examples = (
        (
            "Trump said he instructed US officials to begin the peace talks with the\nNext paragraph.",
            "Trump said he instructed US officials to begin the peace talks with the\nNext paragraph.",
        ),
    )
    min_words = 8

    def find(self, doc: Document) -> Iterator[Edit]:
        for line in doc.lines:
            text = line.text.rstrip()
            if len(text.split()) >= self.min_words and _FUNCTION_END.search(text):
                doc.warn(self.id, "paragraph ends mid-clause: truncated?", line.start, line.end)
        return iter(())


RULES = (TruncatedSentence, UnfinishedParagraph)
