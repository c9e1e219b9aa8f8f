"""article-cleaner: clean scraped, machine-translated news text, and explain every change.

    >>> import cleaner
    >>> result = cleaner.clean("Talks resumed.\\nHaberin Devamı\\nBoth sides agreed.\\n")
    >>> result.text
    'Talks resumed.\\nBoth sides agreed.\\n'
    >>> result.changes[0].rule
    'boilerplate.read_more'
"""
from __future__ import annotations

from .chain import clean
from .document import Change, CleanResult, CleanWarning
from .options import PROFILES, Options
from .rules import catalogue

__all__ = ["clean", "catalogue", "Change", "CleanResult", "CleanWarning", "Options", "PROFILES"]
__version__ = "0.1.0"
