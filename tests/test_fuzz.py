"""Issue 8: the atheris fuzz target for clean() runs for a bounded time and finds nothing.

`tests/fuzz/fuzz_clean.py` is run as a subprocess (libFuzzer owns the process)
for CLEANER_FUZZ_RUNS inputs (default 2,000, ~15 s; CLEANER_FUZZ_SECONDS caps the
time) from a fixed seed (CLEANER_FUZZ_SEED, default 1) so that CI is repeatable;
fuzz longer by hand:
`python tests/fuzz/fuzz_clean.py -max_total_time=600`.  A crash, a broken
property or an input slower than 30 s fails the test with the fuzzer's report,
which names the input; the input file is kept under pytest's temporary folder.
What it has found so far is listed at the end: plain tests once fixed, strict xfails while open.
"""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "tests" / "fuzz" / "fuzz_clean.py"
# A fixed number of runs from a fixed seed: the same inputs on every machine, so CI
# is repeatable (a time budget would reach further on a faster machine).  The
# seconds are only a cap.
RUNS = int(os.environ.get("CLEANER_FUZZ_RUNS", "2000"))
SECONDS = int(os.environ.get("CLEANER_FUZZ_SECONDS", "120"))
SEED = int(os.environ.get("CLEANER_FUZZ_SEED", "1"))

if importlib.util.find_spec("atheris") is None and not os.environ.get("CI"):  # CI installs the test extra
    pytest.skip("atheris is not installed (pip install -e '.[test]')", allow_module_level=True)


def fuzz(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, str(FUZZ), f"-artifact_prefix={tmp_path}/", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,  # atheris prints a Python failure on stdout
        text=True, cwd=tmp_path, env=env, timeout=SECONDS + 300,
    )


def test_fuzz_clean_for_a_bounded_time(tmp_path):
    proc = fuzz(tmp_path, f"-runs={RUNS}", f"-max_total_time={SECONDS}", "-timeout=30", f"-seed={SEED}")
    found = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-", "slow-unit-")))
    report = proc.stdout[-6000:]
    assert proc.returncode == 0 and not found, f"the fuzzer found {found} (exit {proc.returncode}):\n{report}"
    runs = re.search(r"Done (\d+) runs", proc.stdout)
    assert runs and int(runs.group(1)) > 0, report


def test_fuzz_target_reports_a_broken_property(tmp_path, monkeypatch):
    """The harness fails loudly: a clean() that breaks idempotence makes the target exit non-zero with the input."""
    sitecustomize = tmp_path / "site" / "sitecustomize.py"
    sitecustomize.parent.mkdir()
    # Wrap clean() so its output gains a trailing "!" each time: cleaning the output again changes it.
    sitecustomize.write_text(
        "import cleaner, cleaner.chain\n"
        "_real = cleaner.clean\n"
        "def clean(text, **kw):\n"
        "    result = _real(text, **kw)\n"
        "    object.__setattr__(result, 'text', result.text + '!') if kw.get('input_format') != 'html' else None\n"
        "    return result\n"
        "cleaner.clean = clean\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(sitecustomize.parent))
    proc = fuzz(tmp_path, "-runs=50", "-seed=1")
    assert proc.returncode != 0
    assert "PropertyFailure" in proc.stdout and "input=" in proc.stdout
    assert any(p.name.startswith("crash-") for p in tmp_path.iterdir())


# Found by this fuzz target (minimised by hand) and fixed; each stays as a test.
# A new finding that cannot be fixed at once goes here as a strict xfail.
FIXED_NOT_IDEMPOTENT = [
    # names.variants removed "ß" from "Zelenskyyß"; ftfy then repaired the MacRoman quote
    # in the recheck, after artifacts.quote_space had run (seed 12; the recheck now runs
    # the artifacts rules too).
    "Volodymyr Zelenskyyß said. Fund‚ÄúThis must end,‚Äù he said.",
    # ftfy left "â€ž" after two spaces and fixed it after one: layout.inner_spaces
    # collapsed them after encoding ran (seed 10; now encoding runs again after layout).
    "Pubblicità  â€ž ´ â€ž",
    # artifacts.sentence_space made "x. The the"; artifacts.repeated_word only saw it on the next run.
    "zt.The the",
    # boilerplate.dateline removed the last short capitalised line, then on the next run the one before it.
    "Talks resumed.\nPRS\nDŁO",
    # names.case judged English-ness on the raw text, read-more line included; the
    # second run (without it) capitalised the word.
    "ee er er te am ag ie he en in er en he rt mr es mr\nfacebook\nread more",
    "russ nd he us ed to pt he id on tu\nread more -ré dé qu’il et es ci",
    # names.variants rewrote "Zelenskyý" before a combining mark, leaving "y" + U+0301
    # (not NFC); the next run's encoding.nfc composed it.
    "Volodymyr Zelenskyý\ufeff\u0301 said the talks would go on.",
    # artifacts.quote_space made "the.The “The"; artifacts.sentence_space only saw the stop then
    # (the artifacts stage now repeats until nothing changes, like encoding).
    "the.The“The",
    # boilerplate.repeated_headline saw 20 lines of the top block; copies beyond them moved in
    # once the first ones were gone, and the next run removed one more.
    "Russian Direct Investment Fund | x\n" + "Sovereign Police Fund\n" * 22 + "Russian Direct Investments Fund bb\n",
    # boilerplate.photo_credit allowed one blank line between caption and credit; a read-more
    # line removed between them left two until the final layout, so only the next run took them.
    "The talks resumed.\n\nPutin is pictured in Moscow on May 9, 2025.\n\nRead more: Putin says talks go on\n\n"
    "Simon Dawson | No 10 Downing Street\n\nBoth sides agreed to meet again next week in Riyadh.\n",
    # boilerplate.site_tagline (aggressive) removed the copies of "getty images" in the 20-line
    # top block; copies further down moved in, and the next run removed them (the boilerplate
    # stage now repeats its neighbour-reading rules until nothing changes).
    (
        "Jane Fraser pro-ruse separatists\n\nGETTY IMAGES\n\nGETTY IMAGES\n\ngetty images\n\n"
        + "fi\n\n" * 16 + "getty images\n\n" * 4,
        {"profile": "aggressive"},
    ),
    # ftfy leaves "‚Äû" (mojibake of „) alone on a line that also holds "ü"; once names.style
    # wrote "Turkey" for "Türkiye" the next run repaired it (the recheck stage now runs encoding).
    ("Türkiye hosted the talks.‚ÄûAfter four hours the delegations left without a statement.", {"name_style": "canonical"}),
    # encoding.mojibake handed ftfy the line "GesprÃ¤che ...\u2028‚ÄùPoroshenko‚Äù": ftfy repaired
    # only "Ã¤"; layout.line_endings then cut the line, and the next run repaired "‚Äù".
    "Die GesprÃ¤che gehen weiter.\u2028‚ÄùPoroshenko‚Äù said no.",
    # names.case capitalised "zelenskyy"; names.variants had judged "Xvolodymyr" with no name
    # next to it, and only the next run's evidence ("Zelenskyy" after it) repaired it.  The
    # words next to a restored capital are now judged again on the restored text.
    "Share on X\u200bvolodymyr zelenskyy\nread more\n",
    # names.case saw a German line and judged the article not English; artifacts.foreign_lines
    # (remove) then deleted it, and the next run capitalised the names (fuzz seed 7; the
    # recheck stage now runs the names rules too, until nothing changes).
    (
        "kanzler sagte am dienstag, die gespräche würden der kommenden woche fortgesetzt.\n"
        "cooperation, officials said on Tuesday.ZUMA Wire\nvolodymyr zelenskyy\nmariya zakharova\n"
        "Russia and the US agreed to put the foundations for future cooperation, officials said on Tuesday.. TAGI",
        {"foreign_lines": "remove"},
    ),
]


@pytest.mark.parametrize("case", FIXED_NOT_IDEMPOTENT)
def test_fixed_fuzz_findings_stay_idempotent(case):
    text, options = case if isinstance(case, tuple) else (case, None)
    once = cleaner.clean(text, options=options).text
    assert cleaner.clean(once, options=options).text == once


# An open finding (found, not yet fixed) is kept as a strict xfail here, e.g.
# @pytest.mark.xfail(strict=True, reason="open finding: clean() not idempotent") on a copy
# of the test above; none is open now.
