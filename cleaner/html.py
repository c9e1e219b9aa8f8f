"""HTML input: extract the article text and its metadata from a web page.

`extract(html)` returns ``(text, metadata)``: the article body as plain text,
one paragraph per line with a blank line between paragraphs, and the page's
metadata (title, author, date, sitename, url - the keys that are known).  The
chain then cleans that text like any other article.

The extraction itself is trafilatura's (imported lazily: it costs about half
a second), with comments excluded, on a tree parsed by trafilatura's own
loader.  The headline it prints at the top of the body is moved to
`metadata.title` (`drop_title`).  Everything else is left to the chain's
rules, so every removal after extraction is recorded with its reason.

DOM pruning before trafilatura (`cleaner.html_prune.prune_furniture`): small
widgets named by their class or id (share, newsletter, related, caption, ad,
hover cards, print-only headers), <figcaption>, and teaser links - a
paragraph that is only a link to another page of the same site, worded as a
headline (dropped from the extracted text, not from the tree: see
`prune_furniture`).  Measured with bench/extraction.py (Zyte set): class/id widgets
+0.0004 F1; teaser links, figcaptions, hover cards and print blocks took
precision from 0.957 to 0.966 at equal recall (0.977); WCXB articles'
word-F1 0.954 -> 0.955.  Broader pruning was worse: removing every link-only
block (<p>/<li>/<h*> whose text is all links) cut recall from 0.978 to 0.972
(deal lists and source lists are all links), and parsing with `lxml.html`
instead of trafilatura's own loader lost half the article on some pages.

Errors - which inputs fail and which give an empty result:

- empty or whitespace-only input: empty text, no metadata (nothing to do);
- a page without an article (a bare menu, a form): whatever little text
  trafilatura finds there, often none, with whatever metadata was found;
- input that is not usable HTML raises `ValueError` with a message saying why:
  binary data (NUL or many control characters), text without any markup tag,
  more than `MAX_HTML_CHARS` characters, or a tree the parser cannot handle
  (e.g. nesting too deep for the extractor).
"""
from __future__ import annotations

import re
from typing import Any

from .html_prune import prune_furniture

# Largest page accepted, in characters.  The largest page of the two public
# benchmarks we measure on is under 2 MB; 20 MB leaves room for pathological
# but real pages while bounding time and memory (lxml needs ~10x the input).
MAX_HTML_CHARS = 20_000_000
# Control characters (other than tab, newline, carriage return, form feed)
# allowed in the first `_SNIFF` characters before the input counts as binary.
_SNIFF = 8192
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(?:!doctype|[a-z][a-z0-9-]*)[\s/>]", re.IGNORECASE)
_META_KEYS = ("title", "author", "date", "sitename", "url")
# trafilatura settings.  Comments are not the article: on the Zyte benchmark
# excluding them raises trafilatura's F1 from 0.953 to 0.960 at equal recall.
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False}


def extract(html: str, *, precision_trim: bool = False) -> tuple[str, dict[str, Any]]:
    """The article text of `html` (paragraphs separated by blank lines) and its metadata.

    Raises ValueError for input that is not usable HTML (see the module doc).
    `precision_trim` (off by default; see `trim_to_precise`) trades a little
    recall for precision and costs a second extraction.
    """
    if isinstance(html, (bytes, bytearray)):
        html = bytes(html).decode("utf-8", errors="replace")
    if not isinstance(html, str):
        raise TypeError(f"html must be str, not {type(html).__name__}")
    _check(html)
    if not html.strip():
        return "", {}

    teasers: set[str] = set()
    doc = _extract(html, TRAFILATURA_OPTIONS, teasers)
    if doc is None:
        return "", {}
    metadata = {key: getattr(doc, key) for key in _META_KEYS if getattr(doc, key, None)}
    paragraphs = [p for p in _lines(doc.text) if " ".join(p.split()) not in teasers]
    if precision_trim:
        precise = _extract(html, {**TRAFILATURA_OPTIONS, "favor_precision": True})
        paragraphs = trim_to_precise(paragraphs, _lines(precise.text) if precise is not None else [])
    paragraphs = drop_repeated_runs(paragraphs)
    if metadata.get("title"):
        paragraphs = drop_title(paragraphs, metadata["title"])
    return "\n\n".join(paragraphs), metadata


def _extract(html: str, options: dict[str, Any], teasers: set[str] | None = None) -> Any:
    from trafilatura import bare_extraction

    tree = _parse(html)  # trafilatura prunes the tree it is given: parse afresh per call
    if _PRUNE:
        found = prune_furniture(tree)
        if teasers is not None:
            teasers.update(found)
    try:
        return bare_extraction(tree, with_metadata=True, **options)
    except RecursionError as exc:
        raise ValueError("HTML is nested too deeply to extract an article from") from exc


_PRUNE = True


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


_TRIM_MIN_SHARE = 0.5  # the precise extraction must hold at least this share of the words
_TRIM_MAX_CUT = 0.3  # and the trim may remove at most this share


def trim_to_precise(paragraphs: list[str], precise: list[str]) -> list[str]:
    """Cut the paragraphs before the first and after the last one that
    trafilatura's precision mode (``favor_precision=True``) also keeps.

    A second opinion on where the article starts and ends: what lies outside
    is usually a standfirst, a newsletter box or a related-stories block.  Only
    applied when the two extractions agree on most of the text (half of the
    words in common) and the cut is small (at most 30% of the words).
    Measured (bench/extraction.py): Zyte benchmark F1 +0.004 (precision
    +0.010, recall -0.0015); WCXB articles unchanged (recall -0.0017) - so
    it is off by default: it does remove some real sentences.
    """
    keep = set(precise)
    inside = [i for i, p in enumerate(paragraphs) if p in keep]
    if not inside:
        return paragraphs
    total = sum(len(p.split()) for p in paragraphs)
    shared = sum(len(paragraphs[i].split()) for i in inside)
    first, last = inside[0], inside[-1]
    cut = total - sum(len(p.split()) for p in paragraphs[first : last + 1])
    if shared < _TRIM_MIN_SHARE * total or cut > _TRIM_MAX_CUT * total:
        return paragraphs
    return paragraphs[first : last + 1]


def _check(html: str) -> None:
    if len(html) > MAX_HTML_CHARS:
        raise ValueError(f"HTML input too large: {len(html):,} characters (limit {MAX_HTML_CHARS:,})")
    head = html[:_SNIFF]
    if "\x00" in head or len(_CONTROL.findall(head)) > _MAX_CONTROL_SHARE * len(head):
        raise ValueError("input looks like binary data, not HTML")
    if html.strip() and not _TAG.search(html):
        raise ValueError("input is not HTML: it contains no markup tag (use input_format='text' for plain text)")


def _parse(html: str) -> Any:
    """The page as an lxml tree, parsed the way trafilatura parses it itself.

    (trafilatura's own loader repairs what `lxml.html.document_fromstring`
    does not - on some pages a tree from the latter loses half the article.)
    """
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except RecursionError as exc:
        raise ValueError("HTML is nested too deeply to parse") from exc
    if tree is None:
        raise ValueError("HTML could not be parsed")
    return tree


_RUN = 3  # paragraphs: a repeated run at least this long is a second copy of the page's text


def drop_repeated_runs(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without later copies of a run of 3+ consecutive paragraphs.

    Some pages carry their article two or three times (an AMP copy, a
    "print" block, a hidden mobile layout) and trafilatura then prints it
    more than once.  A run of three sentences-paragraphs (`reads_as_prose`)
    that already occurred in the same order is such a copy (structured lines
    such as a meal plan's "Eat every 2-3 hours" repeat legitimately); single repeated lines are left to the
    chain's duplicates rule.  Linear in the number of paragraphs.
    """
    if not _RUN:
        return paragraphs
    from .rules.base import reads_as_prose

    prose = [reads_as_prose(p) for p in paragraphs]
    first_seen: dict[tuple[str, ...], int] = {}
    drop = [False] * len(paragraphs)
    for i in range(len(paragraphs) - _RUN + 1):
        if not all(prose[i : i + _RUN]):
            continue
        key = tuple(paragraphs[i : i + _RUN])
        start = first_seen.setdefault(key, i)
        if start + _RUN <= i:  # an earlier, non-overlapping copy
            for j in range(i, i + _RUN):
                drop[j] = True
    return [p for p, gone in zip(paragraphs, drop) if not gone]


_TOKEN = re.compile(r"\w+")
# "Headline | Site", "Headline - Site", "Site :: Headline": how <title> is built.
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s*\|\s*")
_TITLE_LINES = 4  # the headline is looked for among the first this many paragraphs
_TITLE_OVERLAP = 0.8  # share of distinct words a near-copy of the title shares with it


def drop_title(paragraphs: list[str], title: str) -> list[str]:
    """`paragraphs` without the headline that extractors print at the top.

    The body's headline is the page title (it goes to `metadata.title`).
    trafilatura prints it as the first paragraph of 73 of the 181 pages of
    the Zyte benchmark, where no gold body includes it.  A paragraph among
    the first four goes when its words equal the title's, or those of the
    headline part of "Headline | Site"; a near copy (80% of the distinct
    words: "... to stay undefeated" for "... to remain undefeated") goes when it does not
    read as a sentence.  Further down, only exact copies that do not read as
    a sentence go (a sticky header or teaser printing the headline again).
    """
    from .rules.base import reads_as_prose

    variants = _title_variants(title)
    kept = []
    for index, paragraph in enumerate(paragraphs):
        match = max((_same_title(_tokens(paragraph), v) for v in variants), default=0)
        if index < _TITLE_LINES and (match == 2 or (match == 1 and not reads_as_prose(paragraph))):
            continue
        if match == 2 and not reads_as_prose(paragraph):
            continue  # further down: exact copies only (teasers, sticky headers)
        kept.append(paragraph)
    return kept


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text)]


def _title_variants(title: str) -> list[list[str]]:
    variants = [_tokens(title)]
    pieces = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(pieces) > 1:
        variants.extend(_tokens(p) for p in pieces if len(_tokens(p)) >= 3)
    return [v for v in variants if v]


def _same_title(line: list[str], title: list[str]) -> int:
    """2 when the token lists are equal, 1 when nearly so, else 0."""
    if line == title:
        return 2
    if len(line) < 3 or len(title) < 3:
        return 0
    common = len(set(line) & set(title))
    return 1 if common >= _TITLE_OVERLAP * max(len(set(line)), len(set(title))) else 0
