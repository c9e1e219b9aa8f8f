"""One small base class per kind of rule.

A rule is a class with an `id` (``category.name``), a `category`, a one-line
`purpose` and at least one `examples` pair ``(before, after)`` that the test
suite runs through the rule alone.  The catalogue (`cleaner rules`,
``GET /v1/rules``) is generated from these attributes.

- `Rule.find(doc)` yields `Edit`s on the current text; the chain applies them
  and records a `Change` for each.
- `LineRule` reduces the work to judging lines: `judge(line)` returns a reason
  to remove the line, or None; `candidates` may narrow which lines are worth
  judging, with the document's line index (`LineFacts`).  Rules that need
  neighbours override `scan`.
- `RegexRule` reduces the work to one compiled pattern and `replace(match)`.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import le, not_
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, NamedTuple, Sequence

from .. import phrases

if TYPE_CHECKING:
    from ..document import Document, Line

ALL_PROFILES = frozenset({"conservative", "default", "aggressive"})
DEFAULT_PROFILES = frozenset({"default", "aggressive"})
AGGRESSIVE_ONLY = frozenset({"aggressive"})


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str
    reason: str


class Rule:
    id: ClassVar[str] = ""
    category: ClassVar[str] = ""
    purpose: ClassVar[str] = ""
    # (before, after) or (before, after, options): run through this rule alone by the tests.
    examples: ClassVar[tuple[tuple[Any, ...], ...]] = ()
    # Profiles that run this rule.  Near-certain rules add "conservative".
    profiles: ClassVar[frozenset[str]] = DEFAULT_PROFILES

    def find(self, doc: "Document") -> Iterable[Edit]:
        raise NotImplementedError

    def may_edit(self, options: Any) -> bool:
        """False for a rule that, under `options`, only warns: a stage's repeated
        pass (run until nothing changes) skips it."""
        return True

    def may_edit_again(self, options: Any) -> bool:
        """Whether a stage's repeated pass, after other edits of the stage, may find
        new edits for this rule (see `LineRule`)."""
        return self.may_edit(options)

    @classmethod
    def describe(cls) -> dict[str, object]:
        """The rule's catalogue entry."""
        return {
            "id": cls.id,
            "category": cls.category,
            "purpose": cls.purpose,
            "profiles": sorted(cls.profiles),
            "examples": [
                {"before": ex[0], "after": ex[1], **({"options": ex[2]} if len(ex) > 2 else {})}
                for ex in cls.examples
            ],
            "doc": (cls.__doc__ or "").strip(),
        }


class LineRule(Rule):
    """Removes whole lines (with their newline)."""

    def judge(self, line: str) -> str | None:
        """Return why `line` should go, or None to keep it."""
        return None

    def candidates(self, facts: "LineFacts") -> Iterable[str]:
        """The distinct line texts worth judging (each once): by default all.

        A rule narrows them with the document's line index -- the lines
        starting with one of its phrases' first words, the lines short enough
        to be a listed phrase -- but must keep every text that `judge` would
        remove (tests/test_line_gates.py checks this on the corpus).
        """
        return facts.texts

    def scan(self, doc: "Document") -> Iterator[tuple[int, str]]:
        """Yield (line index, reason) for every line to remove.

        `judge` depends on the line's text alone, so each distinct non-blank
        text is judged once (junk repeats: "Share", "Advertisement"), and only
        if it is one of the `candidates`.
        """
        facts = line_facts(doc)
        for text in self.candidates(facts):
            reason = self.judge(text)
            if reason:
                for index in facts.indexes(text):
                    yield index, reason

    def may_edit_again(self, options: Any) -> bool:
        # With the default `scan`, each line is judged by its text alone: removing
        # other lines changes no verdict.  A rule that looks at neighbours or
        # positions ("the top block") overrides `scan` and runs again.
        return type(self).scan is not LineRule.scan and self.may_edit(options)

    def find(self, doc: "Document") -> Iterator[Edit]:
        found = list(self.scan(doc))
        if not found:
            return
        # the line offsets of the index (the text is unchanged while a rule scans):
        # no `Line` object per line of the document
        facts = line_facts(doc)
        starts, lines, size = facts.starts(), facts.lines, len(doc.text)
        for index, reason in found:
            start = starts[index]
            end = start + len(lines[index])
            yield Edit(start, end + 1 if end < size else end, "", reason)


def remove_line(text: str, line: "Line", reason: str) -> Edit:
    """An edit deleting `line` and the newline after it (if any)."""
    end = line.end + 1 if line.end < len(text) else line.end
    return Edit(line.start, end, "", reason)


class RegexRule(Rule):
    """Rewrites every match of one compiled pattern."""

    pattern: ClassVar[re.Pattern[str]]
    reason: ClassVar[str] = ""

    def replace(self, match: re.Match[str]) -> str | None:
        """The replacement for `match`, or None to leave it."""
        raise NotImplementedError

    def may_match(self, text: str) -> bool:
        """A cheap test (substring searches) that `pattern` can match `text` at all;
        False skips the regex scan.  Most texts need few of the rules."""
        return True

    def find(self, doc: "Document") -> Iterator[Edit]:
        if not self.may_match(doc.text):
            return
        for match in self.pattern.finditer(doc.text):
            after = self.replace(match)
            if after is not None and after != match.group(0):
                yield Edit(match.start(), match.end(), after, self.reason)


# -- shared line predicates -------------------------------------------------

_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_QUOTES = re.compile(r"[\"“”„«»]")


# Line predicates are cached per line text: a dozen line rules ask the same
# questions about the same lines of one document.
LINE_CACHE = 1 << 14


@lru_cache(maxsize=LINE_CACHE)
def reads_as_prose(line: str) -> bool:
    """True when a line reads like article prose: a full sentence, or quoted speech.

    The content guard: soft boilerplate evidence (a cue word, a position at the
    top) never removes such a line; only an exact phrase or a credit line does.
    """
    stripped = line.strip()
    words = stripped.split()
    if len(words) >= 4 and _TERMINAL.search(stripped):
        return True
    return len(words) >= 6 and len(_QUOTES.findall(stripped)) >= 2


@lru_cache(maxsize=LINE_CACHE)
def word_count(line: str) -> int:
    return len(line.split())


_FIRST_WORD = re.compile(r"\W*(\w+)")
# The longest text (stripped) whose normal form the line index computes at first: more
# than any phrase rule asks (`WholeLine.max_len`, 164 at most; share rows: 120).
NORMAL_FORMS = 200
# After a newline, the line's first word ("" if none), as `first_word` finds it before folding.
_FIRST_WORDS = re.compile(r"\n[^\w\n]*(\w*)")
_PLUS_ONE = (1).__add__
# Letters that Python's re treats as one under IGNORECASE although str.lower()
# keeps them apart ("ı"/"i", "ſ"/"s", "ς"/"σ"...; re/_casefix.py), mapped to one.
_RE_CASE_TWINS = str.maketrans(
    "\u0131\u017f\u03b9\u03bc\u03c3\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80\u1c81"
    "\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb06",
    "\u0069\u0073\u0345\u00b5\u03c2\u03b2\u03b8\u03c6\u03c0\u03ba\u03c1\u03b5\u0432\u0434"
    "\u043e\u0441\u0442\u0442\u044a\u0463\u1e61\u0345\u0390\u03b0\u1c88\ufb05",
)


_TWIN_LETTERS = frozenset(map(chr, _RE_CASE_TWINS))


def case_key(word: str) -> str:
    """`word` folded the way re.IGNORECASE compares letters: equal keys <=> the
    words match each other case-insensitively."""
    if word.isascii():  # the twins and "İ" are not ASCII
        return word.lower()
    word = word.replace("\u0130", "i").lower()
    return word.translate(_RE_CASE_TWINS) if not _TWIN_LETTERS.isdisjoint(word) else word  # translate is slow


@lru_cache(maxsize=LINE_CACHE)
def first_word(line: str) -> str:
    """The `case_key` of the line's first word ("» Read more" -> "read"; "" if
    none).  A phrase rule skips a line whose first word starts no listed phrase."""
    m = _FIRST_WORD.match(line)
    return case_key(m.group(1)) if m else ""


def first_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """The `first_word` keys of `phrases` ("(FILES)" -> "files"), or None when
    a phrase holds no word at all (then every line must be tried)."""
    keys = set()
    for phrase in phrases:
        m = re.search(r"\w+", phrase)
        if m is None:
            return None
        keys.add(case_key(m.group()))
    return frozenset(keys)


def may_start(line: str, keys: frozenset[str] | None) -> bool:
    """Whether `line` may start with one of the phrases whose `first_words` are `keys`."""
    return keys is None or first_word(line) in keys


# -- the line index ---------------------------------------------------------


class LineFacts:
    """The distinct non-blank lines of one text, indexed for the line rules.

    A dozen line rules each look for a few phrases; most lines start with
    none of them and are too long to be one.  Asking the index which lines
    could match ("the lines whose first word is 'read' or 'haberin'", "the
    lines at most 78 characters long that normalise to a listed phrase") costs
    a set intersection instead of a judge call per line and rule.  Built once
    per text (`line_facts`), mostly in C (split, filter, map, dict.fromkeys):
    no Python function call per line in ASCII texts.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # every line's text, blank or not: `lines[i]` is the text of line i
        self.lines = text.split("\n")
        nonblank = list(filter(str.strip, self.lines))  # str.strip is falsy for exactly the blank lines
        # each distinct non-blank line text, in order of first occurrence
        self.texts: dict[str, None] = dict.fromkeys(nonblank)
        self._counts = Counter(nonblank) if len(self.texts) < len(nonblank) else {}
        texts = list(self.texts)
        # `first_word` of every text ("" when none), in one scan of the texts joined
        # (no text holds a newline: one match per text, in order).
        # `case_key` is `str.lower` on an ASCII word: called only on the others.
        words = _FIRST_WORDS.findall("\n" + "\n".join(texts))
        keys = list(map(str.lower, words))
        if not text.isascii():
            for i in compress(count(), map(not_, map(str.isascii, words))):
                keys[i] = case_key(words[i])
        self.by_first_word: dict[str, list[str]] = {}
        by_first = self.by_first_word
        for key, line in zip(keys, texts):
            if key in by_first:
                by_first[key].append(line)
            else:
                by_first[key] = [line]
        # the normal forms of the texts of at most `_normal_limit` characters, stripped (`normal_forms`)
        self._normal: dict[str, Sequence[str]] = {}
        self._forms: list[str] = []
        self._normal_limit = -1
        self._utf8: tuple[bytes, bytes] | None = None  # the text's UTF-8 bytes, and in lower case
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        """The offset of every line in the text (of `lines[i]`: `starts()[i]`)."""
        if self._starts is None:
            self._starts = list(accumulate(map(_PLUS_ONE, map(len, self.lines)), initial=0))
        return self._starts

    def count(self, text: str) -> int:
        """How many lines read `text` (one of `texts`)."""
        return self._counts.get(text, 1)

    def repeats(self) -> bool:
        """Whether some text is printed on more than one line."""
        return bool(self._counts)

    def indexes(self, text: str) -> list[int]:
        """The indexes of the lines that read `text` (one of `texts`)."""
        found, at = [], -1
        for _ in range(self.count(text)):
            at = self.lines.index(text, at + 1)
            found.append(at)
        return found

    def starting_with(self, keys: frozenset[str] | None) -> list[str]:
        """The texts whose `first_word` is one of `keys` (all texts for None, see `first_words`)."""
        if keys is None:
            return list(self.texts)
        by_first = self.by_first_word
        return [text for key in keys.intersection(by_first) for text in by_first[key]]

    def holding(self, needle: str) -> set[str]:
        """The texts that contain `needle` (no newline in it).  Found by searching
        the whole text, on from the end of each hit's line: a rare needle costs
        a few str.find calls however many lines the document has."""
        text, found = self.text, set()
        at = text.find(needle)
        while at >= 0:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            if end < 0:
                end = len(text)
            found.add(text[start:end])
            at = text.find(needle, end)
        return found

    def holding_any_case(self, needle: str) -> set[str]:
        """The texts that contain `needle` in any case, as re.IGNORECASE reads it:
        `needle` is lower-case ASCII, of letters that only their upper case matches
        (no "i", "k" or "s": see `_RE_CASE_TWINS`).  One search of the text's UTF-8
        bytes in lower case (bytes.lower folds ASCII only: fast on any text)."""
        if self._utf8 is None:
            raw = self.text.encode("utf-8", "surrogatepass")
            self._utf8 = raw, raw.lower()
        raw, lowered = self._utf8
        key, found = needle.encode(), set()
        at = lowered.find(key)
        while at >= 0:
            start, end = lowered.rfind(b"\n", 0, at) + 1, lowered.find(b"\n", at)
            if end < 0:
                end = len(lowered)
            found.add(raw[start:end].decode("utf-8", "surrogatepass"))  # the line as the text spells it
            at = lowered.find(key, end)
        return found

    def up_to(self, length: int) -> list[str]:
        """The texts of at most `length` characters, surrounding whitespace aside."""
        return list(compress(self.texts, map(le, map(len, map(str.strip, self.texts)), repeat(length))))

    def normal_forms(self, length: int) -> dict[str, Sequence[str]]:
        """`phrases.normal_form(text)` -> texts, for (at least) every text of `up_to(length)`.

        Computed once for every text of up to `NORMAL_FORMS` characters, the longest
        any rule asks about (a phrase rule asks up to twice its longest phrase): the
        forms of a few more texts cost less than sorting the texts by length."""
        limit = max(length, NORMAL_FORMS)
        if limit > self._normal_limit:
            texts = self.up_to(limit)
            forms = phrases.normal_forms(texts)
            normal: dict[str, Sequence[str]] = dict(zip(forms, zip(texts)))  # form -> (text,), in C
            if len(normal) < len(texts):  # two texts of one form: grouped
                grouped: dict[str, list[str]] = {}
                for form, text in zip(forms, texts):
                    grouped.setdefault(form, []).append(text)
                normal = grouped
            self._normal, self._forms, self._normal_limit = normal, forms, limit
        return self._normal

    def whole_line(self, lookup: "phrases.WholeLine") -> list[str]:
        """The texts `lookup.matches` may accept: short enough, and normalised to a
        listed phrase (or one with `{n}`)."""
        normal = self.normal_forms(lookup.max_len)
        found = [text for form in lookup.literal.intersection(normal) for text in normal[form]]
        if lookup.numbered is not None:
            # (tried on every form: a `{n}` phrase starts with its number, so most fail at
            # their first character, cheaper than looking for a digit in each form first)
            for form in filter(lookup.numbered.fullmatch, self._forms):
                found += normal[form]
        return found


def line_facts(doc: "Document") -> LineFacts:
    """The line index of the document's current text, built on first use."""
    facts = doc.derived.get(LineFacts)
    if facts is None:
        facts = doc.derived[LineFacts] = LineFacts(doc.text)
    return facts
