"""Running rules: which rules run, with what severity, over one document, and what they found.

The check pipeline is ``source text -> Document -> rules -> findings -> formatter``; this
module is its middle. It picks the rules (config, ``--select``/``--ignore``, ``--online``),
gives each its options, stamps rule name, path and severity on what it reports, applies the
inline ``<!-- awesome-tools-disable ... -->`` directives and sorts the result. A rule that
raises is reported as a :class:`RuleCrash` naming the rule and its file, and the other rules
still run. Nothing here prints.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import (TYPE_CHECKING, Callable, Dict, FrozenSet, Iterable, List, Optional,
                    Sequence, Tuple)

from awesome_tools.lazyre import lazy
from awesome_tools.errors import InputError
from awesome_tools.findings import Finding
from awesome_tools.model import Document
from awesome_tools.records import field, record, replace
from awesome_tools.rules import Rule, RuleContext, finding_from

if TYPE_CHECKING:  # annotations only: reading files is imported where it is done
    from awesome_tools.textio import Source

Selection = Dict[str, Tuple[Rule, str]]  # rule name -> (rule, severity it reports at)


@record(frozen=True)
class RuleCrash:
    """A rule that raised instead of reporting: which, on what, where in its code."""

    rule: str
    path: str
    where: str  # "broken_anchor.py:42"
    error: str  # "KeyError: 'x'"

    def __str__(self) -> str:
        return f"rule {self.rule} crashed on {self.path} ({self.where}): {self.error}"


@record
class CheckResult:
    """What checking found: findings (sorted) and rules that crashed."""

    findings: List[Finding] = field(default_factory=list)
    crashes: List[RuleCrash] = field(default_factory=list)

    def extend(self, other: "CheckResult") -> None:
        self.findings.extend(other.findings)
        self.crashes.extend(other.crashes)


def repo_root(path: Path) -> Path:
    """The nearest directory above ``path`` holding ``.git``, else the file's directory."""
    directory = path.resolve().parent
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


def selected_rules(config: object, select: Sequence[str], ignore: Sequence[str],
                   online: bool = False) -> Selection:
    """Rules to run, by name, with the severity each reports at."""
    from awesome_tools.rules import all_rules

    registry = all_rules()
    for name in (*select, *ignore):
        if name not in registry:
            hint = _closest(name, registry)
            raise InputError(f"unknown rule '{name}'"
                             + (f" (did you mean {hint}?)" if hint else ""))
    configured = getattr(config, "rules", {}) or {}
    chosen = {}
    for name, rule in registry.items():
        severity = configured.get(name)
        if select:
            if name not in select:
                continue
            severity = severity if severity not in (None, "off") else rule.severity
        elif severity is None:
            if not rule.on_by_default(config, online):
                continue
            severity = rule.severity
        if severity == "off" or name in ignore:
            continue
        chosen[name] = (rule, severity)
    return chosen


def _closest(name: str, names: Iterable[str]) -> Optional[str]:
    import difflib

    match = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return match[0] if match else None


_DIRECTIVE = lazy(
    r"^\s*awesome-tools-(disable-next-line|disable-line|disable|enable)\b([^>]*)$", re.S)


def _directive_filter(doc: Document) -> Callable[[Finding], bool]:
    """A predicate telling whether a finding is silenced by an inline comment.

    ``disable-next-line`` and ``disable-line`` comments are indexed by the lines they cover;
    ``disable``/``enable`` comments form a sequence where, for a finding at line L, what
    counts is the last comment at or before L that either names the finding's rule or names
    none (all rules), the latter resetting every rule. Both are looked up by bisection, so a
    list with many comments and many findings costs (comments + findings) x log, not their
    product.
    """
    # line -> rule sets silenced there (empty: all)
    line_rules: Dict[int, List[FrozenSet[str]]] = {}
    switch_lines: List[int] = []  # line of each disable/enable comment, in document order
    switch_on: List[bool] = []
    by_rule: Dict[str, List[int]] = {}  # rule -> indexes (in the sequence) naming it
    last_global: List[int] = []  # per prefix length: index of the last all-rules switch, or -1
    for comment in doc.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        rules = frozenset(re.split(r"[\s,]+", match.group(2).strip())) - {""}
        kind = match.group(1)
        if kind == "disable-next-line":
            line_rules.setdefault(comment.end_line + 1, []).append(rules)
        elif kind == "disable-line":
            for line in range(comment.line, comment.end_line + 1):
                line_rules.setdefault(line, []).append(rules)
        elif comment.line >= (switch_lines[-1] if switch_lines else 0):
            index = len(switch_lines)
            switch_lines.append(comment.line)
            switch_on.append(kind == "disable")
            for rule in rules:
                by_rule.setdefault(rule, []).append(index)
            last_global.append(index if not rules else (last_global[-1] if last_global else -1))
        else:  # a comment out of line order (never from the parser): keep the old meaning
            return _directive_filter_slow(doc)
    if not line_rules and not switch_lines:
        return lambda finding: False

    def silenced(finding: Finding) -> bool:
        for rules in line_rules.get(finding.line, ()):
            if not rules or finding.rule in rules:
                return True
        count = bisect_right(switch_lines, finding.line)  # switches at or before the finding
        if not count:
            return False
        everything = last_global[count - 1]
        if everything >= 0 and switch_on[everything]:
            return True
        named = by_rule.get(finding.rule)
        if not named:
            return False
        at = bisect_left(named, count) - 1  # the last switch naming the rule, before count
        return at >= 0 and named[at] > everything and switch_on[named[at]]

    return silenced


def _directive_filter_slow(doc: Document) -> Callable[[Finding], bool]:
    """The direct reading of the directives, one pass over them per finding."""
    events = []
    for comment in doc.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        rules = frozenset(re.split(r"[\s,]+", match.group(2).strip())) - {""}
        events.append((comment.line, comment.end_line, match.group(1), rules))
    if not events:
        return lambda finding: False

    def silenced(finding: Finding) -> bool:
        disabled: Dict[str, bool] = {}
        everything = False
        for line, end_line, kind, rules in events:
            applies = not rules or finding.rule in rules
            if kind == "disable-next-line":
                if applies and finding.line == end_line + 1:
                    return True
            elif kind == "disable-line":
                if applies and line <= finding.line <= end_line:
                    return True
            elif line <= finding.line:
                on = kind == "disable"
                if rules:
                    for rule in rules:
                        disabled[rule] = on
                else:
                    everything = on
                    disabled = {}
        return everything or disabled.get(finding.rule, False)

    return silenced


_RANK = {"note": 0, "warning": 1, "error": 2}


def _severity(own: Optional[str], configured: str, default: str) -> str:
    """The severity a finding reports at.

    A rule may lower single findings below its default (``venue-mismatch`` reports an arXiv
    version date as a note among errors); that stands while the rule runs at its default.
    A severity the user configured for the rule applies to all its findings.
    """
    if own is not None and configured == default and _RANK[own] < _RANK[configured]:
        return own
    return configured


def check_document(doc: Document, ctx: RuleContext, rules: Selection) -> CheckResult:
    """Run ``rules`` on one document: findings with path and severity, sorted; crashes."""
    silenced = _directive_filter(doc)
    result = CheckResult()
    memo: Dict[object, object] = {}  # shared by the rules of this run (see RuleContext)
    for rule, severity in rules.values():
        rule_ctx = replace(ctx, options=rule.resolve_options(ctx.config), memo=memo)
        try:
            problems = list(rule.problems(doc, rule_ctx))
        except Exception as error:  # a bug in one rule must not hide the others' findings
            result.crashes.append(_crash(rule, doc.path, error))
            continue
        for problem in problems:
            finding = finding_from(problem, rule, doc.path,
                                   _severity(problem.severity, severity, rule.severity))
            if not silenced(finding):
                result.findings.append(finding)
    result.findings.sort(key=Finding.sort_key)
    return result


def _crash(rule: Rule, path: str, error: Exception) -> RuleCrash:
    import traceback  # (imports linecache, tokenize: only for a crash)

    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if "/awesome_tools/" in frame.filename.replace("\\", "/")]
    last = inside or frames
    where = f"{Path(last[-1].filename).name}:{last[-1].lineno}" if last else rule.module
    return RuleCrash(rule.name, path, where, f"{type(error).__name__}: {error}")


def context_for(path: Path, config_path: Optional[str], cache: Dict[Path, object], *,
                online: bool = False, link_cache: Optional[str] = None) -> RuleContext:
    """The context for one file, its config loaded once per directory (``cache``)."""
    from awesome_tools.config import load_config

    key = path.resolve().parent
    if key not in cache:
        cache[key] = load_config(config_path, key)
    return RuleContext(path, cache[key], repo_root(path), online, link_cache)


def load_document(path: Path, display: Optional[str] = None) -> Tuple[Source, Document]:
    """Read and parse one file; InputError for anything that is not a UTF-8 text file."""
    from awesome_tools.model.parse import parse
    from awesome_tools.textio import read_source

    source = read_source(path)
    return source, parse(source.text, display or str(path))
