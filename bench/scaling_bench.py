"""Scaling of `awesome-tools check` on adversarial inputs: is every path linear in the input?

Why this shape: a list is content anyone can propose in a pull request, and one quadratic
regular expression or loop turns 40 KB into a minute of CI (issue 12, item 7). For each
input below we build about n and 4n bytes of the same adversarial pattern, time ``check`` on
both and print the growth exponent ``log(t4n / tn) / log 4``: 1 is linear, 2 quadratic. The
goal is at most 1.15 for every input.

Each measurement is a fresh child process (so a hang is bounded by ``--timeout`` and one
input's caches do not help the next), which imports the package, checks a small list once to
warm up, then times ``run_check`` on the file with ``time.process_time`` (CPU seconds of that
process: steadier than wall time on a shared machine; the start-up of Python is left out, as
it does not grow with the input). The best of ``--runs`` is kept. For an input above the goal,
the child is run again under cProfile and the functions with the most own time are printed,
builtins (a regex search, ``str.find``) with the function that called them: that is where
the time goes.

n starts at ``--size`` and is doubled (up to 32 times) while ``check`` takes less than
``--min-time`` there, so the growth is measured on times well above the noise; an input
that is over the time limit at ``--size`` is measured at a quarter of it, and so on.

Usage: .venv/bin/python bench/scaling_bench.py [--size BYTES] [--runs N] [--timeout S]
       [--min-time S] [--only NAME,...] [--command check|fix|toc|export]
       [--entry-format awesome|papers] [--no-profile] [--list]
"""
from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GOAL = 1.15

Generator = Callable[[int], str]


# ---------------------------------------------------------------------------- inputs

def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``head`` + ``unit`` repeated to about ``size`` bytes + ``tail``."""
    return head + unit * max(1, (size - len(head) - len(tail)) // max(1, len(unit))) + tail


def _lines(make: Callable[[int], str], size: int, head: str = "") -> str:
    """``head`` then lines ``make(0)``, ``make(1)``, ... until about ``size`` bytes."""
    parts, total, index = [head], len(head), 0
    while total < size:
        line = make(index)
        parts.append(line)
        total += len(line)
        index += 1
    return "".join(parts)


def _toc_reversed(size: int) -> str:
    """A TOC listing every section in reverse order: nothing lines up."""
    count = max(2, size // 40)
    toc = "".join(f"- [Section {i}](#section-{i})\n" for i in reversed(range(count)))
    return "# List\n\n## Contents\n\n" + toc + "\n" + "".join(
        f"## Section {i}\n\n" for i in range(count))


def _toc_identical(size: int) -> str:
    """A TOC of entries that all name the same text, over headings all named alike."""
    count = max(2, size // 28)
    return ("# List\n\n## Contents\n\n" + "- [Same](#same)\n" * count + "\n"
            + "## Same\n\n" * count)


def _toc_missing(size: int) -> str:
    """A two-entry TOC and thousands of headings it does not list."""
    count = max(2, size // 14)
    return ("# List\n\n## Contents\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n## B\n\n"
            + "".join(f"## H{i}\n\n" for i in range(count)))


def _toc_half_missing(size: int) -> str:
    """A TOC listing every other heading, in subsections: many listed, many missing."""
    count = max(4, size // 40)
    toc = "".join(f"- [S{i}](#s{i})\n" + "".join(f"  - [T{i}x{j}](#t{i}x{j})\n" for j in (0, 2))
                  for i in range(0, count // 4))
    body = "".join(f"## S{i}\n\n" + "".join(f"### T{i}x{j}\n\n" for j in range(4))
                   for i in range(count // 4))
    return "# List\n\n## Contents\n\n" + toc + "\n" + body


def _broken_anchors(size: int) -> str:
    """Many headings and as many in-page links that almost name one of them."""
    count = max(2, size // 60)
    headings = "".join(f"## Heading number {i}\n\n" for i in range(count))
    links = "".join(f"- [x](#heading-numbr-{i})\n" for i in range(count))
    return "# List\n\n" + links + "\n" + headings


def _suffix_anchors(size: int) -> str:
    """Repeated headings (#a, #a-1, ...) and links to a numbered repeat that is not there."""
    count = max(2, size // 24)
    return "# List\n\n" + "## a\n\n" * count + "".join(
        f"[x](#a-{count + i})\n" for i in range(count // 2))


def _directives(size: int) -> str:
    """Many inline disable comments and many findings for them to be matched against."""
    return _lines(lambda i: "<!-- awesome-tools-disable-next-line empty-link -->\n"
                            "- [x]()\n- [y]()\n", size, "# List\n\n")


INPUTS: Dict[str, Tuple[str, Generator]] = {
    # markers and nesting
    "marker-line": ("one line of '- - - ... x'", lambda n: _repeat("- ", n, tail="x\n")),
    "ordered-marker-line": ("one line of '1. 1. ... x'", lambda n: _repeat("1. ", n, tail="x\n")),
    "star-marker-line": ("one line of '* * * ... x'", lambda n: _repeat("* ", n, tail="x\n")),
    "quote-nesting": ("one line of '> > > ... x'", lambda n: _repeat("> ", n, tail="x\n")),
    "quoted-list-nesting": ("one line of '> - > - ... x'",
                            lambda n: _repeat("> - ", n, tail="x\n")),
    "emphasis-nesting": ("an item of '*' runs around one letter",
                         lambda n: "- " + "*" * (n // 2) + "a" + "*" * (n // 2) + "\n"),
    "list-nesting": ("lists nested 100 deep by indentation, repeated",
                     lambda n: _lines(lambda i: "  " * (i % 100) + "- [x](#x)\n", n)),
    "tabs": ("a line of tabs, then text", lambda n: _repeat("\t", n, "- ", "x\n")),
    # headings and TOC
    "identical-headings": ("'## Same' again and again", lambda n: _repeat("## Same\n", n)),
    "toc-reversed": ("a TOC in reverse order of its headings", _toc_reversed),
    "toc-identical": ("a TOC of identical entries over identical headings", _toc_identical),
    "toc-missing": ("a two-entry TOC over thousands of headings", _toc_missing),
    "toc-half-missing": ("a nested TOC listing every other subsection", _toc_half_missing),
    "broken-anchors": ("links that each almost name one of many headings", _broken_anchors),
    "suffix-anchors": ("links to #a-N past the last repeat of '## a'", _suffix_anchors),
    "long-heading": ("one heading of words", lambda n: _repeat("word ", n, "## ", "\n")),
    "heading-emphasis": ("one heading of '*a_' runs", lambda n: _repeat("*a_", n, "## ", "\n")),
    "heading-links": ("one heading of '[a](b)' runs", lambda n: _repeat("[a](b)", n, "## ", "\n")),
    "heading-brackets": ("one heading of '[' runs", lambda n: _repeat("[", n, "## ", "\n")),
    "heading-tags": ("one heading of '<' runs", lambda n: _repeat("<", n, "## ", "\n")),
    "setext": ("a setext underline", lambda n: _repeat("=", n, "Title\n", "\n")),
    # brackets, emphasis, code
    "open-brackets": ("a line of '['", lambda n: _repeat("[", n, "- ", "\n")),
    "close-brackets": ("a line of ']'", lambda n: _repeat("]", n, "- ", "\n")),
    "bracket-pairs": ("a line of '[]'", lambda n: _repeat("[]", n, "- ", "\n")),
    "link-openers": ("a line of '[a]('", lambda n: _repeat("[a](", n, "- ", "\n")),
    "image-openers": ("a line of '!['", lambda n: _repeat("![", n, "- ", "\n")),
    "nested-brackets": ("'[[[...a]]](u)'",
                        lambda n: "- " + "[" * (n // 2) + "a" + "]" * (n // 2) + "(u)\n"),
    "link-text-parens": ("a link whose text is '(1111...'",
                         lambda n: _repeat("1", n, "- [(", "](https://x.org)\n")),
    "emphasis-run": ("a line of '*a _b '", lambda n: _repeat("*a _b ", n, "- ", "\n")),
    "backtick-run": ("one run of backticks", lambda n: _repeat("`", n, "- ", "\n")),
    "backtick-ladder": ("backtick runs of growing length, none closed",
                        lambda n: "- " + " ".join("`" * k for k in range(1, int(math.sqrt(2 * n))))
                        + "\n"),
    "code-spans": ("many code spans on one line, then a link",
                   lambda n: _repeat("`a` ", n, "- ", "[x](https://x.org)\n")),
    "many-links-line": ("many links on one line",
                        lambda n: _repeat("[a](https://x.org/b) ", n, "- ", "\n")),
    "dash-brackets": ("a line of '-['", lambda n: _repeat("-[", n, "- a ", "\n")),
    "quotes": ("a line of opening quotes", lambda n: _repeat("\u201c", n // 3, "- ", "\n")),
    "whitespace-title": ("an item title with a long run of spaces",
                         lambda n: _repeat(" ", n, "- a", "b [x](https://x.org)\n")),
    "space-paren-title": ("a paper heading whose title is spaces and '('",
                          lambda n: _repeat(" (", n, "#### T", "\n\n[[paper]](https://x.org)\n")),
    # tables
    "table-wide": ("one table row with thousands of cells",
                   lambda n: "|" + " a |" * (n // 8) + "\n|" + "---|" * (n // 8) + "\n"),
    "pipes": ("a paragraph line of '|'", lambda n: _repeat("a|", n, "", "\n")),
    # HTML and comments
    "html-attr-huge": ("one huge attribute value",
                       lambda n: _repeat("a", n, '<img src="', '">\n')),
    "html-attrs-many": ("a tag with thousands of attributes",
                        lambda n: _repeat('a="b" ', n, "<img ", ">\n")),
    "html-open-tags": ("'<a <a <a ...' never closed", lambda n: _repeat("<a ", n, "x ", "\n")),
    "html-img-open": ("'<img<img...' never closed", lambda n: _repeat("<img", n, "x ", "\n")),
    "comment-openers": ("'<!--' again and again", lambda n: _repeat("<!--", n, "x ", "\n")),
    "comment-lint": ("'<!-- lint disable' never closed",
                     lambda n: _repeat("<!-- lint disable ", n, "x ", "\n")),
    "comment-math": ("'<!-- $' never closed", lambda n: _repeat("<!-- $", n, "x ", "\n")),
    "many-comments": ("many closed comments", lambda n: _repeat("<!-- c -->\n", n)),
    "directives": ("many disable comments and findings", _directives),
    "html-anchors": ("many '<a name>' anchors with one name",
                     lambda n: _repeat('<a name="x"></a>\n', n)),
    "html-block-open-tags": ("an HTML block of '<a <a ...' never closed",
                             lambda n: _repeat("<a ", n, "<div>\n", "\n")),
    "html-block-attrs": ("an HTML block with an unclosed tag of many attributes",
                         lambda n: _repeat('a="b" ', n, "<div>\n<img ", "\n")),
    "math-images-line": ("many math-service images on one line",
                         lambda n: _repeat("![m](https://render.githubusercontent.com/render/"
                                           "math?math=x) ", n, "- <img ", "\n")),
    "math-comments": ("math images each after a comment, one '<!--' far back",
                      lambda n: _repeat("--> <img src=\"https://render.githubusercontent.com/"
                                        "render/math?math=x\"> ", n, "<!-- $x$ ", "\n")),
    # entries and descriptions
    "empty-links-line": ("many '[](url)' on one line",
                         lambda n: _repeat("[](https://x.org) ", n, "- ", "\n")),
    "quotes-entry": ("an item of opening quotes before its link",
                     lambda n: _repeat("\u201c", n // 3, "- ", " [x](https://x.org)\n")),
    "dest-openers": ("an entry whose text after the link is '](' runs and a year",
                     lambda n: _repeat("](", n, "- [T](https://x.org) ", " 2020\n")),
    "escapes-run": ("an item description of escaped characters",
                    lambda n: _repeat("\\*", n, "- [a](https://x.org) - A", ".\n")),
    "entities-run": ("an item description of entities",
                     lambda n: _repeat("&amp;", n, "- [a](https://x.org) - A", ".\n")),
    "code-description": ("a description of a backtick and dots",
                         lambda n: _repeat(".", n, "- [a](https://x.org) - `", "\n")),
    "backtick-description": ("a description of backticks",
                             lambda n: _repeat("`", n, "- [a](https://x.org) - `a", "\n")),
    "emoji-tail": ("a description of variation selectors, then a letter",
                   lambda n: _repeat("\ufe0f", n // 3, "- [a](https://x.org) - A", "x\n")),
    "lead-venue-digits": ("an item starting with '(' and digits, then its link",
                          lambda n: _repeat("1", n, "- (", " [x](https://x.org)\n")),
    "citation-quotes": ("a citation paragraph of opening quotes",
                        lambda n: _repeat("\u201c", n // 3, "[1] ", " [pdf](https://x.org)\n")),
    "summary-open": ("many '<summary>' never closed",
                     lambda n: _repeat("<summary>x ", n, "<details>\n", "\n</details>\n")),
    "html-heading-open": ("many '<h2>' never closed in an HTML block",
                          lambda n: _repeat("<h2>x ", n, "<div>\n", "\n</div>\n")),
    "table-entries": ("a table of many rows of links",
                      lambda n: _lines(lambda i: f"| [Tool {i}](https://x.org/{i}) | A tool. |\n",
                                       n, "| Name | Description |\n| --- | --- |\n")),
    "br-items": ("an HTML list item of many <br> lines",
                 lambda n: _repeat('<a href="https://x.org">x</a> y<br>', n, "<ul><li>",
                                   "</li></ul>\n")),
    "dated-news": ("news bullets with dates",
                   lambda n: _lines(lambda i: f"- [2024/05] [x](https://x.org/{i}) released.\n",
                                    n, "## News\n\n")),
    "author-names": ("an item of many capitalised names",
                     lambda n: _repeat("Ab Cd, ", n, "- \"A title of a paper\", ",
                                       " [pdf](https://x.org)\n")),
    "description-images": ("an item description of '![' runs",
                           lambda n: _repeat("![", n, "- [a](https://x.org) - A ", ".\n")),
    "description-lt": ("an item description of '<' runs",
                       lambda n: _repeat("<", n, "- [a](https://x.org) - A ", ".\n")),
    "paragraph-spaces": ("paragraph lines with long runs of spaces inside",
                         lambda n: _repeat(" ", n, "**Title**", "x\nAuthors\n[pdf](https://x.org)\n")),
    "bold-line-spaces": ("a bold paragraph line, a run of spaces, then text",
                         lambda n: _repeat(" ", n, "**Title** ", "x \\\nA. Author\n"
                                                                 "[pdf](https://x.org)\n")),
    "link-then-spaces": ("an item of a link, a run of spaces, then a word",
                         lambda n: _repeat(" ", n, "- [a](https://x.org)", "x\n")),
    "authors-spaces": ("an item whose authors end in a run of spaces before 'et al'",
                       lambda n: _repeat(" ", n, "- \"A title of a paper\", A. B,", "x et al "
                                         "[pdf](https://x.org)\n")),
    "toc-missing-brackets": ("a TOC missing a heading of '[' runs and a link",
                             lambda n: "# T\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n"
                             "## A\n\n## " + "[" * n + "](x)\n"),
    # URLs
    "long-url": ("one bare URL", lambda n: _repeat("a", n, "- https://x.org/", "\n")),
    "long-link-url": ("one link with a long URL",
                      lambda n: _repeat("a/", n, "- [x](https://x.org/", ")\n")),
    "url-close-parens": ("a bare URL ending in many ')'",
                         lambda n: _repeat(")", n, "- https://x.org/a", "\n")),
    "url-entities": ("a bare URL ending in many '&a;'",
                     lambda n: _repeat("&a;", n, "- https://x.org/a", "\n")),
    "url-trailing": ("a bare URL ending in many '.'",
                     lambda n: _repeat(".", n, "- https://x.org/a", "\n")),
    "many-bare-urls": ("many bare URLs on one line",
                       lambda n: _repeat("https://x.org ", n, "- ", "\n")),
    "long-arxiv": ("an arXiv-like URL with a long path",
                   lambda n: _repeat("1", n, "- [x](https://arxiv.org/abs/", ")\n")),
    "url-percent": ("a URL of percent escapes",
                    lambda n: _repeat("%41", n, "- [x](https://x.org/", ")\n")),
    "references": ("many reference definitions and uses",
                   lambda n: _lines(lambda i: f"[r{i % 500}]: https://x.org/{i}\n[a][r{i % 500}]\n",
                                    n)),
    "venue-words": ("an entry of venue-like words",
                    lambda n: _repeat("NeurIPS ", n, "- [x](https://arxiv.org/abs/2001.00001) ",
                                      "2020\n")),
    "cr-only": ("items separated by CR only", lambda n: _repeat("- [a](https://x.org)\r", n)),
}


# ---------------------------------------------------------------------------- the child

SMALL = "# List\n\n## Contents\n\n- [A](#a)\n\n## A\n\n- [x](https://x.org) - y.\n"


def child(path: str, command: str, profile: bool) -> None:
    """Time one command on ``path`` in this process; print the CPU seconds (or a profile)."""
    import time

    sys.path.insert(0, str(ROOT))
    from awesome_tools.errors import InputError
    from awesome_tools.fixes.guard import UnsafeFix

    run = _runner(command)
    warm = Path(path).with_name("warm.md")
    warm.write_text(SMALL, encoding="utf-8")
    devnull = open(os.devnull, "w")
    real_stdout, sys.stdout = sys.stdout, devnull
    try:
        run(str(warm))
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
            try:
                run(path)
            except UnsafeFix as error:
                sys.stdout = real_stdout
                print(f"    (guard refused: {error})")
                return
            profiler.disable()
            sys.stdout = real_stdout
            _print_profile(profiler)
            return
        start = time.process_time()
        try:
            run(path)
        except UnsafeFix as error:  # an InputError: the fix's guard, not the input
            sys.stdout = real_stdout
            print(f"refused {error}")
            return
        except InputError as error:
            sys.stdout = real_stdout
            print(f"error {error}")
            return
        seconds = time.process_time() - start
    finally:
        sys.stdout = real_stdout
    print(f"{seconds:.6f}")


def _runner(command: str) -> Callable[[str], object]:
    if command == "check":
        from awesome_tools.commands.check import run_check
        return lambda path: run_check([path], fmt="json")
    if command == "fix":
        from awesome_tools.commands.fix import run_fix
        return lambda path: run_fix([path], diff=True)
    if command == "toc":
        from awesome_tools.commands.toc import run_toc
        return lambda path: run_toc(path)
    if command == "export":
        from awesome_tools.commands.export import run_export
        return lambda path: run_export(path)
    raise SystemExit(f"unknown command {command}")


def _print_profile(profiler) -> None:
    """The functions with the most own time; builtins with the caller that spent it."""
    import pstats

    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values()) or 1e-9
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:6]
    for (filename, line, name), (_, calls, own, _cum, callers) in rows:
        where = _short_place(filename, line, name)
        if filename == "~" and callers:
            (c_file, c_line, c_name), _ = max(callers.items(), key=lambda kv: kv[1][2])
            where += " from " + _short_place(c_file, c_line, c_name)
        print(f"    {own / total:5.0%} {own:7.2f}s {calls:>9} calls  {where}")


def _short_place(filename: str, line: int, name: str) -> str:
    if filename == "~":
        return name
    parts = Path(filename).parts
    for anchor in ("awesome_tools", "markdown_it"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor):]) + f":{line}({name})"
    return f"{Path(filename).name}:{line}({name})"


# ---------------------------------------------------------------------------- the parent

@dataclass
class Timing:
    seconds: Optional[float]  # None: over the time limit, or refused
    error: str = ""
    refused: bool = False  # `fix`: the guard refused the result (UnsafeFix), nothing timed


def time_file(path: Path, command: str, runs: int, timeout: float) -> Timing:
    best: Optional[float] = None
    for _ in range(runs):
        try:
            done = subprocess.run([sys.executable, __file__, "--child", str(path),
                                   "--command", command], capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return Timing(None)
        out = done.stdout.strip()
        if out.startswith("refused"):
            return Timing(None, "guard refused", refused=True)
        if done.returncode != 0 or not out or out.startswith("error"):
            return Timing(best, (out.splitlines() or done.stderr.strip().splitlines()[-1:]
                                 or ["?"])[-1])
        seconds = float(out)
        best = seconds if best is None else min(best, seconds)
        if seconds > timeout / 4:
            break  # slow enough to measure once
    return Timing(best)


def exponent(small: Timing, large: Timing, timeout: float) -> Tuple[float, str]:
    """(exponent, shown text); a run over the limit gives a lower bound."""
    if small.seconds is None:
        return math.inf, "> limit at n"
    floor = max(small.seconds, 1e-4)
    if large.seconds is None:  # over the limit at 4n: not shown to be linear
        value = math.log(timeout / floor) / math.log(4)
        return max(value, math.inf if value <= GOAL else value), f">= {value:.2f}"
    value = math.log(max(large.seconds, 1e-4) / floor) / math.log(4)
    return value, f"{value:.2f}"


def profile(path: Path, command: str, timeout: float) -> str:
    try:
        done = subprocess.run([sys.executable, __file__, "--child", str(path), "--command",
                               command, "--profile"], capture_output=True, text=True,
                              timeout=timeout * 2)
    except subprocess.TimeoutExpired:
        return "    (profile over the time limit)"
    return done.stdout.rstrip() or done.stderr.strip()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=64_000, help="n, in bytes (default 64000)")
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--min-time", type=float, default=0.3,
                        help="double n (up to 32 times) until check takes this long at n")
    parser.add_argument("--only", default="", help="comma-separated input names")
    parser.add_argument("--command", default="check", choices=("check", "fix", "toc", "export"))
    parser.add_argument("--no-profile", action="store_true", help="no profile of slow inputs")
    parser.add_argument("--entry-format", choices=("awesome", "papers"), default=None,
                        help="also run entry-format with this profile (a config beside the file)")
    parser.add_argument("--list", action="store_true", help="list the inputs and exit")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.command, args.profile)
        return 0
    if args.list:
        for name, (what, _) in INPUTS.items():
            print(f"{name:22} {what}")
        return 0
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(INPUTS)
    unknown = [n for n in names if n not in INPUTS]
    if unknown:
        parser.error(f"unknown input(s): {', '.join(unknown)} (see --list)")
    profile_note = f", entry-format profile {args.entry_format}" if args.entry_format else ""
    print(f"{args.command} time (CPU s, best of {args.runs}) on n and 4n bytes (n from "
          f"{args.size:,}, grown until t(n) >= {args.min_time} s){profile_note}; goal: exponent "
          f"<= {GOAL}")
    print(f"{'input':22} {'n':>9} {'t(n)':>8} {'t(4n)':>8} {'exponent':>9}")
    over: List[str] = []
    refused: List[str] = []  # `fix` inputs whose fix the guard refused: no timing
    with tempfile.TemporaryDirectory(prefix="scaling-bench-") as scratch:
        os.mkdir(Path(scratch) / ".git")  # the config search stops here
        if args.entry_format:
            (Path(scratch) / ".awesome-tools.yaml").write_text(
                f"entry-format:\n  profile: {args.entry_format}\n", encoding="utf-8")
        for name in names:
            what, make = INPUTS[name]

            def measure(size: int, runs: int, name: str = name,
                        make: Callable[[int], str] = make) -> Tuple[Path, Timing]:
                path = Path(scratch) / f"{name}-{size}.md"
                path.write_text(make(size), encoding="utf-8", newline="")
                return path, time_file(path, args.command, runs, args.timeout)

            size, was_refused = _base_size(measure, args)
            if was_refused:
                refused.append(name)
                print(f"{name:22} {size:>9,} {'-':>8} {'-':>8} {'-':>9}  guard refused",
                      flush=True)
                continue
            (small_path, small), (large_path, large) = (measure(size, args.runs),
                                                        measure(4 * size, args.runs))
            value, shown = exponent(small, large, args.timeout)
            if value > GOAL and small.seconds is not None and large.seconds is not None:
                # Over the goal on the first runs: more runs of both, keeping the best of
                # all, before saying so (a busy machine adds a fifth to a run now and then).
                small = _best(small, measure(size, 2 * args.runs)[1])
                large = _best(large, measure(4 * size, 2 * args.runs)[1])
                value, shown = exponent(small, large, args.timeout)
            status = "" if value <= GOAL else "  OVER"
            error = small.error or large.error
            size = small_path.stat().st_size
            print(f"{name:22} {size:>9,} {_secs(small):>8} {_secs(large):>8} {shown:>9}{status}"
                  + (f"  ({error})" if error else ""), flush=True)
            if value > GOAL:
                over.append(name)
                if not args.no_profile:
                    target = large_path if large.seconds is not None else small_path
                    print(profile(target, args.command, args.timeout), flush=True)
    print(f"{len(names) - len(over) - len(refused)} of {len(names)} inputs within {GOAL}"
          + (f"; over: {', '.join(over)}" if over else "")
          + (f"; guard refused: {', '.join(refused)}" if refused else "")
          + ("" if over or refused else "."))
    return 1 if over else 0


def _best(first: Timing, second: Timing) -> Timing:
    if first.seconds is None or second.seconds is None:
        return first if second.seconds is None else second
    return first if first.seconds <= second.seconds else second


def _base_size(measure, args) -> Tuple[int, bool]:
    """n for one input: ``--size``, doubled while ``check`` takes under ``--min-time`` there
    (a growth measured on hundredths of a second is noise), or quartered while it takes
    more than a sixteenth of the time limit (so a quadratic input still gets an exponent);
    and whether the guard refused the fix there (then there is nothing to time)."""
    size = args.size
    _, timing = measure(size, 1)
    # Too slow for 4n to finish within the limit even if it were only quadratic: smaller.
    while not timing.refused and (timing.seconds is None or timing.seconds > args.timeout / 16) \
            and size > args.size // 64:
        size //= 4
        _, timing = measure(size, 1)
    while timing.seconds is not None and timing.seconds < args.min_time \
            and size < args.size * 32:
        size *= 2
        _, timing = measure(size, 1)
    return size, timing.refused


def _secs(timing: Timing) -> str:
    return "limit" if timing.seconds is None else f"{timing.seconds:.3f}"


if __name__ == "__main__":
    sys.exit(main())
