"""Text nested thousands deep is read without a traceback, by every command (issues 12, 15).

A line of list markers (``- - - ... x``), of ordered markers, of ``* `` or of blockquote
markers nests as many containers. The fast builder (markdown-it-pyrs) recursed per level and
the port's own tree overflows the Rust stack on deep enough text, so such text is left to
markdown-it-py, whose tokens are flat and which stops nesting at its ``maxNesting``; and the
readers after the parse must not recurse per level either. A run of ``*`` nested as many
emphasis nodes too, until the port parsed without emphasis (issue 15): its delimiters are text
to both engines' document parsers, so such text stays on the fast path. Beyond "no
traceback", both engines must agree wherever the fast one builds a Document, including just
under and over markdown-it-py's nesting limit.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from awesome_tools.cli import main
from awesome_tools.model.parse import fast_document, parse, reference_document

DEPTH = 1000

DEEP = {
    "marker-line": "- " * DEPTH + "x\n",
    "ordered-marker-line": "1. " * DEPTH + "x\n",
    "star-marker-line": "* " * DEPTH + "x\n",
    "quote-nesting": "> " * DEPTH + "x\n",
    "quoted-list": "> - " * DEPTH + "[x](https://x.org) - y.\n",
    "indented-lists": "".join("  " * (i % 200) + "- [x](#x)\n" for i in range(600)),
    "emphasis": "- [a](https://x.org) - " + "*" * (3 * DEPTH) + "a" + "*" * (3 * DEPTH) + "\n",
    "heading-emphasis": "## " + "*" * (3 * DEPTH) + "a" + "*" * (3 * DEPTH) + "\n",
    "brackets": "- " + "[" * DEPTH + "a" + "]" * DEPTH + "(u)\n",
    # emphasis over lazy lines that start with '|' (a paragraph, not a table)
    "emphasis-over-lines": "*a\n|" * DEPTH + "a" + "*" * DEPTH + "\n",
    "image-alt-emphasis": "- ![" + "*" * (3 * DEPTH) + "a" + "*" * (3 * DEPTH) + "](u)\n",
    "table-cell-emphasis": "| a |\n|---|\n| " + "*" * (3 * DEPTH) + "a" + "*" * (3 * DEPTH)
                           + " |\n",
    "toc-in-depth": "# T\n\n## Contents\n\n" + "- " * DEPTH + "[A](#a)\n\n## A\n\ntext\n",
}

COMMANDS = [["check"], ["check", "--format", "json"], ["fix", "--diff"], ["toc"], ["export"]]


@pytest.fixture(params=["default", "awesome"])
def workdir(request, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # the config search stops here
    if request.param == "awesome":
        (tmp_path / ".awesome-tools.yaml").write_text("entry-format:\n  profile: awesome\n",
                                                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", sorted(DEEP))
def test_every_command_reads_deep_nesting_without_a_traceback(workdir, name):
    (workdir / "README.md").write_text(DEEP[name], encoding="utf-8")
    for args in COMMANDS:
        result = CliRunner().invoke(main, args + ["README.md"])
        assert result.exit_code in (0, 1), (args, result.output, result.exception)
        assert not isinstance(result.exception, Exception) or \
            isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Traceback" not in result.output and "crashed" not in result.output, args


def test_the_process_reports_deep_nesting_without_a_traceback(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(DEEP["marker-line"] + DEEP["quote-nesting"] +
                                        DEEP["emphasis"], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "awesome_tools", "check", "README.md"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr


EMPHASIS = sorted(name for name in DEEP if name.endswith("emphasis") or "emphasis-" in name)


@pytest.mark.parametrize("name", sorted(set(DEEP) - set(EMPHASIS)))
def test_deep_text_is_left_to_the_reference_engine(name):
    """The fast builder declines (no recursion error, no Rust stack overflow) and the
    reference gives the Document."""
    assert fast_document(DEEP[name]) is None
    assert parse(DEEP[name]) == reference_document(DEEP[name])


@pytest.mark.parametrize("name", EMPHASIS)
def test_deep_emphasis_is_text_to_the_fast_builder(name):
    """Thousands of emphasis delimiters (once thousands of levels) are text to the port: it
    builds the Document, the reference's (headings with delimiters read by markdown-it-py)."""
    fast = fast_document(DEEP[name])
    assert fast is not None
    assert fast == reference_document(DEEP[name]) == parse(DEEP[name])


def test_a_very_deep_line_never_reaches_the_rust_parser():
    """Hundreds of thousands of levels: the port's tree would overflow the Rust stack (a
    segmentation fault no Python code can catch), so the text is declined before."""
    text = "- " + "*" * 600_000 + "a" + "*" * 600_000 + "\n" + "> " * 300_000 + "x\n"
    code = ("import sys; from awesome_tools.model.parse import fast_document; "
            "print(fast_document(sys.stdin.read()) is None)")
    done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr


SHAPES = {
    "bullets": lambda depth: "- " * depth + "[x](#x)\n",
    "ordered": lambda depth: "1. " * depth + "[x](#x)\n",
    "quotes": lambda depth: "> " * depth + "[x](#x)\n",
    "quoted-bullets": lambda depth: "> - " * depth + "[x](#x)\n",
    "indented": lambda depth: "".join("  " * i + f"- [x{i}](#x)\n" for i in range(depth)),
    "indented-quotes": lambda depth: "".join("  " * i + f"- > [x{i}](#x)\n" for i in range(depth)),
    "brackets": lambda depth: "- " + "[" * depth + "a" + "]" * depth + "(u)\n",
    "emphasis": lambda depth: "- " + "*" * depth + "[a](u)" + "*" * depth + "\n",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("depth", [5, 9, 10, 11, 19, 20, 21, 25, 40])
def test_the_engines_agree_around_the_nesting_limit(shape, depth):
    """markdown-it-py drops what lies past its nesting limit; where the fast builder still
    builds a Document it is the reference's."""
    text = SHAPES[shape](depth)
    fast = fast_document(text)
    assert fast is None or fast == reference_document(text), text
