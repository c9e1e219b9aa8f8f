"""`cleaner batch`: accounting, order, exit statuses, resume after a kill, Dask = local.

The jobs run the "conservative" profile: these tests are about the batch
machinery, and should not depend on the rules that other categories add.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.batch import BatchConfig, run
from cleaner.batch import io as batch_io
from cleaner.cli import main

REPO = Path(__file__).resolve().parents[1]


def article(i: int) -> str:
    return (
        f"Talks on corridor {i} resume\n\n"
        f"The delegations met on Monday in city number {i} and agreed to continue.\n"
        "Read more: Ministers sign the energy deal\n"
        f"Officials said a second round would follow within {i % 7 + 2} weeks.\n"
    )


def records(n: int, start: int = 0) -> list[dict]:
    return [{"id": f"r{i}", "site": f"site{i % 3}", "text": article(i), "lang": "en"} for i in range(start, start + n)]


def write_jsonl(path: Path, rows: list) -> Path:
    with open(path, "wb") as f:
        for row in rows:
            f.write(row if isinstance(row, bytes) else (json.dumps(row) + "\n").encode())
    return path


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        return [json.loads(line) for line in f]


BAD_LINES = [
    b"this is not json\n",
    (json.dumps({"id": "no-text", "body": "x"}) + "\n").encode(),
    (json.dumps({"id": "null-text", "text": None}) + "\n").encode(),
    (json.dumps({"id": 7, "text": 42}) + "\n").encode(),
    b"[1, 2, 3]\n",
    b'{"id": "bad-utf8", "text": "caf\xe9"}\n',
]


def mixed_input(tmp_path: Path) -> tuple[Path, int, int]:
    """12 good records with the six bad lines and two blank lines spread among them."""
    good = records(12)
    rows: list = []
    for i, rec in enumerate(good):
        rows.append(rec)
        if i % 2 == 0 and BAD_LINES[i // 2 : i // 2 + 1]:
            rows.append(BAD_LINES[i // 2])
    rows.insert(3, b"\n")
    rows.append(b"   \n")
    return write_jsonl(tmp_path / "in.jsonl", rows), len(good), len(BAD_LINES)


def test_accounting_with_bad_lines(tmp_path: Path) -> None:
    inp, n_good, n_bad = mixed_input(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(out), workers=1, chunk_size=4))
    assert (summary.read, summary.written, summary.failed) == (n_good + n_bad, n_good, n_bad)
    assert summary.exit_status == 3
    assert summary.changes["boilerplate.read_more"] == n_good
    cleaned = read_jsonl(out)
    assert len(cleaned) == n_good
    assert [r["id"] for r in cleaned] == [f"r{i}" for i in range(n_good)]
    for rec in cleaned:  # every other field kept, text cleaned in place
        assert set(rec) == {"id", "site", "text", "lang"} and rec["lang"] == "en"
        assert "Read more" not in rec["text"] and "city number" in rec["text"]
    errors = read_jsonl(Path(str(out) + ".errors.jsonl"))
    assert len(errors) == n_bad
    lines = inp.read_bytes().split(b"\n")
    for err in errors:
        assert err["input"] == str(inp) and err["error"]
        assert lines[err["line"] - 1] + b"\n" in BAD_LINES  # the line number points at the bad line
    by_id = {e.get("id"): e["error"] for e in errors}
    assert by_id["no-text"] == "no 'text' field"
    assert by_id["null-text"] == "field 'text' is null, not a string"
    assert by_id[7] == "field 'text' is a number, not a string"
    assert "not valid UTF-8" in " ".join(by_id.values())
    assert not Path(str(out) + ".partial").exists() and not Path(str(out) + ".state.json").exists()


def test_cli_exit_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", records(5))
    inp, _, _ = mixed_input(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main(["batch", "--profile", "conservative", str(good), "-o", str(out), "--workers", "1"]) == 0
    summary = capsys.readouterr().err
    assert "records read: 5, written: 5, failed: 0" in summary and "boilerplate.read_more" in summary
    assert not Path(str(out) + ".errors.jsonl").exists()
    assert main(["batch", "--profile", "conservative", str(inp), "-o", str(out), "--workers", "1", "--quiet"]) == 3
    assert capsys.readouterr().err == ""
    assert Path(str(out) + ".errors.jsonl").exists()
    assert main(["batch", "--profile", "conservative", str(good), "-o", str(out), "--workers", "1", "-q"]) == 0
    assert not Path(str(out) + ".errors.jsonl").exists()  # a stale errors file is removed
    usage = [
        [str(tmp_path / "missing.jsonl"), "-o", str(out)],
        [str(good), str(tmp_path), "-o", str(out)],  # JSONL mixed with a folder of text
        [str(good), "-o", str(out), "--workers", "0"],
        [str(good), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1"],
        [str(good), "-o", str(out), "--learn-templates", "--template-min-docs", "1"],
        [str(good), "-o", str(out), "--enable", "no.such_rule"],
        [str(tmp_path / "notes.md"), "-o", str(out)],
        ["-", "-o", str(out), "--learn-templates"],  # learning reads the input twice
    ]
    (tmp_path / "notes.md").write_text("x")
    for argv in usage:
        assert main(["batch", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("cleaner: error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_order_and_determinism_across_workers(tmp_path: Path) -> None:
    inp = write_jsonl(tmp_path / "in.jsonl", records(40) + [b"oops\n"] + records(20, start=40))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(one), workers=1, chunk_size=7))
    run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(two), workers=2, chunk_size=3))
    assert one.read_bytes() == two.read_bytes()
    assert [r["id"] for r in read_jsonl(two)] == [f"r{i}" for i in range(60)]
    assert Path(str(one) + ".errors.jsonl").read_bytes() == Path(str(two) + ".errors.jsonl").read_bytes()


def test_with_changes_gzip_and_several_inputs(tmp_path: Path) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", records(3))
    b = tmp_path / "b.jsonl.gz"
    with gzip.open(b, "wb") as f:
        for rec in records(3, start=3):
            f.write((json.dumps({"body": rec["text"], "key": rec["id"]}) + "\n").encode())
    out = tmp_path / "out.jsonl.gz"
    assert main(["batch", "--profile", "conservative", str(a), "-o", str(out), "--with-changes", "-q", "--workers", "1"]) == 0
    rec = read_jsonl(out)[0]
    assert rec["changes"][0]["rule"] == "boilerplate.read_more" and rec["diff"].startswith("---")
    out2 = tmp_path / "out2.jsonl"
    assert main(["batch", "--profile", "conservative", str(b), "-o", str(out2), "--text-field", "body", "--id-field", "key", "-q", "--chunk-size", "2"]) == 0
    assert [r["key"] for r in read_jsonl(out2)] == ["r3", "r4", "r5"]
    assert all("Read more" not in r["body"] for r in read_jsonl(out2))


def test_folder_of_jsonl_parts(tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    write_jsonl(parts / "part-1.jsonl", records(2, start=2))
    write_jsonl(parts / "part-0.jsonl", records(2))
    out = tmp_path / "out.jsonl"
    assert main(["batch", "--profile", "conservative", str(parts), "--glob", "*.jsonl", "-o", str(out), "-q"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["r0", "r1", "r2", "r3"]  # parts in sorted order
    (parts / "notes.txt").write_text("x")
    assert main(["batch", str(parts), "--glob", "*", "-o", str(out), "-q"]) == 2  # JSONL and text together


def test_stdin_and_no_progress_bar_without_tty(tmp_path: Path) -> None:
    data = b"".join((json.dumps(r) + "\n").encode() for r in records(4))
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "batch", "--profile", "conservative", "-", "-o", str(out), "--workers", "1"],
        input=data, capture_output=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"\r" not in proc.stderr and b"B/s" not in proc.stderr  # summary only, no bar
    assert b"records read: 4, written: 4, failed: 0" in proc.stderr
    assert len(read_jsonl(out)) == 4


def test_text_folder_is_mirrored(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for rel, i in (("a/one.txt", 1), ("a/deep/two.txt", 2), ("b/three.txt", 3)):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(article(i), encoding="utf-8")
    (corpus / "b" / "skip.md").write_text("not matched by the glob")
    (corpus / "b" / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    out = tmp_path / "cleaned"
    assert main(["batch", "--profile", "conservative", str(corpus), "-o", str(out), "-q", "--with-changes"]) == 3
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "a/deep/two.txt", "a/deep/two.txt.changes.json", "a/one.txt", "a/one.txt.changes.json",
        "b/three.txt", "b/three.txt.changes.json",
    ]
    assert (out / "a" / "one.txt").read_text() == article(1).replace("Read more: Ministers sign the energy deal\n", "")
    [error] = read_jsonl(tmp_path / "cleaned.errors.jsonl")
    assert error["input"].endswith("latin1.txt") and "UTF-8" in error["error"]
    md = tmp_path / "md"
    assert main(["batch", "--profile", "conservative", str(corpus), "-o", str(md), "-q", "--glob", "*.md"]) == 0
    assert (md / "b" / "skip.md").exists()


def test_chunks_in_flight_are_bounded(tmp_path: Path) -> None:
    """Memory is bounded by chunk size: the input is pulled at most `in_flight` chunks ahead."""
    from cleaner.batch.job import map_ordered, prepare
    from cleaner.batch.io import resolve_inputs, chunks

    inp = write_jsonl(tmp_path / "in.jsonl", records(60))
    config = BatchConfig(profile="conservative", inputs=[str(inp)], output=str(tmp_path / "o.jsonl"))
    inputs = resolve_inputs(config.inputs)
    ctx, _, _ = prepare(config, inputs)
    pulled = 0

    def counting():
        nonlocal pulled
        for chunk in chunks(inputs, 3):
            pulled += 1
            yield chunk

    ahead = []
    for done, result in enumerate(map_ordered(counting(), ctx, workers=2, in_flight=3), 1):
        ahead.append(pulled - done)
        assert result.read == 3
    assert done == 20 and max(ahead) <= 3


# -- resume ---------------------------------------------------------------------


def _bigger_input(tmp_path: Path, n: int = 80) -> Path:
    rows: list = list(records(n))
    rows.insert(5, b"not json at the start\n")
    rows.insert(n - 5, b"not json near the end\n")
    return write_jsonl(tmp_path / "big.jsonl", rows)


def test_resume_after_sigkill(tmp_path: Path) -> None:
    inp = _bigger_input(tmp_path)
    out = tmp_path / "out.jsonl"
    state = Path(str(out) + ".state.json")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "batch", "--profile", "conservative", str(inp), "-o", str(out), "--workers", "2", "--chunk-size", "4", "-q"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    consumed = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            consumed = json.loads(state.read_text())["consumed"]
        except (OSError, ValueError, KeyError):
            consumed = 0
        if consumed >= 8:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the job ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the job and its worker processes, mid-write
    proc.wait()
    assert not out.exists() and Path(str(out) + ".partial").exists()
    assert 8 <= json.loads(state.read_text())["consumed"] < 82

    assert main(["batch", "--profile", "conservative", str(inp), "-o", str(out), "--resume", "--workers", "2", "--chunk-size", "5", "-q"]) == 3
    reference = tmp_path / "reference.jsonl"
    assert main(["batch", "--profile", "conservative", str(inp), "-o", str(reference), "--workers", "1", "-q"]) == 3
    assert out.read_bytes() == reference.read_bytes()
    errors = read_jsonl(Path(str(out) + ".errors.jsonl"))
    assert errors == [{**e, "input": str(inp)} for e in read_jsonl(Path(str(reference) + ".errors.jsonl"))]
    assert len(errors) == 2 and len(read_jsonl(out)) == 80
    assert not state.exists()


def test_resume_discards_uncommitted_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash after writing past the last checkpoint: resume truncates and redoes it."""
    from cleaner.batch import job

    inp = write_jsonl(tmp_path / "in.jsonl", records(30) + [b"bad\n"])
    out = tmp_path / "out.jsonl"
    real = job.map_ordered

    def crashing(chunks, ctx, workers, in_flight=None):
        for n, result in enumerate(real(chunks, ctx, workers, in_flight)):
            if n == 3:
                with open(str(out) + ".partial", "ab") as f:
                    f.write(b'{"half": "a record that was never committed')
                raise RuntimeError("simulated crash")
            yield result

    monkeypatch.setattr(job, "map_ordered", crashing)
    with pytest.raises(RuntimeError):
        run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(out), workers=1, chunk_size=4))
    assert json.loads(Path(str(out) + ".state.json").read_text())["consumed"] == 12
    monkeypatch.setattr(job, "map_ordered", real)
    summary = run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(out), workers=1, chunk_size=4, resume=True))
    assert (summary.read, summary.written, summary.failed, summary.resumed_from) == (31, 30, 1, 12)
    assert summary.changes["boilerplate.read_more"] == 30  # counts carried over from the first run
    assert [r["id"] for r in read_jsonl(out)] == [f"r{i}" for i in range(30)]


def test_resume_after_a_kill_during_the_final_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp = write_jsonl(tmp_path / "in.jsonl", records(9) + [b"bad\n"])
    out = tmp_path / "out.jsonl"
    reference = tmp_path / "reference.jsonl"
    run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(reference), workers=1))

    def killed(output: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_io.State, "remove", staticmethod(killed))
    with pytest.raises(KeyboardInterrupt):
        run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(out), workers=1, chunk_size=3))
    monkeypatch.undo()
    summary = run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(out), workers=1, resume=True))
    assert (summary.read, summary.written, summary.failed) == (10, 9, 1)
    assert out.read_bytes() == reference.read_bytes()
    assert len(read_jsonl(Path(str(out) + ".errors.jsonl"))) == 1


def test_resume_refuses_a_different_job(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = write_jsonl(tmp_path / "in.jsonl", records(10))
    out = tmp_path / "out.jsonl"
    batch_io.State("not-this-job", consumed=4).save(str(out))
    assert main(["batch", "--profile", "conservative", str(inp), "-o", str(out), "--resume", "-q"]) == 2
    assert "cannot resume" in capsys.readouterr().err
    assert main(["batch", "--profile", "conservative", str(inp), "-o", str(out), "-q"]) == 0  # without --resume: starts afresh
    assert len(read_jsonl(out)) == 10


# -- Dask -----------------------------------------------------------------------


def test_dask_output_equals_local(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    rows: list = []
    for i, rec in enumerate(records(30)):
        rec["text"] = f"Site{i % 2} Daily Briefing\n" + rec["text"] + f"Follow site{i % 2} on the radio\n"
        rows.append(rec)
    rows.insert(10, b"{broken\n")
    rows.insert(25, b"\n")
    a = write_jsonl(tmp_path / "part-0.jsonl", rows)
    b = write_jsonl(tmp_path / "part-1.jsonl", records(5, start=30) + [b"[]\n"])
    common = dict(chunk_size=4, learn_templates=True, source_field="site")
    local = run(BatchConfig(profile="conservative", inputs=[str(a), str(b)], output=str(tmp_path / "local.jsonl"), workers=1, **common))
    dask = run(
        BatchConfig(
            profile="conservative", inputs=[str(a), str(b)], output=str(tmp_path / "dask.jsonl"), workers=2, engine="dask", dask_processes=False,
            partition_bytes=2000, **common,  # several byte-range partitions per file
        )
    )
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl.errors.jsonl").read_bytes() == (tmp_path / "local.jsonl.errors.jsonl").read_bytes()
    assert (dask.read, dask.written, dask.failed, dask.changes) == (local.read, local.written, local.failed, local.changes)
    assert local.changes.get("boilerplate.site_template", 0) > 0
    assert not (tmp_path / "dask.jsonl.parts").exists()


def test_dask_partitions_own_every_line_once(tmp_path: Path) -> None:
    from cleaner.batch.dask_engine import plan_partitions, read_partition

    inp = write_jsonl(tmp_path / "in.jsonl", records(50) + [b"\n"] + records(3, start=50))
    lines = inp.read_bytes().splitlines(keepends=True)
    for size in (1, 97, 400, 10**6):
        parts = plan_partitions((str(inp),), size)
        got = [line for p in parts for _, line in read_partition(p)]
        assert got == lines, size
