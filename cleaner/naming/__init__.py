"""Name repair helpers for the `names` rules (cleaner/rules/names.py).

- `lexicon`: tokens (one `Scan` per text), the transliteration fold, the ordinary-word guard;
- `gazetteer`: the shipped name list (cleaner/data/gazetteer.tsv) plus user
  entries, indexed once;
- `evidence`: proper-noun mentions collected from the whole raw article;
- `nearby`: the known words within two edits of a word (a deletion index
  for the gazetteer, rapidfuzz for the article's own names);
- `matching`: the candidates of a garbled word and the repair decision.
"""
