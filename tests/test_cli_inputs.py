"""Issue 17: the inputs every list command takes: files, directories, globs and ``-``.

Real files in a real git work tree (``.gitignore`` honoured through ``git ls-files``), the
real CLI in-process, and a real loopback server for ``links``.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

from awesome_tools.cli import run
from awesome_tools.inputs import collect, glob_regex, is_markdown
from linkservers import LinkServer, ok

BROKEN = "# T\n\n[x](#missing)\n"
CLEAN = "# C\n\n[c](#c)\n"
FIXABLE = "# T\n\n[img](images\\a.png)\n"  # backslash-path: fixed to images/a.png


def _git(directory: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=directory, check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree: two lists, a list in docs/ beside an image, an ignored list."""
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("build/\nscratch.md\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.markdown").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "docs" / "logo.svg").write_text("<svg/>\n", encoding="utf-8")
    (tmp_path / "docs" / "notes.txt").write_text("[x](#nope)\n", encoding="utf-8")
    (tmp_path / "docs" / "deep").mkdir()
    (tmp_path / "docs" / "deep" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "scratch.md").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(capsys: pytest.CaptureFixture, *argv: str) -> Tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def checked_files(out: str) -> List[str]:
    return sorted({finding["path"] for finding in json.loads(out)})


# --- check ------------------------------------------------------------------------------------

def test_a_directory_is_its_markdown_files_that_git_would_track(repo, capsys) -> None:
    code, out, err = cli(capsys, "check", ".", "--format", "json")
    assert (code, err) == (1, "")
    # build/ and scratch.md are ignored; the .svg and .txt are not Markdown
    assert checked_files(out) == ["README.md", "docs/guide.markdown"]
    code, out, _ = cli(capsys, "check", ".")
    assert out.endswith("2 problems (2 errors) in 3 files\n")  # with docs/deep/clean.md


def test_a_directory_outside_git_is_walked(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "list.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, err = cli(capsys, "check", str(tmp_path), "--format", "json")
    assert code == 1, err
    assert [Path(p).name for p in checked_files(out)] == ["list.md"]


def test_a_quoted_glob_is_expanded_including_double_star(repo, capsys) -> None:
    code, out, _ = cli(capsys, "check", "docs/**/*", "--format", "json")
    assert code == 1 and checked_files(out) == ["docs/guide.markdown"]  # svg, txt skipped
    code, out, _ = cli(capsys, "check", "docs/**/*.md")
    assert (code, out) == (0, "No problems in 1 file.\n")  # docs/deep/clean.md
    code, out, _ = cli(capsys, "check", "*.md", "--format", "json")
    assert checked_files(out) == ["README.md", "scratch.md"]  # a glob is what the user asked
    code, _, err = cli(capsys, "check", "nothing/*.md")
    assert code == 2 and err == "awesome-tools: error: nothing/*.md: no Markdown file matches\n"


def test_the_same_file_named_twice_is_checked_once(repo, capsys) -> None:
    code, out, _ = cli(capsys, "check", "README.md", "./README.md", str(repo / "README.md"),
                       "*.md", ".")
    lines = out.splitlines()
    assert code == 1 and lines.count("README.md:3:1: broken-anchor link fragment #missing "
                                     "matches no heading or anchor") == 1
    assert lines[-1] == "3 problems (3 errors) in 4 files"  # and scratch.md, from *.md


def test_good_and_bad_paths_mixed(repo, capsys) -> None:
    (repo / "binary.md").write_bytes(b"\x00\x01")
    code, out, err = cli(capsys, "check", "missing.md", "README.md", "docs/logo.svg",
                         "binary.md", "docs/deep/clean.md")
    assert code == 2
    assert out.splitlines()[-1] == "1 problem (1 error) in 2 files"
    assert err.splitlines() == [
        "awesome-tools: error: missing.md: no such file",
        "awesome-tools: error: docs/logo.svg: not a Markdown file (.md, .markdown, .mdown, "
        ".mkd or README); pass --any-extension to read it anyway",
        "awesome-tools: error: binary.md: looks like a binary file, not Markdown"]


def test_any_extension_reads_a_file_named_explicitly(repo, capsys) -> None:
    code, out, err = cli(capsys, "check", "docs/notes.txt", "--any-extension")
    assert (code, err) == (1, "") and out.startswith("docs/notes.txt:1:1: broken-anchor")
    (repo / "README").write_text(BROKEN, encoding="utf-8")
    assert cli(capsys, "check", "README")[0] == 1  # README without extension is Markdown
    assert [is_markdown(Path(n)) for n in ("a.MD", "b.mdown", "c.mkd", "d.txt", "readme")] == \
        [True, True, True, False, True]


def test_standard_input_with_a_name(repo, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BROKEN.encode())))
    code, out, _ = cli(capsys, "check", "-", "--stdin-name", "docs/pasted.md")
    assert code == 1 and out.startswith("docs/pasted.md:3:1: broken-anchor")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.encode())))
    assert cli(capsys, "check", "-") == (0, "No problems in 1 file.\n", "")


def test_config_excludes_apply_to_directories_and_globs_not_to_named_files(repo,
                                                                           capsys) -> None:
    (repo / ".awesome-tools.yaml").write_text('files:\n  exclude: ["docs/"]\n',
                                              encoding="utf-8")
    _, out, _ = cli(capsys, "check", ".", "--format", "json")
    assert checked_files(out) == ["README.md"]
    _, out, _ = cli(capsys, "check", "**/*.markdown", "README.md", "--format", "json")
    assert checked_files(out) == ["README.md"]
    _, out, _ = cli(capsys, "check", "docs/guide.markdown", "--format", "json")
    assert checked_files(out) == ["docs/guide.markdown"]
    (repo / ".awesome-tools.yaml").write_text("files:\n  exclude: docs\n", encoding="utf-8")
    code, _, err = cli(capsys, "check", ".")
    assert code == 2 and "files.exclude" in err


def test_glob_patterns() -> None:
    assert glob_regex("**/*.md").fullmatch("a/b/c.md") and glob_regex("**/*.md").fullmatch("c.md")
    assert not glob_regex("*.md").fullmatch("a/c.md")
    assert glob_regex("vendor/").fullmatch("vendor/x/y.md")
    negated = glob_regex("[!a]?.md")
    assert negated.fullmatch("bc.md") and not negated.fullmatch("ac.md")


def test_collect_takes_a_single_string_as_one_argument(repo) -> None:
    found = collect("README.md")
    assert [item.name for item in found.items] == ["README.md"] and not found.problems


# --- fix --------------------------------------------------------------------------------------

def test_fix_reads_standard_input_and_writes_the_fixed_text(repo, monkeypatch) -> None:
    source = ("\ufeff" + FIXABLE.replace("\n", "\r\n")).encode("utf-8")
    done = subprocess.run([sys.executable, "-m", "awesome_tools", "fix", "-"], input=source,
                          capture_output=True, cwd=repo,
                          env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout == source.replace(b"images\\a.png", b"images/a.png")
    again = subprocess.run([sys.executable, "-m", "awesome_tools", "fix", "-"],
                           input=done.stdout, capture_output=True, cwd=repo, env=_env())
    assert again.stdout == done.stdout  # a second run changes nothing
    check = subprocess.run([sys.executable, "-m", "awesome_tools", "fix", "-", "--check",
                            "--stdin-name", "x.md"], input=source, capture_output=True,
                           cwd=repo, env=_env())
    assert check.returncode == 1 and check.stdout == b"x.md: would fix (backslash-path 1)\n"


def _env() -> dict:
    import os

    return dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))


def test_fix_a_directory_and_a_glob_with_a_bad_path(repo, capsys) -> None:
    (repo / "README.md").write_text(FIXABLE, encoding="utf-8")
    (repo / "docs" / "deep" / "clean.md").write_text(FIXABLE, encoding="utf-8")
    (repo / "scratch.md").write_text(FIXABLE, encoding="utf-8")
    code, out, err = cli(capsys, "fix", ".", "docs/**/*.md", "nope.md")
    assert code == 2 and err == "awesome-tools: error: nope.md: no such file\n"
    assert out.splitlines() == ["README.md: fixed (backslash-path 1)",
                                "docs/deep/clean.md: fixed (backslash-path 1)"]
    assert "images/a.png" in (repo / "README.md").read_text(encoding="utf-8")
    assert "images\\a.png" in (repo / "scratch.md").read_text(encoding="utf-8")  # ignored
    code, _, err = cli(capsys, "fix", "docs/logo.svg")
    assert code == 2 and "not a Markdown file" in err
    assert (repo / "docs" / "logo.svg").read_text(encoding="utf-8") == "<svg/>\n"


# --- toc and export ---------------------------------------------------------------------------

def test_toc_of_several_inputs(repo, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"# A\n\n## B\n")))
    code, out, err = cli(capsys, "toc", "-", "docs/deep", "missing.md")
    assert code == 2 and "missing.md: no such file" in err
    assert out.startswith("==> <stdin> <==\n- [B](#b)\n") and "==> docs/deep/clean.md <==" in out


def test_export_merges_lists_and_reports_a_bad_path(repo, capsys, monkeypatch) -> None:
    (repo / "README.md").write_text("# L\n\n## Papers\n\n- [Attention Is All You Need]"
                                    "(https://arxiv.org/abs/1706.03762) - NeurIPS 2017.\n",
                                    encoding="utf-8")
    (repo / "docs" / "deep" / "clean.md").write_text(
        "# L\n\n## Tools\n\n- [Tool](https://tool.example) - A tool.\n", encoding="utf-8")
    code, out, err = cli(capsys, "export", "README.md", "docs", "nope.md")
    assert code == 2 and err.count("\n") == 1
    assert [record["title"] for record in json.loads(out)] == ["Attention Is All You Need",
                                                               "Tool"]
    _, csv_out, _ = cli(capsys, "export", "*.md", "docs/**/*.md", "--format", "csv")
    assert csv_out.count("section,title") == 1 and len(csv_out.splitlines()) == 3
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        (repo / "README.md").read_bytes())))
    _, single, _ = cli(capsys, "export", "-")
    assert json.loads(single)[0]["title"] == "Attention Is All You Need"


# --- links ------------------------------------------------------------------------------------

@pytest.mark.usefixtures("no_internet")
def test_links_takes_directories_globs_stdin_and_survives_a_bad_path(repo, capsys,
                                                                     monkeypatch) -> None:
    with LinkServer("127.0.0.42") as site:
        site.routes.update({"/ok": ok(), "/dead": ok(404)})
        (repo / ".awesome-tools.yaml").write_text(
            "links:\n  min-interval: 0\n  retries: 1\n  backoff: 0.01\n", encoding="utf-8")
        (repo / "README.md").write_text(f"# L\n\n- [a]({site.url('/ok')}) - A.\n",
                                        encoding="utf-8")
        (repo / "docs" / "guide.markdown").write_text(
            f"# G\n\n- [d]({site.url('/dead')}) - D.\n", encoding="utf-8")
        code, out, err = cli(capsys, "links", ".", "nope.md", "--no-cache")
        assert code == 2 and err.splitlines() == ["awesome-tools: error: nope.md: no such file"]
        assert "docs/guide.markdown:3:3: dead-link" in out and "2 links checked" in out
        assert cli(capsys, "links", "*.md", "--no-cache")[0] == 0
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
            (repo / "docs" / "guide.markdown").read_bytes())))
        code, out, _ = cli(capsys, "links", "-", "--stdin-name", "pasted.md", "--no-cache")
        assert code == 1 and "pasted.md:3:3: dead-link" in out


# --- the click-free start-up path -------------------------------------------------------------

@pytest.mark.parametrize("args", [["."], ["docs/**/*"], ["README.md", "nope.md"], ["*.md", "."],
                                  ["docs/logo.svg"], ["docs"], ["nothing/*.md"]])
def test_the_light_path_reads_new_forms_as_click_does(repo, capsys, args) -> None:
    from awesome_tools.__main__ import check_arguments, run_light

    assert check_arguments(args) is not None
    light = run_light(["check", *args])
    light_out = capsys.readouterr()
    click = run(["check", *args])
    click_out = capsys.readouterr()
    assert (light, light_out.out, light_out.err) == (click, click_out.out, click_out.err)


@pytest.mark.parametrize("args", [["-"], ["--color", "never"], ["-q"], ["--quiet"],
                                  ["--statistics"], ["--stdin-name", "x.md"], ["--any-extension"],
                                  ["--explain", "broken-anchor"]])
def test_the_light_path_leaves_new_options_to_click(args) -> None:
    from awesome_tools.__main__ import check_arguments

    assert check_arguments(args) is None
