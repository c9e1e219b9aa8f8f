#!/usr/bin/env python3
"""Changes the cleaner makes to text that is already clean: candidate false positives.

Runs `cleaner.clean` on the hand-made gold article bodies of the two public benchmarks in
`../shared/benchmarks` (Zyte article-extraction-benchmark, 181 news pages; WCXB test split,
257 articles + 248 other pages).  Gold text is clean by definition, so every removed line and
every rewritten word is a candidate false positive (a few are real: gold annotators kept some
photo credits and read-more lines).  Prints changes per rule and per 100 documents, and
examples.  Needs ../shared/benchmarks; says so and exits 0 when it is absent.

    .venv/bin/python bench/false_positives.py [--examples 8] [--rule names.variants]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
sys.path.insert(0, str(ROOT))


def gold_bodies() -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    aeb = SHARED / "article-extraction-benchmark" / "ground-truth.json"
    if aeb.exists():
        sets["zyte-aeb"] = [v["articleBody"] for v in json.loads(aeb.read_text(encoding="utf-8")).values()]
    wcxb = SHARED / "wcxb-test"
    if (wcxb / "metadata.json").exists():
        meta = json.loads((wcxb / "metadata.json").read_text(encoding="utf-8"))
        types = {k: v.get("page_type") for k, v in meta.get("files", {}).items()}
        for f in sorted((wcxb / "ground-truth").glob("*.json")):
            body = json.loads(f.read_text(encoding="utf-8"))["ground_truth"]["main_content"]
            if body:
                kind = "articles" if types.get(f.stem) == "article" else "other pages"
                sets.setdefault(f"wcxb {kind}", []).append(body)
    return sets


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=6)
    ap.add_argument("--rule", help="only show examples of this rule id (or prefix)")
    ap.add_argument("--profile", default="default")
    a = ap.parse_args()
    sets = gold_bodies()
    if not sets:
        print(f"benchmarks not found at {SHARED}; nothing to measure")
        return 0
    import cleaner

    for name, bodies in sets.items():
        per_rule: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        changed_docs = 0
        for body in bodies:
            result = cleaner.clean(body, profile=a.profile)
            changed_docs += result.text != body
            for c in result.changes:
                if c.category == "layout" or c.category == "encoding":
                    continue
                per_rule[c.rule] += 1
                examples[c.rule].append(f"{c.before.strip()[:90]!r} -> {c.after.strip()[:60]!r}")
        print(f"\n== {name}: {len(bodies)} gold bodies, {changed_docs} changed beyond layout/encoding")
        for rule, n in per_rule.most_common():
            print(f"  {rule:34} {n:5}  ({100 * n / len(bodies):.1f} per 100 docs)")
            if a.rule is None or rule.startswith(a.rule):
                for ex in examples[rule][: a.examples]:
                    print(f"      {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
