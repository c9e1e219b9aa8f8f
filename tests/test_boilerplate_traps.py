"""Boilerplate goes; anything that reads as article content stays (the content guard)."""
from __future__ import annotations

import pytest

import cleaner

BODY = "The talks in Riyadh lasted four and a half hours, officials said on Tuesday."
END = "Both delegations agreed to meet again next month in Istanbul."


def cleaned(middle: str, **kw) -> str:
    return cleaner.clean(f"{BODY}\n\n{middle}\n\n{END}\n", **kw).text


def assert_removed(middle: str) -> None:
    assert cleaned(middle) == f"{BODY}\n\n{END}\n", middle


def assert_kept(middle: str) -> None:
    assert cleaned(middle) == f"{BODY}\n\n{middle}\n\n{END}\n", middle


@pytest.mark.parametrize(
    "line",
    [
        # read-more markers, many languages
        "Haberin Devamı", "Devamını oku", "Read more:", "Read more: Putin says he is ready to meet Trump",
        "Also read: Kremlin rules out ceasefire", "RELATED: Zelensky visits Ankara", "Lesen Sie auch",
        "Lesen Sie auch: Scholz warnt vor Alleingang", "Weiterlesen »", "Leer más", "Sigue leyendo",
        "Leia mais", "Lire aussi", "Lire aussi : Macron convoque un sommet", "Leggi anche", "Czytaj także",
        "Читайте также: Песков прокомментировал переговоры", "Baca juga: Prabowo bertemu Putin", "Läs också",
        "اقرأ أيضا", "Đọc thêm", "Continue reading", "» Read More",
        # comment sections
        "Leave a Reply", "0 Comments", "12 Comments",
        "Your email address will not be published. Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        # share / follow / newsletter / cookie / ads / copyright
        "Share this article", "Facebook Twitter WhatsApp Email", "Follow us on Telegram",
        "Sign up for our daily newsletter", "Subscribe to our newsletter",
        "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
        "ADVERTISEMENT", "Story continues below advertisement",
        "Copyright © 2025 Prime News. All rights reserved.", "© 2024 Daily Sabah",
        # credits and standalone captions
        "Chris McGrath | Getty Images News | Getty images", "Photo: Sergei Ilnitsky/EPA", "© Reuters",
        "(Photo by Mikhail Metzel/AFP via Getty Images)", "AFP via Getty Images",
        "(FILES) This aerial handout photograph shows damaged buildings in Chasiv Yar",
        "From left to right: US envoy Steve Witkoff, Marco Rubio and Mike Waltz",
        # source blocks
        "Source link\n, , #USA #Russia #talks, 1739919178, the-usa-and-russia-agree-to-talks",
        "Tags: Ukraine, Russia, NATO",
        "#Ukraine #Russia #PeaceTalks",
    ],
)
def test_boilerplate_line_removed(line):
    assert_removed(line)


@pytest.mark.parametrize(
    "line",
    [
        "Trump brands Zelensky a 'dictator'",  # a real sub-heading
        "Russia ready to resume Ukraine talks: Putin",
        "Erdoğan speaks with Rutte",
        "He stressed the importance of continued U.S. support.",  # one-line paragraph
        "“Read more books, and you will understand the war,” the minister told students.",
        "A source close to the talks said the Kremlin had not yet replied.",
        "The source of the leak was never identified, the ministry said.",
        "Share prices in Moscow rose 3% after the call.",
        "Comments by the minister drew criticism from opposition lawmakers on Monday.",
        "Related talks are expected to take place in Geneva next week.",
        "We use this approach in every negotiation, Rubio said.",
        "Cookie policy changes were announced by the European Commission on Monday.",
        "Photos of the meeting were released by the Kremlin later on Tuesday.",
        "Tag-based sanctions lists were discussed by the ministers.",
        "Keith Kellogg | special envoy",  # a name | title line without photo context stays
        "Read More Than Headlines: a new literacy campaign",
        "Source",  # a lone heading word is not proof without the block after it
    ],
)
def test_content_kept(line):
    assert_kept(line)


def test_quote_that_says_read_more_is_kept():
    text = f'{BODY}\n\n"Read more," she urged the students.\n'
    assert cleaner.clean(text).text == text


def test_caption_above_credit_goes_with_it():
    text = (
        f"{BODY}\n"
        "President Donald Trump and Vladimir Putin attend a joint press conference in Helsinki, on July 16, 2018.\n"
        "Brendan Smialowski | AFP | Getty images\n"
        f"{END}\n"
    )
    assert cleaner.clean(text).text == f"{BODY}\n{END}\n"


def test_paragraph_above_agencyless_byline_is_kept():
    # Without a photo cue above it, "Name | Outlet" is not proof enough.
    text = f"{BODY}\nThe ministers will meet again in March.\nKeith Kellogg | State Department\n{END}\n"
    assert cleaner.clean(text).text == text


def test_repeated_headline_kept_once_as_title():
    head = "Diplomatic efforts to end war in Ukraine gain momentum"
    text = f"{head}\n\n{head}\n\nKIEV\n{head}\n\n{BODY}\n\n{END}\n"
    result = cleaner.clean(text)
    assert result.text == f"{head}\n\n{BODY}\n\n{END}\n"
    assert result.metadata["title"] == head
    assert result.metadata["dateline"] == "KIEV"


def test_site_taglines_removed_from_top():
    a, b = "Useful information", "Prime News delivers timely news on global events and politics"
    text = f"{a}\n{b}\n{a}\n{a}\n{b}\n{BODY}\n{END}\n"
    assert cleaner.clean(text).text == f"{BODY}\n{END}\n"


def test_paragraph_printed_twice_is_kept_once():
    para = "Russia and Ukraine met in Istanbul on Friday for their first direct peace talks in more than three years."
    text = f"{para}\n\n{BODY}\n\n{para}\n\n{END}\n"
    assert cleaner.clean(text).text == f"{para}\n\n{BODY}\n\n{END}\n"


def test_question_repeated_for_each_guest_is_kept():
    q = "What inspired you to open a restaurant in the middle of a war, and would you do it again today?"
    text = "\n\n".join([q, "Anna: The people.", q, "Ivan: My mother.", q, "Oleh: Hope."]) + "\n"
    assert cleaner.clean(text).text == text


def test_user_phrases_option():
    text = f"{BODY}\nHaber Merkezi\n{END}\n"
    assert cleaner.clean(text).text == text
    assert cleaner.clean(text, options={"phrases": ["Haber Merkezi"]}).text == f"{BODY}\n{END}\n"


def test_conservative_profile_keeps_soft_rules_off():
    text = f"{BODY}\nShare this article\nHaberin Devamı\n{END}\n"
    assert cleaner.clean(text, profile="conservative").text == f"{BODY}\nShare this article\n{END}\n"
    assert cleaner.clean(text).text == f"{BODY}\n{END}\n"
