"""awesome-lint (bench/node_modules, `npm install --prefix bench`) on this repository's own
list: the only error it may report is the one docs/list-sources.md justifies, its GitHub
check, which needs the repository's GitHub remote and the network. Skipped without Node or
awesome-lint. awesome-lint runs on a copy in a fresh git repository without a remote, inside
``unshare -n`` when that works, so it cannot reach the network."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "awesome_lint_json.mjs"
JUSTIFIED = {"awesome-github"}  # docs/list-sources.md, "awesome-lint"


def test_awesome_lint_reports_only_what_the_docs_justify(tmp_path):
    if shutil.which("node") is None or not (ROOT / "bench" / "node_modules" /
                                            "awesome-lint").is_dir():
        pytest.skip("awesome-lint is not installed (npm install --prefix bench)")
    for name in ("README.md", "CONTRIBUTING.md", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "images", tmp_path / "images")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "list"]):
        subprocess.run(git + args, cwd=tmp_path, check=True, capture_output=True)
    unshare = shutil.which("unshare")
    prefix = [unshare, "-n"] if unshare and subprocess.run(
        [unshare, "-n", "true"], capture_output=True).returncode == 0 else []
    result = subprocess.run([*prefix, "node", str(SCRIPT), "README.md"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stdout)
    assert {m["rule"] for m in messages} <= JUSTIFIED, messages
    assert "awesome-github" in (ROOT / "docs" / "list-sources.md").read_text(encoding="utf-8")
