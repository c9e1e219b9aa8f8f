"""Protected spans: what artifact rules must never edit inside, and that they don't."""
from __future__ import annotations

import pytest

from cleaner.protect import Protected, abbreviations, spans
from cleaner.rules import all_rules

from .helpers import run_rule

ARTIFACT_RULES = [r for r in all_rules() if r.category == "artifacts"]


def protected_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talks in the U.S. resumed.", "U.S."),
        ("At 3 p.m. local time.", "p.m."),
        ("Prices rose 3.5% in May.", "3.5"),
        ("Some 1,000 prisoners.", "1,000"),
        ("Ended at 14:00 CET.", "14:00"),
        ("See example.com for details.", "example.com"),
        ("See news.bbc.co.uk today.", "news.bbc.co.uk"),
        ("Read https://example.org/a.B?x=1 now.", "https://example.org/a.B?x=1"),
        ("Go to www.Example.com now.", "www.Example.com"),
        ("Write to press@un.org today.", "press@un.org"),
        ("Open Report.PDF first.", "Report.PDF"),
        ("Author J.K. Rowling spoke.", "J.K."),
        ("He lives at No. 10 Downing Street.", "No."),
        ("In St. Petersburg on Monday.", "St."),
        ("Follow @NGRSenate and #peace.", "@NGRSenate"),
    ],
)
def test_spans_found(text, expected):
    assert expected in protected_texts(text)


def test_sentence_glue_is_not_protected():
    assert protected_texts("He speaks to him.Street signals.") == []


def test_touches_allows_an_insertion_at_a_span_edge():
    text = "(14:00CET)"
    guard = Protected(text)
    assert not guard.touches(6, 6)  # "14:00|CET": after the time
    assert guard.touches(3, 3)  # "14|:00": inside the time
    assert guard.touches(2, 4)


def test_abbreviation_list_is_data():
    listed = abbreviations()
    assert {"U.S.", "p.m.", "No.", "St."} <= listed


# Text dense in protected spans that every artifact rule must leave exactly as is.
PROTECTED_PROSE = [
    "Russian-U.S. relations were cool, U.S. officials said at 3 p.m. in St. Petersburg.",
    "Prices rose 3.5% to 1,000 rubles at 14:00 (noon CET), the Russia/Ukraine desk said.",
    "J.K. Rowling wrote to press@example.com and posted on example.com at 9 a.m. Tuesday.",
    "Details at https://www.example.org/News.Today?id=3 and in Report.Pdf, No. 10 said.",
    "Visit www.Example.com or mail press@un.Org today.",
    "The e.g. and i.e. forms, approx. 2.5 km, Dr. Smith and Mr. Jones agreed.",
    "The file is called budget.XLSX and the site is gov.uk.",
]


@pytest.mark.parametrize("rule", ARTIFACT_RULES, ids=lambda r: r.id)
@pytest.mark.parametrize("text", PROTECTED_PROSE)
def test_rules_leave_protected_spans_alone(rule, text):
    doc = run_rule(rule, text, {"glossary": True, "foreign_lines": "remove"})
    assert doc.text == text, [(c.rule, c.before) for c in doc.changes]


def test_a_guarded_rule_still_fixes_next_to_a_protected_span():
    rule = next(r for r in ARTIFACT_RULES if r.id == "artifacts.time_zone_space")
    assert run_rule(rule, "before 3 p.m. (14:00CET).").text == "before 3 p.m. (14:00 CET)."
    rule = next(r for r in ARTIFACT_RULES if r.id == "artifacts.sentence_space")
    assert run_rule(rule, "Talks in the U.S. ended.Both sides left.").text == "Talks in the U.S. ended. Both sides left."
