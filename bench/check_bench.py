"""Benchmark `awesome-tools check` against rumdl (and markdownlint-cli2, awesome-lint), in one run.

Why this shape: the goals (issues 2 and 15) are ratios against tools people already run, so
every tool runs on the same files in the same session, interleaved run by run so machine noise
hits all of them alike. Each run is one child process reaped with a blocking ``os.wait4``,
whose rusage gives the CPU time (user + system, threads included) and peak RSS of that process
and of every descendant it waited for; the best of N runs is kept for each figure separately.
CPU time is the figure that counts on a shared machine; wall time is shown beside it.

What it prints:

- ``check`` on the three largest corpus lists and a synthetic 3 MB list, ours against rumdl
  with all its rules enabled (``--enable`` with every rule ``rumdl rule`` lists; rumdl turns a
  few off by default) and without its cache; the goal is at most 2x rumdl's CPU time, 1.5x where
  we want to end;
- start-up: ``check`` on an empty file against ``python -c pass`` (same interpreter, same
  environment), wall time; the goal is at most 4x;
- growth: our CPU time on synthetic lists from 30 KB to 3 MB, per process and, for the fit,
  of ``check``'s work timed in-process (a 30 KB list takes less than start-up's noise); the
  exponent k of ``c * MB ** k`` on a log-log scale must be at most 1.1.

Usage: .venv/bin/python bench/check_bench.py [--runs N] [--tools ours,rumdl,...]
       [--sizes 0.03,0.1,0.3,1,3] [--no-growth] [--timeout SECONDS]

rumdl comes from ``pip install rumdl`` into the bench's environment (the ``bench`` extra), the
Node tools from ``npm install --prefix bench markdownlint-cli2 awesome-lint``; a tool that is not
installed is reported as such and skipped. Nothing here touches the network: awesome-lint runs in
a fresh git repository without a remote (so its GitHub rules never call the API), inside a
network namespace of its own when ``unshare -n`` works.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# Files to check live outside the repository, so no tool finds this repository's config.
WORK = Path(tempfile.gettempdir()) / "awesome-tools-check-bench"
CORPUS = ROOT.parent / "shared" / "corpus" / "lists"
LARGEST = ("unixorn__awesome-zsh-plugins.md", "cmhungsteve__Awesome-Transformer-Attention.md",
           "avelino__awesome-go.md")
NODE_BIN = BENCH / "node_modules" / ".bin"
MB = 1_000_000
GOAL, TARGET = 2.0, 1.5  # ours / rumdl, CPU time
STARTUP_GOAL = 4.0  # empty-file check / python -c pass, wall time
GROWTH_GOAL = 1.1


@dataclass(frozen=True)
class Measure:
    """One run of one tool on one file."""

    seconds: float  # wall
    peak_kb: int
    exit_code: int
    cpu: float = 0.0  # user + system seconds of the tree: steadier than wall time under load


@dataclass(frozen=True)
class Tool:
    """A command line for a file, run from a scratch directory the tool prepares."""

    name: str
    command: Callable[[Path, Path], List[str]]  # (file, scratch dir) -> argv
    prepare: Callable[[Path, Path], None]  # copy the file where the tool wants it
    ok_codes: Tuple[int, ...] = (0, 1)
    offline: bool = False  # needs a private network namespace to be sure it stays offline
    binary: Optional[Path] = None  # what must exist for the tool to run


# ---------------------------------------------------------------------------- running


def _no_network_prefix() -> List[str]:
    """``unshare -n`` when it works here (root or user namespaces), else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def measure(argv: Sequence[str], cwd: Path, timeout: float) -> Measure:
    """Run argv once, output discarded: wall time, CPU time and peak RSS of its whole tree.

    The child is reaped with a blocking ``wait4`` (no polling, so a 20 ms start-up is timed
    to the microsecond); a timer kills it at ``timeout``.
    """
    start = time.perf_counter()
    child = subprocess.Popen(list(argv), cwd=str(cwd), stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    child.returncode = code = -9 if killed.is_set() else os.waitstatus_to_exitcode(status)
    return Measure(float("inf") if killed.is_set() else wall, usage.ru_maxrss, code,
                   usage.ru_utime + usage.ru_stime)


# ---------------------------------------------------------------------------- tools


def _copy_as(name: str) -> Callable[[Path, Path], None]:
    def prepare(src: Path, scratch: Path) -> None:
        shutil.copyfile(src, scratch / name)
    return prepare


def _git_repo_with_readme(src: Path, scratch: Path) -> None:
    """awesome-lint lints ``readme.md`` in a git repository (its rules run git commands)."""
    shutil.copyfile(src, scratch / "readme.md")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "readme.md"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(git + args, cwd=str(scratch), check=True, capture_output=True)


def _ours_argv() -> List[str]:
    """The ``awesome-tools`` script users and pre-commit run (``python -m`` without one)."""
    script = Path(sys.executable).parent / "awesome-tools"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "awesome_tools"]


def _rumdl() -> Path:
    beside = Path(sys.executable).parent / "rumdl"
    return beside if beside.is_file() else Path(shutil.which("rumdl") or beside)


def rumdl_rules(binary: Path) -> List[str]:
    """Every rule rumdl lists (``rumdl rule``): enabled together, not only its defaults."""
    listing = subprocess.run([str(binary), "rule"], capture_output=True, text=True).stdout
    return [line.split()[0] for line in listing.splitlines()
            if line.strip().startswith("MD") and line.split()[0][2:].isdigit()]


def tools() -> Dict[str, Tool]:
    rumdl = _rumdl()
    every_rule: List[str] = []

    def rumdl_argv(file: Path, scratch: Path) -> List[str]:
        if not every_rule:
            every_rule.extend(rumdl_rules(rumdl))
        return [str(rumdl), "check", "--no-cache", "--no-config", "--enable",
                ",".join(every_rule), str(file)]

    return {
        "ours": Tool("ours", lambda f, d: _ours_argv() + ["check", str(f), "--format", "json"],
                     lambda f, d: None),
        "rumdl": Tool("rumdl", rumdl_argv, lambda f, d: None, binary=rumdl),
        "markdownlint-cli2": Tool(
            "markdownlint-cli2",
            lambda f, d: [str(NODE_BIN / "markdownlint-cli2"), ":README.md"],
            _copy_as("README.md"), binary=NODE_BIN / "markdownlint-cli2"),
        "awesome-lint": Tool(
            "awesome-lint",
            lambda f, d: [str(NODE_BIN / "awesome-lint"), "readme.md"],
            _git_repo_with_readme, offline=True, binary=NODE_BIN / "awesome-lint"),
    }


def available(tool: Tool) -> Optional[str]:
    """Why the tool cannot run here, or None."""
    if tool.binary is None:
        return None
    if tool.name == "rumdl":
        return None if tool.binary.is_file() else "not installed (pip install rumdl)"
    if shutil.which("node") is None:
        return "node not found"
    if not tool.binary.exists():
        return f"not installed (npm install --prefix bench {tool.name})"
    return None


# ---------------------------------------------------------------------------- synthetic list

WORDS = ("vision language transformer attention efficient sparse graph neural model data "
         "learning pretraining retrieval benchmark toolkit fast robust scalable open library "
         "plugin theme shell prompt completion framework survey dataset detection segmentation "
         "tracking generation diffusion token memory kernel compiler parser server client").split()
VENUES = ("CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "ICML", "ACL", "EMNLP", "AAAI", "arXiv")


def _title(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(n))


def _slug(text: str) -> str:
    """GitHub's slug for the plain ASCII titles this generator makes."""
    return "".join(c for c in text.lower() if c.isalnum() or c in " -_").replace(" ", "-")


def synthetic_list(target_bytes: int, seed: int = 2) -> str:
    """A realistic awesome list of about ``target_bytes``: TOC, nested sections, link items,
    paper heading-entries with ``[[paper]](arxiv) [[code]](github)``, badges, back-to-top links
    and a few cross references (some of them broken, a few duplicates, as in real lists)."""
    rng = random.Random(seed)
    sections: List[Tuple[str, List[str]]] = []
    body: List[str] = []
    size = 0
    counter = 0
    while size < target_bytes:
        h2 = f"{_title(rng, 2)} {len(sections)}"
        subs: List[str] = []
        chunk = [f"## {h2}", "", f"{_title(rng, 8).capitalize()}.", ""]
        for s in range(rng.randint(3, 6)):
            if s and size + sum(len(line) + 1 for line in chunk) >= target_bytes:
                break  # small targets: stop after a subsection, not a whole section
            h3 = f"{_title(rng, 2)} {len(sections)}.{s}"
            subs.append(h3)
            chunk += [f"### {h3}", ""]
            if rng.random() < 0.4:  # a paper subsection: heading entries
                for _ in range(rng.randint(10, 30)):
                    counter += 1
                    venue = f"{rng.choice(VENUES)} {rng.randint(2015, 2025)}"
                    arxiv = f"{rng.randint(15, 25):02d}{rng.randint(1, 12):02d}.{counter:05d}"
                    chunk += [f"#### {_title(rng, rng.randint(4, 9))} [{venue}]",
                              f"*{_title(rng, 2)}, {_title(rng, 2)}, et al.*",
                              "",
                              f"[[paper]](https://arxiv.org/abs/{arxiv}) "
                              f"[[code]](https://github.com/lab{counter % 97}/repo{counter})"
                              + (f" [[project]](https://lab{counter % 13}.example.org/p{counter})"
                                 if rng.random() < 0.3 else ""),
                              ""]
            else:  # a link subsection: list items
                for _ in range(rng.randint(20, 60)):
                    counter += 1
                    url = (f"https://github.com/user{counter % 503}/"
                           f"{_slug(_title(rng, 2))}-{counter}")
                    if rng.random() < 0.01:
                        url = f"https://github.com/user{(counter - 7) % 503}/dup-{counter // 50}"
                    badge = (f" [![Stars](https://img.shields.io/github/stars/u/r{counter}.svg)]"
                             f"({url})" if rng.random() < 0.1 else "")
                    also = ""
                    if rng.random() < 0.02 and sections:
                        target = _slug(rng.choice(sections)[0])
                        fragment = target if rng.random() < 0.9 else "nowhere"
                        also = f" See also [related](#{fragment})."
                    chunk.append(f"- [{_title(rng, 2)}]({url}){badge} - "
                                 f"{_title(rng, rng.randint(5, 14)).capitalize()}.{also}")
                chunk.append("")
        chunk += ["**[⬆ back to top](#contents)**", ""]
        sections.append((h2, subs))
        text = "\n".join(chunk) + "\n"
        body.append(text)
        size += len(text.encode("utf-8"))
    toc = ["## Contents", ""]
    for h2, subs in sections:
        toc.append(f"- [{h2}](#{_slug(h2)})")
        toc += [f"  - [{h3}](#{_slug(h3)})" for h3 in subs]
    head = ["# Awesome Synthetic [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
            "", "> A generated list for benchmarks.", ""]
    return "\n".join(head + toc) + "\n\n" + "".join(body)


def write_synthetic(megabytes: float) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"synthetic-{megabytes:g}MB.md"
    text = synthetic_list(int(megabytes * MB))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- reporting


def run_once(tool: Tool, file: Path, timeout: float, net_prefix: Sequence[str]) -> Measure:
    """One run in a fresh scratch directory (the tool may write caches or need a repository)."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{tool.name}-") as tmp:
        scratch = Path(tmp)
        tool.prepare(file, scratch)
        argv = (list(net_prefix) if tool.offline else []) + tool.command(file, scratch)
        return measure(argv, scratch, timeout)


def best_of_interleaved(chosen: Sequence[Tool], file: Path, runs: int, timeout: float,
                        net_prefix: Sequence[str], skip: Dict[str, Optional[str]]
                        ) -> Dict[str, Tuple[Optional[Measure], str]]:
    """Run every tool once per round, ``runs`` rounds, so noise hits all tools alike; keep the
    best CPU time, wall time and peak memory of each (a failed or timed-out tool drops out)."""
    done: Dict[str, List[Measure]] = {t.name: [] for t in chosen}
    failed: Dict[str, str] = {t.name: str(skip[t.name]) for t in chosen if skip.get(t.name)}
    for _ in range(runs):
        for tool in chosen:
            if tool.name in failed:
                continue
            result = run_once(tool, file, timeout, net_prefix)
            if result.exit_code == -9:
                failed[tool.name] = f"timeout > {timeout:g}s"
            elif result.exit_code not in tool.ok_codes:
                failed[tool.name] = f"exit {result.exit_code}"
            else:
                done[tool.name].append(result)
    out: Dict[str, Tuple[Optional[Measure], str]] = {}
    for tool in chosen:
        got = done[tool.name]
        if tool.name in failed or not got:
            out[tool.name] = (None, failed.get(tool.name, "no run"))
        else:
            out[tool.name] = (Measure(min(m.seconds for m in got), min(m.peak_kb for m in got),
                                      got[0].exit_code, min(m.cpu for m in got)), "")
    return out


def _cell(m: Optional[Measure], note: str) -> str:
    if not m:
        return f"{note:>24}"
    return f"{m.cpu:7.3f} {m.seconds:7.3f} {m.peak_kb / 1024:6.0f}MB"


def compare(files: Sequence[Path], names: Sequence[str], runs: int, timeout: float
            ) -> List[float]:
    """Print the side-by-side table; return ours/rumdl CPU ratios per file."""
    table = tools()
    chosen = [table[n] for n in names]
    net = _no_network_prefix()
    missing = {t.name: available(t) for t in chosen}
    print(f"check, best of {runs} interleaved runs: CPU s, wall s, peak RSS of the process tree")
    print(f"{'file':<46}{'KB':>6} " + " ".join(f"{t.name:>24}" for t in chosen)
          + "   ours/rumdl cpu  wall")
    ratios = []
    for file in files:
        got = best_of_interleaved(chosen, file, runs, timeout, net, missing)
        ours = got.get("ours", (None, ""))[0]
        rumdl = got.get("rumdl", (None, ""))[0]
        line = (f"{file.name[:45]:<46}{file.stat().st_size // 1000:>6} "
                + " ".join(_cell(*got[t.name]) for t in chosen))
        if ours and rumdl:
            ratio = ours.cpu / rumdl.cpu
            ratios.append(ratio)
            line += f"   {ratio:13.2f}x {ours.seconds / rumdl.seconds:5.2f}x"
        print(line)
    return ratios


def startup(runs: int, timeout: float) -> Optional[float]:
    """``check`` on an empty file against ``python -c pass``, interleaved; returns the ratio
    of best wall times (CPU shown too)."""
    WORK.mkdir(parents=True, exist_ok=True)
    empty = WORK / "empty.md"
    empty.write_text("", encoding="utf-8")
    ours = _ours_argv() + ["check", str(empty)]
    python = [sys.executable, "-c", "pass"]
    best: Dict[str, Measure] = {}
    for _ in range(max(runs, 9)):  # short runs: take more of them
        for name, argv in (("python -c pass", python), ("check (empty file)", ours)):
            m = measure(argv, WORK, timeout)
            old = best.get(name)
            best[name] = m if old is None else Measure(
                min(old.seconds, m.seconds), min(old.peak_kb, m.peak_kb), m.exit_code,
                min(old.cpu, m.cpu))
    print("\nstart-up, best of %d interleaved runs" % max(runs, 9))
    for name, m in best.items():
        print(f"  {name:<22} wall {m.seconds * 1000:6.1f} ms   cpu {m.cpu * 1000:6.1f} ms")
    ratio = best["check (empty file)"].seconds / best["python -c pass"].seconds
    cpu = best["check (empty file)"].cpu / best["python -c pass"].cpu
    print(f"  ratio: wall {ratio:.2f}x, cpu {cpu:.2f}x (goal: wall <= {STARTUP_GOAL:g}x)")
    return ratio


def _line(points: Sequence[Tuple[float, float]]) -> Tuple[float, float, float]:
    """Least-squares line through (x, y): intercept, slope, worst relative miss."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    intercept = my - slope * mx
    worst = max(abs(y - (intercept + slope * x)) / y for x, y in points)
    return intercept, slope, worst


# Run in a child: ``check`` in-process on each file, best of N CPU seconds each, so the
# size-dependent work is timed without start-up and its noise (a 30 KB list is checked in a
# few milliseconds, less than a process's start-up varies by).
_IN_PROCESS = """
import contextlib, gc, io, json, sys, time
from awesome_tools.commands.check import run_check
files, runs = json.loads(sys.argv[1]), int(sys.argv[2])
def once(path):
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.process_time()
        run_check([path], fmt="json")
        return time.process_time() - start
once(files[0])  # imports, config and rules loaded before anything is timed
best = {}
for _ in range(runs):
    for path in files:
        gc.collect()
        best[path] = min(best.get(path, float("inf")), once(path))
print(json.dumps(best))
"""


def growth(sizes: Sequence[float], runs: int, timeout: float) -> Optional[float]:
    """Our CPU time on synthetic lists of growing size, per process (start-up included) and
    in-process (``check``'s work alone); the exponent k of the in-process time fitted as
    c * MB ** k on a log-log scale, and a least-squares line."""
    ours = tools()["ours"]
    files = [write_synthetic(mb) for mb in sizes]
    timed = subprocess.run([sys.executable, "-c", _IN_PROCESS, json.dumps([str(f) for f in files]),
                            str(max(runs, 5))], capture_output=True, text=True, timeout=timeout,
                           cwd=str(WORK))
    inside = json.loads(timed.stdout) if timed.returncode == 0 else {}
    print("\ngrowth (ours, synthetic lists): CPU s per process (best of %d), and of check's "
          "work in-process" % runs)
    print(f"{'MB':>7}{'process':>10}{'wall':>9}{'in-process':>12}{'per MB':>9}")
    points: List[Tuple[float, float]] = []
    for path in files:
        real_mb = path.stat().st_size / MB
        m, note = best_of_interleaved([ours], path, runs, timeout, [], {})["ours"]
        work = inside.get(str(path))
        if work:
            points.append((real_mb, work))
        print(f"{real_mb:7.3f}" + (f"{m.cpu:10.3f}{m.seconds:9.3f}" if m else f"{note:>19}")
              + (f"{work:12.4f}{work / real_mb:9.3f}" if work else f"{'n/a':>12}"))
    if len(points) < 2:
        print("  in-process timing failed: " + (timed.stderr.strip().splitlines() or ["?"])[-1])
        return None
    _, exponent, _ = _line([(math.log(x), math.log(y)) for x, y in points])
    rates = [y / x for x, y in points]
    print(f"  exponent k of the in-process time = c * MB**k: {exponent:.3f} "
          f"(goal <= {GROWTH_GOAL}); {min(rates):.3f} to {max(rates):.3f} s/MB")
    return exponent


def precompile() -> None:
    """Write our bytecode once, as `pip install` does for an installed package.

    An editable install with PYTHONDONTWRITEBYTECODE=1 (set on these machines) would
    otherwise recompile every module in every run, a cost no installed user pays.
    """
    import compileall

    package = ROOT / "awesome_tools"
    compileall.compile_dir(str(package), quiet=1)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--tools", default="ours,rumdl,markdownlint-cli2,awesome-lint")
    parser.add_argument("--sizes", default="0.03,0.1,0.3,1,3",
                        help="synthetic sizes in MB for growth")
    parser.add_argument("--synthetic-mb", type=float, default=3.0)
    parser.add_argument("--no-growth", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--timeout", type=float, default=900.0, help="per run, seconds")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.tools.split(",") if n.strip()]
    unknown = sorted(set(names) - set(tools()))
    if unknown or args.runs < 1:
        parser.error(f"unknown tool(s): {', '.join(unknown)}" if unknown else "--runs must be >= 1")
    precompile()
    files = [CORPUS / name for name in LARGEST if (CORPUS / name).is_file()]
    if len(files) < len(LARGEST):
        print(f"note: corpus lists not found under {CORPUS}; synthetic list only")
    files.append(write_synthetic(args.synthetic_mb))
    ratios = compare(files, names, args.runs, args.timeout)
    start = None if args.no_startup or "ours" not in names else startup(args.runs, args.timeout)
    exponent = None
    if not args.no_growth and "ours" in names:
        exponent = growth([float(s) for s in args.sizes.split(",")], args.runs, args.timeout)
    print("\ngoals")
    if ratios:
        worst = max(ratios)
        verdict = "met" if worst <= GOAL else "NOT met"
        print(f"  check CPU <= {GOAL:g}x rumdl on every file: worst {worst:.2f}x, {verdict}"
              f" ({'at' if worst <= TARGET else 'above'} the {TARGET:g}x target)")
    if start is not None:
        print(f"  empty-file check <= {STARTUP_GOAL:g}x python -c pass (wall): {start:.2f}x, "
              + ("met" if start <= STARTUP_GOAL else "NOT met"))
    if exponent is not None:
        print(f"  growth exponent <= {GROWTH_GOAL}: {exponent:.3f}, "
              + ("met" if exponent <= GROWTH_GOAL else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
