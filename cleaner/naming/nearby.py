"""Known words within two edits of a word, found without comparing it to every one.

Distances are optimal string alignment (OSA: a swap of two neighbouring
letters counts one edit) between keys of `cleaner.naming.lexicon`: the
transliteration-blind `spelled` key and the `plain` one; the smaller counts.

`Neighbours` serves a fixed word list (the gazetteer's ~2,500 words) from a
symmetric-delete index: every key is stored under each string that deleting
up to two of its letters leaves ("lavrov" under "avrov", "lvrov", ...,
"vrov", ...).  Two strings within two OSA edits leave a common string after
at most two deletions on each side (a substitution deletes the letter on
both sides, a swap one of the two letters), so the keys stored under the
query's own deletions include every key within reach, and the OSA distance of
each decides.  A query costs a few dozen dictionary look-ups instead of
5,000 distances, and its answer is kept for the next article.

`pairwise` serves the article's own few names with one batch call.

>>> near = Neighbours(["Lavrov", "Putin", "Kyiv"])
>>> near.of("Lavrow"), near.of("putn"), near.of("Kiiv"), near.of("Biden")
(((0, 0),), ((1, 1),), ((2, 0),), ())
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .lexicon import plain, spelled

MAX_EDITS = 2
_CACHE_LIMIT = 65536  # answers kept per word list; the cache restarts empty beyond


def deletions(key: str, depth: int = MAX_EDITS) -> list[str]:
    """`key` and every string left after deleting up to `depth` (1 or 2) of its letters
    (some twice: "lavrov" less its first or its second letter... both leave "vrov")."""
    if depth == 1:
        return [key, *[key[:i] + key[i + 1 :] for i in range(len(key))]]
    found = [key]
    for i in range(len(key)):
        shorter = key[:i] + key[i + 1 :]
        found.append(shorter)
        found += [shorter[:j] + shorter[j + 1 :] for j in range(i, len(shorter))]
    return found


class Neighbours:
    """Positions in `words` of the words within MAX_EDITS of a source word, with the distance."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = tuple(words)
        self.position = {w: i for i, w in enumerate(self.words)}
        # distinct key -> positions of the words with that spelled (plain) key
        by_spelled: dict[str, list[int]] = {}
        by_plain: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            by_spelled.setdefault(spelled(w), []).append(i)
            by_plain.setdefault(plain(w), []).append(i)
        self._keys = list(dict.fromkeys([*by_spelled, *by_plain]))
        self._longest = max(map(len, self._keys), default=0)
        self._spelled = [tuple(by_spelled.get(k, ())) for k in self._keys]
        self._plain = [tuple(by_plain.get(k, ())) for k in self._keys]
        # deleted string -> the numbers of the keys it comes from (one tuple per key shared)
        index: dict[str, tuple[int, ...]] = {}
        for n, key in enumerate(self._keys):
            alone = (n,)
            for d in set(deletions(key)):
                held = index.get(d)
                index[d] = alone if held is None else (*held, n)
        self._index = index
        self._cache: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}

    def _near(self, query: str, depth: int) -> dict[int, int]:
        """Key number -> OSA distance, for the keys within MAX_EDITS of `query` (see `of`)."""
        keys, found = self._keys, {}
        if len(query) > self._longest + MAX_EDITS:
            return found  # within reach of no key; and a long word has very many deletions
        held = list(filter(None, map(self._index.get, deletions(query, depth))))
        if not held:
            return found  # most unknown words: no key leaves a common string
        for n in set(chain.from_iterable(held)):
            dist = OSA.distance(query, keys[n], score_cutoff=MAX_EDITS)
            if dist <= MAX_EDITS:
                found[n] = dist
        return found

    def of(self, source: str, depth: int = MAX_EDITS) -> tuple[tuple[int, int], ...]:
        """(position, distance) of the words within reach of `source`, by position.

        `depth` 1 finds every word within one edit and some within two (those
        that one deletion from `source` and two from the word make equal), for a
        quarter of the look-ups.
        """
        hit = self._cache.get((source, depth))
        if hit is not None:
            return hit
        best: dict[int, int] = {}
        query, other = spelled(source), plain(source)
        near = self._near(query, depth)
        far = near if other == query else self._near(other, depth)
        for positions, found in ((self._spelled, near), (self._plain, far)):
            for n, dist in found.items():
                for i in positions[n]:
                    if dist < best.get(i, MAX_EDITS + 1):
                        best[i] = dist
        hit = tuple(sorted(best.items())) if best else ()
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[source, depth] = hit
        return hit


def pairwise(sources: Sequence[str], words: Sequence[str]) -> list[list[tuple[int, int]]]:
    """For each source: (position in `words`, distance) within MAX_EDITS, by position; two batch calls."""
    found: list[dict[int, int]] = [{} for _ in sources]
    if sources and words:
        for key in (spelled, plain):
            matrix = process.cdist(
                [key(s) for s in sources], [key(w) for w in words],
                scorer=OSA.distance, score_cutoff=MAX_EDITS, dtype="int32", workers=1,
            )
            rows, cols = (matrix <= MAX_EDITS).nonzero()
            for r, c in zip(rows.tolist(), cols.tolist()):
                d = int(matrix[r, c])
                if d < found[r].get(c, MAX_EDITS + 1):
                    found[r][c] = d
    return [sorted(f.items()) for f in found]
