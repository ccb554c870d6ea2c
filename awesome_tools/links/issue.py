"""``--report-issue``: keep ONE open GitHub issue that lists the dead links, run after run.

lychee-action with create-issue-from-file opens a new issue every scheduled run unless told
an issue number; maintainers then close dozens by hand. Here the issue is found again by a
hidden marker in its body: it is opened when links die, its body replaced on later runs while
links stay dead, and it is closed (with a comment) when everything is alive again.

REST calls only, serially, with ``GITHUB_TOKEN``; the API base is the policy's ``github-api``
(``AWESOME_TOOLS_GITHUB_API`` / ``links.github-api``, or ``links.issue-api``) and the
repository ``links.issue-repository`` or ``$GITHUB_REPOSITORY``. The token goes only to that
origin, over https (or to a loopback address, for tests): no redirect is followed, ``~/.netrc``
is not read, and the proxy and CA-bundle variables are honoured. It is never printed: error
messages carry the status and GitHub's message, scrubbed of the token all the same. The body
is the Markdown report, escaped by :mod:`awesome_tools.links.summary` (no mentions, no HTML),
cut at a line boundary when it is too long.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import requests

from awesome_tools.records import record

MARKER = "<!-- awesome-tools:links-report -->"
DEFAULT_TITLE = "Link check report"
MAX_BODY = 60000  # GitHub rejects issue bodies over 65,536 characters
MAX_PAGES = 10


class IssueError(Exception):
    """The issue could not be read or written; the message is safe to print."""


@record(frozen=True)
class IssueTarget:
    api: str
    repository: str  # owner/name
    token: str
    title: str = DEFAULT_TITLE
    timeouts: Tuple[float, float] = (5.0, 20.0)
    user_agent: str = "awesome-tools"


def update_issue(target: IssueTarget, body: str, failing: bool) -> str:
    """Open, update or close the report issue; returns what was done (one line)."""
    from awesome_tools.links.policy import token_allowed

    if not token_allowed(target.api):
        raise IssueError(f"--report-issue: the GitHub API {target.api!r} must be an https URL "
                         "(GITHUB_TOKEN is not sent over plain http)")
    with requests.Session() as session:
        session.trust_env = False  # no ~/.netrc; proxies and CA bundle passed explicitly
        client = _Client(session, target)
        existing = client.find()
        if failing:
            text = _body(body)
            if existing is None:
                number = client.call("POST", "/issues", {"title": target.title, "body": text})
                return f"opened issue #{number['number']}"
            client.call("PATCH", f"/issues/{existing}", {"title": target.title, "body": text})
            return f"updated issue #{existing}"
        if existing is None:
            return "no report issue to update: every link is fine"
        client.call("POST", f"/issues/{existing}/comments",
                    {"body": "Every link is fine again; closing.\n\n" + body})
        client.call("PATCH", f"/issues/{existing}", {"state": "closed",
                                                     "state_reason": "completed"})
        return f"closed issue #{existing}"


def _body(report: str) -> str:
    text = f"{MARKER}\n{report}\n\n_Updated by `awesome-tools links --report-issue`._"
    if len(text) > MAX_BODY:
        cut = text.rfind("\n", 0, MAX_BODY)
        text = text[:cut if cut > 0 else MAX_BODY] + \
            "\n\n… (report truncated; run `awesome-tools links` locally)"
    return text


class _Client:
    def __init__(self, session: requests.Session, target: IssueTarget) -> None:
        self.session = session
        self.target = target
        self.base = f"{target.api.rstrip('/')}/repos/{target.repository}"
        self.headers = {"Accept": "application/vnd.github+json",
                        "Authorization": f"Bearer {target.token}",
                        "X-GitHub-Api-Version": "2022-11-28",
                        "User-Agent": target.user_agent}

    def find(self) -> Optional[int]:
        """The number of the open issue carrying our marker (not a pull request), if any."""
        for page in range(1, MAX_PAGES + 1):
            issues = self.call("GET", f"/issues?state=open&per_page=100&page={page}")
            if not isinstance(issues, list):
                raise IssueError("GitHub issues API: unexpected answer when listing issues")
            for issue in issues:
                if "pull_request" not in issue and MARKER in (issue.get("body") or ""):
                    return int(issue["number"])
            if len(issues) < 100:
                return None
        return None

    def call(self, method: str, path: str,
             payload: Optional[Dict[str, Any]] = None) -> Any:
        url = self.base + path
        try:
            response = self.session.request(method, url, headers=self.headers, json=payload,
                                             timeout=self.target.timeouts,
                                             allow_redirects=False, verify=_verify(),
                                             proxies=requests.utils.get_environ_proxies(url))
        except requests.RequestException as error:
            raise IssueError(self._scrub(f"GitHub issues API: {type(error).__name__}")) \
                from None
        if 300 <= response.status_code < 400:
            raise IssueError(f"GitHub issues API: {method} {path.split('?')[0]} answered "
                             f"HTTP {response.status_code} (a redirect; not followed with the "
                             "token)")
        if response.status_code >= 300:
            raise IssueError(self._scrub(f"GitHub issues API: {method} {path.split('?')[0]} "
                                         f"answered HTTP {response.status_code}"
                                         f"{_message(response)}"))
        return response.json() if response.content else None

    def _scrub(self, text: str) -> str:
        token = self.target.token
        return text.replace(token, "***") if token else text


def _verify() -> "bool | str":
    import os

    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True


def _message(response: requests.Response) -> str:
    try:
        message = response.json().get("message")
    except (ValueError, AttributeError):
        return ""
    return f": {str(message).splitlines()[0][:200]}" if message else ""


__all__: List[str] = ["IssueTarget", "IssueError", "update_issue", "MARKER"]
