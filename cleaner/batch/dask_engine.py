"""The Dask engine: the same job as the local engine, on a Dask cluster.

The JSONL inputs are split into partitions: one per ``.jsonl.gz`` file, and
byte ranges of `BatchConfig.partition_bytes` for plain ``.jsonl`` (a range
owns every line that starts inside it).  Each partition is one task: the
worker reads its range from the shared file system, cleans it chunk by chunk
with the very step the local engine runs (`work.process_chunk`), and writes
``OUTPUT.parts/NNNNNN.jsonl`` (+ errors), then a ``.done.json`` marker with
its counts.  The client then concatenates the parts in input order into
OUTPUT, so the output is byte-for-byte the local engine's (for gzip output:
the same decompressed bytes).

Workers must see the input files and the output folder at the same paths as
the client (a shared file system), and have article-cleaner installed; see
docs/batch.md.  `--resume` reruns only the partitions without a marker.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from ..cli import UsageError
from . import io
from .job import BatchConfig, Summary, prepare, progress_bar
from .templates import TemplateLearner, TemplateThresholds, doc_lines
from .work import Context, process_chunk, source_key

_COPY_BLOCK = 4 * 2**20


@dataclass(frozen=True)
class Partition:
    index: int
    path: str  # absolute: what workers open
    label: str  # the input as given (error records, default template source)
    start: int = 0
    end: int | None = None  # None: to the end of the file

    @property
    def name(self) -> str:
        return f"{self.index:06d}"


def plan_partitions(paths: tuple[str, ...], partition_bytes: int) -> list[Partition]:
    parts: list[Partition] = []
    for label in paths:
        path = os.path.abspath(label)
        size = os.path.getsize(path)
        if path.lower().endswith(".gz") or size <= partition_bytes:
            parts.append(Partition(len(parts), path, label))
            continue
        for start in range(0, size, partition_bytes):
            parts.append(Partition(len(parts), path, label, start, min(start + partition_bytes, size)))
    return parts


def read_partition(part: Partition) -> Iterator[tuple[int, bytes]]:
    """(line number within the partition, raw line) for every physical line it owns."""
    if part.path.lower().endswith(".gz"):
        with gzip.open(part.path, "rb") as f:
            yield from enumerate(f, 1)
        return
    with open(part.path, "rb") as f:
        if part.start:
            f.seek(part.start - 1)
            f.readline()  # the rest of the line the previous partition owns
        pos = f.tell()
        n = 0
        while part.end is None or pos < part.end:
            line = f.readline()
            if not line:
                break
            pos += len(line)
            n += 1
            yield n, line


def clean_partition(part: Partition, ctx: Context, parts_dir: str, chunk_size: int) -> dict[str, Any]:
    """The task: clean one partition into parts_dir; returns (and marks) its counts."""
    stats: dict[str, Any] = {"lines": 0, "read": 0, "written": 0, "failed": 0, "changes": Counter()}
    base = os.path.join(parts_dir, part.name)
    with open(base + ".jsonl.tmp", "wb") as out, open(base + ".errors.tmp", "wb") as err:

        def flush(items: list[tuple[int, bytes]]) -> None:
            result = process_chunk(io.Chunk(part.label, io.JSONL, items), ctx)
            out.write(result.data)
            for e in result.errors:
                err.write(json.dumps(e, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n")
            stats["read"] += result.read
            stats["written"] += result.written
            stats["failed"] += result.failed
            stats["changes"].update(result.changes)

        items: list[tuple[int, bytes]] = []
        for n, line in read_partition(part):
            stats["lines"] = n
            if line.strip():
                items.append((n, line))
                if len(items) >= chunk_size:
                    flush(items)
                    items = []
        if items:
            flush(items)
    os.replace(base + ".jsonl.tmp", base + ".jsonl")
    os.replace(base + ".errors.tmp", base + ".errors.jsonl")
    stats["changes"] = dict(stats["changes"])
    with open(base + ".done.tmp", "w", encoding="utf-8") as f:
        json.dump(stats, f)
    os.replace(base + ".done.tmp", base + ".done.json")
    return stats


def learn_partition(part: Partition, text_field: str, source_field: str | None, thresholds: TemplateThresholds) -> list[tuple[Any, frozenset[str]]]:
    """Pass one on a worker: (source, distinct lines) of the partition's documents, at most
    `sample_docs` per source (later ones could never be in the sample)."""
    seen: Counter = Counter()
    docs: list[tuple[Any, frozenset[str]]] = []
    for _, line in read_partition(part):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            continue
        source = record.get(source_field) if source_field else part.label
        if source is None:
            continue
        key = source_key(source)
        if seen[key] >= thresholds.sample_docs:
            continue
        seen[key] += 1
        docs.append((source, doc_lines(record[text_field], thresholds.max_line_chars)))
    return docs


@contextmanager
def dask_client(config: BatchConfig) -> Iterator[Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'article-cleaner[dask]'") from None
    if config.scheduler:
        client = Client(config.scheduler, timeout="30s")
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=config.n_workers,
        threads_per_worker=1,  # cleaning is pure Python: processes, not threads, run in parallel
        processes=config.dask_processes,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def run_dask(config: BatchConfig) -> Summary:
    started = time.perf_counter()
    inputs = io.resolve_inputs(config.inputs, config.glob, config.output)
    if inputs.kind != io.JSONL:
        raise UsageError("--engine dask takes JSONL inputs (.jsonl, .jsonl.gz); use the local engine for text files")
    if "-" in inputs.paths:
        raise UsageError("--engine dask cannot read standard input: give JSONL files")
    partitions = plan_partitions(inputs.paths, config.partition_bytes)
    parts_dir = os.path.abspath(config.output) + ".parts"

    with dask_client(config) as client:

        def learn(config: BatchConfig, inputs: io.Inputs) -> dict[str, tuple[str, ...]]:
            learner = TemplateLearner(config.thresholds)
            futures = client.map(
                learn_partition, partitions, text_field=config.text_field, source_field=config.source_field,
                thresholds=config.thresholds, pure=False,
            )
            for future in futures:  # in input order, so the sample is the local engine's
                for source, lines in future.result():
                    learner.add_lines(source, lines)
                future.release()
            return learner.templates()

        ctx, summary, digest = prepare(config, inputs, learn)
        done = _open_parts_dir(parts_dir, digest, config.resume)
        todo = [p for p in partitions if p.index not in done]
        summary.resumed_from = sum(done[i]["read"] for i in done)
        if todo:
            [ctx_future] = client.scatter([ctx], broadcast=True)
            futures = client.map(
                clean_partition, todo, ctx=ctx_future, parts_dir=parts_dir, chunk_size=config.chunk_size, pure=False
            )
            bar = progress_bar(config, sum(_part_bytes(p) for p in todo), "cleaning")
            from dask.distributed import as_completed

            by_key = {f.key: p for f, p in zip(futures, todo)}
            for future in as_completed(futures):
                stats = future.result()
                done[by_key[future.key].index] = stats
                if bar is not None:
                    bar.update(_part_bytes(by_key[future.key]))
            if bar is not None:
                bar.close()

    _merge(config, partitions, done, parts_dir, summary)
    shutil.rmtree(parts_dir, ignore_errors=True)
    summary.elapsed = time.perf_counter() - started
    return summary


def _open_parts_dir(parts_dir: str, digest: str, resume: bool) -> dict[int, dict[str, Any]]:
    """Prepare OUTPUT.parts; on --resume, the counts of partitions already done."""
    job_file = os.path.join(parts_dir, "job.json")
    done: dict[int, dict[str, Any]] = {}
    if resume and os.path.exists(job_file):
        with open(job_file, encoding="utf-8") as f:
            if json.load(f).get("fingerprint") != digest:
                raise UsageError(f"cannot resume: {parts_dir} belongs to a job with other inputs or options; rerun without --resume")
        for name in os.listdir(parts_dir):
            if name.endswith(".done.json"):
                with open(os.path.join(parts_dir, name), encoding="utf-8") as f:
                    done[int(name.split(".")[0])] = json.load(f)
        return done
    shutil.rmtree(parts_dir, ignore_errors=True)
    os.makedirs(parts_dir)
    with open(job_file, "w", encoding="utf-8") as f:
        json.dump({"fingerprint": digest}, f)
    return done


def _merge(config: BatchConfig, partitions: list[Partition], done: dict[int, dict[str, Any]], parts_dir: str, summary: Summary) -> None:
    """Concatenate the parts in input order into OUTPUT; renumber error lines per file."""
    sink = io.JsonlSink(config.output, None)
    errors = io.ErrorSink(config.output, None)
    changes: Counter = Counter()
    lines_before: Counter = Counter()  # physical lines of earlier partitions, per file
    for part in partitions:
        stats = done[part.index]
        base = os.path.join(parts_dir, part.name)
        with open(base + ".jsonl", "rb") as f:
            while block := _read_lines_block(f):
                sink.write(block)
        with open(base + ".errors.jsonl", "rb") as f:
            records = [json.loads(line) for line in f]
        for record in records:
            record["line"] += lines_before[part.path]
        errors.write(records)
        lines_before[part.path] += stats["lines"]
        summary.read += stats["read"]
        summary.written += stats["written"]
        summary.failed += stats["failed"]
        changes.update(stats["changes"])
    sink.commit()
    errors.commit()
    sink.finish()
    errors.finish(summary.failed)
    summary.changes = dict(sorted(changes.items()))
    summary.errors = errors.path if summary.failed else None


def _read_lines_block(f: Any) -> bytes:
    """About _COPY_BLOCK bytes of whole lines."""
    block = f.read(_COPY_BLOCK)
    if block and not block.endswith(b"\n"):
        block += f.readline()
    return block


def _part_bytes(part: Partition) -> int:
    if part.end is None:
        return os.path.getsize(part.path)
    return part.end - part.start


__all__ = ["run_dask", "plan_partitions", "Partition", "clean_partition", "learn_partition"]
