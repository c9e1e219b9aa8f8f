"""The cheap gates in front of line rules (first-word sets, substring tests) never
change a verdict: every listed phrase, in several spellings, is judged alike with
and without them."""
from __future__ import annotations

import pytest

from cleaner import phrases
from cleaner.rules import all_rules
from cleaner.rules import captions
from cleaner.rules.base import case_key, first_word, first_words
from cleaner.rules.boilerplate import PhraseLineRule


def spellings(phrase: str) -> list[str]:
    tails = ["", ": Putin says talks will go on", " » more", " and then some more words here"]
    forms = {phrase, phrase.upper(), phrase.lower(), phrase.title(), f"» {phrase}", f"  *{phrase}"}
    forms |= {f.replace("i", "ı") for f in list(forms)} | {f.replace("I", "İ") for f in list(forms)}
    return [f + t for f in sorted(forms) for t in tails]


PHRASE_RULES = [r for r in all_rules() if isinstance(r, PhraseLineRule)]


@pytest.mark.parametrize("rule", PHRASE_RULES, ids=lambda r: r.id)
def test_phrase_gates_change_no_verdict(rule: PhraseLineRule) -> None:
    ungated = type(rule)()
    ungated._prefix_words = ungated._start_words = None
    listed = phrases.load(rule.data_file)
    assert listed
    for phrase in listed:
        for line in spellings(phrase.replace("{n}", "12")):
            assert rule.judge(line) == ungated.judge(line), line


def test_caption_and_credit_gates_change_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [s for p in phrases.load("caption_starts.txt") + phrases.load("credit_prefixes.txt") for s in spellings(p)]
    lines += ["Photo: Sergei Ilnitsky/EPA", "FOTO: AA", "Jane Doe | Getty Images", "(Photo by AFP)", "© Reuters"]
    gated = [(captions.Caption().judge(x), captions.credit_reason(x)) for x in lines]
    captions.credit_reason.cache_clear()
    monkeypatch.setattr(captions, "_credit_prefix_words", lambda: None)
    monkeypatch.setattr(captions, "_caption_start_words", lambda: None)
    ungated = [(captions.Caption().judge(x), captions.credit_reason(x)) for x in lines]
    captions.credit_reason.cache_clear()
    assert gated == ungated
    assert sum(1 for caption, credit in gated if caption or credit) >= len(lines) // 4  # the gates let these through


def test_first_word_keys_fold_like_re_ignorecase() -> None:
    assert first_word("» İLGİLİ Haberler") == first_word("ilgili haberler") == case_key("ılgılı")
    assert first_word("(FILES) A photo") == "files"
    assert first_word("...") == ""
    assert first_words(["Read more", "(FILE)"]) == frozenset({"read", "file"})
    assert first_words(["»»"]) is None
