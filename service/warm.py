"""Warm-up: load before the workers fork what a first request would load.

The library loads much on first use: phrase lists and the gazetteer, compiled
patterns, langdetect's profiles (~0.5 s), ftfy, numpy (imported by rapidfuzz's
batch scoring on the first name comparison) and, for HTML, trafilatura and its
dependencies (~0.3 s).  `cleaner serve` preloads the app in gunicorn's master,
so running every rule once on a few varied samples there means each forked
worker starts with all of it in (shared, copy-on-write) memory and its first
request is as fast as the rest.  `tests/test_service_server.py` checks that a
set of real articles imports no new module after the warm-up.
"""
from __future__ import annotations

import gc
import logging

# Every kind of text a rule looks at: boilerplate, mojibake, curly and doubled
# quotes, name variants (fuzzy matching), a foreign line (langdetect), captions,
# credits, a repeated line.
_ARTICLE = """\
Kyiv and Moscow agree to “put the foundations” for talks

Photo: Reuters
Ukrainian President Volodymyr Zelenskyy met US envoy Steve Witkoff in Kyiv on Tuesday, officials said.
Zelensky told reporters that the talks with Witkoff had been ‚Äúconstructive‚Äù and would go on.
Haberin Devamı
The president  Zelenskiy added that ""both sides"" agreed to meet again next week in Riyadh.
Die Gespräche sollen in der kommenden Woche in Riad fortgesetzt werden, sagte ein Sprecher.
Переговоры продолжатся на следующей неделе в Эр-Рияде, сообщил представитель Кремля.
Russian foreign minister Sergei Lavrov said Moscow was ready for a “constant end of the war”.
Read more: Ukraine war latest
Share this article
Both sides agreed to meet again next week, officials said.
Both sides agreed to meet again next week, officials said.
Copyright 2025 The News Agency. All rights reserved.
"""

_HTML = """\
<!doctype html><html><head><title>Talks resume in Riyadh</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Riyadh</h1>
<p>Ukrainian President Volodymyr Zelenskyy met US envoy Steve Witkoff in Kyiv on Tuesday, officials said.
The talks were described as constructive by both delegations, who agreed to meet again.</p>
<p>Russian foreign minister Sergei Lavrov said Moscow was ready for a lasting end of the war,
and that a diplomatic channel would be set up to solve bilateral problems.</p>
<p>Read more: Ukraine war latest</p></article>
<footer>Copyright 2025 The News Agency</footer></body></html>
"""

# A page with no article: trafilatura's fallbacks, then the library's refusal (a 422).
_NO_ARTICLE = """\
<!doctype html><html><head><title>Site map</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></body></html>
"""

# The options that load more data than the default: every category, the
# glossary, canonical names, foreign lines removed.
_EVERYTHING = {
    "profile": "aggressive",
    "enable": ["encoding", "layout", "boilerplate", "duplicates", "names", "artifacts"],
    "glossary": True,
    "name_style": "canonical",
    "foreign_lines": "remove",
}


def warm() -> None:
    """Run every rule once on the samples above, as text and as HTML, with the default and the widest options."""
    import cleaner
    from cleaner.language import detect

    cleaner.catalogue()
    detect(_ARTICLE)  # langdetect's profiles, whichever rule asks first
    for options in (None, _EVERYTHING):
        cleaner.clean(_ARTICLE, options=options).to_dict()  # to_dict: the diff too
        cleaner.clean(_HTML, options=options, input_format="html").to_dict()
    try:
        cleaner.clean(_NO_ARTICLE, input_format="html")
    except ValueError:
        pass
    # What is loaded now lives as long as the process: out of the cyclic collector's
    # reach, its collections stay small, and they no longer write to (and so copy)
    # the pages the forked workers share with the master.
    gc.collect()
    gc.freeze()
    logging.getLogger("service").info("cleaner warmed up")
