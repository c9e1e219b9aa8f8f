"""The batch step: clean one chunk of records.  No executor logic here.

`process_chunk(chunk, context)` is a pure function of its arguments, so the
local process pool and the Dask engine run exactly the same code and produce
the same bytes.  A bad record never raises: it becomes an error record.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from ..chain import clean
from ..options import Options
from .io import JSONL, Chunk, TextFile


@dataclass
class Context:
    """What every worker needs to know: options, field names, learned templates."""

    options: Options
    text_field: str = "text"
    id_field: str = "id"
    with_changes: bool = False
    source_field: str | None = None
    # source -> template lines (template_key form); empty unless --learn-templates
    templates: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _per_source: dict[str, Options] = field(default_factory=dict, repr=False, compare=False)

    def options_for(self, source: Any) -> Options:
        if not self.templates or source is None:  # no source, no site: no templates
            return self.options
        key = source_key(source)
        opts = self._per_source.get(key)
        if opts is None:
            lines = self.templates.get(key, ())
            opts = replace(self.options, site_templates=tuple(self.options.site_templates) + tuple(lines))
            self._per_source[key] = opts
        return opts

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_per_source"] = {}
        return state


@dataclass
class ChunkResult:
    data: bytes = b""  # JSONL output lines
    files: list[tuple[str, str]] = field(default_factory=list)  # TEXT output: (rel path, text)
    errors: list[dict[str, Any]] = field(default_factory=list)
    read: int = 0
    written: int = 0
    changes: Counter = field(default_factory=Counter)
    nbytes: int = 0

    @property
    def failed(self) -> int:
        return len(self.errors)


def process_chunk(chunk: Chunk, ctx: Context) -> ChunkResult:
    result = ChunkResult(nbytes=chunk.nbytes)
    if chunk.kind == JSONL:
        pieces = []
        for line_no, raw in chunk.items:
            result.read += 1
            out, error = clean_jsonl_line(raw, ctx, default_source=chunk.input, changes=result.changes)
            if error is not None:
                result.errors.append({"input": chunk.input, "line": line_no, **error})
            else:
                pieces.append(out)
                result.written += 1
        result.data = b"".join(pieces)
    else:
        for item in chunk.items:
            result.read += 1
            produced, error = clean_text_file(item, ctx, result.changes)
            if error is not None:
                result.errors.append({"input": item.path, **error})
            else:
                result.files.extend(produced)
                result.written += 1
    return result


def clean_jsonl_line(
    raw: bytes, ctx: Context, default_source: str = "", changes: Counter | None = None
) -> tuple[bytes, dict[str, Any] | None]:
    """(output line, None) or (b"", error fields) for one JSONL line."""
    try:
        record = json.loads(raw)
    except UnicodeDecodeError as exc:
        return b"", {"error": f"not valid UTF-8 (byte {exc.start})"}
    except ValueError as exc:
        return b"", {"error": f"not JSON: {exc}"}
    if not isinstance(record, dict):
        return b"", {"error": f"not a JSON object but {_json_type(record)}"}
    rid = record.get(ctx.id_field)
    ident = {"id": rid} if rid is not None else {}
    if ctx.text_field not in record:
        return b"", {**ident, "error": f"no {ctx.text_field!r} field"}
    text = record[ctx.text_field]
    if not isinstance(text, str):
        return b"", {**ident, "error": f"field {ctx.text_field!r} is {_json_type(text)}, not a string"}
    source = record.get(ctx.source_field) if ctx.source_field else default_source
    try:
        result = clean(text, options=ctx.options_for(source))
    except Exception as exc:  # a bug in a rule must not stop the job
        return b"", {**ident, "error": f"cleaning failed: {type(exc).__name__}: {exc}"}
    record[ctx.text_field] = result.text
    if ctx.with_changes:
        record["changes"] = [c.to_dict() for c in result.changes]
        record["diff"] = result.diff
    if changes is not None:
        changes.update(c.rule for c in result.changes)
    try:
        line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (\ud800 in the input): keep them escaped
        line = json.dumps(record, ensure_ascii=True).encode("ascii")
    return line + b"\n", None


def clean_text_file(item: TextFile, ctx: Context, changes: Counter) -> tuple[list[tuple[str, str]], dict[str, Any] | None]:
    try:
        with open(item.path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return [], {"error": f"cannot read: {exc.strerror}"}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], {"error": f"not valid UTF-8 (byte {exc.start})"}
    try:
        result = clean(text, options=ctx.options_for(item.source))
    except Exception as exc:
        return [], {"error": f"cleaning failed: {type(exc).__name__}: {exc}"}
    changes.update(c.rule for c in result.changes)
    produced = [(item.rel, result.text)]
    if ctx.with_changes:
        sidecar = {"changes": [c.to_dict() for c in result.changes], "diff": result.diff}
        produced.append((item.rel + ".changes.json", json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n"))
    return produced, None


def source_key(source: Any) -> str:
    """A source value (any JSON value) as the string templates are filed under."""
    return source if isinstance(source, str) else json.dumps(source, sort_keys=True, default=str)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object"}.get(
        type(value), type(value).__name__
    )
