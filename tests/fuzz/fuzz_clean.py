"""Coverage-guided fuzz target for `cleaner.clean` (atheris, i.e. libFuzzer).

    python tests/fuzz/fuzz_clean.py -max_total_time=60        # fuzz for a minute
    python tests/fuzz/fuzz_clean.py -max_total_time=600 -timeout=10 corpus/   # grow a corpus folder
    python tests/fuzz/fuzz_clean.py crash-1a2b...              # replay one input (e.g. a crash file)

Any libFuzzer flag works (-seed, -runs, -timeout, -artifact_prefix, ...).  Each
input's bytes are spent on an article built from the project's real noise and
on the options (`noise.py`), then checked:

- `clean()` raises nothing (HTML input may raise the documented ValueError);
- every change's span lies inside the original;
- the unified diff applied to the original gives the cleaned text;
- cleaning the cleaned text again changes nothing (idempotence);
- `to_dict()` is JSON-serialisable (the service and the CLI print it).

A failure prints the article (repr) and the options, and libFuzzer saves the
input as `crash-<sha1>` (under -artifact_prefix) and exits non-zero;
`tests/test_fuzz.py` runs this file for a bounded time in the test suite.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["cleaner"]):
    import cleaner

    # Load every rule module and its data now, so they are instrumented too
    # (the chain imports some lazily).
    cleaner.catalogue()
    cleaner.clean("Talks resumed.\nHaberin Devamı\n", options={"profile": "aggressive", "glossary": True})

import noise  # noqa: E402
from tests.test_properties import apply_unified_diff  # noqa: E402


class PropertyFailure(AssertionError):
    pass


def check(text: str, opts: dict, input_format: str = "text") -> None:
    """Clean `text` and assert the properties above; PropertyFailure names the input."""
    try:
        result = cleaner.clean(text, options=opts, input_format=input_format)
    except ValueError:
        if input_format == "html":  # unusable HTML is refused, by design (the service's 422)
            return
        raise
    original = result.original

    def fail(what: str) -> None:
        raise PropertyFailure(f"{what}\ninput={text!r}\noptions={opts!r} input_format={input_format}")

    for change in result.changes:
        if not 0 <= change.start <= change.end <= len(original):
            fail(f"change span outside the input: {change}")
    try:
        patched = apply_unified_diff(original, result.diff)
    except (AssertionError, IndexError, ValueError) as exc:
        fail(f"the diff does not apply: {exc!r}\ndiff={result.diff!r}")
    if patched != result.text:
        fail(f"the diff gives another text: {patched!r} != {result.text!r}")
    again = cleaner.clean(result.text, options=opts).text
    if again != result.text:
        fail(f"not idempotent: {result.text!r} -> {again!r}")
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    opts = noise.options(fdp)
    as_html = fdp.ConsumeIntInRange(0, 15) == 15  # 1 in 16; an empty input is text
    text = noise.article(fdp)
    if as_html:
        body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
        check(f"<html><body><article>{body}</article></body></html>", opts, "html")
    else:
        check(text, opts)


# libFuzzer flags added unless given: the bytes are choices, not text, so inputs
# may be long from the start (libFuzzer otherwise grows them from 4 bytes).
DEFAULT_FLAGS = ("-len_control=0", "-max_len=4096")


def main() -> None:
    argv = list(sys.argv)
    for flag in DEFAULT_FLAGS:
        if not any(arg.startswith(flag.split("=")[0] + "=") for arg in argv[1:]):
            argv.insert(1, flag)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
