"""`cleaner rules`: the rule catalogue, generated from the rules themselves."""
from __future__ import annotations

import argparse
import json

from .common import write_stdout


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list every rule with its purpose and example")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..rules import catalogue

    entries = catalogue()
    if args.format == "json":
        write_stdout(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
        return 0
    out = []
    for e in entries:
        out.append(f"{e['id']}  [{e['category']}; profiles: {', '.join(e['profiles'])}]\n    {e['purpose']}\n")
        for ex in e["examples"][:1]:
            out.append(f"    e.g. {ex['before']!r}\n      -> {ex['after']!r}\n")
    write_stdout("".join(out))
    return 0
