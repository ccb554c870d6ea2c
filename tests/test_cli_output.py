"""Issue 17: output a person reads: colour on a terminal (tested under a real pseudo-terminal),
grouped by file with the rule name last (pretty), NO_COLOR / FORCE_COLOR / --color,
--statistics, --quiet, and the rules' documentation."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import Dict, Tuple

import pytest

from awesome_tools.cli import run

ROOT = Path(__file__).resolve().parents[1]
LIST = ("# T\n\n[x](#missing)\n\n- [A](https://a.example) - One.\n"
        "- [A](https://a.example) - One.\n")
# what `check` printed for LIST before colour existed (main at 375f9cc), byte for byte
PLAIN = ("README.md:3:1: broken-anchor link fragment #missing matches no heading or anchor\n"
         "README.md:6:3: duplicate-entry 'A' links the same resource as the entry at line 5 "
         "('A') in the same section\n"
         "2 problems (2 errors) in 1 file\n")
# the same findings grouped by file, as a person reads them (--format pretty, or text in colour)
PRETTY = ("README.md\n"
          "  3:1  error    link fragment #missing matches no heading or anchor  broken-anchor\n"
          "  6:3  error    'A' links the same resource as the entry at line 5 ('A') in the same "
          "section  duplicate-entry\n"
          "\n"
          "2 problems (2 errors) in 1 file\n")
RED, RESET = "\x1b[31m", "\x1b[0m"


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def _env(**extra: str) -> Dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "FORCE_COLOR", "TERM", "CI")}
    env.update({"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **extra})
    return env


def in_terminal(cwd: Path, *args: str, **env: str) -> Tuple[int, str]:
    """Run the CLI with standard output on a pseudo-terminal; (exit code, what it showed)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "awesome_tools", *args], cwd=cwd,
                               stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL,
                               env=_env(**env))
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(controller, 65536)
        except OSError:  # the terminal closed (Linux: EIO)
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    code = process.wait(30)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def in_pipe(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awesome_tools", *args], cwd=cwd,
                          capture_output=True, text=True, env=_env(**env))


def test_colour_on_a_terminal(work) -> None:
    code, shown = in_terminal(work, "check")
    assert code == 1
    assert f"{RED}error{RESET}" in shown and "broken-anchor" in shown
    assert _strip(shown) == PRETTY  # grouped by file, the severity painted


def test_no_color_on_a_terminal_is_plain(work) -> None:
    code, shown = in_terminal(work, "check", NO_COLOR="1")
    assert (code, shown) == (1, PLAIN)
    assert in_terminal(work, "check", "--color", "never")[1] == PLAIN
    assert in_terminal(work, "check", TERM="dumb")[1] == PLAIN


def test_not_a_terminal_is_byte_identical_plain_text(work) -> None:
    done = in_pipe(work, "check")
    assert (done.returncode, done.stdout, done.stderr) == (1, PLAIN, "")
    forced = in_pipe(work, "check", FORCE_COLOR="1")
    assert RED in forced.stdout and _strip(forced.stdout) == PRETTY
    assert in_pipe(work, "check", FORCE_COLOR="0").stdout == PLAIN
    assert in_pipe(work, "check", FORCE_COLOR="1", NO_COLOR="1").stdout == PLAIN
    always = in_pipe(work, "check", "--color", "always")
    assert RED in always.stdout and _strip(always.stdout) == PRETTY
    assert in_pipe(work, "check", "--format", "json", FORCE_COLOR="1").stdout.startswith("[")


def _strip(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_control_characters_from_the_list_stay_escaped_in_colour(work) -> None:
    # a heading missing from the table of contents is quoted in the finding
    (work / "README.md").write_text("# T\n\n## Contents\n\n- [Intro](#intro)\n- [Other](#other)\n\n"
                                    "## Intro\n\n## Other\n\n"
                                    "## Evil \x1b[2J\x9b2K end\n", encoding="utf-8")
    shown = in_pipe(work, "check", "--color", "always").stdout
    assert "toc-missing" in shown and "\\x1b[2J\\x9b2K" in shown
    assert "\x1b[2J" not in shown and "\x9b" not in shown


def test_statistics_and_quiet(work, capsys, monkeypatch) -> None:
    monkeypatch.chdir(work)
    capsys.readouterr()
    assert run(["check", "--statistics"]) == 1
    assert capsys.readouterr().out == PLAIN.replace(
        "2 problems", "1  broken-anchor (error)\n1  duplicate-entry (error)\n2 problems")
    assert run(["check", "-q"]) == 1
    assert capsys.readouterr().out == "".join(PLAIN.splitlines(True)[:2])
    (work / "README.md").write_text("# T\n", encoding="utf-8")
    assert run(["check", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_rules_lists_and_explains(capsys) -> None:
    from awesome_tools.rules import all_rules

    capsys.readouterr()
    assert run(["rules"]) == 0
    listed = capsys.readouterr().out
    assert all(f"\n{name} " in "\n" + listed for name in all_rules())
    assert run(["rules", "broken-anchor"]) == 0
    docs = capsys.readouterr().out
    assert docs.startswith("broken-anchor: ") and "Bad:" in docs and "Good:" in docs
    assert run(["check", "--explain", "broken-anchor"]) == 0
    assert capsys.readouterr().out == docs
    assert run(["rules", "broken-anchr"]) == 2
    assert "did you mean broken-anchor?" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "fix", "toc", "links", "export", "rules", "init",
                                     "add"])
def test_help_shows_examples(command, capsys) -> None:
    capsys.readouterr()
    assert run([command, "--help"]) == 0
    text = capsys.readouterr().out
    examples = text.split("Examples:", 1)[1].split("Options:", 1)[0]
    assert 2 <= examples.count(f"awesome-tools {command}") <= 3


# --- pretty: grouped by file, the rule name last ----------------------------------------------

OTHER = ("# U\n\n## Contents\n\n- [Intro](#intro)\n- [Other](#other)\n\n## Intro\n\n"
         "[y](#nope)\n\n## Other\n\n## Evil \x1b]0;title\x07 \u202e end\n")


def _two_files(work: Path) -> None:
    (work / "b.md").write_text(OTHER, encoding="utf-8")


def test_pretty_without_a_terminal_is_the_grouped_text_uncoloured(work) -> None:
    done = in_pipe(work, "check", "--format", "pretty")
    assert (done.returncode, done.stdout, done.stderr) == (1, PRETTY, "")
    assert in_pipe(work, "check", "--format", "pretty", "--color", "always").stdout != PRETTY
    assert _strip(in_pipe(work, "check", "--format", "pretty", "--color", "always").stdout) \
        == PRETTY


def test_pretty_on_a_terminal_groups_files_and_ends_each_line_with_the_rule(work) -> None:
    _two_files(work)
    code, shown = in_terminal(work, "check", "README.md", "b.md", "--statistics")
    assert code == 1
    plain = _strip(shown)
    blocks = plain.split("\n\n")
    assert [block.splitlines()[0] for block in blocks[:2]] == ["README.md", "b.md"]
    findings = [line for block in blocks[:2] for line in block.splitlines()[1:]]
    assert len(findings) == 4 and all(line.startswith("  ") for line in findings)
    assert [line.rsplit("  ", 1)[1] for line in findings] == [
        "broken-anchor", "duplicate-entry", "broken-anchor", "toc-missing"]
    assert findings[3].startswith("  14:1  error    heading 'Evil \\x1b]0;title\\x07 \\u202e")
    assert findings[3].endswith(" [fixable]  toc-missing")
    assert blocks[2] == ("2  broken-anchor (error)\n1  duplicate-entry (error)\n"
                         "1  toc-missing (error)")
    assert blocks[3] == "4 problems (4 errors) in 2 files, 1 fixable with `awesome-tools fix`\n"
    # the severity is painted, the location and the rule are dimmed, the path is bold
    assert f"{RED}error{RESET}" in shown and f"\x1b[2m3:1{RESET}" in shown
    assert "\x1b]" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert f"\x1b[2mbroken-anchor{RESET}" in shown and "\x1b[1m\x1b[4mb.md" in shown


def test_pretty_shows_text_from_the_list_escaped(work) -> None:
    _two_files(work)
    evil = "c\x1b[2J\x9b.md"
    (work / evil).write_text("# V\n\n[q](#gone)\n", encoding="utf-8")
    code, shown = in_terminal(work, "check", "b.md", evil, "--format", "pretty")
    assert code == 1
    assert "\\x1b]0;title\\x07" in shown and "\\u202e" in shown  # a heading quoted
    assert "c\\x1b[2J\\x9b.md" in shown  # a file name as a header
    assert "\x1b]" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\x1b[2J" not in shown and "\x9b" not in shown


def test_pretty_quiet_statistics_and_a_clean_run(work) -> None:
    quiet = in_pipe(work, "check", "--format", "pretty", "-q").stdout
    assert quiet == PRETTY.rsplit("\n\n", 1)[0] + "\n"
    stats = in_pipe(work, "check", "--format", "pretty", "--statistics").stdout
    assert stats == PRETTY.replace(
        "\n2 problems", "\n1  broken-anchor (error)\n1  duplicate-entry (error)\n\n2 problems")
    (work / "README.md").write_text("# T\n", encoding="utf-8")
    clean = in_pipe(work, "check", "--format", "pretty", "--statistics")
    assert (clean.returncode, clean.stdout) == (0, "No problems in 1 file.\n")
    assert in_pipe(work, "check", "--format", "pretty", "-q").stdout == ""


def test_the_guide_shows_real_pretty_output(work) -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    part = guide.split("`--format pretty`:", 1)[1]
    sample = part.split("```text\n", 1)[1].split("\n```", 1)[0] + "\n"
    assert sample == PRETTY == in_pipe(work, "check", "--format", "pretty").stdout


# --- --statistics and --quiet with the data formats -------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_statistics_go_to_stderr_and_data_stays_valid(work, fmt) -> None:
    import json

    plain = in_pipe(work, "check", "--format", fmt)
    stats = in_pipe(work, "check", "--format", fmt, "--statistics")
    assert (stats.returncode, stats.stdout) == (plain.returncode, plain.stdout) == (1,
                                                                                  plain.stdout)
    assert plain.stderr == ""
    assert stats.stderr == "1  broken-anchor (error)\n1  duplicate-entry (error)\n"
    if fmt != "github":
        json.loads(stats.stdout)
    assert in_pipe(work, "check", "--format", fmt, "-q").stdout == plain.stdout
    (work / "README.md").write_text("# T\n", encoding="utf-8")
    clean = in_pipe(work, "check", "--format", fmt, "--statistics")
    assert (clean.returncode, clean.stderr) == (0, "")


def test_data_formats_are_never_coloured_on_a_terminal(work) -> None:
    code, shown = in_terminal(work, "check", "--format", "json", "--statistics")
    assert code == 1 and "\x1b[" not in shown.split("]", 1)[0]
    assert '"rule": "broken-anchor"' in shown
