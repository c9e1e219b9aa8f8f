"""cleaner.integrations: pandas Series helper, datasets.map function, lazy imports."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest

from cleaner.integrations import clean_series, datasets_cleaner

DIRTY = "Talks resumed on Monday.\nHaberin Devamı\nBoth sides agreed to meet again.\n"
CLEAN = "Talks resumed on Monday.\nBoth sides agreed to meet again.\n"


def test_importing_does_not_import_pandas_or_datasets() -> None:
    code = "import sys, cleaner.integrations; print('pandas' in sys.modules, 'datasets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_clean_series() -> None:
    pd = pytest.importorskip("pandas")
    series = pd.Series([DIRTY, None, "Already clean.\n"], index=[10, 20, 30], name="body", dtype=object)
    cleaned = clean_series(series, profile="conservative")
    assert list(cleaned.index) == [10, 20, 30] and cleaned.name == "body"
    assert cleaned[10] == CLEAN and cleaned[20] is None and cleaned[30] == "Already clean.\n"
    frame = clean_series(series, profile="conservative", with_changes=True)
    assert list(frame.columns) == ["text", "changes", "n_changes"]
    assert frame.loc[10, "changes"][0]["rule"] == "boilerplate.read_more"
    assert list(frame["n_changes"]) == [1, 0, 0]
    with pytest.raises(ValueError):
        clean_series(series, options={"no_such_option": 1})


def test_datasets_function_batched_and_single() -> None:
    fn = datasets_cleaner(profile="conservative", with_changes=True)
    batch = fn({"text": [DIRTY, None, "Already clean.\n"], "id": [1, 2, 3]})
    assert batch["text"] == [CLEAN, None, "Already clean.\n"]
    assert batch["n_changes"] == [1, 0, 0]
    assert json.loads(batch["changes"][0])[0]["rule"] == "boilerplate.read_more"
    assert "id" not in batch  # datasets keeps the other columns itself
    single = fn({"text": DIRTY, "id": 1})
    assert single["text"] == CLEAN and single["n_changes"] == 1
    body = datasets_cleaner("body", profile="conservative")
    assert body({"body": [DIRTY]}) == {"body": [CLEAN]}
    assert pickle.loads(pickle.dumps(fn))({"text": DIRTY})["text"] == CLEAN  # num_proc needs pickling


def test_datasets_map_when_installed() -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": [DIRTY, "Already clean.\n"], "id": [1, 2]})
    out = ds.map(datasets_cleaner(profile="conservative"), batched=True)
    assert out["text"] == [CLEAN, "Already clean.\n"] and out["id"] == [1, 2]
