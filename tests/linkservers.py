"""Real HTTP servers on 127.0.0.x for the link-checker tests: links, arXiv, GitHub, DOI.

Each server is a threaded ``http.server`` bound to a loopback address and an ephemeral port,
counting on the server side what a test wants to assert: requests per path and method, and
the most requests it ever had in flight at once. The fake APIs answer in the formats the real
services use (Atom feeds with error entries, GitHub REST/GraphQL JSON with rate-limit
headers, handle-API JSON), so the client code under test is the code that talks to them.
Nothing here touches any other address.
"""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

Handler = Callable[["_Handler"], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _dispatch(self) -> None:
        owner = self.server.owner
        path = urlsplit(self.path).path
        self._left = False
        owner._enter(self.command, self.path)
        try:
            route = owner.routes.get(path) or owner.routes.get("*")
            if route is None:
                self.reply(404, body=b"not found")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self._finish()

    def _finish(self) -> None:
        """Count the request as finished, once: just before its last bytes go out, since the
        client may start its next request the moment they arrive (before this thread runs
        on), and the count must not see the two overlap."""
        if not self._left:
            self._left = True
            self.server.owner._leave()

    do_GET = do_HEAD = do_POST = do_PATCH = _dispatch

    def body_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"null")

    def reply(self, status: int, headers: Optional[Dict[str, str]] = None,
              body: bytes = b"ok") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if self.command == "HEAD":
            self._finish()
            self.end_headers()
            return
        self.end_headers()
        self._finish()
        self.wfile.write(body)

    def reply_json(self, status: int, data, headers: Optional[Dict[str, str]] = None) -> None:
        merged = {"Content-Type": "application/json; charset=utf-8"}
        merged.update(headers or {})
        self.reply(status, merged, json.dumps(data).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "LinkServer"


class LinkServer:
    """A server whose behaviour is ``routes``: path -> function(handler); ``*`` catches all."""

    def __init__(self, host: str = "127.0.0.1", routes: Optional[Dict[str, Handler]] = None):
        self.host = host
        self.routes: Dict[str, Handler] = dict(routes or {})
        self.requests: List[Tuple[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self.notes: Dict[str, object] = {}
        self._server: Optional[_Server] = None

    def _enter(self, method: str, path: str) -> None:
        with self.lock:
            self.requests.append((method, path))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def asked(self) -> List[Tuple[str, str]]:
        """The requests, without the soft-404 probes (one per host, see links.tasks)."""
        return [(m, p) for m, p in self.requests if "/awesome-tools-probe-" not in p]

    def probes(self) -> int:
        return sum(1 for _, p in self.requests if "/awesome-tools-probe-" in p)

    def count(self, path: str, method: Optional[str] = None) -> int:
        return sum(1 for m, p in self.requests
                   if urlsplit(p).path == path and (method is None or m == method))

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    def __enter__(self) -> "LinkServer":
        self._server = _Server((self.host, 0), _Handler)
        self._server.owner = self
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


# --------------------------------------------------------------------------- behaviours


def ok(status: int = 200, headers: Optional[Dict[str, str]] = None) -> Handler:
    return lambda h: h.reply(status, headers)


def redirect(location: str, status: int = 301) -> Handler:
    return lambda h: h.reply(status, {"Location": location}, b"")


def head_rejected(status: int = 405) -> Handler:
    """HEAD answers ``status``; GET works (servers that do not implement HEAD)."""
    return lambda h: h.reply(status if h.command == "HEAD" else 200)


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th behaviour; the last one repeats."""
    counter = iter(range(10 ** 9))
    lock = threading.Lock()

    def handle(h: _Handler) -> None:
        with lock:
            index = next(counter)
        handlers[min(index, len(handlers) - 1)](h)

    return handle


def slow(delay: float, then: Optional[Handler] = None) -> Handler:
    """Answers after ``delay`` seconds, with ``then`` (default: 200 OK)."""
    answer = then if then is not None else ok()

    def handle(h: _Handler) -> None:
        time.sleep(delay)
        answer(h)

    return handle


def drip(server: LinkServer, seconds: int = 30) -> Handler:
    """Send the status line one byte a second; notes how many bytes went out before hang-up."""

    def handle(h: _Handler) -> None:
        data = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Padding: " + b"x" * seconds
        sent = 0
        try:
            for byte in data:
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                sent += 1
                time.sleep(1.0)
        except OSError:
            pass
        finally:
            server.notes["drip_sent"] = sent
            server.notes["drip_done"] = True
            h.close_connection = True

    return handle


def huge(server: LinkServer, size: int = 10 * 1024 ** 3) -> Handler:
    """HEAD is refused; GET claims ``size`` bytes and streams zeros until the client leaves."""

    def handle(h: _Handler) -> None:
        if h.command == "HEAD":
            h.reply(405)
            return
        h.send_response(200)
        h.send_header("Content-Length", str(size))
        h.send_header("Content-Type", "application/octet-stream")
        h.end_headers()
        chunk, sent = b"\0" * 65536, 0
        try:
            while sent < size:
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        finally:
            server.notes["huge_sent"] = sent
            h.close_connection = True

    return handle


def closed_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- arXiv API

_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?\Z")
_ATOM_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/SkuXkYxumgL1drFIL7NufdnpkFc</id>
  <title>arXiv Query: search_query=&amp;id_list={ids}&amp;start=0&amp;max_results={n}</title>
  <updated>2025-11-11T18:34:08Z</updated>
  <link href="https://arxiv.org/api/query?search_query=&amp;start=0&amp;max_results={n}&amp;id_list={ids}" type="application/atom+xml"/>
  <opensearch:itemsPerPage>{n}</opensearch:itemsPerPage>
  <opensearch:totalResults>{total}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
"""  # noqa: E501 (Markdown/XML test data, lines as written)
_ATOM_ENTRY = """  <entry>
    <id>https://arxiv.org/abs/{id}v2</id>
    <title>{title}</title>
    <updated>2024-01-02T00:00:00Z</updated>
    <link href="https://arxiv.org/abs/{id}v2" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/{id}v2" rel="related" type="application/pdf" title="pdf"/>
    <summary>  An abstract, hard-wrapped
  as arXiv sends it.</summary>
    <author><name>A. Author</name></author>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"""
_ATOM_ERROR = """  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_{id}</id>
    <title>Error</title>
    <summary>incorrect id format for {id}</summary>
    <updated>2025-11-11T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_{id}" rel="alternate" type="text/html"/>
    <author><name>arXiv api core</name></author>
  </entry>
"""  # noqa: E501 (Markdown/XML test data, lines as written)


def arxiv_api(server: LinkServer, papers: Dict[str, str], rate_exceeded_first: int = 0,
              empty_first: int = 0) -> Handler:
    """``/api/query?id_list=...`` as export.arxiv.org answers it (entries in reverse order)."""
    state = {"calls": 0}
    server.notes["arxiv_batches"] = []

    def handle(h: _Handler) -> None:
        state["calls"] += 1
        ids = parse_qs(urlsplit(h.path).query).get("id_list", [""])[0].split(",")
        server.notes["arxiv_batches"].append(ids)
        if state["calls"] <= rate_exceeded_first:
            h.reply(503, {"Content-Type": "text/plain", "Retry-After": "1"}, b"Rate exceeded.")
            return
        head = _ATOM_HEAD.format(ids=",".join(ids), n=len(ids), total=len(ids))
        bad = [paper for paper in ids if not _ARXIV_ID.match(paper)]
        if bad:
            body = head + _ATOM_ERROR.format(id=bad[0]) + "</feed>\n"
        elif state["calls"] <= rate_exceeded_first + empty_first:
            body = head + "</feed>\n"
        else:
            entries = [_atom_entry(paper, papers[paper])
                       for paper in reversed(ids) if paper in papers]
            body = head + "".join(entries) + "</feed>\n"
        h.reply(200, {"Content-Type": "application/atom+xml; charset=utf-8"}, body.encode())

    return handle


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


_ATOM_RECORD = """  <entry>
    <id>http://arxiv.org/abs/{id}v{version}</id>
    <updated>{updated}T12:00:00Z</updated>
    <published>{published}T17:09:09Z</published>
    <title>{title}</title>
    <summary>{summary}</summary>
{authors}{extra}    <link href="http://arxiv.org/abs/{id}v{version}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/{id}v{version}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"""  # noqa: E501 (Markdown/XML test data, lines as written)


def _atom_entry(paper: str, record) -> str:
    """One feed entry: a title alone (the older fakes), or a record with ``published``,
    ``updated``, ``authors``, ``comment``, ``journal_ref``, ``doi`` and ``summary``, written
    as export.arxiv.org writes them (the arxiv: namespace declared on each element)."""
    if isinstance(record, str):
        return _ATOM_ENTRY.format(id=paper, title=_xml(record))
    ns = 'xmlns:arxiv="http://arxiv.org/schemas/atom"'
    extra = ""
    for name in ("comment", "journal_ref", "doi"):
        if record.get(name):
            extra += f"    <arxiv:{name} {ns}>{_xml(record[name])}</arxiv:{name}>\n"
    authors = "".join(f"    <author>\n      <name>{_xml(name)}</name>\n    </author>\n"
                      for name in record.get("authors", ["A. Author"]))
    published = record.get("published", "20" + paper[:2] + "-" + paper[2:4] + "-15"
                           if paper[:4].isdigit() else "2001-01-15")
    return _ATOM_RECORD.format(
        id=paper, version=record.get("version", 2), title=_xml(record["title"]),
        summary=_xml(record.get("summary", "An abstract,\n  hard-wrapped as arXiv sends it.")),
        published=published, updated=record.get("updated", published), authors=authors,
        extra=extra)


# --------------------------------------------------------------------------- GitHub API


class FakeGitHub:
    """Repositories, renames, rate limits and issues, answered as api.github.com does."""

    def __init__(self, server: LinkServer, repos: Dict[str, dict], moved: Dict[str, str],
                 remaining: int = 60, reset_in: int = 3600, secondary_first: int = 0,
                 moved_to: Optional[str] = None) -> None:
        self.server = server
        self.repos = {name.lower(): dict(data, full_name=name) for name, data in repos.items()}
        self.ids = {index + 1000: name for index, name in enumerate(self.repos)}
        self.moved = {old.lower(): new.lower() for old, new in moved.items()}
        self.remaining = remaining
        self.reset = int(time.time()) + reset_in
        self.auth: List[Optional[str]] = []
        self.issues: Dict[int, dict] = {}
        self.comments: List[Tuple[int, str]] = []
        self.lock = threading.Lock()
        self.secondary_left = secondary_first  # 403 "secondary rate limit", no Retry-After
        self.moved_to = moved_to  # base URL that renamed repositories redirect to
        server.routes["*"] = self.handle

    def _repo_json(self, name: str) -> dict:
        data = self.repos[name]
        return {"id": next(i for i, n in self.ids.items() if n == name),
                "full_name": data["full_name"], "name": data["full_name"].split("/")[1],
                "html_url": f"https://github.com/{data['full_name']}",
                "archived": bool(data.get("archived")), "private": False}

    def _limits(self) -> Dict[str, str]:
        return {"x-ratelimit-limit": "60", "x-ratelimit-remaining": str(max(self.remaining, 0)),
                "x-ratelimit-reset": str(self.reset), "x-ratelimit-used": "1",
                "x-ratelimit-resource": "core"}

    def handle(self, h: _Handler) -> None:
        self.auth.append(h.headers.get("Authorization"))
        path = urlsplit(h.path).path
        if path.startswith("/repos/") and "/issues" in path:
            self.issues_api(h, path)
            return
        with self.lock:
            if self.secondary_left > 0:
                self.secondary_left -= 1
                h.reply_json(403, {"message": "You have exceeded a secondary rate limit. Please "
                                   "wait a few minutes before you try again.",
                                   "documentation_url": "https://docs.github.com/rest"})
                return
            if self.remaining <= 0:
                h.reply_json(403, {"message": "API rate limit exceeded for 127.0.0.1.",
                                   "documentation_url": "https://docs.github.com/rest"},
                             self._limits())
                return
            self.remaining -= 1
        if path == "/graphql" and h.command == "POST":
            self.graphql(h)
            return
        match = re.fullmatch(r"/repos/([^/]+)/([^/]+)", path)
        if match:
            name = f"{match.group(1)}/{match.group(2)}".lower()
            if name in self.repos:
                h.reply_json(200, self._repo_json(name), self._limits())
            elif name in self.moved:
                number = next(i for i, n in self.ids.items() if n == self.moved[name])
                base = self.moved_to or f"http://{self.server.host}:{self.server.port}"
                location = f"{base}/repositories/{number}"
                h.reply_json(301, {"message": "Moved Permanently", "url": location,
                                   "documentation_url": "https://docs.github.com/"},
                             dict(self._limits(), Location=location))
            else:
                h.reply_json(404, {"message": "Not Found",
                                   "documentation_url": "https://docs.github.com/rest/repos"},
                             self._limits())
            return
        match = re.fullmatch(r"/repositories/(\d+)", path)
        if match and int(match.group(1)) in self.ids:
            h.reply_json(200, self._repo_json(self.ids[int(match.group(1))]), self._limits())
            return
        h.reply_json(404, {"message": "Not Found"}, self._limits())

    def graphql(self, h: _Handler) -> None:
        if not h.headers.get("Authorization"):
            h.reply_json(401, {"message": "This endpoint requires you to be authenticated."})
            return
        request = h.body_json()
        variables = request.get("variables") or {}
        aliases = re.findall(r"(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+)\)",
                             request["query"])
        data, errors = {}, []
        for alias, owner_var, name_var in aliases:
            name = f"{variables[owner_var]}/{variables[name_var]}".lower()
            name = self.moved.get(name, name)  # GraphQL follows renames
            if name in self.repos:
                repo = self._repo_json(name)
                data[alias] = {"nameWithOwner": repo["full_name"], "url": repo["html_url"],
                               "isArchived": repo["archived"]}
            else:
                data[alias] = None
                errors.append({"type": "NOT_FOUND", "path": [alias],
                               "locations": [{"line": 1, "column": 1}],
                               "message": f"Could not resolve to a Repository with the name "
                                          f"'{variables[owner_var]}/{variables[name_var]}'."})
        answer = {"data": data}
        if errors:
            answer["errors"] = errors
        h.reply_json(200, answer, self._limits())

    def issues_api(self, h: _Handler, path: str) -> None:
        if not h.headers.get("Authorization"):
            h.reply_json(401, {"message": "Requires authentication"})
            return
        match = re.fullmatch(r"/repos/[^/]+/[^/]+/issues(?:/(\d+))?(/comments)?", path)
        if match is None:
            h.reply_json(404, {"message": "Not Found"})
            return
        number, comments = match.group(1), match.group(2)
        with self.lock:
            if number is None and h.command == "GET":
                state = parse_qs(urlsplit(h.path).query).get("state", ["open"])[0]
                h.reply_json(200, [issue for issue in self.issues.values()
                                   if state == "all" or issue["state"] == state])
            elif number is None and h.command == "POST":
                body = h.body_json()
                new = len(self.issues) + 1
                self.issues[new] = {"number": new, "title": body["title"], "body": body["body"],
                                    "state": "open"}
                h.reply_json(201, self.issues[new])
            elif comments and h.command == "POST":
                self.comments.append((int(number), h.body_json()["body"]))
                h.reply_json(201, {"id": len(self.comments)})
            elif h.command == "PATCH" and int(number) in self.issues:
                self.issues[int(number)].update(h.body_json())
                h.reply_json(200, self.issues[int(number)])
            else:
                h.reply_json(404, {"message": "Not Found"})


# --------------------------------------------------------------------------- DOI handle API


def doi_api(known: Dict[str, str]) -> Handler:
    """``/api/handles/<doi>`` as doi.org answers: responseCode 1 with values, or 404/100."""

    def handle(h: _Handler) -> None:
        path = urlsplit(h.path).path
        if not path.startswith("/api/handles/"):
            h.reply_json(404, {"responseCode": 2, "message": "bad request"})
            return
        handle_name = path[len("/api/handles/"):]
        target = known.get(handle_name.lower())
        if target is None:
            h.reply_json(404, {"responseCode": 100, "handle": handle_name})
            return
        h.reply_json(200, {"responseCode": 1, "handle": handle_name, "values": [
            {"index": 1, "type": "URL", "data": {"format": "string", "value": target},
             "ttl": 86400, "timestamp": "2020-01-01T00:00:00Z"}]})

    return handle


# --------------------------------------------------------------------------- safety net


def _loopback(host: str) -> bool:
    text = host.strip("[]").split("%", 1)[0]
    if text.startswith("::ffff:"):
        text = text[len("::ffff:"):]
    return text.startswith("127.") or text == "::1"


def guard_network(monkeypatch) -> List[str]:
    """Refuse and record connections to anything but loopback, and lookups of names.

    ``socket.socket.connect``/``connect_ex`` refuse a non-loopback address with
    PermissionError; ``socket.getaddrinfo`` of a host name (not an address literal, not
    ``localhost``) raises "name not known" without asking any resolver. The list of attempts
    is returned for the caller to assert on.
    """
    import errno
    import ipaddress

    attempts: List[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_lookup = socket.getaddrinfo

    def allowed(sock, address) -> bool:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return True  # unix sockets and the like never leave the machine
        return _loopback(str(address[0]))

    def connect(sock, address):
        if not allowed(sock, address):
            attempts.append(f"connect {address[0]}:{address[1]}")
            raise PermissionError(errno.EACCES, f"tests may not connect to {address[0]}")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        if not allowed(sock, address):
            attempts.append(f"connect {address[0]}:{address[1]}")
            return errno.EACCES
        return real_connect_ex(sock, address)

    def lookup(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name in (None, "", "localhost"):
            return real_lookup(host, *args, **kwargs)
        try:
            ipaddress.ip_address(str(name).strip("[]").split("%", 1)[0])
        except ValueError:
            attempts.append(f"lookup {name}")
            raise socket.gaierror(socket.EAI_NONAME, f"{name}: lookups are blocked in tests") \
                from None
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return attempts


def forbid_internet(monkeypatch) -> List[str]:
    """The same guard (older name)."""
    return guard_network(monkeypatch)


# --------------------------------------------------------------------------- what real hosts do


def page(title: str, status: int = 200, text: str = "", headers: Optional[Dict[str, str]] = None
         ) -> Handler:
    """An HTML page with ``title`` (HEAD gets the same status and headers, no body)."""
    body = (f"<!doctype html><html><head><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>{text}</p></body></html>").encode()
    merged = {"Content-Type": "text/html; charset=utf-8"}
    merged.update(headers or {})
    return lambda h: h.reply(status, merged, body)


def cloudflare_challenge(status: int = 403) -> Handler:
    """Cloudflare's managed challenge: ``cf-mitigated: challenge`` and "Just a moment..."."""
    return page("Just a moment...", status, "Enable JavaScript and cookies to continue",
                {"cf-mitigated": "challenge", "Server": "cloudflare"})


def aws_waf_challenge() -> Handler:
    """AWS WAF: an empty 202 with ``x-amzn-waf-action: challenge``, for every path."""
    return lambda h: h.reply(202, {"x-amzn-waf-action": "challenge"}, b"")


def empty_202() -> Handler:
    """IEEE Xplore's answer to some clients: 202 and nothing else."""
    return lambda h: h.reply(202, {}, b"")


def soft_404_host() -> Handler:
    """A host that answers 200 "not found" for every path it does not have."""
    return page("Page not found", 200, "Sorry, this page does not exist.")


def same_page_host(title: str = "App") -> Handler:
    """A single-page app: the same shell for every path."""
    return page(title, 200, "<div id=root></div>")


def status_line_then_close() -> Handler:
    """A status line, then the connection closed before the header block ends."""

    def handle(h: _Handler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        h.wfile.flush()
        h.close_connection = True
        try:
            h.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    return handle


def resolver(names: Dict[str, object]):
    """A ``getaddrinfo`` for ``Policy(resolve=...)``: these names resolve to these loopback
    addresses; a value may be a LinkServer (its address, and its port whatever the URL says,
    so ``http://github.com/x`` reaches it) or a function returning an address per call (DNS
    rebinding). Every other name does not exist. No real resolver is asked."""

    def lookup(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        target = names.get(name.lower(), name if name.startswith("127.") else None)
        if callable(target) and not isinstance(target, LinkServer):
            target = target()
        if isinstance(target, LinkServer):
            target, port = target.host, target.port
        if target is None:
            raise socket.gaierror(socket.EAI_NONAME, f"{name}: not known (test resolver)")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (target, int(port or 80)))]

    return lookup


# --------------------------------------------------------------------------- OpenReview API


def openreview_api(notes: Dict[str, str], version: int = 2, forbidden=()) -> Handler:
    """``/notes?id=X`` as api2.openreview.net (``version`` 2) or api.openreview.net (1) answer:
    the note, 404 NotFoundError, or 403 ForbiddenError."""

    def handle(h: _Handler) -> None:
        query = parse_qs(urlsplit(h.path).query)
        note = query.get("id", [""])[0]
        if urlsplit(h.path).path != "/notes" or not note:
            h.reply_json(400, {"name": "ValidationError", "message": "bad request"})
        elif note in forbidden:
            h.reply_json(403, {"name": "ForbiddenError", "status": 403,
                               "message": f"You do not have permission to read {note}"})
        elif note in notes:
            h.reply_json(200, {"notes": [_note(note, notes[note], version)], "count": 1})
        else:
            h.reply_json(404, {"name": "NotFoundError", "status": 404,
                               "message": f"The Note {note} was not found"})

    return handle


def _note(note: str, record, version: int) -> dict:
    """A note as API 2 (``content.x.value``) or v1 (``content.x``) writes it: a title alone,
    or a record with ``authors``, ``venue``, ``venueid``, ``pdate`` (ms) and ``code``."""
    record = {"title": record} if isinstance(record, str) else dict(record)
    content = {}
    for name in ("title", "authors", "venue", "venueid", "code"):
        if name in record:
            content[name] = {"value": record[name]} if version == 2 else record[name]
    answer = {"id": note, "forum": note, "content": content}
    if "pdate" in record:
        answer["pdate"] = record["pdate"]
    return answer


def citation_page(title: str, authors=(), doi: str = "", status: int = 200) -> Handler:
    """A proceedings page (CVF, ACL Anthology, PMLR) with its Highwire ``citation_*`` tags."""
    metas = [f'<meta name="citation_title" content="{_xml(title)}">']
    metas += [f'<meta name="citation_author" content="{_xml(name)}">' for name in authors]
    if doi:
        metas.append(f'<meta name="citation_doi" content="{_xml(doi)}">')
    body = ("<!DOCTYPE html><html><head><title>" + _xml(title) + "</title>" + "".join(metas)
            + "</head><body><h1>" + _xml(title) + "</h1></body></html>").encode()
    return lambda h: h.reply(status, {"Content-Type": "text/html; charset=utf-8"}, body)
