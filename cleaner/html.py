"""HTML input: extract the article text and its metadata from a web page.

`extract(html)` returns ``(text, metadata)``: the article body as plain text,
one paragraph per line with a blank line between paragraphs, and the page's
metadata (title, author, date, sitename, url - the keys that are known).  The
chain then cleans that text like any other article.

The extraction itself is trafilatura's (imported lazily: it costs about half
a second).  Before handing the page over, a small DOM pass removes elements
that are page furniture by their markup alone - figure captions, share and
newsletter widgets, "related" boxes, comment sections - since trafilatura
sometimes keeps their text, and a caption is much easier to recognise as a
``<figcaption>`` than as a line of text afterwards.

Errors - which inputs fail and which give an empty result:

- empty or whitespace-only input: empty text, no metadata (nothing to do);
- a page whose article cannot be found (a bare menu, a form): empty text,
  with whatever metadata was found;
- input that is not usable HTML raises `ValueError` with a message saying why:
  binary data (NUL or many control characters), text without any markup tag,
  more than `MAX_HTML_CHARS` characters, or a tree the parser cannot handle
  (e.g. nesting too deep for the extractor).
"""
from __future__ import annotations

import re
from typing import Any

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

# Elements whose text is never article prose, removed before extraction.
# Matched on tag names, and on class/id tokens (whole hyphen/underscore-
# separated words, so "share" matches "share-bar" but not "shared-story").
_DROP_TAGS = ("figcaption", "aside", "noscript", "template", "dialog")
_DROP_CLASS_WORDS = frozenset(
    {
        "share", "sharing", "sharebar", "social", "newsletter", "subscribe", "subscription",
        "related", "recommended", "comments", "comment", "byline", "caption", "credit",
        "credits", "breadcrumb", "breadcrumbs", "tags", "promo", "advert", "advertisement",
        "ad", "ads", "sponsored", "paywall", "signup", "outbrain", "taboola",
    }
)
_CLASS_SPLIT = re.compile(r"[\s_-]+")


def extract(html: str) -> tuple[str, dict[str, Any]]:
    """The article text of `html` (paragraphs separated by blank lines) and its metadata.

    Raises ValueError for input that is not usable HTML (see the module doc).
    """
    if isinstance(html, (bytes, bytearray)):
        html = bytes(html).decode("utf-8", errors="replace")
    if not isinstance(html, str):
        raise TypeError(f"html must be str, not {type(html).__name__}")
    _check(html)
    if not html.strip():
        return "", {}

    tree = _parse(html)
    _prepare(tree)

    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(tree, include_comments=False, with_metadata=True)
    except RecursionError as exc:
        raise ValueError("HTML is nested too deeply to extract an article from") from exc
    if doc is None:
        return "", {}
    metadata = {key: getattr(doc, key) for key in _META_KEYS if getattr(doc, key, None)}
    paragraphs = [line.strip() for line in (doc.text or "").splitlines() if line.strip()]
    if metadata.get("title"):
        paragraphs = drop_title(paragraphs, metadata["title"])
    return "\n\n".join(paragraphs), metadata


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


def _prepare(tree: Any) -> None:
    """Remove page furniture recognisable by its markup (see the module doc)."""
    doomed = [element for element in tree.iter(_DROP_TAGS)]
    if _DROP_CLASS_WORDS:
        for element in tree.iter():
            if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main"):
                continue
            names = f"{element.get('class', '')} {element.get('id', '')}"
            if names.strip() and _drop_by_name(names) and _short(element):
                doomed.append(element)
    if _LINK_BLOCKS:
        for element in tree.iter(_LINK_BLOCK_TAGS):
            if _all_link(element):
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            _remove_keep_tail(element)


_LINK_BLOCKS = True
_LINK_BLOCK_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
_SHORT_WORDS = 80


def _words(text: str) -> int:
    return len(text.split())


def _short(element: Any) -> bool:
    return _words(element.text_content()) <= _SHORT_WORDS


def _all_link(element: Any) -> bool:
    """A block whose whole text is the text of the links inside it: a link to another page."""
    text = " ".join(element.text_content().split())
    if _words(text) < 2:
        return False
    linked = " ".join(" ".join(a.text_content().split()) for a in element.iter("a") if _external(a.get("href")))
    return len(linked) >= 0.9 * len(text)


def _external(href: str | None) -> bool:
    return bool(href) and not href.startswith(("#", "javascript:"))


def _drop_by_name(names: str) -> bool:
    return any(word in _DROP_CLASS_WORDS for word in _CLASS_SPLIT.split(names.casefold()))


def _remove_keep_tail(element: Any) -> None:
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


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
    headline part of "Headline | Site"; a near copy (80% of the words,
    "HS Roundup: ..." for "High School Roundup: ...") goes when it does not
    read as a sentence.
    """
    from .rules.base import reads_as_prose

    variants = _title_variants(title)
    kept = []
    for index, paragraph in enumerate(paragraphs):
        if index < _TITLE_LINES:
            match = max((_same_title(_tokens(paragraph), v) for v in variants), default=0)
            if match == 2 or (match == 1 and not reads_as_prose(paragraph)):
                continue
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
