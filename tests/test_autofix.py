"""The autofix workflow and the GitHub Action, run here as GitHub would run their scripts.

Workflows cannot run here, so each `run:` script is run as written, by `bash -eo pipefail` as
on GitHub's runners, with the environment a run would give it (the step's `env:` with its
`${{ ... }}` expressions evaluated from an event's context), in a real git clone of a bare
"GitHub" repository. `actions/checkout` is played by `git clone --branch`, the install step
by this environment's `awesome-tools` on PATH, `actions/upload-artifact` by checking that the
file it uploads is there. What GitHub itself guarantees is asserted on the workflow's shape:
a push made with the workflow's GITHUB_TOKEN starts no workflow run (the checkout keeps that
token), and the pull-request token of a fork is read-only.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

import pytest
from ruamel.yaml import YAML

from awesome_tools import scaffold

ROOT = Path(__file__).resolve().parents[1]
BIN = str(Path(sys.executable).parent)
BOT = "github-actions[bot]"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

STALE = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Things that work well together.

## Contents

- [Tools](#tools)
- [Libraries](#libraries)

## Tools

- [Thing](https://example.com/thing) - Does things.

## Libraries

- [Library](https://example.com/library) - Collects things.

## Datasets

- [Data](https://example.com/data) - Holds things.
"""
FIXED = STALE.replace("- [Libraries](#libraries)\n",
                      "- [Libraries](#libraries)\n- [Datasets](#datasets)\n")
CLEAN = STALE.replace("\n## Datasets\n\n- [Data](https://example.com/data) - Holds things.\n",
                      "")


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workflows(tmp_path_factory) -> Dict[str, Path]:
    """This repository's autofix workflow and the template as `init --autofix` writes it."""
    directory = tmp_path_factory.mktemp("rendered")
    template = directory / "awesome-tools-autofix.yml"
    template.write_text(scaffold.render_template("autofix.yml"), encoding="utf-8")
    action = directory / "awesome-tools-autofix-action.yml"
    setup = scaffold.Setup("README.md", scaffold.Coordinates(
        "https://github.com/awesome-tools/awesome-tools", "v0.1.0"), autofix=True,
        use_action=True)
    action.write_text(scaffold.render_template("autofix.yml", setup), encoding="utf-8")
    return {"repository": ROOT / ".github" / "workflows" / "autofix.yml",
            "template": template, "template-action": action}


def step(workflow: dict, key: str) -> dict:
    for job in workflow["jobs"].values():
        for candidate in job["steps"]:
            if candidate.get("id") == key or candidate.get("name") == key:
                return candidate
    raise KeyError(key)


# -- git: a bare "GitHub" repository, clones, commits ----------------------------------------

def git(cwd: Path, *args: str, author: str = "Contributor") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL="c@example.invalid",
               GIT_COMMITTER_NAME=author, GIT_COMMITTER_EMAIL="c@example.invalid",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(("git", *args), cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def github_repository(tmp_path: Path, name: str, branch: str, text: str,
                      base: Optional[Path] = None) -> Path:
    """A bare repository whose `main` holds the clean list and whose `branch` changes it to
    ``text`` (a fork: cloned from ``base``)."""
    remote = tmp_path / f"{name}.git"
    work = tmp_path / f"{name}-work"
    if base is None:
        git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
        git(tmp_path, "clone", "--quiet", str(remote), str(work))
        (work / "README.md").write_text(CLEAN, encoding="utf-8")
        (work / "LICENSE").write_text("CC0-1.0\n", encoding="utf-8")
        (work / "CONTRIBUTING.md").write_text("Open a pull request.\n", encoding="utf-8")
        (work / ".awesome-tools.yaml").write_text("profiles: [awesome]\n", encoding="utf-8")
        git(work, "add", "-A")
        git(work, "commit", "--quiet", "-m", "The list")
        git(work, "push", "--quiet", "origin", "main")
    else:
        git(tmp_path, "clone", "--quiet", "--bare", str(base), str(remote))
        git(tmp_path, "clone", "--quiet", str(remote), str(work))
    if branch != "main":
        git(work, "checkout", "--quiet", "-b", branch)
    if (work / "README.md").read_text(encoding="utf-8") != text:
        (work / "README.md").write_text(text, encoding="utf-8")
        git(work, "commit", "--quiet", "-am", "Add the datasets")
    git(work, "push", "--quiet", "origin", branch)
    return remote


def checkout(remote: Path, branch: str, into: Path) -> Path:
    """What actions/checkout does with `repository:` and `ref:` here: a clone of the branch."""
    git(into.parent, "clone", "--quiet", "--branch", branch, str(remote), str(into))
    return into


def head(remote: Path, branch: str) -> str:
    return git(remote, "rev-parse", f"refs/heads/{branch}")


# -- running a step as the runner does ---------------------------------------------------------

_EXPRESSION = re.compile(r"^\$\{\{\s*(.*?)\s*\}\}$")


def evaluate(value: str, context: Dict[str, str]) -> str:
    """`${{ a.b || c.d }}`: the first context value that is set (all these steps use)."""
    found = _EXPRESSION.match(value)
    if not found:
        return value
    for name in found.group(1).split("||"):
        name = name.strip()
        assert re.fullmatch(r"[a-z_]+(?:\.[a-z_]+)*", name), f"unexpected expression {value}"
        if context.get(name):
            return context[name]
    return ""


def run_step(workflow: dict, name: str, cwd: Path, context: Dict[str, str],
             tmp_path: Path) -> subprocess.CompletedProcess:
    chosen = step(workflow, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PATH=BIN + os.pathsep + env.get("PATH", ""), CI="true", GITHUB_ACTIONS="true",
               GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
               GITHUB_OUTPUT=str(tmp_path / "output.txt"), GIT_CONFIG_GLOBAL=os.devnull,
               GIT_CONFIG_NOSYSTEM="1")
    for key, value in {**workflow.get("env", {}), **chosen.get("env", {})}.items():
        env[key] = evaluate(str(value), context)
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           chosen["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def pull_request(head_repository: str, branch: str) -> Dict[str, str]:
    return {"github.event_name": "pull_request", "github.repository": "owner/list",
            "github.event.pull_request.head.repo.full_name": head_repository,
            "github.head_ref": branch, "github.ref_name": "7/merge",
            "github.ref": "refs/pull/7/merge"}


def summary(tmp_path: Path) -> str:
    path = tmp_path / "summary.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


# -- the workflow's shape ------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["repository", "template", "template-action"])
def test_shape_triggers_permissions_and_no_loop(workflows, which):
    workflow = load(workflows[which])
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "write"}
    assert workflow["env"] == {"AWESOME_TOOLS_LIST": "README.md"}
    checkout_step = workflow["jobs"]["autofix"]["steps"][0]
    assert checkout_step["uses"].startswith("actions/checkout@v")
    # GITHUB_TOKEN stays the token: GitHub starts no workflow for what it pushes
    assert "token" not in checkout_step.get("with", {})
    assert checkout_step["with"]["ref"] == "${{ github.head_ref || github.ref }}"
    upload = step(workflow, "Upload the fix as a patch")
    assert upload["uses"].startswith("actions/upload-artifact@v")
    assert upload["with"]["path"] == "awesome-tools-fix.patch"
    assert upload["if"] == "failure() && steps.fix.outputs.patch != ''"


def test_action_mode_installs_with_the_action(workflows):
    text = workflows["template-action"].read_text(encoding="utf-8")
    install = step(load(workflows["template-action"]), "Install awesome-tools")
    assert install == {"name": "Install awesome-tools",
                       "uses": "awesome-tools/awesome-tools@v0.1.0",
                       "with": {"command": "install"}}
    assert "pip install" not in text


def test_list_path_is_filled_in():
    setup = scaffold.Setup("docs/list.md", scaffold.HOOKS, autofix=True)
    workflow = YAML(typ="safe").load(scaffold.render_template("autofix.yml", setup))
    assert workflow["env"] == {"AWESOME_TOOLS_LIST": "docs/list.md"}
    check = YAML(typ="safe").load(scaffold.render_template("check.yml", setup))
    runs = [s.get("run", "") for s in check["jobs"]["check"]["steps"]]
    assert "awesome-tools check docs/list.md --format github" in runs


# -- the steps, run ----------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["repository", "template"])
def test_same_repository_branch_gets_one_bot_commit_and_no_second_run(workflows, tmp_path,
                                                                     which):
    workflow = load(workflows[which])
    remote = github_repository(tmp_path, "origin", "feature", STALE)
    before = head(remote, "feature")
    runner = checkout(remote, "feature", tmp_path / "run1")
    context = pull_request("owner/list", "feature")
    result = run_step(workflow, "fix", runner, context, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    log = git(remote, "log", "--format=%an|%ae|%s", f"{before}..refs/heads/feature")
    assert log.splitlines() == [
        f"{BOT}|41898282+github-actions[bot]@users.noreply.github.com|"
        "Apply awesome-tools fix to README.md"]
    assert git(remote, "show", "refs/heads/feature:README.md") + "\n" == FIXED
    assert "Committed the fixes" in summary(tmp_path)
    checked = run_step(workflow, "Check the list", runner, context, tmp_path)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr

    # the bot's push, had it started a run: the job sees its own commit and stops
    fixed_head = head(remote, "feature")
    again = run_step(workflow, "fix", checkout(remote, "feature", tmp_path / "run2"), context,
                     tmp_path)
    assert again.returncode == 0 and "own fix: nothing to do" in again.stdout
    assert head(remote, "feature") == fixed_head


def test_push_to_main_is_fixed_in_place(workflows, tmp_path):
    workflow = load(workflows["template"])
    remote = github_repository(tmp_path, "origin", "main", STALE)
    runner = checkout(remote, "main", tmp_path / "run")
    context = {"github.event_name": "push", "github.repository": "owner/list",
               "github.ref_name": "main", "github.ref": "refs/heads/main"}
    result = run_step(workflow, "fix", runner, context, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert git(remote, "log", "-1", "--format=%an", "refs/heads/main") == BOT
    assert git(remote, "show", "refs/heads/main:README.md") + "\n" == FIXED


def test_a_clean_branch_gets_no_commit(workflows, tmp_path):
    workflow = load(workflows["template"])
    remote = github_repository(tmp_path, "origin", "feature", CLEAN.replace(
        "Does things.", "Does things well."))
    before = head(remote, "feature")
    result = run_step(workflow, "fix", checkout(remote, "feature", tmp_path / "run"),
                      pull_request("owner/list", "feature"), tmp_path)
    assert result.returncode == 0 and "Nothing to fix." in result.stdout
    assert head(remote, "feature") == before


@pytest.mark.parametrize("which", ["repository", "template"])
def test_fork_pushes_nothing_fails_and_leaves_the_patch(workflows, tmp_path, which):
    workflow = load(workflows[which])
    origin = github_repository(tmp_path, "origin", "main", CLEAN)
    fork = github_repository(tmp_path, "fork", "patch-1", STALE, base=origin)
    heads = (head(origin, "main"), head(fork, "patch-1"))
    runner = checkout(fork, "patch-1", tmp_path / "run")
    context = pull_request("contributor/list", "patch-1")
    result = run_step(workflow, "fix", runner, context, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (head(origin, "main"), head(fork, "patch-1")) == heads  # nothing pushed anywhere
    assert "::error::awesome-tools fix would change README.md: run 'awesome-tools fix " \
           "README.md' and push the result" in result.stdout
    output = (tmp_path / "output.txt").read_text()
    assert output == "patch=awesome-tools-fix.patch\n"
    patch = runner / "awesome-tools-fix.patch"
    report = summary(tmp_path)
    assert "    awesome-tools fix README.md\n" in report
    assert "```diff\n" + patch.read_text(encoding="utf-8") + "```\n" in report
    # the patch is the fix: applied to a fresh checkout it gives the fixed list
    fresh = checkout(fork, "patch-1", tmp_path / "fresh")
    git(fresh, "apply", str(patch))
    assert (fresh / "README.md").read_text(encoding="utf-8") == FIXED


def test_fork_summary_fence_outlasts_backticks_in_the_diff(workflows, tmp_path):
    workflow = load(workflows["template"])
    origin = github_repository(tmp_path, "origin", "main", CLEAN)
    stale = STALE.replace("Holds things.", "Holds ```` things")  # fixed: a period
    fork = github_repository(tmp_path, "fork", "patch-1", stale, base=origin)
    runner = checkout(fork, "patch-1", tmp_path / "run")
    result = run_step(workflow, "fix", runner, pull_request("contributor/list", "patch-1"),
                      tmp_path)
    assert result.returncode == 1
    assert "`````diff\n" in summary(tmp_path)


# -- validators ---------------------------------------------------------------------------------

def tool(name: str) -> str:
    found = shutil.which(name, path=BIN + os.pathsep + os.environ.get("PATH", ""))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def test_actionlint_accepts_the_autofix_workflows(workflows, tmp_path):
    paths = [str(path) for path in workflows.values()]
    result = subprocess.run([tool("actionlint"), "-no-color", "-oneline", *paths],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schemas_accept_the_workflows_and_the_action(workflows):
    check = tool("check-jsonschema")
    result = subprocess.run([check, "--builtin-schema", "vendor.github-workflows",
                             *map(str, workflows.values())], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([check, "--builtin-schema", "vendor.github-actions",
                             str(ROOT / "action.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the composite action ------------------------------------------------------------------------

def run_action(tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess:
    action = load(ROOT / "action.yml")
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    (chosen,) = [s for s in action["runs"]["steps"] if s.get("id") == "run"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PATH=BIN + os.pathsep + env.get("PATH", ""),
               GITHUB_OUTPUT=str(tmp_path / "output.txt"))
    for key, value in chosen["env"].items():
        name = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value).group(1)
        env[key] = values[name]
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           chosen["run"]], cwd=tmp_path, env=env, capture_output=True,
                          text=True)


def test_action_runs_the_command_and_reports_its_exit_code(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(STALE, encoding="utf-8")
    result = run_action(tmp_path, command="check", args="README.md --format github")
    assert result.returncode == 1 and "toc-missing" in result.stdout
    assert (tmp_path / "output.txt").read_text() == "exit-code=1\n"
    (tmp_path / "output.txt").unlink()
    assert run_action(tmp_path, command="check", fail="false").returncode == 0
    assert run_action(tmp_path, command="fix").returncode == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == FIXED
    bad = run_action(tmp_path, command="rm", args="-rf /")
    assert bad.returncode == 2 and "command must be check, fix, links or install" in bad.stdout
    missing = run_action(tmp_path, command="check", args="absent.md", fail="false")
    assert missing.returncode == 2  # an input error fails the step whatever `fail` says


def test_action_metadata():
    action = load(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"command", "args", "python-version", "fail"}
    install = [s for s in action["runs"]["steps"] if s.get("name") == "Install awesome-tools"]
    assert install and "$ACTION_PATH" in install[0]["run"]
