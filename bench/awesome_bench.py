"""The `awesome` profile next to awesome-lint, rule by rule, on the 40 corpus lists (issue 14).

Why this exists: the profile checks what awesome-lint checks, and is only worth turning on if
it is right where awesome-lint raises false alarms. Both tools run here on the same lists in
the same run, and their findings are scored against hand labels:

- ours: every finding of the profile is labelled in ``tests/labels/<list>.yaml`` (the format
  of ``tests/labels/README.md``), so its precision is exact;
- awesome-lint's: too many to label all (tens of thousands), so a fixed sample per rule is
  labelled in ``bench/awesome-lint-labels.yaml``: the findings whose hash of (list, rule, line,
  column, message) is smallest, up to ``--sample`` per rule (the same findings on every run).
  Precision is the sample's, with a 95 % Wilson interval, and "false alarms" estimates the
  rule's whole output (findings x (1 - precision)).

A label's verdict means the same for both tools: ``true`` when the finding's claim about
that line is right and names a real departure from the awesome conventions the rule stands
for (a list that never meant to be an awesome list still departs from them: the profile is
the maintainer's choice); ``false`` when the line does not have the problem claimed;
``debatable`` when reasonable people could disagree (counted as false).

Not compared, and why: ``awesome-contributing`` and ``awesome-license`` look for files of
the list's repository, which the corpus does not hold (ours are left out too); awesome-lint's
``awesome-github`` needs the repository's GitHub remote and API; ``code-of-conduct`` reads a
file that is absent; the remark-lint rules it bundles (table alignment, list indentation ...)
are Markdown style, not awesome conventions (their counts are shown). awesome-lint's ``toc``
and ``double-link`` are compared with our ``toc-*`` rules and ``duplicate-entry``, which run
without a profile and whose labels come from the precision work (bench/precision_bench.py).

Usage::

    npm install --prefix bench                 # awesome-lint (bench/package.json)
    python bench/awesome_bench.py              # the table
    python bench/awesome_bench.py --todo       # findings still to label, both tools
    python bench/awesome_bench.py --fix        # also: fix with the profile on every list

awesome-lint runs on a copy of each list named ``readme.md`` in a fresh git repository without
a remote, inside ``unshare -n`` when that works (no network); its results are cached in
``bench/.work/awesome-lint/`` by the list's SHA-256 (``--refresh`` runs it again). Exits 0 once
it has run, 2 when the corpus or awesome-lint is missing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
import precision_bench as pb  # noqa: E402  (the corpus, the labels and their matching)

ROOT = pb.ROOT
WORK = ROOT / "bench" / ".work" / "awesome-lint"
NODE_SCRIPT = ROOT / "bench" / "awesome_lint_json.mjs"
AWESOME_LINT = ROOT / "bench" / "node_modules" / "awesome-lint" / "package.json"
LINT_LABELS = ROOT / "bench" / "awesome-lint-labels.yaml"

# Our rules in the comparison: the profile's, less the two that need repository files.
OURS = ("awesome-heading", "awesome-badge", "awesome-description", "awesome-contents",
        "no-ci-badge", "entry-format", "description-style", "description-repeats-name",
        "product-spelling", "balanced-punctuation")
# Rules without a profile that do the work of an awesome-lint rule (labels already exist).
SHARED = ("toc-missing", "toc-extra", "toc-order", "toc-level", "toc-anchor", "duplicate-entry")
# awesome-lint rule -> ours that do its work (the rows of the table).
MAPPING: Dict[str, Tuple[str, ...]] = {
    "awesome-heading": ("awesome-heading",),
    "awesome-badge": ("awesome-badge",),
    "(none: a description)": ("awesome-description",),
    "awesome-toc": ("awesome-contents", "toc-missing", "toc-extra", "toc-order", "toc-level",
                    "toc-anchor"),
    "awesome-list-item": ("entry-format", "description-style"),
    "no-repeat-item-in-description": ("description-repeats-name",),
    "awesome-spell-check": ("product-spelling",),
    "balanced-punctuation": ("balanced-punctuation",),
    "awesome-no-ci-badge": ("no-ci-badge",),
    "double-link": ("duplicate-entry",),
    "awesome-license": (),
}
NOT_COMPARED = ("awesome-contributing", "awesome-github", "code-of-conduct", "awesome-license")
LEGEND = """\
Legend: findings = reported on the 40 lists; lab = labelled (ours: all should be; awesome-lint:
its fixed sample); t/f/d = true/false/debatable; precision = t / lab (debatable counts as
false), with a 95 % Wilson interval for a sample; false alarms = findings x (1 - precision),
estimated for a sample. awesome-license is awesome-lint's "forbidden License section", a rule
ours does not share (ours asks that a license exist at all: file, section or link)."""


# ---------------------------------------------------------------------------- running

def awesome_lint_version() -> Optional[str]:
    try:
        return json.loads(AWESOME_LINT.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _unshare() -> List[str]:
    tool = shutil.which("unshare")
    if tool and subprocess.run([tool, "-n", "true"], capture_output=True).returncode == 0:
        return [tool, "-n"]
    return []


def run_awesome_lint(path: Path, refresh: bool) -> List[dict]:
    """awesome-lint's messages on one list (cached by the list's SHA-256 and its version)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cached = WORK / f"{path.stem}.{awesome_lint_version()}.{digest[:16]}.json"
    if cached.is_file() and not refresh:
        return json.loads(cached.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="awesome-bench-") as scratch:
        directory = Path(scratch)
        shutil.copyfile(path, directory / "readme.md")
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
               "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
        for args in (["init", "-q"], ["add", "readme.md"], ["commit", "-q", "-m", "bench"]):
            subprocess.run(git + args, cwd=directory, check=True, capture_output=True)
        result = subprocess.run([*_unshare(), "node", str(NODE_SCRIPT), "readme.md"],
                                cwd=directory, capture_output=True, text=True, timeout=900)
    messages = json.loads(result.stdout)
    WORK.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(messages), encoding="utf-8")
    return messages


def run_ours(path: Path) -> List[dict]:
    """Our findings with the awesome profile on, for the compared rules."""
    with tempfile.TemporaryDirectory(prefix="awesome-bench-") as scratch:
        config = Path(scratch) / "profile.yaml"
        config.write_text("profiles: [awesome]\n", encoding="utf-8")
        staged_dir = Path(scratch) / "list"
        staged_dir.mkdir()
        target = pb._staged(path, staged_dir)
        findings, error = pb._run_json([sys.executable, "-m", "awesome_tools", "check",
                                        "--format", "json", "--config", str(config),
                                        "--select", ",".join(OURS + SHARED), str(target)])
    if findings is None:
        raise RuntimeError(f"{path.name}: {error}")
    return findings


# ---------------------------------------------------------------------------- labels

LintKey = Tuple[str, str, int, int, str]


def load_lint_labels() -> Dict[LintKey, Tuple[str, str]]:
    """(list stem, rule, line, column, message) -> (verdict, reason) for awesome-lint's
    sample (the message too: awesome-lint may report twice at one place)."""
    if not LINT_LABELS.is_file():
        return {}
    data = YAML(typ="safe").load(LINT_LABELS.read_text(encoding="utf-8")) or {}
    labels = {}
    for item in data.get("labels") or []:
        key = (item["list"], item["rule"], int(item["line"]), int(item["column"]),
               item["message"])
        labels[key] = (pb._verdict(item["verdict"]), item.get("reason", ""))
    return labels


def sample_key(stem: str, finding: dict) -> str:
    text = f"{stem}|{finding['rule']}|{finding['line']}|{finding['column']}|{finding['message']}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sample(lint: Dict[str, List[dict]], size: int) -> Dict[str, List[Tuple[str, dict]]]:
    """Per awesome-lint rule, its ``size`` findings of smallest hash (a stable sample)."""
    by_rule: Dict[str, List[Tuple[str, str, dict]]] = defaultdict(list)
    for stem, messages in lint.items():
        for message in messages:
            by_rule[message["rule"]].append((sample_key(stem, message), stem, message))
    return {rule: [(stem, m) for _, stem, m in sorted(found, key=lambda x: x[0])[:size]]
            for rule, found in by_rule.items()}


# ---------------------------------------------------------------------------- scoring

def wilson(true: int, total: int) -> Tuple[float, float]:
    if not total:
        return 0.0, 1.0
    z = 1.96
    p = true / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def score_ours(results: Dict[str, List[dict]]) -> Tuple[Dict[str, Counter], List[str]]:
    counts: Dict[str, Counter] = defaultdict(Counter)
    todo = []
    for stem, findings in results.items():
        labels = pb.load_labels(stem)
        matched, _ = pb.match(findings, labels.findings if labels else [])
        for finding, label in zip(findings, matched):
            verdict = pb.score(finding, label)
            counts[finding["rule"]]["findings"] += 1
            counts[finding["rule"]][verdict or "unlabelled"] += 1
            if verdict is None:
                todo.append(f"{stem}:{finding['line']}:{finding['column']}: {finding['rule']} "
                            f"{finding['message']}")
    return counts, todo


def score_lint(lint: Dict[str, List[dict]], size: int) -> Tuple[Dict[str, Counter], List[str]]:
    labels = load_lint_labels()
    counts: Dict[str, Counter] = defaultdict(Counter)
    for messages in lint.values():
        for message in messages:
            counts[message["rule"]]["findings"] += 1
    todo = []
    for rule, chosen in sample(lint, size).items():
        if rule not in MAPPING:
            continue  # Markdown style or needs the repository: not compared, not labelled
        for stem, message in chosen:
            label = labels.get((stem, rule, message["line"], message["column"],
                                message["message"]))
            counts[rule]["sampled"] += 1
            if label is None:
                counts[rule]["unlabelled"] += 1
                todo.append(f"{stem}:{message['line']}:{message['column']}: {rule} "
                            f"{message['message']}")
            else:
                counts[rule][label[0] if label[0] in pb.VERDICTS else "debatable"] += 1
    return counts, todo


def _cells(c: Counter, sampled: bool) -> str:
    labelled = c["true"] + c["false"] + c["debatable"]
    if not labelled:
        return f"{c['findings']:>8} {'-':>5} {'-':>11} {'-':>17} {'-':>8}"
    precision = c["true"] / labelled
    low, high = wilson(c["true"], labelled)
    interval = f"[{low:.2f},{high:.2f}]" if sampled else ""
    alarms = round(c["findings"] * (1 - precision))
    return (f"{c['findings']:>8} {labelled:>5} {c['true']:>3}/{c['false']:>3}/"
            f"{c['debatable']:>3} {precision:>6.3f} {interval:>11} {alarms:>8}")


def table(ours: Dict[str, Counter], lint: Dict[str, Counter]) -> List[str]:
    head = (f"{'awesome-lint rule':<30} {'findings':>8} {'lab':>5} {'t/f/d':>11} "
            f"{'precision':>17} {'alarms':>8} | {'ours':<26} {'findings':>8} {'lab':>5} "
            f"{'t/f/d':>11} {'precision':>17} {'alarms':>8}")
    rows = [head, "-" * len(head)]
    for theirs, mine in MAPPING.items():
        their = _cells(lint.get(theirs, Counter()), sampled=True) if not theirs.startswith(
            "(") else f"{'-':>8} {'-':>5} {'-':>11} {'-':>17} {'-':>8}"
        if not mine:
            rows.append(f"{theirs:<30} {their} | {'(not shared)':<26}")
            continue
        for index, rule in enumerate(mine):
            left = f"{theirs:<30} {their}" if index == 0 else " " * (31 + len(their))
            rows.append(f"{left} | {rule:<26} {_cells(ours.get(rule, Counter()), False)}")
        if len(mine) > 1:
            total = Counter()
            for rule in mine:
                total.update(ours.get(rule, Counter()))
            rows.append(f"{' ' * (31 + len(their))} | {'(together)':<26} {_cells(total, False)}")
    rows.append("-" * len(head))
    for title, skip in (("all compared", ()), ("all but double-link", ("double-link",))):
        theirs = [rule for rule, mine in MAPPING.items() if mine and rule not in skip
                  and not rule.startswith("(")]
        mine = {r for rule, rules in MAPPING.items() if rule not in skip for r in rules}
        all_ours = Counter()
        for rule in mine:
            all_ours.update(ours.get(rule, Counter()))
        rows.append(f"{title:<30} {_pooled(lint, theirs)} | {title:<26} "
                    f"{_cells(all_ours, False)}")
    return rows


def _pooled(lint: Dict[str, Counter], rules: Sequence[str]) -> str:
    """Several rules' samples together: findings summed, false alarms as the sum of each
    rule's estimate, precision as 1 - alarms / findings (each sample weighted by its rule)."""
    findings = sum(lint.get(rule, Counter())["findings"] for rule in rules)
    alarms = 0.0
    labelled = 0
    for rule in rules:
        c = lint.get(rule, Counter())
        n = c["true"] + c["false"] + c["debatable"]
        labelled += n
        if n:
            alarms += c["findings"] * (1 - c["true"] / n)
    precision = 1 - alarms / findings if findings else 0.0
    return (f"{findings:>8} {labelled:>5} {'':>11} {precision:>6.3f} {'(weighted)':>11} "
            f"{round(alarms):>8}")


def other_lint_rules(lint: Dict[str, Counter]) -> List[str]:
    skipped = {rule: c["findings"] for rule, c in lint.items() if rule not in MAPPING}
    return [f"{rule}: {count}" + (" (needs repository files or a remote)"
                                  if rule in NOT_COMPARED else " (remark-lint style)")
            for rule, count in sorted(skipped.items(), key=lambda pair: -pair[1])]


# ---------------------------------------------------------------------------- fix

def fix_all(paths: Sequence[Path]) -> List[str]:
    """`fix` with the profile on, on a copy of every list: accepted by the guard and final."""
    rows = []
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="awesome-bench-") as scratch:
            directory = Path(scratch)
            (directory / ".git").mkdir()
            (directory / ".awesome-tools.yaml").write_text("profiles: [awesome]\n")
            shutil.copyfile(path, directory / "README.md")
            first = subprocess.run([sys.executable, "-m", "awesome_tools", "fix", "README.md"],
                                   cwd=directory, capture_output=True, text=True)
            again = subprocess.run([sys.executable, "-m", "awesome_tools", "fix", "--check",
                                    "README.md"], cwd=directory, capture_output=True, text=True)
            said = (first.stdout + first.stderr).strip().splitlines()[-1:] or ["unchanged"]
            rows.append(f"{path.name:<62} fix exit {first.returncode}  second run exit "
                        f"{again.returncode}  {said[0][:90]}")
    return rows


# ---------------------------------------------------------------------------- main

def _section(title: str, rows: Iterable[str]) -> None:
    print(f"\n== {title}")
    for row in rows:
        print(row)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=40,
                        help="awesome-lint findings labelled per rule (default 40)")
    parser.add_argument("--refresh", action="store_true", help="run awesome-lint again")
    parser.add_argument("--todo", action="store_true", help="print what is still unlabelled")
    parser.add_argument("--fix", action="store_true", help="also run fix on every list")
    parser.add_argument("--list", metavar="SUBSTRING", help="only lists whose name has it")
    args = parser.parse_args(argv)

    if not all((pb.CORPUS / d).is_dir() for d in pb.LIST_DIRS):
        print(f"awesome_bench: corpus not found under {pb.CORPUS}", file=sys.stderr)
        return 2
    if awesome_lint_version() is None or shutil.which("node") is None:
        print("awesome_bench: awesome-lint not installed (npm install --prefix bench)",
              file=sys.stderr)
        return 2
    paths = pb.corpus_lists(args.list)
    with ThreadPoolExecutor(max_workers=2) as pool:
        lint = dict(zip((p.stem for p in paths),
                        pool.map(lambda p: run_awesome_lint(p, args.refresh), paths)))
        ours = dict(zip((p.stem for p in paths), pool.map(run_ours, paths)))
    ours_counts, ours_todo = score_ours(ours)
    lint_counts, lint_todo = score_lint(lint, args.sample)
    print(LEGEND)
    print(f"\nawesome-lint {awesome_lint_version()} and awesome-tools (profiles: [awesome]) on "
          f"{len(paths)} lists")
    _section("Per rule, side by side", table(ours_counts, lint_counts))
    _section("awesome-lint rules not compared", other_lint_rules(lint_counts))
    if args.todo:
        _section("Ours, unlabelled", ours_todo or ["(none)"])
        _section("awesome-lint's sample, unlabelled", lint_todo or ["(none)"])
    if args.fix:
        _section("fix with the awesome profile", fix_all(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
