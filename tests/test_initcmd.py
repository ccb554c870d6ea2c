"""`awesome-tools init` on real directories: created, updated, unchanged, kept, and errors.

The pre-commit config must keep everything the user wrote (comments, key order, quoting,
indentation), so most tests compare the file line by line with what was there before: the
only difference allowed is lines added.
"""
from __future__ import annotations

import difflib
import shutil
import subprocess
import zipfile
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from awesome_tools import scaffold as initcmd
from awesome_tools.cli import run
from awesome_tools.errors import InputError
from awesome_tools.commands.init import run_init
from awesome_tools.scaffold import HOOK_IDS, HOOKS_REPO_URL, HOOKS_REV, WORKFLOWS

CONFIG = ".pre-commit-config.yaml"


def snapshot(root: Path) -> dict:
    """Every file under root with its bytes and mode (to prove a run changed nothing)."""
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mode)
            for p in sorted(root.rglob("*")) if p.is_file()}


def added_only(before: str, after: str) -> list:
    """The lines ``after`` adds to ``before``; fails if any line was removed or changed."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    removed = [line for line in diff if line.startswith("- ")]
    assert not removed, "".join(diff)
    return [line[2:] for line in diff if line.startswith("+ ")]


def hooks_of_ours(config_text: str) -> list:
    data = YAML(typ="safe").load(config_text)
    ours = [repo for repo in data["repos"] if repo["repo"].startswith(HOOKS_REPO_URL)]
    assert len(ours) == 1, data
    return [hook["id"] for hook in ours[0]["hooks"]]


def test_creates_config_and_workflows(tmp_path, capsys):
    assert run_init(tmp_path) == 0
    out = capsys.readouterr().out.splitlines()
    # issue 14 added the .gitignore line for the link cache (the expected value gained it)
    assert out == [f"created {tmp_path / CONFIG}"] + [
        f"created {tmp_path / name}" for name, _ in WORKFLOWS] + [
        f"created {tmp_path / '.gitignore'}"]
    assert (tmp_path / ".gitignore").read_text() == ".awesome-tools-cache/\n"
    config = (tmp_path / CONFIG).read_text()
    assert hooks_of_ours(config) == list(HOOK_IDS)
    data = YAML(typ="safe").load(config)
    assert data["repos"][0]["rev"] == HOOKS_REV
    assert all(hook["files"] == r"^README\.md$" for hook in data["repos"][0]["hooks"])
    for name, template in WORKFLOWS:
        text = (tmp_path / name).read_text()
        assert text == initcmd.render_template(template)
        assert initcmd.REQUIREMENT_TOKEN not in text
        assert f"git+{HOOKS_REPO_URL}@{HOOKS_REV}" in text


def test_created_config_is_valid_for_pre_commit(tmp_path):
    run_init(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                             str(tmp_path / CONFIG)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_second_run_is_byte_identical(tmp_path, capsys):
    run_init(tmp_path)
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert run_init(tmp_path) == 0
    assert snapshot(tmp_path) == before
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("unchanged ") for line in out), out
    assert len(out) == 1 + len(WORKFLOWS) + 1  # and .gitignore (issue 14)


# pre-commit's own sample-config style (`-   repo:`), a common `  - repo:` style with quotes,
# flow lists, a document start, blank lines and comments everywhere, and the compact style.
STYLES = {
    "sample-config": """\
# See https://pre-commit.com for more information
# See https://pre-commit.com/hooks.html for more hooks
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v3.2.0
    hooks:
    -   id: trailing-whitespace   # keep this comment
    -   id: end-of-file-fixer
""",
    "indented-quoted": """\
---
# top comment
default_stages: [pre-commit]
fail_fast: false
repos:
  # black formats the code
  - repo: 'https://github.com/psf/black'
    rev: "23.1.0"   # pinned on purpose
    hooks:
      - id: black
        args: ["--line-length", '100']

  - repo: local
    hooks:
      - id: x
        name: 'x'
        entry: x --flag
        language: system
ci:
  autofix_prs: true
# trailing comment
""",
    "compact": """\
repos:
- repo: https://github.com/a/b
  rev: v1
  hooks:
  - id: c
""",
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_existing_config_keeps_comments_order_and_quoting(tmp_path, style, capsys):
    original = STYLES[style]
    (tmp_path / CONFIG).write_text(original)
    assert run_init(tmp_path) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"updated {tmp_path / CONFIG}"
    updated = (tmp_path / CONFIG).read_text()
    added = added_only(original, updated)
    assert any(HOOKS_REPO_URL in line for line in added), added
    assert hooks_of_ours(updated) == list(HOOK_IDS)
    # the new entry uses the file's own indentation: its `- repo:` lines up with the others
    dash_columns = {line.index("- repo:") for line in updated.splitlines() if "- repo:" in line}
    dash_columns |= {line.index("-   repo:") for line in updated.splitlines()
                     if "-   repo:" in line}
    assert len(dash_columns) == 1, updated
    # a second run changes nothing
    before = snapshot(tmp_path)
    run_init(tmp_path)
    assert snapshot(tmp_path) == before


def test_adds_only_the_missing_hook_to_our_existing_entry(tmp_path):
    original = f"""\
repos:
-   repo: {HOOKS_REPO_URL}.git
    rev: v0.0.9  # the user's pin stays
    hooks:
    -   id: awesome-tools-check
        args: [--select, anchors]
"""
    (tmp_path / CONFIG).write_text(original)
    run_init(tmp_path)
    updated = (tmp_path / CONFIG).read_text()
    added = added_only(original, updated)
    assert added == ["    -   id: awesome-tools-fix\n", "        files: ^README\\.md$\n"]
    assert "v0.0.9  # the user's pin stays" in updated


def test_hooks_configured_elsewhere_are_left_alone(tmp_path, capsys):
    original = """\
repos:
  - repo: local
    hooks:
      - {id: awesome-tools-check, name: c, entry: awesome-tools check, language: system}
      - {id: awesome-tools-fix, name: f, entry: awesome-tools fix, language: system}
"""
    (tmp_path / CONFIG).write_text(original)
    run_init(tmp_path)
    assert (tmp_path / CONFIG).read_text() == original
    assert capsys.readouterr().out.splitlines()[0] == f"unchanged {tmp_path / CONFIG}"


def test_crlf_and_bom_are_kept(tmp_path):
    original = "\ufeff# windows\r\nrepos:\r\n  - repo: local\r\n    hooks:\r\n      - id: a\r\n" \
               "        name: a\r\n        entry: a\r\n        language: system\r\n"
    (tmp_path / CONFIG).write_bytes(original.encode("utf-8"))
    run_init(tmp_path)
    raw = (tmp_path / CONFIG).read_bytes()
    assert raw.startswith(original.encode("utf-8"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert HOOKS_REPO_URL.encode() in raw


@pytest.mark.parametrize("original", ["", "\n", "# only a comment\n# and another"])
def test_empty_or_comment_only_config(tmp_path, original):
    (tmp_path / CONFIG).write_text(original)
    run_init(tmp_path)
    updated = (tmp_path / CONFIG).read_text()
    assert updated.startswith(original)
    assert hooks_of_ours(updated) == list(HOOK_IDS)


def test_config_without_repos_key(tmp_path):
    original = "# no repos yet\ndefault_language_version:\n  python: python3.12\n"
    (tmp_path / CONFIG).write_text(original)
    run_init(tmp_path)
    updated = (tmp_path / CONFIG).read_text()
    added_only(original, updated)
    assert hooks_of_ours(updated) == list(HOOK_IDS)


def test_existing_workflow_is_kept(tmp_path, capsys):
    name = WORKFLOWS[0][0]
    mine = tmp_path / name
    mine.parent.mkdir(parents=True)
    mine.write_text("name: mine\non: push\njobs: {}\n")
    mine.chmod(0o600)
    before = (mine.read_bytes(), mine.stat().st_mode)
    assert run_init(tmp_path) == 0
    assert (mine.read_bytes(), mine.stat().st_mode) == before
    out = capsys.readouterr().out.splitlines()
    assert f"kept {mine} (exists; not overwritten)" in out
    assert f"created {tmp_path / WORKFLOWS[1][0]}" in out


def test_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        run_init(tmp_path / "absent")
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(InputError, match="not a directory"):
        run_init(a_file)


@pytest.mark.parametrize("text, message", [
    ("repos: [\n  - repo: x\n", "not valid YAML"),
    ("repos:\n  - repo: a\n    repo: b\n", "not valid YAML"),
    ("- just\n- a list\n", "expected a mapping"),
    ("repos: {repo: a}\n", "`repos` must be a list"),
    ("repos:\n  - just a string\n", "must be a mapping"),
])
def test_malformed_config_is_an_input_error_and_nothing_is_written(tmp_path, text, message):
    (tmp_path / CONFIG).write_text(text)
    before = snapshot(tmp_path)
    with pytest.raises(InputError, match=message) as error:
        run_init(tmp_path)
    assert "\n" not in str(error.value)
    assert snapshot(tmp_path) == before  # no workflow written either


def test_cli_errors_exit_2_with_one_line(tmp_path, capsys):
    (tmp_path / CONFIG).write_text("repos: [\n")
    assert run(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("awesome-tools: error: ") and err.count("\n") == 1, err
    assert run(["init", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err
    assert "no such directory" in err and err.count("\n") == 1, err


def test_cli_init_default_directory_is_cwd(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(["init"]) == 0
    assert (tmp_path / CONFIG).is_file()
    assert capsys.readouterr().out.splitlines()[0] == f"created {CONFIG}"


@pytest.mark.hooks  # the build environment pip makes installs setuptools from the index
def test_templates_ship_as_package_data(tmp_path):
    """A built wheel contains the templates, so `init` works from an installed package."""
    pytest.importorskip("setuptools")
    root = Path(__file__).resolve().parents[1]
    tree = tmp_path / "src"  # a copy, so the build leaves nothing in the working tree
    shutil.copytree(root / "awesome_tools", tree / "awesome_tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "pyproject.toml", tree)
    shutil.copytree(root / "docs", tree / "docs")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path / "dist"), str(tree)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    wheel = next((tmp_path / "dist").glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for _, template in (*WORKFLOWS, initcmd.AUTOFIX_WORKFLOW):
        assert f"awesome_tools/templates/{template}" in names


# -- issue 14: the list's name, the coordinates, the autofix workflow, .gitignore -------------

CLEAN_LIST = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Things that work well together.

## Tools

- [Thing](https://example.com/thing) - Does things.
- [Other](https://example.com/other) - Does other things.
- [Third](https://example.com/third) - Does a third thing.
"""


@pytest.mark.parametrize("name", ["README.md", "readme.md", "Readme.md", "docs/list.md"])
def test_hooks_and_workflows_name_the_list_found(tmp_path, name):
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(CLEAN_LIST)
    (tmp_path / "CONTRIBUTING.md").write_text("# Contributing\n\n- [a](b) - c\n" * 3)
    assert initcmd.detect_list(tmp_path) == name
    run_init(tmp_path)
    data = YAML(typ="safe").load((tmp_path / CONFIG).read_text())
    pattern = "^" + name.replace(".", "\\.") + "$"
    assert [hook["files"] for hook in data["repos"][0]["hooks"]] == [pattern, pattern]
    import re
    assert re.search(pattern, name) and not re.search(pattern, "CONTRIBUTING.md")
    for path, _ in WORKFLOWS:
        text = (tmp_path / path).read_text()
        assert f"awesome-tools check {name}" in text or f"awesome-tools links {name}" in text
        assert "README.md" not in text.replace(f"{name}", "") or name == "README.md"


def test_list_detection_asks_when_it_cannot_tell(tmp_path):
    for name in ("one.md", "two.md"):
        (tmp_path / name).write_text(CLEAN_LIST)
    with pytest.raises(InputError, match="--list"):
        initcmd.detect_list(tmp_path)
    assert run_init(tmp_path, list_path="two.md") == 0
    assert "^two\\.md$" in (tmp_path / CONFIG).read_text()
    with pytest.raises(InputError, match="no such file"):
        run_init(tmp_path, list_path="absent.md")
    with pytest.raises(InputError, match="inside the repository"):
        run_init(tmp_path, list_path="../two.md")


def test_no_list_yet_means_readme(tmp_path):
    (tmp_path / "CONTRIBUTING.md").write_text(CLEAN_LIST)
    assert initcmd.detect_list(tmp_path) == "README.md"


def test_hooks_repo_and_rev_override_the_metadata(tmp_path):
    run_init(tmp_path, hooks_repo="https://github.com/me/awesome-tools-fork", rev="0123abc")
    data = YAML(typ="safe").load((tmp_path / CONFIG).read_text())
    assert (data["repos"][0]["repo"], data["repos"][0]["rev"]) == (
        "https://github.com/me/awesome-tools-fork", "0123abc")
    check = (tmp_path / WORKFLOWS[0][0]).read_text()
    assert "git+https://github.com/me/awesome-tools-fork@0123abc" in check


def test_cli_options(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_text(CLEAN_LIST)
    assert run(["init", str(tmp_path), "--list", "docs/list.md", "--hooks-repo",
                "https://github.com/me/x", "--rev", "v9", "--autofix", "--use-action"]) == 0
    autofix = (tmp_path / ".github/workflows/awesome-tools-autofix.yml").read_text()
    assert "uses: me/x@v9" in autofix and "AWESOME_TOOLS_LIST: docs/list.md" in autofix
    assert not (tmp_path / WORKFLOWS[0][0]).exists()  # autofix replaces the check workflow


def test_use_action_needs_github(tmp_path):
    with pytest.raises(InputError, match="GitHub repository"):
        run_init(tmp_path, hooks_repo="/srv/git/awesome-tools", rev="v1", use_action=True)
    assert list(tmp_path.iterdir()) == []


def test_coordinates_come_from_the_package_metadata(tmp_path, monkeypatch):
    """Installed from Git, the exact URL and commit it came from (pip's direct_url.json);
    otherwise the project's Repository URL and the release tag."""
    import importlib.metadata as metadata
    import json

    plain = initcmd.coordinates()
    assert plain == initcmd.Coordinates("https://github.com/awesome-tools/awesome-tools",
                                        "v" + metadata.version("awesome-tools"))
    dist = tmp_path / "awesome_tools-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: awesome-tools\n"
                                   "Version: 0.1.0\n")
    (dist / "direct_url.json").write_text(json.dumps({
        "url": "https://github.com/me/awesome-tools-fork",
        "vcs_info": {"vcs": "git", "requested_revision": "main",
                     "commit_id": "4b825dc642cb6eb9a060e54bf8d69288fbee4904"}}))
    monkeypatch.syspath_prepend(str(tmp_path))
    assert initcmd.coordinates() == initcmd.Coordinates(
        "https://github.com/me/awesome-tools-fork", "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    assert initcmd.coordinates(rev="v2").rev == "v2"


@pytest.mark.parametrize("before, after", [
    ("node_modules/\n", "node_modules/\n.awesome-tools-cache/\n"),
    ("node_modules/", "node_modules/\n.awesome-tools-cache/\n"),
    ("dist\r\nbuild\r\n", "dist\r\nbuild\r\n.awesome-tools-cache/\r\n"),
    (".awesome-tools-cache\n", None),
    ("/.awesome-tools-cache/\n", None),
])
def test_gitignore_gains_the_cache_once(tmp_path, before, after):
    (tmp_path / ".gitignore").write_bytes(before.encode())
    run_init(tmp_path)
    assert (tmp_path / ".gitignore").read_bytes() == (after or before).encode()
    run_init(tmp_path)
    assert (tmp_path / ".gitignore").read_bytes() == (after or before).encode()
