"""The process entry point's light path for ``check`` behaves exactly as the click CLI.

``awesome_tools.__main__`` reads plain ``check`` arguments without importing click (start-up);
every form it accepts must give the same stdout, stderr and exit code as ``cli.run``, and every
form it does not accept must reach click.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_tools.__main__ import check_arguments, run_light
from awesome_tools.cli import run

LIST = ("# T\n\n- [A](#missing) - One.\n- [B](https://b.example) - Two.\n"
        "- [B](https://b.example) - Two.\n")


@pytest.fixture()
def work(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other\n\n[x](#other)\n", encoding="utf-8")
    (tmp_path / "conf.yaml").write_text("rules:\n  duplicate-entry: off\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("rules:\n  duplicate-entyr: off\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


ACCEPTED = [
    [], ["README.md"], ["README.md", "other.md"], ["other.md", "--format", "json"],
    ["--format=json"], ["--format", "github", "README.md"], ["--format", "sarif"],
    ["--select", "broken-anchor"], ["--select=broken-anchor,duplicate-entry"],
    ["--select", "broken-anchor", "--select", "duplicate-entry"], ["--ignore", "broken-anchor"],
    ["--ignore=broken-anchor", "README.md", "--format", "json"], ["--config", "conf.yaml"],
    ["--config=conf.yaml"], ["--config", "bad.yaml"], ["--online"], ["missing.md"],
    ["sub"], ["--select", "no-such-rule"], ["--ignore", "broken-anchr"],
    ["--format", "json", "--format", "text"], ["--config", "absent.yaml"],
]
DECLINED = [
    ["--help"], ["-h"], ["--format", "xml"], ["--format"], ["--format", "--online"],
    ["--config", "sub"], ["--unknown"], ["--", "README.md"], ["-"], ["--select="],
    ["--selec", "x"], ["--online=1"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=lambda args: " ".join(args) or "(none)")
def test_accepted_forms_run_as_click_runs_them(work, capsys, args):
    assert check_arguments(args) is not None
    light = run_light(["check", *args])
    light_out = capsys.readouterr()
    click = run(["check", *args])
    click_out = capsys.readouterr()
    assert (light, light_out.out, light_out.err) == (click, click_out.out, click_out.err)


@pytest.mark.parametrize("args", DECLINED, ids=lambda args: " ".join(args))
def test_other_forms_are_left_to_click(work, args):
    assert check_arguments(args) is None
    assert run_light(["check", *args]) is None


def test_other_commands_are_left_to_click():
    for argv in ([], ["fix"], ["--version"], ["toc"], ["links", "--help"]):
        assert run_light(argv) is None


def test_a_path_click_would_refuse_is_left_to_click(work):
    unreadable = work / "locked.md"
    unreadable.write_text("x\n", encoding="utf-8")
    unreadable.chmod(0)
    try:
        if os.access(unreadable, os.R_OK):
            pytest.skip("running as a user who reads everything")
        assert check_arguments(["locked.md"]) is None
        assert check_arguments(["--config", "locked.md"]) is None
    finally:
        unreadable.chmod(0o644)


def _entry(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return subprocess.run([sys.executable, "-m", "awesome_tools", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_the_process_entry_checks_without_importing_click(work):
    probe = ("import runpy, sys; sys.argv = ['awesome-tools', 'check', 'README.md'];\n"
             "import awesome_tools.__main__ as m; code = m.run_light(sys.argv[1:]);\n"
             "print(code, 'click' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    done = subprocess.run([sys.executable, "-c", probe], cwd=work, env=env,
                          capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "1 False", done.stderr


def test_the_process_entry_exits_as_the_click_cli(work):
    light = _entry("check", "README.md", "--format", "json", cwd=work)
    click = _entry("check", "README.md", "--format", "json", "--", cwd=work)  # click's path
    assert (light.returncode, light.stdout, light.stderr) == \
        (click.returncode, click.stdout, click.stderr)
    assert light.returncode == 1
    usage = _entry("check", "--format", "xml", cwd=work)
    assert usage.returncode == 2 and "Invalid value for '--format'" in usage.stderr
