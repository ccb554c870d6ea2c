"""Link-check results as text, JSON, GitHub annotations, SARIF or a Markdown report.

A pure function of the results, like the findings formatters in :mod:`awesome_tools.formats.findings`
(which the ``github`` and ``sarif`` formats reuse, so annotations look the same for ``check``
and ``links``). JSON is one object per checked URL with every place it appears; Markdown is
the body of the scheduled report issue: dead links by section first, then what could not be
told, redirects, archived repositories, and the counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Sequence, Tuple

from awesome_tools.findings import Finding
from awesome_tools.formats.jsonlines import dumps_list
from awesome_tools.linkcheck.checker import Result
from awesome_tools.linkcheck.targets import Location, Target

FORMATS = ("text", "json", "github", "sarif", "markdown")
RULES = {"dead": "dead-link", "unknown": "unknown-link", "redirected": "redirected-link"}
ARCHIVED = "archived-repo"
ORDER = ("alive", "redirected", "dead", "unknown")


@dataclass(frozen=True)
class LinkReport:
    """Everything a formatter needs: (target, result) pairs, what failed the run, counts."""

    checked: Tuple[Tuple[Target, Result], ...]
    fail_on: FrozenSet[str]
    excluded: int = 0
    files: Tuple[str, ...] = ()

    def count(self, verdict: str) -> int:
        return sum(1 for _, result in self.checked if result.verdict == verdict)

    @property
    def cached(self) -> int:
        return sum(1 for _, result in self.checked if result.cached)

    @property
    def failing(self) -> List[Tuple[Target, Result]]:
        return [pair for pair in self.checked if pair[1].verdict in self.fail_on]


def render(report: LinkReport, fmt: str) -> str:
    if fmt == "text":
        return format_text(report)
    if fmt == "json":
        return format_json(report)
    if fmt == "markdown":
        return format_markdown(report)
    if fmt in ("github", "sarif"):
        from awesome_tools.formats.findings import format_findings

        return format_findings(findings(report), fmt, files_checked=len(report.files))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def summary(report: LinkReport) -> str:
    """``120 links checked: 110 alive, 4 redirected, 2 dead, 4 unknown (100 from cache).``"""
    counts = ", ".join(f"{report.count(verdict)} {verdict}" for verdict in ORDER)
    extras = []
    if report.cached:
        extras.append(f"{report.cached} from cache")
    if report.excluded:
        extras.append(f"{report.excluded} excluded")
    archived = sum(1 for _, result in report.checked if ARCHIVED in result.warnings)
    if archived:
        extras.append(f"{archived} archived {'repository' if archived == 1 else 'repositories'}")
    tail = f" ({', '.join(extras)})" if extras else ""
    noun = "link" if len(report.checked) == 1 else "links"
    return f"{len(report.checked)} {noun} checked: {counts}{tail}."


# --- findings (text, github, sarif) -----------------------------------------------------------

def findings(report: LinkReport) -> List[Finding]:
    """One finding per place a non-alive (or archived) URL appears, sorted by place."""
    found: List[Finding] = []
    for target, result in report.checked:
        rule = RULES.get(result.verdict)
        for where in target.locations:
            if rule is not None:
                found.append(Finding(where.path, where.line, where.column, rule,
                                     _message(result), _severity(report, result.verdict)))
            if ARCHIVED in result.warnings:
                found.append(Finding(where.path, where.line, where.column, ARCHIVED,
                                     f"{result.url}: repository is archived", "warning"))
    return sorted(found, key=Finding.sort_key)


def _severity(report: LinkReport, verdict: str) -> str:
    if verdict in report.fail_on:
        return "error"
    return "note" if verdict == "redirected" else "warning"


def _message(result: Result) -> str:
    if result.verdict == "redirected":
        return f"{result.url} redirects permanently to {result.final_url} ({result.reason})"
    return f"{result.url} ({result.reason})"


def format_text(report: LinkReport) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in findings(report)]
    lines.append(summary(report))
    return "\n".join(lines)


# --- json -------------------------------------------------------------------------------------

def format_json(report: LinkReport) -> str:
    items = sorted(report.checked, key=lambda pair: _place(pair[0].first))
    return dumps_list(_json_object(target, result) for target, result in items)


def _json_object(target: Target, result: Result) -> Dict[str, object]:
    return {
        "url": target.url,
        "verdict": result.verdict,
        "status": result.status,
        "final_url": result.final_url,
        "reason": result.reason,
        "locations": [{"path": where.path, "line": where.line, "column": where.column}
                      for where in target.locations],
    }


def _place(where: Location) -> Tuple[str, int, int]:
    return (where.path, where.line, where.column)


# --- markdown ---------------------------------------------------------------------------------

def format_markdown(report: LinkReport) -> str:
    parts = [f"**{summary(report)}**"]
    dead = [pair for pair in report.checked if pair[1].verdict == "dead"]
    if dead:
        parts.append(f"## Dead links ({len(dead)})")
        for section, lines in _by_section(dead).items():
            parts.append(f"### {section}\n\n" + "\n".join(lines))
    for verdict, title in (("unknown", "Could not tell"), ("redirected", "Redirected")):
        pairs = [pair for pair in report.checked if pair[1].verdict == verdict]
        if pairs:
            parts.append(f"## {title} ({len(pairs)})\n\n" + "\n".join(
                _line(where, result) for target, result in _sorted(pairs)
                for where in target.locations))
    archived = [pair for pair in report.checked if ARCHIVED in pair[1].warnings]
    if archived:
        parts.append(f"## Archived repositories ({len(archived)})\n\n" + "\n".join(
            f"- `{where.path}:{where.line}` <{target.url}>" for target, _ in _sorted(archived)
            for where in target.locations))
    rows = "\n".join(f"| {verdict} | {report.count(verdict)} |" for verdict in ORDER)
    counts = f"## Counts\n\n| verdict | links |\n| --- | ---: |\n{rows}"
    if report.cached or report.excluded:
        counts += f"\n\n{report.cached} from cache, {report.excluded} excluded."
    parts.append(counts)
    return "\n\n".join(parts)


def _by_section(pairs: Sequence[Tuple[Target, Result]]) -> Dict[str, List[str]]:
    groups: Dict[str, List[Tuple[Tuple[str, int, int], str]]] = {}
    for target, result in pairs:
        for where in target.locations:
            name = " › ".join(where.section) if where.section else "(before any heading)"
            groups.setdefault(name, []).append((_place(where), _line(where, result)))
    ordered = sorted(groups.items(), key=lambda item: min(place for place, _ in item[1]))
    return {name: [line for _, line in sorted(lines)] for name, lines in ordered}


def _line(where: Location, result: Result) -> str:
    text = f"- `{where.path}:{where.line}` <{result.url}>"
    if result.verdict == "redirected":
        return f"{text} → <{result.final_url}>"
    return f"{text} — {_markdown_text(result.reason)}"


def _markdown_text(text: str) -> str:
    return text.replace("<", "&lt;").replace("|", "\\|")


def _sorted(pairs: Sequence[Tuple[Target, Result]]) -> List[Tuple[Target, Result]]:
    return sorted(pairs, key=lambda pair: _place(pair[0].first))
