"""Benchmark `awesome-tools links` against its own bound and against the peers, on loopback.

One command: ``.venv/bin/python bench/links_bench.py``.

2,000 URLs over 20 loopback hosts (127.0.0.2 .. 127.0.0.21), 100 per host, each answer delayed
50 ms: 70 alive, 10 moved (301 to an alive page), 10 dead (404), 1 rate-limited once (429 with
``Retry-After: 1``, then 200) and 9 slow (300 ms) per host, in shuffled order. The server runs
in its own process (asyncio, keep-alive) and counts, per host, requests and the most it ever
had in flight. Each tool gets its own path prefix so its 429s are its own.

Figures printed:
- our wall time against the lower bound: the larger of (a) what our per-host limits allow for
  the requests we made (per host: starts ``min-interval`` apart, at most ``per-host`` at once,
  plus the ``Retry-After`` pause) and (b) the CPU time that plain ``requests`` (one Session per
  thread) spends on the same request sequence, measured here in the same run;
- markdown-link-check (npm, installed under bench/node_modules) on the same 2,000 URLs and
  linkchecker (PyPI, in a venv under bench/.work) on a 200-URL slice, as URLs per second;
- peak memory (max RSS) and verdict accuracy of each tool, max in-flight per host seen by the
  servers, and a second, cached run of ours as a ratio of the first.

Nothing here talks to anything but 127.0.0.x (and the package registries, once, to install
the two peers when they are missing).
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import re
import socket
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from measure import run_measured

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"
HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]
LATENCY = 0.05
SLOW = 0.30
RETRY_AFTER = 1
MIX = (("ok", 70), ("moved", 10), ("dead", 10), ("limited", 1), ("slow", 9))
EXPECTED = {"ok": "alive", "moved": "redirected", "dead": "dead", "limited": "alive",
            "slow": "alive"}
SLICE = 200
GOALS = {"bound": 1.3, "mlc": 10.0, "memory_mb": 150.0, "cached": 0.1}


# =========================================================================== the server

class Stats:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.in_flight: Counter = Counter()
        self.max_in_flight: Counter = Counter()
        self.requests: Counter = Counter()
        self.limited_seen: set = set()


STATS = Stats()


async def _answer(path: str, method: str, host: str) -> Tuple[int, Dict[str, str], float]:
    """(status, headers, delay) for a benchmark path ``/<run>/<kind>/<n>``."""
    parts = path.split("?", 1)[0].strip("/").split("/")
    if len(parts) != 3:
        return 404, {}, 0.0
    run, kind, number = parts
    if kind in ("ok", "target"):
        return 200, {}, LATENCY
    if kind == "moved":
        return 301, {"Location": f"/{run}/target/{number}"}, LATENCY
    if kind == "dead":
        return 404, {}, LATENCY
    if kind == "slow":
        return 200, {}, SLOW
    if kind == "limited":
        key = (host, path)
        if key not in STATS.limited_seen:
            STATS.limited_seen.add(key)
            return 429, {"Retry-After": str(RETRY_AFTER)}, LATENCY
        return 200, {}, LATENCY
    return 404, {}, LATENCY


async def _serve_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    host = writer.get_extra_info("sockname")[0]
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = (lines[0].split(" ") + ["", ""])[:3]
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (line.partition(":") for line in lines[1:] if line)}
            length = int(headers.get("content-length") or 0)
            if length:
                await reader.readexactly(length)
            close = headers.get("connection", "").lower() == "close"
            if path.startswith("/__"):
                await _control(path, writer)
                if close:
                    break
                continue
            STATS.requests[host] += 1
            STATS.in_flight[host] += 1
            STATS.max_in_flight[host] = max(STATS.max_in_flight[host], STATS.in_flight[host])
            try:
                status, extra, delay = await _answer(path, method, host)
                await asyncio.sleep(delay)
                body = b"" if method == "HEAD" else (b"<html><body>ok</body></html>"
                                                     if status == 200 else b"no")
                text = f"HTTP/1.1 {status} X\r\nContent-Type: text/html\r\n"
                text += f"Content-Length: {len(body) if method != 'HEAD' else 28}\r\n"
                text += "".join(f"{k}: {v}\r\n" for k, v in extra.items())
                text += "Connection: close\r\n" if close else ""
                writer.write(text.encode() + b"\r\n" + body)
                await writer.drain()
            finally:
                STATS.in_flight[host] -= 1
            if close:
                break
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def _control(path: str, writer: asyncio.StreamWriter) -> None:
    if path.startswith("/__reset"):
        STATS.reset()
        body = b"{}"
    else:
        body = json.dumps({"max_in_flight": dict(STATS.max_in_flight),
                           "requests": dict(STATS.requests)}).encode()
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\n\r\n" + body)
    await writer.drain()


async def _serve(port: int) -> None:
    servers = [await asyncio.start_server(_serve_client, host, port, backlog=1024)
               for host in HOSTS]
    print("ready", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


def free_port() -> int:
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((HOSTS[0], 0))
            port = probe.getsockname()[1]
        try:
            for host in HOSTS:
                with socket.socket() as sock:
                    sock.bind((host, port))
            return port
        except OSError:
            continue
    raise SystemExit("no free port on all 20 loopback addresses")


def control(port: int, what: str) -> dict:
    with urllib.request.urlopen(f"http://{HOSTS[0]}:{port}/__{what}", timeout=10) as answer:
        return json.loads(answer.read())


# =========================================================================== the list

def make_urls(port: int, run: str) -> List[Tuple[str, str]]:
    """[(url, kind)] in a fixed shuffled order; ``run`` prefixes every path."""
    rng = random.Random(20240601)
    items = []
    for host in HOSTS:
        number = 0
        for kind, count in MIX:
            for _ in range(count):
                items.append((f"http://{host}:{port}/{run}/{kind}/{number}", kind))
                number += 1
    rng.shuffle(items)
    return items


def write_markdown(items: List[Tuple[str, str]], path: Path) -> None:
    lines = ["# Benchmark list", "", "## Links", ""]
    lines += [f"- [Entry {i}]({url}) - a description." for i, (url, _) in enumerate(items)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_html(items: List[Tuple[str, str]], path: Path) -> None:
    links = "\n".join(f'<li><a href="{url}">Entry {i}</a></li>' for i, (url, _) in
                      enumerate(items))
    path.write_text(f"<!DOCTYPE html><html><body><ul>\n{links}\n</ul></body></html>\n",
                    encoding="utf-8")


# =========================================================================== running tools

class Run:
    def __init__(self, name: str, wall: float, cpu: float, rss_mb: float, output: str,
                 code: int) -> None:
        self.name, self.wall, self.cpu, self.rss_mb = name, wall, cpu, rss_mb
        self.output, self.code = output, code


def measure(name: str, argv: List[str], cwd: Path = ROOT, env: Optional[dict] = None,
            timeout: float = 900) -> Run:
    """Run a command, with its own wall time, CPU time and peak RSS (os.wait4 on the child)."""
    out_path = WORK / f"{name}.out"
    with open(out_path, "wb") as out:
        cost = run_measured(argv, cwd=cwd, env=env, stdout=out, timeout=timeout, poll=0.01)
    return Run(name, cost.wall, cost.cpu, cost.max_rss_kib / 1024.0,
               out_path.read_text("utf-8", "replace"), cost.returncode)


BASELINE = r'''
import sys, threading, requests
from concurrent.futures import ThreadPoolExecutor
local = threading.local()
def session():
    s = getattr(local, "s", None)
    if s is None:
        s = local.s = requests.Session()
    return s
def one(url):
    # The same request sequence as awesome-tools: HEAD, GET when HEAD fails, follow
    # redirects, ask a 429 again (without waiting: this measures CPU only).
    method, n = "HEAD", 0
    while n < 20:
        n += 1
        r = session().request(method, url, allow_redirects=False, stream=True, timeout=(5, 10))
        r.close()
        if 300 <= r.status_code < 400:
            url = requests.compat.urljoin(url, r.headers["location"]); continue
        if r.status_code == 429:
            continue
        if method == "HEAD" and r.status_code >= 400:
            method = "GET"; continue
        return
urls = open(sys.argv[1]).read().split()
with ThreadPoolExecutor(64) as pool:
    list(pool.map(one, urls))
'''


def run_ours(name: str, md: Path, cache: Path, env: dict) -> Run:
    return measure(name, [sys.executable, "-m", "awesome_tools", "links", str(md),
                          "--format", "json", "--cache", str(cache)], env=env)


def our_verdicts(run: Run) -> Dict[str, str]:
    start = run.output.find("[")
    items = json.loads(run.output[start:]) if start >= 0 else []
    return {item["url"]: item["verdict"] for item in items}


def mlc_verdicts(run: Run) -> Dict[str, str]:
    verdicts = {}
    for line in run.output.splitlines():
        found = re.search(r"\[([✓✖/])\]\s+(\S+)(?:\s+→\s+Status:\s+(\d+))?", line)
        if found:
            mark, url, status = found.groups()
            verdicts[url] = "alive" if mark == "✓" else (
                "dead" if status in ("404", "410") else "unknown")
    return verdicts


def linkchecker_verdicts(output: str) -> Dict[str, str]:
    verdicts: Dict[str, str] = {}
    import csv

    lines = [line for line in output.splitlines()
             if line.count(";") > 5 and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter=";"))
    if not rows:
        return verdicts
    header = rows[0]
    for row in rows[1:]:
        cells = dict(zip(header, row))
        url = cells.get("urlname", "")
        if not url.startswith("http://127.0.0."):
            continue
        result = cells.get("result", "")
        valid = cells.get("valid", "").lower() in ("true", "1")
        verdicts[url] = "alive" if valid else ("dead" if result.startswith(("404", "410"))
                                               else "unknown")
    return verdicts


def accuracy(verdicts: Dict[str, str], items: List[Tuple[str, str]], exact: bool) -> Tuple[int,
                                                                                           int]:
    """(right, total): exact verdicts, or dead vs not-dead for tools without 'redirected'."""
    right = 0
    for url, kind in items:
        got = verdicts.get(url)
        want = EXPECTED[kind]
        if exact:
            right += got == want
        else:
            right += (got == "dead") == (want == "dead") and got is not None
    return right, len(items)


# =========================================================================== installing peers

def ensure_mlc() -> Optional[Path]:
    binary = BENCH / "node_modules" / ".bin" / "markdown-link-check"
    if not binary.exists():
        subprocess.run(["npm", "install", "--prefix", str(BENCH), "--no-audit", "--no-fund",
                        "markdown-link-check"], check=False, stdout=subprocess.DEVNULL)
    return binary if binary.exists() else None


def ensure_linkchecker() -> Optional[Path]:
    venv = WORK / "linkchecker-venv"
    binary = venv / "bin" / "linkchecker"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "linkchecker"], check=False)
    return binary if binary.exists() else None


# =========================================================================== the bound

def limits_bound(requests_per_host: Dict[str, int], items: List[Tuple[str, str]]) -> float:
    """The fastest any client could finish under our policy's limits, for these requests."""
    sys.path.insert(0, str(ROOT))
    from awesome_tools.links.policy import Policy

    policy = Policy()
    per_host = {}
    kinds_by_host: Dict[str, Counter] = {}
    for url, kind in items:
        kinds_by_host.setdefault(url.split("/")[2].split(":")[0], Counter())[kind] += 1
    for host, count in requests_per_host.items():
        kinds = kinds_by_host.get(host, Counter())
        pause = RETRY_AFTER if kinds["limited"] else 0.0
        spacing = (count - 1) * policy.min_interval + pause + LATENCY
        busy = (count * LATENCY + kinds["slow"] * (SLOW - LATENCY)) / policy.per_host
        per_host[host] = max(spacing, busy + pause)
    total = sum(requests_per_host.values())
    overall = (total * LATENCY) / policy.concurrency
    return max(max(per_host.values()), overall)


# =========================================================================== main

def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        asyncio.run(_serve(int(sys.argv[2])))
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    mlc, linkchecker = ensure_mlc(), ensure_linkchecker()
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        return bench(port, mlc, linkchecker)
    finally:
        server.terminate()
        server.wait()


def bench(port: int, mlc: Optional[Path], linkchecker: Optional[Path]) -> int:
    import compileall

    # Bytecode once, as `pip install` writes it: with PYTHONDONTWRITEBYTECODE=1 (set on these
    # machines) an editable install would recompile every module in every run.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "awesome_tools"), quiet=1)
    env = dict(os.environ, CI="true")
    env.pop("GITHUB_TOKEN", None)
    rows = []

    # --- ours, cold then cached
    ours_items = make_urls(port, "a")
    ours_md = WORK / "list-ours.md"
    write_markdown(ours_items, ours_md)
    cache = WORK / "cache.json"
    cache.unlink(missing_ok=True)
    control(port, "reset")
    first = run_ours("ours", ours_md, cache, env)
    stats = control(port, "stats")
    control(port, "reset")
    second = run_ours("ours-cached", ours_md, cache, env)
    second_requests = sum(control(port, "stats")["requests"].values())
    ours = our_verdicts(first)
    bound_limits = limits_bound(stats["requests"], ours_items)
    max_host = max(stats["max_in_flight"].values())

    # --- plain requests on the same request sequence: the CPU floor
    base_items = make_urls(port, "b")
    url_file = WORK / "urls-baseline.txt"
    url_file.write_text("\n".join(url for url, _ in base_items), encoding="utf-8")
    script = WORK / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    baseline = measure("baseline", [sys.executable, str(script), str(url_file)])
    bound = max(bound_limits, baseline.cpu)

    rows.append(("awesome-tools links", first, len(ours_items),
                 accuracy(ours, ours_items, exact=True)))
    rows.append(("  (same, cached rerun)", second, len(ours_items), None))
    rows.append(("plain requests (CPU floor)", baseline, len(base_items), None))

    # --- markdown-link-check on the same 2,000 URLs
    mlc_run = None
    if mlc is not None:
        items = make_urls(port, "m")
        md = WORK / "list-mlc.md"
        write_markdown(items, md)
        control(port, "reset")
        mlc_run = measure("markdown-link-check", [str(mlc), str(md)], timeout=900)
        mlc_stats = control(port, "stats")
        rows.append(("markdown-link-check", mlc_run, len(items),
                     accuracy(mlc_verdicts(mlc_run), items, exact=False)))

    # --- linkchecker on a 200-URL slice
    lc_run = None
    if linkchecker is not None:
        items = make_urls(port, "l")[:SLICE]
        html = WORK / "list-linkchecker.html"
        write_html(items, html)
        # linkchecker drops root privileges to "nobody", so it writes its CSV to stdout
        lc_run = measure("linkchecker", [str(linkchecker), "--check-extern", "--no-status",
                                         "--verbose", "-o", "csv", str(html)], cwd=WORK,
                         timeout=900)
        rows.append(("linkchecker (200-URL slice)", lc_run, len(items),
                     accuracy(linkchecker_verdicts(lc_run.output), items, exact=False)))

    print(f"\n{len(ours_items)} URLs on {len(HOSTS)} loopback hosts, {LATENCY * 1000:.0f} ms per "
          f"answer, mix {dict(MIX)} per host\n")
    print(f"{'tool':30} {'wall s':>8} {'URLs/s':>8} {'CPU s':>7} {'peak MB':>8}  verdicts right")
    for name, run, count, right in rows:
        score = f"{right[0]}/{right[1]}" if right else "-"
        print(f"{name:30} {run.wall:8.2f} {count / run.wall:8.1f} {run.cpu:7.2f} "
              f"{run.rss_mb:8.1f}  {score}")
    print("  (ours: exact verdict incl. 'redirected'; peers: dead vs not-dead)")

    ratio_bound = first.wall / bound
    ratio_cached = second.wall / first.wall
    ours_rate = len(ours_items) / first.wall
    print(f"\nlower bound: per-host limits {bound_limits:.2f} s, CPU floor {baseline.cpu:.2f} s "
          f"-> {bound:.2f} s")
    print(f"requests made by us: {sum(stats['requests'].values())}; max in flight per host "
          f"(server side): {max_host} (limit 4)")
    dead_urls = dict(MIX)["dead"] * len(HOSTS)
    print(f"cached rerun made {second_requests} requests: the {dead_urls} dead URLs are asked "
          "again (failures are never cached), with GET only since HEAD failed there before")
    # What the cached rerun cannot go below: the dead URLs of one host, spaced by the
    # per-host interval and answered after the server's latency, plus starting Python and
    # importing the command. The list itself is not parsed again (its URLs are in the cache
    # under a digest of its text), and last run's failures are asked before the rest.
    per_host_dead = dict(MIX)["dead"]
    from awesome_tools.links.policy import Policy
    interval = Policy().min_interval
    network_floor = (per_host_dead - 1) * interval + LATENCY
    start = measure("start-up", [sys.executable, "-c", "import awesome_tools.cli, "
                                 "awesome_tools.commands.links"], env=env).wall
    floor = network_floor + start
    print(f"cached rerun floor: {per_host_dead} dead URLs per host x {interval * 1000:.0f} ms "
          f"interval + {LATENCY * 1000:.0f} ms latency = {network_floor:.2f} s, + start-up "
          f"{start:.2f} s = {floor:.2f} s = {floor / first.wall:.3f}x the first run "
          f"(ours: {second.wall / first.wall:.3f}x)")
    checks = [("wall / lower bound", ratio_bound, ratio_bound <= GOALS["bound"],
               f"<= {GOALS['bound']}"),
              ("cached rerun / first run", ratio_cached, ratio_cached <= GOALS["cached"],
               f"<= {GOALS['cached']}"),
              ("peak memory MB", first.rss_mb, first.rss_mb < GOALS["memory_mb"],
               f"< {GOALS['memory_mb']:.0f}"),
              ("max in flight per host", max_host, max_host <= 4, "<= 4"),
              ("verdicts right", rows[0][3][0], rows[0][3][0] == rows[0][3][1],
               f"= {rows[0][3][1]}")]
    if mlc_run is not None:
        speedup = mlc_run.wall / first.wall
        checks.append(("speed-up vs markdown-link-check", speedup, speedup >= GOALS["mlc"],
                       f">= {GOALS['mlc']}"))
        print(f"markdown-link-check max in flight per host: "
              f"{max(mlc_stats['max_in_flight'].values() or [0])}")
    if lc_run is not None:
        lc_rate = SLICE / lc_run.wall
        checks.append(("URLs/s ours / linkchecker", ours_rate / lc_rate, ours_rate > lc_rate,
                       "> 1"))
    print()
    failed = 0
    for name, value, ok, goal in checks:
        failed += not ok
        shown = f"{value:8.3f}" if value < 1 else f"{value:8.2f}"  # 0.095 is not "0.10"
        print(f"{name:34} {shown}   goal {goal:8}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
