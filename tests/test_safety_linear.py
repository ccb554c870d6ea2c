"""Linear-time rewrites give exactly what the patterns and loops they replace gave.

Issue 12 (item 7): several regular expressions and loops were quadratic on crafted lists
(``bench/scaling_bench.py`` measures that). Each was rewritten as a single pass; these tests
pin each rewrite to the original, kept here as the reference, on generated text made of the
characters that matter to it. Timings live in the bench, never here.
"""
from __future__ import annotations

import re
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools.findings import Finding
from awesome_tools.model.entries import first_quoted, split_venue
from awesome_tools.model.html import scan, strip_tags
from awesome_tools.model.parse import parse
from awesome_tools.rules import _anchors, dead_math_render
from awesome_tools.rules._venue import drop_destinations
from awesome_tools.runner import _directive_filter, _directive_filter_slow


def _text(alphabet: str, max_size: int = 40):
    return st.text(alphabet=alphabet, max_size=max_size)


SETTINGS = settings(max_examples=400, deadline=None)


@SETTINGS
@given(_text("ab 2019[]()\t\n", 30))
def test_split_venue_is_the_trailing_tag_pattern(title):
    old = re.compile(r"\s*[\[(]([^\[\]()]*\d{4}[^\[\]()]*)[\])]\s*$").search(title)
    expected = (title[:old.start()].strip(), old.group(1).strip()) if old else (title.strip(), "")
    assert split_venue(title) == expected


@SETTINGS
@given(_text("ab \"\u201c\u201d", 30), st.integers(0, 4))
def test_first_quoted_is_the_quote_pattern(text, minimum):
    old = re.compile(r"[\"\u201c]([^\"\u201d]{%d,})[\"\u201d]" % minimum).search(text)
    found = first_quoted(text, minimum)
    assert (text[found[0]:found[1]] if found else None) == (old.group(1) if old else None)


@SETTINGS
@given(_text("]()a", 20), st.sampled_from([0, 1]))
def test_drop_destinations_is_the_destination_pattern(text, count):
    assert drop_destinations(text, count) == re.sub(r"\]\([^)]*\)", "]", text, count=count)


@SETTINGS
@given(_text("<>a", 20))
def test_strip_tags_is_the_tag_pattern(text):
    assert strip_tags(text) == re.sub(r"<[^>]*>", "", text)


def test_an_anchor_text_ends_where_the_next_anchor_opens():
    items = [item for item in scan('<a href="x">foo<a href="y">bar</a>') if item.kind == "a"]
    assert [(item.value, item.text) for item in items] == [("x", "foo"), ("y", "bar")]
    lone = [item for item in scan('<a href="x">foo') if item.kind == "a"]
    assert lone[0].text == ""  # no </a> at all: no text, as before


DIRECTIVE_PIECES = st.sampled_from([
    "<!-- awesome-tools-disable -->\n", "<!-- awesome-tools-enable -->\n",
    "<!-- awesome-tools-disable empty-link -->\n", "<!-- awesome-tools-enable empty-link -->\n",
    "<!-- awesome-tools-disable-next-line -->\n", "<!-- awesome-tools-disable-line empty-link -->",
    "<!-- awesome-tools-disable broken-anchor, empty-link -->\n",
    "<!--\nawesome-tools-disable\n-->\n",
    "- [x]()\n", "[y](#nowhere)\n", "\n", "text\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(DIRECTIVE_PIECES, max_size=12).map("".join))
def test_directive_index_is_the_direct_reading(text):
    doc = parse(text)
    fast, slow = _directive_filter(doc), _directive_filter_slow(doc)
    lines = text.count("\n") + 2
    for rule in ("empty-link", "broken-anchor", "toc-missing"):
        for line in range(1, lines + 1):
            finding = Finding("README.md", line, 1, rule, "m")
            assert fast(finding) == slow(finding), (rule, line)


@SETTINGS
@given(st.lists(st.sampled_from(["a", "a-1", "a-b", "a-b-2", "a-", "a-x-3", "b-1", "ab-1", "a.",
                                 "a-1-1"]), max_size=8), st.sampled_from(["a", "a-b", "b", "ab"]))
def test_numbered_anchor_index_is_the_scan(names, base):
    text = "".join(f'<a id="{name}"></a>\n' for name in names)
    index = _anchors.AnchorIndex(parse(text))
    old = [name for name in index.exact if name.startswith(base + "-")
           and _anchors._SUFFIX.match(name)]
    assert index._has_numbered(base) == bool(old)


def test_suggestions_stop_at_the_budget_and_are_remembered():
    names = ["apple", "banana", "cherry", "damson", "elder", "feijoa", "guava", "grape"]
    index = _anchors.AnchorIndex(parse("".join(f"## {name}\n\n" for name in names)))
    probe = _anchors.SuggestionBudget()
    index.repair("bananna", probe)
    cost = _anchors.SUGGESTION_CHARS - probe.left
    assert cost > 0
    budget = _anchors.SuggestionBudget(chars=cost + cost // 2)  # room for one search
    assert index.repair("bananna", budget) == ("banana", "banana")
    spent = budget.left
    assert index.repair("bananna", budget) == ("banana", "banana")
    assert budget.left == spent  # remembered, not searched again
    assert index.repair("cherrry", budget) == (None, None)  # over the budget: no suggestion
    assert index.repair("cherrry") == ("cherry", "cherry")  # without a budget, as before


# --- TOC entries ----------------------------------------------------------------------------

@SETTINGS
@given(st.lists(st.sampled_from(["[", "]", "](u)", "a", " ", "!", "(", ")", "[b]"]),
                max_size=12).map("".join))
def test_toc_link_unwrapping_is_the_old_pattern_where_no_bracket_nests(raw):
    """The TOC's link pattern no longer lets a bracketed word inside a link text hold ``[``
    (that made a run of ``[`` quadratic); on text where no bracket nests inside such a word,
    it unwraps exactly what the old pattern did."""
    from awesome_tools.toc.write import _LINK_IN_TEXT

    old = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
    if re.search(r"\[[^\]]*\[", raw):
        return  # two "[" before a "]": where the patterns may differ, by design
    def unwrap(match):
        return "" if match.group(0).startswith("!") else match.group(1)
    assert _LINK_IN_TEXT.sub(unwrap, raw) == old.sub(unwrap, raw)


# --- dead-math-render ------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<img ", "<img>", "<", ">", "<!--", "-->", " $x$ ", "\n", "a",
                                 "IMG", " "]), max_size=12).map("".join),
       st.integers(0, 60), st.integers(0, 5))
def test_math_marks_are_the_scans(text, start, width):
    start = min(start, len(text))
    end = min(start + width, len(text))
    marks = dead_math_render._Marks(text)
    open_at = text.rfind("<", 0, start)
    old_tag = None
    if open_at >= 0:
        match = re.compile(r"<img\b[^>]*>", re.I).match(text, open_at)
        if match and match.end() >= end:
            old_tag = (open_at, match.end())
    assert marks.enclosing_tag(start, end) == old_tag
    line_start = text.rfind("\n", 0, start) + 1
    assert marks.line_start(start) == line_start
    comment_at = text.rfind("<!--", line_start, start)
    old = dead_math_render._COMMENT_BEFORE.match(text[comment_at:start]) \
        if comment_at >= 0 else None
    found = marks.comment_before(line_start, start)
    new = dead_math_render._COMMENT_BEFORE.match(text, found, start) if found >= 0 else None
    assert (old.group("tex") if old else None) == (new.group("tex") if new else None)


@SETTINGS
@given(_text("\"'\\a#", 16))
def test_toml_string_masking_is_the_string_pattern(line):
    from awesome_tools.config import _TOML_STRINGS, _mask_strings

    assert _mask_strings(line) == re.sub(_TOML_STRINGS, "S", line)


# --- entries (main's entry model) ------------------------------------------------------------

@SETTINGS
@given(_text("([)] *12a\t", 16))
def test_lead_venue_is_the_lead_pattern(text):
    from awesome_tools.model import entries

    old = entries._LEAD_VENUE.match(text)
    assert entries._lead_venue(text) == ((old.group(1), old.end()) if old else None)


@SETTINGS
@given(st.lists(st.sampled_from(["<summary>", "<SUMMARY a=1>", "</summary>", "</Summary>", "<h2>",
                                 "<h3 id=x>", "</h2>", "</h3 >", "</h2", "<h7>", "<hr>", ">", "x",
                                 "<summary", "\n"]), max_size=12).map("".join))
def test_html_sections_are_the_section_patterns(content):
    from awesome_tools.model import entries

    assert entries._summaries(content) == [(m.start(), m.end(), m.group(1))
                                           for m in entries._SUMMARY.finditer(content)]
    assert entries._html_headings(content) == [(m.start(), int(m.group(1)), m.group(2))
                                               for m in entries._HTML_HEADING.finditer(content)]


@SETTINGS
@given(st.lists(st.sampled_from(["[4] ", "**[4]** ", "\"", "\u201c", "\u201d", "  ", " ", "A",
                                 "**", ".", ",", "Title", "[pdf](u)"]), max_size=12).map("".join))
def test_citations_read_as_the_citation_pattern(text):
    from awesome_tools.model import entries

    old, new = entries._CITATION.match(text), entries._citation(text)
    assert (old is None) == (new is None)
    if old is not None:
        for group in (1, 2, 3):
            assert entries.plain(new.group(group)) == entries.plain(old.group(group))


@SETTINGS
@given(_text(" \t\\<br/>x\r", 14))
def test_hard_break_stripping_is_the_hard_break_pattern(line):
    from awesome_tools.model import entries

    assert entries._strip_hard_break(line) == entries._HARD_BREAK.sub("", line)


@SETTINGS
@given(st.lists(st.sampled_from(["**", "__", " ", "  ", "\t", "\n", "a", ":", "[t](u)", "*"]),
                max_size=10).map("".join))
def test_bold_lines_read_as_the_bold_pattern(line):
    from awesome_tools.model import entries

    old, new = entries._BOLD_WHOLE.match(line), entries._BOLD_LINE.match(line)
    if old is not None:
        inner = old.group(2)
        if "](" in inner and not entries._WHOLE_LINK.match(inner.strip()):
            old = None
    assert (old is None) == (new is None)
    if old is not None:
        assert entries.plain(new.group(2)) == entries.plain(old.group(2))
