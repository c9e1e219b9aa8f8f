"""The cheap gates in front of line rules (first-word sets, substring tests, the
line index) never change a verdict: every listed phrase, in several spellings, is
judged alike with and without them, and every rule removes the same lines with
the index as when it judged every line."""
from __future__ import annotations

import pytest

from cleaner import phrases
from cleaner.document import Document
from cleaner.options import Options
from cleaner.rules import all_rules, boilerplate, captions, page_chrome
from cleaner.rules.base import LineRule, case_key, first_word, first_words, line_facts, reads_as_prose, word_count
from cleaner.rules.boilerplate import PhraseLineRule
from tests.helpers import FIXTURES, ROOT, SEEDS


def spellings(phrase: str) -> list[str]:
    tails = ["", ": Putin says talks will go on", " » more", " and then some more words here"]
    forms = {phrase, phrase.upper(), phrase.lower(), phrase.title(), f"» {phrase}", f"  *{phrase}"}
    forms |= {f.replace("i", "ı") for f in list(forms)} | {f.replace("I", "İ") for f in list(forms)}
    return [f + t for f in sorted(forms) for t in tails]


PHRASE_RULES = [r for r in all_rules() if isinstance(r, PhraseLineRule)]


@pytest.mark.parametrize("rule", PHRASE_RULES, ids=lambda r: r.id)
def test_phrase_gates_change_no_verdict(rule: PhraseLineRule) -> None:
    ungated = type(rule)()
    ungated._prefix_words = ungated._start_words = None
    listed = phrases.load(rule.data_file)
    assert listed
    for phrase in listed:
        for line in spellings(phrase.replace("{n}", "12")):
            assert rule.judge(line) == ungated.judge(line), line


def test_caption_and_credit_gates_change_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [s for p in phrases.load("caption_starts.txt") + phrases.load("credit_prefixes.txt") for s in spellings(p)]
    lines += ["Photo: Sergei Ilnitsky/EPA", "FOTO: AA", "Jane Doe | Getty Images", "(Photo by AFP)", "© Reuters"]
    gated = [(captions.Caption().judge(x), captions.credit_reason(x)) for x in lines]
    captions.credit_reason.cache_clear()
    monkeypatch.setattr(captions, "_credit_prefix_words", lambda: None)
    monkeypatch.setattr(captions, "_caption_start_words", lambda: None)
    ungated = [(captions.Caption().judge(x), captions.credit_reason(x)) for x in lines]
    captions.credit_reason.cache_clear()
    assert gated == ungated
    assert sum(1 for caption, credit in gated if caption or credit) >= len(lines) // 4  # the gates let these through


def test_first_word_keys_fold_like_re_ignorecase() -> None:
    assert first_word("» İLGİLİ Haberler") == first_word("ilgili haberler") == case_key("ılgılı")
    assert first_word("(FILES) A photo") == "files"
    assert first_word("...") == ""
    assert first_words(["Read more", "(FILE)"]) == frozenset({"read", "file"})
    assert first_words(["»»"]) is None


# -- the line index (LineFacts) never hides a line from a rule ----------------
#
# Each rule below is run twice on many texts: as the chain runs it (only the
# candidate lines the index gives are judged), and as it ran before the index
# (every line judged; the reference scans are the code before the index, kept
# here as the oracle).  Both must remove the same lines for the same reasons.

_EDGE_LINES = [
    # decoration and whitespace around markers ("_" is a word character)
    "_Read more", "__Share__", "» Source link «", "   Source link" + " " * 40, "\tSource\t",
    "Source", "Source link", "Kaynak", "Leave a Reply", "*** Leave a reply ***", "12 Comments", "1,204 comments",
    "Share\u00a0this\u00a0article", "Facebook | Twitter | WhatsApp", "_facebook twitter", "• E-mail • Print •",
    # copyright notices, with IGNORECASE twins
    "(C) 2020 Prime News", "COPYR\u0130GHT 2021 Prime", "Copyr\u0131ght 2021 Prime", "©2019 Foo",
    "All Rights Re\u017fERVED.", "Prime News. aLL rIGHTS rEsErVeD", "We observe the rights of all.",
    # credits and captions
    "AFP", "Getty Images / AFP", "Photo via Reuters", "Reuters | AFP", "Jane Doe | Getty Images",
    "Jane Doe ¦ Reuters", "(Photo: Jane Doe)", "© Reuters", "AP Photo/John Doe", "iStock", "EPA-EFE, AFP",
    "Ministers meet in Riyadh on Monday to discuss the deal (Photo by Jane Doe)  ",
    "Simon Dawson | No 10 Downing Street", "FOTO: AA", "(FILES) This aerial handout photograph shows a port",
    "From left to right: the ministers", "Trump and Putin attend a press conference in Helsinki, on July 16, 2018.",
    # bylines, stamps, leaked metadata, teasers
    "By Jay Johnson", "Written by Jane Doe", "Updated2025", "UPDATED: May 3, 2025", "Last updated 3 May 2025",
    "Po\u017fted 2024-01-01", "2019-11-19T08:57:40+01:00", "2019-11-19 08:57:40",
    "\u0662\u0660\u0661\u0669-11-19T08:57",
    "//cdn.example.com/a/b.png", "https://example.com/img/1.jpg?w=300", "Plague fears: holidaymakers die [INSIGHT]",
    # tag lines
    ", , #USA #Russia, 1739919178, the-usa-and-russia-agree-on-talks", "#peace #talks", "the-usa-and-russia-agree",
    "https://example.com/2025/talks", "www.example.com/talks", "1739919178",
    # article credits at the end
    "(Reporting by Greg Roumeliotis; Editing by Martin Howell)", "Keith Bradsher CONTR\u0130BUTED reporting.",
    "Email tmalik@space.com or follow him @tariqjmalik", "Follow her on instagram.com/jane",
]
_PROSE = "Russia and Ukraine met in Istanbul on Friday for their first direct peace talks in more than three years."


def _duplicate_lines() -> list[str]:
    words = _PROSE.split()
    return [
        _PROSE, "  " + _PROSE, _PROSE.replace(" ", "  ", 3), "\t".join(words), "\u00a0".join(words), _PROSE + "  ",
        "Why did Russia and Ukraine meet in Istanbul on Friday for their first direct talks in years?",
    ]


def _gate_texts() -> list[str]:
    phrase_lines = [
        line
        for rule in PHRASE_RULES
        for phrase in phrases.load(rule.data_file)[:40]
        for line in spellings(phrase.replace("{n}", "7"))[::5]
    ]
    edge = _EDGE_LINES + _duplicate_lines()
    texts = [
        "\n".join(edge),
        "\n\n".join(reversed(edge)),
        "\n".join(line for pair in zip(edge, _duplicate_lines() * 20) for line in pair),
        "\n".join(phrase_lines),
    ]
    variants = _duplicate_lines()  # two copies, spaced differently: the later goes
    texts += [f"{a}\nTalks resumed.\n{b}" for a, b in zip(variants, variants[1:])]
    texts += ["The talks resumed on Monday.\n" + "\n".join(edge[i : i + 6]) for i in range(0, len(edge), 3)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*/raw.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("negative/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").glob("*.txt"))]
    return texts


def _reference_source_link(rule, doc):  # noqa: ANN001
    in_block = False
    lines = [line for line in doc.lines if line.text.strip()]
    for position, line in enumerate(lines):
        text = line.text.strip()
        if len(text) <= 40 and phrases.normalize(text) in rule._markers:
            after = lines[position + 1].text if position + 1 < len(lines) else ""
            if len(text.split()) > 1 or boilerplate.is_tag_line(after.strip()):
                in_block = True
                yield line.index, "source-link marker"
                continue
            in_block = False
        elif boilerplate.is_tag_line(text) and (
            in_block or boilerplate._HASHTAGS.match(text) or boilerplate._SLUG.match(text)
        ):
            yield line.index, "tag / timestamp / slug line" + (" after a source link" if in_block else "")
        else:
            in_block = False


def _reference_photo_credit(rule, doc):  # noqa: ANN001
    # every non-blank line, no candidate gate: the verdict per line is the rule's own
    lines = [line.text for line in doc.lines]
    for index, text in enumerate(lines):
        if text.strip():
            yield from captions.credit_verdicts(lines, index)


def _reference_duplicates(rule, doc):  # noqa: ANN001
    copies: dict[str, list[int]] = {}
    for line in doc.lines:
        if word_count(line.text) < rule.min_words or not reads_as_prose(line.text):
            continue
        if "?" in line.text.rstrip()[-3:]:
            continue
        copies.setdefault(" ".join(line.text.split()), []).append(line.index)
    for first, *later in copies.values():
        if len(later) == 1:
            yield later[0], f"verbatim repeat of line {first + 1}"


def _reference_article_credits(rule, doc):  # noqa: ANN001
    for line in [line for line in doc.lines if line.text.strip()][-page_chrome._TAIL_LINES :]:
        text = line.text.strip()
        if word_count(text) > 40:
            continue
        if page_chrome._CONTRIBUTORS.search(text):
            yield line.index, "contributor credit at the end of the article"
        elif (
            page_chrome._CONTACT_CUE.search(text)
            and page_chrome._CONTACT_ADDRESS.search(text)
            and not page_chrome._SENTENCE_BREAK.search(text)
        ):
            yield line.index, "author contact / follow line at the end of the article"


def _reference_judged(rule, doc):  # noqa: ANN001
    for text, indexes in doc.line_groups.items():
        reason = rule.judge(text)
        if reason:
            yield from ((index, reason) for index in indexes)


_REFERENCE = {
    "boilerplate.source_link": _reference_source_link,
    "boilerplate.photo_credit": _reference_photo_credit,
    "duplicates.paragraph": _reference_duplicates,
    "boilerplate.article_credits": _reference_article_credits,
}
INDEXED_RULES = [
    r for r in all_rules() if r.id in _REFERENCE or (isinstance(r, LineRule) and type(r).scan is LineRule.scan)
]


@pytest.mark.parametrize("rule", INDEXED_RULES, ids=lambda r: r.id)
def test_line_index_hides_no_line(rule: LineRule) -> None:
    reference = _REFERENCE.get(rule.id, _reference_judged)
    removed = 0
    for text in _gate_texts():
        doc = Document(text, Options.build(None, {}))
        found, expected = list(rule.scan(doc)), list(reference(rule, doc))
        if rule.id == "boilerplate.photo_credit":
            assert found == expected  # in line order: of two verdicts on one line, the first wins
        else:
            assert sorted(found) == sorted(expected), rule.id
        removed += len(found)
    assert removed >= 2, rule.id  # the texts do hold lines each rule removes


def test_line_index_asks() -> None:
    text = "Read more: Talks\n\n  Share  \nread MORE\n_Share\nThe talks resumed.\nShare"
    doc = Document(text, Options.build(None, {}))
    facts = line_facts(doc)
    assert sorted(facts.starting_with(frozenset({"read"}))) == ["Read more: Talks", "read MORE"]
    assert facts.starting_with(None) == list(facts.texts)
    assert sorted(facts.up_to(5)) == ["  Share  ", "Share"]  # surrounding whitespace aside
    assert sorted(facts.normal_forms(6)["share"]) == ["  Share  ", "Share", "_Share"]
    assert facts.holding("are") == {"  Share  ", "_Share", "Share"}
    assert facts.holding("talks") == {"The talks resumed."}  # case matters: "Talks" is not "talks"
    assert facts.holding("#") == set()


def test_mojibake_line_gate_skips_only_lines_ftfy_would_not_see() -> None:
    """encoding.mojibake looks only at lines holding a notable character; on every
    line cut at every line break, the lines it skips are exactly never suspicious."""
    import re

    from cleaner.rules import encoding

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*/raw.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    texts += [
        "Die GesprÃ¤che gehen weiter.\u2028‚ÄùPoroshenko‚Äù said no.\r\nAT&amp;T\x85done",
        "plain\r\r\nﬁne\x0bx\n\u2029é\ttab &copy; “quoted” — £5 ©\x7f\x1b[0m",
        "\n\r\u2028\u2029\x85", "", "Ã", "café\nnaïve\r\nHÃ©llo wÃ¶rld",
    ]
    cut = re.compile(r"\r\n?|[\n\u2028\u2029\x85]")
    for text in texts:
        pieces, at = [], 0
        for brk in cut.finditer(text):
            pieces.append((at, text[at : brk.start()]))
            at = brk.end()
        pieces.append((at, text[at:]))
        gated = dict(encoding._lines(text))
        for start, line in pieces:
            if start not in gated:
                assert not encoding._suspicious(line), (line, text[:40])
            else:
                assert gated[start] == line


def test_tag_line_starts_found_in_one_scan_are_the_matching_lines() -> None:
    lines = [line for text in _gate_texts() for line in text.split("\n")]
    lines += [", , #a", " \t1739919178", "\u00a0#x", "#", ",", "Abc", "(x", "ábc", "\u0663x", "  ,a", "\u2003b"]
    found = boilerplate._TAG_STARTS.findall("\n" + "\n".join(lines))
    assert found == [line for line in lines if boilerplate._TAG_START.match(line)]
    assert len(found) > 10
