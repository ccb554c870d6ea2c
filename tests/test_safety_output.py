"""Control characters from a list never reach a terminal raw (issue 12, item 12).

A list quoting ANSI CSI (colour, erase line, cursor up), OSC (hyperlinks, window title), C1
controls, a lone carriage return and the bidi overrides is checked, fixed and exported by
real processes in every output format; what they print may contain none of those characters
(line feeds and tabs aside), and shows each as a visible escape. JSON keeps the exact text.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_tools.formats.escape import json_safe, visible

ESC = "\x1b"
HEADING = (f"Evil {ESC}[31mRED{ESC}[0m {ESC}]8;;https://evil.example\x07here{ESC}]8;;\x07 "
           f"\x9b2J \u202eabc\u202c end")
# In a link text, C1 forms (U+009D OSC, U+009B CSI): "ESC [" and "ESC ]" would be brackets.
LINK_TEXT = "x\x9d0;title\x07\x9b2Kinjected\u2067"
LIST = (
    "# Title\n\n## Contents\n\n- [Intro](#intro)\n- [Other](#other)\n\n## Intro\n\n"
    "## Other\n\n"
    f"## {HEADING}\n\n"
    f"- [{LINK_TEXT}]()\n"
    "- [Broken](#Intro) - fixable, so fix has something to say.\n"
)
# Anything a terminal acts on: C0 but tab and line feed, DEL, C1, bidi controls; and a CR
# that does not end a line.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


@pytest.fixture
def repo(tmp_path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awesome_tools", *args], cwd=repo,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def assert_inert(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text!r}"


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "json"])
def test_check_output_is_inert_in_every_format(repo, fmt):
    done = run(repo, "check", "README.md", "--format", fmt)
    assert done.returncode == 1, done.stderr
    assert_inert(done.stdout)
    assert_inert(done.stderr)
    assert "RED" in done.stdout  # the finding is there, quoted
    if fmt in ("text", "github"):
        assert "\\x1b[31mRED\\x1b[0m" in done.stdout and "\\u202eabc" in done.stdout
        assert "\\x9b2J" in done.stdout and "\\x07" in done.stdout
        assert "\\x9d0;title\\x07\\x9b2Kinjected\\u2067" in done.stdout
    if fmt == "sarif":
        messages = [result["message"]["text"]
                    for result in json.loads(done.stdout)["runs"][0]["results"]]
        assert any("\\x1b[31mRED" in message for message in messages)
    if fmt == "json":  # the data stays exact: escapes are JSON's own
        messages = [finding["message"] for finding in json.loads(done.stdout)]
        assert any(HEADING in message for message in messages)


def test_github_annotations_cannot_start_a_workflow_command(repo):
    (repo / "README.md").write_text("# T\n\n- [x\n::error::forged]()\n", encoding="utf-8")
    done = run(repo, "check", "README.md", "--format", "github")
    assert all(line.startswith("::error file=README.md,") for line in done.stdout.splitlines())


def test_fix_summaries_and_diffs_are_inert(repo):
    diff = run(repo, "fix", "--diff", "README.md")
    assert diff.returncode == 0, diff.stderr
    assert_inert(diff.stdout)
    assert "+- [Broken](#intro)" in diff.stdout
    checked = run(repo, "fix", "--check", "README.md")
    assert checked.returncode == 1 and "would fix" in checked.stdout
    assert_inert(checked.stdout)
    fixed = run(repo, "fix", "README.md")
    assert fixed.returncode == 0 and "fixed" in fixed.stdout
    assert_inert(fixed.stdout + fixed.stderr)
    # what is written to the file is the list's own bytes, not the escapes
    assert HEADING in (repo / "README.md").read_text(encoding="utf-8")


def test_toc_output_is_inert(repo):
    done = run(repo, "toc", "README.md")
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout + done.stderr)
    assert "\\x1b[31mRED" in done.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "bibtex"])
def test_export_output_is_inert(repo, fmt):
    (repo / "README.md").write_text(
        "# T\n\n## Papers\n\n- [Att\x9d0;x\x07ention\u202e\x9b]"
        "(https://arxiv.org/abs/1706.03762) - A paper.\n", encoding="utf-8")
    done = run(repo, "export", "README.md", "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout)
    if fmt == "json":
        assert json.loads(done.stdout)[0]["title"] == "Att\x9d0;x\x07ention\u202e\x9b"


def test_error_lines_quote_names_inertly(repo):
    done = run(repo, "check", f"no{ESC}[2Jsuch.md")
    assert done.returncode == 2
    assert_inert(done.stderr)
    assert "no\\x1b[2Jsuch.md: no such file" in done.stderr
    (repo / ".awesome-tools.yaml").write_text('rules:\n  "x\u202eevil": off\n',
                                              encoding="utf-8")  # YAML refuses C0 itself
    done = run(repo, "check", "README.md")
    assert done.returncode == 2
    assert_inert(done.stderr)
    assert "x\\u202eevil" in done.stderr


def test_crlf_lists_keep_their_line_ends_in_diffs(repo):
    (repo / "README.md").write_bytes(b"# T\r\n\r\n[a](#T)\r\n")
    done = subprocess.run([sys.executable, "-m", "awesome_tools", "fix", "--diff", "README.md"],
                          cwd=repo, capture_output=True, timeout=120)
    assert b"+[a](#t)\r\n" in done.stdout and b"\\x0d" not in done.stdout


def test_the_escapes():
    assert visible("a\x1b[31mb\tc\nd\r\ne\rf\u202eg\u200fh") == \
        "a\\x1b[31mb\tc\\x0ad\\x0d\\x0ae\\x0df\\u202eg\u200fh"
    assert visible("a\nb\r\nc\rd\x9b", keep_lines=True) == "a\nb\r\nc\\x0dd\\x9b"
    raw = json.dumps({"k": "\x1b\x9b\u202e\u2066\x7f"}, ensure_ascii=False)
    assert json.loads(json_safe(raw)) == {"k": "\x1b\x9b\u202e\u2066\x7f"}
    assert_inert(json_safe(raw))
    assert visible("Ünïcödé 数据 עברית ⚙️") == "Ünïcödé 数据 עברית ⚙️"
