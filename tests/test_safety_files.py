"""Local paths that leave the repository are reported, never taken as existing (issue 12, item 13).

A real repository in a temporary directory, with a real file outside it, real symlinks out
of it and in it, checked by real ``check`` processes.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_tools.rules._files import leaves_repository


@pytest.fixture
def layout(tmp_path):
    """tmp/secret.md (outside), tmp/repo (.git, docs/, images/logo.png, links)."""
    (tmp_path / "secret.md").write_text("# Secret\n\n## Token\n")
    (tmp_path / "hostname").write_text("box\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "images").mkdir()
    (repo / "images" / "logo.png").write_bytes(b"\x89PNG")
    (repo / "docs" / "guide.md").write_text("# Guide\n\n## Setup\n")
    (repo / "docs" / "out.md").symlink_to(tmp_path / "secret.md")
    (repo / "elsewhere").symlink_to(tmp_path)
    (repo / "inside.png").symlink_to("images/logo.png")
    return repo


def findings(repo: Path, text: str, name: str = "README.md") -> list:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text)
    done = subprocess.run([sys.executable, "-m", "awesome_tools", "check", name, "--format",
                           "json", "--select", "missing-file,broken-file-anchor"], cwd=repo,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return [(f["line"], f["rule"], f["message"]) for f in json.loads(done.stdout)]


def test_climbing_above_the_root_is_reported(layout):
    depth = len(layout.parts)
    climb = "/" + "../" * depth + str(layout.parent / "hostname").lstrip("/")
    text = (f"![a](/../../hostname)\n\n[b](../hostname)\n\n[c]({climb})\n\n"
            "[d](docs/../../hostname)\n")
    assert findings(layout, text) == [
        (1, "missing-file", "image '/../../hostname' points outside the repository"),
        (3, "missing-file", "file '../hostname' points outside the repository"),
        (5, "missing-file", f"file '{climb}' points outside the repository"),
        (7, "missing-file", "file 'docs/../../hostname' points outside the repository"),
    ]


def test_symlinks_out_of_the_repository_are_reported_and_not_read(layout):
    text = "[a](docs/out.md#token)\n\n[b](elsewhere/secret.md)\n\n[c](elsewhere/nothing.md)\n"
    assert findings(layout, text) == [
        (1, "missing-file", "file 'docs/out.md#token' is a symlink to a place outside the "
         "repository".replace("#token", "")),
        (3, "missing-file", "file 'elsewhere/secret.md' is a symlink to a place outside the "
         "repository"),
        (5, "missing-file", "file 'elsewhere/nothing.md' is a symlink to a place outside the "
         "repository"),
    ]


def test_paths_inside_the_repository_are_as_before(layout):
    text = ("![a](images/logo.png)\n\n![b](inside.png)\n\n[c](docs/guide.md#setup)\n\n"
            "[d](docs/guide.md#nope)\n\n![e](/images/Logo.png)\n\n[f](docs/../images/logo.png)\n")
    assert findings(layout, text) == [
        (7, "broken-file-anchor", "docs/guide.md has no anchor #nope"),
        (9, "missing-file", "image '/images/Logo.png' differs only in letter case from "
         "'images/logo.png' (GitHub paths are case-sensitive)"),
    ]


def test_a_list_in_a_subdirectory_may_climb_to_the_root_but_not_above(layout):
    text = "[a](../images/logo.png)\n\n[b](../../secret.md)\n"
    assert findings(layout, text, "docs/list.md") == [
        (3, "missing-file", "file '../../secret.md' points outside the repository"),
    ]


def test_the_containment_helper(layout):
    assert leaves_repository("images/logo.png", layout, layout) is None
    assert leaves_repository("a/b/../../images", layout, layout) is None
    assert leaves_repository("..", layout, layout) == "points outside the repository"
    assert leaves_repository("/..", layout / "docs", layout) == "points outside the repository"
    assert leaves_repository("elsewhere", layout, layout).startswith("is a symlink")
    assert leaves_repository("docs\\..\\..\\x", layout, layout) == \
        "points outside the repository"
