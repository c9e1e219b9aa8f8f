"""HTML input: `cleaner.html.extract`, `clean(..., input_format="html")` and `cleaner clean --html`.

The pages under fixtures/html/ are our own, small and synthetic; each
`NAME.expected.txt` is the text the pipeline must produce from `NAME.html`.
"""
from __future__ import annotations

import time

import pytest

from cleaner import clean
from cleaner.cli import main as cli_main
from cleaner.html import MAX_HTML_CHARS, drop_repeated_runs, drop_title, extract, trim_to_precise

from .helpers import FIXTURES

PAGES = FIXTURES / "html"
CASES = sorted(p.name[: -len(".expected.txt")] for p in PAGES.glob("*.expected.txt"))


def read(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


# -- our own pages, with expected text ----------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_page_gives_expected_text(name):
    result = clean(read(f"{name}.html"), input_format="html")
    assert result.text.strip() == read(f"{name}.expected.txt").strip()


def test_paragraphs_are_separated_by_blank_lines():
    text, _ = extract(read("news_story.html"))
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 5
    assert all(p.strip() and "\n" not in p for p in paragraphs)


def test_metadata_from_the_page():
    result = clean(read("news_story.html"), input_format="html")
    assert result.metadata["title"] == "Harbour ferry service resumes after storm repairs"
    assert result.metadata["author"] == "Maria Lindqvist"
    assert result.metadata["date"] == "2024-03-14"
    assert result.metadata["sitename"] == "Coastal Daily"
    assert result.metadata["url"] == "https://coastal.example/news/harbour-ferry-resumes"


def test_page_furniture_is_gone_and_article_kept():
    text = clean(read("news_story.html"), input_format="html").text
    for furniture in ("Share on", "newsletter", "3 Comments", "Great news at last", "All rights reserved",
                      "Photo: Jonas Berg", "Storm damage closes", "Sport"):
        assert furniture not in text
    # The headline is metadata, not the first paragraph.
    assert not text.startswith("Harbour ferry service resumes")
    assert '"We are relieved to have the link back," said Anna Holm' in text


def test_removals_after_extraction_are_recorded():
    result = clean(read("blog_post.html"), input_format="html")
    credit = [c for c in result.changes if c.rule == "boilerplate.article_credits"]
    assert credit and credit[0].before.startswith("Reporting by Tom Hale")
    assert "Reporting by" not in result.text
    # Headings and list items survive as their own paragraphs.
    assert "\n\nWhere the counters go\n\n" in result.text
    assert "- Wetlands along the river" in result.text


def test_non_english_page():
    text = clean(read("german_article.html"), input_format="html").text
    assert text.startswith("Die Stadt hat am Samstag")
    assert "Impressum" not in text and "Startseite" not in text


def test_page_without_article_does_not_fail():
    text, metadata = extract(read("no_article.html"))
    assert len(text.split()) <= 5
    assert metadata.get("title") == "Site map"


def test_cli_reads_html_files_automatically(tmp_path, capsys):
    page = tmp_path / "story.html"
    page.write_text(read("news_story.html"), encoding="utf-8")
    assert cli_main(["clean", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == read("news_story.expected.txt").strip()


def test_cli_html_flag(tmp_path, capsys):
    page = tmp_path / "story.txt"
    page.write_text(read("german_article.html"), encoding="utf-8")
    assert cli_main(["clean", "--html", str(page)]) == 0
    assert capsys.readouterr().out.startswith("Die Stadt hat am Samstag")


# -- the headline ------------------------------------------------------------

def test_drop_title_exact_and_site_suffix():
    paragraphs = ["Ferry resumes after repairs", "The ferry resumed on Thursday after repairs to the pontoon."]
    assert drop_title(paragraphs, "Ferry resumes after repairs | Coastal Daily") == paragraphs[1:]


def test_drop_title_keeps_a_lede_that_resembles_it():
    lede = "Ferry resumes after repairs, the port authority said on Thursday."
    assert drop_title([lede], "Ferry resumes after repairs") == [lede]


def test_drop_title_only_near_the_top_for_near_copies():
    body = [f"Paragraph {i} of the article is here and it is a sentence." for i in range(6)]
    near = "Roundup: Viera defeats Rockledge to stay undefeated in district play"
    title = "Roundup: Viera defeats Rockledge to remain undefeated in district play"
    assert drop_title([near, *body], title) == body
    assert drop_title([*body, near], title) == [*body, near]


# -- a page carrying its article twice -----------------------------------------

def test_repeated_run_of_paragraphs_is_dropped():
    article = [f"Sentence number {i} of the article says something new here." for i in range(4)]
    assert drop_repeated_runs([*article, "Related links", *article]) == [*article, "Related links"]


def test_repeated_structured_lines_stay():
    meal = ["Meal 2", "Eat every 2-3 hours", "Portion Fix Containers: 1 Green"]
    assert drop_repeated_runs([*meal, *meal]) == [*meal, *meal]


def test_a_single_repeated_paragraph_is_left_to_the_chain():
    line = "The council met again on Tuesday to discuss the budget."
    assert drop_repeated_runs([line, "Other text here.", line]) == [line, "Other text here.", line]


# -- opt-in precision trim ----------------------------------------------------

def test_trim_to_precise_cuts_edges_only():
    body = [f"Body sentence {i} is long enough to carry some weight in the count." for i in range(8)]
    page = ["A standfirst the precise extraction leaves out.", *body, "Sign up for our newsletter today."]
    assert trim_to_precise(page, body) == body
    # A paragraph in the middle that the precise extraction dropped stays.
    assert trim_to_precise(page, [*body[:3], *body[4:]]) == body


def test_trim_to_precise_refuses_a_disagreeing_extraction():
    body = [f"Body sentence {i} is long enough to carry some weight in the count." for i in range(8)]
    assert trim_to_precise(body, body[:2]) == body  # would cut 75% of the words
    assert trim_to_precise(body, []) == body


def test_precision_trim_on_a_page():
    text, _ = extract(read("news_story.html"), precision_trim=True)
    assert "Timetables return to the normal winter schedule" in text


# -- bad input: a clear error or an empty result, never a crash ----------------

@pytest.mark.parametrize("html", ["", "   \n\t  "])
def test_empty_input_gives_empty_result(html):
    assert extract(html) == ("", {})
    assert clean(html, input_format="html").text == ""


def test_binary_input_is_a_clear_error():
    blob = bytes(range(256)).decode("latin-1") * 8
    with pytest.raises(ValueError, match="binary"):
        extract(blob)


def test_plain_text_is_not_html():
    with pytest.raises(ValueError, match="not HTML"):
        clean("Talks resumed on Monday. Both sides agreed.", input_format="html")


def test_bytes_are_decoded():
    text, _ = extract(read("german_article.html").encode("utf-8"))
    assert text.startswith("Die Stadt")


def test_not_a_string_is_a_type_error():
    with pytest.raises(TypeError):
        extract(42)  # type: ignore[arg-type]


def test_too_large_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("cleaner.html.MAX_HTML_CHARS", 1000)
    with pytest.raises(ValueError, match="too large"):
        extract("<p>" + "word " * 1000 + "</p>")
    assert MAX_HTML_CHARS >= 10_000_000


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_html_does_not_crash(depth):
    html = "<html><body>" + "<div>" * depth + "<p>Deep text that is a sentence of its own.</p>" + "</div>" * depth + "</body></html>"
    try:
        text, _ = extract(html)
    except ValueError as exc:
        assert "nested" in str(exc) or "parse" in str(exc)
    else:
        assert isinstance(text, str)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Unclosed <b>tags <i>everywhere",
        "<<<>>><p></p></div></span>",
        "<html><body></body></html>",
        "<!DOCTYPE html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>An XHTML page with a declaration.</p></body></html>",
        "<svg><text>not a page</text></svg>",
    ],
)
def test_broken_html_gives_text_or_clear_error(html):
    try:
        result = clean(html, input_format="html")
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(result.text, str)


def test_large_page_is_handled_in_reasonable_time():
    paragraphs = "".join(
        f"<p>The council met for session {i} on Tuesday to discuss budget line {i * 7} and the ferry timetable, "
        f"and agreed on item {i + 3} after a long debate about the harbour.</p>\n"
        for i in range(3000)
    )
    html = f"<html><head><title>Long page</title></head><body><article>{paragraphs}</article></body></html>"
    assert len(html) > 500_000
    started = time.perf_counter()
    text, _ = extract(html)
    assert time.perf_counter() - started < 60
    assert text.count("The council met for session") >= 1000
