"""The check command end to end on real files: the seed's real defects and nothing else."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from awesome_tools.cli import run

FIXTURES = Path(__file__).parent / "fixtures"


def _check(capsys, *args):
    code = run(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_seed_reports_exactly_its_real_defects(seed_file, capsys):
    code, out, _ = _check(capsys, str(seed_file), "--format", "json")
    findings = json.loads(out)
    assert code == 1
    assert Counter(f["rule"] for f in findings) == {
        "duplicate-entry": 5, "missing-file": 14, "backslash-path": 9,
        "dead-math-render": 8,  # formulas from the discontinued render service (list issue)
        "venue-mismatch": 4}  # ICCV 2020 tag on a CVPR 2020 paper, and 3 arXiv-month notes
    venue = [(f["line"], f["severity"]) for f in findings if f["rule"] == "venue-mismatch"]
    assert [v for v in venue if v[1] == "error"] == [(249, "error")]
    assert {v[1] for v in venue} == {"error", "note"}
    assert not [f for f in findings if f["rule"].startswith("toc") or f["rule"] == "broken-anchor"]
    duplicates = [(f["line"], f["related"]["line"]) for f in findings
                  if f["rule"] == "duplicate-entry"]
    assert duplicates == [(299, 283), (526, 283), (530, 287), (534, 291), (538, 295)]


def test_seed_with_images_present_reports_only_backslashes_and_duplicates(seed_file, capsys):
    images = seed_file.parent / "images"
    images.mkdir()
    for name in ["ViLBERT", "ViLBERT_pretrain", "LXMERT", "LXMERT_pretrain",
                 "LXMERT_image_feature", "LXMERT_text_feature", "VisualBERT", "VLBert",
                 "Unicoder-VL", "Linformer", "Reformer", "Longformer", "MemoryCompressed"]:
        (images / f"{name}.png").write_bytes(b"png")
    (images / "imagetransformer.png").write_bytes(b"png")  # wrong case on purpose
    code, out, _ = _check(capsys, str(seed_file), "--format", "json")
    findings = json.loads(out)
    missing = [f for f in findings if f["rule"] == "missing-file"]
    assert len(missing) == 1 and "letter case" in missing[0]["message"]
    assert missing[0]["line"] == 475


def test_text_output_is_sorted_path_line_col_rule(seed_file, capsys):
    code, out, _ = _check(capsys, str(seed_file), "--select", "backslash-path")
    lines = out.splitlines()
    assert lines[0].startswith(f"{seed_file}:81:6: backslash-path ")
    assert lines[-1].startswith("9 problems")
    assert code == 1


def test_broken_anchor_suggests_and_reports_case(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text("# Tools\n\n## Data Sets\n\n[x](#data-set) [y](#Tools) [z](#tools)\n")
    code, out, _ = _check(capsys, str(path), "--format", "json")
    findings = {f["column"]: f for f in json.loads(out)}
    assert code == 1 and set(findings) == {1, 16}
    assert "did you mean #data-sets?" in findings[1]["message"]
    assert "letter case" in findings[16]["message"]


def test_clean_file_exits_zero(tmp_path, capsys):
    path = tmp_path / "ok.md"
    path.write_text("# A\n\n- [A](#a)\n")
    code, out, _ = _check(capsys, str(path))
    assert code == 0 and "No problems" in out


@pytest.mark.parametrize("make, message", [
    (lambda p: p, "no such file"),
    (lambda p: (p.mkdir(), p)[1], "is a directory"),
    (lambda p: (p.write_bytes(b"\x00\x01binary"), p)[1], "binary"),
    (lambda p: (p.write_bytes(b"caf\xe9\n"), p)[1], "not valid UTF-8"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, make, message):
    path = make(tmp_path / "x.md")
    code, out, err = _check(capsys, str(path))
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_unknown_rule_is_usage_error(seed_file, capsys):
    code, _, err = _check(capsys, str(seed_file), "--select", "broken-anchr")
    assert code == 2 and "did you mean broken-anchor" in err


def test_inline_directives(tmp_path, capsys):
    path = tmp_path / "d.md"
    path.write_text("# A\n\n<!-- awesome-tools-disable-next-line broken-anchor -->\n[x](#nope)\n\n"
                    "<!-- awesome-tools-disable broken-anchor -->\n[y](#nope)\n"
                    "<!-- awesome-tools-enable broken-anchor -->\n\n[z](#nope)\n")
    code, out, _ = _check(capsys, str(path), "--format", "json")
    assert [f["line"] for f in json.loads(out)] == [10]


def test_python_dash_m_runs_the_same_cli(seed_file):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "awesome_tools", "check", str(seed_file),
                             "--select", "duplicate-entry"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.count("duplicate-entry") == 5
