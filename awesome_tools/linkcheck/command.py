"""``awesome-tools links``: read the lists, check their URLs, report, return the exit code.

The stages are separate modules (extract -> cache -> checker/hosts -> report -> issue); this
module only wires them together and turns problems into one-line errors (exit 2). Exit codes:
0 when no URL has a verdict in ``--fail-on`` (default ``dead``), 1 when some do, 2 for usage
or input errors.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from ..errors import InputError
from .cache import DEFAULT_PATH, LinkCache
from .checker import Context, HttpTask, Result, Scheduler, Task
from .extract import Target, extract, split_excluded
from .policy import Policy, PolicyError, build_policy
from .report import FORMATS, LinkReport, render

FAIL_ON_CHOICES = ("dead", "unknown", "redirected")


def run_links(paths: Sequence[str], *, fmt: str = "text", fail_on: Optional[str] = None,
              cache_path: Optional[str] = None, no_cache: bool = False,
              exclude: Sequence[str] = (), exclude_private: bool = False,
              report_issue: bool = False, config_path: Optional[str] = None) -> int:
    """Check the external links of ``paths`` and print the report; returns the exit code."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    section, config = _links_section(config_path, paths)
    policy = _policy(section, config, exclude, exclude_private)
    failing = parse_fail_on(fail_on if fail_on is not None else section.get("fail-on", "dead"))
    issue_target = _issue_target(section, policy) if report_issue else None
    documents = _read(paths)
    targets, excluded = split_excluded(extract(documents), policy.excluded)
    cache = LinkCache(None if no_cache else Path(cache_path or section.get("cache")
                                                 or DEFAULT_PATH)).load()
    for warning in cache.warnings:
        _warn(warning)
    pairs, skipped = check_targets(targets, policy, cache, progress=_progress_wanted())
    if not no_cache:
        try:
            cache.save()
        except OSError as error:
            _warn(f"cannot write the link cache {cache.path}: {error.strerror or error}")
    report = LinkReport(tuple(pairs), failing, len(excluded) + skipped,
                        tuple(str(path) for path in paths))
    output = render(report, fmt)
    if output:
        sys.stdout.write(output + "\n")
        sys.stdout.flush()
    if issue_target is not None:
        from .issue import IssueError, update_issue
        from .report import format_markdown

        try:
            _note(update_issue(issue_target, format_markdown(report), bool(report.failing)))
        except IssueError as error:
            raise InputError(str(error)) from None
    return 1 if report.failing else 0


def check_targets(targets: Sequence[Target], policy: Policy, cache: Optional[LinkCache] = None,
                  *, progress: bool = False) -> Tuple[List[Tuple[Target, Result]], int]:
    """Verdicts for ``targets`` (cache first), recorded in the cache; also how many were skipped.

    The library entry point behind the command (the benchmark and ``fix`` use it).
    """
    cache = cache or LinkCache(None)
    results: Dict[str, Result] = {}
    todo = []
    for target in targets:
        hit = cache.get(target.key)
        if hit is not None:
            results[target.key] = hit
        else:
            todo.append(target)
    ctx = Context(policy)
    bar = _Progress(len(todo)) if progress and todo else None
    tasks = build_tasks(ctx, todo, cache.method)
    try:
        for result in Scheduler(ctx, bar.advance if bar else None).run(tasks):
            results[result.key] = result
    finally:
        ctx.close()
        if bar is not None:
            bar.finish()
    ttl = policy.ttl
    for result in results.values():
        cache.put(result, ttl())
    pairs = [(target, results[target.key]) for target in targets
             if results[target.key].verdict != "excluded"]
    return pairs, len(targets) - len(pairs)


def build_tasks(ctx: Context, targets: Sequence[Target],
                method: Callable[[str], str] = lambda key: "HEAD") -> List[Task]:
    """API batches for arXiv and GitHub, API lookups for DOIs, HTTP checks for the rest."""
    from .hosts import arxiv, doi, github

    policy = ctx.policy
    tasks: List[Task] = []
    papers = [(t.key, t.ident[0], t.url) for t in targets if t.kind == "arxiv"]
    tasks.extend(arxiv.batches(policy.arxiv_api, papers, policy.arxiv_batch))
    repos = [(t.key, t.url, (t.ident[0], t.ident[1])) for t in targets if t.kind == "github"]
    tasks.extend(github.tasks(ctx, repos))
    for target in targets:
        if target.kind == "doi":
            tasks.append(doi.DoiTask(target.key, target.url, target.ident[0], policy.doi_api))
        elif target.kind == "http":
            tasks.append(HttpTask(target.key, target.url, method(target.key)))
    return tasks


def parse_fail_on(value: object) -> FrozenSet[str]:
    if not isinstance(value, str):
        raise InputError(f"--fail-on: expected a comma-separated list, got {value!r}")
    words = [word.strip().lower() for word in value.split(",") if word.strip()]
    for word in words:
        if word not in FAIL_ON_CHOICES and word != "none":
            raise InputError(f"--fail-on: unknown verdict {word!r}; expected a comma-separated "
                             f"list of {', '.join(FAIL_ON_CHOICES)} (or none)")
    return frozenset(word for word in words if word != "none")


# --- inputs ---------------------------------------------------------------------------------

def _links_section(config_path: Optional[str], paths: Sequence[str]):
    from ..config import load_config

    start = Path(paths[0]).parent if paths else Path.cwd()
    config = load_config(config_path, start if str(start) else Path.cwd())
    return config.section("links"), config


def _policy(section: Mapping, config, exclude: Sequence[str], exclude_private: bool) -> Policy:
    try:
        return build_policy(section, os.environ, exclude=exclude,
                            exclude_private=exclude_private)
    except PolicyError as error:
        if error.key == "links.exclude" and any(pattern for pattern in exclude):
            raise InputError(f"--exclude: {error}") from None
        raise config.error(error.key, str(error)) from None


def _issue_target(section: Mapping, policy: Policy):
    from .issue import DEFAULT_TITLE, IssueTarget

    token = policy.github_token
    if not token:
        raise InputError("--report-issue needs GITHUB_TOKEN in the environment")
    repository = section.get("issue-repository") or os.environ.get("GITHUB_REPOSITORY")
    if not repository or not isinstance(repository, str) or repository.count("/") != 1:
        raise InputError("--report-issue needs the repository as owner/name: set "
                         "GITHUB_REPOSITORY or links.issue-repository")
    api = section.get("issue-api") or policy.github_api
    return IssueTarget(api=str(api), repository=repository, token=token,
                       title=str(section.get("issue-title") or DEFAULT_TITLE),
                       timeouts=policy.timeouts(), user_agent=policy.user_agent)


def _read(paths: Sequence[str]):
    from ..document import parse
    from ..textio import read_source

    documents = []
    for name in paths:
        source = read_source(Path(name))
        documents.append(parse(source.text, str(name)))
    return documents


# --- terminal -------------------------------------------------------------------------------

def _progress_wanted() -> bool:
    """A progress bar only for a person watching: stderr is a terminal and this is not CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class _Progress:
    """``links: [#####.....] 120/400`` on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.drawn = total, 0, 0.0
        self.lock = threading.Lock()

    def advance(self, count: int) -> None:
        with self.lock:
            self._advance(count)

    def _advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done >= self.total:
            self.drawn = now
            filled = int(30 * min(self.done, self.total) / max(self.total, 1))
            sys.stderr.write(f"\rlinks: [{'#' * filled}{'.' * (30 - filled)}] "
                             f"{self.done}/{self.total}")
            sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\r" + " " * 60 + "\r")
        sys.stderr.flush()


def _warn(message: str) -> None:
    sys.stderr.write(f"awesome-tools: warning: {message}\n")


def _note(message: str) -> None:
    sys.stderr.write(f"awesome-tools: {message}\n")
