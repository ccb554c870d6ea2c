"""GitHub repositories through the GitHub API: alive, moved, archived or gone.

github.com pages answer bots with 429 after a handful of requests, token or not, and a renamed
repository still "works" there through a redirect nobody notices. The REST call
``GET /repos/{owner}/{repo}`` says all of it: 200 with ``archived`` (an ``archived-repo``
warning), 301 to ``/repositories/{id}`` when the repository was renamed or transferred
(``redirected`` to the new ``html_url``), 404 when it is gone (``dead``).

Budget: 60 requests an hour without a token, 1,000 an hour per repository for Actions'
``GITHUB_TOKEN``. With a token, repositories are asked in GraphQL batches (``github-batch``
aliases per query); only those GraphQL cannot resolve are confirmed over REST (a moved
repository answers 301 there). Requests go one at a time (GitHub asks for serial requests).
``x-ratelimit-remaining: 0`` pauses the API host until ``x-ratelimit-reset``; when that is
further than ``max-wait``, the budget is spent: the run warns (naming ``GITHUB_TOKEN`` when
there is none) and checks at most ``github-page-fallback`` repositories as web pages
(github.com throttles those too); the rest are ``unknown`` with that reason. A secondary rate
limit (403 "secondary rate limit", sometimes without ``Retry-After``) pauses the API host for
a minute, as GitHub asks, and is retried.

The token goes only to the configured API origin over https (loopback allowed, for tests),
and a redirect is followed only within that origin (scheme, host and port); it is never
printed.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, TYPE_CHECKING, Tuple
from urllib.parse import quote, urljoin, urlsplit

from awesome_tools.links.hosts import Claim, LinkHost, Limits, Setting
from awesome_tools.links.policy import host_of, rate_limit_wait, retryable_status, same_origin
from awesome_tools.links.tasks import PageTask, retry_or_give_up
from awesome_tools.links.types import Decision, LinkResult, Task, Verdict, Why, result
from awesome_tools.urls import github_repo

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.targets import Target

GITHUB_API = "https://api.github.com"
HOST = LinkHost(
    "github", "GitHub repositories through the GitHub API (GraphQL batches with a token)",
    settings=(
        Setting("github-api", "url", GITHUB_API, "the GitHub REST API base",
                env="AWESOME_TOOLS_GITHUB_API"),
        Setting("github-graphql", "url", None, "the GraphQL endpoint (default: github-api + "
                "/graphql)", env="AWESOME_TOOLS_GITHUB_GRAPHQL"),
        Setting("github-batch", "integer", 50, "repositories per GraphQL query (with "
                "GITHUB_TOKEN)", minimum=1),
        Setting("github-page-fallback", "integer", 50, "repositories checked as web pages "
                "once the API budget is spent", minimum=0),
    ))

CLAIMED_HOSTS = frozenset({"github.com", "www.github.com"})
MAX_JSON_BYTES = 4 * 1024 * 1024
EXHAUSTED = "github-exhausted"  # ctx.shared flag: the API budget is spent for this run
FALLBACKS = "github-fallbacks"  # ctx.shared: web pages asked instead of the API
ARCHIVED = "archived-repo"
SECONDARY_WAIT = 60.0


@HOST.claims
def claim(url: str, host: str) -> Optional[Claim]:
    if host not in CLAIMED_HOSTS or not _repo_root(url):
        return None
    repo = github_repo(url)
    return Claim("github:" + f"{repo[0]}/{repo[1]}".lower(), repo) if repo else None


def _repo_root(url: str) -> bool:
    """True for ``github.com/owner/repo`` itself (``/``, ``.git``, a query allowed)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return len([part for part in path.split("/") if part]) == 2


@HOST.builds
def build(ctx: "LinkContext", targets: Sequence["Target"]) -> List[Task]:
    """GraphQL batches with a token (sent only where it may go), else one REST task each."""
    repos = [(t.key, t.url, (t.ident[0], t.ident[1])) for t in targets]
    endpoint = graphql_endpoint(ctx.policy.settings)
    if ctx.token_for(endpoint):
        size = ctx.setting("github-batch")
        return [GraphQLBatch(endpoint, repos[start:start + size])
                for start in range(0, len(repos), size)]
    return [RepoTask(key, url, repo).prepare(ctx) for key, url, repo in repos]


@HOST.politeness
def limits(settings: Mapping[str, Any]) -> Dict[str, Limits]:
    serial = Limits(1, 0.0)
    return {host_of(settings["github-api"]): serial,
            host_of(graphql_endpoint(settings)): serial,
            "github.com": Limits(2, 0.1), "www.github.com": Limits(2, 0.1)}


def graphql_endpoint(settings: Mapping[str, Any]) -> str:
    return settings.get("github-graphql") or str(settings["github-api"]).rstrip("/") + \
        "/graphql"


def _api_headers(ctx: "LinkContext", url: str) -> Dict[str, str]:
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    token = ctx.token_for(url)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def _too_long(ctx: "LinkContext", headers: Mapping[str, str]) -> bool:
    wait = rate_limit_wait(headers)
    return wait is not None and wait > ctx.policy.max_wait


def _rate_limited(status: int, headers: Mapping[str, str]) -> bool:
    lowered = {key.lower(): value for key, value in headers.items()}
    return status in (403, 429) and (lowered.get("x-ratelimit-remaining") == "0"
                                     or "retry-after" in lowered)


def _secondary(status: int, body: bytes) -> bool:
    return status in (403, 429) and b"secondary rate limit" in body.lower()


def spend(ctx: "LinkContext") -> None:
    """The API budget is spent for this run: say so once, naming what would help."""
    ctx.shared[EXHAUSTED] = True
    if ctx.policy.github_token:
        ctx.warn("the GitHub API rate limit is spent for this run; the remaining repositories "
                 f"are checked as web pages (at most {ctx.setting('github-page-fallback')})")
    else:
        ctx.warn("the GitHub API allows 60 requests an hour without a token and they are "
                 "spent: set GITHUB_TOKEN (Actions: env GITHUB_TOKEN: ${{ "
                 "secrets.GITHUB_TOKEN }}) to check repositories through the API; "
                 f"at most {ctx.setting('github-page-fallback')} are checked as web pages")


def fallback(ctx: "LinkContext", key: str, url: str) -> Decision:
    """Check the repository's web page instead, while the capped number allows."""
    if ctx.take(FALLBACKS, ctx.setting("github-page-fallback")):
        return Decision(again=PageTask(key, url))
    hint = "" if ctx.policy.github_token else "; set GITHUB_TOKEN"
    return Decision(results=(result(key, url, Verdict.UNKNOWN, Why.NO_TOKEN, None,
                                    "not checked: the GitHub API budget is spent and github.com "
                                    f"pages are throttled for robots{hint}"),))


class RepoTask(Task):
    """One repository over REST. ``repo`` is (owner, name) as written."""

    def __init__(self, key: str, url: str, repo: Tuple[str, str]) -> None:
        self.key, self.url, self.repo = key, url, repo
        self.retries = 0
        self.hops = 0
        self.api_url = ""
        self.host = ""

    def prepare(self, ctx: "LinkContext") -> "RepoTask":
        base = str(ctx.setting("github-api")).rstrip("/")
        self.api_url = f"{base}/repos/{quote(self.repo[0])}/{quote(self.repo[1])}"
        self.host = host_of(base)
        return self

    def run(self, ctx: "LinkContext") -> Decision:
        if ctx.shared.get(EXHAUSTED):
            return fallback(ctx, self.key, self.url)
        outcome = ctx.fetch("GET", self.api_url, self.host,
                            headers=_api_headers(ctx, self.api_url), read_limit=MAX_JSON_BYTES)
        status = outcome.status
        if status is None:
            return self._retry(ctx, f"GitHub API: {outcome.error}", {}, None)
        if status in (301, 302, 307, 308) and self.hops < 3:
            target = urljoin(self.api_url, outcome.header("location"))
            if same_origin(target, self.api_url):  # never take the token elsewhere
                self.api_url, self.hops = target, self.hops + 1
                return Decision(again=self)
            return fallback(ctx, self.key, self.url)
        if status == 200:
            return self._found(outcome.body)
        if status in (404, 410):
            return self._done(Verdict.DEAD, Why.API_NOT_FOUND, status,
                              "GitHub API: repository not found")
        if _secondary(status, outcome.body):
            return self._secondary(ctx, outcome.headers)
        if _rate_limited(status, outcome.headers):
            if _too_long(ctx, outcome.headers):
                spend(ctx)
                return fallback(ctx, self.key, self.url)
            return self._retry(ctx, f"GitHub API: HTTP {status} (rate limited)",
                               outcome.headers, 429)
        if status in (401, 403):  # a bad token or a blocked client: ask the web page instead
            spend(ctx)
            return fallback(ctx, self.key, self.url)
        if status == 451:
            return self._done(Verdict.UNKNOWN, Why.HTTP_STATUS, status,
                              "GitHub API: repository access blocked (HTTP 451)")
        if not retryable_status(status):
            return fallback(ctx, self.key, self.url)
        return self._retry(ctx, f"GitHub API: HTTP {status}", outcome.headers, status)

    def _secondary(self, ctx: "LinkContext", headers: Mapping[str, str]) -> Decision:
        """A secondary limit: GitHub asks for a minute's pause when it gives no time."""
        if rate_limit_wait(headers) is not None:
            return self._retry(ctx, "GitHub API: secondary rate limit", headers, 429)
        if self.retries >= ctx.policy.retries:
            return fallback(ctx, self.key, self.url)
        self.retries += 1
        wait = min(SECONDARY_WAIT * self.retries, ctx.policy.max_wait)
        return Decision(again=self, delay=wait, pause_host=wait)

    def _found(self, body: bytes) -> Decision:
        try:
            data = json.loads(body)
            full_name, html_url = data["full_name"], data["html_url"]
            if not isinstance(full_name, str) or not isinstance(html_url, str):
                raise TypeError("not strings")
        except (ValueError, KeyError, TypeError):
            return self._done(Verdict.UNKNOWN, Why.API_ERROR, 200,
                              "GitHub API: unreadable answer")
        return Decision(results=(repo_result(self.key, self.url, self.repo, full_name,
                                             html_url, bool(data.get("archived"))),))

    def _retry(self, ctx: "LinkContext", what: str, headers: Mapping[str, str],
               status: Optional[int]) -> Decision:
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: fallback(ctx, self.key, self.url))

    def _done(self, verdict: Verdict, why: Why, status: Optional[int], reason: str) -> Decision:
        return Decision(results=(result(self.key, self.url, verdict, why, status, reason),))

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return (result(self.key, self.url, Verdict.UNKNOWN, why, None, reason),)


def repo_result(key: str, url: str, asked: Tuple[str, str], full_name: str, html_url: str,
                archived: bool) -> LinkResult:
    """alive, or redirected to ``html_url`` when the repository now has another name."""
    warnings = (ARCHIVED,) if archived else ()
    note = " (archived)" if archived else ""
    if full_name.lower() != f"{asked[0]}/{asked[1]}".lower() and _github_url(html_url):
        return result(key, url, Verdict.REDIRECTED, Why.MOVED, 301, "GitHub API: repository "
                      f"moved to {full_name}{note}", html_url, warnings=warnings)
    return result(key, url, Verdict.ALIVE, Why.API_FOUND, 200,
                  f"GitHub API: repository exists{note}", warnings=warnings)


def _github_url(url: str) -> bool:
    """A repository URL from an API answer is written into lists: https://github.com/ only."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and parts.hostname in CLAIMED_HOSTS and not parts.username


_FIELDS = "nameWithOwner url isArchived"


class GraphQLBatch(Task):
    """Many repositories in one GraphQL query (aliases ``r0``, ``r1``...); needs a token."""

    def __init__(self, endpoint: str, repos: Sequence[Tuple[str, str, Tuple[str, str]]]) -> None:
        self.endpoint = endpoint
        self.host = host_of(endpoint)
        self.repos = list(repos)  # (key, url, (owner, name))
        self.retries = 0

    def query(self) -> Dict[str, Any]:
        params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(len(self.repos)))
        fields = " ".join(f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {_FIELDS} }}"
                          for i in range(len(self.repos)))
        variables = {}
        for i, (_, _, (owner, name)) in enumerate(self.repos):
            variables[f"o{i}"], variables[f"n{i}"] = owner, name
        return {"query": f"query({params}) {{ {fields} }}", "variables": variables}

    def run(self, ctx: "LinkContext") -> Decision:
        if ctx.shared.get(EXHAUSTED):
            return self._to_rest(ctx)
        outcome = ctx.fetch("POST", self.endpoint, self.host,
                            headers=_api_headers(ctx, self.endpoint),
                            read_limit=MAX_JSON_BYTES, json_body=self.query())
        status = outcome.status
        if status is None:
            return self._retry(ctx, f"GitHub GraphQL: {outcome.error}", {}, None)
        if status != 200:
            if _rate_limited(status, outcome.headers) and not _too_long(ctx, outcome.headers):
                return self._retry(ctx, f"GitHub GraphQL: HTTP {status}", outcome.headers, 429)
            if status in (401, 403, 429):
                spend(ctx)
            return self._to_rest(ctx)
        try:
            answer = json.loads(outcome.body)
            data = answer.get("data") or {}
            errors = answer.get("errors") or ()
        except (ValueError, AttributeError):
            return self._to_rest(ctx)
        if any(isinstance(error, dict) and error.get("type") == "RATE_LIMITED"
               for error in errors if isinstance(errors, list)):
            return self._retry(ctx, "GitHub GraphQL: rate limited", outcome.headers, 429)
        return self._answer(ctx, data if isinstance(data, dict) else {})

    def _answer(self, ctx: "LinkContext", data: Dict[str, Any]) -> Decision:
        results: List[LinkResult] = []
        unresolved = []
        for i, (key, url, repo) in enumerate(self.repos):
            node = data.get(f"r{i}")
            if isinstance(node, dict) and isinstance(node.get("nameWithOwner"), str) \
                    and isinstance(node.get("url"), str):
                results.append(repo_result(key, url, repo, node["nameWithOwner"], node["url"],
                                           bool(node.get("isArchived"))))
            else:  # NOT_FOUND or an error: REST tells moved (301) from gone (404)
                unresolved.append(RepoTask(key, url, repo).prepare(ctx))
        return Decision(results=tuple(results), spawn=tuple(unresolved))

    def _retry(self, ctx: "LinkContext", what: str, headers: Mapping[str, str],
               status: Optional[int]) -> Decision:
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: self._to_rest(ctx))

    def _to_rest(self, ctx: "LinkContext") -> Decision:
        return Decision(spawn=tuple(RepoTask(key, url, repo).prepare(ctx)
                                    for key, url, repo in self.repos))

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return tuple(result(key, url, Verdict.UNKNOWN, why, None, reason)
                     for key, url, _ in self.repos)
