"""Formatters: a sorted list of findings in, text out (text, pretty, json, github, sarif).

Findings are data first and text last, so each formatter is a pure function of the findings
and nothing else reads the world: no printing, no files. ``json`` is imported by the data
formats only, which keeps ``check`` quick to start; the SARIF formatter looks up rule
summaries in the registry, which a ``check`` run has loaded already.
"""
from __future__ import annotations

from typing import Any, Dict, List, Sequence

from awesome_tools.findings import Finding
from awesome_tools.formats.color import BOLD, DIM, GREEN, UNDERLINE, paint, \
    severity_style
from awesome_tools.formats.escape import json_safe, visible

FORMATS = ("text", "pretty", "json", "github", "sarif")
PERSON_FORMATS = ("text", "pretty")  # the formats with a summary; the others are data
TOOL_NAME = "awesome-tools"
INFORMATION_URI = "https://pypi.org/project/awesome-tools/"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
_URI_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")


def format_findings(findings: Sequence[Finding], fmt: str, *, files_checked: int,
                    color: bool = False, quiet: bool = False,
                    statistics: bool = False) -> str:
    """The findings in format ``fmt``, without a trailing newline.

    What a finding quotes from a list (messages, suggestions, paths) may hold terminal
    control sequences or bidi controls: every format shows them escaped (see
    :mod:`awesome_tools.formats.escape`); JSON keeps the exact text, in ``\\u`` escapes.
    ``color``, ``quiet`` and ``statistics`` shape the formats a person reads only: ``text``
    is the ``pretty`` presentation when ``color`` is on, and ``path:line:col: rule message``
    lines (what editors and CI parse) otherwise. The data formats stay valid data: their
    caller prints the statistics elsewhere (standard error).
    """
    if fmt == "pretty" or (fmt == "text" and color):
        return format_pretty(findings, files_checked=files_checked, color=color, quiet=quiet,
                             statistics=statistics)
    if fmt == "text":
        return format_text(findings, files_checked=files_checked, quiet=quiet,
                           statistics=statistics)
    if fmt == "json":
        return format_json(findings)
    if fmt == "github":
        return format_github(findings)
    if fmt == "sarif":
        return format_sarif(findings)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def message_with_suggestion(finding: Finding) -> str:
    """The message, plus the suggestion unless the message already names it."""
    if finding.suggestion and finding.suggestion not in finding.message:
        return f"{finding.message} (did you mean {finding.suggestion}?)"
    return finding.message


# --- text -------------------------------------------------------------------------------------

def format_text(findings: Sequence[Finding], *, files_checked: int, quiet: bool = False,
                statistics: bool = False) -> str:
    """``path:line:col: rule message`` lines, then a one-line summary (not with ``quiet``),
    and with ``statistics`` a count per rule. Plain text: the convention editors, CI problem
    matchers and scripts parse, so it never changes with the terminal."""
    lines = []
    for finding in findings:
        line = (f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} "
                f"{message_with_suggestion(finding)}")
        lines.append(visible(line) + (" [fixable]" if finding.fixable else ""))
    if statistics:
        lines.extend(rule_statistics(findings))
    if not quiet:
        lines.append(summary(findings, files_checked=files_checked))
    return "\n".join(lines)


# --- pretty -----------------------------------------------------------------------------------

SEVERITY_WIDTH = len("warning")


def format_pretty(findings: Sequence[Finding], *, files_checked: int, color: bool = False,
                  quiet: bool = False, statistics: bool = False) -> str:
    """Findings grouped by file, for a person at a terminal (as eslint's ``stylish``): the
    path on a line of its own, then ``  line:col  severity  message  rule`` per finding with
    the locations aligned, a blank line after each file, the statistics, the summary.

    The rule name ends each line so it can be looked up (``awesome-tools rules NAME``).
    ``color`` paints the severity, dims the location and the rule and bolds the path; every
    text from the list is escaped first (:func:`visible`), so only our SGR codes are raw."""
    lines: List[str] = []
    for path, group in _by_path(findings).items():
        lines.append(_style(visible(path), BOLD + UNDERLINE, color))
        width = max(len(_location(finding)) for finding in group)
        lines.extend(_pretty_line(finding, width, color) for finding in group)
        lines.append("")
    if statistics:
        lines.extend(rule_statistics(findings, color=color))
        if findings:
            lines.append("")
    if not quiet:
        lines.append(_style(summary(findings, files_checked=files_checked),
                            BOLD + _summary_style(findings), color))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _by_path(findings: Sequence[Finding]) -> Dict[str, List[Finding]]:
    """The findings of each path, paths in the order they first appear (sorted by the caller)."""
    groups: Dict[str, List[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def _location(finding: Finding) -> str:
    return f"{finding.line}:{finding.column}"


def _pretty_line(finding: Finding, width: int, color: bool) -> str:
    where = _style(f"{_location(finding):<{width}}", DIM, color)
    severity = (_style(finding.severity, severity_style(finding.severity), color)
                + " " * (SEVERITY_WIDTH - len(finding.severity)))
    message = visible(message_with_suggestion(finding))
    if finding.fixable:
        message += _style(" [fixable]", DIM, color)
    return f"  {where}  {severity}  {message}  {_style(visible(finding.rule), DIM, color)}"


def _summary_style(findings: Sequence[Finding]) -> str:
    """The colour of the worst severity found; green when nothing was."""
    worst = next((severity for severity in ("error", "warning", "note")
                  if any(f.severity == severity for f in findings)), None)
    return severity_style(worst) if worst else GREEN


def _style(text: str, style: str, color: bool) -> str:
    return paint(text, style) if color else text


def rule_statistics(findings: Sequence[Finding], *, color: bool = False) -> List[str]:
    """One line per rule that reported: count, rule name and severity, most frequent first."""
    counts: Dict[str, int] = {}
    severities: Dict[str, str] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
        severities.setdefault(finding.rule, finding.severity)
    width = max((len(str(count)) for count in counts.values()), default=1)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        name = visible(rule)
        if color:
            name = paint(name, severity_style(severities[rule]))
        lines.append(f"{count:>{width}}  {name} ({severities[rule]})")
    return lines


def summary(findings: Sequence[Finding], *, files_checked: int) -> str:
    """``3 problems (2 errors, 1 warning) in 1 file, 1 fixable with `awesome-tools fix```."""
    files = _plural(files_checked, "file")
    if not findings:
        return f"No problems in {files}."
    counts = [_plural(sum(1 for f in findings if f.severity == severity), severity)
              for severity in ("error", "warning", "note")
              if any(f.severity == severity for f in findings)]
    text = f"{_plural(len(findings), 'problem')} ({', '.join(counts)}) in {files}"
    fixable = sum(1 for finding in findings if finding.fixable)
    if fixable:
        text += f", {fixable} fixable with `{TOOL_NAME} fix`"
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# --- json -------------------------------------------------------------------------------------

def format_json(findings: Sequence[Finding]) -> str:
    """A JSON list with one object per finding."""
    from awesome_tools.formats.jsonlines import dumps_list  # json only for the data formats

    return json_safe(dumps_list(_json_object(finding) for finding in findings))


def _json_object(finding: Finding) -> Dict[str, Any]:
    related = None
    if finding.related is not None:
        related = {"path": finding.related[0], "line": finding.related[1]}
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "related": related,
        "suggestion": finding.suggestion,
        "fixable": finding.fixable,
    }


# --- github -----------------------------------------------------------------------------------

def format_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, shown as annotations on the changed lines."""
    return "\n".join(_github_line(finding) for finding in findings)


def _github_line(finding: Finding) -> str:
    command = GITHUB_COMMANDS.get(finding.severity, "error")
    properties = ",".join(f"{name}={_escape_property(str(value))}" for name, value in (
        ("file", finding.path), ("line", finding.line), ("col", finding.column),
        ("title", f"{TOOL_NAME} {finding.rule}")))
    return f"::{command} {properties}::{_escape_data(message_with_suggestion(finding))}"


def _escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (``%``, CR and LF), after
    showing any other control character as an escape (the runner's log renders ANSI)."""
    text = visible(text, keep_lines=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a property value: the message escapes plus ``:`` and ``,`` (the separators)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# --- sarif ------------------------------------------------------------------------------------

def format_sarif(findings: Sequence[Finding]) -> str:
    """A SARIF 2.1.0 log with one run, for GitHub code scanning and other viewers."""
    rule_ids = sorted({finding.rule for finding in findings})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "informationUri": INFORMATION_URI,
                "rules": [_sarif_rule(rule_id) for rule_id in rule_ids],
            }},
            "results": [_sarif_result(finding, index[finding.rule]) for finding in findings],
        }],
    }
    import json

    return json_safe(json.dumps(log, indent=2, ensure_ascii=False))


def _sarif_rule(rule_id: str) -> Dict[str, Any]:
    entry: Dict[str, Any] = {"id": rule_id, "shortDescription": {"text": rule_id}}
    registered = _registered(rule_id)
    if registered is not None:
        entry["shortDescription"] = {"text": registered.summary}
        entry["defaultConfiguration"] = {"level": _sarif_level(registered.severity)}
    return entry


def _registered(rule_id: str) -> Any:
    """The registered rule, if the registry knows it (imported lazily: report stays light)."""
    from awesome_tools.rules import get

    return get(rule_id)


def _sarif_result(finding: Finding, rule_index: int) -> Dict[str, Any]:
    result: Dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _sarif_level(finding.severity),
        "message": {"text": visible(message_with_suggestion(finding))},
        "locations": [_sarif_location(finding.path, finding.line, finding.column)],
    }
    if finding.related is not None:
        related = _sarif_location(*finding.related)
        related["id"] = 0
        related["message"] = {"text": "first occurrence"}
        result["relatedLocations"] = [related]
    return result


def _sarif_location(path: str, line: int, column: int = 0) -> Dict[str, Any]:
    region: Dict[str, int] = {"startLine": max(line, 1)}
    if column >= 1:
        region["startColumn"] = column
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)},
                                 "region": region}}


def _sarif_level(severity: str) -> str:
    return severity if severity in ("error", "warning", "note") else "error"


def artifact_uri(path: str) -> str:
    """A relative URI reference for a path: forward slashes, no ``./``, percent-encoded."""
    uri = path.replace("\\", "/")
    while uri.startswith("./"):
        uri = uri[2:]
    return "".join(char if char in _URI_SAFE else _percent(char) for char in uri)


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


__all__: List[str] = ["FORMATS", "PERSON_FORMATS", "format_findings", "format_text",
                      "format_pretty", "summary", "rule_statistics",
                      "message_with_suggestion",
                      "artifact_uri"]
