"""Every real list of the corpus: no crash, exit 0/1, fix idempotent, correct TOCs untouched.

The corpus lives beside the repository (../shared/corpus) and is never copied in; these
tests skip when it is absent. Each list is copied into a temporary directory so `fix` can
write to it.
"""
from __future__ import annotations

import json
import shutil

import pytest

from awesome_tools.cli import run
from conftest import CORPUS

LISTS = sorted(p.name for p in (CORPUS / "lists").glob("*.md")) if CORPUS.is_dir() else []

# Lists whose table of contents has real defects, with what is wrong (checked by hand):
TOC_DEFECTS = {
    "jaywcjlove__awesome-mac.md": "'Terminal Apps' (an H2) is nested under 'Developer Tools'; "
                                  "'#markdown-tools' misses the '-' the heading's badge leaves",
    "josephmisiti__awesome-machine-learning.md": "5 broken fragments and headings added "
                                                 "after MarkdownTOC last ran",
    "WangRongsheng__awesome-LLM-resourses.md": "39 fragments differ from the anchors in case",
    "ChristosChristofidis__awesome-deep-learning.md": "'#Conferences' differs in case",
}
# Lists `fix` changes for reasons other than the TOC (rules with safe fixes):
OTHER_FIXES = {
    "zh-plus__Awesome-VLP-and-Efficient-Transformer.md": "16 backslash image paths and 8 "
                                                         "dead math-render formulas",
}


@pytest.fixture
def copy(tmp_path, corpus_dir):
    def make(name):
        target = tmp_path / name
        shutil.copyfile(corpus_dir / "lists" / name, target)
        return target
    return make


@pytest.mark.parametrize("name", LISTS)
def test_check_never_crashes(name, copy, capsys):
    path = copy(name)
    code = run(["check", str(path), "--format", "json"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    findings = json.loads(out)
    assert all({"path", "line", "column", "rule", "severity", "message", "related"} <= set(f)
               for f in findings)


@pytest.mark.parametrize("name", LISTS)
def test_fix_is_idempotent_and_leaves_correct_tocs_alone(name, copy, capsys):
    path = copy(name)
    original = path.read_bytes()
    code = run(["fix", "--check", str(path)])
    capsys.readouterr()
    expected_change = name in TOC_DEFECTS or name in OTHER_FIXES
    assert code == (1 if expected_change else 0), (
        f"{name}: fix --check exit {code}; a list with a correct TOC must be left alone")
    assert run(["fix", str(path)]) == 0
    once = path.read_bytes()
    assert (once != original) == expected_change
    assert run(["fix", "--check", str(path)]) == 0
    assert path.read_bytes() == once
    capsys.readouterr()


@pytest.mark.parametrize("name", [n for n in LISTS if n not in TOC_DEFECTS])
def test_no_toc_or_anchor_finding_on_lists_with_a_correct_toc(name, copy, capsys):
    path = copy(name)
    run(["check", str(path), "--format", "json", "--select",
         "toc-missing,toc-extra,toc-order,toc-level,toc-anchor,broken-anchor"])
    findings = json.loads(capsys.readouterr().out)
    assert findings == []
