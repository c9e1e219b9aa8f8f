"""Batch input and output: finding the inputs, reading them as chunks of records,
and committing output so that an interrupted job can be resumed.

Inputs are either all JSONL (``.jsonl``, ``.jsonl.gz``, ``-`` for standard
input) or all text (``.txt`` files and folders searched recursively with a
glob).  A JSONL record travels as its raw line (parsed in the worker); a text
record as the path of its file (read in the worker).

Output is written to ``OUTPUT.partial`` (a file, or a folder for text inputs)
and renamed to ``OUTPUT`` when the job ends; errors go to
``OUTPUT.errors.jsonl.partial`` likewise.  After every chunk the job records,
in ``OUTPUT.state.json``, how many input records it has consumed and how many
bytes of each partial file are committed; `--resume` truncates the partial
files to those sizes and skips that many records.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from ..cli import UsageError

JSONL = "jsonl"
TEXT = "text"
STATE_VERSION = 1


@dataclass(frozen=True)
class TextFile:
    path: str  # where to read it
    rel: str  # where it goes under the output folder
    source: str  # its site, for template learning: the parent folder


@dataclass(frozen=True)
class Inputs:
    kind: str  # JSONL or TEXT
    paths: tuple[str, ...]  # JSONL: the files (as given, folders expanded); TEXT: as given
    files: tuple[TextFile, ...] = ()  # TEXT only, in processing order

    def total_bytes(self) -> int | None:
        """Size of the input on disk (compressed size for .gz), None for stdin."""
        if self.kind == TEXT:
            return sum(_size(f.path) for f in self.files)
        if "-" in self.paths:
            return None
        return sum(_size(p) for p in self.paths)

    def fingerprint(self) -> list[Any]:
        """What identifies the input for --resume: paths and sizes."""
        if self.kind == TEXT:
            return [[f.rel, _size(f.path)] for f in self.files]
        return [[p, None if p == "-" else _size(p)] for p in self.paths]


@dataclass
class Chunk:
    """Consecutive records of one input: the unit of work sent to a worker."""

    input: str  # the input path as given (for error records)
    kind: str
    items: list[Any]  # JSONL: (line number, raw bytes); TEXT: TextFile
    nbytes: int = 0  # input bytes this chunk stands for (progress)


def is_jsonl(path: str) -> bool:
    return path == "-" or path.lower().endswith((".jsonl", ".jsonl.gz"))


def resolve_inputs(paths: list[str], glob: str = "*.txt", output: str | None = None) -> Inputs:
    """Check the inputs exist and are of one kind; list the text files (sorted)."""
    if not paths:
        raise UsageError("no input given")
    if paths.count("-") > 1:
        raise UsageError("standard input (-) can be given only once")
    kinds = set()
    files: list[TextFile] = []
    jsonl: list[str] = []
    out_abs = os.path.abspath(output) if output else None
    for p in paths:
        if p != "-" and not os.path.exists(p):
            raise UsageError(f"no such file or folder: {p}")
        if is_jsonl(p):
            if p != "-" and os.path.isdir(p):
                raise UsageError(f"is a folder, not a JSONL file: {p}")
            kinds.add(JSONL)
            jsonl.append(p)
        elif os.path.isdir(p):
            root = Path(p)
            if out_abs and (out_abs + os.sep).startswith(os.path.abspath(p) + os.sep):
                raise UsageError(f"output {output} is inside input folder {p}")
            found = sorted(f for f in root.rglob(glob) if f.is_file())
            parts = [f for f in found if is_jsonl(str(f))]
            if parts and len(parts) < len(found):
                raise UsageError(f"--glob {glob!r} matches both JSONL and other files in {p}")
            if parts:  # a folder of JSONL parts
                kinds.add(JSONL)
                jsonl.extend(str(f) for f in parts)
                continue
            kinds.add(TEXT)
            files.extend(TextFile(str(f), f.relative_to(root).as_posix(), str(f.parent.resolve())) for f in found)
        elif p.lower().endswith(".txt"):
            kinds.add(TEXT)
            files.append(TextFile(p, Path(p).name, str(Path(p).resolve().parent)))
        else:
            raise UsageError(f"unsupported input {p}: expected .jsonl, .jsonl.gz, .txt, a folder or -")
    if len(kinds) > 1:
        raise UsageError("inputs mix JSONL and text files; run one job per kind")
    kind = kinds.pop()
    if kind == JSONL:
        for path in jsonl:
            if out_abs and path != "-" and os.path.abspath(path) in (out_abs, out_abs + ".partial"):
                raise UsageError(f"output would overwrite input {path}")
        return Inputs(kind, tuple(jsonl))
    seen: dict[str, str] = {}
    for f in files:
        if f.rel in seen:
            raise UsageError(f"two inputs map to the same output file {f.rel}: {seen[f.rel]} and {f.path}")
        seen[f.rel] = f.path
    return Inputs(kind, tuple(paths), tuple(files))


def open_jsonl(path: str) -> tuple[IO[bytes], IO[bytes]]:
    """(stream of decompressed lines, underlying raw file) for a JSONL input."""
    if path == "-":
        return sys.stdin.buffer, sys.stdin.buffer
    raw = open(path, "rb")
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    return raw, raw


def read_jsonl(path: str) -> Iterator[tuple[int, bytes, int]]:
    """(line number, raw line, input bytes consumed so far) for every non-blank line.

    Blank lines are not records: they are skipped and not counted.
    """
    stream, raw = open_jsonl(path)
    compressed = stream is not raw
    consumed = 0
    try:
        for line_no, line in enumerate(stream, 1):
            if compressed:
                consumed = raw.tell()
            else:
                consumed += len(line)
            if line.strip():
                yield line_no, line, consumed
    finally:
        if path != "-":
            stream.close()
            raw.close()


def chunks(inputs: Inputs, size: int, skip: int = 0) -> Iterator[Chunk]:
    """The inputs' records in order, `size` at a time (a chunk never spans two inputs),
    after skipping the first `skip` records (already done: --resume)."""
    if inputs.kind == TEXT:
        files = inputs.files[skip:]
        for i in range(0, len(files), size):
            part = list(files[i : i + size])
            yield Chunk(part[0].path, TEXT, part, sum(_size(f.path) for f in part))
        return
    for path in inputs.paths:
        items: list[Any] = []
        last = 0
        position = 0
        for line_no, line, position in read_jsonl(path):
            if skip:
                skip -= 1
                last = position
                continue
            items.append((line_no, line))
            if len(items) >= size:
                yield Chunk(path, JSONL, items, position - last)
                items, last = [], position
        if items or position > last:
            yield Chunk(path, JSONL, items, position - last)


def skipped_bytes(inputs: Inputs, skip: int) -> int:
    """Input bytes covered by the first `skip` records (for the progress bar on resume)."""
    if inputs.kind == TEXT:
        return sum(_size(f.path) for f in inputs.files[:skip])
    return 0


# -- output -----------------------------------------------------------------


class JsonlSink:
    """Appends committed chunks to OUTPUT.partial; gzip output (OUTPUT ending in
    .gz) is written as one gzip member per chunk, so a truncation at a chunk
    boundary is still a valid gzip file."""

    def __init__(self, output: str, resume_bytes: int | None) -> None:
        self.output = output
        self.partial = output + ".partial"
        self.gzip = output.lower().endswith(".gz")
        self.file = _open_for_append(self.partial, resume_bytes, final=output)

    def write(self, data: bytes) -> None:
        if not data:
            return
        self.file.write(gzip.compress(data, mtime=0) if self.gzip else data)

    def commit(self) -> int:
        return _sync(self.file)

    def finish(self) -> None:
        self.file.close()
        _replace(self.partial, self.output)


class DirSink:
    """Writes cleaned text files under OUTPUT.partial/ (each atomically); the
    folder is renamed to OUTPUT at the end."""

    def __init__(self, output: str, resume: bool) -> None:
        self.output = output
        self.partial = output + ".partial"
        if not resume and os.path.exists(self.partial):
            shutil.rmtree(self.partial)
        if resume and not os.path.exists(self.partial) and os.path.isdir(output):
            os.replace(output, self.partial)  # killed between the final rename and the end of the job
        os.makedirs(self.partial, exist_ok=True)

    def write_file(self, rel: str, text: str) -> None:
        target = os.path.join(self.partial, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = target + ".tmp"
        with open(tmp, "wb") as f:
            f.write(text.encode("utf-8", "surrogatepass"))
        os.replace(tmp, target)

    def commit(self) -> int:
        return 0

    def finish(self) -> None:
        _replace(self.partial, self.output)


class ErrorSink:
    """Error records, one JSON object a line, committed with the output."""

    def __init__(self, output: str, resume_bytes: int | None) -> None:
        self.path = output + ".errors.jsonl"
        self.partial = self.path + ".partial"
        self.file = _open_for_append(self.partial, resume_bytes, final=self.path)
        self.count = 0

    def write(self, errors: list[dict[str, Any]]) -> None:
        for error in errors:
            self.file.write(json.dumps(error, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n")
            self.count += 1

    def commit(self) -> int:
        return _sync(self.file)

    def finish(self, failed: int) -> None:
        """Keep OUTPUT.errors.jsonl only when some record failed."""
        self.file.close()
        if failed:
            os.replace(self.partial, self.path)
        else:
            os.unlink(self.partial)
            if os.path.exists(self.path):
                os.unlink(self.path)


@dataclass
class State:
    """The checkpoint: everything needed to continue after the last committed chunk."""

    fingerprint: str
    consumed: int = 0  # input records done (written or failed)
    output_bytes: int = 0
    errors_bytes: int = 0
    written: int = 0
    failed: int = 0
    changes: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def path_for(output: str) -> str:
        return output + ".state.json"

    def save(self, output: str) -> None:
        path = self.path_for(output)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"version": STATE_VERSION, **self.__dict__}, f, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, output: str) -> "State | None":
        try:
            with open(cls.path_for(output), encoding="utf-8") as f:
                data = json.load(f)
        except FileNotFoundError:
            return None
        except ValueError:
            raise UsageError(f"checkpoint {cls.path_for(output)} is damaged; rerun without --resume") from None
        if data.pop("version", None) != STATE_VERSION:
            raise UsageError(f"checkpoint {cls.path_for(output)} is from another version; rerun without --resume")
        return cls(**data)

    @classmethod
    def remove(cls, output: str) -> None:
        try:
            os.unlink(cls.path_for(output))
        except FileNotFoundError:
            pass


def fingerprint(settings: Any) -> str:
    """A digest of everything that decides the output (for --resume to check)."""
    blob = json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _open_for_append(path: str, resume_bytes: int | None, final: str | None = None) -> IO[bytes]:
    if resume_bytes is None:
        return open(path, "wb")
    if final and not os.path.exists(path) and os.path.isfile(final) and os.path.getsize(final) == resume_bytes:
        os.replace(final, path)  # killed between the final rename and the end of the job
    try:
        f = open(path, "r+b")
    except FileNotFoundError:
        if resume_bytes:
            raise UsageError(f"cannot resume: {path} is missing; rerun without --resume") from None
        return open(path, "wb")
    size = f.seek(0, os.SEEK_END)
    if size < resume_bytes:
        f.close()
        raise UsageError(f"cannot resume: {path} is shorter than its checkpoint; rerun without --resume")
    f.truncate(resume_bytes)
    f.seek(resume_bytes)
    return f


def _sync(f: IO[bytes]) -> int:
    f.flush()
    os.fsync(f.fileno())
    return f.tell()


def _replace(partial: str, final: str) -> None:
    """Rename partial -> final, replacing a previous final output (file or folder)."""
    if os.path.isdir(final) and not os.path.islink(final):
        old = final + ".old"
        if os.path.exists(old):
            shutil.rmtree(old)
        os.replace(final, old)
        os.replace(partial, final)
        shutil.rmtree(old)
    else:
        os.replace(partial, final)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
