"""`fix` keeps what a table of contents means (issue 10).

Generated lists with TOCs written in every shape the corpus shows — nested, flattened,
grouped under plain-text labels, compact (``- - [B](#b)``), with empty headings — then
damaged the ways lists drift (an entry dropped, two swapped, a stale entry, a fragment off by
case). After one ``fix``: the guard let it through (no entry changed parent, nothing new is
reported), ``check`` has nothing fixable left, and a second ``fix`` changes nothing. Then the
minimal versions of the cases that went wrong on real lists, one test each.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Tuple

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from awesome_tools.cli import run
from awesome_tools.config import Config
from awesome_tools.fixes.guard import problems
from awesome_tools.fixes.pipeline import fix_text, fixable_rules
from awesome_tools.model.parse import parse
from awesome_tools.model.slugs import Slugger
from awesome_tools.rules import RuleContext
from awesome_tools.runner import check_document

NAMES = ["Tools", "Data", "Survey", "Go", "数据", "⚙️ Core", "C++", "Echo", "Web", "Misc",
         "Books", "Utilities", "语言无关类", "Video"]
STYLES = ("nested", "flat", "grouped", "compact")


@st.composite
def lists(draw) -> str:
    """A list with headings (some empty), a TOC in one style, then damage."""
    shape: List[Tuple[int, str]] = []
    for _ in range(draw(st.integers(2, 9))):
        level = draw(st.integers(2, 3)) if shape else 2
        name = draw(st.sampled_from(NAMES))
        if draw(st.integers(0, 12)) == 0:
            name = ""  # an empty heading: `##`
        shape.append((level, name))
    slugger = Slugger()
    headings = [(level, name, slugger.slug(name)) for level, name in shape]
    style = draw(st.sampled_from(STYLES))
    toc = _toc(headings, style)
    toc = _damage(draw, toc)
    body = ["# Awesome Things", "", "## Contents", ""] + toc + [""]
    for level, name, _ in headings:
        body += ["#" * level + (" " + name if name else ""), "", f"- [x](https://e.org/{name})",
                 ""]
    return "\n".join(body)


def _toc(headings, style: str) -> List[str]:
    lines = []
    for level, name, anchor in headings:
        if not name:
            continue
        if style == "nested":
            lines.append("  " * (level - 2) + f"- [{name}](#{anchor})")
        elif style == "flat":
            lines.append(f"- [{name}](#{anchor})")
        elif style == "compact":
            lines.append("- " * (level - 1) + f"[{name}](#{anchor})")
        else:  # grouped: H2 entries under a plain-text label, subsections nested under them
            if not lines:
                lines.append("- Sections")
            lines.append("  " * (level - 1) + f"- [{name}](#{anchor})")
    return lines


def _damage(draw, toc: List[str]) -> List[str]:
    entries = [i for i, line in enumerate(toc) if "](#" in line]
    what = draw(st.sampled_from(["none", "drop", "swap", "stale", "case"]))
    if what == "drop" and entries:
        del toc[draw(st.sampled_from(entries))]
    elif what == "swap" and len(entries) >= 2:
        i = draw(st.sampled_from(entries[:-1]))
        j = entries[entries.index(i) + 1]
        if _indent(toc[i]) == _indent(toc[j]):
            toc[i], toc[j] = toc[j], toc[i]
    elif what == "stale" and entries:
        i = draw(st.sampled_from(entries))
        toc.insert(i + 1, toc[i].split("[")[0] + "[Removed Section](#removed-section)")
    elif what == "case" and entries:
        i = draw(st.sampled_from(entries))
        head, _, tail = toc[i].partition("](#")
        toc[i] = head + "](#" + tail.upper()
    return toc


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" -"))


def _ctx(tmp: Path) -> RuleContext:
    return RuleContext(tmp / "README.md", Config(), tmp)


RULES = fixable_rules(Config(), (), ())


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lists())
@example(text="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n  - [Tools](#tools-2)\n"
              "  - [Tools](#tools-1)\n  - [Tools](#tools-3)\n  - [Tools](#tools-4)\n"
              "  - [Tools](#tools-5)\n\n## Tools\n\n- [x](https://e.org/Tools)\n\n##\n\n"
              "- [x](https://e.org/)\n\n" + "### Tools\n\n- [x](https://e.org/Tools)\n\n" * 4
              + "### Tools\n\n- [x](https://e.org/Tools)\n")  # five misnested: once five rounds
def test_fix_keeps_structure_converges_and_is_idempotent(tmp_path, text):
    ctx = _ctx(tmp_path)
    fixed, applied = fix_text(text, ctx, RULES)
    assert problems(text, fixed, ctx, RULES, "README.md") is None, (text, fixed)
    left = [f for f in check_document(parse(fixed), ctx, RULES).findings if f.fix]
    assert left == [], (fixed, left)
    assert fix_text(fixed, ctx, RULES)[0] == fixed
    assert "[](#" not in fixed  # an empty heading never becomes an empty entry


# --- the cases that went wrong on real lists, minimal versions -------------------------------

def _check(tmp_path, capsys, text: str, rules: str = "") -> list:
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    args = ["check", str(path), "--format", "json"] + (["--select", rules] if rules else [])
    run(args)
    return json.loads(capsys.readouterr().out)


def _fix(tmp_path, capsys, text: str) -> str:
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    assert run(["fix", str(path)]) == 0, capsys.readouterr()
    capsys.readouterr()
    return path.read_text(encoding="utf-8")


GROUPED = """\
# Awesome

## Contents

- [Awesome](#awesome)
- Utilities
  - [Editors](#editors)
  - [Shells](#shells)
- Languages
  - [Go](#go)
  - [Rust](#rust)
  - [Zig](#zig)
- [License](#license)

## Editors

## Shells

## Go

## Rust

## Zig

## License
"""


def test_grouped_toc_is_left_alone(tmp_path, capsys):
    """Entries under plain-text labels are not nested 'unlike their peers'."""
    assert _check(tmp_path, capsys, GROUPED, "toc-level,toc-missing,toc-extra,toc-order") == []
    assert _fix(tmp_path, capsys, GROUPED) == GROUPED


def test_a_missing_entry_joins_its_group_after_the_last_child(tmp_path, capsys):
    text = GROUPED.replace("  - [Shells](#shells)\n", "")
    fixed = _fix(tmp_path, capsys, text)
    assert "  - [Editors](#editors)\n  - [Shells](#shells)\n- Languages\n" in fixed


def test_a_missing_first_entry_goes_before_the_first_child_not_above_the_label(tmp_path, capsys):
    text = GROUPED.replace("  - [Rust](#rust)\n", "")
    fixed = _fix(tmp_path, capsys, text)
    assert "- Languages\n  - [Go](#go)\n  - [Rust](#rust)\n  - [Zig](#zig)\n" in fixed


def test_a_missing_entry_between_two_groups_ends_the_previous_group(tmp_path, capsys):
    """Go sits between the last Utilities section and the first Languages one: it goes after
    the previous sibling, at the end of that group, never above the Languages label's
    children (which would make them its own)."""
    text = GROUPED.replace("  - [Go](#go)\n", "")
    fixed = _fix(tmp_path, capsys, text)
    assert "  - [Shells](#shells)\n  - [Go](#go)\n- Languages\n  - [Rust](#rust)\n" in fixed


def test_a_section_before_the_first_listed_one_is_a_preamble(tmp_path, capsys):
    """A sponsor block or note right after the TOC is left out on purpose (the labelled
    corpus: vsouza's promo section): not reported, not inserted."""
    text = GROUPED.replace("  - [Editors](#editors)\n", "")
    assert _check(tmp_path, capsys, text, "toc-missing") == []
    assert _fix(tmp_path, capsys, text) == text


def test_the_toc_heading_is_found_by_position_in_any_language(tmp_path, capsys):
    for title in ("Table of Content", "目录", "Index", "Overview", "Outline"):
        text = (f"# List\n\n## {title}\n\n- [Tools](#tools)\n- [Data](#data)\n\n"
                "## Tools\n\n## Data\n")
        assert _check(tmp_path, capsys, text, "toc-missing") == [], title
        assert _fix(tmp_path, capsys, text) == text


def test_root_entry_with_a_badge_anchor_is_repaired_not_deleted(tmp_path, capsys):
    """`# Awesome Mac [![badge](b.svg)](u)` has the anchor `awesome-mac-`."""
    text = ("# Awesome Mac [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
            "- [Awesome Mac](#awesome-mac)\n  - [Tools](#tools)\n  - [Data](#data)\n\n"
            "## Tools\n\n## Data\n")
    found = _check(tmp_path, capsys, text, "toc-extra,broken-anchor")
    assert [(f["rule"], f["suggestion"]) for f in found] == [("broken-anchor", "#awesome-mac-")]
    fixed = _fix(tmp_path, capsys, text)
    assert fixed == text.replace("(#awesome-mac)", "(#awesome-mac-)")


def test_compact_toc_is_recognised_and_checked(tmp_path, capsys):
    text = ("# List\n\n- [A](#a)\n- - [B](#b)\n- - - [C](#c)\n- [D](#d)\n\n"
            "## A\n\n### B\n\n#### C\n\n## D\n\n## E\n")
    found = _check(tmp_path, capsys, text, "toc-missing")
    assert [(f["line"], f["rule"]) for f in found] == [(16, "toc-missing")]
    fixed = _fix(tmp_path, capsys, text)
    assert "- [D](#d)\n- [E](#e)\n" in fixed


def test_compact_insert_copies_the_markers(tmp_path, capsys):
    text = ("# List\n\n- [A](#a)\n- - [B](#b)\n- [D](#d)\n\n"
            "## A\n\n### B\n\n### C\n\n## D\n")
    fixed = _fix(tmp_path, capsys, text)
    assert "- - [B](#b)\n- - [C](#c)\n- [D](#d)\n" in fixed


def test_an_empty_heading_is_never_listed(tmp_path, capsys):
    text = "# List\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n##\n\n## B\n"
    assert _check(tmp_path, capsys, text, "toc-missing") == []
    assert _fix(tmp_path, capsys, text) == text


def test_an_entry_nested_under_a_sibling_moves_out_not_deeper(tmp_path, capsys):
    """'Terminal Apps' (an H2) nested under 'Developer Tools' (an H2): the entry moves to
    the top level, next to its section; nothing else changes parent."""
    text = ("# List\n\n- [Developer Tools](#developer-tools)\n  - [Editors](#editors)\n"
            "  - [Terminal Apps](#terminal-apps)\n- [Design](#design)\n\n"
            "## Developer Tools\n\n### Editors\n\n## Terminal Apps\n\n## Design\n")
    found = _check(tmp_path, capsys, text, "toc-level")
    assert [f["line"] for f in found] == [5]
    assert "is not inside that section" in found[0]["message"]
    fixed = _fix(tmp_path, capsys, text)
    assert "  - [Editors](#editors)\n- [Terminal Apps](#terminal-apps)\n" in fixed


def test_a_flat_subsection_among_nested_siblings_nests(tmp_path, capsys):
    text = ("# List\n\n- [A](#a)\n  - [A1](#a1)\n  - [A2](#a2)\n- [A3](#a3)\n- [B](#b)\n\n"
            "## A\n\n### A1\n\n### A2\n\n### A3\n\n## B\n")
    found = _check(tmp_path, capsys, text, "toc-level")
    assert [f["line"] for f in found] == [6]
    fixed = _fix(tmp_path, capsys, text)
    assert "  - [A2](#a2)\n  - [A3](#a3)\n- [B](#b)\n" in fixed


def test_a_flat_toc_is_not_a_level_problem(tmp_path, capsys):
    text = ("# List\n\n- [A](#a)\n- [A1](#a1)\n- [B](#b)\n- [B1](#b1)\n\n"
            "## A\n\n### A1\n\n## B\n\n### B1\n")
    assert _check(tmp_path, capsys, text, "toc-level") == []


def test_omit_comment_is_read_on_model_lines(tmp_path, capsys):
    """A U+2028 in a paragraph is not a line break: `<!-- omit from toc -->` still belongs
    to its own heading."""
    text = ("# List\n\n- [A](#a)\n- [D](#d)\n\nText with a\u2028separator.\n\n## A\n\n"
            "## B <!-- omit from toc -->\n\n## C\n\n## D\n")
    found = _check(tmp_path, capsys, text, "toc-missing")
    assert [f["line"] for f in found] == [12]


def test_deleting_a_stale_parent_never_orphans_its_children(tmp_path, capsys):
    """An entry for a removed section is deleted only once nothing is nested under it: the
    entry under it first moves to where its heading sits (the top, beside B)."""
    text = ("# List\n\n- [Old](#old)\n  - [A](#a)\n- [B](#b)\n\n## A\n\n## B\n")
    from awesome_tools.model.parse import parse
    from awesome_tools.toc import write

    doc = parse(text)
    assert write.delete_edit(doc, doc.toc.entries[0]) is None  # it has a nested line
    fixed = _fix(tmp_path, capsys, text)
    assert "\n- [A](#a)\n- [B](#b)\n" in fixed and "Old" not in fixed


def test_case_only_fragments_are_warnings(tmp_path, capsys):
    text = "# List\n\n- [Tools](#Tools)\n- [Data](#data)\n\n## Tools\n\n## Data\n"
    found = _check(tmp_path, capsys, text)
    assert [(f["rule"], f["severity"]) for f in found] == [("broken-anchor", "warning")]


def test_a_table_of_in_page_links_is_a_toc_reported_but_not_edited(tmp_path, capsys):
    """A TOC in table cells (or HTML): what is missing or repeated is reported; its order is
    a layout choice (columns) and no line is edited."""
    text = ("# List\n\n| Contents | |\n| --- | --- |\n"
            "| [Alpha](#alpha) <br> [Beta](#beta) | [Delta](#delta) <br> [Beta](#beta) |\n\n"
            "## Alpha\n\n## Beta\n\n## Gamma\n\n## Delta\n")
    found = _check(tmp_path, capsys, text, "toc-missing,toc-extra,toc-order")
    assert sorted((f["rule"], f["line"], f["fixable"]) for f in found) == [
        ("toc-extra", 5, False), ("toc-missing", 11, False)]
    assert _fix(tmp_path, capsys, text) == text


def test_in_page_links_in_a_description_are_not_a_toc(tmp_path, capsys):
    text = ("# List\n\n## Benchmarks\n\n<a id=\"a\"></a>\n\n- A\n\n<a id=\"b\"></a>\n\n"
            "| Suite | Runs [A](#a), [B](#b) and [C](#c) together |\n| --- | --- |\n\n"
            "<a id=\"c\"></a>\n\n## Other\n")
    assert _check(tmp_path, capsys, text, "toc-missing") == []


def test_a_reversed_toc_is_put_in_order_in_one_round(tmp_path, capsys):
    """Every entry out of order moves among the entries that stay, in its heading's order:
    placed among the others that move, one entry settled per round and a TOC of more entries
    than the fix has rounds was refused by the guard."""
    count = 12
    toc = "".join(f"- [Section {i}](#section-{i})\n" for i in reversed(range(count)))
    body = "".join(f"## Section {i}\n\n" for i in range(count))
    text = "# List\n\n## Contents\n\n" + toc + "\n" + body
    in_order = "".join(f"- [Section {i}](#section-{i})\n" for i in range(count))
    assert fix_text(text, _ctx(tmp_path), RULES, rounds=1)[0] == \
        "# List\n\n## Contents\n\n" + in_order + "\n" + body
    assert _fix(tmp_path, capsys, text) == "# List\n\n## Contents\n\n" + in_order + "\n" + body
