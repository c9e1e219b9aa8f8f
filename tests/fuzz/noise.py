"""Articles built from fuzzer bytes and the project's real noise.

Raw random bytes rarely look like a news article, so few rules would fire on
them.  `article(fdp)` spends the fuzzer's bytes on choices instead: which
pieces to join and how.  A piece is a line from the shipped phrase lists
(read-more, share, cookie, credit...), a name or variant from the gazetteer,
a glossary entry, a prose sentence, mojibake made by mis-decoding real text,
quote marks, URLs and handles, odd Unicode (zero-width, bidi marks, combining
marks, other scripts, emoji sequences, NUL and form feeds), or unicode text
straight from the fuzzer; a piece may be repeated up to 3,000 times (long
lines, repeated words, walls of punctuation or spaces), within the bounds below.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "cleaner" / "data"

_PHRASE_FILES = (
    "read_more.txt", "share.txt", "social_buttons.txt", "cookie.txt", "newsletter.txt", "comments.txt",
    "advertisement.txt", "tags.txt", "source_markers.txt", "credit_prefixes.txt", "credit_words.txt",
    "photo_agencies.txt", "caption_cues.txt", "caption_starts.txt", "abbreviations.txt",
)

PROSE = (
    "Russia and the US agreed to put the foundations for future cooperation, officials said on Tuesday.",
    "After four and a half hours of negotiations in Riyadh, the delegations left without a statement.",
    "“This must be the end of the war, not a temporary pause,” said the national security adviser.",
    "Der Kanzler sagte am Dienstag, die Gespräche würden in der kommenden Woche fortgesetzt.",
    "Переговоры продолжатся на следующей неделе, сообщили в Кремле.",
    "Le président a déclaré qu’il reprendrait les négociations mardi.",
    "交渉は来週も続けられる予定だと当局者は述べた。",
    "The the talks lasted lasted four hours.",
    "He said :“we will meet again” , and left.",
)

ODD = (
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u00a0", "\u2028", "\u2029", "\u202e", "\u200f",
    "\u0301", "e\u0301", "\u0000", "\x0c", "\x1b[31m", "\r", "\r\n", "\t", "\ufffd", "\U0001f1fa\U0001f1f8",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\uff21\uff22", "ǅ", "ß", "İ", "ﬁ", "\U00010348",
    "&amp;", "&nbsp;", "&#8220;", "<br>", "<p>", "</div>", "]]>", "\\n", "%20",
)

QUOTES = ("“", "”", "„", "‟", "«", "»", "‹", "›", "‘", "’", "‚", "'", '"', "`", "´", "''", '""', "「", "」")

LINKS = (
    "https://www.example.com/news/2025/02/18/talks-riyadh?utm_source=twitter#comments",
    "www.reuters.com", "@Reuters", "#Ukraine", "#USA #Russia", "pic.twitter.com/Ab3dE", "mailto:desk@example.com",
    "1739919178", "14:00CET", "18.02.2025", "(AP)", "© Reuters", "Chris McGrath | Getty Images",
)

SEPARATORS = ("\n", "\n\n", " ", "", "\n\n\n", "\r\n", ": ", " | ", " - ", "\t", ". ", "\u00a0")

# Size bounds, so that one input costs milliseconds (libFuzzer's speed is its
# strength); bench/throughput.py times megabyte-sized hostile inputs.
MAX_REPEAT = 30_000  # characters of one repeated piece
MAX_CHARS = 60_000  # no piece is added past this

PROFILES = ("default", "conservative", "aggressive")
CATEGORIES = ("encoding", "layout", "boilerplate", "duplicates", "names", "artifacts")


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=1)
def pools() -> tuple[tuple[str, ...], ...]:
    """(phrases, names, glossary, mojibake, prose, odd, quotes, links): each a tuple of pieces."""
    phrases = [line for name in _PHRASE_FILES for line in _lines(name)]
    names: list[str] = []
    for line in _lines("gazetteer.tsv")[1:]:
        columns = line.split("\t")
        names.append(columns[0])
        if len(columns) > 2:
            names.extend(v.strip() for v in columns[2].split(";") if v.strip())
    glossary = [c for line in _lines("glossary.tsv")[1:] for c in line.split("\t")[:2]]
    mojibake = []
    for text in PROSE + tuple(QUOTES) + tuple(names[:200:7]):
        for wrong in ("cp1252", "latin-1", "mac_roman"):
            mojibake.append(text.encode("utf-8").decode(wrong, errors="replace"))
    return tuple(
        tuple(p) for p in (phrases, names, glossary, mojibake, PROSE, ODD, QUOTES, LINKS)
    )


def article(fdp: Any) -> str:
    """An article text spent from an atheris FuzzedDataProvider (any object with its Consume* methods)."""
    pool = pools()
    parts: list[str] = []
    size = 0
    for _ in range(fdp.ConsumeIntInRange(0, 60)):
        if size > MAX_CHARS:
            break
        kind = fdp.ConsumeIntInRange(0, len(pool) + 1)
        if kind < len(pool):
            piece = pool[kind][fdp.ConsumeIntInRange(0, len(pool[kind]) - 1)]
            if fdp.ConsumeIntInRange(0, 7) == 0:
                piece = piece.upper() if fdp.ConsumeBool() else piece.lower()
        elif kind == len(pool):
            piece = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 80))
        else:  # a repeated piece: long lines, repeated words, walls of one character
            unit = pool[fdp.ConsumeIntInRange(0, len(pool) - 1)]
            word = unit[fdp.ConsumeIntInRange(0, len(unit) - 1)] or " "
            piece = word * min(fdp.ConsumeIntInRange(2, 3000), max(2, MAX_REPEAT // len(word)))
        parts.append(piece)
        parts.append(SEPARATORS[fdp.ConsumeIntInRange(0, len(SEPARATORS) - 1)])
        size += len(piece) + 2
    return "".join(parts)


def options(fdp: Any) -> dict[str, Any]:
    """Options spent from the fuzzer's bytes: profile, categories on or off, the optional behaviours."""
    opts: dict[str, Any] = {"profile": PROFILES[fdp.ConsumeIntInRange(0, len(PROFILES) - 1)]}
    if fdp.ConsumeBool():
        flags = fdp.ConsumeIntInRange(0, 3 ** len(CATEGORIES) - 1)
        enable, disable = [], []
        for category in CATEGORIES:
            flags, choice = divmod(flags, 3)
            (enable if choice == 1 else disable if choice == 2 else []).append(category)
        opts.update(enable=enable, disable=disable)
    if fdp.ConsumeBool():
        opts.update(
            glossary=fdp.ConsumeBool(),
            name_style="canonical" if fdp.ConsumeBool() else "consistent",
            foreign_lines="remove" if fdp.ConsumeBool() else "warn",
        )
    return opts
