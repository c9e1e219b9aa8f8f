"""Extraction quality on two public benchmarks: trafilatura alone vs our pipeline.

    .venv/bin/python bench/extraction.py [--set aeb|wcxb|all] [--limit N] [--workers 2]

Sets (read from ``../shared/benchmarks``, or ``--data DIR``; when absent the
script says so and exits 0):

- ``aeb``: article-extraction-benchmark (Zyte, 181 news pages).  Metric as its
  README defines it: `\\w+` tokens (case kept), multisets of overlapping
  4-token shingles, per-page precision and recall, each macro-averaged (pages
  with an empty prediction are left out of the precision mean), and F1 = the
  harmonic mean of the two means.  Also printed: meanF1 (mean of per-page F1,
  an empty prediction scoring 0) and the number of empty outputs.
- ``wcxb``: WCXB test split (511 pages of seven types, CC-BY-4.0, Murrough
  Foley 2026).  Its own metric: lower-cased `\\w+` words as a bag, per-page
  P, R, F1 (an empty prediction scores 0; empty gold and empty prediction
  score 1), each averaged over pages.  Reported for all pages and for the
  257 articles separately, plus the shingle metric above for comparison.

Systems, all in the same run: trafilatura with its defaults
(``trafilatura.extract(html)``), trafilatura with ``include_comments=False``,
ours (``cleaner.clean(html, input_format="html")``), and ours with the
opt-in ``precision_trim`` of `cleaner.html.extract` (not the default: it
trades some recall for precision).  The ten pages where
ours loses most against trafilatura's defaults are listed per set.

Nothing is cached or written into the repository; ``--dump DIR`` writes every
output for inspection.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable

SYSTEMS = ("trafilatura", "trafilatura-nc", "ours", "ours-trim")
LABELS = {
    "trafilatura": "trafilatura defaults",
    "trafilatura-nc": "trafilatura include_comments=False",
    "ours": "article-cleaner (html)",
    "ours-trim": "article-cleaner, precision_trim=True",
}
_WORD = re.compile(r"\w+")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


# -- metrics -----------------------------------------------------------------

def shingles(text: str, n: int = 4) -> Counter:
    tokens = _WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) <= n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_pr(pred: str, gold: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the benchmark leaves the page out."""
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    precision = tp / sum(p.values()) if p else None
    recall = tp / sum(g.values()) if g else None
    return precision, recall


def word_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB's per-page word-bag precision, recall, F1."""
    p = Counter(_WORD.findall((pred or "").lower()))
    g = Counter(_WORD.findall((gold or "").lower()))
    if not p and not g:
        return 1.0, 1.0, 1.0
    if not p or not g:
        return 0.0, 0.0, 0.0
    overlap = sum((p & g).values())
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: Iterable[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else 0.0


def shingle_summary(pages: list[dict], system: str) -> dict[str, float]:
    pr = [shingle_pr(p["out"][system], p["gold"]) for p in pages]
    precision, recall = _mean(x[0] for x in pr), _mean(x[1] for x in pr)
    per_page = [_f1(x[0] or 0.0, x[1] or 0.0) for x in pr]
    return {
        "P": precision,
        "R": recall,
        "F1": _f1(precision, recall),
        "meanF1": _mean(per_page),
        "empty": sum(1 for p in pages if not _WORD.search(p["out"][system] or "")),
    }


def word_summary(pages: list[dict], system: str) -> dict[str, float]:
    prf = [word_prf(p["out"][system], p["gold"]) for p in pages]
    return {
        "P": _mean(x[0] for x in prf),
        "R": _mean(x[1] for x in prf),
        "F1": _mean(x[2] for x in prf),
        "empty": sum(1 for p in pages if not _WORD.search(p["out"][system] or "")),
    }


# -- data --------------------------------------------------------------------

def load_aeb(root: Path) -> list[dict]:
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        {"set": "aeb", "id": pid, "path": str(root / "html" / f"{pid}.html.gz"), "url": g.get("url", ""),
         "gold": g["articleBody"], "type": "article"}
        for pid, g in sorted(gold.items())
    ]


def load_wcxb(root: Path) -> list[dict]:
    meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    types = _page_types(meta)
    pages = []
    for path in sorted((root / "ground-truth").glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        pid = path.stem
        truth = g.get("ground_truth", {})
        pages.append({
            "set": "wcxb", "id": pid, "path": str(root / "html" / f"{pid}.html.gz"), "url": g.get("url", ""),
            "gold": truth.get("main_content") or "", "type": types.get(pid, g.get("page_type", "?")),
        })
    return pages


def _page_types(meta: Any) -> dict[str, str]:
    """Page id -> page type, from WCXB's metadata.json (a list or a mapping of records)."""
    records = meta.get("files", meta) if isinstance(meta, dict) else meta
    items = records.items() if isinstance(records, dict) else ((None, r) for r in records)
    types = {}
    for key, record in items:
        if isinstance(record, dict):
            pid = str(record.get("id") or record.get("file_id") or key)
            types[pid] = record.get("page_type") or record.get("type") or "?"
        elif isinstance(record, str) and key is not None:
            types[str(key)] = record
    return types


# -- running -----------------------------------------------------------------

def run_page(page: dict) -> dict:
    """Every system's output on one page, with timings (runs in a worker process)."""
    import trafilatura

    from cleaner import clean
    from cleaner.html import extract

    with gzip.open(page["path"], "rb") as fh:
        html = fh.read().decode("utf-8", errors="replace")
    out, secs = {}, {}
    runners: dict[str, Callable[[], str]] = {
        "trafilatura": lambda: trafilatura.extract(html) or "",
        "trafilatura-nc": lambda: trafilatura.extract(html, include_comments=False) or "",
        "ours": lambda: clean(html, input_format="html").text,
        "ours-trim": lambda: clean(extract(html, precision_trim=True)[0]).text,
    }
    for name, runner in runners.items():
        started = time.perf_counter()
        try:
            out[name] = runner()
        except Exception as exc:  # a crash is a result too: report it, score it as empty
            out[name] = ""
            out.setdefault("_errors", []).append(f"{name}: {type(exc).__name__}: {exc}")
        secs[name] = time.perf_counter() - started
    return {"id": page["id"], "out": out, "secs": secs}


def run_set(pages: list[dict], workers: int) -> float:
    started = time.perf_counter()
    by_id = {p["id"]: p for p in pages}
    if workers <= 1:
        results = map(run_page, pages)
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(run_page, pages, chunksize=4)
    for result in results:
        page = by_id[result["id"]]
        page["out"], page["secs"] = result["out"], result["secs"]
        for error in result["out"].pop("_errors", []):
            print(f"  ! {page['id']}: {error}", file=sys.stderr)
    if workers > 1:
        pool.shutdown()
    return time.perf_counter() - started


# -- report ------------------------------------------------------------------

def print_table(title: str, rows: dict[str, dict[str, float]], keys: tuple[str, ...]) -> None:
    print(f"\n{title}")
    print(f"  {'system':40s}" + "".join(f"{k:>8s}" for k in keys))
    for system, m in rows.items():
        print(f"  {LABELS[system]:40s}" + "".join(
            f"{m[k]:8.3f}" if isinstance(m[k], float) else f"{m[k]:8d}" for k in keys))


def print_losses(pages: list[dict], per_page: Callable[[str, str], float], n: int = 10) -> None:
    deltas = []
    for p in pages:
        ours, base = per_page(p["out"]["ours"], p["gold"]), per_page(p["out"]["trafilatura"], p["gold"])
        deltas.append((ours - base, ours, base, p))
    deltas.sort(key=lambda d: (d[0], d[1]))
    print(f"\n  ten pages where ours loses most against trafilatura defaults (per-page F1):")
    print(f"  {'delta':>7s} {'ours':>6s} {'traf':>6s}  id / url")
    for delta, ours, base, p in deltas[:n]:
        print(f"  {delta:+7.3f} {ours:6.3f} {base:6.3f}  {p['id'][:16]} {p['type'][:10]:10s} {p['url'][:70]}")


def shingle_page_f1(pred: str, gold: str) -> float:
    precision, recall = shingle_pr(pred, gold)
    return _f1(precision or 0.0, recall or 0.0)


def word_page_f1(pred: str, gold: str) -> float:
    return word_prf(pred, gold)[2]


def print_timing(pages: list[dict], wall: float, workers: int) -> None:
    totals = {s: sum(p["secs"][s] for p in pages) for s in SYSTEMS}
    parts = ", ".join(f"{s} {totals[s]:.1f}s ({1000 * totals[s] / max(1, len(pages)):.0f} ms/page)" for s in SYSTEMS)
    print(f"\n  timing: {len(pages)} pages in {wall:.1f}s wall on {workers} worker(s); CPU per system: {parts}")


def dump(pages: list[dict], directory: Path) -> None:
    for p in pages:
        target = directory / p["set"]
        target.mkdir(parents=True, exist_ok=True)
        for system, text in p["out"].items():
            (target / f"{p['id']}.{system}.txt").write_text(text, encoding="utf-8")
        (target / f"{p['id']}.gold.txt").write_text(p["gold"], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("aeb", "wcxb", "all"), default="all")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--workers", type=int, default=2, help="process pool size (default 2)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory holding the benchmark folders")
    parser.add_argument("--dump", type=Path, help="write every output and gold text to this directory")
    args = parser.parse_args(argv)

    sets = {
        "aeb": ("article-extraction-benchmark", load_aeb),
        "wcxb": ("wcxb-test", load_wcxb),
    }
    chosen = list(sets) if args.set == "all" else [args.set]
    found = [(name, args.data / folder, loader) for name, (folder, loader) in sets.items()
             if name in chosen and (args.data / folder).is_dir()]
    if not found:
        print(f"No benchmark data under {args.data} (expected {', '.join(sets[n][0] for n in chosen)}); "
              "nothing to measure.  These sets are not part of the repository.")
        return 0
    for name in chosen:
        if name not in [f[0] for f in found]:
            print(f"[{name}] data not found under {args.data}; skipped.")

    import trafilatura

    print(f"trafilatura {trafilatura.__version__}; python {sys.version.split()[0]}; workers {args.workers}")
    for name, root, loader in found:
        pages = loader(root)
        if args.limit:
            pages = pages[: args.limit]
        wall = run_set(pages, args.workers)
        if name == "aeb":
            print(f"\n=== article-extraction-benchmark: {len(pages)} pages, shingle-4 metric ===")
            print_table("all pages (F1 = harmonic mean of mean P and mean R)",
                        {s: shingle_summary(pages, s) for s in SYSTEMS}, ("P", "R", "F1", "meanF1", "empty"))
            print_losses(pages, shingle_page_f1)
        else:
            articles = [p for p in pages if p["type"] == "article"]
            print(f"\n=== WCXB test: {len(pages)} pages ({len(articles)} articles), word-bag metric ===")
            print_table("all pages (WCXB F1 = mean per-page F1)", {s: word_summary(pages, s) for s in SYSTEMS},
                        ("P", "R", "F1", "empty"))
            print_table("articles only", {s: word_summary(articles, s) for s in SYSTEMS}, ("P", "R", "F1", "empty"))
            print_table("articles only, shingle-4 metric (as the article benchmark)",
                        {s: shingle_summary(articles, s) for s in SYSTEMS}, ("P", "R", "F1", "meanF1", "empty"))
            print_losses(articles, word_page_f1)
        print_timing(pages, wall, args.workers)
        if args.dump:
            dump(pages, args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
