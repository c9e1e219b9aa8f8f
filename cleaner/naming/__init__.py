"""Name repair helpers for the `names` rules (cleaner/rules/names.py).

- `lexicon`: tokens, the transliteration fold, the ordinary-word guard;
- `gazetteer`: the shipped name list (cleaner/data/gazetteer.tsv) plus user
  entries, indexed once;
- `evidence`: proper-noun mentions collected from the whole raw article;
- `matching`: fuzzy candidate search (rapidfuzz) and the repair decision.
"""
