"""The hand labels of ``tests/labels/`` follow their format (tests/labels/README.md).

Why: the labels are the evidence rule changes are measured against (bench/precision_bench.py),
so a typo in a verdict, a rule renamed under them or a corpus file that changed since it was
labelled must fail loudly instead of silently skewing precision. The format checks need no
corpus; the checks against the list itself skip when ``../shared/corpus`` is absent.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from awesome_tools.rules import all_rules
from conftest import label_data

LABELS = Path(__file__).resolve().parent / "labels"
FILES = sorted(LABELS.glob("*.yaml"))
VERDICTS = {"true", "false", "debatable"}
DUPLICATE_KINDS = {"same-section", "cross-listing", "different-items", "not-an-entry",
                   "same-resource-elsewhere"}
SOURCES = {"corpus-readme", "reading"}
UNLABELLED_RULES = {"missing-file"}  # cannot be judged on lone README files


def _load(path: Path) -> dict:
    data = label_data(path)
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _verdict(value) -> str:
    """Unquoted true/false are YAML booleans; both spellings are allowed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def test_there_are_labels():
    assert FILES, "tests/labels/ holds no label file"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_label_file_format(path: Path):
    data = _load(path)
    name = path.name
    for key in ("list", "sha256", "entries", "findings", "known"):
        assert key in data, f"{name}: missing key {key!r}"
    directory, _, filename = str(data["list"]).partition("/")
    assert directory in {"lists", "lists2"} and filename == f"{path.stem}.md", \
        f"{name}: list {data['list']!r} should be lists/ or lists2/{path.stem}.md"
    sha = str(data["sha256"])
    assert len(sha) == 64 and all(c in "0123456789abcdef" for c in sha), f"{name}: bad sha256"

    entries = data["entries"]
    assert isinstance(entries, dict), f"{name}: entries must be a mapping"
    count = entries.get("count")
    assert isinstance(count, int) and not isinstance(count, bool) and count >= 0, \
        f"{name}: entries.count must be an integer >= 0"
    assert str(entries.get("method") or "").strip(), f"{name}: entries.method is empty"

    rules = all_rules()
    findings = data["findings"] or []
    assert isinstance(findings, list), f"{name}: findings must be a list"
    seen = set()
    for i, f in enumerate(findings):
        where = f"{name}: findings[{i}]"
        for key in ("rule", "line", "column", "verdict", "reason"):
            assert key in f, f"{where}: missing {key!r}"
        assert f["rule"] in rules, f"{where}: unknown rule {f['rule']!r}"
        assert f["rule"] not in UNLABELLED_RULES, f"{where}: {f['rule']} is not labelled"
        assert _positive_int(f["line"]) and _positive_int(f["column"]), \
            f"{where}: line and column are 1-based integers"
        assert _verdict(f["verdict"]) in VERDICTS, f"{where}: verdict {f['verdict']!r}"
        assert str(f["reason"]).strip(), f"{where}: empty reason"
        if f["rule"] == "duplicate-entry":
            assert f.get("kind") in DUPLICATE_KINDS, \
                f"{where}: duplicate-entry needs kind in {sorted(DUPLICATE_KINDS)}"
        key = (f["rule"], f["line"], f["column"])
        assert key not in seen, f"{where}: {key} labelled twice"
        seen.add(key)

    known = data["known"] or []
    assert isinstance(known, list), f"{name}: known must be a list"
    for i, k in enumerate(known):
        where = f"{name}: known[{i}]"
        for key in ("rule", "line", "what", "source"):
            assert key in k, f"{where}: missing {key!r}"
        assert k["rule"] is None or k["rule"] in rules, f"{where}: unknown rule {k['rule']!r}"
        assert _positive_int(k["line"]), f"{where}: line is a 1-based integer"
        assert str(k["what"]).strip(), f"{where}: empty what"
        assert k["source"] in SOURCES, f"{where}: source must be one of {sorted(SOURCES)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_label_file_matches_corpus(path: Path, corpus_dir: Path):
    """The labelled list is the very file in the corpus, and every line named exists in it."""
    data = _load(path)
    listed = corpus_dir / str(data["list"])
    assert listed.is_file(), f"{path.name}: {listed} not in the corpus"
    raw = listed.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == data["sha256"], \
        f"{path.name}: sha256 differs from {listed}: relabel or fix the hash"
    lines = raw.count(b"\n") + 1
    for group in ("findings", "known"):
        for item in data[group] or []:
            assert 1 <= item["line"] <= lines, \
                f"{path.name}: {group} line {item['line']} beyond the list's {lines} lines"
