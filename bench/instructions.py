#!/usr/bin/env python3
"""CPU instructions per article of clean() and of ftfy.fix_text: a noise-free figure.

Wall-clock rates on a shared 2-core machine swing by +-25% between runs
(bench/throughput.py), so a 5% regression is invisible there.  valgrind's
cachegrind counts the instructions executed, which are the same on every run of
the same code and inputs.  Three child processes run under it: warm-up only,
warm-up + ftfy, warm-up + clean(); the differences divided by the number of
documents are the figures.  Needs valgrind (Debian's package) and
../shared/benchmarks (the unseen gold bodies); says so when either is absent.

    .venv/bin/python bench/instructions.py [--docs 229]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from gold import SHARED, gold_bodies  # noqa: E402

_CHILD = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
import ftfy, cleaner
from throughput import corpus
from gold import gold_bodies
for d in corpus():  # warm-up: imports, phrase lists, gazetteer, langdetect profiles
    cleaner.clean(d); ftfy.fix_text(d)
docs = gold_bodies()[::{step}]
work = {{"none": None, "ftfy": ftfy.fix_text, "clean": cleaner.clean}}[sys.argv[1]]
if work:
    for d in docs:
        work(d)
"""


def instructions(python: str, script: str, mode: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={tmp}/out",
             python, "-c", script, mode],
            capture_output=True, text=True, check=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if not found:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=229, help="about how many gold bodies to use (every k-th)")
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        print("instructions: skipped, valgrind is not installed (apt-get install valgrind)")
        return 0
    total = len(gold_bodies())
    if not total:
        print(f"instructions: skipped, {SHARED} is absent")
        return 0
    step = max(1, total // a.docs)
    n = len(range(0, total, step))
    script = _CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), step=step)
    base = instructions(sys.executable, script, "none")
    ftfy_ = instructions(sys.executable, script, "ftfy") - base
    ours = instructions(sys.executable, script, "clean") - base
    print(f"instructions per document ({n} gold bodies, every {step}th): "
          f"cleaner.clean {ours / n / 1e6:.2f} M   ftfy.fix_text {ftfy_ / n / 1e6:.2f} M   "
          f"ratio {ftfy_ / ours:.2f} (ftfy / clean; time ratios also depend on instructions per cycle)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
