"""Helpers shared by CLI commands: reading input, option flags."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import UsageError


def add_option_flags(parser: argparse.ArgumentParser) -> None:
    """--profile, --enable, --disable, --phrases, --names, --name-style: the cleaning options."""
    from ..options import PROFILES

    parser.add_argument("--profile", default="default", choices=PROFILES, help="rule set (default: default)")
    parser.add_argument("--enable", action="append", default=[], metavar="RULE", help="run this rule id or category too (repeatable)")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE", help="skip this rule id or category (repeatable)")
    parser.add_argument("--phrases", metavar="FILE", help="file of extra boilerplate phrases, one a line")
    parser.add_argument("--names", metavar="FILE", help="extra gazetteer entries (canonical<TAB>type<TAB>variant; variant)")
    parser.add_argument("--name-style", choices=("consistent", "canonical"), help="name spelling policy")


def options_from_args(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {"profile": args.profile, "enable": args.enable, "disable": args.disable}
    if args.phrases:
        options["phrases"] = _lines_of(args.phrases)
    if args.names:
        options["names"] = _lines_of(args.names)
    if getattr(args, "name_style", None):
        options["name_style"] = args.name_style
    return options


def _lines_of(path: str) -> list[str]:
    from ..phrases import parse

    return list(parse(read_text(path)))


def read_text(path: str) -> str:
    """The UTF-8 text of `path` ("-" = stdin); UsageError when missing or undecodable."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"is a directory: {path}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        name = "standard input" if path == "-" else path
        raise UsageError(f"{name} is not valid UTF-8 (byte {exc.start})") from None


def write_stdout(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
