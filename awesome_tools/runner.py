"""The check pipeline: files -> Documents -> rules -> findings -> a formatter.

Rules are pure functions of a Document and a Context; this module picks which rules run
(config, ``--select``/``--ignore``), applies severities and the inline
``<!-- awesome-tools-disable ... -->`` directives, and sorts the result.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from awesome_tools.errors import InputError
from awesome_tools.findings import Finding
from awesome_tools.model import Document


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the document: where it lives and the config."""

    path: Path
    config: object  # awesome_tools.config.Config
    root: Path  # repository root, for root-relative paths
    online: bool = False
    link_cache: Optional[str] = None  # the `links` cache to read (default: config, then
    # .awesome-tools-cache/links.json)

    @property
    def base_dir(self) -> Path:
        return self.path.parent


def repo_root(path: Path) -> Path:
    """The nearest directory above ``path`` holding ``.git``, else the file's directory."""
    directory = path.resolve().parent
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


def selected_rules(config, select: Sequence[str], ignore: Sequence[str],
                   online: bool = False) -> Dict[str, Tuple[object, str]]:
    """Rules to run, by name, with the severity each reports at."""
    from awesome_tools.rules import all_rules

    registry = all_rules()
    for name in (*select, *ignore):
        if name not in registry:
            close = _closest(name, registry)
            hint = f" (did you mean {close}?)" if close else ""
            raise InputError(f"unknown rule '{name}'{hint}")
    configured = getattr(config, "rules", {}) or {}
    chosen = {}
    for name, rule in registry.items():
        severity = configured.get(name)
        if select:
            if name not in select:
                continue
            severity = severity if severity not in (None, "off") else rule.severity
        elif severity is None:
            if not rule.enabled or (rule.online and not online):
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


_DIRECTIVE = re.compile(
    r"^\s*awesome-tools-(disable-next-line|disable-line|disable|enable)\b([^>]*)$", re.S)


def _directive_filter(doc: Document):
    """A predicate telling whether a finding is silenced by an inline comment."""
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


def check_document(doc: Document, ctx: Context, rules: Dict[str, Tuple[object, str]]
                   ) -> List[Finding]:
    """Run ``rules`` on one document; findings carry path and severity, sorted."""
    silenced = _directive_filter(doc)
    display = doc.path
    findings = []
    for name, (rule, severity) in rules.items():
        for finding in rule.check(doc, ctx):
            finding = replace(finding, path=display,
                              severity=_severity(finding.severity, severity, rule.severity))
            if finding.related is not None and not finding.related[0]:
                finding = replace(finding, related=(display, finding.related[1]))
            if not silenced(finding):
                findings.append(finding)
    findings.sort(key=Finding.sort_key)
    return findings


_RANK = {"note": 0, "warning": 1, "error": 2}


def _severity(own: str, configured: str, default: str) -> str:
    """The severity a finding reports at.

    A rule may lower single findings below its default (``venue-mismatch`` reports an arXiv
    version date as a note among errors); that stands while the rule runs at its default.
    A severity the user configured for the rule applies to all its findings.
    """
    if configured == default and _RANK.get(own, 2) < _RANK.get(configured, 2):
        return own
    return configured


def load_document(path: Path, display: Optional[str] = None):
    """Read and parse one file; InputError for anything that is not a UTF-8 text file."""
    from awesome_tools.model.parse import parse
    from awesome_tools.textio import read_source

    source = read_source(path)
    return source, parse(source.text, display or str(path))


def run_check(paths: Sequence[str], *, fmt: str = "text", select: Sequence[str] = (),
              ignore: Sequence[str] = (), config_path: Optional[str] = None,
              online: bool = False) -> int:
    """The ``check`` command: print findings, return 0 clean, 1 findings, 2 input error."""
    from awesome_tools.model.parse import gc_paused
    from awesome_tools.formats.findings import format_findings

    findings: List[Finding] = []
    config_cache: Dict[Path, object] = {}
    for name in paths:
        path = Path(name)
        source, doc = load_document(path, name)
        ctx = context_for(path, config_path, config_cache, online=online)
        rules = selected_rules(ctx.config, select, ignore, online)
        with gc_paused():
            findings.extend(check_document(doc, ctx, rules))
    findings.sort(key=Finding.sort_key)
    output = format_findings(findings, fmt, files_checked=len(paths))
    if output:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    failing = any(f.severity in ("error", "warning") for f in findings)
    return 1 if failing else 0


def context_for(path: Path, config_path: Optional[str], cache: Dict, *, online: bool = False,
                link_cache: Optional[str] = None) -> Context:
    """The Context for one file, its config loaded once per directory (``cache``)."""
    from awesome_tools.config import load_config

    key = path.resolve().parent
    if key not in cache:
        cache[key] = load_config(config_path, key)
    return Context(path, cache[key], repo_root(path), online, link_cache)
