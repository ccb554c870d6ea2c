"""Link-check results as text, JSON, GitHub annotations, SARIF or a Markdown report.

A pure function of the results (:class:`LinkReport`), like the findings formatters in
:mod:`awesome_tools.formats.findings` (which the ``github`` and ``sarif`` formats reuse). The
Markdown report is what a maintainer acts on, and the same text becomes the job summary and
the body of the one report issue: dead links first, grouped by the section they are in, each
with its line and a suggested action; then redirects with what to do about each kind; then
what could not be told, grouped by host and reason with how to verify; archived
repositories; counts.

Everything in a report that came from a list or a server (URLs, headings, reasons quoting a
``Location``) is untrusted: URLs go into code spans, prose is escaped so that it cannot add
Markdown structure or HTML, ``@mentions`` and issue references are broken so that they
notify nobody, and control characters are shown as escapes in every format.
"""
from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from awesome_tools.findings import Finding
from awesome_tools.formats.jsonlines import dumps_list
from awesome_tools.links.targets import Location, Target
from awesome_tools.links.types import LinkResult, Why
from awesome_tools.records import record

FORMATS = ("text", "json", "github", "sarif", "markdown")
RULES = {"dead": "dead-link", "unknown": "unknown-link", "redirected": "redirected-link"}
ARCHIVED = "archived-repo"
ORDER = ("alive", "redirected", "dead", "unknown")

ENDINGS = {Why.BUDGET: "the --max-time budget ran out", Why.INTERRUPTED: "it was interrupted",
           Why.NETWORK_DOWN: "the network is unreachable"}

# Suggested actions, by reason.
ACTIONS = {
    Why.NOT_FOUND: "remove the link, or replace it with the page's new address or an archived "
                   "copy",
    Why.SOFT_404: "the host shows its \"not found\" page: remove the link or replace it",
    Why.API_NOT_FOUND: "it does not exist any more: remove the entry or link its new home",
    Why.NO_SUCH_HOST: "the domain is gone: replace the link with the project's new home or "
                      "remove it",
    Why.REFUSED: "nothing answers there: replace the link or remove it",
    Why.INVALID: "fix the URL's spelling",
    Why.MOVED: "replace it with the new address (`awesome-tools fix --update-redirects`)",
    Why.SUCCESSOR: "replace it with its successor (`awesome-tools fix --update-redirects`)",
    Why.LOGIN: "it now asks for a login: check it in a browser, then replace or remove it",
    Why.GENERIC: "it lands on a generic page: find the page's new address or remove it",
    Why.BOT_WALL: "the host blocks robots: open the links in a browser to verify",
    Why.FORBIDDEN: "access refused to robots: open the links in a browser to verify",
    Why.RATE_LIMITED: "the host rate-limited the check: the next run asks again",
    Why.SERVER_ERROR: "the server failed: the next run asks again",
    Why.TIMEOUT: "no answer in time: the next run asks again",
    Why.NETWORK: "the connection failed: the next run asks again",
    Why.NO_TOKEN: "set GITHUB_TOKEN so repositories are checked through the GitHub API",
    Why.BUDGET: "not checked: raise --max-time, or let the next run (with a warm cache) "
                "finish them",
    Why.INTERRUPTED: "not checked: run again",
    Why.NETWORK_DOWN: "not checked: run again with a network",
    Why.API_ERROR: "the API failed: the next run asks again",
    Why.SAME_FOR_EVERY_PATH: "the host answers every path alike: open the link in a browser "
                             "to verify",
}


@record(frozen=True)
class LinkReport:
    """Everything a formatter needs: (target, result) pairs, what failed the run, counts, and
    ``ending`` when the run stopped early (the report is then partial)."""

    checked: Tuple[Tuple[Target, LinkResult], ...]
    fail_on: FrozenSet[str]
    excluded: int = 0
    files: Tuple[str, ...] = ()
    ending: Optional[Why] = None

    def count(self, verdict: str) -> int:
        return sum(1 for _, result in self.checked if result.verdict == verdict)

    @property
    def cached(self) -> int:
        return sum(1 for _, result in self.checked if result.cached)

    @property
    def failing(self) -> List[Tuple[Target, LinkResult]]:
        return [pair for pair in self.checked if pair[1].verdict in self.fail_on]

    def of(self, verdict: str) -> List[Tuple[Target, LinkResult]]:
        return [pair for pair in self.checked if pair[1].verdict == verdict]


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
    partial = f" Partial: {ENDINGS[report.ending]}." if report.ending in ENDINGS else ""
    return f"{len(report.checked)} {noun} checked: {counts}{tail}.{partial}"


def action(result: LinkResult) -> str:
    """What a maintainer should do about this result."""
    if ARCHIVED in result.warnings and result.verdict == "alive":
        return "the repository is archived: mark it so, or link a maintained fork"
    return ACTIONS.get(result.why, "")


def host_label(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "?").lower()
    except ValueError:
        return "?"


def reason_label(result: LinkResult) -> str:
    """The reason shared by a group of unknown links (a wall's name, a status class)."""
    if result.why == Why.BOT_WALL:
        from awesome_tools.links.walls import VERIFY

        return result.reason[:-len(VERIFY) - 2] if result.reason.endswith(": " + VERIFY) \
            else result.reason
    labels = {Why.FORBIDDEN: "access refused (HTTP 401/403)",
              Why.RATE_LIMITED: "rate limited (HTTP 429)", Why.TIMEOUT: "timed out",
              Why.SERVER_ERROR: "server errors (HTTP 5xx)", Why.NETWORK: "connection failed",
              Why.NO_TOKEN: "GitHub API budget spent", Why.BUDGET: "--max-time ran out",
              Why.INTERRUPTED: "interrupted", Why.NETWORK_DOWN: "network unreachable",
              Why.API_ERROR: "API error", Why.REDIRECT_PROBLEM: "redirect problem",
              Why.PRIVATE: "private address", Why.BLOCKED: "blocked address",
              Why.SAME_FOR_EVERY_PATH: "same page for every path"}
    if result.why in labels:
        return labels[result.why]
    return f"HTTP {result.status}" if result.status else str(result.why)


def unknown_groups(
        report: LinkReport) -> List[Tuple[Tuple[str, str], List[Tuple[Target, LinkResult]]]]:
    """Unknown results grouped by (host, reason), largest group first."""
    groups: Dict[Tuple[str, str], List[Tuple[Target, LinkResult]]] = {}
    for target, result in _sorted(report.of("unknown")):
        groups.setdefault((host_label(result.url), reason_label(result)), []).append(
            (target, result))
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


# --- escaping -----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """``text`` with control and bidi characters shown as escapes (terminals, annotations)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_URL = re.compile(r"https?://\S+")
_MENTION = re.compile(r"@(?=\w)")
_REFERENCE = re.compile(r"#(?=\d)")


def md_text(text: str) -> str:
    """Untrusted prose for Markdown: no structure, no HTML, no mentions, URLs in code."""
    parts, last = [], 0
    for found in _URL.finditer(text):
        parts.append(_md_prose(text[last:found.start()]))
        parts.append(url_code(found.group()))
        last = found.end()
    parts.append(_md_prose(text[last:]))
    return "".join(parts)


def _md_prose(text: str) -> str:
    text = plain(text.replace("\r", " ").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MENTION.sub("@\u200b", text)
    return _REFERENCE.sub("#\u200b", text)


_URL_UNSAFE = re.compile(r"[\s<>\"'`\\]")


def url_code(url: str) -> str:
    """A URL shown in a code span, with the characters that have a meaning in Markdown or
    HTML (spaces, ``<``, ``>``, quotes, backticks) percent-encoded as a browser would."""
    return code(_URL_UNSAFE.sub(lambda m: "%" + "%".join(f"{b:02X}" for b in
                                                         m.group().encode("utf-8")), url))


def code(text: str) -> str:
    """``text`` as an inline code span that nothing inside can end early."""
    text = plain(text.replace("\r", " ").replace("\n", " "))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- findings (text, github, sarif) -------------------------------------------------------------

def findings(report: LinkReport) -> List[Finding]:
    """One finding per place a non-alive (or archived) URL appears, sorted by place."""
    found: List[Finding] = []
    for target, result in report.checked:
        rule = RULES.get(result.verdict)
        for where in target.locations:
            if rule is not None:
                found.append(Finding(where.path, where.line, where.column, rule,
                                     plain(_message(result)),
                                     _severity(report, result.verdict)))
            if ARCHIVED in result.warnings:
                found.append(Finding(where.path, where.line, where.column, ARCHIVED,
                                     plain(f"{result.url}: repository is archived"), "warning"))
    return sorted(found, key=Finding.sort_key)


def _severity(report: LinkReport, verdict: str) -> str:
    if verdict in report.fail_on:
        return "error"
    return "note" if verdict == "redirected" else "warning"


def _message(result: LinkResult) -> str:
    if result.verdict == "redirected" and result.why in (Why.MOVED, Why.SUCCESSOR):
        return f"{result.url} redirects permanently to {result.final_url} ({result.reason})"
    return f"{result.url} ({result.reason})"


def format_text(report: LinkReport) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in findings(report)]
    for (host, label), pairs in unknown_groups(report):
        lines.append(plain(f"unknown: {host}: {len(pairs)} "
                           f"{'link' if len(pairs) == 1 else 'links'}, {label}: "
                           f"{ACTIONS.get(pairs[0][1].why, 'see the reasons above')}"))
    lines.append(summary(report))
    return "\n".join(lines)


# --- json -------------------------------------------------------------------------------------

def format_json(report: LinkReport) -> str:
    items = sorted(report.checked, key=lambda pair: _place(pair[0].first))
    return dumps_list(_json_object(target, result) for target, result in items)


def _json_object(target: Target, result: LinkResult) -> Dict[str, object]:
    return {
        "url": target.url,
        "verdict": str(result.verdict),
        "why": str(result.why),
        "status": result.status,
        "final_url": result.final_url,
        "reason": result.reason,
        "action": action(result) or None,
        "locations": [{"path": where.path, "line": where.line, "column": where.column}
                      for where in target.locations],
    }


def _place(where: Location) -> Tuple[str, int, int]:
    return (where.path, where.line, where.column)


# --- markdown ---------------------------------------------------------------------------------

def format_markdown(report: LinkReport) -> str:
    parts = [f"**{summary(report)}**"]  # our own words and numbers only
    if report.ending in ENDINGS:
        parts.append(f"> **Partial report:** the run stopped early because "
                     f"{ENDINGS[report.ending]}; links not checked are listed as unknown.")
    dead = report.of("dead")
    if dead:
        parts.append(f"## Dead links ({len(dead)})")
        for section, lines in _by_section(dead).items():
            parts.append(f"### {section}\n\n" + "\n".join(lines))
    redirected = report.of("redirected")
    if redirected:
        parts.append(f"## Redirected ({len(redirected)})\n\n" + "\n".join(
            _line(where, result) for target, result in _sorted(redirected)
            for where in target.locations))
    unknown = report.of("unknown")
    if unknown:
        parts.append(f"## Could not tell ({len(unknown)}), by host")
        for (host, label), pairs in unknown_groups(report):
            todo = ACTIONS.get(pairs[0][1].why, "")
            head = f"### {md_text(host)}: {md_text(label)} ({len(pairs)})"
            body = "\n".join(_unknown_line(where, result) for target, result in pairs
                             for where in target.locations)
            parts.append(f"{head}\n\n{md_text(todo)}\n\n{body}" if todo else f"{head}\n\n{body}")
    archived = [pair for pair in report.checked if ARCHIVED in pair[1].warnings]
    if archived:
        parts.append(f"## Archived repositories ({len(archived)})\n\n"
                     "Mark them as archived in the list, or link a maintained fork.\n\n"
                     + "\n".join(f"- {code(f'{where.path}:{where.line}')} {url_code(target.url)}"
                                 for target, _ in _sorted(archived)
                                 for where in target.locations))
    rows = "\n".join(f"| {verdict} | {report.count(verdict)} |" for verdict in ORDER)
    counts = f"## Counts\n\n| verdict | links |\n| --- | ---: |\n{rows}"
    if report.cached or report.excluded:
        counts += f"\n\n{report.cached} from cache, {report.excluded} excluded."
    parts.append(counts)
    return "\n\n".join(parts)


def _by_section(pairs: Sequence[Tuple[Target, LinkResult]]) -> Dict[str, List[str]]:
    groups: Dict[str, List[Tuple[Tuple[str, int, int], str]]] = {}
    for target, result in pairs:
        for where in target.locations:
            name = " › ".join(where.section) if where.section else "(before any heading)"
            groups.setdefault(md_text(name), []).append((_place(where), _line(where, result)))
    ordered = sorted(groups.items(), key=lambda item: min(place for place, _ in item[1]))
    return {name: [line for _, line in sorted(lines)] for name, lines in ordered}


def _line(where: Location, result: LinkResult) -> str:
    text = f"- {code(f'{where.path}:{where.line}')} {url_code(result.url)}"
    todo = action(result)
    if result.verdict == "redirected" and result.final_url:
        text += f" → {url_code(result.final_url)}"
    text += f": {md_text(result.reason)}"
    return f"{text}. **Action:** {md_text(todo)}" if todo else text


def _unknown_line(where: Location, result: LinkResult) -> str:
    return (f"- {code(f'{where.path}:{where.line}')} {url_code(result.url)}: "
            f"{md_text(result.reason)}")


def _sorted(pairs: Sequence[Tuple[Target, LinkResult]]) -> List[Tuple[Target, LinkResult]]:
    return sorted(pairs, key=lambda pair: _place(pair[0].first))
