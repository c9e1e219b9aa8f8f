"""Batch cleaning at scale: folders of text files and JSONL corpora.

The library side of `cleaner batch`:

- `run(BatchConfig(...)) -> Summary`: a whole job (local process pool, or Dask);
- `learn_templates(docs)`: pass one of site-template learning, for use
  without the job machinery (pass two is `cleaner.clean` with
  ``options={"site_templates": templates[source]}``).

Executors (`job.py` local, `dask_engine.py`) live apart from the step they run
(`work.process_chunk`), and the step only calls `cleaner.clean`.
"""
from __future__ import annotations

from .job import BatchConfig, Summary, run
from .templates import TemplateLearner, TemplateThresholds, learn_templates

__all__ = ["BatchConfig", "Summary", "run", "TemplateLearner", "TemplateThresholds", "learn_templates"]
