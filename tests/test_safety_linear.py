"""Linear-time rewrites give exactly what the patterns and loops they replace gave.

Issue 12 (item 7): several regular expressions and loops were quadratic on crafted lists
(``bench/scaling_bench.py`` measures that). Each was rewritten as a single pass; these tests
pin each rewrite to the original, kept here as the reference, on generated text made of the
characters that matter to it. Timings live in the bench, never here.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools.findings import Finding
from awesome_tools.model import Document, Heading, TocEntry
from awesome_tools.toc.align import Plan
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


def _inline_nodes_recursive(tokens):
    """The recursive ``inline_nodes`` that ``_awesome_items`` had (kept as the reference): it
    recursed per level of emphasis and scanned ahead for each opener's closer."""
    from awesome_tools.rules._awesome_items import _OPEN, Node

    nodes, pieces, index = [], {}, 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in _OPEN:
            close = kind.replace("_open", "_close")
            depth, end = 1, index + 1
            while end < len(tokens) and depth:
                depth += (tokens[end].type == kind) - (tokens[end].type == close)
                end += 1
            children = _inline_nodes_recursive(tokens[index + 1:end - 1])
            text = "".join(child.text for child in children)
            url = token.attrGet("href") or "" if kind == "link_open" else ""
            nodes.append(Node(_OPEN[kind], text, url, children))
            index = end
            continue
        if kind in ("text", "text_special", "softbreak", "hardbreak", "entity"):
            value = "\n" if kind.endswith("break") else token.content
            if nodes and nodes[-1].type == "text":
                pieces.setdefault(id(nodes[-1]), [nodes[-1].text]).append(value)
            else:
                nodes.append(Node("text", value))
        elif kind == "code_inline":
            nodes.append(Node("inlineCode", token.markup + token.content + token.markup))
        elif kind == "image":
            nodes.append(Node("image", "", token.attrGet("src") or ""))
        elif kind == "html_inline":
            nodes.append(Node("html", ""))
        else:
            nodes.append(Node(kind, token.content))
        index += 1
    for node in nodes:
        if id(node) in pieces:
            node.text = "".join(pieces[id(node)])
    return [node for node in nodes if node.type != "text" or node.text]


def _shape(nodes):
    return [(node.type, node.text, node.url, _shape(node.children)) for node in nodes]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["*", "**", "_", "~~", "a", " ", "[", "](u)", "`", "\\*", "&amp;",
                                 "<b>", "![i](s)", "\n", "<http://x.org>"]),
                max_size=20).map("".join))
def test_awesome_inline_nodes_are_the_recursive_reading(text):
    from markdown_it import MarkdownIt

    from awesome_tools.rules._awesome_items import inline_nodes

    md = MarkdownIt("commonmark").enable(["strikethrough"])
    tokens = md.parseInline(text)[0].children
    assert _shape(inline_nodes(tokens)) == _shape(_inline_nodes_recursive(tokens))


# --- the TOC alignment: per-entry scans replaced by indexes made once ------------------------

def _by_text_scan(pairer, entry, low, high):
    """``_Pairer.by_text`` as it was: a filter of every heading with the entry's text."""
    from awesome_tools.toc.align import normalize_text

    same = pairer.by_text_all.get(normalize_text(entry.text), [])
    if len(same) > 1:
        same = [h for h in same if low < h.index < high]
    return same[0] if same else None


def _by_own_text_scan(pairer, entry, taken, low, high):
    """``_Pairer.by_own_text`` as it was: every heading with the entry's text, filtered."""
    from awesome_tools.toc.align import _prefixed, normalize_text

    wrote = normalize_text(entry.text)
    free = [h for h in pairer.by_text_all.get(wrote, []) if h.index not in taken]
    if not free and wrote and low != float("-inf") and high != float("inf") \
            and high - low <= 64:
        free = [h for h in pairer.doc.headings[int(low) + 1:int(high)]
                if h.index not in taken and _prefixed(wrote, normalize_text(h.text))]
    if len(free) > 1:
        free = [h for h in free if low < h.index < high] or free
    return free[0] if free else None


_NAMES = ["Same", "Same", "Same", "Tools", "Tool"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=14),
       st.lists(st.tuples(st.sampled_from(_NAMES), st.integers(-2, 15), st.integers(-1, 16),
                          st.lists(st.integers(0, 15), max_size=3)), min_size=1, max_size=12))
def test_pairing_by_text_is_the_scan(headings, questions):
    """Questions as ``_claim`` asks them: ``taken`` only grows between them."""
    from awesome_tools.model.parse import parse
    from awesome_tools.toc.align import _Pairer

    text = "# T\n\n## Contents\n\n" + "".join(f"- [{n}](#nope)\n" for n, *_ in questions) + \
        "\n" + "".join(f"## {name}\n\n" for name in headings)
    doc = parse(text)
    pairer = _Pairer(doc)
    taken = {}
    inf = float("inf")
    entries = doc.toc.entries if doc.toc is not None else []  # none without questions
    for entry, (_, low, high, newly) in zip(entries, questions):
        low = -inf if low < 0 else low
        high = inf if high > 15 else high
        assert pairer.by_text(entry, low, high) == _by_text_scan(pairer, entry, low, high)
        for index in newly:
            taken.setdefault(index, 0)
        assert pairer.by_own_text(entry, taken, low, high) == \
            _by_own_text_scan(pairer, entry, taken, low, high)


def _in_order_at_scan(doc, plan, moved, heading, offset):
    """``toc-order``'s ``_in_order_at`` as it was: a sort of the paired entries per entry."""
    line = doc.position(offset)[0]
    before = after = None
    for index in sorted(plan.heading_of, key=lambda i: plan.toc.entries[i].line):
        entry = plan.toc.entries[index]
        if entry is moved or plan.heading_of[index].index not in plan.expected_index:
            continue
        if entry.line < line:
            before = plan.heading_of[index].index
        elif after is None:
            after = plan.heading_of[index].index
    return (before is None or before < heading.index) and (after is None or heading.index < after)


@settings(max_examples=200, deadline=None)
@given(st.permutations(range(8)), st.lists(st.sampled_from(["", "  "]), min_size=8, max_size=8),
       st.lists(st.integers(0, 10_000), min_size=1, max_size=6))
def test_toc_order_placement_check_is_the_scan(order, indents, offsets):
    from awesome_tools.model.parse import parse
    from awesome_tools.rules.toc_order import _Order
    from awesome_tools.toc.align import Settings, align

    text = "# T\n\n## Contents\n\n" + "".join(f"{indents[i]}- [S{i}](#s{i})\n" for i in order) + \
        "\n" + "".join(f"## S{i}\n\n" for i in range(8))
    doc = parse(text)
    plan = align(doc, Settings())
    fast = _Order(plan)
    for entry, heading in plan.moved + [(e, h) for e, h, _ in plan.pairs]:
        for offset in offsets:
            offset = offset % (len(text) + 1)
            assert fast.in_order_at(doc, entry, heading, offset) == \
                _in_order_at_scan(doc, plan, entry, heading, offset)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(2, 4), st.sampled_from(["A", "B", "A", "C"])), min_size=1,
                max_size=12), st.lists(st.booleans(), min_size=12, max_size=12))
def test_listed_sections_made_once_are_made_afresh(headings, listed):
    """The plan's cached nearest listed sections are what a fresh walk gives, for each doc."""
    from awesome_tools.model.parse import parse
    from awesome_tools.toc.align import Plan, Settings, _sections, align, listed_section

    text = "# T\n\n## Contents\n\n" + "".join(
        f"- [{name}](#{name.lower()})\n" for (_, name), keep in zip(headings, listed) if keep) + \
        "\n" + "".join(f"{'#' * level} {name}\n\n" for level, name in headings)
    doc = parse(text)
    plan = align(doc, Settings())
    if plan is None:
        return
    fresh = _sections(doc, Plan(plan.toc, plan.expected, listed=dict(plan.listed)))
    for heading in doc.headings:
        assert listed_section(doc, plan, heading) == fresh[heading.index]
    assert plan.expected_index == {h.index for h in plan.expected}


# --- the TOC writer: a line for a missing or moved entry from indexes made once per plan ------

from awesome_tools.toc.write import (  # noqa: E402  (the reference below uses them)
    _after, _line_like, _offset, child_prefix, line_prefix, listed_section, nests_subsections,
)
from awesome_tools.findings import Edit  # noqa: E402

def _insert_edit_scan(doc: Document, plan: Plan, heading: Heading, skip: Sequence[TocEntry] = (),
                keep: Optional[TocEntry] = None) -> Optional[Edit]:
    """``toc.write.insert_edit`` as it was (a scan of the TOC per entry): a line for ``heading``,
    or None when
    there is no place where Markdown would nest it as intended.

    A missing entry joins the entries of its heading's listed siblings (or, without any, nests
    under its section's entry when the TOC nests subsections, and sits beside it when the TOC
    is flat). A moved entry (``keep``) keeps its parent and group, only its place changes.
    ``skip`` are entries another edit of the same fix removes."""
    entries = plan.toc.entries
    skipped = {id(entry) for entry in skip}
    place = (keep.parent, keep.label) if keep is not None else \
        _new_place_scan(doc, plan, heading, skipped)
    if place is None:
        return None
    parent, label = place
    group = [(i, e) for i, e in enumerate(entries) if e.parent == parent and e.label == label
             and id(e) not in skipped]
    if any(e.kind != "item" for _, e in group):
        return None  # headings inside the TOC block: a new heading is not a fix to make
    paired = [(e, plan.heading_of[i]) for i, e in group if i in plan.heading_of]
    before = [e for e, h in paired if h.index < heading.index]
    after = [e for e, h in paired if h.index > heading.index]
    if before:
        last = before[-1]
        inside = [h for i, h in plan.heading_of.items()
                  if last.line < entries[i].line < last.end_line and id(entries[i]) not in skipped]
        if any(h.index > heading.index for h in inside):
            return None  # its subtree holds a later section's entry (misnested): not yet
        return _after(doc, last, heading)
    if after:
        first = after[0]
        offset = _offset(doc, first.line)
        return Edit(offset, offset, _line_like(doc, first, line_prefix(doc, first), heading))
    if group:
        return _after(doc, group[-1][1], heading)
    if parent is not None:
        owner = entries[parent]
        if owner.kind != "item":
            return None
        offset = _offset(doc, owner.own_end_line)
        return Edit(offset, offset, _line_like(doc, owner, child_prefix(doc, owner), heading))
    return None


def _new_place_scan(doc: Document, plan: Plan, heading: Heading, skipped: set
               ) -> Optional[Tuple[Optional[int], Optional[int]]]:
    """(parent, label) a missing entry should get: its listed siblings', else under or beside
    its section's entry as the TOC nests its other subsections."""
    section = listed_section(doc, plan, heading)
    entries = plan.toc.entries
    siblings = [(h, plan.listed[h.index]) for h in
                sorted((doc.headings[i] for i in plan.listed), key=lambda h: h.index)
                if h.index != heading.index and id(plan.listed[h.index]) not in skipped
                and listed_section(doc, plan, h) is section]
    if siblings:
        before = [e for h, e in siblings if h.index < heading.index]
        after = [e for h, e in siblings if h.index > heading.index]
        # After the previous sibling, at the end of its group; the first of them joins the
        # next sibling's group, before it (never between a label and its children).
        nearest = before[-1] if before else after[0]
        return nearest.parent, nearest.label
    if section is None:
        top = [e for e in entries if e.parent is None and id(e) not in skipped]
        return (None, top[-1].label) if top else (None, None)
    owner = plan.listed[section.index]
    index = next(i for i, e in enumerate(entries) if e is owner)
    if nests_subsections(doc, plan):
        return index, None
    return owner.parent, owner.label




_TOC_NAMES = ["Same", "Tools", "Deep Learning", "Other", "S1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TOC_NAMES), st.integers(2, 4)), min_size=1, max_size=10),
       st.lists(st.tuples(st.integers(0, 9), st.sampled_from(["", "  ", "    "]),
                          st.sampled_from(["", "x", "-1"]), st.sampled_from(["- ", "1. "])),
                max_size=12),
       st.lists(st.integers(0, 11), max_size=3))
def test_toc_insertions_are_the_scans(headings, lines, skips):
    """Every missing and moved entry's new line, with and without other entries skipped, is
    the one the per-entry scans gave, on TOCs in any order, nesting and grouping."""
    from awesome_tools.model.parse import parse
    from awesome_tools.toc.align import Settings, align
    from awesome_tools.toc.write import insert_edit

    slugs = [name.lower().replace(" ", "-") for name, _ in headings]
    toc = "".join(f"{indent}{marker}[{headings[i % len(headings)][0]}]"
                  f"(#{slugs[i % len(headings)]}{suffix})\n" for i, indent, suffix, marker in lines)
    text = "# T\n\n## Contents\n\n" + (toc or "- [A](#a)\n") + "\n" + "".join(
        f"{'#' * level} {name}\n\ntext\n\n" for name, level in headings)
    doc = parse(text)
    plan = align(doc, Settings())
    if plan is None:
        return
    entries = plan.toc.entries
    skip = tuple(entries[i] for i in skips if i < len(entries))
    for heading in plan.missing:
        for skipped in ((), skip):
            assert insert_edit(doc, plan, heading, skipped) == \
                _insert_edit_scan(doc, plan, heading, skipped)
    for entry, heading in plan.moved + [(e, h) for e, h, _ in plan.pairs]:
        for skipped in ((entry,), (entry,) + skip):
            assert insert_edit(doc, plan, heading, skipped, keep=entry) == \
                _insert_edit_scan(doc, plan, heading, skipped, keep=entry)


@SETTINGS
@given(st.lists(st.sampled_from([" ", "  ", "**", "__", ":", "\uff1a", "*a*", "_b_", "(r)",
                                 "[x](u)", "[y]", "x", "\t"]), max_size=10).map("".join))
def test_only_link_patterns_are_the_adjacent_space_patterns(text):
    """``entries._ONLY_LINK``/``_ONLY_TAIL`` read each run of spaces once; the old patterns
    (adjacent ``\\s*``, polynomial backtracking on a long run) accepted the same texts."""
    from awesome_tools.model import entries

    old_link = re.compile(r"\s*(?:\*\*|__)?\s*\[[^\[\]\\]*(?:(?:\\.|\[[^\[\]]*\])[^\[\]\\]*)*\]"
                          r"(?:\([^()\s]*(?:\([^()]*\)[^()\s]*)?\)|\[[^\]]*\])")
    old_tail = re.compile(r"\s*(?:\*\*|__)?\s*[:：]?\s*(?:[*_]+[^*_\[\]]{1,40}[*_]+|"
                          r"\([^()\[\]]{1,40}\))?\s*\Z")
    new_link = entries._ONLY_LINK.match(text)
    old = old_link.match(text)
    assert (new_link.end() if new_link else None) == (old.end() if old else None)
    for start in range(len(text) + 1):
        assert (entries._ONLY_TAIL.match(text, start) is not None) == \
            (old_tail.match(text, start) is not None)


_HINTY = "hHtTpPsS\u017f:/wW. x"


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), _text(_HINTY, 12)), max_size=8))
def test_bare_url_hints_outside_links_are_the_scan(pieces):
    """``engine_rs._url_outside`` (the text between the covered ranges, read once) says yes
    wherever a URL hint starts outside every range (the scan of every range per hint), and
    no where no hint lies between the ranges. Covered pieces start as links, code and tags
    do, with a character no hint holds."""
    engine_rs = __import__("pytest").importorskip("awesome_tools.model.engine_rs")
    from awesome_tools.model.parse import _BARE_HINT

    text, covered, gaps = "", [], [""]
    for is_covered, piece in pieces:
        if is_covered:
            covered.append((len(text), len(text) + 1 + len(piece)))
            text += "[" + piece
            gaps.append("")
        else:
            gaps[-1] += piece
            text += piece
    covered.reverse()  # in no particular order
    scan = any(not any(a <= hint.start() < b for a, b in covered)
               for hint in _BARE_HINT.finditer(text))
    outside = engine_rs._url_outside(text, 0, len(text), covered)
    assert outside or not scan
    assert outside == any(_BARE_HINT.search(gap) for gap in gaps)


@SETTINGS
@given(_text("hHtTpPsS\u017f:wW.K\u212a\u0130 x", 16))
def test_url_hints_read_with_in_are_the_case_blind_pattern(text):
    """``engine_rs._may_hold_url`` (``in`` on the lower-cased text) is ``_BARE_HINT``."""
    engine_rs = __import__("pytest").importorskip("awesome_tools.model.engine_rs")
    from awesome_tools.model.parse import _BARE_HINT

    assert engine_rs._may_hold_url(text) == (_BARE_HINT.search(text) is not None)


@SETTINGS
@given(_text(" \t\n(12)[3]a\u3000", 24))
def test_normalize_text_is_the_trailing_count_pattern(text):
    """``toc.align.normalize_text`` seeks a trailing count from its bracket; the pattern it
    replaces, with the spaces before the count first, removed the same."""
    from awesome_tools.toc.align import _STRIP_TEXT, normalize_text

    old = re.compile(r"\s*[(\[]\d+[)\]]\s*$").sub("", text)
    assert normalize_text(text) == _STRIP_TEXT.sub(" ", old.casefold()).strip()


@SETTINGS
@given(st.lists(_text("aA b\ufe0f-\0", 6), max_size=6), st.lists(_text("aA b\0", 6), max_size=3),
       st.lists(_text("aA b\ufe0f-\0", 6), max_size=6))
def test_toc_targets_made_on_demand_are_the_set(texts, anchors, keys):
    """``toc.find._Targets`` makes the headings' text keys on first need: membership is the
    set of anchors, names and text keys made at once."""
    from awesome_tools.model.slugs import slugify, without_vs16
    from awesome_tools.toc.find import _Targets, _text_key

    headings = [Heading(2, text, text, slugify(text), i + 1, 1, i + 2, i)
                for i, text in enumerate(texts)]
    eager = {without_vs16(h.anchor.lower()) for h in headings}
    eager.update(without_vs16(name.lower()) for name in anchors)
    eager.update(_text_key(h.text) for h in headings)
    targets = _Targets(headings, anchors)
    for key in keys + [_text_key(key) for key in keys] + [_text_key(t) for t in texts]:
        assert (key in targets) == (key in eager)


def _trim_bare_scan(url: str) -> str:
    """parse._trim_bare as it was: a slice, two counts and an anchored search per character."""
    while url:
        if url[-1] in "?!.,:*_~'\"":
            url = url[:-1]
        elif url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        elif url[-1] == ";":
            entity = re.search(r"&[a-zA-Z0-9]+;$", url)
            url = url[: entity.start()] if entity else url[:-1]
        else:
            break
    return url


@SETTINGS
@given(_text("()&;a1.?_é", 24))
def test_trim_bare_is_the_trailing_scan(url):
    from awesome_tools.model.parse import _trim_bare

    assert _trim_bare("https://x.org/" + url) == _trim_bare_scan("https://x.org/" + url)
    assert _trim_bare(url) == _trim_bare_scan(url)
