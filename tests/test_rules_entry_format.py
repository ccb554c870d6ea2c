"""``entry-format``: off without a profile; ``papers`` on the seed; the ``awesome`` shape.

awesome-lint's own list-item fixtures are run against the whole awesome profile in
``tests/test_awesome_lint_fixtures.py``; here the ``awesome`` shape is checked through the rule:
the list's separator convention, a departure from it, and the missing space after the marker.
"""
from __future__ import annotations

from pathlib import Path


from awesome_tools.rules import RuleContext
from awesome_tools.runner import check_document, selected_rules
from awesome_tools.config import Config, load_config
from awesome_tools.model.parse import parse


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


def test_awesome_profile_through_the_rule(tmp_path) -> None:
    text = ("# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools\n\n"
            "- [foo](https://foo.com) - Fine description.\n"
            "- [bar](https://bar.com) - lower-case start.\n"
            "- [baz](https://baz.com): Another separator.\n"
            "- [quux](https://quux.com) - Fine again.\n"
            "- [corge](https://corge.com) - Fine.\n"
            "- [grault](https://grault.com)  - Two spaces.\n"
            "-[qux](https://qux.com) - Swallowed by the item above.\n")
    findings = rule_findings(text, config_with(tmp_path, "awesome"))
    assert [(f.line, f.column, f.message) for f in findings] == [
        (11, 3, "the name and description are separated by ':'; the list's other entries "
                "use ' - '"),
        (14, 3, "the ' - ' between name and description is written '  - ': one space on each "
                "side"),
        (15, 1, "the list marker is not followed by a space, so this line is not a list item"),
    ]


def test_awesome_convention_other_than_the_dash_is_reported_once(tmp_path) -> None:
    items = "".join(f"- [tool{n}](https://example.com/{n}) \u2014 Does thing {n}.\n"
                    for n in range(8))
    findings = rule_findings("# Tools\n\n## Linters\n\n" + items, config_with(tmp_path, "awesome"))
    assert [(f.line, f.message) for f in findings] == [
        (5, "the list separates names and descriptions by '\u2014' (8 of 8 entries); the "
            "awesome style is ' - '")]


def test_profiles_key_turns_on_both_shapes(tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".awesome-tools.yaml").write_text("profiles: [awesome, papers]\n")
    config = load_config(None, tmp_path)
    text = ("# Awesome Papers\n\n## Papers\n\n#### Linformer: Self-Attention with Linear "
            "Complexity\n\n[[paper]](https://arxiv.org/abs/2006.04768)\n\n## Tools\n\n"
            "-[qux](https://qux.com) - No space.\n")
    messages = [f.message for f in rule_findings(text, config)]
    assert any("no venue tag" in message for message in messages)
    assert any("not followed by a space" in message for message in messages)
