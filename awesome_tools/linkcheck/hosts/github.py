"""GitHub repositories through the GitHub API: alive, moved, archived or gone.

github.com pages answer bots with 429 quickly, and a renamed repository still "works" there
through a redirect nobody notices. The REST call ``GET /repos/{owner}/{repo}`` says all of it:
200 with ``archived`` (an ``archived-repo`` warning), 301 to ``/repositories/{id}`` when the
repository was renamed or transferred (``redirected`` to the new ``html_url``), 404 when it is
gone (``dead``).

Budget: 60 requests an hour without a token, 1,000 an hour for Actions' ``GITHUB_TOKEN``.
With a token, repositories are asked in GraphQL batches (``github-batch`` aliases per query,
one request each); only the few that GraphQL cannot resolve are confirmed over REST (a moved
repository answers 301 there). Requests go one at a time (GitHub asks for serial requests).
``x-ratelimit-remaining: 0`` pauses the API host until ``x-ratelimit-reset``; when that is
further away than ``max-wait``, the remaining repositories are checked as plain web pages
instead. The token is sent only to the configured API host and never printed.
"""
from __future__ import annotations

import json
import time
from typing import List, Mapping, Optional, Sequence, Tuple
from urllib.parse import quote, urljoin

from awesome_tools.linkcheck.checker import (Context, Decision, HttpTask, Result, Task, host_of, retry_or_give_up)
from awesome_tools.linkcheck.policy import rate_limit_wait, retryable_status

MAX_JSON_BYTES = 4 * 1024 * 1024
EXHAUSTED = "github-exhausted"  # ctx.shared flag: the API budget is spent for this run
ARCHIVED = "archived-repo"


def _api_headers(ctx: Context) -> dict:
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if ctx.policy.github_token:
        headers["Authorization"] = f"Bearer {ctx.policy.github_token}"
    return headers


def _too_long(ctx: Context, headers: Mapping[str, str]) -> bool:
    wait = rate_limit_wait(headers)
    return wait is not None and wait > ctx.policy.max_wait


def _rate_limited(status: int, headers: Mapping[str, str]) -> bool:
    lowered = {key.lower(): value for key, value in headers.items()}
    return status in (403, 429) and (lowered.get("x-ratelimit-remaining") == "0"
                                     or "retry-after" in lowered)


class RepoTask(Task):
    """One repository over REST. ``repo`` is (owner, name) as written."""

    def __init__(self, key: str, url: str, repo: Tuple[str, str]) -> None:
        self.key, self.url, self.repo = key, url, repo
        self.retries = 0
        self.hops = 0
        self.api_url: Optional[str] = None
        self.host = ""

    def prepare(self, ctx: Context) -> "RepoTask":
        base = ctx.policy.github_api.rstrip("/")
        self.api_url = f"{base}/repos/{quote(self.repo[0])}/{quote(self.repo[1])}"
        self.host = host_of(base)
        return self

    def run(self, ctx: Context) -> Decision:
        if ctx.shared.get(EXHAUSTED):
            return self._fallback()
        assert self.api_url is not None
        outcome = ctx.fetch("GET", self.api_url, self.host, headers=_api_headers(ctx),
                            read_limit=MAX_JSON_BYTES)
        status = outcome.status
        if status is None:
            return self._retry(ctx, f"GitHub API: {outcome.error}", {}, None)
        if status in (301, 302, 307, 308) and self.hops < 3:
            target = urljoin(self.api_url, outcome.headers.get("location", ""))
            if host_of(target) == self.host:  # never send the token elsewhere
                self.api_url, self.hops = target, self.hops + 1
                return Decision(again=self)
        if status == 200:
            return self._found(outcome.body)
        if status in (404, 410):
            return self._done("dead", status, "GitHub API: repository not found")
        if _rate_limited(status, outcome.headers):
            if _too_long(ctx, outcome.headers):
                ctx.shared[EXHAUSTED] = True
                return self._fallback()
            return self._retry(ctx, f"GitHub API: HTTP {status} (rate limited)",
                               outcome.headers, 429)
        if status in (401, 403):  # a bad token or a blocked client: ask the web page instead
            ctx.shared[EXHAUSTED] = True
            return self._fallback()
        if status == 451:
            return self._done("unknown", status, "GitHub API: repository access blocked (451)")
        if not retryable_status(status):
            return self._fallback()
        return self._retry(ctx, f"GitHub API: HTTP {status}", outcome.headers, status)

    def _found(self, body: bytes) -> Decision:
        try:
            data = json.loads(body)
            full_name, html_url = data["full_name"], data["html_url"]
        except (ValueError, KeyError, TypeError):
            return self._done("unknown", 200, "GitHub API: unreadable answer")
        return Decision(results=(repo_result(self.key, self.url, self.repo, full_name,
                                             html_url, bool(data.get("archived"))),))

    def _retry(self, ctx: Context, what: str, headers, status: Optional[int]) -> Decision:
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: self._fallback())

    def _fallback(self) -> Decision:
        """Check the repository's web page instead (no API budget, or the API failing)."""
        return Decision(again=HttpTask(self.key, self.url))

    def _done(self, verdict: str, status: Optional[int], reason: str) -> Decision:
        return Decision(results=(Result(self.key, self.url, verdict, status, None, reason,
                                        checked_at=time.time()),))


def repo_result(key: str, url: str, asked: Tuple[str, str], full_name: str, html_url: str,
                archived: bool) -> Result:
    """alive, or redirected to ``html_url`` when the repository now has another name."""
    warnings = (ARCHIVED,) if archived else ()
    note = " (archived)" if archived else ""
    if full_name.lower() != f"{asked[0]}/{asked[1]}".lower():
        return Result(key, url, "redirected", 301, html_url,
                      f"GitHub API: repository moved to {full_name}{note}", warnings,
                      checked_at=time.time())
    return Result(key, url, "alive", 200, None, f"GitHub API: repository exists{note}",
                  warnings, checked_at=time.time())


_FIELDS = "nameWithOwner url isArchived"


class GraphQLBatch(Task):
    """Many repositories in one GraphQL query (aliases ``r0``, ``r1``...); needs a token."""

    def __init__(self, endpoint: str, repos: Sequence[Tuple[str, str, Tuple[str, str]]]) -> None:
        self.endpoint = endpoint
        self.host = host_of(endpoint)
        self.repos = list(repos)  # (key, url, (owner, name))
        self.retries = 0

    def query(self) -> dict:
        params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(len(self.repos)))
        fields = " ".join(f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {_FIELDS} }}"
                          for i in range(len(self.repos)))
        variables = {}
        for i, (_, _, (owner, name)) in enumerate(self.repos):
            variables[f"o{i}"], variables[f"n{i}"] = owner, name
        return {"query": f"query({params}) {{ {fields} }}", "variables": variables}

    def run(self, ctx: Context) -> Decision:
        if ctx.shared.get(EXHAUSTED):
            return self._to_rest(ctx)
        outcome = ctx.fetch("POST", self.endpoint, self.host, headers=_api_headers(ctx),
                            read_limit=MAX_JSON_BYTES, json_body=self.query())
        status = outcome.status
        if status is None:
            return self._retry(ctx, f"GitHub GraphQL: {outcome.error}", {}, None)
        if status != 200:
            if _rate_limited(status, outcome.headers) and not _too_long(ctx, outcome.headers):
                return self._retry(ctx, f"GitHub GraphQL: HTTP {status}", outcome.headers, 429)
            if status in (401, 403, 429):
                ctx.shared[EXHAUSTED] = True
            return self._to_rest(ctx)
        try:
            answer = json.loads(outcome.body)
            data = answer.get("data") or {}
        except (ValueError, AttributeError):
            return self._to_rest(ctx)
        if any((error or {}).get("type") == "RATE_LIMITED" for error in answer.get("errors")
               or ()):
            return self._retry(ctx, "GitHub GraphQL: rate limited", outcome.headers, 429)
        return self._answer(ctx, data)

    def _answer(self, ctx: Context, data: dict) -> Decision:
        results: List[Result] = []
        unresolved = []
        for i, (key, url, repo) in enumerate(self.repos):
            node = data.get(f"r{i}")
            if isinstance(node, dict) and node.get("nameWithOwner") and node.get("url"):
                results.append(repo_result(key, url, repo, node["nameWithOwner"], node["url"],
                                           bool(node.get("isArchived"))))
            else:  # NOT_FOUND or an error: REST tells moved (301) from gone (404)
                unresolved.append(RepoTask(key, url, repo).prepare(ctx))
        return Decision(results=tuple(results), spawn=tuple(unresolved))

    def _retry(self, ctx: Context, what: str, headers, status: Optional[int]) -> Decision:
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: self._to_rest(ctx))

    def _to_rest(self, ctx: Context) -> Decision:
        return Decision(spawn=tuple(RepoTask(key, url, repo).prepare(ctx)
                                    for key, url, repo in self.repos))


def tasks(ctx: Context, repos: Sequence[Tuple[str, str, Tuple[str, str]]]) -> List[Task]:
    """GraphQL batches with a token, else one REST task per repository."""
    if ctx.policy.github_token:
        size = ctx.policy.github_batch
        return [GraphQLBatch(ctx.policy.github_graphql, repos[start:start + size])
                for start in range(0, len(repos), size)]
    return [RepoTask(key, url, repo).prepare(ctx) for key, url, repo in repos]
