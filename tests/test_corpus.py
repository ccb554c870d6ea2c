"""Every real list of the corpus: no crash, exit 0/1, one fix safe and final, correct TOCs
untouched.

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
ALL_LISTS = sorted(str(p.relative_to(CORPUS)) for folder in ("lists", "lists2")
                   for p in (CORPUS / folder).glob("*.md")) if CORPUS.is_dir() else []

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


@pytest.mark.parametrize("name", [n for n in LISTS if n not in TOC_DEFECTS])
def test_no_toc_or_anchor_finding_on_lists_with_a_correct_toc(name, copy, capsys):
    path = copy(name)
    run(["check", str(path), "--format", "json", "--select",
         "toc-missing,toc-extra,toc-order,toc-level,toc-anchor,broken-anchor"])
    findings = json.loads(capsys.readouterr().out)
    assert findings == []


@pytest.mark.parametrize("name", ALL_LISTS)
def test_one_fix_is_safe_complete_and_final(name, corpus_dir, tmp_path):
    """Issue 10 on every real list: the guard passes (no TOC entry changes parent, nothing
    new is reported), nothing fixable is left, and a second fix changes nothing."""
    from awesome_tools.config import Config
    from awesome_tools.fixes.guard import problems
    from awesome_tools.fixes.pipeline import fix_text, fixable_rules
    from awesome_tools.model.parse import parse
    from awesome_tools.rules import RuleContext
    from awesome_tools.runner import check_document

    source = corpus_dir / name
    text = source.read_bytes().decode("utf-8-sig")
    ctx = RuleContext(tmp_path / "README.md", Config(), tmp_path, local_files=False)
    rules = fixable_rules(Config(), (), ())
    fixed, _ = fix_text(text, ctx, rules, name)
    if name.startswith("lists/"):  # which lists change is known for these (see above)
        list_name = name.split("/", 1)[1]
        assert (fixed != text) == (list_name in TOC_DEFECTS or list_name in OTHER_FIXES), \
            f"{name}: a list with a correct TOC must be left alone"
    # A list the fix leaves alone is not guarded (`guarded` returns at once, as `fix` never
    # writes it) and fixing it again repeats the first call: both checks are for changes.
    changed = fixed != text
    assert not changed or problems(text, fixed, ctx, rules, name) is None
    left = [f for f in check_document(parse(fixed, name), ctx, rules).findings if f.fix]
    assert left == []
    assert not changed or fix_text(fixed, ctx, rules, name)[0] == fixed
