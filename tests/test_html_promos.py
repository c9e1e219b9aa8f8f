"""Promotion lines that extraction leaves at the end of a story: the site
advertising its own newsletter, app or membership (`boilerplate.newsletter`,
phrases in cleaner/data/newsletter.txt).  Phrases of three words or more at
the start of a line remove it even when it reads as a full sentence."""
from __future__ import annotations

import pytest

from cleaner import clean

STORY = "The council approved the harbour budget on Monday after a long debate.\n\n"


@pytest.mark.parametrize(
    "promo",
    [
        "Click here to subscribe to The Paradigm Newsletter",
        "Get the latest updates right in your inbox. Subscribe to NJ.com's newsletters.",
        "If you enjoyed this article, we have a proposition for you: Join NRPLUS.",
        "Subscribe to our channel on YouTube for all of the latest videos, reviews, and more!",
    ],
)
def test_promotion_line_is_removed(promo):
    result = clean(STORY + promo)
    assert promo not in result.text
    assert "approved the harbour budget" in result.text
    assert any(c.rule == "boilerplate.newsletter" for c in result.changes)


@pytest.mark.parametrize(
    "sentence",
    [
        "Subscribers to the paper rose by five percent last year, the publisher said.",
        "Many readers subscribe to our rival's paper as well, the survey found.",
        "Sign up for a Hulu ad-free account before adding the bundle.",
        "Subscribe to the MediaWiki release announcements mailing list",
        "Click here to get the pattern!",
    ],
)
def test_ordinary_lines_stay(sentence):
    assert sentence in clean(STORY + sentence).text
