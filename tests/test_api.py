"""The library API: result shape, provenance, options and their errors."""
from __future__ import annotations

import json

import pytest

import cleaner
from cleaner import Options

from .helpers import SEEDS

RAW_001 = (SEEDS / "001_767c62ebf6c862b6" / "raw.txt").read_text(encoding="utf-8")


def test_result_shape_and_json_roundtrip():
    result = cleaner.clean(RAW_001)
    d = result.to_dict()
    assert set(d) >= {"text", "diff", "changes", "warnings", "stats", "language", "metadata"}
    assert json.loads(json.dumps(d)) == d
    change = d["changes"][0]
    assert set(change) == {"rule", "category", "start", "end", "before", "after", "reason"}
    assert result.language == "en"
    assert d["stats"]["chars_in"] == len(RAW_001) and d["stats"]["chars_out"] == len(result.text)
    assert d["stats"]["changes_per_rule"]["boilerplate.comments"] == 2
    assert d["stats"]["lines_removed"] > 5 and d["stats"]["elapsed_ms"] > 0


def test_change_offsets_point_into_the_original():
    result = cleaner.clean(RAW_001)
    for change in result.changes:
        assert 0 <= change.start <= change.end <= len(RAW_001)
    # A whole-line removal seen first by its rule covers exactly that text in the original.
    leave = next(c for c in result.changes if c.before.startswith("Leave a Reply"))
    assert RAW_001[leave.start : leave.end] == leave.before
    assert leave.after == "" and leave.category == "boilerplate" and leave.reason


def test_offsets_survive_earlier_edits():
    # The NBSP fix shifts nothing, the zero-width removal shifts by one: the later
    # line removal must still point at the original span.
    text = "Peace\u200b talks\u00a0resumed.\nHaberin Devamı\nEnd of story here.\n"
    result = cleaner.clean(text)
    removal = next(c for c in result.changes if c.rule == "boilerplate.read_more")
    assert text[removal.start : removal.end] == "Haberin Devamı\n"


def test_metadata_title_and_dateline():
    raw = (SEEDS / "000_47498bf9373432ce" / "raw.txt").read_text(encoding="utf-8")
    result = cleaner.clean(raw)
    assert result.metadata == {
        "title": "Diplomatic efforts to end war in Ukraine gains momentum",
        "dateline": "KIEV",
    }
    assert result.text.startswith("Diplomatic efforts to end war in Ukraine gains momentum\n\nA meeting")


def test_enable_disable_rules_and_categories():
    text = "Talks resumed in Riyadh on Tuesday.\nHaberin Devamı\nShare this article\nEnd.\n"
    assert "Haberin" in cleaner.clean(text, options={"disable": ["boilerplate.read_more"]}).text
    assert cleaner.clean(text, options={"disable": ["boilerplate"]}).text == text
    conservative = cleaner.clean(text, profile="conservative", options={"enable": ["boilerplate.share"]})
    assert "Share" not in conservative.text and "Haberin" not in conservative.text


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"options": {"colour": "red"}}, "unknown option(s) colour; valid options:"),
        ({"profile": "extreme"}, "unknown profile 'extreme'; valid profiles: conservative, default, aggressive"),
        ({"options": {"disable": ["boilerplate.nope"]}}, "unknown rule or category in disable: boilerplate.nope; valid:"),
        ({"options": {"enable": "layout.nope"}}, "unknown rule or category in enable: layout.nope"),
        ({"options": {"phrases": [1, 2]}}, "option phrases must be a list of strings"),
        ({"input_format": "pdf"}, "unknown input_format 'pdf'"),
    ],
)
def test_bad_options_raise_clear_value_error(kwargs, message):
    with pytest.raises(ValueError) as info:
        cleaner.clean("Some text.", **kwargs)
    assert message in str(info.value)
    if "valid:" in message:
        assert "boilerplate.read_more" in str(info.value)


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        cleaner.clean(b"bytes")  # type: ignore[arg-type]


def test_options_object_is_accepted_and_immutable():
    opts = Options.build("conservative", {"phrases": ["Haber Merkezi"]})
    assert opts.profile == "conservative" and opts.phrases == ("Haber Merkezi",)
    assert cleaner.clean("A.\nHaber Merkezi\n", options=opts).text == "A.\n"
    with pytest.raises(AttributeError):
        opts.profile = "default"  # type: ignore[misc]


def test_empty_and_whitespace_inputs():
    assert cleaner.clean("").text == ""
    assert cleaner.clean(" \n\n \t\n").text == ""
    assert cleaner.clean("").language is None


def test_diff_is_empty_when_nothing_changes():
    result = cleaner.clean("A clean sentence stays as it is.\n")
    assert result.changes == [] and result.diff == ""


def test_deterministic():
    a, b = cleaner.clean(RAW_001).to_dict(), cleaner.clean(RAW_001).to_dict()
    a["stats"].pop("elapsed_ms"), b["stats"].pop("elapsed_ms")
    assert a == b


def test_long_text_pauses_the_garbage_collector_and_restores_it(monkeypatch):
    import gc

    import cleaner.chain as chain

    seen = []
    real_run = chain.run
    monkeypatch.setattr(chain, "run", lambda doc: (seen.append(gc.isenabled()), real_run(doc)))
    long_text = "Read more\nThe talks went on for hours on Monday.\n" * 3000  # > 100 KB
    assert gc.isenabled()
    result = cleaner.clean(long_text)
    assert result.text == "The talks went on for hours on Monday.\n" * 3000
    cleaner.clean("Short text.\n")
    assert seen == [False, True] and gc.isenabled()
    # a caller that disabled it keeps it disabled; an error inside resumes it
    gc.disable()
    try:
        cleaner.clean(long_text)
        assert not gc.isenabled()
    finally:
        gc.enable()
    monkeypatch.setattr(chain, "run", lambda doc: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        cleaner.clean(long_text)
    assert gc.isenabled()
