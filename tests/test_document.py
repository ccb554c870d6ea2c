"""The document model: headings, links with positions, HTML anchors, TOC and entries."""
from __future__ import annotations


from awesome_tools.model.parse import parse


def _at(text: str, link) -> str:
    """The source text at a link's destination span."""
    return text[link.dest.start:link.dest.end]


def test_heading_text_as_github_shows_it():
    doc = parse("## Tools [![badge](b.svg)](u) `code` &amp; <b>bold</b>\n")
    heading = doc.headings[0]
    assert heading.text == "Tools  code & bold"
    assert heading.anchor == "tools--code--bold"


def test_repeated_headings_are_numbered():
    doc = parse("# A\n\n# A\n\n# A-1\n")
    assert [h.anchor for h in doc.headings] == ["a", "a-1", "a-1-1"]


def test_link_positions_and_destination_spans():
    text = "Intro\n\n- item [x](https://a.example/1) and ![i](img\\p.png)\n"
    doc = parse(text)
    link, image = doc.links
    assert (link.line, link.column) == (3, 8)
    assert _at(text, link) == "https://a.example/1"
    assert image.kind == "image" and _at(text, image) == "img\\p.png"


def test_positions_survive_crlf_and_nesting():
    text = "> quote\r\n> - [a](#x)\r\n\r\n| c | d |\r\n|---|---|\r\n| [e](#y) | [e](#z) |\r\n"
    doc = parse(text)
    found = {link.url: (link.line, link.column, _at(text, link)) for link in doc.links}
    assert found["#x"] == (2, 5, "#x")
    assert found["#y"] == (6, 3, "#y")
    assert found["#z"] == (6, 13, "#z")


def test_html_links_images_and_anchors():
    text = ('<p align="center">\n  <a href="https://x.example"><img src="logo.svg" alt="L"></a>'
            '\n</p>\n\n<a name="here"></a> <span id="there">x</span>\n')
    doc = parse(text)
    kinds = sorted((lk.kind, lk.url) for lk in doc.links)
    assert kinds == [("image", "logo.svg"), ("link", "https://x.example")]
    assert {(a.name, a.attribute) for a in doc.anchors} == {("here", "name"), ("there", "id")}
    img = next(lk for lk in doc.links if lk.kind == "image")
    assert (img.line, _at(text, img)) == (2, "logo.svg")


def test_code_and_comments_hold_no_links():
    text = "`[a](#b)`\n\n```\n[c](#d)\n```\n\n<!-- [e](#f) -->\n\n    [g](#h)\n"
    assert parse(text).links == ()


def test_reference_definitions_and_bare_urls():
    text = "See [docs][d] and https://bare.example/x.\n\n[d]: https://docs.example\n"
    doc = parse(text)
    by_syntax = {lk.syntax: lk for lk in doc.links}
    assert by_syntax["reference"].url == "https://docs.example"
    assert by_syntax["definition"].line == 3
    assert _at(text, by_syntax["definition"]) == "https://docs.example"
    assert by_syntax["bare"].url == "https://bare.example/x"


def test_seed_model(seed_text):
    doc = parse(seed_text)
    assert doc.toc is not None and doc.toc.kind == "list"
    assert len(doc.toc.entries) == 69
    assert len(doc.headings) == 69
    assert doc.toc.entries[63].fragment == "survey-1"
    vilbert = doc.entries[0]
    assert vilbert.kind == "heading" and vilbert.venue == "NeurIPS 2019"
    assert vilbert.title.startswith("ViLBERT: Pretraining")
    assert [label for label, _ in vilbert.links] == ["paper", "code"]
    assert vilbert.primary.url == "https://arxiv.org/abs/1908.02265"
    assert len([i for i in doc.images if i.url.startswith("images")]) == 14


def test_toc_inside_details_and_markers():
    text = ("# T\n\n<details><summary>Contents</summary>\n\n- [A](#a)\n- [B](#b)\n\n</details>\n\n"
            "## A\n\n## B\n")
    toc = parse(text).toc
    assert toc.kind == "list" and [e.fragment for e in toc.entries] == ["a", "b"]
    marked = parse("<!-- START doctoc -->\n- [A](#a)\n<!-- END doctoc -->\n\n## A\n").toc
    assert marked.kind == "doctoc" and marked.entries[0].fragment == "a"


def test_link_around_an_image_keeps_its_own_destination():
    text = "- [Awesome ![badge](https://img.example/b.svg)](#awesome-)\n"
    link = next(lk for lk in parse(text).links if lk.kind == "link")
    assert link.url == "#awesome-" and _at(text, link) == "#awesome-"


def test_tables_and_setext_headings_still_parse():
    """Block rules are skipped only for texts that cannot contain them."""
    doc = parse("Title\n=====\n\n| a | b |\n|---|---|\n| [x](#title) | y |\n")
    assert [h.text for h in doc.headings] == ["Title"]
    assert [link.url for link in doc.links] == ["#title"]
    plain = parse("Title\n\n- [x](#title)\n")
    assert plain.headings == () and plain.links[0].line == 3


def test_markdown_it_loggers_are_left_alone():
    import logging

    import markdown_it.rules_block.list as list_rule

    parse("- [a](#a)\n")
    assert isinstance(list_rule.LOGGER, logging.Logger)
