"""A seeded mutation fuzzer for check and fix, shared by tests/test_fuzz.py and bench/fuzz_bench.py.

Each case takes a base list (the seed list, a corpus list or a window of one), applies a few
mutations chosen by a seeded generator (so a case is reproduced from its seed and index
alone), and then demands of the package:

- no exception: parsing, every offline rule (``entry-format`` included, with each profile in
  turn), and ``fix`` finish without raising, and no rule crashes;
- ``fix`` is idempotent: fixing what ``fix`` wrote changes nothing;
- ``fix`` drops no byte outside its edits: round by round, the text outside the edit spans
  of that round's findings survives in order, the output is exactly those segments and the
  replacements, and every edit lies on a line holding a link destination, an image tag or
  the table of contents (fixes are local to what they repair);
- no hang: each case runs in a worker process and is given ``budget`` seconds; a worker that
  goes over is killed and the case reported (a regular expression stuck in C cannot be
  interrupted from within, so no alarm would do).

Run as ``python tests/fuzzing.py --worker`` it is that worker: case specifications come on
standard input, one JSON line each, and each answer is one JSON line on standard output.
"""
from __future__ import annotations

import json
import os
import random
import selectors
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]

# Fragments that matter to some parser or rule: brackets, code, HTML, comments, tables,
# headings, line endings, control and bidi characters, long runs.
TOKENS = (
    "[", "]", "(", ")", "](", "[[", "]]", "![", "`", "``", "```", "~~~", "<", ">", "<!--", "-->",
    "<a href=\"", "<a name=\"x\">", "<img src=\"", "\" alt=\"", "</a>", "<details>", "|", "| --- |",
    "#", "## ", "### ", "#### ", "- ", "* ", "1. ", "  - ", "> ", "\n", "\r\n", "\r", "\t", "\\",
    "&amp;", "&#x1b;", "%", "%2", "*", "**", "_", "~~", "http://", "https://", "www.",
    "[x](#", "](#", "(https://arxiv.org/abs/2001.00001)", "[[paper]](", "[NeurIPS 2020]",
    "<!-- toc -->", "<!-- tocstop -->", "<!-- START doctoc -->", "<!-- END doctoc -->",
    "<!-- awesome-tools-disable -->", "<!-- lint disable -->", "[r]: ", "[r]", "\x1b[31m",
    "\x9b", "\u202e", "\u2066", "\ufe0f", "\u200d", "数据", "\"", "\u201c", "\u201d", "$", "=",
    "images\\x.png", "../", "/../", "#top", "#L10", "(", " - ", "...", "\u00a0", "\x00"[:0],
)


@dataclass
class Case:
    """One fuzz case: where its base comes from and how to rebuild it."""

    index: int
    seed: int
    base: str  # a path, or "seed"
    window: Tuple[int, int] = (0, -1)  # characters of the base to keep (-1: to the end)
    profile: str = ""  # entry-format profile ("" for none)


@dataclass
class Outcome:
    case: Case
    ok: bool
    seconds: float
    problem: str = ""
    text: str = field(default="", repr=False)


def mutate(text: str, rng: random.Random, count: int) -> str:
    """``text`` after ``count`` mutations drawn from ``rng``."""
    for _ in range(count):
        text = rng.choice(_MUTATIONS)(text, rng)
    return text


def _spot(text: str, rng: random.Random) -> int:
    return rng.randint(0, len(text)) if text else 0


def _insert(text: str, rng: random.Random) -> str:
    at = _spot(text, rng)
    return text[:at] + rng.choice(TOKENS) + text[at:]


def _run(text: str, rng: random.Random) -> str:
    """A long run of one token: what makes a quadratic path show."""
    at = _spot(text, rng)
    return text[:at] + rng.choice(TOKENS) * rng.choice((10, 100, 1000)) + text[at:]


def _delete(text: str, rng: random.Random) -> str:
    at = _spot(text, rng)
    return text[:at] + text[at + rng.randint(1, 200):]


def _duplicate(text: str, rng: random.Random) -> str:
    at = _spot(text, rng)
    piece = text[at:at + rng.randint(1, 400)]
    to = _spot(text, rng)
    return text[:to] + piece + text[to:]


def _swap_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if len(lines) > 2:
        a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def _join_lines(text: str, rng: random.Random) -> str:
    at = text.find("\n", _spot(text, rng))
    return text if at < 0 else text[:at] + rng.choice(("", " ", "\t")) + text[at + 1:]


def _heading(text: str, rng: random.Random) -> str:
    at = text.find("\n", _spot(text, rng))
    return text if at < 0 else text[:at + 1] + "#" * rng.randint(1, 7) + " " + text[at + 1:]


def _case(text: str, rng: random.Random) -> str:
    at = _spot(text, rng)
    end = at + rng.randint(1, 60)
    return text[:at] + text[at:end].swapcase() + text[end:]


def _truncate(text: str, rng: random.Random) -> str:
    return text[:_spot(text, rng)]


def _line_endings(text: str, rng: random.Random) -> str:
    return text.replace("\n", rng.choice(("\r\n", "\r", "\n\n")))


_MUTATIONS = (_insert, _insert, _insert, _run, _delete, _duplicate, _swap_lines, _join_lines,
              _heading, _case, _truncate, _line_endings)


# ---------------------------------------------------------------------------- one case

def build(case: Case) -> str:
    """The text of a case: its base (windowed), mutated by its own generator."""
    path = ROOT / "tests" / "fixtures" / "seed" / "README.md" if case.base == "seed" \
        else Path(case.base)
    text = path.read_bytes().decode("utf-8", errors="replace")
    start, end = case.window
    text = text[start:] if end < 0 else text[start:end]
    rng = random.Random(case.seed * 1_000_003 + case.index)
    return mutate(text, rng, rng.randint(1, 6))


def run_case(case: Case, text: str, directory: Path) -> Optional[str]:
    """None when the case holds every property, else what went wrong (one paragraph)."""
    from awesome_tools.config import load_config
    from awesome_tools.fixes.edits import merge
    from awesome_tools.fixes.pipeline import MAX_ROUNDS, fix_text, fixable_rules
    from awesome_tools.model.parse import parse
    from awesome_tools.rules import RuleContext, all_rules
    from awesome_tools.runner import check_document, selected_rules

    directory = directory / (case.profile or "default")
    if not directory.is_dir():
        (directory / ".git").mkdir(parents=True)
        if case.profile:
            (directory / ".awesome-tools.yaml").write_text(
                f"entry-format:\n  profile: {case.profile}\n", encoding="utf-8")
    config = load_config(None, directory)
    ctx = RuleContext(directory / "README.md", config, directory)
    offline = tuple(name for name, rule in all_rules().items() if not rule.online)
    doc = parse(text)
    result = check_document(doc, ctx, selected_rules(config, offline, ()))
    if result.crashes:
        return "rule crashed: " + "; ".join(map(str, result.crashes))
    rules = fixable_rules(config, (), (), ("canonical-url",))
    current = text
    for round_ in range(MAX_ROUNDS):
        doc = parse(current)
        checked = check_document(doc, ctx, rules)
        if checked.crashes:
            return "rule crashed while fixing: " + "; ".join(map(str, checked.crashes))
        findings = [f for f in checked.findings if f.fix]
        if not findings:
            break
        taken, _ = merge([e for f in findings for e in f.fix])
        allowed = _editable_lines(doc)
        for edit in taken:
            first = doc.position(edit.start)[0]
            last = doc.position(max(edit.start, edit.end - 1))[0]
            if not all(line in allowed for line in range(first, last + 1)):
                rule = next(f.rule for f in findings if edit in f.fix)
                return (f"round {round_ + 1}: a {rule} edit of lines {first}-{last} touches "
                        "text that is no link, image tag or table of contents")
        following = fix_text(current, ctx, rules, rounds=1)[0]
        expected, position = [], 0
        for edit in taken:
            expected.append(current[position:edit.start])
            expected.append(edit.replacement)
            position = edit.end
        expected.append(current[position:])
        if following != "".join(expected):
            return f"round {round_ + 1}: the fixed text is not the original with its edits"
        if following == current:
            break
        current = following
    # ``current`` is what `fix` writes (the rounds above are its rounds); fixing it again
    # must change nothing.
    again, applied = fix_text(current, ctx, rules)
    if again != current:
        return ("fix is not idempotent: a second fix changed the text again ("
                + ", ".join(f"{rule} {count}" for rule, count in sorted(applied.items())) + ")")
    return None


def _editable_lines(doc) -> set:
    """Lines a fix may change: those of link destinations and images (an <img> tag and the
    comment before it), and the table of contents with the line after it."""
    lines = set()
    for link in doc.links:
        if link.dest is not None:
            lines.update(range(link.dest.line, doc.position(max(link.dest.start,
                                                                link.dest.end - 1))[0] + 1))
        lines.add(link.line)
    if doc.toc is not None:
        lines.update(range(doc.toc.line - 1, doc.toc.end_line + 2))
    return lines


# ---------------------------------------------------------------------------- the worker

def worker() -> None:
    """Read case specifications (JSON lines), answer each with a JSON line."""
    import tempfile

    sys.setrecursionlimit(10_000)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        directory = Path(scratch)
        for line in sys.stdin:
            case = Case(**{k: tuple(v) if k == "window" else v for k, v in
                           json.loads(line).items()})
            start = time.process_time()
            try:
                text = build(case)
                problem = run_case(case, text, directory)
            except BaseException:  # noqa: B902 - a traceback is exactly what we look for
                problem = "exception:\n" + traceback.format_exc(limit=8)
            answer = {"index": case.index, "problem": problem or "",
                      "seconds": time.process_time() - start}
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()


class Runner:
    """Feeds cases to a worker process, one at a time, with a time budget for each."""

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.process: Optional[subprocess.Popen] = None

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH",
                                                                                  ""))
        return subprocess.Popen([sys.executable, str(Path(__file__)), "--worker"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=env, cwd=str(ROOT), bufsize=1)

    def run(self, case: Case) -> Outcome:
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        process = self.process
        spec = {"index": case.index, "seed": case.seed, "base": case.base,
                "window": list(case.window), "profile": case.profile}
        started = time.monotonic()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(spec) + "\n")
        process.stdin.flush()
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=self.budget)
        selector.close()
        if not ready:
            self.close()
            return Outcome(case, False, time.monotonic() - started,
                           f"no answer within {self.budget:.0f} s (a hang, or worse than "
                           "linear time)")
        line = process.stdout.readline()
        if not line:
            code = process.wait()
            self.process = None
            return Outcome(case, False, time.monotonic() - started,
                           f"the worker died (exit code {code})")
        answer = json.loads(line)
        return Outcome(case, not answer["problem"], answer["seconds"], answer["problem"])

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def cases(seed: int, bases: Sequence[str], count: int, window: int = 0,
          profiles: Sequence[str] = ("", "awesome", "papers")) -> Iterator[Case]:
    """``count`` cases over ``bases`` in turn; with ``window``, each corpus base is cut to a
    window of about that many characters chosen by the seed (the seed list is kept whole)."""
    rng = random.Random(seed)
    sizes: Dict[str, int] = {}
    for index in range(count):
        base = bases[index % len(bases)]
        span = (0, -1)
        if window and base != "seed":
            if base not in sizes:
                sizes[base] = len(Path(base).read_bytes().decode("utf-8", errors="replace"))
            start = rng.randint(0, max(0, sizes[base] - window))
            span = (start, start + window)
        yield Case(index, seed, base, span, profiles[index % len(profiles)])


def reproduce(outcome: Outcome, directory: Path) -> Path:
    """Write the failing case's text to ``directory`` for a person to look at."""
    directory.mkdir(parents=True, exist_ok=True)
    case = outcome.case
    path = directory / f"fuzz-{case.seed}-{case.index}.md"
    path.write_bytes(build(case).encode("utf-8", errors="surrogatepass"))
    return path


def describe(outcome: Outcome) -> str:
    case = outcome.case
    base = "seed" if case.base == "seed" else Path(case.base).name
    return (f"case {case.index} (seed {case.seed}, {base} {case.window}, profile "
            f"{case.profile or 'none'}): {outcome.problem}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker()
    else:
        sys.exit("usage: python tests/fuzzing.py --worker (see bench/fuzz_bench.py)")
