"""Helpers for data pipelines: pandas and Hugging Face `datasets`.

Neither library is a dependency of article-cleaner: pandas is imported only
when `clean_series` is called (``pip install 'article-cleaner[pandas]'``), and
`datasets_cleaner` needs no import at all (it works on the plain dicts that
`datasets.Dataset.map` passes).

    >>> from cleaner.integrations import datasets_cleaner
    >>> fn = datasets_cleaner(profile="conservative")
    >>> fn({"text": ["Talks resumed.\\nHaberin Devamı\\n", None]})["text"]
    ['Talks resumed.\\n', None]
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from .chain import clean
from .options import Options


def clean_series(
    series: Any,
    *,
    profile: str | None = None,
    options: Options | Mapping[str, Any] | None = None,
    with_changes: bool = False,
) -> Any:
    """Clean every string of a pandas Series; the index is kept.

    Returns a Series of cleaned texts (missing and non-string values pass
    through unchanged), or with `with_changes` a DataFrame with columns
    ``text``, ``changes`` (list of change dicts) and ``n_changes``.

        df["text"] = clean_series(df["text"])
    """
    import pandas as pd

    opts = Options.build(profile, options)  # validated once, not per row
    texts, changes = [], []
    for value in series:
        if isinstance(value, str):
            result = clean(value, options=opts)
            texts.append(result.text)
            changes.append([c.to_dict() for c in result.changes])
        else:
            texts.append(value)
            changes.append([])
    if not with_changes:
        return pd.Series(texts, index=series.index, name=series.name, dtype=series.dtype)
    return pd.DataFrame(
        {"text": texts, "changes": changes, "n_changes": [len(c) for c in changes]},
        index=series.index,
    )


def datasets_cleaner(
    text_field: str = "text",
    *,
    profile: str | None = None,
    options: Options | Mapping[str, Any] | None = None,
    with_changes: bool = False,
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function for `datasets.Dataset.map`, batched or not:

        ds = ds.map(datasets_cleaner(), batched=True, num_proc=8)

    It returns the cleaned `text_field` (None and non-strings pass through);
    with `with_changes` also ``changes`` (a JSON string: one Arrow type
    whatever the changes are) and ``n_changes``.  The function is picklable,
    so `num_proc` works.
    """
    return _DatasetsCleaner(text_field, Options.build(profile, options), with_changes)


class _DatasetsCleaner:
    def __init__(self, text_field: str, options: Options, with_changes: bool) -> None:
        self.text_field = text_field
        self.options = options
        self.with_changes = with_changes

    def __call__(self, example: dict[str, Any]) -> dict[str, Any]:
        value = example[self.text_field]
        if isinstance(value, list):  # batched=True: a column of values
            rows = [self._one(v) for v in value]
            out: dict[str, Any] = {self.text_field: [r[0] for r in rows]}
            if self.with_changes:
                out["changes"] = [r[1] for r in rows]
                out["n_changes"] = [r[2] for r in rows]
            return out
        text, changes, n = self._one(value)
        single: dict[str, Any] = {self.text_field: text}
        if self.with_changes:
            single.update(changes=changes, n_changes=n)
        return single

    def _one(self, value: Any) -> tuple[Any, str, int]:
        if not isinstance(value, str):
            return value, "[]", 0
        result = clean(value, options=self.options)
        return result.text, json.dumps([c.to_dict() for c in result.changes], ensure_ascii=False), len(result.changes)


__all__ = ["clean_series", "datasets_cleaner"]
