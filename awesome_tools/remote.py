"""A list on GitHub, read through the GitHub contents API: how reviewers check a submission.

``awesome-tools check https://github.com/OWNER/REPO`` reads the repository's README (the one
GitHub shows); ``https://github.com/OWNER/REPO/blob/REF/PATH`` and
``https://raw.githubusercontent.com/OWNER/REPO/REF/PATH`` read that file. Every form goes to
the contents API (``links.github-api``, or ``AWESOME_TOOLS_GITHUB_API``; tests point it at a
loopback server), never to the raw host, so:

- ``GITHUB_TOKEN`` is sent only to the API origin, and only where the link checker would send
  it (https, or a loopback address);
- the request goes through the link checker's network guard (:class:`~awesome_tools.links.http.
  Network`): link-local and metadata addresses are never connected to, private ones not with
  ``links.exclude-private``; its user agent and timeouts; one request (a renamed repository's
  redirect is followed within the API origin only);
- the answer is bounded (:data:`MAX_BYTES`) and decoded as a list file is (UTF-8, no NUL).

Library code: failures are :class:`~awesome_tools.errors.InputError` lines; nothing printed.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
import re
from typing import Any, Mapping, Optional
from urllib.parse import quote, urljoin

from awesome_tools.errors import InputError
from awesome_tools.records import record

MAX_BYTES = 8 * 1024 * 1024  # a README above this is no list; the API answers base64 (4/3)
DEADLINE = 60.0
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})"
_REPOSITORY = re.compile(rf"https://(?:www\.)?github\.com/(?P<owner>{_NAME})/(?P<repo>{_NAME})"
                         r"/?(?:[?#].*)?\Z")
_BLOB = re.compile(rf"https://(?:www\.)?github\.com/(?P<owner>{_NAME})/(?P<repo>{_NAME})"
                   r"/blob/(?P<ref>[^/?#]+)/(?P<path>[^?#]+)(?:[?#].*)?\Z")
_RAW = re.compile(rf"https://raw\.githubusercontent\.com/(?P<owner>{_NAME})/(?P<repo>{_NAME})"
                  r"/(?P<ref>[^/?#]+)/(?P<path>[^?#]+)(?:[?#].*)?\Z")


@record(frozen=True)
class RemoteList:
    """Where a remote list lives: the repository, and the file (None: its README)."""

    owner: str
    repo: str
    ref: Optional[str] = None
    path: Optional[str] = None

    def api_path(self) -> str:
        base = f"/repos/{quote(self.owner)}/{quote(self.repo.removesuffix('.git'))}"
        if self.path is None:
            return base + "/readme"
        return f"{base}/contents/{quote(self.path)}?ref={quote(self.ref or '', safe='')}"


def is_url(argument: str) -> bool:
    return argument.startswith(("https://", "http://"))


def parse_list_url(url: str) -> RemoteList:
    """The repository and file a URL names; InputError for any other URL."""
    for pattern in (_BLOB, _RAW):
        found = pattern.match(url)
        if found:
            return RemoteList(found["owner"], found["repo"], found["ref"], found["path"])
    found = _REPOSITORY.match(url)
    if found and found["repo"] not in (".", ".."):
        return RemoteList(found["owner"], found["repo"])
    raise InputError(f"{url}: only GitHub lists can be read from the web: "
                     "https://github.com/OWNER/REPO, or a file's blob or raw URL")


def fetch_list(url: str, section: Mapping[str, Any],
               environ: Optional[Mapping[str, str]] = None) -> bytes:
    """The bytes of the list at ``url`` (see the module docstring); ``section`` is the
    config's ``links`` section (API base, user agent, timeouts, exclude-private)."""
    from awesome_tools.links.http import Network
    from awesome_tools.links.policy import PolicyError, build_policy, same_origin, \
        token_allowed

    env = os.environ if environ is None else environ
    where = parse_list_url(url)
    try:
        policy = build_policy(section, env)
    except PolicyError as error:
        raise InputError(f"{error.key}: {error}") from None
    api = str(policy.setting("github-api")).rstrip("/")
    request = api + where.api_path()
    network = Network(concurrency=1, exclude_private=policy.exclude_private, environ=env)
    try:
        for _ in range(4):
            headers = {"User-Agent": policy.user_agent, "Accept": "application/vnd.github+json",
                       "X-GitHub-Api-Version": "2022-11-28"}
            if policy.github_token and token_allowed(request) and same_origin(request, api):
                headers["Authorization"] = f"Bearer {policy.github_token}"
            outcome = network.fetch("GET", request, headers=headers,
                                    timeouts=policy.timeouts(), deadline=DEADLINE,
                                    read_limit=MAX_BYTES * 2)
            moved = outcome.header("location") if outcome.status in (301, 302, 307, 308) \
                else ""
            if not moved:
                break
            target = urljoin(request, moved)
            if not same_origin(target, api):
                raise InputError(f"{url}: the GitHub API redirected out of {api}; not followed")
            request = target
    finally:
        network.close()
    return _content(url, outcome, bool(policy.github_token))


def _content(url: str, outcome: Any, token: bool) -> bytes:
    if outcome.status is None:
        raise InputError(f"{url}: cannot fetch it from the GitHub API ({outcome.error})")
    if outcome.status == 404:
        raise InputError(f"{url}: not found on GitHub (no such repository, file or README"
                         + ("" if token else "; a private one needs GITHUB_TOKEN") + ")")
    if outcome.status in (403, 429):
        raise InputError(f"{url}: the GitHub API refused (HTTP {outcome.status}, rate limit?"
                         + ("" if token else " set GITHUB_TOKEN") + ")")
    if outcome.status != 200:
        raise InputError(f"{url}: the GitHub API answered HTTP {outcome.status}")
    try:
        data = json.loads(outcome.body)
    except ValueError:
        raise InputError(f"{url}: the GitHub API's answer is not JSON") from None
    if not isinstance(data, dict) or data.get("type", "file") != "file":
        raise InputError(f"{url}: is not a file (a directory?)")
    if data.get("encoding") != "base64" or not isinstance(data.get("content"), str):
        raise InputError(f"{url}: the GitHub API sent no content (a file above 1 MB?)")
    try:
        raw = base64.b64decode(data["content"], validate=False)
    except (binascii.Error, ValueError):
        raise InputError(f"{url}: the GitHub API's content is not base64") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
    return raw


__all__ = ["RemoteList", "parse_list_url", "fetch_list", "is_url", "MAX_BYTES"]
