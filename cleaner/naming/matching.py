"""Which known spelling a garbled name word stands for, and how sure we are.

Candidates are every known word (the gazetteer's, and the article's own
names) within two edits of the article's unknown word (optimal string
alignment distance, so a swap of two letters counts one edit), on
transliteration-blind keys (`spelled`: w/v, y/i, kh/h, diacritics) or on plain
keys; the smaller distance counts.  "Lavrow"/"Lavrov" 0, "putn"/"Putin" 1,
"Hegesh"/"Hegseth" 2.  `cleaner.naming.nearby` finds them: an index for the
gazetteer, one batch call for the article's words.

The decision (`Matcher.judge`) is a short list of evidence rules, precision
first.  A candidate must be *supported*: a gazetteer word, or a word the
article writes at least `ARTICLE_MIN_COUNT` times and more often than the
suspect (one mention each: either could be the garble, so a warning).  Then:

- distance 0 (transliteration only): repair when the article writes the
  entity in some spelling or a first name is shared;
- distance 1: repair when the article also writes the target, or a first
  name / title is shared ("President Putn" / "President Putin"); a letter
  merely replaced by another ("Hasan"/"Hakan", "Naam"/"Nahm") needs the target
  written twice and `MIN_LENGTH_SUBSTITUTION` letters;
- distance 2: repair only with a shared first name ("Pete Hegesh" and the
  gazetteer's "Pete Hegseth"), `MIN_LENGTH_TWO_EDITS` letters and Indel
  similarity `MIN_SIMILARITY_TWO_EDITS`;
- a repair keeps the initial unless a first name is shared ("Gran" is not
  "Iran"); anything else within reach: a warning, not an edit.

Never merged: two gazetteer words (a known word is never a suspect); a word
the article writes several times into an article-only name; a surname into a
first name ("Dmitryv" is not "Dmitry"), a first name into a surname ("Rute
Hansen" is not "Rutte"); two people with different first names ("Jan
Mertz" is not "Friedrich Merz"), or, after a first name, different surnames
("Joonas Korpisalo" is not "Jonas Siegenthaler"); a person into a place
("Rachael Hogg" is not "Hong" Kong); derived words ("Qatari", "Lavrova",
"Delhiite"); spellings that differ only in case ("XBox"); two candidates
that tie.  Outside English text (under `ENGLISH_MIN_SHARE` dictionary words)
only gazetteer targets at distance 0 or with a shared first name count.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from rapidfuzz.distance import Indel, Levenshtein

from .evidence import ADJECTIVES, TITLE_WORDS, TITLES, Evidence
from .gazetteer import Gazetteer
from .lexicon import fold, is_ordinary, not_ordinary, plain
from .nearby import MAX_EDITS, Neighbours, pairwise

MIN_LENGTH = 4  # shorter words (Xi, Li, Kim, Sak) are too ambiguous to repair
# ... except a 3-letter capitalised word without a vowel ("Kyv", "Mrz"): no name
# looks like that, so it may take back one dropped letter from a name the article writes.
_VOWELS = set("aeiouAEIOU")


def short_garble(word: str) -> bool:
    return len(word) == 3 and not _VOWELS & set(word)


MAX_DISTANCE = MAX_EDITS  # edits on folded keys (2); beyond that, different names
MIN_LENGTH_SUBSTITUTION = 6  # letters: a one-letter replacement in a shorter word is another name
SHORT_WORD = 3  # letters: one edit in a word this short needs the target written twice (or context)
LONG_WORD = 7  # letters: two edits need at least this much for a warning
MIN_LENGTH_TWO_EDITS = 6
# Two edits apart, the folded keys must still share this much (Indel similarity):
# "Hegesh"/"Hegseth" 0.77 passes, "Lavrin"/"Lavrov" 0.67 (another Sergei) does not.
MIN_SIMILARITY_TWO_EDITS = 0.75
# Beyond two edits only a warning, and only next to a first name the gazetteer
# pairs with a surname this similar ("Oleksiy Gontentko" / "Oleksiy Goncharenko" 0.70):
# a real "Oleksiy Gonchar" would be another person, so never an edit.
MIN_SIMILARITY_FIRST_NAME_HINT = 0.65
WARN_MIN_LENGTH = 6  # letters: shorter one-edit look-alikes without evidence are not even warned
ARTICLE_MIN_COUNT = 2  # an article-only target must be written at least this often


@dataclass(frozen=True)
class Verdict:
    source: str
    target: str  # the known word matched
    distance: int  # folded edits between source and target
    form: str  # the spelling to write
    confident: bool  # False: a warning, not an edit
    reason: str


# Endings that derive a word from a name: "Qatari", "Syrian", "Chinese", "Trumps",
# and the feminine of Slavic surnames ("Lavrova" is not a garbled "Lavrov").
DERIVATIONS = frozenset({"a", "s", "es", "n", "an", "ian", "ans", "ians", "i", "is", "ese", "ite", "ites", "ist", "ists", "ism", "ic", "er", "ers", "ar"})


def derived(source: str, target: str) -> bool:
    """Whether `source` is `target` (or its stem) plus a derivational ending: not a garble."""
    s, t = source.lower(), target.lower()
    if s.startswith(t) and s[len(t) :] in DERIVATIONS:
        return s[len(t)] != t[-1]  # "Putinn", "Kallass": a doubled letter, not an ending
    # "China" -> "Chinese", "Kosovo" -> "Kosovar": the final vowel gives way to the ending
    return t[-1] in "aeo" and s.startswith(t[:-1]) and s[len(t) - 1 :] in DERIVATIONS


@lru_cache(maxsize=8)
def gazetteer_neighbours(gaz: Gazetteer) -> Neighbours:
    """The gazetteer words a garble may stand for, indexed once per gazetteer."""
    return Neighbours(sorted(t for t in gaz.tokens if len(t) >= MIN_LENGTH and t[:1].isupper() and not is_ordinary(t)))


def first_name_only(word: str, gaz: Gazetteer, ev: Evidence) -> bool:
    """A word only ever seen before another name word: a first name, not a surname."""
    info = gaz.tokens.get(word)
    if info is not None:
        return info.roles <= {"first", "middle"} and word not in ev.heads
    return word not in ev.heads and ev.count(word) > 0


def _person_word(word: str, gaz: Gazetteer) -> bool:
    """Could be part of a person's name: not a title, not a proper adjective ("Russian", "Turkish")."""
    if word in TITLE_WORDS or word in ADJECTIVES or place_or_org_only(word, gaz):
        return False
    return not any(derived(word, word[:k]) and place_or_org_only(word[:k], gaz) for k in range(4, len(word)))


def plural_of(source: str, target: str) -> bool:
    """`target` is the plural of `source`: "Delhiite" / "Delhiites"."""
    s, t = source.lower(), target.lower()
    return t.startswith(s) and t[len(s) :] in ("s", "es") and s[-1:] != "s"


def place_or_org_only(word: str, gaz: Gazetteer) -> bool:
    info = gaz.tokens.get(word)
    return info is not None and not info.roles & {"first", "middle", "last", "single"}


def person_word(word: str, gaz: Gazetteer) -> bool:
    """A capitalised word that reads as a first name: "Rafael", "Pete" (not "President", "Russian", "Google")."""
    return _person_word(word, gaz) and not is_ordinary(word)


def person_before(source: str, ev: Evidence, gaz: Gazetteer) -> bool:
    """A first name stands before the word: "Rachael Hogg" is a person, not "Hong" Kong."""
    return any(_person_word(p, gaz) and not is_ordinary(p) for p in ev.before.get(source, ()))


def substitution(source: str, target: str) -> bool:
    """One letter replaced by another (not a swap, not a dropped or doubled letter)."""
    a, b = plain(source), plain(target)
    return len(a) == len(b) and Levenshtein.distance(a, b, score_cutoff=1) == 1


def surname_only(word: str, gaz: Gazetteer) -> bool:
    """A gazetteer word only ever seen ending a name ("Rutte"), never starting one."""
    info = gaz.tokens.get(word)
    return (
        info is not None and "first" not in info.roles
        and all(gaz.entries[i].type == "person" for i in info.entries)
    )


class Matcher:
    def __init__(self, gaz: Gazetteer, ev: Evidence, style: str = "consistent") -> None:
        self.gaz, self.ev, self.style = gaz, ev, style
        self.near = gazetteer_neighbours(gaz)
        self._article: list[str] | None = None
        self._written_known: set[str] | None = None
        self._preferred: dict[str, str] = {}

    @property
    def article(self) -> list[str]:
        """The article's own name words a garble may stand for (not the gazetteer's)."""
        if self._article is None:
            words = list(set(self.ev.counts).difference(self.gaz.tokens))  # looks up the few in the many
            self._article = sorted(not_ordinary(compress(words, map((MIN_LENGTH - 1).__lt__, map(len, words)))))
        return self._article

    # -- spelling to write -------------------------------------------------
    def preferred(self, word: str) -> str:
        """The spelling to write for known word `word` under the house style."""
        form = self._preferred.get(word)
        if form is None:
            form = self._preferred[word] = self._prefer(word)
        return form

    def _prefer(self, word: str) -> str:
        group = self.gaz.group(word)
        if group is None:
            return word
        if self.style == "canonical":
            return group.canonical
        seen = [(self.ev.count(f), f == group.canonical, f) for f in group.forms if self.ev.count(f)]
        return max(seen)[2] if seen else group.canonical

    def written(self, word: str) -> int:
        """How often the article writes `word` or, for a gazetteer head word, any spelling of it
        ("Kiiv" is backed by "Kiev" as well as by "Kyiv")."""
        group = self.gaz.group(word)
        if group is None:
            return self.ev.count(word)
        return sum(self.ev.count(f) for f in group.forms)

    # -- the decision ------------------------------------------------------
    def candidates(self, sources: list[str], complete: bool = False) -> dict[str, list[tuple[str, int]]]:
        """For each source word: (target, distance) within MAX_DISTANCE, gazetteer words first.

        The distance is the smaller of the transliteration-blind one (`spelled`:
        "Lavrow"/"Lavrov" 0) and the plain one (where the w/v, y/i mapping
        would count twice).  A doubled letter counts one edit: "Joonas" and
        "Jonas" are two Finnish and Swedish names, not one.

        Unless `complete`, a gazetteer word two edits away is left out when
        `judge` could only skip it: when the article writes no spelling of it
        and no name word stands next to both (`two_edit_targets`).
        """
        found: dict[str, list[tuple[str, int]]] = {s: [] for s in sources}
        if not sources:
            return found
        near, known, article = self.near, self.near.words, self.article
        extra = [] if complete else self.two_edit_targets(sources)
        for source, nearby in zip(sources, pairwise(sources, [*article, *extra])):
            gazetteer = dict(near.of(source, MAX_DISTANCE if complete else 1))
            for i, d in nearby:
                if i >= len(article):
                    gazetteer[near.position[extra[i - len(article)]]] = d
            out = found[source]
            out.extend((known[i], d) for i, d in sorted(gazetteer.items()) if known[i] != source)
            out.extend((article[i], d) for i, d in nearby if i < len(article) and article[i] != source)
        return found

    def two_edit_targets(self, sources: list[str]) -> list[str]:
        """The gazetteer words `judge` may take two edits from one of `sources`.

        Two edits away, a target counts only beside a name word written next
        to both (`context`) or when the article writes it in some spelling
        (`written`): the gazetteer words the article writes, the spellings
        of their groups, and the gazetteer's neighbours of the name words
        next to each source.
        """
        gaz, ev, position = self.gaz, self.ev, self.near.position
        if self._written_known is None:
            written = set(filter(position.__contains__, ev.counts))
            for w in filter(gaz.groups.__contains__, ev.counts):
                for g in gaz.groups[w]:
                    written.update(filter(position.__contains__, g.forms))
            self._written_known = written
        targets = set(self._written_known)
        for source in sources:
            for p in ev.before.get(source, ()):
                targets.update(t for t in gaz.after.get(p, ()) if t in position)
            for n in ev.after.get(source, ()):
                targets.update(t for t in gaz.before.get(n, ()) if t in position)
        return sorted(targets)

    def conflict(self, source: str, target: str) -> str | None:
        """A name word next to the source that never stands next to the target: another person.

        "Jan Mertz" is not "Friedrich Merz", "Mark Milley" not "Javier Milei",
        "Joonas Korpisalo" not "Jonas Gahr Støre"; "Chancellor Mertz" (a title)
        proves nothing either way.
        """
        gaz, ev = self.gaz, self.ev
        if place_or_org_only(target, gaz):
            return None  # "Russian Security Council": places and bodies have no first names
        for words, known in (
            (ev.before.get(source, ()), gaz.before.get(target, set()) | ev.before.get(target, set())),
            # after a first name, only the article's own surnames count: the gazetteer's
            # "Guido Crosetto" says nothing about the article's "Guido Pella"
            (ev.after.get(source, ()), ev.after.get(target, set())),
        ):
            if not known:
                continue
            for p in sorted(words):
                if p not in known and _person_word(p, gaz):
                    return p
        return None

    def context(self, source: str, target: str) -> str | None:
        """A name word written next to both words (a first name or title before, a surname after),
        or next to the target in the gazetteer: "Pete" for "Pete Hegesh" / "Pete Hegseth"."""
        gaz, ev = self.gaz, self.ev
        for p in sorted(ev.before.get(source, ())):
            if p in gaz.before.get(target, ()) or p in ev.before.get(target, ()):
                return p
        for n in sorted(ev.after.get(source, ())):
            if n in gaz.after.get(target, ()) or n in ev.after.get(target, ()):
                return n
        return None

    def judge(self, source: str, found: list[tuple[str, int]]) -> Verdict | None:
        if not found:
            return None
        ev, gaz = self.ev, self.gaz
        n_source = max(1, ev.count(source))
        is_head = source in ev.heads or ev.count(source) == 0
        leads = not is_head and source not in ev.before  # always first word of a name
        size = len(plain(source))
        # "Aiden Haig": stands before a word that could be a surname (not "Foreign", "Minister")
        before_surname = any(_person_word(n, gaz) and not is_ordinary(n) for n in ev.after.get(source, ()))
        ranked = []
        short = len(source) < MIN_LENGTH
        for target, d in found:
            if short and (d > 1 or len(target) != MIN_LENGTH or ev.count(target) == 0):
                continue
            known = target in gaz.tokens
            n_target = self.written(target)
            if source.casefold() == target.casefold():
                continue  # "XBox" / "Xbox": spelt on purpose, not garbled
            if derived(source, target) or plural_of(source, target):
                continue  # "Qatari" is the adjective of "Qatar", "Delhiite" the singular: not garbles
            target_first = first_name_only(target, gaz, ev)
            if is_head and target_first:
                continue  # "Dmitryv" (a surname) is not "Dmitry" (a first name)
            if leads and surname_only(target, gaz):
                continue  # "Rute Hansen": a first name, not a garbled "Rutte"
            if not known and (n_target < ARTICLE_MIN_COUNT or n_target <= n_source):
                if n_target == n_source == 1 and d <= 1 and size >= WARN_MIN_LENGTH and ev.english:
                    ranked.append(((True, d, True, False, True, -n_target), target, None, False))
                continue  # an article-only name must outnumber the suspect; one each: a warning
            shared = self.context(source, target)
            if shared is None and self.conflict(source, target):
                continue  # another first name: another person
            if shared is None and place_or_org_only(target, gaz) and (
                person_before(source, ev, gaz) or (leads and before_surname)
            ):
                continue  # "Rachael Hogg" is not "Hong" (Kong), "Aiden Haig" not "Aden"
            first_name = shared is not None and not is_ordinary(shared)
            if n_source >= 2 and not (known and (d == 0 or shared)):
                continue  # two names that each appear several times: never merged
            if target_first and known and shared is None and n_target == 0:
                continue  # a first name the article does not write: only next to its surname ("Vladiir Putin")
            if d and shared is None and fold(source)[:1] != fold(target)[:1]:
                continue  # garbles keep the initial: "Gran" is not "Iran", "Caja" not "Kaja"
            if d == 0:
                # transliteration only ("Lavrow"): the article or a first name must back the target
                # ("Sylva", a town, is not a garbled "Silva" the article never writes)
                confident = n_target > 0 or shared is not None
            elif d == 1:
                # One letter replaced by another, lengths equal, is how two real names differ
                # ("Hasan"/"Hakan", "Naam"/"Nahm"); garbles mostly drop, double or swap.
                if substitution(source, target):
                    confident = shared is not None or (n_target >= ARTICLE_MIN_COUNT and size >= MIN_LENGTH_SUBSTITUTION)
                else:
                    confident = shared is not None or n_target >= (ARTICLE_MIN_COUNT if size <= SHORT_WORD else 1)
                if not confident and size < WARN_MIN_LENGTH:
                    continue  # "Keir" / "Deir": short words one edit apart are usually two names
            else:  # `two_edit_targets` lists the gazetteer words that may pass here
                confident = (
                    first_name and size >= MIN_LENGTH_TWO_EDITS
                    and Indel.normalized_similarity(fold(source), fold(target)) >= MIN_SIMILARITY_TWO_EDITS
                )
                if not confident and not (size >= LONG_WORD and n_target > 0):
                    continue  # too far, too little evidence even for a warning
            if not (known and (d == 0 or first_name)) and not ev.english:  # (asked last: it reads every word)
                continue  # outside English the dictionary guard is blind: gazetteer and strong evidence only
            ranked.append(((not confident, d, shared is None, n_target == 0, not known, -n_target), target, shared, known))
        if not ranked:
            return None
        ranked.sort()
        key, target, shared, known = ranked[0]
        d = key[1]
        form = self.preferred(target)
        # A rival spelt like the winner up to transliteration ("Lavrow" beside "Lavrov")
        # is the same name, itself about to be repaired: no ambiguity.
        rivals = [
            r for r in ranked[1:]
            if r[0][:4] == key[:4] and self.preferred(r[1]) != form and fold(r[1]) != fold(target)
        ]
        reason = self.reason(target, form, shared, known)
        if rivals:
            return Verdict(source, target, d, form, False, f"ambiguous: {reason}; or {self.preferred(rivals[0][1])!r}")
        return Verdict(source, target, d, form, not key[0], reason)

    def hint(self, source: str) -> Verdict | None:
        """A far look-alike of a gazetteer surname after the same first name: a warning only."""
        best = None
        for p in sorted(self.ev.before.get(source, ())):
            if is_ordinary(p) or p in TITLES:
                continue
            for target in sorted(self.gaz.after.get(p, ())):
                if target[:1] != source[:1] or len(target) < MIN_LENGTH:
                    continue
                score = Indel.normalized_similarity(fold(source), fold(target))
                if score >= MIN_SIMILARITY_FIRST_NAME_HINT and (best is None or score > best[0]):
                    best = (score, target, p)
        if best is None:
            return None
        score, target, p = best
        form = self.preferred(target)
        reason = f"gazetteer: {p} {target}; same preceding name {p!r}; similarity {score:.2f}"
        return Verdict(source, target, MAX_DISTANCE + 1, form, False, reason)

    def reason(self, target: str, form: str, shared: str | None, known: bool) -> str:
        parts = []
        n = self.ev.count(form)
        if n:
            parts.append(f"{n} other mention{'s' if n > 1 else ''} write{'' if n > 1 else 's'} {form!r}")
        if known:
            parts.append(f"gazetteer: {self.gaz.describe(target)}")
        if shared:
            parts.append(f"same preceding name {shared!r}")
        return "; ".join(parts) or f"known spelling {form!r}"
