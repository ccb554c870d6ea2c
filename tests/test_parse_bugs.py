"""Parser bugs found on real lists (issue 10, cause 7), each fixed where it arose.

Minimal versions of what was seen: a link around a badge with an empty destination on a line
that also holds inline HTML, ``[a]()`` next to an unrelated escape, line numbers after a
U+2028 inside a paragraph.
"""
from __future__ import annotations

import json

import pytest

from awesome_tools.cli import run
from awesome_tools.model.parse import parse


def _links(text):
    return [(lk.kind, lk.syntax, lk.url, text[lk.dest.start:lk.dest.end] if lk.dest else None,
             lk.line, lk.column) for lk in parse(text).links]


@pytest.mark.parametrize("html", ["<br>", "<b>x</b>", "<br/>", '<img src="i.png">'])
def test_empty_link_around_a_badge_keeps_its_own_empty_destination(html):
    text = f"- [![alt](https://img.example/b.svg)]() {html} Tool\n"
    link = [lk for lk in parse(text).links if lk.kind == "link" and lk.syntax != "html"]
    assert len(link) == 1
    assert (link[0].syntax, link[0].url) == ("inline", "")
    assert link[0].dest is not None and link[0].dest.start == link[0].dest.end
    assert text[link[0].dest.start - 1:link[0].dest.start + 1] == "()"
    image = next(lk for lk in parse(text).links if lk.kind == "image" and lk.syntax == "inline")
    assert image.url == "https://img.example/b.svg"


def test_empty_link_around_a_badge_is_reported_and_no_duplicate_appears(tmp_path, capsys):
    (tmp_path / "README.md").write_text(
        "# List\n\n## Tools\n\n"
        "- [![a](https://img.example/b.svg)]() <br> One tool.\n"
        "- [Two](https://img.example/b.svg) - Another tool.\n", encoding="utf-8")
    run(["check", str(tmp_path / "README.md"), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    rules = [f["rule"] for f in findings]
    assert "empty-link" in rules
    assert "duplicate-entry" not in rules


@pytest.mark.parametrize("rest", ["", r" \* starred", r" a\_b", " &amp; more", " <br>", " `c`"])
def test_empty_destination_is_the_same_whatever_else_is_on_the_line(rest):
    plain = _links("- [a]() tool\n")
    assert plain == [("link", "inline", "", "", 1, 3)]
    assert _links(f"- [a]() tool{rest}\n")[:1] == plain


def test_angle_and_spaced_destinations():
    assert _links("[a](<>)\n") == [("link", "inline", "", "", 1, 1)]
    assert _links("[a]( <u v> )\n") == [("link", "inline", "u v", "u v", 1, 1)]
    assert _links("[a](\n  u)\n") == [("link", "inline", "u", "u", 1, 1)]


def test_line_numbers_come_from_the_model_not_from_splitlines():
    text = ("# T\n\nIntro with a \u2028 line separator and \u0085 next line.\n\n"
            "## A <!-- omit from toc -->\n\n- [x](#a)\r\n\r\n## B\n")
    doc = parse(text)
    assert [(h.text.strip(), h.line) for h in doc.headings] == [("T", 1), ("A", 5), ("B", 9)]
    assert [c.line for c in doc.comments] == [5]
    assert doc.line(5).startswith("## A")
    assert doc.links[0].line == 7 and doc.line(7) == "- [x](#a)"


def test_links_in_table_cells_with_escaped_pipes_point_at_their_text():
    """markdown-it-py gives a cell's ``\\|`` as ``|``, so the cell's text is not in the line as
    such: positions used to fall back to the line's start (a fix would have cut the URL)."""
    text = ("| Name | Note |\n|---|---|\n"
            "| [a \\| b](https://x.example/p) \\| [c](https://c.example) | d |\n")
    links = _links(text)
    assert links == [
        ("link", "inline", "https://x.example/p", "https://x.example/p", 3, 3),
        ("link", "inline", "https://c.example", "https://c.example", 3, 36)]

