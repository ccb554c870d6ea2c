"""The link checker as a library: lists in, one result per URL out; nothing printed.

extract (Documents -> Targets) -> cache -> tasks (host plugins, pages) -> scheduler -> results.
:func:`check_links` is the entry point (the ``links`` command, the benchmark and tests use
it); :class:`LinkSession` is one run, started before the lists are parsed with last run's
failures. The result says how the run ended (:class:`CheckedLinks`): complete, out of its
budget, interrupted, or with the network down (then nothing is reported dead).
"""
from __future__ import annotations

from awesome_tools.records import field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from awesome_tools.links import hosts
from awesome_tools.links.cache import LinkCache
from awesome_tools.links.context import LinkContext
from awesome_tools.links.policy import Policy
from awesome_tools.links.scheduler import Scheduler
from awesome_tools.links.targets import PAGE, Target, merge
from awesome_tools.links.tasks import SOFT404, HostProbe, PageTask
from awesome_tools.links.types import LinkResult, Task, Verdict, Why
from awesome_tools.records import record

# Verdicts that need an answer from the network to stand: with the network down they are
# turned into "unknown: network unreachable".
_NEEDS_NETWORK = frozenset({Why.NO_SUCH_HOST, Why.REFUSED, Why.TIMEOUT, Why.NETWORK})
EARLY_LIMIT = 1000  # at most this many of last run's failures asked before the lists are read


@record
class CheckedLinks:
    """What a run found: (target, result) pairs in list order, how many were excluded, how
    it ended (``ending`` is None for a complete run, else BUDGET, INTERRUPTED or
    NETWORK_DOWN) and the warnings to show."""

    pairs: List[Tuple[Target, LinkResult]]
    excluded: int = 0
    ending: Optional[Why] = None
    warnings: List[str] = field(default_factory=list)
    requests: int = 0

    @property
    def network_down(self) -> bool:
        return self.ending == Why.NETWORK_DOWN


def check_links(targets: Sequence[Target], policy: Policy, cache: Optional[LinkCache] = None,
                *, session: Optional["LinkSession"] = None) -> CheckedLinks:
    """Verdicts for ``targets`` (cache first), recorded in the cache.

    ``session`` is a :class:`LinkSession` started earlier; by default one is started here.
    Ctrl-C during the check ends it with every link given a result (``ending``
    INTERRUPTED); it is not re-raised.
    """
    cache = cache or LinkCache(None)
    session = session or LinkSession(policy, cache, early=False)
    results: Dict[str, LinkResult] = {}
    todo = []
    for target in targets:
        hit = cache.get(target.key)
        if hit is not None:
            results[target.key] = hit
        else:
            todo.append(target)
    fresh = session.check(todo, cache)
    ending = session.ending
    if session.ctx.network_down(final=True):
        ending = Why.NETWORK_DOWN
        fresh = {key: _offline(item) for key, item in fresh.items()}
    results.update(fresh)
    for item in fresh.values():
        cache.put(item, policy.ttl())
    for item in results.values():
        if item.cached:
            cache.put(item, policy.ttl())
    cache.note_paths({target.key: sorted({where.path for where in target.locations})
                      for target in todo})
    session.keep_probes(cache)
    pairs = [(target, results[target.key]) for target in targets
             if target.key in results and results[target.key].verdict != Verdict.EXCLUDED]
    return CheckedLinks(pairs, len(targets) - len(pairs), ending, list(session.ctx.warnings),
                        session.ctx.requests)


def check_targets(targets: Sequence[Target], policy: Policy, cache: Optional[LinkCache] = None
                  ) -> Tuple[List[Tuple[Target, LinkResult]], int]:
    """(pairs, excluded): :func:`check_links` for callers that want only the verdicts."""
    checked = check_links(targets, policy, cache)
    return checked.pairs, checked.excluded


def _offline(item: LinkResult) -> LinkResult:
    if item.why not in _NEEDS_NETWORK:
        return item
    return LinkResult(item.key, item.url, Verdict.UNKNOWN, Why.NETWORK_DOWN, None,
                      item.final_url, f"not checked: the network is unreachable ({item.reason})",
                      item.warnings, checked_at=item.checked_at, extra=item.extra)


class LinkSession:
    """One run's context and scheduler, started before the lists are parsed with last run's
    failures.

    A link that failed last time is the likeliest to fail again, and failures are never
    cached, so a cached run is mostly waiting for them: asking them first, while the lists
    are still being parsed, takes the parse off that wait. Only page checks are asked early,
    only for URLs that the lists' text contains (the cache is never a source of URLs), and
    an early answer counts only if the list still has that URL, spelled the same.
    """

    def __init__(self, policy: Policy, cache: LinkCache, *, paths: Sequence[str] = (),
                 texts: Sequence[str] = (), early: bool = True) -> None:
        self.paths = tuple(paths)
        self.total = 0  # links to check in this run (not answered from the cache)
        self.ctx = LinkContext(policy)
        probes = {origin: HostProbe.from_json(data) for origin, data in cache.probes().items()}
        self.known_probes = {origin: probe for origin, probe in probes.items() if probe}
        self.ctx.shared[SOFT404] = dict(self.known_probes)
        self.scheduler = Scheduler(self.ctx)
        self.early: Dict[str, str] = {}
        self.previous: List[str] = []  # keys that failed last time in these lists
        if early:
            failed = cache.failed_last_time(paths)
            self.previous = [key for key, _ in failed]
            for key, url in failed[:EARLY_LIMIT]:
                if not policy.excluded(url) and any(url in text for text in texts):
                    self.early[key] = url
        self.scheduler.start([PageTask(key, url, cache.method(key))
                              for key, url in self.early.items()])

    @property
    def ending(self) -> Optional[Why]:
        found = self.scheduler.ending
        return found[0] if found else None

    def check(self, todo: Sequence[Target], cache: LinkCache) -> Dict[str, LinkResult]:
        """Results for ``todo``: the early answers that apply, and checks for the rest."""
        wanted = {target.key: target.url for target in todo}
        rest = [target for target in todo if target.kind != PAGE
                or self.early.get(target.key) != target.url]
        # Failed last time but gone from these lists: not this run's business any more.
        cache.forget([key for key in self.previous if key not in wanted], self.paths)
        self.total = len(todo)
        results: Dict[str, LinkResult] = {}
        try:
            self.scheduler.add(build_tasks(self.ctx, rest, cache.method))
            try:
                found = self.scheduler.finish()
            except KeyboardInterrupt:
                found = self.scheduler.results()
            for item in found:
                if item.key not in wanted:
                    continue  # asked early, no longer in the lists
                if item.key in self.early and self.early[item.key] != wanted[item.key] \
                        and item.url == self.early[item.key]:
                    continue  # asked early under a spelling the lists no longer use
                results[item.key] = item
        finally:
            self.ctx.close()
        return results

    def keep_probes(self, cache: LinkCache) -> None:
        """Store the host probes this run made (the known ones keep their expiry)."""
        for origin, probe in self.ctx.shared.get(SOFT404, {}).items():
            if isinstance(probe, HostProbe) and origin not in self.known_probes:
                cache.keep_probe(origin, probe.to_json(), self.ctx.policy.ttl())

    def abandon(self) -> None:
        """Stop: the lists could not be read."""
        self.scheduler.stop()
        self.ctx.close()


def build_tasks(ctx: LinkContext, targets: Sequence[Target],
                method: Callable[[str], str] = lambda key: "HEAD") -> List[Task]:
    """The host plugins' tasks for what they claimed, page checks for the rest."""
    groups: Dict[str, List[Target]] = {}
    for target in targets:
        groups.setdefault(target.kind, []).append(target)
    tasks: List[Task] = []
    plugins = hosts.all_hosts()
    for kind, group in groups.items():
        if kind == PAGE:
            tasks.extend(PageTask(t.key, t.url, method(t.key)) for t in group)
        elif kind in plugins:
            tasks.extend(plugins[kind].tasks(ctx, group))
        else:  # a kind from an older cache or a removed plugin: check the page
            tasks.extend(PageTask(t.key, t.url, method(t.key)) for t in group)
    return tasks


# --- the lists --------------------------------------------------------------------------------

def list_targets(sources: Sequence[Tuple[str, str]], cache: LinkCache) -> List[Target]:
    """The URLs of each list (name, text): from the cache when its text and our code are
    unchanged and every cached URL is really in the text there (a rerun then skips the
    parse), else parsed and remembered."""
    per_document = []
    for name, text in sources:
        digest = _digest(text)
        targets = cache.list_targets(name, digest)
        if targets is not None and not all_in_text(targets, text):
            targets = None
        if targets is None:
            from awesome_tools.model.parse import parse
            from awesome_tools.links.extract import extract_document

            targets = extract_document(parse(text, name))
            cache.keep_list(name, digest, targets)
        per_document.append(targets)
    return merge(per_document)


def all_in_text(targets: Sequence[Target], text: str) -> bool:
    """Every target's URL is written in ``text`` at (or just after) each of its lines.

    Linear in the text: line starts are found once, then each place looks at its own few
    lines. A URL written with escapes or entities fails the test, and the list is parsed
    again: correct, just slower.
    """
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    for target in targets:
        written = (target.url, target.url[len("https:"):] if target.url.startswith("https:")
                   else target.url)
        for where in target.locations:
            if not 1 <= where.line <= len(starts):
                return False
            begin = starts[where.line - 1]
            end_line = min(where.line + 3, len(starts))
            end = starts[end_line] if end_line < len(starts) else len(text)
            window = text[begin:end]
            if not any(spelling in window for spelling in written):
                return False
    return True


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
    for folder in (package, package / "model", package / "links", package / "links" / "hosts"):
        for module in sorted(folder.glob("*.py")):
            stat = module.stat()
            code.append(f"{folder.name}/{module.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(code)


def split_excluded(targets: Sequence[Target], policy: Policy) -> Tuple[List[Target], int]:
    """(kept, how many a pattern excludes)."""
    kept = [target for target in targets if not policy.excluded(target.url)]
    return kept, len(targets) - len(kept)


__all__ = ["CheckedLinks", "LinkSession", "check_links", "check_targets", "list_targets",
           "build_tasks"]
