"""One HTTP request at a time, safely: the only module of the link checker that uses ``requests``.

:class:`Network` owns a run's connections: one ``requests`` Session per worker thread over one
shared pool of kept-alive connections, the proxy and CA-bundle settings read once from the
environment, and three guards no caller can forget:

- **the address guard**: every connection resolves the name itself and checks each address
  *it is about to connect to* (:mod:`awesome_tools.links.addresses`); link-local and metadata
  addresses are never connected to, private ones not with ``--exclude-private``. Because the
  check and the connection use the same resolved address, DNS rebinding gains nothing, and
  redirects are checked like first requests. Through a proxy, the proxy connects: its own
  address is the environment's choice, and the target's name is checked by a lookup first
  with ``--exclude-private`` (the proxy may resolve it again; documented in SECURITY.md).
- **the deadline**: a watchdog shuts down the socket of a request that outlives its total
  deadline, so a server that drips one byte a second cannot hold a worker; the run's budget
  (``--max-time``) and Ctrl-C expire every request in flight the same way.
- **complete headers**: a response whose header block ends without its blank line (the
  server sent a status line and closed) is an error, never a status.

Bodies are never read for link checks unless asked: HEAD, or a streamed GET closed after the
headers; ``peek`` reads a bounded prefix (a challenge page's markers, a title).
"""
from __future__ import annotations

import errno
import heapq
import http.client
import itertools
import os
import socket
import ssl
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Set, Tuple, Union

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from awesome_tools.links import addresses
from awesome_tools.links.types import Outcome

_local = threading.local()


# --------------------------------------------------------------------------- deadlines


class _Guard:
    """One request's total deadline: the sockets it uses, shut down when time is up."""

    __slots__ = ("at", "lock", "sockets", "expired", "done", "why")

    def __init__(self, at: float) -> None:
        self.at = at
        self.lock = threading.Lock()
        self.sockets: List[socket.socket] = []
        self.expired = False
        self.done = False
        self.why = ""

    def attach(self, sock: Optional[socket.socket]) -> None:
        if sock is None:
            return
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def expire(self, why: str = "") -> None:
        with self.lock:
            if self.done:
                return
            self.expired = True
            self.why = self.why or why
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
                self._thread = threading.Thread(target=self._run, name="links-watchdog",
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


# --------------------------------------------------------------------------- connections


class BlockedAddress(OSError):
    """The address guard refused a connection; ``never`` for link-local/metadata addresses."""

    def __init__(self, message: str, never: bool) -> None:
        super().__init__(errno.EACCES, message)
        self.message = message
        self.never = never


class IncompleteHeaders(http.client.HTTPException):
    """The server closed the connection before the end of its header block."""


class _LineRecorder:
    """Wraps a response's file while its headers are read, remembering the last line."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.last = b"\r\n"

    def readline(self, *args: Any) -> bytes:
        line: bytes = self.raw.readline(*args)
        self.last = line
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _StrictResponse(http.client.HTTPResponse):
    """http.client takes end-of-file as the end of the headers; a status line followed by a
    hang-up would then read as a complete (often 200) answer. Here it is an error."""

    def begin(self) -> None:
        raw = self.fp
        recorder = _LineRecorder(raw)
        self.fp = recorder  # type: ignore[assignment]
        try:
            super().begin()
        finally:
            if self.fp is recorder:  # type: ignore[comparison-overlap]  # set just above
                self.fp = raw
        if recorder.last == b"":
            raise IncompleteHeaders("the server sent a status line but never finished its "
                                    "headers")


def _attach(sock: Optional[socket.socket]) -> None:
    guard = getattr(_local, "guard", None)
    if guard is not None:
        guard.attach(sock)


def _connect(host: str, port: int, timeout: Any, source_address: Any,
             socket_options: Any, via_proxy: bool) -> socket.socket:
    """urllib3's create_connection, with the address guard between lookup and connect."""
    network: Optional["Network"] = getattr(_local, "network", None)
    resolve = network.resolve if network is not None else socket.getaddrinfo
    infos = resolve(host.strip("[]"), port, 0, socket.SOCK_STREAM)
    refused: Optional[BlockedAddress] = None
    error: Optional[OSError] = None
    for family, kind, proto, _, address in infos:
        if network is not None and not via_proxy:
            blocked = network.refusal(str(address[0]))
            if blocked is not None:
                refused = refused or blocked
                continue
        sock = None
        try:
            sock = socket.socket(family, kind, proto)
            for option in socket_options or ():
                sock.setsockopt(*option)
            if timeout is None or isinstance(timeout, (int, float)):
                sock.settimeout(timeout)  # else urllib3's "default" marker: the socket's own
            if source_address:
                sock.bind(source_address)
            sock.connect(address)
            return sock
        except OSError as caught:
            error = caught
            if sock is not None:
                sock.close()
    if error is not None:
        raise error
    if refused is not None:
        raise refused
    raise OSError(f"no address found for {host}")


class _Watched:
    """Connection mixin: the address guard on connect, each socket handed to the running
    request's deadline guard, strict header parsing."""

    response_class = _StrictResponse

    def _new_conn(self):  # type: ignore[no-untyped-def]
        conn: Any = self
        try:
            sock = _connect(conn._dns_host, conn.port, conn.timeout, conn.source_address,
                            conn.socket_options, via_proxy=bool(getattr(conn, "proxy", None)))
        except BlockedAddress:
            raise
        except socket.gaierror as error:
            raise NameResolutionError(conn.host, conn, error) from error
        except socket.timeout as error:
            raise ConnectTimeoutError(conn, f"Connection to {conn.host} timed out. "
                                      f"(connect timeout={conn.timeout})") from error
        except OSError as error:
            raise NewConnectionError(conn, f"Failed to establish a new connection: {error}") \
                from error
        _attach(sock)
        return sock

    def getresponse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _attach(self.sock)  # type: ignore[attr-defined]  # a kept-alive connection
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, HTTPConnection):  # type: ignore[misc]
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):  # type: ignore[misc]
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

    def proxy_manager_for(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        manager = super().proxy_manager_for(*args, **kwargs)
        manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return manager


def new_session(adapter: Optional[_Adapter] = None) -> requests.Session:
    session = requests.Session()
    # requests would read the proxy variables, the CA-bundle variables and ~/.netrc again
    # for every request. The Network reads the environment once per run and passes proxies
    # and verify explicitly; ~/.netrc is never used, so no stored password goes to a list's
    # hosts.
    session.trust_env = False
    adapter = adapter or _Adapter(pool_connections=32, pool_maxsize=2)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# --------------------------------------------------------------------------- the network


class Network:
    """A run's connections and the rules they obey; see the module docstring.

    ``exclude_private`` refuses private addresses; ``trusted`` addresses count as public;
    ``resolve`` replaces ``socket.getaddrinfo`` (same signature) for library callers.
    """

    def __init__(self, *, concurrency: int = 64, exclude_private: bool = False,
                 trusted: Tuple[str, ...] = (),
                 resolve: Optional[Callable[..., Any]] = None,
                 environ: Optional[Mapping[str, str]] = None) -> None:
        self.exclude_private = exclude_private
        self.trusted = frozenset(trusted)
        self._resolve = resolve
        self.adapter = _Adapter(pool_connections=256, pool_maxsize=max(concurrency, 1))
        self._sessions: List[requests.Session] = []
        self._lock = threading.Lock()
        self._proxies: Dict[str, Dict[str, str]] = {}
        self._guards: Set[_Guard] = set()
        self._closed_why = ""
        env = os.environ if environ is None else environ
        self.verify: Union[bool, str] = env.get("REQUESTS_CA_BUNDLE") or \
            env.get("CURL_CA_BUNDLE") or True

    # --- the address guard ----------------------------------------------------------------

    def resolve(self, *args: Any, **kwargs: Any) -> Any:
        return (self._resolve or socket.getaddrinfo)(*args, **kwargs)

    def refusal(self, address: str) -> Optional[BlockedAddress]:
        text = addresses.refusal(address, self.exclude_private, self.trusted)
        if text is None:
            return None
        parsed = addresses.parse(address)
        return BlockedAddress(text, never=parsed is not None and addresses.never(parsed))

    def check_name(self, host: str) -> Optional[BlockedAddress]:
        """Through a proxy: the target's name checked by a lookup of our own (best effort)."""
        try:
            infos = self.resolve(host.strip("[]"), 80, 0, socket.SOCK_STREAM)
        except OSError:
            return None
        for info in infos:
            blocked = self.refusal(info[4][0])
            if blocked is not None:
                return blocked
        return None

    # --- sessions, proxies ----------------------------------------------------------------

    def proxies(self, url: str) -> Dict[str, str]:
        """The proxies requests would take from the environment for ``url`` (``no_proxy``
        included), worked out once per scheme and host."""
        key = "/".join(url.split("/", 3)[:3])
        found = self._proxies.get(key)
        if found is None:
            try:
                found = requests.utils.get_environ_proxies(url, no_proxy=None)
            except ValueError:  # a URL requests cannot split: it fails on its own later
                found = {}
            self._proxies[key] = found
        return found

    def session(self) -> requests.Session:
        session = getattr(_local, "session", None)
        if session is None or getattr(_local, "owner", None) is not self:
            session = new_session(self.adapter)
            _local.session, _local.owner = session, self
            with self._lock:
                self._sessions.append(session)
        return session

    # --- requests -------------------------------------------------------------------------

    def fetch(self, method: str, url: str, *, headers: Mapping[str, str],
              timeouts: Tuple[float, float], deadline: float, read_limit: int = 0,
              peek: int = 0, json_body: Optional[object] = None) -> Outcome:
        """One request, redirects not followed.

        ``read_limit``: read the whole body, failing above that many bytes (API answers);
        ``peek``: read at most that many bytes of it, no failure (page markers). Never raises
        for network trouble: the failure comes back as an Outcome with a one-line ``error``
        and a ``kind``.
        """
        if self._closed_why:
            return Outcome(None, {}, error=self._closed_why, kind="deadline")
        proxies = self.proxies(url)
        if proxies and self.exclude_private:
            from awesome_tools.links.policy import host_of

            blocked = self.check_name(host_of(url))
            if blocked is not None:
                return _blocked(blocked)
        guard = _Guard(time.monotonic() + deadline)
        with self._lock:
            self._guards.add(guard)
        _local.guard, _local.network = guard, self
        _WATCHDOG.add(guard)
        try:
            return self._request(method, url, headers, timeouts, read_limit, peek, json_body,
                                 proxies)
        except Exception as error:  # noqa: BLE001 - every failure becomes a verdict
            if guard.expired:
                why = guard.why or f"no complete answer within the {deadline:g} s deadline"
                return Outcome(None, {}, error=why, kind="deadline")
            return classify_error(error)
        finally:
            with guard.lock:
                guard.done = True
            with self._lock:
                self._guards.discard(guard)
            _local.guard = None

    def _request(self, method: str, url: str, headers: Mapping[str, str],
                 timeouts: Tuple[float, float], read_limit: int, peek: int,
                 json_body: Optional[object], proxies: Mapping[str, str]) -> Outcome:
        response = self.session().request(method, url, headers=dict(headers), json=json_body,
                                          timeout=timeouts, allow_redirects=False, stream=True,
                                          proxies=dict(proxies) if proxies else None,
                                          verify=self.verify)
        complete = True
        try:
            if read_limit:
                body = _read(response, read_limit)
            elif peek and method != "HEAD":
                body, complete = _peek(response, peek)
            else:
                body = b""
                if _small(response):
                    response.content  # noqa: B018 - drained, the connection is kept alive
        finally:
            response.close()
        return Outcome(response.status_code, response.headers, body, body_complete=complete)

    def expire_all(self, why: str) -> None:
        """End every request in flight now, and refuse new ones (the run's budget is spent,
        or the user pressed Ctrl-C)."""
        self._closed_why = why
        with self._lock:
            guards = list(self._guards)
        for guard in guards:
            guard.expire(why)

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        self.adapter.close()


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


def _peek(response: requests.Response, limit: int) -> Tuple[bytes, bool]:
    chunks, size = [], 0
    for chunk in response.iter_content(16384):
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            return b"".join(chunks)[:limit], False
    return b"".join(chunks), True


def _blocked(error: BlockedAddress) -> Outcome:
    return Outcome(None, {}, error=error.message, kind="blocked" if error.never else "private")


def classify_error(error: BaseException) -> Outcome:
    """Map an exception from requests to a one-line reason and a kind."""
    causes = list(_causes(error))
    for cause in causes:
        if isinstance(cause, BlockedAddress):
            return _blocked(cause)
        if isinstance(cause, IncompleteHeaders):
            return Outcome(None, {}, error=str(cause), kind="incomplete")
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
    for cause in causes:
        if getattr(cause, "errno", None) in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return Outcome(None, {}, error="network unreachable", kind="unreachable")
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = cause.verify_message or cause.reason or "certificate not trusted"
            return Outcome(None, {}, error=f"TLS error: certificate verify failed ({detail})",
                           kind="tls")
    if isinstance(error, requests.exceptions.SSLError):
        inner = next((c for c in causes if isinstance(c, ssl.SSLError)), None)
        detail = (inner.reason or str(inner)) if inner is not None else _first_line(error)
        return Outcome(None, {}, error=f"TLS error: {detail}"[:200], kind="tls")
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


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, its causes, contexts, ``reason`` attributes and exception arguments."""
    seen: Set[int] = set()
    todo: List[Any] = [error]
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
