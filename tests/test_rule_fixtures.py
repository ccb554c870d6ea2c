"""Per-rule fixtures: ``tests/rules/<rule>/*.md``, the way markdownlint and ruff test rules.

Each fixture is a Markdown file checked as ``README.md`` in a directory of its own, with only
its directory's rule selected. What it must report is written in the file:

- at the end of a line, ``<!-- expect: rule-name -->`` (several names comma-separated): the
  rule reports on that line;
- or in a block at the top, one ``- LINE[:COLUMN] rule-name`` per line (for places where a
  comment would change the Markdown, such as a TOC line)::

      <!-- awesome-tools-test
        - 12:3 duplicate-entry
      -->

What a fixture needs around it is written as in the guide's examples (``tests/test_docs.py``):
``<!-- config: toc: {max-level: 2} -->``, ``<!-- files: images/a.svg -->``,
``<!-- arxiv-title ID: Title -->``, ``<!-- redirect URL -> FINAL -->``.

A fixture without any expectation must be clean. When ``name.fixed.md`` sits beside
``name.md``, ``fix`` (the rule's fix, opt-in included) must turn the fixture into exactly that
text, and fixing the snapshot again must change nothing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import List, Set, Tuple

import pytest

from awesome_tools.cli import run
from awesome_tools.rules import all_rules

FIXTURES = Path(__file__).resolve().parent / "rules"
_INLINE = re.compile(r"<!--\s*expect:\s*([a-z0-9, -]+?)\s*-->")
_HEADER = re.compile(r"\A<!--\s*awesome-tools-test\s*\n(.*?)-->", re.S)
_EXPECT_LINE = re.compile(r"^\s*-\s*(\d+)(?::(\d+))?\s+([a-z0-9-]+)\s*$")


def _cases() -> List[Path]:
    return sorted(p for p in FIXTURES.glob("*/*.md") if not p.name.endswith(".fixed.md"))


def _expectations(text: str) -> Tuple[Set[Tuple[int, str]], Set[Tuple[int, int, str]]]:
    """(line, rule) pairs and (line, column, rule) triples the fixture expects."""
    lines: Set[Tuple[int, str]] = set()
    exact: Set[Tuple[int, int, str]] = set()
    header = _HEADER.match(text)
    if header:
        for raw in header.group(1).splitlines():
            found = _EXPECT_LINE.match(raw)
            if found:
                line, column, rule = int(found.group(1)), found.group(2), found.group(3)
                if column:
                    exact.add((line, int(column), rule))
                else:
                    lines.add((line, rule))
    for number, raw in enumerate(text.split("\n"), 1):
        for found in _INLINE.finditer(raw):
            lines.update((number, rule.strip()) for rule in found.group(1).split(","))
    return lines, exact


def _setup(tmp_path: Path, case: Path) -> Tuple[Path, str]:
    """The fixture as README.md in a repository of its own, with what it asks for around it."""
    from test_docs import write_example

    text = case.read_bytes().decode("utf-8")
    (tmp_path / ".git").mkdir()
    return write_example(tmp_path, text), text


def test_every_rule_has_fixtures():
    missing = [name for name in all_rules() if not list((FIXTURES / name).glob("*.md"))]
    assert not missing, f"rules without fixtures in tests/rules/: {missing}"


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_reports_what_it_says(case, tmp_path, capsys):
    rule = case.parent.name
    readme, text = _setup(tmp_path, case)
    online = ["--online"] if all_rules()[rule].online else []
    code = run(["check", str(readme), "--format", "json", "--select", rule, *online])
    assert code in (0, 1)
    findings = json.loads(capsys.readouterr().out)
    lines, exact = _expectations(text)
    got_lines = {(f["line"], f["rule"]) for f in findings}
    got_exact = {(f["line"], f["column"], f["rule"]) for f in findings}
    assert got_lines == lines | {(line, r) for line, _, r in exact}, findings
    assert exact <= got_exact, findings


@pytest.mark.parametrize("case", [c for c in _cases()
                                  if c.with_name(c.stem + ".fixed.md").is_file()],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fix_gives_the_snapshot(case, tmp_path, capsys):
    rule = case.parent.name
    readme, _ = _setup(tmp_path, case)
    expected = case.with_name(case.stem + ".fixed.md").read_bytes()
    assert run(["fix", str(readme), "--select", rule]) == 0
    assert readme.read_bytes() == expected
    capsys.readouterr()
    assert run(["fix", str(readme), "--select", rule, "--check"]) == 0
