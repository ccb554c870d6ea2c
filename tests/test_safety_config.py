"""A config from the repository is untrusted: alias bombs, deep nesting and size (issue 12, item 8).

Each probe is a real file in a real (temporary) repository, checked by a real ``check``
process: it must end with one line on standard error and exit code 2, not a traceback, a
hang or a climb in memory. The subprocess timeout only bounds a regression; nothing here
measures time.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from awesome_tools.config import MAX_CONFIG_BYTES, MAX_DEPTH, MAX_VALUES, _Expansion, _plain, \
    load_config
from awesome_tools.errors import ConfigError

HANG = 120  # seconds: a regression that hangs fails instead of blocking the suite


def _bomb(levels: int = 9, fan: int = 10) -> str:
    """The billion laughs: each level is ``fan`` aliases of the level before."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * fan) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


def _merge_bomb(levels: int = 30) -> str:
    lines = ["m0: &m0 {k: v, j: w}"]
    for level in range(1, levels):
        lines.append(f"m{level}: &m{level}\n  <<: [*m{level - 1}]\n  x: *m{level - 1}\n"
                     f"  y: *m{level - 1}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text("# List\n\n- [a](https://a.example) - A.\n",
                                        encoding="utf-8")
    return tmp_path


def check(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awesome_tools", "check", "README.md", *args],
                          cwd=repo, capture_output=True, text=True, timeout=HANG)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("awesome-tools: error: "), done.stderr
    return lines[0]


@pytest.mark.parametrize("text", [_bomb(), _merge_bomb()], ids=["aliases", "merge-keys"])
def test_an_alias_bomb_is_one_line_and_exit_2(repo, text):
    (repo / ".awesome-tools.yaml").write_text(text, encoding="utf-8")
    line = one_line_error(check(repo))
    assert f"more than {MAX_VALUES} values once YAML aliases are expanded" in line
    assert ".awesome-tools.yaml:" in line


def test_aliases_that_expand_modestly_still_work(repo):
    (repo / ".awesome-tools.yaml").write_text(
        "toc:\n  exclude: &meta [License, Contributing]\n"
        "duplicates:\n  allow: &same [https://a.example]\n", encoding="utf-8")
    config = load_config(None, repo)
    assert config.toc_exclude == ("License", "Contributing")
    assert config.duplicates_allow == ("https://a.example",)


@pytest.mark.parametrize("text", [
    "links: " + "[" * 5000 + "]" * 5000 + "\n",
    "links: " + "{a: " * 3000 + "b" + "}" * 3000 + "\n",
], ids=["brackets", "braces"])
def test_deep_flow_nesting_is_refused_before_parsing(repo, text):
    (repo / ".awesome-tools.yaml").write_text(text, encoding="utf-8")
    line = one_line_error(check(repo))
    assert f"nested more than {MAX_DEPTH} levels deep" in line


def test_deep_block_nesting_is_one_line(repo):
    text = "links:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 400))
    (repo / ".awesome-tools.yaml").write_text(text, encoding="utf-8")
    assert f"nested more than {MAX_DEPTH} levels deep" in one_line_error(check(repo))


def test_nesting_just_within_the_limit_reaches_the_schema(repo):
    text = "links:\n  extra: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n"
    (repo / ".awesome-tools.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(None, repo)
    assert "nested" not in str(caught.value)  # the schema, not the guard, rejects it


def test_brackets_in_quotes_and_comments_are_not_nesting(repo):
    text = ("# " + "[" * 200 + "\n"
            "links:\n  exclude: ['" + r"\[" * 100 + "', \"" + "{" * 100 + "\"]\n")
    (repo / ".awesome-tools.yaml").write_text(text, encoding="utf-8")
    assert load_config(None, repo).section("links")["exclude"][1] == "{" * 100


def test_a_recursive_alias_is_an_error_not_a_recursion():
    from ruamel.yaml import YAML

    document = YAML(typ="rt").load("links:\n  extra: [x]\n")
    inner = document["links"]["extra"]
    inner[0] = inner  # what `&a [*a]` would be (ruamel itself loads the inner alias as null)
    with pytest.raises(ConfigError, match="recursive alias"):
        _plain(document, (), {(): 1}, Path(".awesome-tools.yaml"), _Expansion())


def test_a_self_referring_alias_loads_as_null(repo):
    (repo / ".awesome-tools.yaml").write_text("links: &a\n  extra: *a\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="links.extra: unknown key"):
        load_config(None, repo)


def test_an_oversized_config_is_refused_without_reading_it_all(repo):
    text = "links:\n  exclude:\n" + "    - '^https://x[.]example/'\n" * (MAX_CONFIG_BYTES // 20)
    (repo / ".awesome-tools.yaml").write_text(text, encoding="utf-8")
    line = one_line_error(check(repo))
    assert f"larger than {MAX_CONFIG_BYTES // 1024} KiB" in line
    explicit = one_line_error(check(repo, "--config", ".awesome-tools.yaml"))
    assert "larger than" in explicit


def test_a_large_pyproject_without_our_table_is_skipped(repo):
    (repo / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n" + "# padding\n" * (MAX_CONFIG_BYTES // 8), encoding="utf-8")
    done = check(repo)
    assert done.returncode == 0, done.stderr


def test_a_large_pyproject_with_our_table_is_refused(repo):
    (repo / "pyproject.toml").write_text(
        "# padding\n" * (MAX_CONFIG_BYTES // 8) + "[tool.awesome-tools.rules]\n"
        "empty-link = 'off'\n", encoding="utf-8")
    assert "larger than" in one_line_error(check(repo))


def test_deeply_nested_toml_is_one_line(repo):
    (repo / "pyproject.toml").write_text(
        "[tool.awesome-tools.links]\nextra = " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    line = one_line_error(check(repo))
    assert "nested more than" in line and "pyproject.toml" in line
