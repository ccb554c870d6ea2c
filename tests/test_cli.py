"""The command line as a user meets it: one-line errors, exit codes, python -m."""
from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args):
    return subprocess.run([sys.executable, "-m", "awesome_tools", *args], capture_output=True,
                          text=True)


@pytest.mark.parametrize("args, fragment", [
    (["check", "--format", "yaml"], "Invalid value for '--format'"),
    (["nope"], "No such command 'nope'"),
    (["check", "--select", "no-such-rule"], "unknown rule 'no-such-rule'"),
    (["fix", "--bogus"], "No such option"),  # click words the rest by version
    (["check", "/nonexistent/list.md"], "no such file"),
])
def test_errors_are_one_line_and_exit_2(args, fragment):
    result = _run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_help_and_version_exit_0():
    assert _run("--help").returncode == 0
    version = _run("--version")
    assert version.returncode == 0 and "0.1.0" in version.stdout


def test_every_command_has_help():
    for command in ("check", "fix", "toc", "links", "init", "export"):
        result = _run(command, "--help")
        assert result.returncode == 0 and result.stdout.startswith("Usage: awesome-tools")
