"""Checking URLs: one HTTP request per step, a scheduler that keeps the policy, verdicts.

The pipeline stage between extraction and reporting. Work is a set of *tasks* (one link, or
one batch for an API); each run of a task makes at most one HTTP request and returns a
:class:`Decision`: results, or "run me again" (after a redirect, a HEAD that failed, a
retry wait), or new tasks. The :class:`Scheduler` alone decides when a task may run, from the
:mod:`policy`: global and per-host in-flight limits, the per-host minimum interval, and host
pauses asked for by ``Retry-After``. Because waiting happens in the scheduler and never in a
worker, a thread is never parked on a polite pause, and because every step is one request,
the per-host limit is exact.

Requests go through ``requests`` with one Session per worker thread. Bodies are never read
for link checks (HEAD, then a streamed GET closed after the headers); a watchdog closes the
socket of any request that outlives its total deadline, so a server that drips one byte a
second cannot hold a worker.
"""
from __future__ import annotations

import errno
import heapq
import http.client
import itertools
import os
import socket
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Deque, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from awesome_tools.linkcheck.policy import (HostPolicy, Policy, head_failed, private_address, rate_limit_wait,
                     reserved_name, retryable_status, status_verdict)

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Result:
    """The verdict on one URL (``key`` is its dedupe key, ``url`` what was fetched).

    ``verdict`` is alive, redirected, dead or unknown, or ``excluded`` for a URL skipped by
    policy after all (a private address found by DNS). ``final_url`` is the permanent
    redirect target for ``redirected`` and the last URL fetched when other redirects
    happened. ``warnings`` carries rule names such as ``archived-repo``.
    """

    key: str
    url: str
    verdict: str
    status: Optional[int]
    final_url: Optional[str]
    reason: str
    warnings: Tuple[str, ...] = ()
    cached: bool = False
    checked_at: float = 0.0
    extra: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass
class Decision:
    """What a task run produced; see the module docstring."""

    results: Tuple[Result, ...] = ()
    again: Optional["Task"] = None
    delay: float = 0.0
    pause_host: float = 0.0
    spawn: Tuple["Task", ...] = ()


class Task:
    """One unit of scheduled work. ``host`` is the scheduling key (may change between runs)."""

    host: str = ""

    def run(self, ctx: "Context") -> Decision:  # pragma: no cover - interface
        raise NotImplementedError


# --------------------------------------------------------------------------- one request


@dataclass(frozen=True)
class Outcome:
    """A response's status and headers (body only when asked for), or why there was none."""

    status: Optional[int]
    headers: Mapping[str, str]
    body: bytes = b""
    error: str = ""
    kind: str = ""  # timeout, deadline, dns, dns-temp, refused, reset, tls, invalid, other


_local = threading.local()


class _Guard:
    """One request's total deadline: the sockets it uses, shut down when time is up."""

    __slots__ = ("at", "lock", "sockets", "expired", "done")

    def __init__(self, at: float) -> None:
        self.at = at
        self.lock = threading.Lock()
        self.sockets: List[socket.socket] = []
        self.expired = False
        self.done = False

    def attach(self, sock: Optional[socket.socket]) -> None:
        if sock is None:
            return
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def expire(self) -> None:
        with self.lock:
            if self.done:
                return
            self.expired = True
            for sock in self.sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    """Shut the file descriptor down (not SSLSocket.shutdown, which drops its state)."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, TypeError):
        pass


class _Watchdog:
    """One daemon thread that expires guards whose deadline has passed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: List[Tuple[float, int, _Guard]] = []
        self._seq = itertools.count()
        self._thread: Optional[threading.Thread] = None

    def add(self, guard: _Guard) -> None:
        with self._cond:
            heapq.heappush(self._heap, (guard.at, next(self._seq), guard))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="linkcheck-watchdog",
                                                daemon=True)
                self._thread.start()
            if self._heap[0][2] is guard:
                self._cond.notify()

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][0] <= now or self._heap[0][2].done):
                    guard = heapq.heappop(self._heap)[2]
                    if not guard.done:
                        guard.expire()
                self._cond.wait(self._heap[0][0] - now if self._heap else None)


_WATCHDOG = _Watchdog()


def _attach(sock: Optional[socket.socket]) -> None:
    guard = getattr(_local, "guard", None)
    if guard is not None:
        guard.attach(sock)


class _Watched:
    """Connection mixin: hand each socket to the running request's deadline guard."""

    def _new_conn(self):  # type: ignore[no-untyped-def]
        sock = super()._new_conn()  # type: ignore[misc]
        _attach(sock)
        return sock

    def getresponse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _attach(self.sock)  # type: ignore[attr-defined]  # a kept-alive connection
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(HTTPAdapter):
    """requests' adapter with watched connections; no retries (the scheduler retries)."""

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def new_session(adapter: Optional["_Adapter"] = None) -> requests.Session:
    session = requests.Session()
    # requests would read the proxy variables, the CA-bundle variables and ~/.netrc again
    # for every request (a sixth of its CPU per request here, more on CI runners with many
    # variables). The Context reads the environment once per run and passes proxies and
    # verify explicitly; ~/.netrc is never used, so no stored password goes to a list's hosts.
    session.trust_env = False
    adapter = adapter or _Adapter(pool_connections=32, pool_maxsize=2)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def shared_adapter(policy: Policy) -> _Adapter:
    """One adapter (one pool of kept-alive connections per host) for all of a run's threads.

    Each thread has its own Session (cookies stay apart), but connections are pooled across
    threads: the next request to a host reuses a connection any thread left open, instead
    of each of sixty-odd threads opening its own (a fifth of the CPU per request). urllib3's
    pools are thread-safe; a pool holds as many connections as may be in flight at once, so
    none is ever discarded for want of room.
    """
    return _Adapter(pool_connections=256, pool_maxsize=max(policy.concurrency, 1))


def fetch(session: requests.Session, method: str, url: str, *, headers: Mapping[str, str],
          timeouts: Tuple[float, float], deadline: float, read_limit: int = 0,
          json_body: Optional[object] = None, proxies: Optional[Mapping[str, str]] = None,
          verify: object = True) -> Outcome:
    """One request, redirects not followed; the body is read only up to ``read_limit`` bytes.

    Never raises for network trouble: the failure comes back as an Outcome with a one-line
    ``error`` and a ``kind`` the probes map to verdicts.
    """
    guard = _Guard(time.monotonic() + deadline)
    _local.guard = guard
    _WATCHDOG.add(guard)
    try:
        response = session.request(method, url, headers=dict(headers), json=json_body,
                                   timeout=timeouts, allow_redirects=False, stream=True,
                                   proxies=dict(proxies) if proxies else None, verify=verify)
        try:
            if read_limit:
                body = _read(response, read_limit)
            else:
                body = b""
                if _small(response):
                    response.content  # noqa: B018 - drained, the connection is kept alive
        finally:
            response.close()
        return Outcome(response.status_code, response.headers, body)
    except Exception as error:  # noqa: BLE001 - every failure becomes a verdict
        if guard.expired:
            return Outcome(None, {}, error=f"no complete answer within the {deadline:g} s "
                           "deadline", kind="deadline")
        return classify_error(error)
    finally:
        with guard.lock:
            guard.done = True
        _local.guard = None


KEEP_ALIVE_BYTES = 65536


def _small(response: requests.Response) -> bool:
    """True when the rest of the answer is known to be tiny (HEAD, short Content-Length).

    Reading such a body lets the connection go back to the pool (no new TCP and TLS
    handshake for the next link on that host); anything else is closed unread.
    """
    if response.request is not None and response.request.method == "HEAD":
        return True
    length = response.headers.get("content-length", "")
    return length.isdigit() and int(length) <= KEEP_ALIVE_BYTES


def _read(response: requests.Response, limit: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise requests.exceptions.ContentDecodingError(f"answer larger than {limit} bytes")
    return b"".join(chunks)


def classify_error(error: BaseException) -> Outcome:
    """Map an exception from requests to a one-line reason and a kind."""
    causes = list(_causes(error))
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
                return Outcome(None, {}, error="host name not found", kind="dns")
            return Outcome(None, {}, error=f"name lookup failed ({cause.strerror})",
                           kind="dns-temp")
    for cause in causes:
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == \
                errno.ECONNREFUSED:
            return Outcome(None, {}, error="connection refused", kind="refused")
    if isinstance(error, requests.exceptions.SSLError):
        return Outcome(None, {}, error=f"TLS error: {_first_line(error)}", kind="tls")
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return Outcome(None, {}, error="connection timed out", kind="timeout")
    if isinstance(error, (requests.exceptions.ReadTimeout, socket.timeout)):
        return Outcome(None, {}, error="no answer within the read timeout", kind="timeout")
    if isinstance(error, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                          requests.exceptions.MissingSchema, ValueError)):
        return Outcome(None, {}, error=f"invalid URL: {_first_line(error)}", kind="invalid")
    for cause in causes:
        if isinstance(cause, (ConnectionResetError, BrokenPipeError,
                              http.client.RemoteDisconnected, ConnectionAbortedError)):
            return Outcome(None, {}, error="connection closed by the server", kind="reset")
    if isinstance(error, requests.exceptions.ConnectionError):
        return Outcome(None, {}, error=f"connection failed: {_first_line(error)}", kind="reset")
    return Outcome(None, {}, error=f"{type(error).__name__}: {_first_line(error)}",
                   kind="other")


def _causes(error: BaseException):
    """The error, its causes, contexts, ``reason`` attributes and exception arguments."""
    seen, todo = set(), [error]
    while todo:
        item = todo.pop(0)
        if id(item) in seen or not isinstance(item, BaseException):
            continue
        seen.add(id(item))
        yield item
        todo.extend([item.__cause__, item.__context__, getattr(item, "reason", None),
                     *item.args])


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


# Kinds that mean "the link cannot work" vs "try again".
DEAD_KINDS = frozenset({"dns", "refused", "invalid"})
RETRY_KINDS = frozenset({"timeout", "deadline", "reset", "dns-temp"})


# --------------------------------------------------------------------------- context


class Context:
    """What a running task may use: the policy, its thread's Session, shared host state."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._host_policies: Dict[str, HostPolicy] = {}
        self._sessions: List[requests.Session] = []
        self._lock = threading.Lock()
        self._private: Dict[str, bool] = {}
        self.shared: Dict[str, object] = {}  # per-run state of host modules (rate budgets)
        self.requests = 0
        self.adapter = shared_adapter(policy)
        self._proxies: Dict[str, Dict[str, str]] = {}  # scheme://host:port -> proxies
        self.verify: object = os.environ.get("REQUESTS_CA_BUNDLE") or \
            os.environ.get("CURL_CA_BUNDLE") or True

    def proxies(self, url: str) -> Dict[str, str]:
        """The proxies requests would take from the environment for ``url`` (``no_proxy``
        included), worked out once per scheme and host."""
        origin = url.split("/", 3)[:3]
        key = "/".join(origin)
        found = self._proxies.get(key)
        if found is None:
            try:
                found = requests.utils.get_environ_proxies(url, no_proxy=None)
            except ValueError:  # a URL requests cannot split: it fails on its own later
                found = {}
            self._proxies[key] = found
        return found

    def host_policy(self, host: str) -> HostPolicy:
        found = self._host_policies.get(host)
        if found is None:
            found = self._host_policies[host] = self.policy.for_host(host)
        return found

    def session(self) -> requests.Session:
        session = getattr(_local, "session", None)
        if session is None or getattr(_local, "owner", None) is not self:
            session = new_session(self.adapter)
            _local.session, _local.owner = session, self
            with self._lock:
                self._sessions.append(session)
        return session

    def fetch(self, method: str, url: str, host: str, *, headers: Optional[Mapping] = None,
              read_limit: int = 0, json_body: Optional[object] = None) -> Outcome:
        """One request to ``url`` with the policy's headers, timeouts and deadline."""
        host_policy = self.host_policy(host)
        merged = self.policy.request_headers(host_policy)
        if headers:
            merged.update(headers)
        with self._lock:
            self.requests += 1
        return fetch(self.session(), method, url, headers=merged,
                     timeouts=self.policy.timeouts(),
                     deadline=host_policy.deadline or self.policy.deadline,
                     read_limit=read_limit, json_body=json_body, proxies=self.proxies(url),
                     verify=self.verify)

    def is_private(self, host: str) -> bool:
        found = self._private.get(host)
        if found is None:
            found = self._private[host] = private_address(host)
        return found

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
            self.adapter.close()


# --------------------------------------------------------------------------- retries


def retry_or_give_up(task: Task, ctx: Context, what: str, headers: Mapping[str, str],
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
    setattr(task, "retries", retries + 1)
    pause = wait if (asked is not None or status == 429) else 0.0
    return Decision(again=task, delay=wait, pause_host=pause)


# --------------------------------------------------------------------------- HTTP links


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HttpTask(Task):
    """Check one URL: HEAD, a streamed GET when HEAD fails, redirects one hop per run."""

    def __init__(self, key: str, url: str, method: str = "HEAD") -> None:
        self.key = key
        self.start_url = url
        self.url = url
        self.host = host_of(url)
        self.method = method  # GET when an earlier run saw HEAD fail here
        self.head_failed = False
        self.retries = 0
        self.hops: List[Tuple[int, str]] = []  # (status, url that answered it)
        self.visited = {_loop_key(url)}
        self.permanent: Optional[str] = None  # where the leading permanent redirects lead
        self.in_permanent = True

    def run(self, ctx: Context) -> Decision:
        policy = ctx.policy
        if not self.host:
            return self._done("dead", None, "invalid URL: no host name")
        if reserved_name(self.host):
            return self._done("dead", None, f"host name not found ({self.host} is under a "
                              "reserved top-level domain that never resolves)")
        if policy.exclude_private and ctx.is_private(self.host):
            if not self.hops:
                return self._done("excluded", None, "private, loopback or link-local address")
            return self._done("unknown", None, "redirects to a private address (not followed)")
        outcome = ctx.fetch(self.method, self.url, self.host)
        if outcome.status is None:
            return self._failed(ctx, outcome)
        status = outcome.status
        location = outcome.headers.get("location")
        if 300 <= status < 400 and status != 304 and location:
            return self._redirect(ctx, status, location)
        if self.method == "HEAD" and head_failed(status):
            self.method, self.head_failed = "GET", True
            return Decision(again=self)
        if retryable_status(status):
            return self._retry(ctx, f"HTTP {status}", outcome.headers, status)
        return self._final(status)

    # --- outcomes ---------------------------------------------------------------------------

    def _final(self, status: int) -> Decision:
        verdict = status_verdict(status)
        reason = f"HTTP {status}"
        final_url = self.url if self.hops else None
        if self.hops:
            reason = f"{self._chain()} -> HTTP {status}"
        if verdict == "alive" and self.permanent is not None:
            return self._done("redirected", status, reason, self.permanent)
        return self._done(verdict, status, reason, final_url)

    def _failed(self, ctx: Context, outcome: Outcome) -> Decision:
        if outcome.kind in DEAD_KINDS:
            return self._done("dead", None, self._where(outcome.error), self._final_url())
        if outcome.kind in RETRY_KINDS:
            return self._retry(ctx, outcome.error, {}, None)
        return self._done("unknown", None, self._where(outcome.error), self._final_url())

    def _retry(self, ctx: Context, what: str, headers: Mapping[str, str],
               status: Optional[int]) -> Decision:
        return retry_or_give_up(self, ctx, what, headers, status, lambda reason: self._done(
            "unknown", status, self._where(reason), self._final_url()))

    def _redirect(self, ctx: Context, status: int, location: str) -> Decision:
        target = urljoin(self.url, location.strip())
        self.hops.append((status, self.url))
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            return self._done("unknown", status, f"{self._chain()} -> non-HTTP URL {target}",
                              target)
        if len(self.hops) > ctx.policy.max_redirects:
            return self._done("unknown", status, f"more than {ctx.policy.max_redirects} "
                              "redirects", target)
        loop = _loop_key(target)
        if loop in self.visited:
            return self._done("unknown", status, f"redirect loop: {self._chain()} -> "
                              f"{target}", target)
        self.visited.add(loop)
        if self.in_permanent and status in (301, 308):
            self.permanent = target
        else:
            self.in_permanent = False
        if status == 303:
            self.method = "GET"
        self.url, self.host = target, host_of(target)
        self.retries = 0
        return Decision(again=self)

    def _chain(self) -> str:
        return " -> ".join(f"HTTP {status}" for status, _ in self.hops)

    def _where(self, text: str) -> str:
        return f"{text} at {self.url}" if self.hops else text

    def _final_url(self) -> Optional[str]:
        return self.url if self.hops else None

    def _done(self, verdict: str, status: Optional[int], reason: str,
              final_url: Optional[str] = None) -> Decision:
        extra = {"method": "GET"} if self.head_failed else {}
        return Decision(results=(Result(self.key, self.start_url, verdict, status, final_url,
                                        reason, checked_at=time.time(), extra=extra),))


def _loop_key(url: str) -> str:
    return url.split("#", 1)[0]


# --------------------------------------------------------------------------- scheduling


@dataclass
class _Host:
    policy: HostPolicy
    in_flight: int = 0
    next_start: float = 0.0
    paused_until: float = 0.0
    fresh: Deque[Task] = field(default_factory=deque)
    delayed: List[Tuple[float, int, Task]] = field(default_factory=list)
    queued_at: Optional[float] = None  # time of this host's live entry in the ready heap

    def has_work(self) -> bool:
        return bool(self.fresh or self.delayed)

    def ready_at(self) -> Optional[float]:
        """When this host may start its next task, or None when it has none or no free slot."""
        if self.in_flight >= self.policy.per_host or not self.has_work():
            return None
        earliest = 0.0 if self.fresh else self.delayed[0][0]
        return max(self.next_start, self.paused_until, earliest)

    def pop(self, now: float) -> Task:
        if self.delayed and self.delayed[0][0] <= now:
            return heapq.heappop(self.delayed)[2]
        return self.fresh.popleft()


class Scheduler:
    """Run tasks under the policy's limits on a thread pool; see the module docstring.

    ``start`` begins dispatching on a background thread, ``add`` gives more tasks while it
    runs (a command can start on the last run's failures while it still reads the lists),
    ``finish`` waits for all of them. One scheduler per run, so the per-host limits hold
    across everything it is given.
    """

    def __init__(self, ctx: Context, progress: Optional[Callable[[int], None]] = None) -> None:
        self.ctx = ctx
        self.progress = progress
        self._cond = threading.Condition()
        self._hosts: Dict[str, _Host] = {}
        self._ready: List[Tuple[float, int, str]] = []
        self._seq = itertools.count()
        self._in_flight = 0
        self._results: List[Result] = []
        self._errors: List[BaseException] = []
        self._open = False  # more tasks may still be added
        self._stopped = False
        self._pool: Optional[ThreadPoolExecutor] = None
        self._thread: Optional[threading.Thread] = None

    def start(self, tasks: Sequence[Task] = ()) -> None:
        """Begin dispatching on a background thread; ``add`` more, then ``finish``."""
        limit = self.ctx.policy.concurrency
        self._pool = ThreadPoolExecutor(max_workers=limit, thread_name_prefix="linkcheck")
        self._open = True
        self.add(tasks)
        self._thread = threading.Thread(target=self._serve, args=(self._pool, limit),
                                        name="linkcheck-dispatch", daemon=True)
        self._thread.start()

    def add(self, tasks: Sequence[Task]) -> None:
        with self._cond:
            for task in tasks:
                self._enqueue(task, 0.0)
            self._cond.notify()

    def finish(self) -> List[Result]:
        """Wait for every task added so far; the results of all of them."""
        assert self._thread is not None and self._pool is not None, "start() first"
        with self._cond:
            self._open = False
            self._cond.notify()
        try:
            self._thread.join()
        except BaseException:  # interrupted: stop dispatching, drop what has not started
            self.stop()
            raise
        self._pool.shutdown(wait=True)
        if self._errors:
            raise self._errors[0]
        return self._results

    def completed(self) -> int:
        """How many results are in so far."""
        with self._cond:
            return len(self._results)

    def stop(self) -> None:
        """Start nothing more (an error or an interrupt elsewhere ends the run)."""
        with self._cond:
            self._stopped, self._open = True, False
            self._ready.clear()
            self._cond.notify()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _serve(self, pool: ThreadPoolExecutor, limit: int) -> None:
        with self._cond:
            self._dispatch_loop(pool, limit)
            self._cond.notify_all()

    def _dispatch_loop(self, pool: ThreadPoolExecutor, limit: int) -> None:
        while self._ready or self._in_flight or self._open:
            if self._errors or self._stopped:
                return
            now = time.monotonic()
            while self._ready and self._in_flight < limit and self._ready[0][0] <= now:
                at, _, name = heapq.heappop(self._ready)
                host = self._hosts[name]
                if host.queued_at != at:
                    continue  # superseded by an earlier entry
                host.queued_at = None
                ready = host.ready_at()
                if ready is None:
                    continue  # re-queued when a slot frees
                if ready > now:
                    self._push(ready, name)
                    continue
                task = host.pop(now)
                host.in_flight += 1
                host.next_start = now + host.policy.min_interval
                self._in_flight += 1
                pool.submit(self._work, task, name)
                self._schedule(name)
            timeout = None
            if self._ready and self._in_flight < limit:
                timeout = max(0.0, self._ready[0][0] - time.monotonic())
            if self._ready or self._in_flight or self._open:
                self._cond.wait(timeout)

    def _work(self, task: Task, name: str) -> None:
        try:
            decision = task.run(self.ctx)
        except BaseException as error:  # a bug: stop the run and re-raise in the caller
            with self._cond:
                self._errors.append(error)
                self._in_flight -= 1
                self._cond.notify()
            return
        with self._cond:
            host = self._hosts[name]
            host.in_flight -= 1
            self._in_flight -= 1
            now = time.monotonic()
            if decision.pause_host:
                host.paused_until = max(host.paused_until, now + decision.pause_host)
            self._results.extend(decision.results)
            for spawned in decision.spawn:
                self._enqueue(spawned, 0.0)
            if decision.again is not None:
                self._enqueue(decision.again, decision.delay)
            self._schedule(name)
            self._cond.notify()
        if decision.results and self.progress is not None:
            self.progress(len(decision.results))

    def _enqueue(self, task: Task, delay: float) -> None:
        name = task.host
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(self.ctx.host_policy(name))
        if delay > 0:
            heapq.heappush(host.delayed, (time.monotonic() + delay, next(self._seq), task))
        else:
            host.fresh.append(task)
        self._schedule(name)

    def _schedule(self, name: str) -> None:
        ready = self._hosts[name].ready_at()
        if ready is not None:
            self._push(ready, name)

    def _push(self, at: float, name: str) -> None:
        host = self._hosts[name]
        if host.queued_at is not None and host.queued_at <= at:
            return  # an entry at least as early is waiting; it re-checks the host
        host.queued_at = at
        heapq.heappush(self._ready, (at, next(self._seq), name))
