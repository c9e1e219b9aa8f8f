"""Language identification answers from cheap evidence when it is clear, and asks langdetect otherwise.

Each shortcut (function words, script, English dictionary) is checked on a text it
must answer without langdetect, and on a look-alike it must leave to langdetect.
langdetect is replaced by a spy: a fallback shows as its sentinel answer "xx".
"""
from __future__ import annotations

import re

import pytest

import cleaner
import cleaner.language as language
from cleaner.document import Document
from cleaner.language import _WORD, article_language, find_words
from cleaner.options import Options
from cleaner.rules.foreign import ForeignLines


@pytest.fixture
def langdetect_calls(monkeypatch):
    """The texts sent to langdetect (detect or probabilities); it answers "xx" / ("xx", 1.0)."""
    calls: list[str] = []

    def detect(text):
        calls.append(text)
        return "xx"

    def probabilities(text):
        calls.append(text)
        return (("xx", 1.0),)

    monkeypatch.setattr(language, "_detect", detect)
    monkeypatch.setattr(language, "_probabilities", probabilities)
    for cached in (article_language, language._detect_memo, language._probabilities_memo):
        cached.cache_clear()
    yield calls
    for cached in (article_language, language._detect_memo, language._probabilities_memo):
        cached.cache_clear()


KOREAN = (
    "[엔터미디어=정덕현의 이슈공감] 주말 밤 9시 MBC 드라마는 시작부터 시청자들의 관심을 모았다. "
    "회사는 화요일에 새로운 무선 키보드를 다음 달부터 전국 매장에서 판매할 것이라고 밝혔다."
)
JAPANESE = (
    "Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと思いますが、"
    "同社は火曜日、新しいワイヤレスキーボードを来月から全国の店舗で約四十ドルで販売すると発表した。"
)
# Russian function words are shared with Ukrainian ones (в, не, на, а, за, для, так, же): no clear winner.
RUSSIAN = (
    "В восьмидесятых годах чешская красавица заявила о себе на весь мир. Эта диета пришла к нам "
    "с запада и в свое время была очень популярна среди тех, кто хотел быстро сбросить вес. "
    "Характеристики бега можно увеличить за счет кодов, а выносливость растет с каждым днем."
)
ENGLISH_LISTING = "\n".join(
    [
        "Sterling Silver Earrings",
        "Bold Huggie Hoops with a small charm for everyday wear",
        "Double Hoop Earrings in sterling silver, sold as a pair",
        "Small Stud Earrings with a polished finish and gift box",
        "Price reduced from $19.95 to $13.99 for a limited time only",
    ]
)
SCOREBOARD = "\n".join(
    ["Rockledge 14 11 6 15 — 44", "Palm Bay 18 22 13 17 — 70"]
    + [f"{name} (1-0): {name} scored {n} points and had {n // 2} rebounds in the second half." for name, n in
       (("Tolivert", 25), ("Davis", 17), ("Burgher", 10), ("Bozeman", 12), ("Blakely", 15), ("Upshaw", 3))]
)


@pytest.mark.parametrize(
    "sample, expected",
    [(KOREAN, "ko"), (JAPANESE, "ja"), (RUSSIAN, "ru"), (ENGLISH_LISTING, "en"), (SCOREBOARD, "en")],
    ids=["hangul", "kana", "russian-letters", "english-listing", "english-lowercase-words"],
)
def test_clear_evidence_answers_without_langdetect(langdetect_calls, sample, expected):
    assert article_language(sample) == expected
    assert langdetect_calls == []


@pytest.mark.parametrize(
    "sample",
    [
        # Han alone: Chinese (zh-cn / zh-tw are langdetect's call) or Japanese written in kanji
        "该公司周二表示，其新款无线键盘将从下个月起在全国各地的商店销售，售价约为四十美元。" * 3,
        # Hangul, but less than 80% of the letters: langdetect itself says "en" here
        KOREAN + " The company said on Tuesday that its new wireless keyboard would be sold in stores "
        "across the country from next month.",
        # Ukrainian letters (і, є): not the Russian shortcut
        "Уряд оголосив у вівторок, що новий закон про охорону здоров'я набуде чинності по всій країні.",
        # Indonesian: no listed function words, no English words
        "Sebelum Islam pecah jadi Sunni dan Syiah zaman Khalifah Ali karena pemerintahan yang baru "
        "mulai bulan depan, menurut menteri rencana itu baik bagi orang yang terlalu lama menunggu.",
        # a short French listing of words English also has: too few English function words
        "Collection | Robes | Pulls | Euros | Panier | Connexion | Promotion | Mode",
        # Dutch and Afrikaans prose share many short words with English, far from 75%
        "De regering heeft dinsdag bekendgemaakt dat de nieuwe wet over de zorg in het hele land "
        "vanaf volgende maand zal gelden. Volgens de minister is het plan goed voor de mensen.",
        "Die regering het Dinsdag aangekondig dat die nuwe wet oor gesondheidsorg van volgende maand af "
        "in die hele land sal geld. Volgens die minister is die plan goed vir mense wat nou wag.",
    ],
    ids=["han-only", "hangul-minority", "ukrainian", "indonesian", "french-listing", "dutch", "afrikaans"],
)
def test_unclear_evidence_falls_back_to_langdetect(langdetect_calls, sample):
    assert article_language(sample) == "xx"
    assert langdetect_calls == [sample]


def test_function_words_still_answer_first(langdetect_calls):
    german = ("Die Regierung hat am Dienstag bekannt gegeben, dass das neue Gesetz über die Gesundheit "
              "ab nächsten Monat im ganzen Land gelten wird, und der Minister ist mit dem Plan zufrieden. ") * 2
    assert article_language(german) == "de"
    assert langdetect_calls == []


ARTICLE = (
    "The talks in Istanbul ended on Friday without a ceasefire, officials from both sides said.\n"
    "Both delegations agreed to exchange prisoners and to meet again in the coming weeks.\n"
    "Russia and Ukraine have not held direct talks since the first months of the war in 2022.\n"
    "Analysts said the talks had been expected to fail from the start, given the positions.\n"
)


def foreign_lines(text: str) -> list[str]:
    doc = Document(text, Options.build(None, {"foreign_lines": "remove"}))
    return [doc.text[e.start:e.end] for e in ForeignLines().find(doc)]


def test_english_line_with_other_function_words_is_not_sent_to_langdetect(langdetect_calls):
    # "per ... per": two Italian function words, a suspect; its words are all English
    line = "Slack’s most affordable plan costs $7.25 per user per month."
    assert foreign_lines(ARTICLE + line + "\n") == []
    assert langdetect_calls == []


def test_foreign_line_in_an_english_article_is_still_judged_by_langdetect(langdetect_calls):
    line = "Se requiere dominio del inglés para tener pleno acceso a los productos y servicios."
    foreign_lines(ARTICLE + line + "\n")
    assert langdetect_calls == [line]  # the spy says "xx", not a listed language: no evidence, kept


def test_bmp_letter_class_is_the_unicode_letter_class():
    every = "".join(map(chr, range(0x10000)))
    letters = re.compile(r"[^\W\d_]")
    spelt = re.compile(language._bmp_word().pattern.split("+")[0])
    assert spelt.findall(every) == letters.findall(every)


@pytest.mark.parametrize(
    "text",
    ["rock'n'roll it’s O’Neill's 2022x x2 _a_ İstanbul", "𝐁𝐨𝐥𝐝 math letters and 😀 emoji, 𠀀 CJK ext B", "", "Ⅻ ² ½ ª"],
)
def test_find_words_is_the_word_pattern(text):
    assert find_words(text) == _WORD.findall(text)


def test_langdetect_calls_per_document_are_bounded(langdetect_calls):
    """Thousands of distinct foreign-looking lines cost at most `max_detections` calls;
    the article's language is then in doubt: a warning, and no line removed."""
    spanish = [f"Se requiere dominio del inglés número {i} para tener acceso a los productos y servicios." for i in range(150)]
    text = ARTICLE + "".join(f"{line}\n" for line in spanish)
    doc = Document(text, Options.build(None, {"foreign_lines": "remove"}))
    assert list(ForeignLines().find(doc)) == []
    # 100 lines or sentences, and the article's own language (its sample, "xx" to the spy)
    assert len(langdetect_calls) == ForeignLines.max_detections + 1 == 101
    assert [w.message for w in doc.warnings] == ["more than 100 lines may be in another language: none checked further"]
    few = Document(ARTICLE + "".join(f"{line}\n" for line in spanish[:3]), Options.build(None, {"foreign_lines": "remove"}))
    list(ForeignLines().find(few))
    assert not few.warnings


def test_langdetect_table_is_out_of_the_collectors_watch():
    """The 87,600 n-gram probability rows are tuples of floats: a full garbage collection
    no longer walks them (they were lists), and langdetect still answers from them."""
    import gc

    factory = language._factory()
    rows = list(factory.word_lang_prob_map.values())
    assert len(rows) > 50_000 and all(type(row) is tuple for row in rows)
    gc.collect()
    assert not any(gc.is_tracked(row) for row in rows[:1000])
    assert language._detect("Die Gespräche wurden am Dienstag ohne Einigung beendet, sagte der Sprecher.") == "de"


def test_foreign_suspects_are_the_lines_holding_the_evidence():
    """Two function words of one other language make their line a suspect, on whichever
    line they stand (the line starts are found from match to match)."""
    lines = [
        "The talks went on for hours on Monday, officials said.",
        "Sie sagte, die Gespräche sind nicht vorbei und der Kanzler kommt.",
        "Both sides agreed to meet again next week in Riyadh.",
        "Le président a dit que les discussions vont continuer.",
        "und",  # one word: no suspect
    ]
    doc = Document("\n".join(lines * 2), Options.build(None, None))
    suspects = [line.text for line in ForeignLines()._suspects(doc, "en", "LATIN")]
    assert suspects == [lines[1], lines[3]] * 2


def test_a_name_table_does_not_set_the_articles_language():
    # A Portuguese standings page: 29 lines of names (6+ words each) above its prose.
    # The language is read off the prose lines, as foreign_lines reads it.
    table = "\n".join(f"{i} Kyle Busch Martin Truex Jr Kevin Harvick Denny Hamlin Joey Logano" for i in range(1, 30))
    prose = (
        "Nesta página você terá sempre a classificação atualizada da NASCAR até a última corrida, com os pontos de cada piloto.\n"
        "Coloque nos seus favoritos e venha sempre conferir a classificação da NASCAR depois de cada etapa da temporada.\n"
    )
    text = table + "\n" + prose
    assert language.prose_sample(text) == prose.rstrip("\n")
    assert cleaner.clean(text).language == "pt"
