#!/usr/bin/env python3
"""Record everything clean() returns on a fixed corpus, and compare two recordings.

The regression check for performance work: a speed-up must leave the output of
every text identical (text, changes, warnings, language, title), unless the
change is deliberate and its diff is read.  The corpus: the repo's seeds and
fixtures, plus, when ../shared/benchmarks is present (it says so when absent),
the gold article bodies and the Zyte benchmark's HTML pages cleaned as HTML.

    .venv/bin/python bench/snapshot.py record /tmp/before.jsonl [--only gold_]
    .venv/bin/python bench/snapshot.py compare /tmp/before.jsonl /tmp/after.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from gold import SHARED, gold_bodies  # noqa: E402
sys.path.insert(0, str(ROOT))


def texts() -> Iterator[tuple[str, str, str]]:
    """(id, input format, input) for every text of the corpus, in a fixed order."""
    for f in sorted(ROOT.glob("seeds/*/raw.txt")):
        yield f"seed_{f.parent.name}", "text", f.read_text(encoding="utf-8")
    for f in sorted(ROOT.glob("fixtures/**/*")):
        if f.suffix in (".txt", ".html") and not f.name.endswith(".expected.txt") and f.name != "README.md":
            kind = "html" if f.suffix == ".html" else "text"
            yield f"fixture_{f.relative_to(ROOT / 'fixtures')}", kind, f.read_text(encoding="utf-8")
    bodies = gold_bodies()
    if not bodies:
        print(f"note: {SHARED} is absent; recording the repo's own texts only", file=sys.stderr)
    for i, body in enumerate(bodies):
        yield f"gold_{i:03d}", "text", body
    for f in sorted((SHARED / "article-extraction-benchmark" / "html").glob("*.html*")):
        yield f"html_{f.name}", "html", _read_html(f)


def _read_html(path: Path) -> str:
    if path.suffix == ".gz":
        import gzip

        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return path.read_text(encoding="utf-8", errors="replace")


def record(out: Path, only: str) -> None:
    import cleaner

    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for key, kind, text in texts():
            if not key.startswith(only):
                continue
            r = cleaner.clean(text, input_format=kind)
            fh.write(json.dumps({
                "id": key,
                "text": r.text,
                "changes": [c.to_dict() for c in r.changes],
                "warnings": [w.to_dict() for w in r.warnings],
                "language": r.language,
                "title": r.metadata.get("title"),
            }, ensure_ascii=False) + "\n")
            n += 1
    print(f"recorded {n} texts in {out}")


def compare(a: Path, b: Path, show: int) -> int:
    def load(p: Path) -> dict[str, dict]:
        return {r["id"]: r for r in map(json.loads, p.read_text(encoding="utf-8").splitlines())}

    left, right = load(a), load(b)
    differ = [k for k in left if k in right and left[k] != right[k]]
    missing = sorted(set(left) ^ set(right))
    for key in differ[:show]:
        fields = [f for f in left[key] if left[key][f] != right[key].get(f)]
        print(f"{key}: differs in {', '.join(fields)}")
        if "text" in fields:
            import difflib

            diff = difflib.unified_diff(left[key]["text"].splitlines(), right[key]["text"].splitlines(),
                                        lineterm="", n=0)
            print("\n".join(list(diff)[2:20]))
    print(f"{len(left)} vs {len(right)} texts: {len(differ)} differ, {len(missing)} in one only")
    return 1 if differ or missing else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out", type=Path)
    rec.add_argument("--only", default="", help="record only the ids with this prefix (seed_, fixture_, gold_, html_)")
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("a", type=Path)
    cmp_.add_argument("b", type=Path)
    cmp_.add_argument("--show", type=int, default=10, help="texts whose differences are printed")
    args = ap.parse_args()
    if args.command == "record":
        record(args.out, args.only)
        return 0
    return compare(args.a, args.b, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
