#!/usr/bin/env python3
"""Rewrite fixtures/seeds/<case>.expected.txt from the current cleaner.

Run after a rule change, then review `git diff fixtures/` line by line: every
changed line must be a deliberate improvement.  The negative fixtures are never
rewritten: they must come out unchanged.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner  # noqa: E402


def main() -> int:
    out_dir = ROOT / "fixtures" / "seeds"
    out_dir.mkdir(parents=True, exist_ok=True)
    for case in sorted((ROOT / "seeds").iterdir()):
        raw = case / "raw.txt"
        if raw.exists():
            text = cleaner.clean(raw.read_text(encoding="utf-8")).text
            target = out_dir / f"{case.name}.expected.txt"
            changed = not target.exists() or target.read_text(encoding="utf-8") != text
            target.write_text(text, encoding="utf-8")
            print(f"{'updated' if changed else 'same   '} {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
