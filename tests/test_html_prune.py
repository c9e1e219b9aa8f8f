"""Page furniture pruned from the HTML tree before extraction (`cleaner.html_prune`).

Each test builds a small page, prunes it and looks at what is left; the last
ones run the whole pipeline to show the article itself survives.
"""
from __future__ import annotations

import lxml.html

from cleaner import clean
from cleaner.html_prune import is_teaser_link, page_host, prune_furniture

STORY = "<p>The council approved the new harbour budget on Monday after a long debate.</p>"


def page(body: str, canonical: str = "https://news.example/2024/harbour") -> str:
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"<html><head><title>Harbour</title>{head}</head><body><article>{body}</article></body></html>"


def pruned_text(body: str, canonical: str = "https://news.example/2024/harbour") -> str:
    tree = lxml.html.document_fromstring(page(body, canonical))
    prune_furniture(tree)
    return " ".join(tree.text_content().split())


def first(html: str, tag: str):
    return lxml.html.document_fromstring(page(html)).find(f".//{tag}")


def test_page_host_from_canonical_or_og_url():
    assert page_host(lxml.html.document_fromstring(page(""))) == "news.example"
    og = '<html><head><meta property="og:url" content="https://www.paper.example/a"></head><body></body></html>'
    assert page_host(lxml.html.document_fromstring(og)) == "paper.example"
    assert page_host(lxml.html.document_fromstring(page("", canonical=""))) == ""


def test_same_site_headline_link_paragraph_is_a_teaser():
    html = '<p><strong><a href="https://news.example/2024/ferry">FERRY SERVICE RESUMES AFTER STORM</a></strong></p>'
    assert is_teaser_link(first(html, "p"), "news.example")
    assert is_teaser_link(first('<p><a href="/2024/ferry">Ferry service resumes</a></p>', "p"), "news.example")


def test_links_that_are_not_teasers():
    site = "news.example"
    cases = {
        "another site": '<p><a href="https://shop.example/charger">Satechi 72W USB-C Car Charger</a></p>',
        "a sentence": '<p><a href="/2024/ferry">The ferry service resumed on Monday.</a></p>',
        "text around the link": '<p>Read the <a href="/report">harbour report</a> in full</p>',
        "a URL as text": '<p><a href="https://news.example/a">https://news.example/a</a></p>',
        "two links": '<p><a href="/a">Ferry</a> <a href="/b">Storm</a></p>',
        "an anchor": '<p><a href="#section-2">Where the money goes</a></p>',
        "a table cell": '<table><tr><td><p><a href="/review">Full review</a></p></td></tr></table>',
    }
    for why, html in cases.items():
        assert not is_teaser_link(first(html, "p"), site), why


def test_linked_heading_is_a_teaser_only_as_a_story_card():
    card = '<ul><li><div><h3><a href="/2024/spurs">Who will replace Pochettino</a></h3></div></li></ul>'
    wrapped = '<div><a href="/2024/design"><h3>Milano Design Week 2018</h3></a></div>'
    listicle_item = '<h3><a href="/products/board">Hybrid X5 4WD Mountain Board</a></h3>'
    assert is_teaser_link(first(card, "h3"), "news.example")
    assert is_teaser_link(first(wrapped, "h3"), "news.example")
    assert not is_teaser_link(first(listicle_item, "h3"), "news.example")


def test_without_a_known_host_only_relative_links_are_same_site():
    assert is_teaser_link(first('<p><a href="/2024/ferry">Ferry service resumes</a></p>', "p"), "")
    assert not is_teaser_link(first('<p><a href="https://news.example/f">Ferry service resumes</a></p>', "p"), "")


def test_figcaption_hover_card_and_print_header_are_pruned():
    text = pruned_text(
        '<div class="print-header"><p>This copy is for your personal, non-commercial use only.</p></div>'
        '<figure><img src="a.jpg"><figcaption>The harbour at dawn. Photo: J. Berg</figcaption></figure>'
        '<p>Mayor <span class="rollover-people"><a href="/people/holm">Anna Holm</a>'
        "<span>Holm doubles down on ferry plan</span></span> said the vote was fair.</p>" + STORY
    )
    assert "personal, non-commercial" not in text
    assert "harbour at dawn" not in text
    assert "doubles down" not in text
    assert "Mayor" in text and "said the vote was fair." in text  # the tail of a pruned element stays
    assert "approved the new harbour budget" in text


def test_a_heading_id_made_from_its_text_is_not_a_class_name():
    text = pruned_text('<h2 id="why-is-the-ferry-so-popular">Why is the ferry so popular?</h2>' + STORY)
    assert "Why is the ferry so popular?" in text


def test_large_blocks_are_never_pruned_by_their_class_name():
    long_story = "<p>" + " ".join(["The harbour budget grew again this year."] * 20) + "</p>"
    text = pruned_text(f'<div class="story-with-comments">{long_story}</div>')
    assert "The harbour budget grew again this year." in text


def test_pipeline_drops_teasers_and_keeps_the_article():
    body = (
        "<h1>Harbour budget approved</h1>" + STORY
        + '<p><strong><a href="https://news.example/2024/ferry">FERRY SERVICE RESUMES AFTER STORM</a></strong></p>'
        + "<p>Councillors said the money would repair the breakwater and dredge the channel before winter.</p>"
        + '<p>Read the <a href="https://news.example/report.pdf">full report</a> for the figures.</p>'
        + "<p>Work starts in April and should be finished by the end of the year, the council said.</p>"
    )
    text = clean(page(body), input_format="html").text
    assert "FERRY SERVICE RESUMES" not in text
    for sentence in ("approved the new harbour budget", "dredge the channel before winter",
                     "Read the full report for the figures.", "should be finished by the end of the year"):
        assert sentence in text


def test_teaser_paragraphs_are_reported_not_removed():
    tree = lxml.html.document_fromstring(page(STORY + '<p><a href="/2024/ferry">Ferry service resumes</a></p>'))
    assert prune_furniture(tree) == {"Ferry service resumes"}
    assert "Ferry service resumes" in tree.text_content()  # the extractor still sees the page as it was
