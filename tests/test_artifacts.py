"""Translation and typing artifacts: seed checks, deliberate repetition, quotes, foreign text, glossary."""
from __future__ import annotations

import re
import time

import pytest

import cleaner
from cleaner.rules import all_rules
from cleaner.rules.glossary import Glossary, parse_glossary
from cleaner.rules.foreign import looks_english

from .helpers import load_checks, negative_fixtures, run_rule, seed_cases

RULES = {r.id: r for r in all_rules() if r.category == "artifacts"}
KINDS = ("stutter", "spacing", "quote")
_WS = re.compile(r"[ \t\r\n]+")


def norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def artifacts_only(text: str, options: dict | None = None):
    """The text after every artifacts rule, alone and in chain order (no names, no boilerplate)."""
    opts = {"enable": ["artifacts"], "disable": ["encoding", "layout", "boilerplate", "duplicates", "names"]}
    return cleaner.clean(text, options={**opts, **(options or {})})


# -- the seed checks of kinds stutter, spacing and quote ---------------------

SEED_FIXES = [
    pytest.param(case, fix, id=f"{case.name}:{fix['bad'][:30]}")
    for case in seed_cases()
    for fix in load_checks(case).get("must_fix", [])
    if fix.get("kind") in KINDS and not fix.get("stretch")
]


def test_there_are_seed_checks_of_our_kinds():
    assert len(SEED_FIXES) >= 6


@pytest.mark.parametrize("case, fix", SEED_FIXES)
def test_seed_fix(case, fix):
    out = norm(artifacts_only((case / "raw.txt").read_text(encoding="utf-8")).text)
    goods = fix["good"] if isinstance(fix["good"], list) else [fix["good"]]
    assert norm(fix["bad"]) not in out
    assert any(norm(g) in out for g in goods)


@pytest.mark.parametrize("case", seed_cases(), ids=lambda p: p.name)
def test_seed_must_keep_survives_our_rules(case):
    out = norm(artifacts_only((case / "raw.txt").read_text(encoding="utf-8")).text)
    for line in load_checks(case).get("must_keep", []):
        assert norm(line) in out, line


# -- deliberate repetition stays ---------------------------------------------

DELIBERATE = [
    "He made very, very warm comments about Putin.",
    "Ukraine and Europe should work on this together. Together.",
    "“No, no, no,” he said.",
    "By then he had had enough of the talks.",
    "He said that that was the end of it.",
    "They flew to Bora Bora and then to Walla Walla.",
    "Prices rose little by little by little.",
    "The crowd shouted and on and on and on it went.",
    "Officials met in the The Hague-based court.",
    "What it is is a ceasefire.",
    "Some 1,000 prisoners were exchanged at 14:00 (noon CET).",
]


@pytest.mark.parametrize("text", DELIBERATE)
def test_deliberate_repetition_kept(text):
    result = artifacts_only(text)
    assert result.text == text, [(c.rule, c.before) for c in result.changes]


@pytest.mark.parametrize(
    "before, after",
    [
        ("He met the the minister.", "He met the minister."),
        ("The the talks began.", "The talks began."),
        ("Talks in the in the capital.", "Talks in the capital."),
        ("to resolve the resolving the Ukraine crisis", "to resolve the Ukraine crisis"),
        ("to look at our older articles on our older articles on the site", "to look at our older articles on the site"),
        ("Russia , Ukraine and Turkey met .", "Russia, Ukraine and Turkey met."),
        ("He was re -elected in the anti -war vote.", "He was re-elected in the anti-war vote."),
        ("The call ended at 9:30GMT.", "The call ended at 9:30 GMT."),
        ("He wrote in x“All we need is peace.”", "He wrote in x “All we need is peace.”"),
    ],
)
def test_repairs(before, after):
    assert artifacts_only(before).text == after


# -- quotes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        ("told CNBC that “a door opened, not confrontation. “", "told CNBC that “a door opened, not confrontation.”"),
        ("“Now that is our goal, “Sak said.", "“Now that is our goal,” Sak said."),
        ("“It is time to work Together, “said Peskov, according to TASS.", "“It is time to work Together,” said Peskov, according to TASS."),
        ("”We want peace,” he said. “Now.”", "“We want peace,” he said. “Now.”"),
        ("‘It is a trap. ‘", "‘It is a trap.’"),
    ],
)
def test_quote_repairs(before, after):
    assert artifacts_only(before).text == after


@pytest.mark.parametrize(
    "text",
    [
        "He said, “Trump said it was fine.”",
        "“We will fight,” he said. “We will win.”",
        "The 34\" monitor costs $649.",
        "“A quotation running on\n“and ending in the next paragraph.”",
        "Er sagte: „Wir schaffen das.“",
        'reason: String = " No longer supported "',
        "”Vi vill ha fred”, sa han.",  # Swedish: ” opens too
        "The war was long -too long.",
    ],
)
def test_quotes_left_alone(text):
    assert artifacts_only(text).text == text


def test_unbalanced_quote_is_a_warning_not_an_edit():
    text = "“We want peace, he said.\nThe end."
    result = artifacts_only(text)
    assert result.text == text
    assert any(w.rule == "artifacts.quotes" and "never closed" in w.message for w in result.warnings)


def test_quotation_running_on_is_not_warned():
    result = artifacts_only("“A quotation running on\n“and ending in the next paragraph.”")
    assert not [w for w in result.warnings if w.rule == "artifacts.quotes"]


# -- warnings for what cannot be repaired -------------------------------------


def test_truncated_sentence_warned():
    text = "Before Trump’s announcement about negotiations, the United States Secretary of Defense, Pete Hegseth Russia in 2014."
    result = artifacts_only(text)
    assert result.text == text
    assert any("without a verb" in w.message for w in result.warnings)


def test_unfinished_paragraph_warned():
    text = "Trump said he instructed US officials to begin the peace talks with the\nNext paragraph."
    result = artifacts_only(text)
    assert result.text == text
    assert any("mid-clause" in w.message for w in result.warnings)


def test_repeated_attribution_warned():
    text = "It’s time to stop this ridiculous war, where there has Trump, “Trump said,” Trump said."
    result = artifacts_only(text)
    assert any("repeated" in w.message for w in result.warnings if w.rule == "artifacts.repeated_phrase")


def test_clean_prose_gets_no_fragment_warnings():
    text = (
        "Many cities around the world struggle with air pollution.\n"
        "The Wild still rank at the bottom of the Central Division, officials said.\n"
    )
    assert not [w for w in artifacts_only(text).warnings if w.rule == "artifacts.sentence_space"]


# -- foreign-language leftovers -----------------------------------------------

ENGLISH = (
    "The talks in Istanbul ended on Friday without a ceasefire, officials from both sides said.\n"
    "Both delegations agreed to exchange prisoners and to meet again in the coming weeks.\n"
    "Russia and Ukraine have not held direct talks since the first months of the war in 2022.\n"
)
GERMAN = "Die Gespräche wurden nach drei Stunden ohne eine Einigung über einen Waffenstillstand beendet.\n"


def test_foreign_line_warned_by_default():
    text = ENGLISH + GERMAN
    result = artifacts_only(text)
    assert result.text == text
    assert any(w.rule == "artifacts.foreign_lines" and "de" in w.message for w in result.warnings)


def test_foreign_line_removed_by_option():
    result = artifacts_only(ENGLISH + GERMAN, {"foreign_lines": "remove"})
    assert result.text == ENGLISH


def test_foreign_sentence_inside_a_paragraph_removed_by_option():
    text = (
        "The talks ended on Friday without a ceasefire, officials from both sides said. "
        "Die Gespräche wurden nach drei Stunden ohne eine Einigung über einen Waffenstillstand beendet. "
        "Both delegations agreed to meet again.\n" + ENGLISH
    )
    out = artifacts_only(text, {"foreign_lines": "remove"}).text
    assert "Gespräche" not in out and "officials from both sides said. Both delegations" in out


@pytest.mark.parametrize(
    "line",
    [
        "Protesters chanted “Slava Ukraini, heroiam slava” (Glory to Ukraine, glory to the heroes) outside.\n",
        "De Sousa RAL, Improta-Caria AC, Aras-Júnior R, De Oliveira EM, Soci RPR, Cassilhas RC.\n",
        "Haberin Devamı\n",
    ],
)
def test_quoted_foreign_phrases_names_and_short_lines_stay(line):
    text = ENGLISH + line
    assert artifacts_only(text, {"foreign_lines": "remove"}).text == text


def test_non_english_article_is_not_foreign_to_itself():
    text = GERMAN * 3 + "Der Kanzler sprach am Montag mit dem Präsidenten über die Lage in der Ukraine.\n"
    assert artifacts_only(text, {"foreign_lines": "remove"}).text == text
    assert not looks_english(text)


# -- glossary ------------------------------------------------------------------


def test_glossary_off_by_default_on_by_option_or_enable():
    text = "Kirill Dmitriev, head of the Sovereign Police Fund of Russia, spoke."
    fixed = "Kirill Dmitriev, head of the Sovereign Wealth Fund of Russia, spoke."
    assert artifacts_only(text).text == text
    assert artifacts_only(text, {"glossary": True}).text == fixed
    assert cleaner.clean(text, options={"enable": ["artifacts.glossary"]}).text == fixed
    assert cleaner.clean(text, profile="conservative", options={"glossary": True}).text == fixed
    assert cleaner.clean(text, profile="conservative").text == text


def test_glossary_is_extensible_and_whole_word():
    entries = parse_glossary("wrong\tright\tnote\n# comment\nSpecial Military Surgery\tSpecial Military Operation\tMT\n")
    rule = Glossary(entries)
    doc = run_rule(rule, "The Special Military Surgery began. Special Military Surgeryx stays.", {"glossary": True})
    assert doc.text == "The Special Military Operation began. Special Military Surgeryx stays."
    assert doc.changes[0].reason == "glossary: MT"


# -- clean articles, idempotence, speed --------------------------------------


@pytest.mark.parametrize("path", negative_fixtures(), ids=lambda p: p.name)
def test_negative_fixtures_untouched_by_artifacts(path):
    text = path.read_text(encoding="utf-8")
    result = artifacts_only(text, {"foreign_lines": "remove", "glossary": True})
    assert result.text == text, [(c.rule, c.before[:60]) for c in result.changes]


@pytest.mark.parametrize(
    "text",
    [ex[0] for r in RULES.values() for ex in r.examples]
    + ["the the the the", "in the in the in the", "a.B.c.D.e", "x“ “ ” ”“", "non -non -non", "word , , . ."],
)
def test_idempotent(text):
    once = cleaner.clean(text).text
    assert cleaner.clean(once).text == once


def test_large_input_is_fast():
    paragraph = (
        "Trump said he spoke with Putin at 14:00 CET, and U.S. officials (see example.com) agreed. "
        "“We want peace,” he said, adding that 3.5% of the 1,000 troops would leave St. Petersburg.\n"
    )
    text = paragraph * 2500  # ~500 KB
    doc_rules = [r for r in RULES.values() if r.id != "artifacts.foreign_lines"]
    started = time.perf_counter()
    for rule in doc_rules:
        run_rule(rule, text)
    assert time.perf_counter() - started < 10  # generous: a shared 2-core machine


# -- fuzz: artifacts output is a fixed point ----------------------------------

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test extra
    st = None

if st is not None:
    _TOKENS = [
        "the", "The", "a", "in", "to", "on", "and", "resolve", "resolving", "him", "Street", "Sak", "said",
        "non", "-", " -", ".", ",", "!", "?", " ", " ", "“", "”", "‘", "’", '"', "\n", "14:00", "CET",
        "U.S.", "p.m.", "3.5", "example.com", "x", "Together", "No", "no",
    ]

    _WORDS = st.lists(st.sampled_from(_TOKENS), max_size=30)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(_WORDS.map("".join), _WORDS.map(" ".join)))
    def test_artifacts_idempotent_fuzz(text):
        once = artifacts_only(text).text
        assert artifacts_only(once).text == once


@pytest.mark.parametrize(
    "text",
    [
        "const response = await s3.send(command);\nreturn response.Buckets;\n",
        "python -c \"import redis; r = redis.Redis(host='redis'); print(r.ping())\"",
        "xperf -start perf!GeneralProfiles.InBuffer && timeout -1",
        "Node.Js and ASP.NET are frameworks.",
    ],
)
def test_code_is_not_prose(text):
    assert artifacts_only(text).text == text
