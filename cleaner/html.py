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
    return _paragraphs(doc.text or ""), metadata


def _check(html: str) -> None:
    if len(html) > MAX_HTML_CHARS:
        raise ValueError(f"HTML input too large: {len(html):,} characters (limit {MAX_HTML_CHARS:,})")
    head = html[:_SNIFF]
    if "\x00" in head or len(_CONTROL.findall(head)) > _MAX_CONTROL_SHARE * len(head):
        raise ValueError("input looks like binary data, not HTML")
    if html.strip() and not _TAG.search(html):
        raise ValueError("input is not HTML: it contains no markup tag (use input_format='text' for plain text)")


def _parse(html: str) -> Any:
    from lxml import etree, html as lxml_html

    # An XML declaration with an encoding makes lxml refuse a str.
    if html.lstrip().startswith("<?xml"):
        html = html.split("?>", 1)[-1]
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"HTML could not be parsed: {exc}") from exc
    except RecursionError as exc:
        raise ValueError("HTML is nested too deeply to parse") from exc
    return tree


def _prepare(tree: Any) -> None:
    """Remove page furniture recognisable by its markup (see `_DROP_TAGS`, `_DROP_CLASS_WORDS`)."""
    doomed = []
    for element in tree.iter(_DROP_TAGS):
        doomed.append(element)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if names.strip() and _drop_by_name(names):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            _remove_keep_tail(element)


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


def _paragraphs(text: str) -> str:
    """One block per line (trafilatura's text output) -> blocks separated by blank lines."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
