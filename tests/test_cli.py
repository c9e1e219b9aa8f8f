"""The command line: clean, rules, and clear one-line errors with exit status 2."""
from __future__ import annotations

import json
import subprocess
import sys

from .helpers import SEEDS

SEED = SEEDS / "000_47498bf9373432ce" / "raw.txt"


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, timeout=120)


def test_clean_file_prints_text():
    p = cli("clean", str(SEED))
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "Haberin Devamı" not in out and out.startswith("Diplomatic efforts")


def test_clean_stdin_json_and_diff():
    raw = SEED.read_bytes()
    j = cli("clean", "-", "--format", "json", stdin=raw)
    data = json.loads(j.stdout)
    assert data["changes"] and data["metadata"]["dateline"] == "KIEV"
    d = cli("clean", "--format", "diff", stdin=raw)
    assert d.stdout.decode().startswith("--- a/article.txt\n+++ b/article.txt\n@@ ")


def test_diff_applies_with_patch(tmp_path):
    raw = SEED.read_bytes()
    target = tmp_path / "article.txt"
    target.write_bytes(raw)
    diff = cli("clean", "--format", "diff", stdin=raw).stdout
    p = subprocess.run(["patch", "-s", str(target)], input=diff, capture_output=True)
    assert p.returncode == 0, p.stderr
    assert target.read_bytes() == cli("clean", stdin=raw).stdout


def test_profile_enable_disable_flags():
    raw = b"Talks resumed in Riyadh on Tuesday.\nHaberin Devam\xc4\xb1\nEnd.\n"
    assert b"Haberin" in cli("clean", "--disable", "boilerplate.read_more", stdin=raw).stdout
    assert b"Haberin" not in cli("clean", "--profile", "conservative", stdin=raw).stdout


def test_phrases_file(tmp_path):
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("# ours\nHaber Merkezi\n", encoding="utf-8")
    out = cli("clean", "--phrases", str(phrases), stdin="Talks resumed.\nHaber Merkezi\n".encode()).stdout
    assert out == b"Talks resumed.\n"


def test_rules_catalogue_text_and_json():
    text = cli("rules").stdout.decode()
    assert "boilerplate.read_more" in text and "encoding.mojibake" in text
    entries = json.loads(cli("rules", "--format", "json").stdout)
    assert {e["id"] for e in entries} >= {"boilerplate.read_more", "layout.blank_lines", "duplicates.paragraph"}


def test_missing_file_is_one_line_exit_2(tmp_path):
    p = cli("clean", str(tmp_path / "nope.txt"))
    assert p.returncode == 2
    assert p.stderr.decode().count("\n") == 1 and "no such file" in p.stderr.decode()


def test_undecodable_input_is_one_line_exit_2():
    p = cli("clean", "-", stdin=b"caf\xe9 \xff\xfe")
    assert p.returncode == 2
    err = p.stderr.decode()
    assert err.count("\n") == 1 and "not valid UTF-8" in err and "Traceback" not in err


def test_unknown_rule_is_one_line_exit_2():
    p = cli("clean", "--disable", "boilerplate.nope", stdin=b"x")
    assert p.returncode == 2 and "unknown rule or category" in p.stderr.decode()
    assert "Traceback" not in p.stderr.decode()


def test_no_command_prints_help_exit_2():
    p = cli()
    assert p.returncode == 2 and b"usage" in p.stderr
