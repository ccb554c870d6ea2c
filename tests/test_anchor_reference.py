"""`broken-anchor` against independent references: a github-slugger script and markdownlint.

Why: anchors are only right if they are GitHub's, and our slugger and parser could share a
blind spot with our own unit tests. ``bench/reference/anchors.mjs`` computes the same
findings with a different parser (micromark/mdast) and github-slugger, whose fixtures were
rendered on GitHub; on every real list in the corpus the two must agree exactly. markdownlint's
own MD051 test files are a second witness, where its known departures from GitHub are listed
below one by one, each with the reason.

Skips when the corpus is absent, or when node or the reference's packages are missing
(``npm install --prefix bench/reference``).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest

from awesome_tools.cli import run

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "bench" / "reference"
SCRIPT = REFERENCE / "anchors.mjs"
REFERENCE_PACKAGES = ("github-slugger", "mdast-util-from-markdown", "mdast-util-gfm",
                      "micromark-extension-gfm")
CORPUS = ROOT.parent / "shared" / "corpus"
LISTS = sorted(p.name for p in (CORPUS / "lists").glob("*.md"))
MD051 = CORPUS / "reference" / "markdownlint-md051"
MD051_FILES = sorted(p.name for p in MD051.glob("*.md"))
_FRAGMENT = re.compile(r"^link fragment #(.*?) (?:differs|matches|lacks)")

Found = Set[Tuple[int, str]]

# Lists where our findings may differ from the reference's. None: GitHub's rules are the same
# in both, so any difference is a bug on one side. Add entries as {(line, fragment): why}.
CORPUS_DIFFERENCES: Dict[str, Dict[Tuple[int, str], str]] = {}

# Where GitHub (and so both our rule and the reference) departs from markdownlint's MD051
# expectations: line -> reason. "extra": we report, markdownlint does not; "missing": the reverse.
_IGNORE_CASE = "markdownlint's ignore_case option; GitHub anchors are case-sensitive"
_IGNORED_PATTERN = "markdownlint's ignored_pattern option (config we do not offer)"
_CUSTOM_ID = ("{#id} heading attributes are a markdownlint/Pandoc extension; GitHub keeps the "
              "braces' text in the heading and its anchor (line 260's link is the GitHub one)")
MD051_DIVERGENCES: Dict[str, Dict[str, Dict[int, str]]] = {
    "link-fragments-ignore-case.md": {"extra": {7: _IGNORE_CASE, 13: _IGNORE_CASE,
                                                19: _IGNORE_CASE}},
    "link-fragments-ignored-pattern-multiple.md": {"extra": {7: _IGNORED_PATTERN,
                                                             9: _IGNORED_PATTERN}},
    "link-fragments-ignored-pattern-present.md": {"extra": {7: _IGNORED_PATTERN}},
    "link-fragments.md": {
        "extra": {258: _CUSTOM_ID, 262: _CUSTOM_ID, 266: _CUSTOM_ID, 268: _CUSTOM_ID},
        "missing": {
            226: "<a id=myident name=myname>: the HTML spec makes an <a>'s name a fragment "
                 "target whatever its id; markdownlint only looks at id when both are present",
            339: "#ToP: the HTML spec scrolls to the top for any letter case of 'top'",
        },
    },
}


def _reference_ready() -> str:
    """Why the reference cannot run here, or ''."""
    if shutil.which("node") is None:
        return "node not found"
    missing = [p for p in REFERENCE_PACKAGES if not (REFERENCE / "node_modules" / p).is_dir()]
    if missing:
        return (f"reference packages missing ({', '.join(missing)}): "
                "npm install --prefix bench/reference")
    return ""


@pytest.fixture(scope="module")
def reference(corpus_dir: Path) -> Dict[str, Found]:
    """The reference's broken fragments for every corpus list and MD051 file, by file name."""
    why = _reference_ready()
    if why:
        pytest.skip(why)
    files = [corpus_dir / "lists" / n for n in LISTS] + [MD051 / n for n in MD051_FILES]
    done = subprocess.run(["node", str(SCRIPT), *map(str, files)], capture_output=True,
                          text=True, check=True, timeout=300)
    return {Path(path).name: {(b["line"], b["fragment"]) for b in result["broken"]}
            for path, result in json.loads(done.stdout).items()}


def ours(path: Path, capsys) -> Found:
    """Our broken-anchor findings as (line, fragment as written), via the real CLI."""
    capsys.readouterr()
    code = run(["check", str(path), "--select", "broken-anchor", "--format", "json"])
    out = capsys.readouterr().out
    assert code in (0, 1), f"exit {code} on {path.name}"
    found = set()
    for item in json.loads(out):
        assert item["rule"] == "broken-anchor"
        match = _FRAGMENT.match(item["message"])
        assert match, f"message names no fragment: {item['message']!r}"
        found.add((item["line"], match.group(1)))
    assert (code == 1) == bool(found)
    return found


def _explain(label: str, only: Found) -> List[str]:
    return [f"{label} line {line}: #{fragment}" for line, fragment in sorted(only)]


@pytest.mark.parametrize("name", LISTS)
def test_corpus_list_agrees_with_reference(name: str, corpus_dir: Path, reference, capsys):
    got = ours(corpus_dir / "lists" / name, capsys)
    allowed = CORPUS_DIFFERENCES.get(name, {})
    want = reference[name]
    unexplained = (got ^ want) - set(allowed)
    assert not unexplained, "\n".join(_explain("only ours:", got - want - set(allowed))
                                      + _explain("only reference:", want - got - set(allowed)))


def test_case_only_mismatches_all_found(corpus_dir: Path, capsys):
    """39 TOC fragments keep upper case there; markdownlint finds only 19 of them."""
    capsys.readouterr()
    run(["check", str(corpus_dir / "lists" / "WangRongsheng__awesome-LLM-resourses.md"),
         "--select", "broken-anchor", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert len(findings) == 39
    assert all("letter case" in f["message"] for f in findings)


def _md051_expected(name: str) -> Set[int]:
    data = json.loads((MD051 / "md051-expected-errors.json").read_text(encoding="utf-8"))
    return {error["line"] for error in data[name]}


def _check_md051(name: str, lines: Set[int]) -> None:
    divergence = MD051_DIVERGENCES.get(name, {})
    extra, missing = divergence.get("extra", {}), divergence.get("missing", {})
    want = (_md051_expected(name) | set(extra)) - set(missing)
    assert sorted(lines) == sorted(want), (
        f"unexplained extra {sorted(lines - want)}, unexplained missing {sorted(want - lines)}")


@pytest.mark.parametrize("name", MD051_FILES)
def test_markdownlint_md051_files(name: str, corpus_dir: Path, capsys):
    found = ours(MD051 / name, capsys)
    _check_md051(name, {line for line, _ in found})
    assert len(found) == len({line for line, _ in found}), "one finding per line here"


@pytest.mark.parametrize("name", MD051_FILES)
def test_reference_on_md051_files(name: str, reference):
    """The reference itself departs from markdownlint exactly where GitHub does."""
    _check_md051(name, {line for line, _ in reference[name]})


def test_md051_divergences_name_real_lines(corpus_dir: Path):
    """Every listed divergence points at a line with an in-page link, so none is stale."""
    for name, kinds in MD051_DIVERGENCES.items():
        lines = (MD051 / name).read_text(encoding="utf-8").splitlines()
        for kind, entries in kinds.items():
            for line in entries:
                assert "](#" in lines[line - 1], (name, kind, line)
