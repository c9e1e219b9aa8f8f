"""Benchmark `cleaner batch`: records/s by worker count, and peak memory by input size.

    .venv/bin/python bench/batch.py                      # full: 2k records x 1/2 workers; RSS at 10k and 100k
    .venv/bin/python bench/batch.py --quick              # smoke run: 500 records; RSS at 2k and 10k

Records are synthetic: windows of 3-6 paragraphs of the seed articles
(``../shared/seeds/*/raw.txt`` when that folder exists, else the repository's
``seeds/*/raw.txt``) between a per-site tagline and footer, about 1 kB each,
with one bad line per 1,000.  Each job runs as its own `cleaner batch`
process (the long memory runs niced); peak RSS is sampled from /proc (VmHWM) for the job process
and, separately, the largest of its worker processes.  Memory must not grow
with the input: it is bounded by chunk size x chunks in flight.

Results are printed and written to .bench-out/batch.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


def seed_texts() -> list[str]:
    paths = sorted(SHARED_SEEDS.glob("*/raw.txt"))
    if paths:
        print(f"seeds: {len(paths)} articles from {SHARED_SEEDS}")
    else:
        print(f"NOTE: {SHARED_SEEDS} is absent; generating synthetic records from {REPO / 'seeds'}/*/raw.txt instead")
        paths = sorted((REPO / "seeds").glob("*/raw.txt"))
    if not paths:
        sys.exit("no seed articles found")
    return [p.read_text(encoding="utf-8") for p in paths]


def write_corpus(path: Path, n: int, seeds: list[str]) -> int:
    paragraphs = [[line for line in text.split("\n") if line.strip()] for text in seeds]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if i % 1000 == 999:
                f.write("this line is not JSON\n")
                continue
            rng = random.Random(i)
            paras = paragraphs[i % len(paragraphs)]
            k = rng.randint(3, 6)
            start = rng.randrange(max(1, len(paras) - k))
            body = "\n\n".join(paras[start : start + k])[:1200]
            site = f"site{i % 20}"
            text = f"{site.title()} News | Your daily briefing\n\n{body}\n\nFollow {site.title()} News on the radio\n"
            f.write(json.dumps({"id": i, "source": site, "text": text}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return kids


def run_job(inp: Path, out: Path, workers: int, nice: bool = False) -> dict:
    cmd = [sys.executable, "-m", "cleaner", "batch", str(inp), "-o", str(out), "--workers", str(workers)]
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(
        (["nice", "-n", "10"] if nice else []) + cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    main_kb = worker_kb = 0
    while proc.poll() is None:
        main_kb = max(main_kb, _hwm_kb(proc.pid))
        for child in _children(proc.pid):
            worker_kb = max(worker_kb, _hwm_kb(child))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the job and its (waited-for) workers
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 3):
        sys.exit(f"job failed ({proc.returncode}):\n{stderr}")
    summary = {}
    for line in stderr.splitlines():
        if line.startswith("records read:"):
            parts = dict(p.strip().split(": ") for p in line.split(","))
            summary = {k.replace("records ", ""): int(v) for k, v in parts.items()}
        if line.startswith("elapsed:"):
            summary["elapsed_s"] = float(line.split()[1])
    return {"workers": workers, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "main_peak_rss_mb": round(main_kb / 1024, 1),
            "worker_peak_rss_mb": round(worker_kb / 1024, 1), **summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    ap.add_argument("--throughput-records", type=int, default=None)
    ap.add_argument("--rss-sizes", default=None, help="comma-separated record counts (default 10000,100000)")
    ap.add_argument("--rss-workers", type=int, default=2)
    args = ap.parse_args()
    n_tp = args.throughput_records or (500 if args.quick else 2000)
    sizes = [int(x) for x in (args.rss_sizes or ("2000,10000" if args.quick else "10000,100000")).split(",")]

    seeds = seed_texts()
    results: dict = {"cores": os.cpu_count(), "load_avg_at_start": os.getloadavg(), "throughput": [], "memory": []}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        tmpdir = Path(tmp)
        inp = tmpdir / f"tp-{n_tp}.jsonl"
        mb = write_corpus(inp, n_tp, seeds) / 2**20
        for workers in (1, 2):
            r = run_job(inp, tmpdir / f"out-tp-{workers}.jsonl", workers)
            r["records_per_s"] = round(r["read"] / r["elapsed_s"], 1)
            r["mb_per_s"] = round(mb / r["elapsed_s"], 3)
            r["records_per_cpu_s"] = round(r["read"] / r["cpu_s"], 1)
            results["throughput"].append(r)
            print(f"throughput  {n_tp:>7} records ({mb:.1f} MB), {workers} worker(s): "
                  f"{r['records_per_s']:>7.1f} records/s, {r['mb_per_s']:.2f} MB/s (job {r['elapsed_s']} s, "
                  f"{r['records_per_cpu_s']} records per CPU-second incl. startup)")
        # Determinism: 1 and 2 workers on the same input, started together so that both
        # run the same code (the checkout may change between sequential runs).
        det = tmpdir / "det.jsonl"
        write_corpus(det, 300, seeds)
        cmd = [sys.executable, "-m", "cleaner", "batch", str(det), "-q", "--chunk-size", "7", "-o"]
        procs = [subprocess.Popen([*cmd, str(tmpdir / f"det-{w}.jsonl"), "--workers", str(w)], cwd=REPO,
                                  env={**os.environ, "PYTHONPATH": str(REPO)}) for w in (1, 2)]
        for p in procs:
            p.wait()
        same = (tmpdir / "det-1.jsonl").read_bytes() == (tmpdir / "det-2.jsonl").read_bytes()
        results["same_output_1_and_2_workers"] = same
        print(f"same output at 1 and 2 workers: {same}")
        for n in sizes:
            inp = tmpdir / f"rss-{n}.jsonl"
            mb = write_corpus(inp, n, seeds) / 2**20
            r = run_job(inp, tmpdir / f"out-rss-{n}.jsonl", args.rss_workers, nice=True)
            r.update(records=n, input_mb=round(mb, 1), records_per_s=round(r["read"] / r["elapsed_s"], 1))
            results["memory"].append(r)
            print(f"memory      {n:>7} records ({mb:.1f} MB), {args.rss_workers} workers: main peak RSS "
                  f"{r['main_peak_rss_mb']} MB, largest worker {r['worker_peak_rss_mb']} MB "
                  f"({r['records_per_s']} records/s)")
            inp.unlink()
    results["load_avg_at_end"] = os.getloadavg()
    out_dir = REPO / ".bench-out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "batch.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"load average at start {results['load_avg_at_start']}, at end {results['load_avg_at_end']} "
          f"({results['cores']} cores, shared)")
    print(f"written {out_dir / 'batch.json'}")


if __name__ == "__main__":
    main()
