"""`cleaner clean [FILE|-]`: clean one article, print text, JSON or diff."""
from __future__ import annotations

import argparse
import json

from .common import add_option_flags, options_from_args, read_text, write_stdout


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("clean", help="clean one article", description="Clean one article (a file, or - for stdin).")
    p.add_argument("file", nargs="?", default="-", help="input file (default: - = standard input)")
    p.add_argument("--format", choices=("text", "json", "diff"), default="text", help="what to print (default: text)")
    p.add_argument("--html", action="store_true", help="the input is HTML (automatic for .html/.htm files)")
    add_option_flags(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..chain import clean

    text = read_text(args.file)
    is_html = args.html or args.file.lower().endswith((".html", ".htm"))
    result = clean(text, options=options_from_args(args), input_format="html" if is_html else "text")
    if args.format == "json":
        write_stdout(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "diff":
        write_stdout(result.diff)
    else:
        write_stdout(result.text)
    return 0
