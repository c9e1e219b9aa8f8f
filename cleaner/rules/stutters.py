"""Stutters: a word or a short phrase the translator typed twice.

Machine translation repeats a word or phrase ("the the", "resolve the
resolving the").  Deliberate repetition ("very, very", "Together. Together.",
"No, no, no", "had had", "that that", "Bora Bora") never matches: these rules
only remove a repeated article or preposition, or a repeated 2-4 word phrase
that ends in one, with nothing but a space between the copies; never inside a
protected span.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..document import Document
from ..protect import protected
from .base import Edit
from .foreign import looks_english
from .guarded import GuardedRegexRule, alternation

# Words that are never doubled in grammatical English ("had had", "that that"
# and "is is" can be; these cannot).
_NEVER_DOUBLED = "the|a|an|of|to|for|with|from|by|and|at|into|onto|about|than"
# What a stuttered phrase ends in: the repeated piece stops before its noun.
_PHRASE_END = frozenset(
    "the a an of to in on at for with from by into this that these those its their his her our".split()
)




class RepeatedWord(GuardedRegexRule):
    """An article or preposition typed twice: "the the" -> "the".

    Only words that English never doubles (`_NEVER_DOUBLED`); "had had",
    "that that", "very, very" and names like "Bora Bora" are left alone.  A
    capitalised later copy ("the The Hague") may be a name and stays.
    """

    id = "artifacts.repeated_word"
    category = "artifacts"
    purpose = "Remove an article or preposition typed twice in a row (\"the the\")."
    examples = (
        ("He met the the minister.", "He met the minister."),
        ("He had had enough, and that that was so is clear.", "He had had enough, and that that was so is clear."),
        ("A very, very warm call to Bora Bora.", "A very, very warm call to Bora Bora."),
    )
    # A run of one listed word ("the the", "The the the"), after a space, a line start
    # or an opening bracket/quote.  Spelled out case by case: a case-insensitive
    # pattern is three times slower, and the leading character class lets the
    # regex engine skip ahead.
    pattern = re.compile(
        r"(?:^|[ \n(“‘\"])(?P<run>(?P<w>" + _NEVER_DOUBLED + r")(?: (?P=w)\b)+|"
        + "|".join(rf"{w.capitalize()}(?: {w}\b)+" for w in _NEVER_DOUBLED.split("|"))
        + ")",
        re.MULTILINE,
    )
    reason = "word typed twice"
    english_only = True
    # The characters `pattern` accepts before a run.
    _LEAD = frozenset(" \n(“‘\"")

    def find(self, doc: Document) -> Iterator[Edit]:
        """The edits of `pattern` (see `runs`), found by substring search."""
        text = doc.text
        runs = self.runs(text)
        if not runs or not looks_english(text):
            return
        guard = protected(text)
        for start, run_start, end in runs:
            if not guard.touches(run_start, end):
                yield Edit(start, end, text[start:run_start] + text[run_start:end].split(" ", 1)[0], self.reason)

    def runs(self, text: str) -> list[tuple[int, int, int]]:
        """(match start, run start, end) of every match of `pattern`, in order.

        A match holds "w w" or "W w" for a listed word w: each occurrence of that
        (rare, found by `_SECOND`) is tried with `_run`.  At most one listed word
        can start a run at a given place, so the earliest candidate wins, as in
        `finditer`.
        """
        found = []
        for m in self._SECOND.finditer(text):
            word = m.group()[1:]
            at = 2 * m.start() + 1 - m.end()  # where the first copy starts
            if at == 0 or text[at - 1] in self._LEAD:
                run = _run(text[at : at + len(word)], word).match(text, at)
                if run:
                    found.append((at - (at > 0), at, run.end()))
        found.sort()
        runs, end = [], 0
        for run in found:
            if run[0] >= end:
                runs.append(run)
                end = run[2]
        return runs

    # The second copy of "w w" or "W w", with the space before it, for each listed w:
    # anchored on the space (the engine skips to it), the copy before is checked once
    # the word is read.  On the text as it is: lowering it first costs more than the scan.
    _SECOND = re.compile(
        " " + alternation(_NEVER_DOUBLED.split("|"), lambda word: f"(?<=[{word[0]}{word[0].upper()}]{word[1:]} {word})")
    )


@lru_cache(maxsize=None)
def _run(first: str, word: str) -> re.Pattern[str]:
    """A run of `word` after `first` (itself or capitalised), as `RepeatedWord.pattern` takes it."""
    return re.compile(rf"{first}(?: {word}\b)+")


class RepeatedPhrase(GuardedRegexRule):
    """A 2-4 word phrase that ends in an article or preposition, typed twice.

    Also warns (no edit) about an attribution printed twice: 'Trump, “Trump
    said,” Trump said.'

    "to resolve the resolving the Ukraine crisis" -> "to resolve the Ukraine
    crisis": the second copy may be an inflected form of the first word
    ("resolving" after "resolve").  The first copy is kept.  Deliberate
    rhetoric repeats with punctuation ("Together. Together.", "No, no, no")
    or more than twice ("little by little by little"), and stays.
    """

    id = "artifacts.repeated_phrase"
    category = "artifacts"
    purpose = "Remove a short phrase the translator repeated (\"resolve the resolving the\")."
    examples = (
        (
            "it would be impossible to resolve the resolving the Ukraine crisis.",
            "it would be impossible to resolve the Ukraine crisis.",
        ),
        ("Talks in the in the capital.", "Talks in the capital."),
        ("Together. Together. No, no, no.", "Together. Together. No, no, no."),
        ("where there has Trump, “Trump said,” Trump said.", "where there has Trump, “Trump said,” Trump said."),
    )
    # The seam between the copies, " <end> <again><mid> <end>" (" the resolving the"):
    # the first copy, <head><mid> <end>, ends just before it; the second copy is
    # <again><mid> <end>, with <again> the same word as <head>, maybe inflected.
    # Anchored on a space, so the engine skips ahead cheaply; <end> as a trie (a space
    # follows it: at most one word can match).  `(?=(x))\N` takes a whole word at once
    # (a shorter part of one can never be followed by the space; Python 3.10 has no `x++`).
    pattern = re.compile(
        rf" (?P<end>{alternation(_PHRASE_END)}) (?=(?P<again>[a-z]+))(?P=again)"
        r"(?P<mid>(?: (?=([a-z]+))\4){0,2}) (?P=end)\b"
    )
    _HEAD = re.compile(r"(?<![\w’'-])[A-Za-z]+$")
    _NEXT = re.compile(r" (\w+)")
    reason = "phrase repeated by the translator"
    english_only = True
    # 'Trump, “Trump said,” Trump said.': the intended sentence cannot be recovered.
    _ATTRIBUTION = re.compile(r"\b([A-Z][\w’'-]+) (said|says|added|wrote|told)\b[,.]?[”\"]? \1 \2\b")
    # The verb, what follows it, and the verb again, one pattern per verb: checked before
    # the whole text is searched for _ATTRIBUTION (slow: it has no fixed start).
    _VERBS_AGAIN = tuple(
        (f" {verb}", re.compile(f" {verb}" + r"\b[,.]?[”\"]? [A-Z][\w’'-]+ " + verb + r"\b"))
        for verb in ("said", "says", "added", "wrote", "told")
    )

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        cuts = self._cuts(text)
        attribution = self._may_repeat_attribution(text)
        # Whether the text is English is asked last: most texts have nothing to report.
        if not (cuts or attribution) or not looks_english(text):
            return
        if attribution:
            for m in self._ATTRIBUTION.finditer(text):
                doc.warn(self.id, f"attribution {m.group(1)} {m.group(2)!r} repeated: garbled sentence?", m.start(), m.end())
        guard = protected(text) if cuts else None
        for cut in cuts:
            if not guard.touches(*cut):
                yield Edit(cut[0], cut[1], "", self.reason)

    def _cuts(self, text: str) -> list[tuple[int, int]]:
        """The second copy of every stutter in `text`, in order (protected or not)."""
        cuts, pos = [], 0
        while True:
            match = self.pattern.search(text, pos)
            if match is None:
                return cuts
            cut = self._second_copy(match)
            if cut is None:
                pos = match.start() + 1  # a rejected match must not hide one inside it
                continue
            cuts.append(cut)
            pos = match.end()

    def _may_repeat_attribution(self, text: str) -> bool:
        """Whether some `_VERBS_AGAIN` pattern matches: tried where `str.find` finds its
        verb (each match starts with it; a regex scan would stop at every space)."""
        for verb, again in self._VERBS_AGAIN:
            at = text.find(verb)
            while at != -1:
                if again.match(text, at):
                    return True
                at = text.find(verb, at + 1)
        return False

    def _second_copy(self, match: re.Match[str]) -> tuple[int, int] | None:
        """The span of the second copy (with the space before it), or None if this is no stutter."""
        text, mid, again = match.string, match.group("mid"), match.group("again")
        before = text[max(0, match.start() - len(mid) - 40) : match.start()]
        if not before.endswith(mid):
            return None
        head = self._HEAD.search(before, 0, len(before) - len(mid))
        if head is None or not _same_word(head.group(0), again):
            return None
        following = self._NEXT.match(text, match.end())
        if following and following.group(1).lower() == again.lower():
            return None  # three copies or more: rhetoric, not a stutter
        phrase = f"{head.group(0)}{mid} {match.group('end')} ".lower()
        head_start = match.start() - len(mid) - len(head.group(0))
        if text[max(0, head_start - len(phrase)) : head_start].lower() == phrase:
            return None  # "and on and on and on": a third copy before
        return match.start("again") - 1, match.end()


def _same_word(first: str, again: str) -> bool:
    """"resolve"/"resolve", "resolve"/"resolving", "talk"/"talks": the same word, maybe inflected."""
    first, again = first.lower(), again.lower()
    if first == again:
        return True
    stem = first[:-1] if first.endswith("e") else first
    return len(stem) >= 3 and again.startswith(stem) and again[len(stem) :] in ("ing", "ed", "d", "s", "es", "e")
