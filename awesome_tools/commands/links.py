"""``awesome-tools links``: read the lists, check their URLs, print the report, exit.

The library (:mod:`awesome_tools.links`) does the work and never prints; this module owns
standard output (the report), standard error (warnings, progress) and the exit code:

- 0: no URL has a verdict in ``--fail-on`` (default ``dead``);
- 1: some do;
- 2: a usage or input error, a bad ``links`` setting, a failed issue update, or the network
  is unreachable (no URL got an answer: nothing is reported dead, the issue is left alone);
- 130: interrupted (Ctrl-C); the partial report is written first.

Progress goes to standard error: on a terminal, one line redrawn in place (done/total, time
left, the hosts with the most waiting, the host of the oldest request in flight) cut to the
terminal's width; elsewhere (CI, a pipe), a plain line every :data:`PLAIN_EVERY` seconds.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.errors import InputError

FAIL_ON_CHOICES = ("dead", "unknown", "redirected")
PLAIN_EVERY = 60.0  # seconds between progress lines when standard error is not a terminal
EXIT_INTERRUPTED = 130


def run_links(paths: Sequence[str], *, fmt: str = "text", fail_on: Optional[str] = None,
              cache_path: Optional[str] = None, no_cache: bool = False,
              exclude: Sequence[str] = (), exclude_private: bool = False,
              report_issue: bool = False, config_path: Optional[str] = None,
              max_time: Optional[float] = None, stdin_name: Optional[str] = None,
              any_extension: bool = False) -> int:
    """Check the external links of ``paths`` (files, directories, globs or ``-``, see
    :mod:`awesome_tools.inputs`) and print the report; returns the exit code. A path that
    names nothing usable is reported on one line, the others are still checked, and the exit
    code is then 2."""
    from awesome_tools.inputs import collect, report

    inputs = collect(paths, any_extension=any_extension, stdin_name=stdin_name,
                     config_path=config_path, remote=True)
    report(inputs.problems)
    if not inputs.items:
        return 2
    try:
        code = _run(inputs.items, fmt, fail_on, cache_path, no_cache, exclude, exclude_private,
                    report_issue, config_path, max_time)
    except KeyboardInterrupt:
        _note("interrupted")
        return EXIT_INTERRUPTED
    return 2 if inputs.problems and code in (0, 1) else code


def _run(items: Sequence[Any], fmt: str, fail_on: Optional[str], cache_path: Optional[str],
         no_cache: bool, exclude: Sequence[str], exclude_private: bool, report_issue: bool,
         config_path: Optional[str], max_time: Optional[float]) -> int:
    from awesome_tools.links.cache import LinkCache
    from awesome_tools.links.run import LinkSession, check_links, list_targets, split_excluded
    from awesome_tools.links.summary import FORMATS, LinkReport, format_markdown, render
    from awesome_tools.links.types import Why

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    # a list read from GitHub: the settings of the directory the command runs in
    paths = [str(item.path) if not item.remote else "README.md" for item in items]
    section, config = _links_section(config_path, paths)
    policy = _policy(section, config, exclude, exclude_private, max_time)
    failing = parse_fail_on(fail_on if fail_on is not None else section.get("fail-on", "dead"))
    issue_target = _issue_target(section, policy) if report_issue else None
    sources = _read(items)  # input errors before any request
    cache = LinkCache(None if no_cache else _cache_file(cache_path, section, config)).load()
    for warning in cache.warnings:
        _warn(warning)
    session = LinkSession(policy, cache, paths=[name for name, _ in sources],
                          texts=[text for _, text in sources])
    try:
        targets, excluded = split_excluded(list_targets(sources, cache), policy)
    except BaseException:
        session.abandon()
        raise
    display = _Display(session, len(targets)) if targets else None
    try:
        checked = check_links(targets, policy, cache, session=session)
    finally:
        if display is not None:
            display.stop()
    if not no_cache:
        try:
            cache.save()
        except OSError as error:
            _warn(f"cannot write the link cache {cache.path}: {error.strerror or error}")
    for warning in checked.warnings:
        _warn(warning)
    report = LinkReport(tuple(checked.pairs), failing, excluded + checked.excluded,
                        tuple(name for name, _ in sources), checked.ending)
    output = render(report, fmt)
    if output:
        sys.stdout.write(output + "\n")
        sys.stdout.flush()
    if checked.ending == Why.INTERRUPTED:
        _note("interrupted: the report above is partial")
        return EXIT_INTERRUPTED
    if checked.network_down:
        raise InputError("network unreachable: no URL got an answer, so nothing is reported "
                         "dead" + ("; the report issue is left as it is" if issue_target
                                   else ""))
    if checked.ending == Why.BUDGET:
        _warn(f"the --max-time budget ({policy.max_time:g} s) ran out: the links not checked "
              "are listed as unknown")
    if issue_target is not None:
        from awesome_tools.links.issue import IssueError, update_issue

        try:
            _note(update_issue(issue_target, format_markdown(report), bool(report.failing)))
        except IssueError as error:
            raise InputError(str(error)) from None
    return 1 if report.failing else 0


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

def _links_section(config_path: Optional[str], paths: Sequence[str]) -> Tuple[Dict[str, Any], Any]:
    from awesome_tools.config import load_config

    start = Path(paths[0]).parent if paths else Path.cwd()
    config = load_config(config_path, start if str(start) else Path.cwd())
    return config.section("links"), config


def _policy(section: Mapping[str, Any], config: Any, exclude: Sequence[str], exclude_private: bool,
            max_time: Optional[float]) -> Any:
    from awesome_tools.links.policy import PolicyError, build_policy

    try:
        return build_policy(section, os.environ, exclude=exclude,
                            exclude_private=exclude_private, max_time=max_time)
    except PolicyError as error:
        if error.key == "links.exclude" and any(pattern for pattern in exclude):
            raise InputError(f"--exclude: {error}") from None
        if error.key.startswith("--") or error.key.startswith("AWESOME_TOOLS_"):
            raise InputError(f"{error.key}: {error}") from None
        raise config.error(error.key, str(error)) from None


def _cache_file(explicit: Optional[str], section: Mapping[str, Any], config: Any) -> Path:
    """The cache file: ``--cache`` as given (the user's own choice); else ``links.cache`` from
    the repository's config, or the default, which must stay inside the repository (the
    config's directory, else the working directory) once symbolic links are followed: a
    list's repository cannot make the job read or replace a file elsewhere."""
    from awesome_tools.links.cache import DEFAULT_PATH

    if explicit:
        return Path(explicit)
    path = Path(section.get("cache") or DEFAULT_PATH)
    root = (config.path.parent if getattr(config, "path", None) else Path.cwd()).resolve()
    real = (Path.cwd() / path).resolve()
    if real != root and root not in real.parents:
        raise InputError(f"the link cache {path} leads to {real}, outside the repository "
                         f"({root}); refused: pass --cache PATH to use a file elsewhere")
    return path


def _issue_target(section: Mapping[str, Any], policy: Any) -> Any:
    from awesome_tools.links.issue import DEFAULT_TITLE, IssueTarget
    from awesome_tools.links.policy import token_allowed

    token = policy.github_token
    if not token:
        raise InputError("--report-issue needs GITHUB_TOKEN in the environment")
    repository = section.get("issue-repository") or os.environ.get("GITHUB_REPOSITORY")
    if not repository or not isinstance(repository, str) or repository.count("/") != 1:
        raise InputError("--report-issue needs the repository as owner/name: set "
                         "GITHUB_REPOSITORY or links.issue-repository")
    api = str(section.get("issue-api") or policy.setting("github-api"))
    if not token_allowed(api):
        raise InputError(f"--report-issue: the GitHub API {api} is not https; GITHUB_TOKEN is "
                         "only sent over https")
    return IssueTarget(api=api, repository=repository, token=token,
                       title=str(section.get("issue-title") or DEFAULT_TITLE),
                       timeouts=policy.timeouts(), user_agent=policy.user_agent)


def _read(items: Sequence[Any]) -> List[Tuple[str, str]]:
    from awesome_tools.textio import read_source

    return [(item.name, item.text if item.text is not None else read_source(item.path).text)
            for item in items]


# --- terminal -------------------------------------------------------------------------------

def _progress_wanted() -> bool:
    """Redrawn progress only for a person watching: stderr is a terminal and this is not CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def progress_line(snapshot: Any, total: int, width: int) -> str:
    """One progress line that fits ``width`` columns: done/total, time left, the busiest
    hosts' queues, and the host of the oldest request in flight."""
    done = min(snapshot.done, total)
    parts = [f"links: {done}/{total}"]
    if 0 < done < total and snapshot.elapsed > 1:
        left = (total - done) * snapshot.elapsed / done
        parts.append(f"~{_duration(left)} left")
    queues = sorted(snapshot.waiting.items(), key=lambda item: (-item[1], item[0]))[:3]
    if queues:
        parts.append("queued: " + ", ".join(f"{host} {count}" for host, count in queues))
    if snapshot.slow_host and snapshot.slow_for >= 5:
        parts.append(f"waiting on {snapshot.slow_host} ({snapshot.slow_for:.0f} s)")
    line = ""
    for part in parts:
        candidate = part if not line else f"{line} · {part}"
        if len(candidate) > width:
            break
        line = candidate
    return line or parts[0][:width]


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class _Display:
    """The progress shown while a run goes on (a daemon thread reading snapshots)."""

    def __init__(self, session: Any, total: int, *, tty: Optional[bool] = None,
                 every: Optional[float] = None, stream: Any = None) -> None:
        self.session, self.total = session, total
        self.tty = _progress_wanted() if tty is None else tty
        self.every = (0.2 if self.tty else PLAIN_EVERY) if every is None else every
        self.stream = stream or sys.stderr
        self.drawn = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="links-progress", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.draw()

    def draw(self) -> None:
        snapshot = self.session.scheduler.snapshot()
        total = getattr(self.session, "total", None) or self.total  # what is not cached
        if self.tty:
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            line = progress_line(snapshot, total, width)
            self.stream.write("\r" + line.ljust(width))
            self.drawn = True
        else:
            self.stream.write(progress_line(snapshot, total, 200) + "\n")
        self.stream.flush()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1.0)
        if self.tty and self.drawn:
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()


def _warn(message: str) -> None:
    from awesome_tools.links.summary import plain

    sys.stderr.write(f"awesome-tools: warning: {plain(message)}\n")


def _note(message: str) -> None:
    from awesome_tools.links.summary import plain

    sys.stderr.write(f"awesome-tools: {plain(message)}\n")


__all__ = ["run_links", "parse_fail_on", "progress_line"]
