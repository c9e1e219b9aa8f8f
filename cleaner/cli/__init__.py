"""Command line: `cleaner <command>`; each command lives in its own module.

Every command module exposes `register(subparsers)`, which adds its parser and
sets `handler` (a function `args -> exit status`).  Usage errors and bad input
exit with status 2 and one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

_COMMANDS = ("clean", "rules", "serve", "batch")


class UsageError(Exception):
    """Bad input or arguments: reported in one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(prog="cleaner", description="Clean scraped news article text, and explain every change.")
    parser.add_argument("--version", action="version", version=f"article-cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        try:
            module = import_module(f"{__name__}.{name}_cmd")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"{__name__}.{name}_cmd":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except (UsageError, ValueError, OSError) as exc:
        print(f"cleaner: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
