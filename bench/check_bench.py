"""Benchmark `awesome-tools check` against markdownlint-cli2 and awesome-lint, in one run.

Why this shape: the goal (issue 2) is a ratio against the tools people already run, so every
tool runs on the same files in the same session, interleaved run by run so machine noise hits
all of them alike. Each run is one child process reaped with ``os.wait4``, whose rusage gives
the peak RSS of that process and of every descendant it waited for (Node included), and the
best of N runs is kept, for wall time and peak memory separately.

Usage: .venv/bin/python bench/check_bench.py [--runs N] [--tools ours,markdownlint-cli2,...]
       [--sizes 0.5,1,2,3] [--no-growth] [--timeout SECONDS]

Node tools come from ``npm install --prefix bench markdownlint-cli2 awesome-lint``; a tool that
is not installed is reported as such and skipped. Nothing here touches the network: awesome-lint
runs in a fresh git repository without a remote (so its GitHub rules never call the API), inside
a network namespace of its own when ``unshare -n`` works.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from measure import run_measured

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"
CORPUS = ROOT.parent / "shared" / "corpus" / "lists"
LARGEST = ("unixorn__awesome-zsh-plugins.md", "cmhungsteve__Awesome-Transformer-Attention.md")
NODE_BIN = BENCH / "node_modules" / ".bin"
MB = 1_000_000


@dataclass(frozen=True)
class Measure:
    """One run of one tool on one file."""

    seconds: float
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


# ---------------------------------------------------------------------------- running


def _no_network_prefix() -> List[str]:
    """``unshare -n`` when it works here (root or user namespaces), else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def measure(argv: Sequence[str], cwd: Path, timeout: float) -> Measure:
    """Run argv once, output discarded; wall time and peak RSS of its whole process tree."""
    cost = run_measured(argv, cwd=cwd, timeout=timeout)
    return Measure(cost.wall, cost.max_rss_kib, cost.returncode, cost.cpu)


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


def tools() -> Dict[str, Tool]:
    python = sys.executable
    return {
        "ours": Tool(
            "ours",
            lambda f, d: [python, "-m", "awesome_tools", "check", str(f), "--format", "json"],
            lambda f, d: None),
        "markdownlint-cli2": Tool(
            "markdownlint-cli2",
            lambda f, d: [str(NODE_BIN / "markdownlint-cli2"), ":README.md"],
            _copy_as("README.md")),
        "awesome-lint": Tool(
            "awesome-lint",
            lambda f, d: [str(NODE_BIN / "awesome-lint"), "readme.md"],
            _git_repo_with_readme, offline=True),
    }


def available(tool: Tool) -> Optional[str]:
    """Why the tool cannot run here, or None."""
    if tool.name == "ours":
        return None
    if shutil.which("node") is None:
        return "node not found"
    if not (NODE_BIN / tool.name).exists():
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
                    url = f"https://github.com/user{counter % 503}/{_slug(_title(rng, 2))}-{counter}"
                    if rng.random() < 0.01:
                        url = f"https://github.com/user{(counter - 7) % 503}/dup-{counter // 50}"
                    badge = (f" [![Stars](https://img.shields.io/github/stars/u/r{counter}.svg)]"
                             f"({url})" if rng.random() < 0.1 else "")
                    also = ""
                    if rng.random() < 0.02 and sections:
                        target = _slug(rng.choice(sections)[0])
                        also = f" See also [related](#{target if rng.random() < 0.9 else 'nowhere'})."
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
    best wall time and the lowest peak memory of each (a failed or timed-out tool drops out)."""
    done: Dict[str, List[Measure]] = {t.name: [] for t in chosen}
    failed: Dict[str, str] = {t.name: skip[t.name] for t in chosen if skip.get(t.name)}
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
    return f"{m.seconds:8.2f}s {m.peak_kb / 1024:7.0f}MB" if m else f"{note:>18}"


def _ratio(ours: Optional[Measure], other: Optional[Measure]) -> str:
    if not ours or not other:
        return "   n/a"
    return f"{ours.seconds / other.seconds:5.2f}x time {ours.peak_kb / other.peak_kb:5.2f}x mem"


def compare(files: Sequence[Path], names: Sequence[str], runs: int, timeout: float) -> bool:
    """Print the side-by-side table; True when ours meets the 0.25x goal on every file."""
    table = tools()
    chosen = [table[n] for n in names]
    net = _no_network_prefix()
    missing = {t.name: available(t) for t in chosen}
    print(f"best of {runs} run(s); wall time, peak RSS of the process tree")
    print(f"{'file':<48}{'KB':>6}  " + "  ".join(f"{t.name:>18}" for t in chosen))
    goal_met = True
    for file in files:
        got = best_of_interleaved(chosen, file, runs, timeout, net, missing)
        print(f"{file.name[:47]:<48}{file.stat().st_size // 1000:>6}  "
              + "  ".join(_cell(*got[t.name]) for t in chosen))
        ours = got.get("ours", (None, ""))[0]
        for other in ("markdownlint-cli2", "awesome-lint"):
            if other in got and "ours" in got:
                print(f"{'':<56}ours/{other}: {_ratio(ours, got[other][0])}")
        mdl = got.get("markdownlint-cli2", (None, ""))[0]
        if ours and mdl and (ours.seconds > 0.25 * mdl.seconds or ours.peak_kb > 0.25 * mdl.peak_kb):
            goal_met = False
    return goal_met


def _fit(points: Sequence[Tuple[float, float]]) -> str:
    """Least-squares line through (MB, seconds) and the worst relative miss."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    intercept = my - slope * mx
    worst = max(abs(y - (intercept + slope * x)) / y for x, y in points)
    return f"{intercept:.2f}s + {slope:.2f}s/MB (worst miss {worst:.0%})"


def growth(sizes: Sequence[float], runs: int, timeout: float) -> None:
    """Our time on synthetic lists of growing size: per-MB figures and least-squares lines
    (CPU time too, since wall time on a shared machine picks up other people's load)."""
    ours = tools()["ours"]
    wall: List[Tuple[float, float]] = []
    cpu: List[Tuple[float, float]] = []
    print("\nlinear growth (ours, synthetic lists)")
    print(f"{'MB':>6}{'wall':>9}{'s/MB':>7}{'cpu':>9}{'s/MB':>7}{'peak':>9}")
    for mb in sizes:
        path = write_synthetic(mb)
        real_mb = path.stat().st_size / MB
        m, note = best_of_interleaved([ours], path, runs, timeout, [], {})["ours"]
        if not m:
            print(f"{real_mb:6.2f}  {note}")
            continue
        wall.append((real_mb, m.seconds))
        cpu.append((real_mb, m.cpu))
        print(f"{real_mb:6.2f}{m.seconds:8.2f}s{m.seconds / real_mb:7.2f}{m.cpu:8.2f}s"
              f"{m.cpu / real_mb:7.2f}{m.peak_kb / 1024:7.0f}MB")
    if len(wall) >= 2:
        print(f"fit, wall: {_fit(wall)}")
        print(f"fit, cpu:  {_fit(cpu)}")


def precompile() -> None:
    """Write our bytecode once, as `pip install` does for an installed package.

    An editable install with PYTHONDONTWRITEBYTECODE=1 (set on these machines) would
    otherwise recompile every module in every run, a cost no installed user pays.
    """
    import compileall

    package = Path(__file__).resolve().parents[1] / "awesome_tools"
    compileall.compile_dir(str(package), quiet=1)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--tools", default="ours,markdownlint-cli2,awesome-lint")
    parser.add_argument("--sizes", default="0.5,1,2,3", help="synthetic sizes in MB for growth")
    parser.add_argument("--synthetic-mb", type=float, default=3.0)
    parser.add_argument("--no-growth", action="store_true")
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
    goal_met = compare(files, names, args.runs, args.timeout)
    if not args.no_growth and "ours" in names:
        growth([float(s) for s in args.sizes.split(",")], args.runs, args.timeout)
    if "ours" in names and "markdownlint-cli2" in names:
        print("\ngoal (ours <= 0.25x markdownlint-cli2 time and memory on every file): "
              + ("met" if goal_met else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
