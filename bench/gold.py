"""The gold article bodies of the two public benchmarks in ../shared/benchmarks, for the
bench scripts that need many different, clean articles (absent: an empty list)."""
from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"


def gold_bodies() -> list[str]:
    """The 686 hand-made article bodies (Zyte AEB, then WCXB test), all different."""
    bodies = []
    aeb = SHARED / "article-extraction-benchmark" / "ground-truth.json"
    if aeb.exists():
        bodies += [v["articleBody"] for v in json.loads(aeb.read_text(encoding="utf-8")).values()]
    for f in sorted((SHARED / "wcxb-test" / "ground-truth").glob("*.json")):
        bodies.append(json.loads(f.read_text(encoding="utf-8"))["ground_truth"]["main_content"] or "")
    return [b for b in bodies if b.strip()]
