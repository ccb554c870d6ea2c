"""Bounded mutation fuzz of check and fix in CI (issue 12): no traceback, no hang, fix
idempotent and confined to its edits. The engine, and what each case demands, is in
tests/fuzzing.py; ``bench/fuzz_bench.py`` runs it for longer, with fresh seeds.

The seed is fixed so a failure here is reproduced exactly (the failing text is written to
pytest's temporary directory and named in the message). Each case runs in a worker process
with a budget of ``BUDGET`` seconds, so a hang fails the test instead of blocking CI; the
budget is a bound, not a measurement.
"""
from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

import fuzzing
from awesome_tools.config import Config
from awesome_tools.fixes.pipeline import fix_text, fixable_rules
from awesome_tools.rules import RuleContext

SEED = 20261201
BUDGET = 60.0
SEED_CASES = 12
CORPUS_CASES = 80
CORPUS_WINDOW = 16_000  # characters of a corpus list per case (a whole list is the bench's)


def _run(cases: List[fuzzing.Case], tmp_path: Path) -> None:
    runner = fuzzing.Runner(BUDGET)
    failures = []
    try:
        for case in cases:
            outcome = runner.run(case)
            if not outcome.ok:
                saved = fuzzing.reproduce(outcome, tmp_path / "fuzz")
                failures.append(f"{fuzzing.describe(outcome)}\n  text: {saved}")
    finally:
        runner.close()
    assert not failures, "\n".join(failures)


def test_fuzz_the_seed_list(tmp_path):
    _run(list(fuzzing.cases(SEED, ["seed"], SEED_CASES)), tmp_path)


def test_fuzz_windows_of_corpus_lists(corpus_dir, tmp_path):
    bases = sorted(str(path) for folder in ("lists", "lists2")
                   for path in (corpus_dir / folder).glob("*.md"))
    if not bases:
        pytest.skip("no corpus lists")
    _run(list(fuzzing.cases(SEED, bases, CORPUS_CASES, window=CORPUS_WINDOW)), tmp_path)


def test_the_mutator_is_reproducible():
    case = fuzzing.Case(3, SEED, "seed")
    assert fuzzing.build(case) == fuzzing.build(case)
    assert fuzzing.build(case) != fuzzing.build(fuzzing.Case(4, SEED, "seed"))


@pytest.mark.parametrize("heading", ["UNITER: Learni]ng Universal [ECCV 2020]",
                                     "VisualBERT[31m: A Simple Baseline [ACL 2020]",
                                     "a ] b [ c", "code `[` stays", "escaped \\[ stays"])
def test_a_toc_entry_for_a_heading_with_loose_brackets_is_written_once(tmp_path, heading):
    """Found by the fuzzer: the TOC line for such a heading was no link, so every run of
    `fix` added it again."""
    _written_once(tmp_path, f"# T\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n\n"
                            f"## {heading}\n")


@pytest.mark.parametrize("heading", ["* [Tulip][449] - Library", "[Tulip][] here",
                                     "[Tulip] shortcut", "![logo][449] Name"])
def test_a_toc_entry_for_a_heading_with_a_reference_link_is_written_once(tmp_path, heading):
    """Found by the fuzzer (bench, seed 424242): a reference link left in the entry's text
    made the TOC line no link."""
    _written_once(tmp_path, f"# T\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n\n"
                            f"## {heading}\n\n[449]: https://x.example\n[tulip]: https://y.example\n")


def _written_once(tmp_path: Path, text: str) -> None:
    (tmp_path / ".git").mkdir()
    ctx = RuleContext(tmp_path / "README.md", Config(), tmp_path)
    rules = fixable_rules(Config(), (), ())
    fixed, applied = fix_text(text, ctx, rules)
    assert applied["toc-missing"] == 1
    assert fix_text(fixed, ctx, rules)[0] == fixed
