"""The link checker's vocabulary: verdicts, typed reasons, results, tasks and their decisions.

In the spirit of lychee's ``Status``: a verdict alone (``alive``, ``redirected``, ``dead``,
``unknown``, ``excluded``) says what to do with a link, and a typed reason (:class:`Why`)
says why, so reports group by it, the cache keeps it, and ``fix --update-redirects`` applies
only the redirects that are real moves (:attr:`Why.MOVED`, :attr:`Why.SUCCESSOR`), never a
login page or a site's front page. ``reason`` is the one line a maintainer reads.

Nothing here imports ``requests``: the cache (read by ``check --online``) and the host
registry (read when the config is validated) use these types without the network stack.
"""
from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Mapping, Optional, Tuple

from awesome_tools.records import field, record

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext


class Verdict(str, enum.Enum):
    """What a maintainer should do with a link (a ``str``, so ``verdict == "dead"`` works)."""

    ALIVE = "alive"
    REDIRECTED = "redirected"
    DEAD = "dead"
    UNKNOWN = "unknown"
    EXCLUDED = "excluded"

    def __str__(self) -> str:
        return self.value


VERDICTS = ("alive", "redirected", "dead", "unknown")


class Why(str, enum.Enum):
    """The typed reason behind a verdict."""

    # alive
    OK = "ok"                          # a 2xx answer (after redirects)
    API_FOUND = "api-found"            # an API knows the paper, repository or DOI
    # redirected
    MOVED = "moved"                    # permanent redirect (301/308) or a renamed repository
    SUCCESSOR = "successor"            # a shut-down site's named successor (paperswithcode)
    LOGIN = "login-redirect"           # the chain ends on a login or sign-in page
    GENERIC = "generic-redirect"       # a deep link lands on a front page or listing page
    # dead (each one is proof)
    NOT_FOUND = "not-found"            # HTTP 404 or 410
    API_NOT_FOUND = "api-not-found"    # the source of truth says it does not exist
    SOFT_404 = "soft-404"              # a 200 page that is this host's "not found" page
    NO_SUCH_HOST = "no-such-host"      # the name does not resolve, twice
    REFUSED = "refused"                # the connection is refused, twice
    INVALID = "invalid-url"
    # unknown
    BOT_WALL = "bot-wall"              # a challenge or bot block: verify in a browser
    FORBIDDEN = "forbidden"            # 401/403 without a known wall
    RATE_LIMITED = "rate-limited"
    SERVER_ERROR = "server-error"      # 5xx after retries
    HTTP_STATUS = "http-status"        # another status that proves nothing
    TIMEOUT = "timeout"
    NETWORK = "network-error"          # reset, TLS, broken headers, other transport trouble
    REDIRECT_PROBLEM = "redirect-problem"  # loop, too many, non-HTTP target
    SAME_FOR_EVERY_PATH = "same-for-every-path"  # the host answers anything with one page
    API_ERROR = "api-error"
    NO_TOKEN = "no-token"              # the GitHub API budget without a token is spent
    BUDGET = "budget"                  # --max-time ran out before the link was checked
    INTERRUPTED = "interrupted"        # Ctrl-C
    NETWORK_DOWN = "network-down"      # no URL at all got an answer
    # excluded
    PRIVATE = "private-address"
    BLOCKED = "blocked-address"        # link-local / metadata: never fetched
    PATTERN = "excluded-pattern"

    def __str__(self) -> str:
        return self.value


# Reasons that a later run may see differently: the URL is asked again first next time.
UPDATABLE = frozenset({Why.MOVED, Why.SUCCESSOR})


@record(frozen=True)
class LinkResult:
    """The verdict on one URL (``key`` is its dedupe key, ``url`` what was fetched).

    ``final_url`` is the redirect target for ``redirected`` and the last URL fetched when
    other redirects happened. ``warnings`` carries rule names such as ``archived-repo``.
    ``extra`` is host data the cache keeps (an arXiv title, ``method: GET``).
    """

    key: str
    url: str
    verdict: Verdict
    why: Why
    status: Optional[int]
    final_url: Optional[str]
    reason: str
    warnings: Tuple[str, ...] = ()
    cached: bool = False
    checked_at: float = 0.0
    extra: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def updatable(self) -> bool:
        """True when ``fix --update-redirects`` may write ``final_url`` into the list."""
        return self.verdict == Verdict.REDIRECTED and self.why in UPDATABLE


@record
class Decision:
    """What one run of a task produced: results, "run me again" (after ``delay``, with the
    host paused for ``pause_host``), or new tasks. ``park``: hold ``again`` aside until a
    task's Decision says ``release`` with the same key (a page waiting for its host's
    soft-404 probe), so a waiting task never takes a slot of its host."""

    results: Tuple[LinkResult, ...] = ()
    again: Optional["Task"] = None
    delay: float = 0.0
    pause_host: float = 0.0
    spawn: Tuple["Task", ...] = ()
    park: str = ""
    release: str = ""


class Task:
    """One unit of scheduled work that makes at most one request per run.

    ``host`` is the scheduling key (the network host whose politeness applies; it may change
    between runs, after a redirect). ``abandon`` gives the results for every link the task
    covers when the run ends before it does (``--max-time``, Ctrl-C, the network down).
    """

    host: str = ""
    retries: int = 0  # how often it was run again after a transient failure

    def run(self, ctx: "LinkContext") -> Decision:  # pragma: no cover - interface
        raise NotImplementedError

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:  # pragma: no cover
        raise NotImplementedError


@record(frozen=True)
class Outcome:
    """A response's status and headers (and the first bytes of the body when asked for), or
    why there was none: ``kind`` is one of timeout, deadline, dns, dns-temp, refused, reset,
    tls, invalid, incomplete, private, blocked, other."""

    status: Optional[int]
    headers: Mapping[str, str]
    body: bytes = b""
    error: str = ""
    kind: str = ""
    body_complete: bool = True  # False when only a prefix of the body was read

    def header(self, name: str) -> str:
        """A header's value ('' when absent), matched ignoring case."""
        value = self.headers.get(name)
        if value is None:
            lowered = name.lower()
            for key, item in self.headers.items():
                if key.lower() == lowered:
                    return item
            return ""
        return value


def result(key: str, url: str, verdict: Verdict, why: Why, status: Optional[int], reason: str,
           final_url: Optional[str] = None, *, warnings: Tuple[str, ...] = (),
           checked_at: float = 0.0, extra: Optional[Mapping[str, str]] = None) -> LinkResult:
    """A fresh LinkResult (a keyword-friendly constructor for tasks)."""
    import time

    return LinkResult(key, url, verdict, why, status, final_url, reason, warnings,
                      checked_at=checked_at or time.time(), extra=dict(extra or {}))
