"""Page furniture removed from the HTML tree before trafilatura reads it.

`prune_furniture(tree)` removes, in place (and reports teaser paragraphs):

- small elements (at most 80 words) whose class or id names a widget: share
  bars, newsletter boxes, related links, captions, credits, ads, hover cards
  ("rollover", "tooltip"), trending boxes, blocks shown only in print
  ("print-header": the publisher's reprint notice).  "cta" (call to action)
  was tried and left out: WCXB articles put their "Key Takeaways" in one;
- `<figcaption>` elements: a caption describes a picture, it is not article text;
- teaser links (`is_teaser_link`): a paragraph or heading that is nothing but
  one link to another page of the same site, worded as a headline - the
  "related story" lines sites put between paragraphs ("DANCING WITH THE STARS:
  ...", "Doobie Brothers perform with Santana at Blossom").  Story-card
  headings are removed; teaser paragraphs stay in the tree and their texts
  are returned, for `cleaner.html.extract` to drop after extraction.

Each step was measured with bench/extraction.py (figures in the doc of
`cleaner.html`).  What this does not touch: linked list items (`<li>`: source lists and
deal lists are all links), links to other sites (a product heading linking to
a shop), links whose text is a URL (a cited source), anything that ends like a
sentence.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# Class/id words naming page furniture (matched as whole words of the class
# or id, split at spaces, hyphens and underscores: "share-bar", "comments").
_FURNITURE_WORDS = frozenset(
    {
        "share", "sharing", "sharebar", "social", "newsletter", "subscribe", "subscription",
        "related", "recommended", "comments", "comment", "byline", "caption", "credit",
        "credits", "breadcrumb", "breadcrumbs", "tags", "promo", "advert", "advertisement",
        "ad", "ads", "sponsored", "paywall", "signup", "outbrain", "taboola",
        "rollover", "tooltip", "popover", "hovercard", "notification", "trending", "popular",
    }
)
# Whole class/id tokens naming blocks shown only on paper ("hide-for-print" is the opposite).
_PRINT_ONLY = frozenset({"print-header", "print-footer", "print-only", "printonly", "visible-print", "show-for-print"})
_CLASS_SPLIT = re.compile(r"[\s_-]+")
_FURNITURE_MAX_WORDS = 80  # a container holding more text than this is not a widget
_FURNITURE_TAGS = frozenset({"figcaption"})
_NEVER_PRUNED = frozenset({"html", "body", "article", "main"})


def prune_furniture(tree: Any) -> set[str]:
    """Remove page furniture from `tree` (an lxml tree) in place; see the module doc.

    Returns the texts of the teaser paragraphs, which stay in the tree: the
    caller drops extracted paragraphs equal to one of them.  (Removing them
    from the tree changes which block trafilatura takes for the article: on a
    forum page, dropping "Return to General Woodworking" lost half the posts.)
    """
    site = page_host(tree)
    doomed, teasers = [], set()
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NEVER_PRUNED:
            continue
        if is_teaser_link(element, site):
            if element.tag == "p":
                teasers.add(" ".join(element.text_content().split()))
            else:
                doomed.append(element)
        elif element.tag in _FURNITURE_TAGS:
            doomed.append(element)
        elif _names_furniture(element) and len(element.text_content().split()) <= _FURNITURE_MAX_WORDS:
            doomed.append(element)
    for element in doomed:
        _remove_keeping_tail(element)
    return teasers


def _names_furniture(element: Any) -> bool:
    # A heading's id is often a slug of its own text ("why-is-shopify-so-popular"): not a name.
    ident = "" if element.tag in _HEADINGS or element.tag == "h1" else element.get("id", "")
    names = f"{element.get('class', '')} {ident}".casefold()
    if not names.strip():
        return False
    return any(w in _FURNITURE_WORDS for w in _CLASS_SPLIT.split(names)) or any(
        token in _PRINT_ONLY for token in names.split()
    )


def _remove_keeping_tail(element: Any) -> None:
    parent = element.getparent()
    if parent is None:  # already gone with an ancestor
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def page_host(tree: Any) -> str:
    """The page's own host name, from its canonical link or og:url ("" when unknown)."""
    for url in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        host = _host(url)
        if host:
            return host
    return ""


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_TEASER_MAX_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?:;,…]['’”\")]?$")
_URL_TEXT = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|html?)\b", re.IGNORECASE)


_CELLS = frozenset({"td", "th"})
_LIST_ITEM = frozenset({"li"})


def _inside(element: Any, tags: frozenset[str], depth: int = 4) -> bool:
    """Whether one of the `depth` nearest ancestors of `element` has one of `tags`."""
    parent = element.getparent()
    while parent is not None and depth:
        if parent.tag in tags:
            return True
        parent, depth = parent.getparent(), depth - 1
    return False


def is_teaser_link(element: Any, site: str) -> bool:
    """A paragraph or heading whose whole text is one link to another page of
    the same site (a relative link, or `site`'s host), worded as a headline:
    at most 20 words, no closing punctuation, not a URL.

    Paragraphs count anywhere but in table cells (a table's cells link to what
    they list); headings only where they are story cards: inside a list item,
    or wrapped in the link (`<a href><h3>...</h3></a>`).  A linked heading on
    its own is a listicle's item ("Ecomobl M24 2WD Electric Skateboard").
    """
    parent = element.getparent()
    wrapped = element.tag in _HEADINGS and parent is not None and parent.tag == "a"
    if element.tag == "p":
        if _inside(element, _CELLS):
            return False
    elif element.tag not in _HEADINGS or not (wrapped or _inside(element, _LIST_ITEM)):
        return False
    links = [parent] if wrapped else element.findall(".//a")
    if len(links) != 1:
        return False
    text = " ".join(element.text_content().split())
    if not text or len(text.split()) > _TEASER_MAX_WORDS or _SENTENCE_END.search(text) or _URL_TEXT.search(text):
        return False
    if " ".join(links[0].text_content().split()) != text:
        return False
    href = (links[0].get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    host = _host(href) if "//" in href else site or "relative"
    return bool(host) and (host == site or host.endswith("." + site) if site else host == "relative")
