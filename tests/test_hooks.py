"""The pre-commit hooks, run by the real `pre-commit` in real temporary git repositories.

`pre-commit try-repo` installs the hooks the way a user gets them: it clones a hooks
repository at a commit and pip-installs it into an environment of its own (`language:
python`). try-repo only carries tracked files into its shadow commit, so the hooks repository
is a committed snapshot of this working tree (tracked and untracked files that git does not
ignore), made once per session. pip reaches the package index configured on the machine.

The tests that install hooks that way are marked ``hooks``: they take most of a minute and
need the index, so the default run leaves them out (pyproject's addopts) and `.ci/run` runs
them as a second step (``python -m pytest -m hooks``). The tests of this repository's own
config (``language: system``) install nothing and run by default.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def clean_env(**extra: str) -> dict:
    """The environment without git's per-repository variables (set when run from a git hook)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
               PRE_COMMIT_COLOR="never")
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(("git", *args), cwd=cwd, env=clean_env(), check=True,
                          capture_output=True, text=True).stdout


def new_repo(path: Path, files: dict) -> Path:
    """A real git repository holding ``files`` (name -> text), all added to the index."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.invalid")
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    git(path, "add", "-A")
    return path


def working_tree_files() -> list:
    """The files of this working tree that a commit would hold (tracked or not ignored)."""
    try:
        out = subprocess.run(("git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"), cwd=ROOT, env=clean_env(), check=True,
                             capture_output=True).stdout.decode("utf-8")
    except subprocess.CalledProcessError:
        pytest.skip(f"{ROOT} is not a git working tree")
    return [name for name in out.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory) -> Path:
    """A committed snapshot of this working tree: what try-repo installs the hooks from."""
    snapshot = tmp_path_factory.mktemp("hooks-repo")
    for name in working_tree_files():
        if name.startswith(("tests/", "bench/")):
            continue  # not part of the package; keeps the snapshot small
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot of the working tree")
    return snapshot


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    """pre-commit's cache for this session, away from the user's home. (try-repo itself
    builds each environment in a throwaway store, so every try-repo call installs anew.)"""
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(cwd: Path, home: Path, *args: str,
               path_first: str = "") -> subprocess.CompletedProcess:
    pytest.importorskip("pre_commit")
    env = clean_env(PRE_COMMIT_HOME=str(home))
    if path_first:
        env["PATH"] = path_first + os.pathsep + env.get("PATH", "")
    return subprocess.run((sys.executable, "-m", "pre_commit", *args), cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def try_repo(repo: Path, hooks_repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess:
    result = pre_commit(repo, home, "try-repo", str(hooks_repo), hook, "--all-files")
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


BROKEN_ANCHOR = """\
# Awesome Things

A curated list.

## Contents

- [Tools](#tools)

## Tools

- [Thing](https://example.com/thing) - Does things. See also [libraries](#libraries).
"""

# A markdown-toc TOC that misses the section added since it was generated.
STALE_TOC = """\
# Awesome Things

A curated list.

<!-- toc -->

- [Tools](#tools)
- [Papers](#papers)

<!-- tocstop -->

## Tools

- [Thing](https://example.com/thing) - Does things.

## Papers

- [A paper](https://example.com/paper) - About things.

## Datasets

- [A dataset](https://example.com/data) - Full of things.
"""


def test_manifest_is_valid_and_declares_the_hooks():
    manifest = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hooks = {hook["id"]: hook for hook in manifest}
    assert hooks["awesome-tools-check"]["entry"] == "awesome-tools check"
    assert hooks["awesome-tools-fix"]["entry"] == "awesome-tools fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
    assert hooks["awesome-tools-links"]["stages"] == ["manual"]
    pytest.importorskip("pre_commit")
    result = subprocess.run((sys.executable, "-m", "pre_commit", "validate-manifest",
                             str(ROOT / ".pre-commit-hooks.yaml")), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.hooks
def test_check_hook_fails_on_a_broken_anchor(tmp_path, hooks_repo, pre_commit_home):
    repo = new_repo(tmp_path / "list", {"README.md": BROKEN_ANCHOR})
    result = try_repo(repo, hooks_repo, pre_commit_home, "awesome-tools-check")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "awesome-tools check" in out and "Failed" in out
    assert "README.md:11:" in out and "broken-anchor" in out and "#libraries" in out, out
    assert (repo / "README.md").read_text() == BROKEN_ANCHOR  # check never writes


@pytest.mark.hooks
def test_check_hook_passes_on_a_clean_list(tmp_path, hooks_repo, pre_commit_home):
    clean = BROKEN_ANCHOR.replace(" See also [libraries](#libraries).", "")
    repo = new_repo(tmp_path / "list", {"README.md": clean})
    result = try_repo(repo, hooks_repo, pre_commit_home, "awesome-tools-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


@pytest.mark.hooks
def test_check_hook_only_sees_markdown(tmp_path, hooks_repo, pre_commit_home):
    repo = new_repo(tmp_path / "list", {"notes.txt": BROKEN_ANCHOR})
    result = try_repo(repo, hooks_repo, pre_commit_home, "awesome-tools-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout


def fixer_missing() -> bool:
    import importlib.util

    return importlib.util.find_spec("awesome_tools.fixes.pipeline") is None


@pytest.mark.hooks
@pytest.mark.skipif(fixer_missing(), reason="awesome_tools/fixer.py (`fix`) is not written yet")
def test_fix_hook_rewrites_a_stale_toc_then_passes(tmp_path, hooks_repo, pre_commit_home):
    """First run: the TOC gains the missing section, the hook fails (a file changed).
    Second run: nothing to change, the hook passes."""
    repo = new_repo(tmp_path / "list", {"README.md": STALE_TOC})
    first = try_repo(repo, hooks_repo, pre_commit_home, "awesome-tools-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Failed" in first.stdout and "files were modified by this hook" in first.stdout
    fixed = (repo / "README.md").read_text()
    expected = STALE_TOC.replace("- [Papers](#papers)\n",
                                 "- [Papers](#papers)\n- [Datasets](#datasets)\n")
    assert fixed == expected
    second = try_repo(repo, hooks_repo, pre_commit_home, "awesome-tools-fix")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert (repo / "README.md").read_text() == expected


# -- this repository's own .pre-commit-config.yaml (repo: local, language: system) ----------

def own_config_repo(path: Path, readme: str) -> Path:
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    return new_repo(path, {".pre-commit-config.yaml": config, "README.md": readme,
                           "docs/other.md": BROKEN_ANCHOR})


def venv_bin() -> str:
    """Where this interpreter's console scripts are (`awesome-tools` for language: system)."""
    return str(Path(sys.executable).parent)


def test_own_config_runs_the_hooks_on_readme_only(tmp_path, pre_commit_home):
    repo = own_config_repo(tmp_path / "repo", BROKEN_ANCHOR)
    result = pre_commit(repo, pre_commit_home, "run", "awesome-tools-check", "--all-files",
                        path_first=venv_bin())
    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.md:11:" in result.stdout and "broken-anchor" in result.stdout
    assert "docs/other.md" not in result.stdout  # files: ^README\.md$


def test_own_config_passes_on_a_clean_readme(tmp_path, pre_commit_home):
    clean = BROKEN_ANCHOR.replace(" See also [libraries](#libraries).", "")
    repo = own_config_repo(tmp_path / "repo", clean)
    args = ("run", "--all-files") if not fixer_missing() else ("run", "awesome-tools-check",
                                                               "--all-files")
    result = pre_commit(repo, pre_commit_home, *args, path_first=venv_bin())
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo / "README.md").read_text() == clean


# -- issue 14: what `init` writes, run by the real pre-commit, for each place a list lives ----

INIT_LIST = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Things that work well together.

## Contents

- [Tools](#tools)
- [Libraries](#libraries)

## Tools

- [Thing](https://example.com/thing) - Does things.

## Libraries

- [Library](https://example.com/library) - Collects things.
"""


def init_repo(path: Path, name: str, hooks_repo: Path, *options: str) -> Path:
    """A repository whose list is ``name``, set up by `awesome-tools init` with the hooks
    repository pointed at the committed snapshot of this working tree."""
    from awesome_tools.cli import run

    repo = new_repo(path, {name: INIT_LIST, "CONTRIBUTING.md": "Open a pull request.\n"})
    sha = git(hooks_repo, "rev-parse", "HEAD").strip()
    assert run(["init", str(repo), "--hooks-repo", str(hooks_repo), "--rev", sha,
                *options]) == 0
    git(repo, "add", "-A")
    return repo


@pytest.mark.hooks
@pytest.mark.parametrize("name", ["README.md", "readme.md", "docs/list.md"])
def test_init_hooks_run_and_pass_on_a_clean_list(tmp_path, hooks_repo, pre_commit_home,
                                                 name):
    repo = init_repo(tmp_path / "list", name, hooks_repo)
    result = pre_commit(repo, pre_commit_home, "run", "--all-files")
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert out.count("Passed") == 2 and "Skipped" not in out, out  # both hooks saw the list
    # and they check that file: a broken anchor in it fails the check hook
    (repo / name).write_text(INIT_LIST + "\nSee [more](#more).\n")
    failed = pre_commit(repo, pre_commit_home, "run", "awesome-tools-check", "--all-files")
    assert failed.returncode == 1 and f"{name}:" in failed.stdout, failed.stdout


@pytest.mark.parametrize("name", ["README.md", "readme.md", "docs/list.md"])
def test_init_workflow_steps_pass_on_a_clean_list(tmp_path, hooks_repo, name):
    """The check step of the check workflow and the fix step of the autofix workflow, as
    `init` wrote them for this list, run and pass."""
    from test_autofix import run_step, pull_request
    from test_workflows import load

    repo = init_repo(tmp_path / "list", name, hooks_repo)
    workflow = load(repo / ".github" / "workflows" / "awesome-tools.yml")
    (check,) = [s for s in workflow["jobs"]["check"]["steps"]
                if s.get("run", "").startswith("awesome-tools check")]
    assert check["run"] == f"awesome-tools check {name} --format github"
    result = run_step(workflow, check["name"], repo, {}, tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr

    other = init_repo(tmp_path / "autofix", name, hooks_repo, "--autofix")
    git(other, "commit", "-q", "-m", "init")
    autofix = load(other / ".github" / "workflows" / "awesome-tools-autofix.yml")
    fixed = run_step(autofix, "fix", other, pull_request("owner/list", "main"), tmp_path)
    assert fixed.returncode == 0 and "Nothing to fix." in fixed.stdout, fixed.stdout
    checked = run_step(autofix, "Check the list", other, {}, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
