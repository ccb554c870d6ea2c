"""Precision of `awesome-tools check` against hand labels of real lists (issue 10, issue 11).

Why this exists: a maintainer keeps a linter only while it is right about their list. Every
finding the toolkit reports on the corpus lists is labelled by hand in ``tests/labels/`` (true,
false or debatable, with a reason), together with the real defects each list is known to have.
This script runs the toolkit exactly as a user would and scores it against those labels, so a
rule change shows up as a change in precision (false alarms) and in known defects found
(misses), list by list. It also compares the number of entries the model sees (``export``)
with the hand count of each list (issue 11).

Usage::

    python bench/precision_bench.py [--unlabelled] [--list SUBSTRING] [--rule NAME]

The corpus is read in place and never written: ``../shared/corpus/lists`` and ``lists2``
beside the repository. A list with companion files (``_companions/<stem>/``) is checked through
a temporary directory of symbolic links, so that its links into those files resolve as they do
in its repository. ``missing-file`` is ignored: the corpus holds lone README files without
their repository trees, so that rule cannot be judged here.

Standard library plus ruamel.yaml; no network. Always exits 0 once it has run (a low number
is a result, not an error); exits 2 when the corpus is absent.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LIST_DIRS = ("lists", "lists2")
LABELS = ROOT / "tests" / "labels"
IGNORED_RULES = ("missing-file",)
# Labels scored by bench/awesome_bench.py (the awesome profile, issue 14): these rules find
# nothing here, where no profile is on, so their labels are not counted as "gone".
PROFILE_SCORED = ("awesome-heading", "awesome-badge", "awesome-description", "awesome-contents",
                  "no-ci-badge", "entry-format", "description-style", "description-repeats-name",
                  "product-spelling", "balanced-punctuation")
VERDICTS = ("true", "false", "debatable")

LEGEND = """\
Legend: findings = reported by `check` (missing-file ignored: the corpus has no repository
trees); true/false/debatable = labelled findings by verdict; unlab = findings no label matches;
precision = true / (true + false + debatable), debatable counting as false. A duplicate-entry
labelled `kind: cross-listing` counts as true only when reported at severity note; at error or
warning it counts as false. known = real defects of the lists (`known` in tests/labels/*.yaml)
that a finding of the named rule reports on the named line, found / all; gone t/f = labels whose
finding is no longer reported (t: true findings lost, f: false or debatable ones gone).
"(no rule)" counts known defects that no rule of ours covers (rule: null), never found."""


# ---------------------------------------------------------------------------- data


@dataclass
class Label:
    """One hand-labelled finding; ``score`` is its verdict as the bench counts it."""

    rule: str
    line: int
    column: int
    verdict: str
    kind: Optional[str] = None
    reason: str = ""


@dataclass
class Known:
    """A real defect of a list, and the rule that should report it (None: no rule covers it)."""

    rule: Optional[str]
    line: int
    what: str
    source: str = ""


@dataclass
class ListLabels:
    """Everything ``tests/labels/<stem>.yaml`` says about one list."""

    sha256: Optional[str] = None
    entries: Optional[int] = None
    findings: List[Label] = field(default_factory=list)
    known: List[Known] = field(default_factory=list)


@dataclass
class Result:
    """One list checked and scored."""

    name: str  # lists/<stem>.md
    findings: List[dict]
    scored: List[Tuple[dict, Optional[Label], Optional[str]]]  # finding, label, score
    gone: List[Label]  # labels no finding matched any more
    known: List[Tuple[Known, bool]]  # defect, found
    entries_labelled: Optional[int]
    entries_modelled: Optional[int]
    labelled: bool
    sha_ok: Optional[bool]
    errors: List[str]


# ---------------------------------------------------------------------------- inputs


def corpus_lists(substring: Optional[str]) -> List[Path]:
    """Every main list file of the corpus (not the companions), filtered by ``--list``."""
    paths = []
    for directory in LIST_DIRS:
        paths += sorted((CORPUS / directory).glob("*.md"))
    if substring:
        paths = [p for p in paths if substring.lower() in p.name.lower()]
    return paths


def _verdict(value) -> str:
    """YAML reads an unquoted ``true``/``false`` as a boolean; labels may write either."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def load_labels(stem: str) -> Optional[ListLabels]:
    """The labels of one list, or None when nobody has labelled it yet."""
    path = LABELS / f"{stem}.yaml"
    if not path.exists():
        return None
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("entries") or {}
    return ListLabels(
        sha256=data.get("sha256"),
        entries=entries.get("count") if isinstance(entries, dict) else None,
        findings=[Label(f["rule"], int(f["line"]), int(f.get("column") or 0),
                        _verdict(f.get("verdict")), f.get("kind"), f.get("reason", ""))
                  for f in data.get("findings") or []],
        known=[Known(k.get("rule"), int(k["line"]), k.get("what", ""), k.get("source", ""))
               for k in data.get("known") or []],
    )


# ---------------------------------------------------------------------------- running


def _staged(path: Path, scratch: Path) -> Path:
    """The path to check: the list itself, or a link to it beside links to its companions.

    Companion files (``_companions/<stem>/*.md``) are files of the list's repository that its
    links point into; placed beside the list they resolve as on GitHub. Links keep the corpus
    read-only and the checked file byte-identical."""
    companions = path.parent / "_companions" / path.stem
    if not companions.is_dir():
        return path
    (scratch / path.name).symlink_to(path)
    for companion in companions.iterdir():
        (scratch / companion.name).symlink_to(companion)
    return scratch / path.name


def _run_json(argv: Sequence[str]) -> Tuple[Optional[list], Optional[str]]:
    """Run one toolkit command; its JSON output, or why there is none."""
    proc = subprocess.run(list(argv), capture_output=True, text=True, cwd=str(ROOT))
    try:
        return json.loads(proc.stdout), None
    except ValueError:
        return None, (f"`{' '.join(argv[2:4])}` exited {proc.returncode}: "
                      f"{proc.stderr.strip()[:300]}")


def run_toolkit(path: Path) -> Tuple[List[dict], Optional[int], List[str]]:
    """Findings of ``check`` and the number of ``export`` records, as a user would get them."""
    errors: List[str] = []
    with tempfile.TemporaryDirectory(prefix="precision-bench-") as scratch:
        target = _staged(path, Path(scratch))
        findings, error = _run_json([sys.executable, "-m", "awesome_tools", "check",
                                     "--format", "json", "--ignore", ",".join(IGNORED_RULES),
                                     str(target)])
        records, error2 = _run_json([sys.executable, "-m", "awesome_tools", "export",
                                     "--format", "json", str(target)])
    errors += [e for e in (error, error2) if e]
    findings = [f for f in findings or [] if f.get("rule") not in IGNORED_RULES]
    return findings, (len(records) if records is not None else None), errors


# ---------------------------------------------------------------------------- matching


def match(findings: List[dict], labels: List[Label]) -> Tuple[List[Optional[Label]], List[Label]]:
    """The label of each finding (or None), and the labels left over.

    First by (rule, line, column); then, for what is left, when exactly one finding and one
    label share (rule, line) they match even though the column moved (format file, Matching)."""
    by_key: Dict[tuple, List[Label]] = defaultdict(list)
    for label in labels:
        by_key[(label.rule, label.line, label.column)].append(label)
    matched: List[Optional[Label]] = []
    for f in findings:
        bucket = by_key.get((f["rule"], f["line"], f["column"]))
        matched.append(bucket.pop(0) if bucket else None)
    left = [label for bucket in by_key.values() for label in bucket]

    open_findings: Dict[tuple, List[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if matched[i] is None:
            open_findings[(f["rule"], f["line"])].append(i)
    open_labels: Dict[tuple, List[Label]] = defaultdict(list)
    for label in left:
        open_labels[(label.rule, label.line)].append(label)
    for key, indexes in open_findings.items():
        candidates = open_labels.get(key, [])
        if len(indexes) == 1 and len(candidates) == 1:
            matched[indexes[0]] = candidates.pop()
    gone = [label for bucket in open_labels.values() for label in bucket]
    return matched, gone


def score(finding: dict, label: Optional[Label]) -> Optional[str]:
    """How the bench counts a labelled finding: true, false or debatable (None: unlabelled).

    A deliberate cross-listing is right only as a note (issue 10), so at error or warning the
    same label counts against the rule."""
    if label is None:
        return None
    if finding["rule"] == "duplicate-entry" and label.kind == "cross-listing":
        return "true" if finding.get("severity") == "note" else "false"
    return label.verdict if label.verdict in VERDICTS else "debatable"


def evaluate(path: Path) -> Result:
    """Check one list and score its findings, known defects and entry count."""
    name = f"{path.parent.name}/{path.name}"
    findings, modelled, errors = run_toolkit(path)
    labels = load_labels(path.stem)
    if labels is None:
        return Result(name, findings, [(f, None, None) for f in findings], [], [], None,
                      modelled, False, None, errors)
    matched, gone = match(findings, [label for label in labels.findings
                                     if label.rule not in PROFILE_SCORED])
    scored = [(f, label, score(f, label)) for f, label in zip(findings, matched)]
    lines_by_rule = {(f["rule"], f["line"]) for f in findings}
    known = [(k, k.rule is not None and (k.rule, k.line) in lines_by_rule)
             for k in labels.known if k.rule not in IGNORED_RULES]
    sha_ok = (hashlib.sha256(path.read_bytes()).hexdigest() == labels.sha256
              if labels.sha256 else None)
    return Result(name, findings, scored, gone, known, labels.entries, modelled, True, sha_ok,
                  errors)


# ---------------------------------------------------------------------------- report


def _precision(true: int, labelled: int) -> str:
    return f"{true / labelled:.3f}" if labelled else "-"


def _keep(rule_filter: Optional[str], rule: Optional[str]) -> bool:
    return rule_filter is None or rule == rule_filter


def per_rule_table(results: List[Result], rule_filter: Optional[str]) -> List[str]:
    """One row per rule: counts by verdict, precision, known defects found, labels gone."""
    counts: Dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for f, _label, verdict in r.scored:
            if _keep(rule_filter, f["rule"]):
                counts[f["rule"]]["findings"] += 1
                counts[f["rule"]][verdict or "unlabelled"] += 1
        for k, found in r.known:
            if _keep(rule_filter, k.rule):
                key = k.rule or "(no rule)"
                counts[key]["known"] += 1
                counts[key]["known found"] += found
        for label in r.gone:
            if _keep(rule_filter, label.rule):
                counts[label.rule]["gone " + label.verdict] += 1
    header = (f"{'rule':<18} {'findings':>8} {'true':>5} {'false':>5} {'debat':>5} "
              f"{'unlab':>5} {'precision':>9} {'known':>9} {'gone t/f':>9}")
    rows = [header, "-" * len(header)]
    total = Counter()
    for rule in sorted(counts):
        c = counts[rule]
        total.update(c)
        rows.append(_row(rule, c))
    rows.append("-" * len(header))
    rows.append(_row("all", total))
    return rows


def _row(rule: str, c: Counter) -> str:
    labelled = c["true"] + c["false"] + c["debatable"]
    known = f"{c['known found']}/{c['known']}" if c["known"] else "-"
    gone = f"{c['gone true']}/{c['gone false'] + c['gone debatable']}"
    return (f"{rule:<18} {c['findings']:>8} {c['true']:>5} {c['false']:>5} {c['debatable']:>5} "
            f"{c['unlabelled']:>5} {_precision(c['true'], labelled):>9} {known:>9} {gone:>9}")


def per_list_lines(results: List[Result], rule_filter: Optional[str]) -> List[str]:
    """One line per list: its counts, and whether its labels still describe this file."""
    rows = []
    for r in results:
        verdicts = Counter(v or "unlabelled" for f, _l, v in r.scored
                           if _keep(rule_filter, f["rule"]))
        known = [(k, found) for k, found in r.known if _keep(rule_filter, k.rule)]
        labelled = verdicts["true"] + verdicts["false"] + verdicts["debatable"]
        note = "" if r.labelled else "  (no labels)"
        if r.sha_ok is False:
            note += "  (SHA-256 differs: the list changed since it was labelled)"
        rows.append(f"{r.name:<66} findings {sum(verdicts.values()):>3}  "
                    f"true {verdicts['true']:>3}  false {verdicts['false']:>3}  "
                    f"debat {verdicts['debatable']:>2}  unlab {verdicts['unlabelled']:>3}  "
                    f"precision {_precision(verdicts['true'], labelled):>5}  "
                    f"known {sum(f for _k, f in known)}/{len(known)}{note}")
        rows += [f"    ! {e}" for e in r.errors]
    return rows


def missed_known(results: List[Result], rule_filter: Optional[str]) -> List[str]:
    """The known defects no finding reports: what the rules should still learn to see."""
    rows = []
    for r in results:
        for k, found in r.known:
            if not found and _keep(rule_filter, k.rule):
                rows.append(f"{r.name}:{k.line}: {k.rule or '(no rule)'}: {k.what}")
    return rows or ["(none)"]


def entry_lines(results: List[Result]) -> List[str]:
    """Entries counted by hand vs entries the model exports (issue 11 wants >= 95%)."""
    rows = []
    for r in results:
        modelled = "?" if r.entries_modelled is None else str(r.entries_modelled)
        if r.entries_labelled and r.entries_modelled is not None:
            ratio = f"{r.entries_modelled / r.entries_labelled:.3f}"
        else:
            ratio = "-"
        labelled = "-" if r.entries_labelled is None else str(r.entries_labelled)
        rows.append(f"{r.name:<66} labelled {labelled:>5}  modelled {modelled:>5}  ratio {ratio}")
    return rows


def unlabelled_lines(results: List[Result], rule_filter: Optional[str]) -> List[str]:
    """Unlabelled findings in the usual compiler format, ready to be labelled."""
    rows = []
    for r in results:
        for f, _label, verdict in r.scored:
            if verdict is None and _keep(rule_filter, f["rule"]):
                rows.append(f"{r.name}:{f['line']}:{f['column']}: {f['rule']} "
                            f"[{f.get('severity')}] {f['message']}")
    return rows or ["(none)"]


def _section(title: str, rows: Iterable[str]) -> None:
    print(f"\n== {title}")
    for row in rows:
        print(row)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--unlabelled", action="store_true",
                        help="also print every unlabelled finding")
    parser.add_argument("--list", metavar="SUBSTRING", help="only lists whose name contains it")
    parser.add_argument("--rule", metavar="NAME", help="only findings and defects of this rule")
    args = parser.parse_args(argv)

    if not all((CORPUS / d).is_dir() for d in LIST_DIRS):
        print(f"precision_bench: corpus not found: expected {CORPUS}/lists and "
              f"{CORPUS}/lists2 beside the repository", file=sys.stderr)
        return 2
    paths = corpus_lists(args.list)
    if not paths:
        print(f"precision_bench: no corpus list matches {args.list!r}", file=sys.stderr)
        return 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(evaluate, paths))

    print(LEGEND)
    _section("Per rule", per_rule_table(results, args.rule))
    _section("Per list", per_list_lines(results, args.rule))
    _section("Known defects missed", missed_known(results, args.rule))
    _section("Entries (issue 11): hand count vs `export` records", entry_lines(results))
    if args.unlabelled:
        _section("Unlabelled findings", unlabelled_lines(results, args.rule))
    return 0


if __name__ == "__main__":
    sys.exit(main())
