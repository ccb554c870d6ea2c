"""Profiles: how they are switched on, and the `awesome` profile's rules and fixes.

A profile is a set of conventions a list opts into (``profiles: [awesome, papers]``). Its
rules are off until then, run when named under ``rules:`` or with ``--select``, and the
older ``entry-format: {profile: ...}`` still picks entry-format's shape and nothing else. The
profile's fixes go through the fix guard like every fix: on every real list of the corpus
the guard accepts them, nothing fixable is left and a second run changes nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from awesome_tools.cli import run
from awesome_tools.config import load_config
from awesome_tools.errors import ConfigError
from awesome_tools.rules import PROFILES, Rule, all_rules
from conftest import CORPUS

AWESOME_RULES = sorted(name for name, rule in all_rules().items() if rule.profile == "awesome")
# The corpus lists up to 150 KB (21 of 40; `python bench/awesome_bench.py --fix` runs the same
# check on all 40, the largest included, which costs minutes rather than seconds).
ALL_LISTS = sorted(str(p.relative_to(CORPUS)) for folder in ("lists", "lists2")
                   for p in (CORPUS / folder).glob("*.md")
                   if p.stat().st_size <= 150_000) if CORPUS.is_dir() else []

LIST = """\
# Awesome Vision-Language

[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

Papers and tools for vision-language pre-training, on Github.

## Contents

- [Platforms](#platforms)

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - a library for language-vision intelligence, in pytorch.
- [X-VLM](https://github.com/zengyan-97/X-VLM) - Multi-grained vision language pre-training
- [OpenCLIP](https://github.com/mlfoundations/open_clip) - An open source implementation of CLIP.
- [BLIP](https://github.com/salesforce/BLIP) - Bootstrapping language-image pre-training.

## Contributing

Open a pull request.
"""  # noqa: E501 (Markdown/XML test data, lines as written)

FIXED = """\
# Awesome Vision-Language [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

Papers and tools for vision-language pre-training, on GitHub.

## Contents

- [Platforms](#platforms)

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence, in PyTorch.
- [X-VLM](https://github.com/zengyan-97/X-VLM) - Multi-grained vision language pre-training.
- [OpenCLIP](https://github.com/mlfoundations/open_clip) - An open source implementation of CLIP.
- [BLIP](https://github.com/salesforce/BLIP) - Bootstrapping language-image pre-training.

## Contributing

Open a pull request.
"""  # noqa: E501 (Markdown/XML test data, lines as written)


def repository(tmp_path: Path, config: str, text: str = LIST) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / ".awesome-tools.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "LICENSE").write_text("CC0-1.0\n", encoding="utf-8")
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def rules_reported(capsys, path: Path, *options: str) -> set:
    capsys.readouterr()
    code = run(["check", str(path), "--format", "json", *options])
    assert code in (0, 1)
    return {finding["rule"] for finding in json.loads(capsys.readouterr().out)}


# --------------------------------------------------------------------------- switching on


def test_the_profile_declares_its_rules():
    assert set(PROFILES) == {"awesome", "papers"}
    assert AWESOME_RULES == sorted([
        "awesome-badge", "awesome-contents", "awesome-contributing", "awesome-description",
        "awesome-heading", "awesome-license", "balanced-punctuation",
        "description-repeats-name", "description-style", "no-ci-badge", "product-spelling"])
    assert all(not all_rules()[name].enabled for name in AWESOME_RULES)


def test_profile_rules_are_off_until_the_profile_is_on(tmp_path, capsys):
    path = repository(tmp_path, "{}\n")
    assert not rules_reported(capsys, path) & set(AWESOME_RULES)
    (tmp_path / ".awesome-tools.yaml").write_text("profiles: [awesome]\n")
    assert rules_reported(capsys, path) == {"awesome-badge", "description-style",
                                            "product-spelling"}


def test_select_and_the_rules_section_run_a_profile_rule_alone(tmp_path, capsys):
    path = repository(tmp_path, "{}\n")
    assert rules_reported(capsys, path, "--select", "product-spelling") == {"product-spelling"}
    (tmp_path / ".awesome-tools.yaml").write_text("rules:\n  awesome-badge: warning\n")
    assert rules_reported(capsys, path) & set(AWESOME_RULES) == {"awesome-badge"}
    (tmp_path / ".awesome-tools.yaml").write_text(
        "profiles: [awesome]\nrules:\n  description-style: off\n")
    assert "description-style" not in rules_reported(capsys, path)


def test_entry_format_profile_keeps_picking_one_shape_only(tmp_path, capsys):
    path = repository(tmp_path, "entry-format: {profile: awesome}\n",
                      LIST.replace("- [BLIP]", "-[BLIP]"))
    assert rules_reported(capsys, path) & ({"entry-format"} | set(AWESOME_RULES)) == \
        {"entry-format"}


def test_profiles_in_pyproject(tmp_path, capsys):
    path = repository(tmp_path, "{}\n")
    (tmp_path / ".awesome-tools.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.awesome-tools]\nprofiles = ["awesome"]\n')
    assert "product-spelling" in rules_reported(capsys, path)


@pytest.mark.parametrize("text, message", [
    ("profiles: [awsome]\n", ".awesome-tools.yaml:1: profiles[0]: unknown profile 'awsome'; "
                             "expected one of awesome, papers (did you mean awesome?)"),
    ("profiles: awesome\n", ".awesome-tools.yaml:1: profiles: expected a list of profiles "
                            "(awesome, papers) or a mapping of profile to files, got a string "
                            "('awesome')"),
    ("profiles:\n  awesome: README.md\n", ".awesome-tools.yaml:2: profiles.awesome: expected "
                                           "a list of file names or globs, got a string "
                                           "('README.md')"),
    ("profiles: {papers: [README.md], awsome: [x.md]}\n",
     ".awesome-tools.yaml:1: profiles.awsome: unknown profile 'awsome'; expected one of "
     "awesome, papers (did you mean awesome?)"),
    ("profiles:\n  - papers\n  - 3\n", ".awesome-tools.yaml:3: profiles[1]: unknown profile 3;"
                                       " expected one of awesome, papers"),
])
def test_bad_profiles_are_one_line_errors(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".awesome-tools.yaml").write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(None, tmp_path)
    assert str(error.value) == message


def test_a_profile_limited_to_files_is_on_only_for_them(tmp_path, capsys):
    """The repository's own config: both profiles for README.md, none for its other
    Markdown (the guide, CONTRIBUTING.md), which are documents, not lists."""
    path = repository(tmp_path, "profiles:\n  awesome: [README.md, 'lists/*.md']\n")
    (tmp_path / "lists").mkdir()
    other = tmp_path / "lists" / "more.md"
    other.write_text(LIST, encoding="utf-8")
    guide = tmp_path / "GUIDE.md"
    guide.write_text(LIST, encoding="utf-8")
    assert "awesome-badge" in rules_reported(capsys, path)
    assert "awesome-badge" in rules_reported(capsys, other)
    assert not rules_reported(capsys, guide) & set(AWESOME_RULES)
    assert not rules_reported(capsys, guide, "--select", "awesome-badge")


def test_this_repository_turns_on_both_profiles_for_its_list():
    from awesome_tools.rules import profiles_on

    root = Path(__file__).resolve().parents[1]
    config = load_config(None, root)
    assert set(profiles_on(config, root / "README.md")) == {"awesome", "papers"}
    assert profiles_on(config, root / "CONTRIBUTING.md") == ()


def test_empty_profiles_turn_nothing_on(tmp_path, capsys):
    path = repository(tmp_path, "profiles:\n")
    assert not rules_reported(capsys, path) & set(AWESOME_RULES)


@pytest.mark.parametrize("settings", [dict(profile="nope"), dict(profile="awesome", enabled=True)])
def test_a_profile_rule_is_declared_off_with_a_known_profile(settings):
    with pytest.raises(ValueError):
        Rule("x-y", "A rule.", **settings)


# --------------------------------------------------------------------------- fixing


def test_fix_repairs_what_is_mechanical_and_a_second_run_changes_nothing(tmp_path, capsys):
    path = repository(tmp_path, "profiles: [awesome]\n")
    assert run(["fix", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == FIXED
    capsys.readouterr()
    assert run(["fix", str(path), "--check"]) == 0
    assert run(["check", str(path)]) == 0


def test_a_badge_is_not_moved_into_a_title_the_list_links_to(tmp_path, capsys):
    text = LIST.replace("- [Platforms](#platforms)",
                        "- [Awesome Vision-Language](#awesome-vision-language)\n"
                        "- [Platforms](#platforms)")
    path = repository(tmp_path, "profiles: [awesome]\n", text)
    assert run(["fix", str(path), "--select", "awesome-badge"]) == 0
    assert path.read_text(encoding="utf-8") == text
    assert "awesome-badge" in rules_reported(capsys, path)


def test_a_list_wide_fix_is_offered_only_when_every_entry_can_take_it(tmp_path, capsys):
    """Five descriptions without a period and four with: no convention, so one finding
    proposes periods for all; one of them cannot be placed (it ends in an escaped bracket
    the source writes differently), so no edit is offered and nothing is left half done."""
    items = "".join(f"- [t{n}](https://example.com/{n}) - Tool number {n}\n" for n in range(4))
    items += "- [t9](https://example.com/9) - Tool with a bracket \\[x\n"
    items += "".join(f"- [u{n}](https://example.com/u{n}) - Other tool {n}.\n" for n in range(4))
    path = repository(tmp_path, "profiles: [awesome]\n",
                      "# Awesome Tools\n\nTools that do things well.\n\n## Tools\n\n" + items)
    before = path.read_text(encoding="utf-8")
    assert run(["fix", str(path), "--select", "description-style"]) == 0
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("name", ALL_LISTS)
def test_awesome_fixes_are_safe_complete_and_final_on_real_lists(name, corpus_dir, tmp_path):
    """With the awesome profile on, every real list: the guard accepts the fix, nothing
    fixable is left, and a second fix changes nothing."""
    from awesome_tools.fixes.guard import problems
    from awesome_tools.fixes.pipeline import fix_text, fixable_rules
    from awesome_tools.model.parse import parse
    from awesome_tools.rules import RuleContext
    from awesome_tools.runner import check_document

    (tmp_path / "profile.yaml").write_text("profiles: [awesome]\n")
    config = load_config(str(tmp_path / "profile.yaml"), tmp_path)
    text = (corpus_dir / name).read_bytes().decode("utf-8-sig")
    ctx = RuleContext(tmp_path / "README.md", config, tmp_path, local_files=False)
    rules = fixable_rules(config, (), ())
    assert set(AWESOME_RULES) & set(rules) == {"awesome-badge", "description-style",
                                               "product-spelling"}
    fixed, _ = fix_text(text, ctx, rules, name)
    # A list the fix leaves alone is not guarded (`guarded` returns at once, as `fix` never
    # writes it) and fixing it again repeats the first call: both checks are for changes.
    changed = fixed != text
    assert not changed or problems(text, fixed, ctx, rules, name) is None
    left = [f for f in check_document(parse(fixed, name), ctx, rules).findings if f.fix]
    assert left == []
    assert not changed or fix_text(fixed, ctx, rules, name)[0] == fixed
