"""The document model: change spans in the original, line alignment, many edits at once."""
from __future__ import annotations

import cleaner
from cleaner.diff import unified_diff
from cleaner.document import Document
from cleaner.options import Options


def test_many_removals_point_at_the_original_lines() -> None:
    # > 64 edits in one rule takes the vectorised span lookup
    paragraphs = [f"Paragraph {i} says the talks went on for {i} hours on Monday." for i in range(150)]
    text = "".join(f"{p}\nRead more: story {i}\n" for i, p in enumerate(paragraphs))
    result = cleaner.clean(text)
    assert result.text == "".join(f"{p}\n" for p in paragraphs)
    removed = [c for c in result.changes if c.rule == "boilerplate.read_more"]
    assert len(removed) == 150
    for i, change in enumerate(removed):
        assert text[change.start : change.end] == change.before == f"Read more: story {i}\n"


def test_spans_survive_earlier_edits() -> None:
    text = "Talks  resumed in kyiv.\r\nRead more: x\r\nThe end came at 14:00CET .\r\n"
    result = cleaner.clean(text)
    for change in result.changes:
        # `before` is what the rule saw; the span covers the original characters it came from
        assert change.start <= change.end <= len(text)
    kyiv = next(c for c in result.changes if c.after == "Kyiv")
    assert text[kyiv.start : kyiv.end] == "kyiv"


def test_line_alignment_pairs_only_untouched_lines() -> None:
    doc = Document("Keep one.\nRead more: x\nKeep two.\nfix  me\n", Options.build(None, None))
    from cleaner.chain import run

    run(doc)
    assert doc.text == "Keep one.\nKeep two.\nfix me\n"
    assert doc.line_alignment() == [(0, 0), (2, 1)]
    diff = unified_diff(doc.original, doc.text, doc.line_alignment())
    assert "-Read more: x\n" in diff and "-fix  me\n" in diff and "+fix me\n" in diff


def test_a_text_no_rule_edits_aligns_line_for_line() -> None:
    # no edit: the origin map is never built, alignment and warning spans are the identity
    for text in ("One.\n\nTwo.\n", "One.\nTwo.", "\n\n", "x"):
        doc = Document(text, Options.build(None, None))
        n = len(text.splitlines())
        assert doc.line_alignment() == [(i, i) for i in range(n)]
        assert doc.original_span(1, 3) == (1, 3)
    result = cleaner.clean("Talks went on for hours on Monday, officials said.\nThey will meet again.\n")
    assert not result.changes and result.line_pairs == [(0, 0), (1, 1)]


def test_lines_offsets() -> None:
    doc = Document("ab\n\ncde\nf", Options.build(None, None))
    assert [(l.index, l.start, l.end, l.text) for l in doc.lines] == [
        (0, 0, 2, "ab"), (1, 3, 3, ""), (2, 4, 7, "cde"), (3, 8, 9, "f"),
    ]
    assert doc.line_groups == {"ab": [0], "cde": [2], "f": [3]}


def test_repeated_artifacts_pass_warns_once_and_skips_warn_only_rules(monkeypatch) -> None:
    # The artifacts stage changes the text (" ," -> ","), so it runs a second pass.
    text = (
        "The talks resumed in Riyadh on Monday , officials said, and both delegations said they would"
        " return next week to continue the work.\n"
        "Die Gespräche wurden am Montag ohne Einigung beendet, sagte der Sprecher der Regierung in Berlin am Abend.\n"
        "Both sides agreed to meet again next week in the Saudi capital, the ministry said in a statement.\n"
        "They said “the talks went well, and more.\n"
    )
    from cleaner.rules.foreign import ForeignLines

    calls = []
    original = ForeignLines.find
    monkeypatch.setattr(ForeignLines, "find", lambda self, doc: calls.append(1) or original(self, doc))
    result = cleaner.clean(text)
    assert [c.rule for c in result.changes] == ["artifacts.space_before_punctuation"]
    rules = [w.rule for w in result.warnings]
    assert sorted(rules) == ["artifacts.foreign_lines", "artifacts.quotes"]  # each once, not once per pass
    assert len(calls) == 1  # warn-only in the default options: not run again, nor in the recheck
    calls.clear()
    cleaner.clean(text, options={"foreign_lines": "remove"})
    assert len(calls) == 3  # it can edit then: the repeated pass and the recheck (artifacts changed the text) run it


def test_repeated_boilerplate_pass_runs_only_rules_that_read_neighbours(monkeypatch) -> None:
    # A tagline repeated in the top block and further down: removing the top copies
    # (first pass) makes the stage run again.  A phrase rule judges each line alone
    # (LineRule's own scan): the repeated pass skips it; site_tagline reads positions.
    from cleaner.rules.boilerplate import ReadMore
    from cleaner.rules.top_of_page import SiteTagline

    calls = {"read_more": 0, "site_tagline": 0}
    for cls, key in ((ReadMore, "read_more"), (SiteTagline, "site_tagline")):
        original = cls.find
        monkeypatch.setattr(cls, "find", lambda self, doc, o=original, k=key: calls.__setitem__(k, calls[k] + 1) or o(self, doc))
    text = "Prime News - your daily briefing\nRead more: other story\n" + "Talks resumed in Riyadh on Monday, officials said.\n" * 3
    cleaner.clean(text)
    assert calls == {"read_more": 1, "site_tagline": 2}


def _reference_alignment(doc: Document) -> list[tuple[int, int]]:
    # line by line: the current line (with its newline) maps, character by character,
    # onto a whole original line (with its newline) that comes after the last one paired
    original, text = doc.original, doc.text
    o_starts = [0, *(i + 1 for i, c in enumerate(original) if c == "\n" and i + 1 < len(original))]
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text))]
    pairs: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)])):
        spans = [doc.original_span(i, i + 1) for i in range(start, end)]
        o_start = spans[0][0]
        if o_start not in o_starts or any(s != (o_start + k, o_start + k + 1) for k, s in enumerate(spans)):
            continue
        o_end = o_start + end - start
        o_line = o_starts.index(o_start)
        if (o_end == len(original) or original[o_end - 1] == "\n") and original[o_start:o_end] == text[start:end]:
            if not pairs or o_line > pairs[-1][0]:
                pairs.append((o_line, index))
    return pairs


def test_line_alignment_matches_a_line_by_line_reference() -> None:
    # edits that rewrite a line in place with the same text elsewhere, join lines,
    # insert at the very end, and reorder nothing: the vectorised pass agrees
    from cleaner.rules.base import Edit

    text = "a\nb\nRead more: x\nb\nc\nc\nfix  me\nlast"
    cases = [
        [Edit(0, 1, "b", "")],  # line 0 now reads like line 1: still not the same line
        [Edit(1, 2, "", "")],  # "a" joins "b": neither line survives
        [Edit(4, 18, "", "")],  # a removed line
        [Edit(len(text), len(text), "\nmore", "")],  # insertion at the very end
        [Edit(22, 24, "c\nc", "")],  # the same characters, written anew
        [Edit(2, 3, "B", ""), Edit(25, 33, "fix me", "")],
    ]
    for edits in cases:
        doc = Document(text, Options.build(None, None))
        doc.apply("test", "test", edits)
        assert doc.line_alignment() == _reference_alignment(doc), edits


_LINE_TEXTS = ["", "\n", "\n\n", "a", "a\n", "\na", "one\ntwo\n\nthree", "x\n \n\t\ny\n", "é\n“q”\n"]


def test_lines_from_are_the_lines_built_one_at_a_time() -> None:
    for text in _LINE_TEXTS:
        for index in range(text.count("\n") + 3):
            lazy = Document(text, Options.build(None, {}))
            assert list(lazy.lines_from(index)) == lazy.lines[index:], (text, index)
            assert list(lazy.lines_from(index)) == lazy.lines[index:]  # (once the lines are built)


def test_line_rule_removes_whole_lines_by_the_line_index() -> None:
    from cleaner.rules.base import LineRule, remove_line

    class Every(LineRule):
        def judge(self, line: str) -> str | None:
            return "x"

    for text in _LINE_TEXTS + ["a\na\nb", "  \nb\n"]:
        doc = Document(text, Options.build(None, {}))
        expected = [remove_line(text, doc.lines[i], "x") for i, _ in sorted(Every().scan(doc))]
        assert sorted(Every().find(Document(text, Options.build(None, {})))) == expected, text


def test_final_layout_runs_only_on_a_text_edited_since_layout(monkeypatch) -> None:
    # The layout rules are functions of the text: on a text no rule edited since they
    # last ran and found nothing, the final pass would find nothing again and is skipped.
    from cleaner.rules.layout import TrailingSpace

    calls = []
    original = TrailingSpace.find
    monkeypatch.setattr(TrailingSpace, "find", lambda self, doc: calls.append(doc.text) or original(self, doc))
    clean_text = "Talks resumed in Riyadh on Monday, officials said.\n"
    assert cleaner.clean(clean_text).text == clean_text and len(calls) == 1
    calls.clear()
    assert cleaner.clean("Talks resumed.  \nRead more: other story\nEnd.\n").text == "Talks resumed.\nEnd.\n"
    assert len(calls) == 2  # layout removed a space, then boilerplate a line: layout runs again
