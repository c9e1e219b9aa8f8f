"""The batch job: configuration, summary, and the local engine (a process pool).

The local engine streams the input in chunks, cleans them on a pool of
processes with a bounded number of chunks in flight (memory is bounded by
chunk size x in-flight chunks, not by input size), and writes the results in
input order.  After each chunk it commits: output and errors are flushed and
fsynced, then the checkpoint (records consumed, bytes committed) is replaced
atomically.  A job killed at any moment resumes from its last checkpoint.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..cli import UsageError
from ..options import Options
from . import io
from .templates import TemplateLearner, TemplateThresholds, input_docs
from .work import ChunkResult, Context, process_chunk

DEFAULT_CHUNK_SIZE = 200  # records; ~1-2 MB of news text, a second or two of work


@dataclass
class BatchConfig:
    inputs: list[str]
    output: str
    options: Options | Mapping[str, Any] | None = None
    profile: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    with_changes: bool = False
    glob: str = "*.txt"
    workers: int | None = None  # None: all cores
    chunk_size: int = DEFAULT_CHUNK_SIZE
    resume: bool = False
    progress: bool = False
    learn_templates: bool = False
    source_field: str | None = None
    thresholds: TemplateThresholds = field(default_factory=TemplateThresholds)
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # Dask scheduler address; None: a local cluster
    partition_bytes: int = 64 * 2**20  # Dask: uncompressed JSONL is split into ranges of this size
    dask_processes: bool = True  # Dask local cluster: worker processes (False: threads, for tests)

    def validate(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise UsageError("--workers must be at least 1")
        if self.chunk_size < 1:
            raise UsageError("--chunk-size must be at least 1")
        if self.engine not in ("local", "dask"):
            raise UsageError(f"unknown engine {self.engine!r}; valid: local, dask")
        if self.scheduler and self.engine != "dask":
            raise UsageError("--scheduler needs --engine dask")
        if not self.text_field:
            raise UsageError("--text-field must not be empty")
        if not self.output or self.output == "-":
            raise UsageError("--output must be a path")
        try:
            self.thresholds.validate()
        except ValueError as exc:
            raise UsageError(str(exc)) from None

    @property
    def n_workers(self) -> int:
        if self.workers:
            return self.workers
        try:
            return len(os.sched_getaffinity(0))  # the cores this process may use
        except AttributeError:
            return os.cpu_count() or 1


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    failed: int = 0
    changes: dict[str, int] = field(default_factory=dict)  # per rule
    output: str = ""
    errors: str | None = None  # the errors file, when some record failed
    resumed_from: int = 0  # records already done by an earlier run
    template_sources: int = 0
    template_lines: int = 0
    elapsed: float = 0.0

    @property
    def exit_status(self) -> int:
        return 3 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format(self) -> str:
        lines = [f"records read: {self.read}, written: {self.written}, failed: {self.failed}"]
        if self.resumed_from:
            lines.append(f"resumed after {self.resumed_from} records done earlier")
        if self.template_sources or self.template_lines:
            lines.append(f"site templates learned: {self.template_lines} lines from {self.template_sources} sources")
        lines.append(f"output: {self.output}")
        if self.errors:
            lines.append(f"errors: {self.errors}")
        total = sum(self.changes.values())
        lines.append(f"changes: {total}")
        for rule, n in sorted(self.changes.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n:>9}  {rule}")
        rate = self.read / self.elapsed if self.elapsed > 0 else 0.0
        lines.append(f"elapsed: {self.elapsed:.1f} s ({rate:,.0f} records/s)")
        return "\n".join(lines)


def run(config: BatchConfig) -> Summary:
    """Run a batch job; returns its summary (the caller picks the exit status)."""
    config.validate()
    if config.engine == "dask":
        from .dask_engine import run_dask

        return run_dask(config)
    return run_local(config)


def prepare(
    config: BatchConfig, inputs: io.Inputs, learn: Callable[[BatchConfig, io.Inputs], dict[str, tuple[str, ...]]] | None = None
) -> tuple[Context, Summary, str]:
    """Options, learned templates (pass one, by `learn`) and the job fingerprint."""
    try:
        options = Options.build(config.profile, config.options)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    summary = Summary(output=config.output)
    templates: dict[str, tuple[str, ...]] = {}
    if config.learn_templates and "-" in inputs.paths:
        raise UsageError("--learn-templates reads the input twice; it cannot read standard input")
    if config.learn_templates:
        templates = (learn or learn_local)(config, inputs)
    summary.template_sources = len(templates)
    summary.template_lines = sum(len(v) for v in templates.values())
    ctx = Context(options, config.text_field, config.id_field, config.with_changes, config.source_field, templates)
    settings = {
        "inputs": inputs.fingerprint(),
        "kind": inputs.kind,
        "output": os.path.abspath(config.output),
        "options": asdict(options),
        "fields": [config.text_field, config.id_field, config.source_field, config.with_changes],
        "templates": [config.learn_templates, asdict(config.thresholds)],
    }
    return ctx, summary, io.fingerprint(settings)


def learn_local(config: BatchConfig, inputs: io.Inputs) -> dict[str, tuple[str, ...]]:
    learner = TemplateLearner(config.thresholds)
    bar = progress_bar(config, inputs.total_bytes(), "learning templates")
    try:
        for source, text, nbytes in input_docs(inputs, config.text_field, config.source_field):
            learner.add(source, text)
            if bar is not None:
                bar.update(nbytes)
    finally:
        if bar is not None:
            bar.close()
    return learner.templates()


def run_local(config: BatchConfig) -> Summary:
    started = time.perf_counter()
    inputs = io.resolve_inputs(config.inputs, config.glob, config.output)
    if inputs.kind == io.TEXT and config.output.lower().endswith((".jsonl", ".gz")):
        raise UsageError(f"text inputs make a folder of files; {config.output} looks like a JSONL file")
    if inputs.kind == io.JSONL and os.path.isdir(config.output):
        raise UsageError(f"JSONL inputs make a JSONL file; {config.output} is a folder")
    if inputs.kind == io.TEXT and os.path.isfile(config.output):
        raise UsageError(f"text inputs make a folder of files; {config.output} is a file")
    ctx, summary, digest = prepare(config, inputs)

    loaded = io.State.load(config.output) if config.resume else None
    if loaded is not None and loaded.fingerprint != digest:
        raise UsageError(
            f"cannot resume: {io.State.path_for(config.output)} belongs to a job with other inputs or options; "
            "rerun without --resume"
        )
    resuming = loaded is not None
    state = loaded if loaded is not None else io.State(digest)
    summary.resumed_from = state.consumed
    if inputs.kind == io.JSONL:
        sink: io.JsonlSink | io.DirSink = io.JsonlSink(config.output, state.output_bytes if resuming else None)
    else:
        sink = io.DirSink(config.output, resuming)
    errors = io.ErrorSink(config.output, state.errors_bytes if resuming else None)
    state.save(config.output)

    bar = progress_bar(config, inputs.total_bytes(), "cleaning")
    if bar is not None and state.consumed:
        bar.update(io.skipped_bytes(inputs, state.consumed))
    counter = Counter(state.changes)
    chunk_iter = io.chunks(inputs, config.chunk_size, skip=state.consumed)
    try:
        for result in map_ordered(chunk_iter, ctx, config.n_workers):
            if isinstance(sink, io.JsonlSink):
                sink.write(result.data)
            else:
                for rel, text in result.files:
                    sink.write_file(rel, text)
            errors.write(result.errors)
            counter.update(result.changes)
            state.consumed += result.read
            state.written += result.written
            state.failed += result.failed
            state.changes = dict(counter)
            state.output_bytes = sink.commit()
            state.errors_bytes = errors.commit()
            state.save(config.output)
            if bar is not None:
                bar.update(result.nbytes)
                elapsed = max(bar.format_dict.get("elapsed") or 0.0, 1e-9)
                bar.set_postfix_str(f"{(state.consumed - summary.resumed_from) / elapsed:,.0f} records/s", refresh=False)
    finally:
        if bar is not None:
            bar.close()
    errors.finish(state.failed)
    sink.finish()
    io.State.remove(config.output)

    summary.read, summary.written, summary.failed = state.consumed, state.written, state.failed
    summary.changes = dict(sorted(counter.items()))
    summary.errors = errors.path if state.failed else None
    summary.elapsed = time.perf_counter() - started
    return summary


# -- the executor -------------------------------------------------------------

_CONTEXT: Context | None = None


def _init_worker(ctx: Context) -> None:
    global _CONTEXT
    _CONTEXT = ctx


def _work(chunk: io.Chunk) -> ChunkResult:
    assert _CONTEXT is not None
    return process_chunk(chunk, _CONTEXT)


def map_ordered(chunks: Iterable[io.Chunk], ctx: Context, workers: int, in_flight: int | None = None) -> Iterator[ChunkResult]:
    """process_chunk over `chunks`, results in input order, at most `in_flight`
    chunks (default 2 per worker) submitted and not yet consumed."""
    if workers <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, ctx)
        return
    limit = in_flight or 2 * workers
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(ctx,)) as pool:
        yield from _bounded(pool, _work, chunks, limit)


def _bounded(pool: Executor, fn: Callable[[Any], Any], items: Iterable[Any], limit: int) -> Iterator[Any]:
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def progress_bar(config: BatchConfig, total: int | None, desc: str) -> Any:
    """A tqdm bar on stderr (bytes, MB/s, ETA), or None when not wanted or not a terminal."""
    if not config.progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr, dynamic_ncols=True)
