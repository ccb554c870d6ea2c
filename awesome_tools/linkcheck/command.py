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
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.errors import InputError
from awesome_tools.linkcheck.cache import DEFAULT_PATH, LinkCache
from awesome_tools.linkcheck.checker import Context, HttpTask, Result, Scheduler, Task
from awesome_tools.linkcheck.targets import Target, merge, split_excluded
from awesome_tools.linkcheck.policy import Policy, PolicyError, build_policy
from awesome_tools.linkcheck.report import FORMATS, LinkReport, render

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
    sources = _read(paths)  # input errors before any request
    cache = LinkCache(None if no_cache else Path(cache_path or section.get("cache")
                                                 or DEFAULT_PATH)).load()
    for warning in cache.warnings:
        _warn(warning)
    run = CheckRun(policy, cache, paths=[str(path) for path in paths])
    try:
        targets, excluded = split_excluded(list_targets(sources, cache), policy.excluded)
    except BaseException:
        run.abandon()
        raise
    pairs, skipped = check_targets(targets, policy, cache, progress=_progress_wanted(), run=run)
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
        from awesome_tools.linkcheck.issue import IssueError, update_issue
        from awesome_tools.linkcheck.report import format_markdown

        try:
            _note(update_issue(issue_target, format_markdown(report), bool(report.failing)))
        except IssueError as error:
            raise InputError(str(error)) from None
    return 1 if report.failing else 0


def check_targets(targets: Sequence[Target], policy: Policy, cache: Optional[LinkCache] = None,
                  *, progress: bool = False, run: Optional["CheckRun"] = None
                  ) -> Tuple[List[Tuple[Target, Result]], int]:
    """Verdicts for ``targets`` (cache first), recorded in the cache; also how many were skipped.

    The library entry point behind the command (the benchmark and ``fix`` use it). ``run``
    is a :class:`CheckRun` started earlier; by default one is started here.
    """
    cache = cache or LinkCache(None)
    run = run or CheckRun(policy, cache, early=False)
    results: Dict[str, Result] = {}
    todo = []
    for target in targets:
        hit = cache.get(target.key)
        if hit is not None:
            results[target.key] = hit
        else:
            todo.append(target)
    results.update(run.check(todo, cache, progress))
    ttl = policy.ttl
    for result in results.values():
        cache.put(result, ttl())
    cache.note_paths({target.key: sorted({where.path for where in target.locations})
                      for target in todo})
    pairs = [(target, results[target.key]) for target in targets
             if results[target.key].verdict != "excluded"]
    return pairs, len(targets) - len(pairs)


class CheckRun:
    """One run's scheduler, started before the lists are parsed with last run's failures.

    A link that failed last time is the likeliest to fail again, and failures are never
    cached, so a cached run is mostly waiting for them: asking them first, while the lists
    are still being parsed, takes the parse off that wait. Only plain HTTP checks of the
    same lists are asked early (API lookups are batched, so they wait for the whole list),
    and an early answer counts only if the list still has that URL, spelled the same.
    """

    def __init__(self, policy: Policy, cache: LinkCache, *, paths: Sequence[str] = (),
                 early: bool = True) -> None:
        self.paths = tuple(paths)
        self.ctx = Context(policy)
        self.scheduler = Scheduler(self.ctx)
        self.early: Dict[str, str] = {}
        if early:
            for key, url in cache.failed_last_time(paths):
                if not policy.excluded(url):
                    self.early[key] = url
        self.scheduler.start([HttpTask(key, url, cache.method(key))
                              for key, url in self.early.items()])

    def check(self, todo: Sequence[Target], cache: LinkCache, progress: bool
              ) -> Dict[str, Result]:
        """Results for ``todo``: the early answers that apply, and checks for the rest."""
        wanted = {target.key: target.url for target in todo}
        rest = [target for target in todo if target.kind != "http"
                or self.early.get(target.key) != target.url]
        bar = _Progress(len(todo)) if progress and todo else None
        if bar is not None:
            bar.advance(min(self.scheduler.completed(), len(todo) - len(rest)))
            self.scheduler.progress = bar.advance
        # Asked early but gone from these lists: not this run's business any more.
        cache.forget([key for key in self.early if key not in wanted], self.paths)
        results: Dict[str, Result] = {}
        try:
            self.scheduler.add(build_tasks(self.ctx, rest, cache.method))
            for result in self.scheduler.finish():
                if result.key not in wanted:
                    continue  # asked early, no longer in the lists
                if result.key in self.early and self.early[result.key] != wanted[result.key] \
                        and result.url == self.early[result.key]:
                    continue  # asked early under a spelling the lists no longer use
                results[result.key] = result
        finally:
            self.ctx.close()
            if bar is not None:
                bar.finish()
        return results

    def abandon(self) -> None:
        """Stop: the lists could not be read."""
        self.scheduler.stop()
        self.ctx.close()


def build_tasks(ctx: Context, targets: Sequence[Target],
                method: Callable[[str], str] = lambda key: "HEAD") -> List[Task]:
    """API batches for arXiv and GitHub, API lookups for DOIs, HTTP checks for the rest."""
    policy = ctx.policy
    tasks: List[Task] = []
    papers = [(t.key, t.ident[0], t.url) for t in targets if t.kind == "arxiv"]
    if papers:
        from awesome_tools.linkcheck.hosts import arxiv

        tasks.extend(arxiv.batches(policy.arxiv_api, papers, policy.arxiv_batch))
    repos = [(t.key, t.url, (t.ident[0], t.ident[1])) for t in targets if t.kind == "github"]
    if repos:
        from awesome_tools.linkcheck.hosts import github

        tasks.extend(github.tasks(ctx, repos))
    for target in targets:
        if target.kind == "doi":
            from awesome_tools.linkcheck.hosts import doi

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
    from awesome_tools.config import load_config

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
    from awesome_tools.linkcheck.issue import DEFAULT_TITLE, IssueTarget

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
    from awesome_tools.textio import read_source

    return [(str(name), read_source(Path(name))) for name in paths]


def list_targets(sources, cache: LinkCache) -> List[Target]:
    """The URLs of each list: from the cache when its text and our code are unchanged (a
    rerun then skips the parse), else parsed and remembered."""
    per_document = []
    for name, source in sources:
        digest = _digest(source.text)
        targets = cache.list_targets(name, digest)
        if targets is None:
            from awesome_tools.model.parse import parse
            from awesome_tools.linkcheck.extract import extract_document

            targets = extract_document(parse(source.text, name))
            cache.keep_list(name, digest, targets)
        per_document.append(targets)
    return merge(per_document)


def _digest(text: str) -> str:
    """A digest of a list's text and of the code that reads it, so a changed parser never
    reuses old results."""
    import hashlib

    digest = hashlib.blake2b(_code_fingerprint().encode(), digest_size=16)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The package's modules by name, size and modification time (read once per run)."""
    package = Path(__file__).resolve().parents[1]
    code = []
    for folder in (package, package / "linkcheck"):
        for module in sorted(folder.glob("*.py")):
            stat = module.stat()
            code.append(f"{module.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(code)


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
            done = min(self.done, self.total)
            filled = int(30 * done / max(self.total, 1))
            sys.stderr.write(f"\rlinks: [{'#' * filled}{'.' * (30 - filled)}] "
                             f"{done}/{self.total}")
            sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\r" + " " * 60 + "\r")
        sys.stderr.flush()


def _warn(message: str) -> None:
    sys.stderr.write(f"awesome-tools: warning: {message}\n")


def _note(message: str) -> None:
    sys.stderr.write(f"awesome-tools: {message}\n")
