"""Checking a web page: :class:`PageTask`, one request per run, and what its answers prove.

A URL that no host plugin claims is a page. HEAD first, a GET when HEAD fails (405, 404 from
servers that mishandle HEAD, 202); redirects one hop per run (so the per-host limits stay
exact and every hop passes the address guard). The final answer is judged with care, because
a false ``alive`` hides a gone page and a false ``dead`` is a false alarm:

- **bot walls** (:mod:`walls`) are ``unknown``, named, never retried;
- **404/410** are ``dead``; a name that does not resolve or a refused connection is asked
  again ``confirm-wait`` seconds later and is ``dead`` only when it repeats;
- **a redirect chain ending on a login page**, and **a deep link redirected to a site's front
  page or a parent listing**, are ``redirected`` with that reason (never silently alive, and
  never offered to ``fix --update-redirects``);
- **soft 404s**: the first time a host answers 2xx for a deep path, the host is asked once for
  a path that cannot exist (:class:`ProbeTask`; the answer is kept per host in the cache). A
  host that answers that with 404 is honest, and its 2xx pages are alive. A host that answers
  it with a page is compared: a page with the same title and length as that answer is the
  host's "not found" page (``dead`` when the page says so, ``unknown`` otherwise: a
  single-page app answers every path alike), and a page that redirects where a missing path
  redirects is a generic redirect.

Host plugins subclass :class:`PageTask` to read a host's own redirects (paperswithcode's
successor pages) through :meth:`PageTask.interpret`.
"""
from __future__ import annotations

import hashlib
import html
import re
import secrets
from typing import Any, Callable, Dict, List, Mapping, Optional, TYPE_CHECKING, Tuple
from urllib.parse import urljoin, urlsplit

from awesome_tools.links import addresses, walls
from awesome_tools.links.policy import (head_failed, host_of, rate_limit_wait, reserved_name,
                                        retryable_status)
from awesome_tools.links.types import (Decision, LinkResult, Outcome, Task, Verdict, Why,
                                       result)
from awesome_tools.records import record

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext

PEEK = 32 * 1024  # bytes of a GET answer read for walls, titles and lengths
PROBE_PREFIX = "/awesome-tools-probe-"
SOFT404 = "soft404"  # ctx.shared key: origin -> HostProbe or PENDING
PENDING = "pending"

# Failures below HTTP that mean "the link cannot work" once they repeat, and transient ones.
CONFIRM_KINDS = {"dns": (Why.NO_SUCH_HOST, "host name not found"),
                 "refused": (Why.REFUSED, "connection refused")}
RETRY_KINDS = frozenset({"timeout", "deadline", "reset", "dns-temp", "incomplete",
                         "unreachable"})


# --------------------------------------------------------------------------- retries


def retry_or_give_up(task: Task, ctx: "LinkContext", what: str, headers: Mapping[str, str],
                     status: Optional[int], give_up: Callable[[str], Decision]) -> Decision:
    """Run ``task`` again after the policy's wait, or ``give_up(reason)`` when out of retries.

    The wait is the server's own (``Retry-After``, rate-limit reset) when it gave one, and
    then the whole host pauses; a 429 without one pauses the host for our backoff. A server
    asking for more than ``max-wait`` is not waited for. ``task.retries`` counts retries.
    """
    policy = ctx.policy
    asked = rate_limit_wait(headers)
    if asked is not None and asked > policy.max_wait:
        return give_up(f"{what}: the server asks us to wait {asked:.0f} s (more than "
                       f"max-wait {policy.max_wait:g} s)")
    retries = getattr(task, "retries", 0)
    if retries >= policy.retries:
        return give_up(what + (f" after {retries} retries" if retries else ""))
    wait = asked if asked is not None else policy.retry_wait(retries)
    task.retries = retries + 1
    pause = wait if (asked is not None or status == 429) else 0.0
    return Decision(again=task, delay=wait, pause_host=pause)


def why_for_status(status: Optional[int]) -> Why:
    """The reason kind of an unknown verdict after retries, from the last status seen."""
    if status is None:
        return Why.NETWORK
    if status == 429:
        return Why.RATE_LIMITED
    if status in (401, 403):
        return Why.FORBIDDEN
    if status >= 500:
        return Why.SERVER_ERROR
    return Why.HTTP_STATUS


# --------------------------------------------------------------------------- page judgement

_LOGIN_PATH = re.compile(
    r"/(?:log[-_]?in|sign[-_]?in|signin|sign_in|sign-on|signon|sso|auth|authenticate|"
    r"authorize|session|sessions/new|session/new|accounts/login|users/sign_in|servicelogin|"
    r"cas/login|oauth2?/authorize|idp|saml2?|account/login|uas/login|checkpoint/lg|"
    r"authwall)(?=[/?.#;]|$)", re.I)
_NOT_FOUND = re.compile(
    rb"\b(?:404|not found|page not found|does not exist|doesn't exist|no longer "
    rb"(?:available|exists)|cannot be found|could not be found|page is missing|"
    rb"nicht gefunden|introuvable)\b", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_INDEX = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?)\Z", re.I)


def is_login(url: str) -> bool:
    """True for a URL that is a login or sign-in page."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return bool(_LOGIN_PATH.search(path))


def _segments(path: str) -> List[str]:
    path = _INDEX.sub("/", path)
    return [part for part in path.split("/") if part]


def is_generic_redirect(start: str, final: str) -> bool:
    """A deep link that ended on a front page or on a parent of its own path."""
    try:
        a, b = urlsplit(start), urlsplit(final)
    except ValueError:
        return False
    before, after = _segments(a.path), _segments(b.path)
    if not before and not a.query:
        return False  # the link was a front page itself
    if not after and not b.query:
        return True
    same_site = _site(a.hostname or "") == _site(b.hostname or "")
    return same_site and not b.query and len(after) < len(before) \
        and [s.lower() for s in before[:len(after)]] == [s.lower() for s in after]


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def page_title(body: bytes) -> str:
    found = _TITLE.search(body[:PEEK])
    if not found:
        return ""
    text = found.group(1).decode("utf-8", "replace")
    return " ".join(html.unescape(text).split())[:200]


def says_not_found(body: bytes) -> bool:
    title = _TITLE.search(body[:PEEK])
    head = title.group(1) if title else b""
    return bool(_NOT_FOUND.search(head) or _NOT_FOUND.search(_visible(body[:8192])))


def _visible(body: bytes) -> bytes:
    return re.sub(rb"<(script|style)\b.*?</\1\s*>|<[^>]*>", b" ", body, flags=re.I | re.S)


@record(frozen=True)
class HostProbe:
    """How a host answered a path that cannot exist (``status`` None: no usable answer)."""

    status: Optional[int]
    final_url: str = ""
    redirected: bool = False
    title: str = ""
    length: Optional[int] = None
    digest: str = ""

    @property
    def honest(self) -> bool:
        """A 404/410 (or no usable answer): the host's 2xx pages can be believed."""
        return self.status is None or not (200 <= self.status < 300)

    def to_json(self) -> Dict[str, Any]:
        return {"status": self.status, "final_url": self.final_url,
                "redirected": self.redirected, "title": self.title, "length": self.length,
                "digest": self.digest}

    @classmethod
    def from_json(cls, data: object) -> Optional["HostProbe"]:
        if not isinstance(data, dict):
            return None
        status, final, redirected = data.get("status"), data.get("final_url"), \
            data.get("redirected")
        title, length, digest = data.get("title"), data.get("length"), data.get("digest")
        if not (status is None or (isinstance(status, int) and not isinstance(status, bool))):
            return None
        if not all(isinstance(v, str) for v in (final, title, digest)) \
                or not isinstance(redirected, bool) \
                or not (length is None or (isinstance(length, int)
                                           and not isinstance(length, bool))):
            return None
        return cls(status, final, redirected, title, length, digest)  # type: ignore[arg-type]


def _length(outcome: Outcome) -> Optional[int]:
    declared = outcome.header("content-length").strip()
    if declared.isdigit():
        return int(declared)
    return len(outcome.body) if outcome.body_complete else None


def _digest(outcome: Outcome) -> str:
    return hashlib.blake2b(outcome.body, digest_size=12).hexdigest() if outcome.body else ""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


# --------------------------------------------------------------------------- the page task


class PageTask(Task):
    """Check one URL as a web page; see the module docstring."""

    def __init__(self, key: str, url: str, method: str = "HEAD") -> None:
        self.key = key
        self.start_url = url
        self.url = url
        self.host = host_of(url)
        self.method = method  # GET when an earlier run saw HEAD fail here
        self.head_failed = False
        self.retries = 0
        self.confirmed = False  # a DNS failure or refusal is asked once more before "dead"
        self.hops: List[Tuple[int, str]] = []  # (status, url that answered it)
        self.visited = {_loop_key(url)}
        self.permanent: Optional[str] = None  # where the leading permanent redirects lead
        self.in_permanent = True
        self.waiting: Optional[Outcome] = None  # a 2xx answer waiting for its host's probe

    def run(self, ctx: "LinkContext") -> Decision:
        if self.waiting is not None:
            waiting, self.waiting = self.waiting, None
            return self._judge(ctx, waiting)
        if not self.host:
            return self._done(Verdict.DEAD, Why.INVALID, None, "invalid URL: no host name")
        if reserved_name(self.host):
            return self._done(Verdict.DEAD, Why.NO_SUCH_HOST, None,
                              f"host name not found ({self.host} is under a reserved "
                              "top-level domain that never resolves)")
        literal = addresses.refusal(self.host, ctx.policy.exclude_private,
                                    ctx.policy.trusted_addresses)
        if literal is not None:
            never = addresses.never(addresses.parse(self.host))  # type: ignore[arg-type]
            return self._refused(never, literal)
        outcome = ctx.fetch(self.method, self.url, self.host,
                            peek=PEEK if self.method == "GET" else 0)
        return self.answer(ctx, outcome)

    def answer(self, ctx: "LinkContext", outcome: Outcome) -> Decision:
        """Judge one answer (a subclass may pre-empt it)."""
        if outcome.status is None:
            return self._failed(ctx, outcome)
        status = outcome.status
        location = outcome.header("location")
        if 300 <= status < 400 and status != 304 and location:
            return self._redirect(ctx, status, location)
        if self.method == "HEAD" and head_failed(status):
            self.method, self.head_failed = "GET", True
            return Decision(again=self)
        wall = walls.recognise(outcome)
        if wall is not None:
            return self._done(Verdict.UNKNOWN, Why.BOT_WALL, status, f"{wall}: {walls.VERIFY}",
                              self._final_url())
        if retryable_status(status):
            return self._retry(ctx, f"HTTP {status}", outcome.headers, status)
        if status in (404, 410):
            return self._done(Verdict.DEAD, Why.NOT_FOUND, status,
                              self._with_chain(f"HTTP {status}"), self._final_url())
        if 200 <= status < 400:
            return self._judge(ctx, outcome)
        return self._done(Verdict.UNKNOWN, why_for_status(status), status,
                          self._with_chain(_status_text(status)), self._final_url())

    # --- a 2xx answer ---------------------------------------------------------------------

    def interpret(self, ctx: "LinkContext", outcome: Outcome) -> Optional[Decision]:
        """A host plugin's reading of a final answer, before the generic one (None: none)."""
        return None

    def _judge(self, ctx: "LinkContext", outcome: Outcome) -> Decision:
        own = self.interpret(ctx, outcome)
        if own is not None:
            return own
        status = outcome.status or 200
        if self.hops and is_login(self.url) and not is_login(self.start_url):
            return self._done(Verdict.REDIRECTED, Why.LOGIN, status,
                              f"{self._chain()} -> a login page ({self.url}): the page may be "
                              "private now, or gone; open it in a browser signed out",
                              self.url)
        if self.hops and is_generic_redirect(self.start_url, self.url):
            return self._generic(status, "the site's front page or a parent page")
        probe = self._probe(ctx, outcome)
        if isinstance(probe, Decision):
            return probe
        if probe is not None and not probe.honest:
            verdict = self._compare(outcome, probe)
            if verdict is not None:
                return verdict
        return self._alive(status)

    def _probe(self, ctx: "LinkContext", outcome: Outcome) -> "Optional[HostProbe] | Decision":
        """The host's probe, or a Decision to wait for it (asking it when nobody has)."""
        parts = urlsplit(self.url)
        if not _segments(parts.path) and not parts.query:
            return None  # a front page cannot be "not found"
        origin = origin_of(self.url)
        table = ctx.shared.setdefault(SOFT404, {})
        state = table.get(origin)
        if isinstance(state, HostProbe):
            return state
        self.waiting = outcome
        if state is None:
            table[origin] = PENDING
            return Decision(spawn=(ProbeTask(origin, self.host),), again=self, park=origin)
        return Decision(again=self, park=origin)

    def _compare(self, outcome: Outcome, probe: HostProbe) -> Optional[Decision]:
        status = outcome.status or 200
        if probe.redirected and self.hops and _loop_key(self.url) == _loop_key(probe.final_url):
            return self._generic(status, "the page a missing path of this host redirects to")
        if self.method == "HEAD":
            self.method = "GET"
            return Decision(again=self)  # the comparison needs the page itself
        title, length = page_title(outcome.body), _length(outcome)
        same_body = bool(probe.digest) and probe.digest == _digest(outcome)
        same_title = bool(title) and title == probe.title and _close(length, probe.length)
        if not (same_body or same_title):
            return None
        if says_not_found(outcome.body):
            return self._done(Verdict.DEAD, Why.SOFT_404, status,
                              f"soft 404: HTTP {status} with this host's \"not found\" page "
                              f"(title {title!r}, as for a path that cannot exist)",
                              self._final_url())
        return self._done(Verdict.UNKNOWN, Why.SAME_FOR_EVERY_PATH, status,
                          f"HTTP {status}, but the host answers a path that cannot exist with "
                          "the same page (a single-page app or a soft 404); open it in a "
                          "browser to verify", self._final_url())

    def _alive(self, status: int) -> Decision:
        if self.permanent is not None:
            return self._done(Verdict.REDIRECTED, Why.MOVED, status,
                              f"{self._chain()} -> HTTP {status}", self.permanent)
        return self._done(Verdict.ALIVE, Why.OK, status, self._with_chain(f"HTTP {status}"),
                          self._final_url())

    def _generic(self, status: int, what: str) -> Decision:
        return self._done(Verdict.REDIRECTED, Why.GENERIC, status,
                          f"{self._chain()} -> {self.url}, {what}: the page it named is "
                          "probably gone; find its new address or remove the link", self.url)

    # --- failures and redirects -----------------------------------------------------------

    def _failed(self, ctx: "LinkContext", outcome: Outcome) -> Decision:
        kind = outcome.kind
        if kind in ("private", "blocked"):
            return self._refused(kind == "blocked", outcome.error)
        if kind in CONFIRM_KINDS:
            why, _ = CONFIRM_KINDS[kind]
            if not self.confirmed:
                self.confirmed = True
                return Decision(again=self, delay=ctx.policy.confirm_wait)
            return self._done(Verdict.DEAD, why, None,
                              self._where(f"{outcome.error} (twice, {ctx.policy.confirm_wait:g} "
                                          "s apart)"), self._final_url())
        if kind == "invalid":
            return self._done(Verdict.DEAD, Why.INVALID, None, self._where(outcome.error),
                              self._final_url())
        if kind in RETRY_KINDS:
            return self._retry(ctx, outcome.error, {}, None,
                               Why.TIMEOUT if kind in ("timeout", "deadline") else Why.NETWORK)
        return self._done(Verdict.UNKNOWN, Why.NETWORK, None, self._where(outcome.error),
                          self._final_url())

    def _refused(self, never: bool, text: str) -> Decision:
        why = Why.BLOCKED if never else Why.PRIVATE
        if not self.hops:
            return self._done(Verdict.EXCLUDED, why, None, text)
        return self._done(Verdict.UNKNOWN, why, None,
                          f"{self._chain()} -> a refused address ({text}); not followed",
                          self.url)

    def _retry(self, ctx: "LinkContext", what: str, headers: Mapping[str, str],
               status: Optional[int], why: Optional[Why] = None) -> Decision:
        final_why = why or why_for_status(status)
        return retry_or_give_up(self, ctx, what, headers, status, lambda reason: self._done(
            Verdict.UNKNOWN, final_why, status, self._where(reason), self._final_url()))

    def _redirect(self, ctx: "LinkContext", status: int, location: str) -> Decision:
        target = urljoin(self.url, location.strip())
        self.hops.append((status, self.url))
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            return self._done(Verdict.UNKNOWN, Why.REDIRECT_PROBLEM, status,
                              f"{self._chain()} -> a non-HTTP URL", None)
        if len(self.hops) > ctx.policy.max_redirects:
            return self._done(Verdict.UNKNOWN, Why.REDIRECT_PROBLEM, status,
                              f"more than {ctx.policy.max_redirects} redirects", target)
        loop = _loop_key(target)
        if loop in self.visited:
            return self._done(Verdict.UNKNOWN, Why.REDIRECT_PROBLEM, status,
                              f"redirect loop: {self._chain()} -> {target}", target)
        self.visited.add(loop)
        if self.in_permanent and status in (301, 308):
            self.permanent = target
        else:
            self.in_permanent = False
        if status == 303:
            self.method = "GET"
        self.url, self.host = target, host_of(target)
        self.retries, self.confirmed = 0, False
        return Decision(again=self)

    # --- results --------------------------------------------------------------------------

    def _chain(self) -> str:
        return " -> ".join(f"HTTP {status}" for status, _ in self.hops)

    def _with_chain(self, text: str) -> str:
        return f"{self._chain()} -> {text}" if self.hops else text

    def _where(self, text: str) -> str:
        return f"{text} at {self.url}" if self.hops else text

    def _final_url(self) -> Optional[str]:
        return self.url if self.hops else None

    def _done(self, verdict: Verdict, why: Why, status: Optional[int], reason: str,
              final_url: Optional[str] = None) -> Decision:
        return Decision(results=(self.make(verdict, why, status, reason, final_url),))

    def make(self, verdict: Verdict, why: Why, status: Optional[int], reason: str,
             final_url: Optional[str] = None) -> LinkResult:
        extra = {"method": "GET"} if self.head_failed else {}
        return result(self.key, self.start_url, verdict, why, status, reason, final_url,
                      extra=extra)

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return (self.make(Verdict.UNKNOWN, why, None, reason, self._final_url()),)


def _status_text(status: int) -> str:
    if status in (401, 403):
        return (f"HTTP {status}: access refused (often a bot wall or a login); open the link "
                "in a browser to verify")
    return f"HTTP {status}"


def _close(a: Optional[int], b: Optional[int]) -> bool:
    if a is None or b is None:
        return True  # unknown length: the title decides
    return abs(a - b) <= max(256, 0.1 * max(a, b))


def _loop_key(url: str) -> str:
    return url.split("#", 1)[0]


# --------------------------------------------------------------------------- the host probe


class ProbeTask(Task):
    """Ask ``origin`` once for a path that cannot exist and keep how it answers (redirects
    followed up to five hops on the same run budget)."""

    def __init__(self, origin: str, host: str) -> None:
        self.origin = origin
        self.host = host
        self.start_url = origin + PROBE_PREFIX + secrets.token_hex(8)
        self.url = self.start_url
        self.hops = 0
        self.retries = 0

    def run(self, ctx: "LinkContext") -> Decision:
        outcome = ctx.fetch("GET", self.url, self.host, peek=PEEK)
        status = outcome.status
        if status is not None and 300 <= status < 400 and outcome.header("location") \
                and self.hops < 5:
            self.url = urljoin(self.url, outcome.header("location").strip())
            self.host, self.hops = host_of(self.url), self.hops + 1
            if urlsplit(self.url).scheme in ("http", "https"):
                return Decision(again=self)
        if status is not None and retryable_status(status) and self.retries < 1:
            self.retries += 1
            return Decision(again=self, delay=ctx.policy.retry_wait(0))
        self._keep(ctx, outcome)
        return Decision(release=self.origin)

    def _keep(self, ctx: "LinkContext", outcome: Outcome) -> None:
        status = outcome.status
        if status is not None and walls.recognise(outcome) is not None:
            status = None  # a wall says nothing about missing pages
        probe = HostProbe(status, self.url, bool(self.hops), page_title(outcome.body),
                          _length(outcome), _digest(outcome))
        ctx.shared.setdefault(SOFT404, {})[self.origin] = probe

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return ()
