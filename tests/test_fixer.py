"""`awesome-tools fix` on real files: only what it means to change, nothing else, ever."""
from __future__ import annotations

import os
import stat

import pytest

from awesome_tools.cli import run

SEED_TOC_END = 70


def _fix(capsys, *args):
    code = run(["fix", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_seed_fix_changes_only_the_nine_backslash_paths(seed_file, seed_text, capsys):
    """The seed's TOC is right, so it is not touched (dead-math-render, from the list issue,
    has its own test)."""
    code, out, _ = _fix(capsys, str(seed_file), "--ignore", "dead-math-render")
    assert code == 0 and out.strip().endswith("(backslash-path 9)")
    fixed = seed_file.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(seed_text.splitlines(), fixed.splitlines()) if a != b]
    assert len(changed) == 9
    assert all(a.replace("images\\", "images/") == b for a, b in changed)
    assert len(fixed) == len(seed_text)


def test_second_run_changes_nothing(seed_file, capsys):
    _fix(capsys, str(seed_file))
    before = seed_file.read_bytes()
    code, out, _ = _fix(capsys, str(seed_file), "--check")
    assert code == 0 and out == "" and seed_file.read_bytes() == before


def test_removed_survey_section(seed_file, seed_text, capsys):
    """The issue's scenario: delete lines 279-306, fix, and check finds no anchor/TOC issue."""
    lines = seed_text.splitlines(True)
    edited = "".join(lines[:278] + lines[306:])
    seed_file.write_text(edited, encoding="utf-8")
    code, out, _ = _fix(capsys, str(seed_file))
    assert code == 0
    fixed = seed_file.read_text(encoding="utf-8").splitlines(True)
    old_toc = edited.splitlines(True)[:SEED_TOC_END]
    expected_toc = old_toc[:27] + old_toc[34:]
    expected_toc[63 - 7] = "  - [Survey](#survey)\n"
    assert old_toc[63] == "  - [Survey](#survey-1)\n"
    assert fixed[:SEED_TOC_END - 7] == expected_toc
    code = run(["check", str(seed_file), "--format", "json", "--select",
                "broken-anchor,toc-missing,toc-extra,toc-order,toc-level,toc-anchor"])
    assert code == 0
    capsys.readouterr()


def test_check_and_diff_write_nothing(seed_file, seed_text, capsys):
    code, out, _ = _fix(capsys, str(seed_file), "--check")
    assert code == 1 and "would fix" in out
    code, out, _ = _fix(capsys, str(seed_file), "--diff")
    assert code == 0 and out.startswith("--- a/") and "+     <img src=\"images/ViLBERT.png\"" in out
    assert seed_file.read_text(encoding="utf-8") == seed_text


def test_keeps_crlf_bom_missing_final_newline_and_mode(tmp_path, capsys):
    path = tmp_path / "list.md"
    text = ("\ufeff# T\r\n\r\n- [A](#a)\r\n- [B](#b)\r\n\r\n## A\r\n\r\n## B\r\n\r\n## C\r\n\r\n"
            "![x](img\\a.png)")
    path.write_bytes(text.encode("utf-8"))
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"")
    os.chmod(path, 0o640)
    code, out, _ = _fix(capsys, str(path))
    assert code == 0
    data = path.read_bytes().decode("utf-8")
    assert data == ("\ufeff# T\r\n\r\n- [A](#a)\r\n- [B](#b)\r\n- [C](#c)\r\n\r\n"
                    "## A\r\n\r\n## B\r\n\r\n## C\r\n\r\n![x](img/a.png)")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_canonical_urls_only_when_asked(tmp_path, capsys):
    path = tmp_path / "p.md"
    path.write_text("- [P](https://arxiv.org/pdf/2004.06165v2.pdf) x\n"
                    "- [Q](https://128.84.4.15/pdf/2102.00529.pdf) y\n")
    _fix(capsys, str(path))
    assert "pdf/2004" in path.read_text()
    _fix(capsys, str(path), "--canonical-urls")
    assert path.read_text() == ("- [P](https://arxiv.org/abs/2004.06165) x\n"
                                "- [Q](https://arxiv.org/abs/2102.00529) y\n")


def test_anchor_repair_only_when_one_heading_is_meant(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text("# Data Sets\n\n## Tools A\n\n## Tools B\n\n"
                    "[a](#Data-Sets) [b](#data-set) [c](#tools-c)\n")
    _fix(capsys, str(path))
    assert path.read_text().endswith("[a](#data-sets) [b](#data-sets) [c](#tools-c)\n")


def test_undecodable_file_is_left_untouched(tmp_path, capsys):
    path = tmp_path / "bad.md"
    path.write_bytes(b"# caf\xe9\n")
    code, _, err = _fix(capsys, str(path))
    assert code == 2 and "UTF-8" in err and path.read_bytes() == b"# caf\xe9\n"


def test_toc_command_prints_the_fixed_toc(seed_file, seed_text, capsys):
    lines = seed_text.splitlines(True)
    seed_file.write_text("".join(lines[:278] + lines[306:]), encoding="utf-8")
    code = run(["toc", str(seed_file)])
    out = capsys.readouterr().out
    assert code == 0
    assert "  - [Survey](#survey)\n" in out and "survey-1" not in out
    assert out.count("\n") == 62 and out.endswith(")\n")


def test_empty_marker_block_gets_a_whole_nested_toc(tmp_path, capsys):
    path = tmp_path / "t.md"
    path.write_text("# T\n\n<!-- toc -->\n\n<!-- tocstop -->\n\n## A\n\n### A1\n\n## B\n")
    assert _fix(capsys, str(path))[0] == 0
    assert path.read_text() == ("# T\n\n<!-- toc -->\n\n- [A](#a)\n  - [A1](#a1)\n- [B](#b)\n\n"
                                "<!-- tocstop -->\n\n## A\n\n### A1\n\n## B\n")
    assert _fix(capsys, str(path), "--check")[0] == 0


def test_a_file_changed_on_disk_meanwhile_is_left_alone(tmp_path):
    from awesome_tools.errors import InputError
    from awesome_tools.textio import read_source, write_atomic

    path = tmp_path / "r.md"
    path.write_text("# A\n")
    source = read_source(path)
    path.write_text("# A\n\nedited by someone else\n")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomic(source, "# B\n")
    assert path.read_text() == "# A\n\nedited by someone else\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
