"""``entry-format``: off without a profile; ``papers`` on the seed; ``awesome`` as awesome-lint.

The ``awesome`` profile is checked against awesome-lint's own list-item fixtures (read from the
shared corpus, never copied in): 0.md, 2.md and 5-9.md must pass; every item of 1.md is
invalid except the two that awesome-lint leaves to other rules; 3.md gives the two messages
of awesome-lint's snapshot; 4.md honours ``<!--lint disable/enable/ignore-->``; 10.md reports
the missing space after the marker.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from awesome_tools.rules import RuleContext
from awesome_tools.runner import check_document, selected_rules
from awesome_tools.config import Config, load_config
from awesome_tools.model.parse import parse
from awesome_tools.rules._awesome_items import awesome_items, item_problem, valid_suffix


def config_with(tmp_path: Path, profile: str) -> Config:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / ".awesome-tools.yaml").write_text(f"entry-format:\n  profile: {profile}\n")
    return load_config(None, tmp_path)


def run_rule(text: str, config: Config):
    doc = parse(text, "README.md")
    ctx = RuleContext(Path("README.md"), config, Path("."))
    return check_document(doc, ctx, selected_rules(config, (), ())).findings


def rule_findings(text: str, config: Config):
    return [f for f in run_rule(text, config) if f.rule == "entry-format"]


def test_off_without_a_profile(seed_text: str) -> None:
    assert rule_findings(seed_text, Config()) == []
    assert rule_findings("# A\n\n- [foo](https://foo.com) - an invalid description.\n",
                         Config()) == []


# --------------------------------------------------------------------------- papers


def test_papers_profile_on_the_seed(tmp_path, seed_text: str) -> None:
    findings = rule_findings(seed_text, config_with(tmp_path, "papers"))
    lines = seed_text.splitlines()
    by_entry = {}
    for found in findings:
        by_entry.setdefault(lines[found.line - 1].lstrip("# ").strip(), []).append(
            found.message)
    no_paper = {line for line, messages in by_entry.items()
                if any("no paper link" in message for message in messages)}
    assert no_paper == {
        "Unified Vision-Language Pre-Training for Image Captioning and VQA [AAAI 2020]",
        "facebook MMF",
    }
    assert any("(only code)" in message for messages in by_entry.values()
               for message in messages)
    no_tag = {line for line, messages in by_entry.items()
              if any("no venue tag" in message for message in messages)}
    assert no_tag == {"facebook MMF",
                      "UniVL: A Unified Video and Language Pre-Training Model for "
                      "Multimodal Understanding and Generation"}
    assert len(findings) == 4


def test_papers_profile_wants_the_paper_link_first(tmp_path) -> None:
    text = ("# L\n\n### A Paper With Code First [CVPR 2021]\n"
            "[[code]](https://github.com/x/y) [[paper]](https://arxiv.org/abs/2101.00001)\n\n"
            "### A Paper Linked By Its Arxiv URL [CVPR 2021]\n"
            "[[link]](https://arxiv.org/abs/2101.00002)\n\n"
            "- [An item paper](https://arxiv.org/abs/2101.00003) - A description, CVPR 2021.\n")
    findings = rule_findings(text, config_with(tmp_path, "papers"))
    assert [(f.line, f.message) for f in findings] == [
        (3, "the paper link should come first, before [code]"),
        (9, "paper entry has no venue tag (such as [CVPR 2021] or [arXiv 2020/03])"),
    ]


# --------------------------------------------------------------------------- awesome


@pytest.fixture(scope="module")
def fixtures(corpus_dir: Path) -> Path:
    return corpus_dir / "reference" / "awesome-lint" / "fixtures" / "list-item"


def problems(path: Path):
    text = path.read_text(encoding="utf-8")
    return [(line, problem) for line, _, problem in awesome_items(text) if problem]


@pytest.mark.parametrize("name", ["0.md", "2.md", "5.md", "6.md", "7.md", "8.md", "9.md"])
def test_awesome_lint_valid_fixtures(fixtures: Path, name: str) -> None:
    assert problems(fixtures / name) == []


def test_awesome_lint_invalid_fixture(fixtures: Path) -> None:
    path = fixtures / "1.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    items = [number for number, line in enumerate(lines, 1) if line.lstrip().startswith("- [")]
    flagged = dict(problems(path))
    # awesome-lint leaves these to remark-lint-no-undefined-references and to link-text rules
    left_alone = {number for number in items if lines[number - 1].lstrip().startswith(
        ("- [gtkada]", "- [*example*"))}
    assert set(flagged) == set(items) - left_alone
    assert len(flagged) == 60
    assert flagged[3] == "List item description must start with valid casing"
    assert flagged[5] == "List item link and description must be separated with a dash"
    assert flagged[6] == flagged[7] == "Invalid list item link URL"
    assert flagged[8] == "Invalid list item link text"
    assert flagged[12] == "List item link and description separated by invalid whitespace"
    assert flagged[13] == "List item link and description separated by invalid en-dash"
    assert flagged[19] == "List item description must end with proper punctuation"


def test_awesome_lint_sublist_fixture_matches_its_snapshot(fixtures: Path) -> None:
    assert [problem for _, problem in problems(fixtures / "3.md")] == [
        "List item description must end with proper punctuation",
        "Invalid list item link URL",
    ]


def test_awesome_lint_comments_fixture(fixtures: Path) -> None:
    assert [line for line, _ in problems(fixtures / "4.md")] == [1, 2, 11, 18]


def test_awesome_lint_missing_space_fixture(fixtures: Path) -> None:
    assert problems(fixtures / "10.md") == [(1, "List item marker must be followed by a space")]


def test_awesome_profile_through_the_rule(tmp_path) -> None:
    text = ("# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools\n\n"
            "- [foo](https://foo.com) - Fine description.\n"
            "- [bar](https://bar.com) - lower-case start.\n"
            "- [baz](https://baz.com) - No full stop\n"
            "- [quux](https://quux.com) - Fine again.\n"
            "-[qux](https://qux.com) - Swallowed by the item above.\n")
    findings = rule_findings(text, config_with(tmp_path, "awesome"))
    assert [(f.line, f.column, f.message) for f in findings] == [
        (10, 3, "List item description must start with valid casing"),
        (11, 3, "List item description must end with proper punctuation"),
        (13, 1, "List item marker must be followed by a space"),
    ]


@pytest.mark.parametrize("description, ok", [
    ("Valid.", True), ("Valid…", True), ("Valid?!", True), ('"Quoted."', True),
    ('Ends "quoted".', True), ('Ends "quoted.".', False), ("No punctuation", False),
    ("A parenthetical. (Japanese)", True), ("`code only.`", False),
    ("`a` and `b` here.", True), ("Emoji end. \U0001F4B7", True),
])
def test_valid_suffix(description: str, ok: bool) -> None:
    assert valid_suffix(description, description) is ok


def test_item_problem_without_parsing_a_document() -> None:
    assert item_problem([]) == "Invalid list item"
