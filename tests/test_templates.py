"""Site templates: learned from a synthetic multi-site corpus, never from one document."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner.batch import BatchConfig, TemplateLearner, TemplateThresholds, learn_templates, run
from cleaner.cli import main

SITES = {
    "alpha": ("Alpha Herald | Independent since 1998", "Copyright Alpha Media Group, all rights kept", "Home  World  Business  Sport"),
    "beta": ("BETA DAILY — news that matters", "Beta Daily is part of the Beta Network", "Menu / Politics / Economy"),
    "gamma": ("Gamma Wire", "Sign up for the Gamma Wire morning email", "Gamma Wire on the radio"),
}
TOPICS = ["the port", "the rail link", "the budget", "the harvest", "the election", "the bridge", "the strike"]


def site_doc(site: str, i: int) -> str:
    tagline, footer, nav = SITES[site]
    topic = TOPICS[i % len(TOPICS)]
    body = (
        f"Officials in district {i} of {site} discussed {topic} on Monday.\n"
        f"The council said {topic} would cost {i + 3} million and take {i % 4 + 1} years.\n"
    )
    extra = "Related: a lone line that recurs only twice\n" if i in (0, 1) else ""
    lines = [nav if i % 3 else nav.upper(), tagline, "", body, extra, footer]  # case varies: still one line
    return "\n".join(lines) + "\n"


def corpus(n_per_site: int = 12) -> list[tuple[str, str]]:
    return [(site, site_doc(site, i)) for i in range(n_per_site) for site in SITES]


def key(line: str) -> str:
    return " ".join(line.split()).casefold()


def test_templates_learned_per_site() -> None:
    templates = learn_templates(corpus())
    assert set(templates) == set(SITES)
    for site, lines in SITES.items():
        assert templates[site] == tuple(sorted(key(line) for line in lines))
    learned = {line for lines in templates.values() for line in lines}
    assert not any("district" in line or "council" in line for line in learned)
    assert key("Related: a lone line that recurs only twice") not in learned  # 2 documents < min_docs


def test_nothing_learned_from_a_single_document() -> None:
    one = "Alpha Herald\nAlpha Herald\nAlpha Herald\nA story.\nAlpha Herald\n"
    assert learn_templates([("alpha", one)], min_docs=2, min_share=0.01, sample_docs=2) == {}
    # one document per source, however many sources share the line
    assert learn_templates([(f"site{i}", one) for i in range(20)], min_docs=2, min_share=0.01) == {}
    # a line in two documents is the least that can be learned
    assert learn_templates([("s", one), ("s", "Alpha Herald\nOther story.\n")], min_docs=2, min_share=0.5) == {"s": ("alpha herald",)}
    with pytest.raises(ValueError):
        TemplateThresholds(min_docs=1).validate()


def test_thresholds() -> None:
    docs = corpus(10)
    docs += [("alpha", f"Alpha weekend edition\nStory {i} about the coast.\n") for i in range(4)]  # 4 of 14 alpha docs
    assert key("Alpha weekend edition") in learn_templates(docs, min_docs=4, min_share=0.25)["alpha"]
    assert key("Alpha weekend edition") not in learn_templates(docs, min_docs=4, min_share=0.3)["alpha"]
    assert key("Alpha weekend edition") not in learn_templates(docs, min_docs=5, min_share=0.1)["alpha"]
    # only the first sample_docs documents of a source are counted
    late = [("s", f"Story {i}.\n") for i in range(10)] + [("s", f"Late footer\nStory {i}.\n") for i in range(10)]
    assert learn_templates(late, min_docs=2, sample_docs=10) == {}
    assert learn_templates(late, min_docs=2, min_share=0.5, sample_docs=20) == {"s": ("late footer",)}


def test_learner_is_incremental_and_deterministic() -> None:
    docs = corpus()
    a, b = TemplateLearner(), TemplateLearner()
    for source, text in docs:
        a.add(source, text)
    for source, text in docs:
        from cleaner.batch.templates import doc_lines

        b.add_lines(source, doc_lines(text))
    assert a.templates() == b.templates() == learn_templates(docs)
    a.add(None, "no source: ignored\n")


def test_rule_removes_template_lines_only() -> None:
    doc = site_doc("alpha", 4)
    result = cleaner.clean(doc, profile="conservative", options={"site_templates": list(SITES["alpha"])})
    assert [c.rule for c in result.changes if c.category == "boilerplate"] == ["boilerplate.site_template"] * 3
    assert "Officials in district 4" in result.text and "Alpha Herald" not in result.text
    assert "HOME WORLD" not in result.text  # case and spacing do not matter
    untouched = cleaner.clean(doc, profile="conservative")
    assert not any(c.rule == "boilerplate.site_template" for c in untouched.changes)


def test_batch_learn_templates_jsonl(tmp_path: Path) -> None:
    inp = tmp_path / "corpus.jsonl"
    with open(inp, "w") as f:
        for n, (site, text) in enumerate(corpus()):
            f.write(json.dumps({"id": n, "source": site, "text": text}) + "\n")
        f.write(json.dumps({"id": "orphan", "text": site_doc("alpha", 99)}) + "\n")  # no source: no templates
    out = tmp_path / "out.jsonl"
    summary = run(BatchConfig(profile="conservative", inputs=[str(inp)], output=str(out), workers=1,
                              learn_templates=True, source_field="source"))
    assert (summary.template_sources, summary.template_lines) == (3, 9)
    assert summary.changes["boilerplate.site_template"] == 3 * 12 * 3
    rows = [json.loads(line) for line in open(out)]
    for row in rows[:-1]:
        for line in SITES[row["source"]]:
            assert key(line) not in key(row["text"])
        assert "Officials in district" in row["text"]
    assert "Alpha Herald" in rows[-1]["text"]

    plain = tmp_path / "plain.jsonl"
    assert main(["batch", "--profile", "conservative", str(inp), "-o", str(plain), "-q"]) == 0
    assert all("Officials" in json.loads(line)["text"] for line in open(plain))
    assert "Alpha Herald" in open(plain).read()  # without --learn-templates nothing is learned


def test_batch_learn_templates_folders(tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    for site in SITES:
        for i in range(8):
            path = root / site / f"{i:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(site_doc(site, i))
    lone = root / "lone" / "only.txt"
    lone.parent.mkdir()
    lone.write_text(site_doc("gamma", 0))  # the only document of its folder: nothing to learn
    out = tmp_path / "out"
    assert main(["batch", "--profile", "conservative", str(root), "-o", str(out), "-q", "--learn-templates",
                 "--template-min-docs", "3", "--template-min-share", "0.5"]) == 0
    cleaned = (out / "beta" / "003.txt").read_text()
    assert "Beta Daily" not in cleaned and "district 3" in cleaned
    assert (out / "lone" / "only.txt").read_text().casefold().count("gamma wire") == 3
