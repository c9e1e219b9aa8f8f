"""`cleaner batch INPUT... -o OUTPUT`: clean a corpus (text files, folders, JSONL).

Exit status: 0 when every record was cleaned, 3 when some failed (they are in
OUTPUT.errors.jsonl), 2 for usage errors.  See docs/batch.md.
"""
from __future__ import annotations

import argparse
import sys

from . import UsageError
from .common import add_option_flags, options_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="clean a corpus: text files, folders, JSONL",
        description=(
            "Clean many articles. Inputs: .txt files, folders (recursive, --glob), .jsonl / .jsonl.gz files, "
            "or - for JSONL on standard input. JSONL inputs make one JSONL file (every field kept, the text "
            "field cleaned); text inputs make a mirrored folder of cleaned files. Bad records go to "
            "OUTPUT.errors.jsonl and the job goes on. Exit status: 0 all cleaned, 3 some failed, 2 usage error."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, folder, .jsonl[.gz] file, or - (JSONL on stdin)")
    p.add_argument("-o", "--output", required=True, help="output JSONL file (.gz to compress) or folder (text inputs)")
    p.add_argument("--glob", default="*.txt", help="files to take from folders (default: *.txt)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the article (default: text)")
    p.add_argument("--id-field", default="id", help="JSONL field identifying a record in error reports (default: id)")
    p.add_argument("--with-changes", action="store_true", help="add each record's changes and diff (text inputs: a .changes.json beside each file)")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--chunk-size", type=int, default=None, metavar="N", help="records per unit of work (default: 200); memory grows with it")
    p.add_argument("--resume", action="store_true", help="continue an interrupted job with the same inputs and options")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    t = p.add_argument_group("site templates")
    t.add_argument("--learn-templates", action="store_true", help="first learn lines that recur across a source's documents, then remove them")
    t.add_argument("--source-field", help="JSONL field naming the source (site); default: the input file; folders: the parent folder")
    t.add_argument("--template-min-docs", type=int, default=None, metavar="N", help="a template line occurs in at least N documents of its source (default: 5, minimum 2)")
    t.add_argument("--template-min-share", type=float, default=None, metavar="F", help="... and in at least this share of them (default: 0.3)")
    t.add_argument("--template-sample", type=int, default=None, metavar="N", help="documents examined per source (default: 1000)")
    d = p.add_argument_group("engine")
    d.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool (default) or Dask")
    d.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: start a local cluster)")
    d.add_argument("--partition-mb", type=float, default=None, metavar="MB", help="Dask: split uncompressed JSONL into partitions of this size (default: 64)")
    add_option_flags(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ..batch import BatchConfig, TemplateThresholds
    from ..batch import run as run_batch

    thresholds = TemplateThresholds()
    overrides = {
        "min_docs": args.template_min_docs,
        "min_share": args.template_min_share,
        "sample_docs": args.template_sample,
    }
    thresholds = replace(thresholds, **{k: v for k, v in overrides.items() if v is not None})
    if args.template_sample is None and thresholds.sample_docs < thresholds.min_docs:
        thresholds = replace(thresholds, sample_docs=thresholds.min_docs)
    config = BatchConfig(
        inputs=args.inputs,
        output=args.output,
        options=options_from_args(args),
        text_field=args.text_field,
        id_field=args.id_field,
        with_changes=args.with_changes,
        glob=args.glob,
        workers=args.workers,
        resume=args.resume,
        progress=not args.quiet,
        learn_templates=args.learn_templates,
        source_field=args.source_field,
        thresholds=thresholds,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    if args.chunk_size is not None:
        config.chunk_size = args.chunk_size
    if args.partition_mb is not None:
        if args.partition_mb <= 0:
            raise UsageError("--partition-mb must be positive")
        config.partition_bytes = int(args.partition_mb * 2**20)
    try:
        summary = run_batch(config)
    except UsageError:
        raise
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:
        if isinstance(exc, OSError):
            raise
        print(
            f"cleaner: error: batch job stopped: {type(exc).__name__}: {exc}; "
            "the output so far is committed; rerun with --resume to continue",
            file=sys.stderr,
        )
        return 1
    if not args.quiet:
        print(summary.format(), file=sys.stderr)
    return summary.exit_status
