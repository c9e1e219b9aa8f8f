"""Property tests: for any input, clean() does not raise, is idempotent, keeps spans
inside the input, and its diff turns the input into the output."""
from __future__ import annotations

import subprocess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner

# Text built from the pieces articles are made of, so rules actually fire.
PIECES = st.sampled_from(
    [
        "Haberin Devamı", "Read more: ", "Source link", "#USA #Russia", "1739919178", "Leave a Reply",
        "0 Comments", "© Reuters", "Chris McGrath | Getty Images", "KIEV", "Putin said.", "“", "”", '"',
        "Trump", " ", "  ", "\n", "\n\n", "\n\n\n", "\r\n", "\u00a0", "\u200b", "\u00ad", "Ã©", "&amp;",
        "The talks in Riyadh lasted four and a half hours, officials said on Tuesday.",
        "Erdoğan", "Erdogan", "kyiv", "Lavrov", "Lavrow", "him.Street", "14:00CET", "non -negotiable",
        "the the", "Share this article", "(FILES) This aerial photo", ".", ",", "ö", "e\u0301",
    ]
)
ARTICLES = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=300))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ARTICLES)
def test_idempotent_and_spans_inside_input(text):
    result = cleaner.clean(text)
    assert cleaner.clean(result.text).text == result.text
    for change in result.changes:
        assert 0 <= change.start <= change.end <= len(text)


@SETTINGS
@given(ARTICLES)
def test_diff_applies_to_input(text):
    result = cleaner.clean(text)
    assert apply_unified_diff(text, result.diff) == result.text


def apply_unified_diff(text: str, diff: str) -> str:
    """A strict applier of our unified diffs (hunks in order, context checked)."""
    if not diff:
        return text
    src = _split(text)
    out: list[str] = []
    pos = 0
    lines = _split(diff)
    i = 2  # skip the ---/+++ header
    while i < len(lines):
        header = lines[i]
        assert header.startswith("@@ "), header
        old_start = int(header.split()[1][1:].split(",")[0])
        old_start = old_start - 1 if "," not in header.split()[1] or not header.split()[1].endswith(",0") else old_start
        out.extend(src[pos:old_start])
        pos = old_start
        i += 1
        while i < len(lines) and not lines[i].startswith("@@ "):
            line = lines[i]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            no_newline = nxt.startswith("\\ No newline")
            body = line[1:]
            if no_newline:
                body = body[:-1]
            if line[0] == " ":
                assert src[pos] == body
                out.append(body)
                pos += 1
            elif line[0] == "-":
                assert src[pos] == body
                pos += 1
            elif line[0] == "+":
                out.append(body)
            i += 2 if no_newline else 1
    out.extend(src[pos:])
    return "".join(out)


def _split(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


@settings(max_examples=25, deadline=None)
@given(ARTICLES)
def test_diff_applies_with_real_patch(tmp_path_factory, text):
    result = cleaner.clean(text)
    if not result.diff:
        return
    path = tmp_path_factory.mktemp("patch") / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    p = subprocess.run(["patch", "-s", "-N", str(path)], input=result.diff.encode("utf-8"), capture_output=True)
    assert p.returncode == 0, p.stdout + p.stderr
    assert path.read_bytes().decode("utf-8") == result.text
