"""When each task may run: the per-host politeness, the run's budget, and a clean stop.

Work is a set of tasks (:mod:`types`); each run of a task makes at most one request and
returns a Decision. The :class:`Scheduler` alone decides when a task may run, from the policy:
global and per-host in-flight limits, the per-host minimum interval, and host pauses asked for
by ``Retry-After``. Because waiting happens here and never in a worker, a thread is never
parked on a polite pause, and because every step is one request, the per-host limit is exact.

A run ends in one of four ways, and each leaves a result for every link it was given:
everything answered; the budget (``--max-time``) ran out; Ctrl-C; or the network turned out
to be down (several hosts failing below HTTP and not one answer). In the last three, requests
in flight are cut (their sockets shut down), nothing new starts, and every task not finished
gives its links ``unknown`` with that reason (:meth:`Task.abandon`).

A host that answers 429 or ``Retry-After`` is paused for the time it asked, and asked more
slowly from then on (:func:`slower`).
"""
from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Deque, Dict, List, Optional, Sequence, Set, Tuple

from awesome_tools.links.context import LinkContext
from awesome_tools.links.policy import HostPolicy
from awesome_tools.links.types import Decision, LinkResult, Task, Why
from awesome_tools.records import field, record, replace


@record
class _Host:
    policy: HostPolicy
    in_flight: int = 0
    next_start: float = 0.0
    paused_until: float = 0.0
    fresh: Deque[Tuple[float, Task]] = field(default_factory=deque)  # (arrival, task)
    delayed: List[Tuple[float, int, Task]] = field(default_factory=list)
    queued_at: Optional[float] = None  # time of this host's live entry in the ready heap
    busy_since: Optional[float] = None  # since when a request to it has been in flight

    def has_work(self) -> bool:
        return bool(self.fresh or self.delayed)

    def waiting(self) -> int:
        return len(self.fresh) + len(self.delayed)

    def ready_at(self) -> Optional[float]:
        """When this host may start its next task, or None when it has none or no free slot."""
        if self.in_flight >= self.policy.per_host or not self.has_work():
            return None
        earliest = 0.0 if self.fresh else self.delayed[0][0]
        return max(self.next_start, self.paused_until, earliest)

    def pop(self, now: float) -> Task:
        """The task that became ready first: fresh ones by arrival, delayed ones by due time
        (so a probe spawned for the host is not starved by retries that keep coming due)."""
        due = self.delayed and self.delayed[0][0] <= now
        if due and (not self.fresh or self.delayed[0][0] < self.fresh[0][0]):
            return heapq.heappop(self.delayed)[2]
        return self.fresh.popleft()[1]


def slower(policy: HostPolicy, asked: float, ceiling: float) -> HostPolicy:
    """A host that asked us to wait (429, ``Retry-After``) is asked more slowly from then on:
    its interval grows (doubled, plus half a second) towards the wait it asked for, never
    beyond it nor ``ceiling``. Pausing alone would resume at full speed and run into the
    limit again; slowing to more than the server asked would only lengthen the run."""
    interval = min(policy.min_interval * 2 + 0.5, asked, ceiling)
    return replace(policy, min_interval=max(policy.min_interval, interval))


@record(frozen=True)
class Snapshot:
    """Where a run is, for a progress display: results in, tasks waiting per host, the host
    whose oldest request in flight is the oldest, and seconds since the start."""

    done: int
    waiting: Dict[str, int]
    in_flight: Dict[str, int]
    slow_host: Optional[str]
    slow_for: float
    elapsed: float


class Scheduler:
    """Run tasks under the policy's limits on a thread pool; see the module docstring.

    ``start`` begins dispatching on a background thread, ``add`` gives more tasks while it
    runs, ``finish`` waits for all of them and returns every result. One scheduler per run,
    so the per-host limits hold across everything it is given.
    """

    def __init__(self, ctx: LinkContext, progress: Optional[Callable[[int], None]] = None
                 ) -> None:
        self.ctx = ctx
        self.progress = progress
        self._cond = threading.Condition()
        self._hosts: Dict[str, _Host] = {}
        self._ready: List[Tuple[float, int, str]] = []
        self._seq = itertools.count()
        self._in_flight = 0
        self._results: List[LinkResult] = []
        self._parked: Dict[str, List[Task]] = {}  # key -> tasks waiting for its release
        self._released: Set[Any] = set()
        self._errors: List[BaseException] = []
        self._open = False  # more tasks may still be added
        self._ending: Optional[Tuple[Why, str]] = None  # why the run stops early
        self._pool: Optional[ThreadPoolExecutor] = None
        self._thread: Optional[threading.Thread] = None
        self._started = time.monotonic()
        budget = ctx.policy.max_time
        self._budget_at = self._started + budget if budget else None

    # --- life cycle -----------------------------------------------------------------------

    def start(self, tasks: Sequence[Task] = ()) -> None:
        """Begin dispatching on a background thread; ``add`` more, then ``finish``."""
        limit = self.ctx.policy.concurrency
        self._pool = ThreadPoolExecutor(max_workers=limit, thread_name_prefix="links")
        self._open = True
        self.add(tasks)
        self._thread = threading.Thread(target=self._serve, args=(self._pool, limit),
                                        name="links-dispatch", daemon=True)
        self._thread.start()

    def add(self, tasks: Sequence[Task]) -> None:
        with self._cond:
            for task in tasks:
                if self._ending is not None:
                    self._results.extend(task.abandon(*self._ending))
                else:
                    self._enqueue(task, 0.0)
            self._cond.notify()

    def finish(self) -> List[LinkResult]:
        """Wait for every task added so far; the results of all of them.

        Ctrl-C while waiting ends the run (see the module docstring) and re-raises
        KeyboardInterrupt once every link has a result; :attr:`ending` then says why.
        """
        assert self._thread is not None and self._pool is not None, "start() first"
        with self._cond:
            self._open = False
            self._cond.notify()
        try:
            while self._thread.is_alive():
                self._thread.join(0.25)
        except KeyboardInterrupt:
            self.end(Why.INTERRUPTED, "not checked: interrupted (Ctrl-C)")
            self._drain()
            raise
        self._drain()
        if self._errors:
            raise self._errors[0]
        return self._results

    @property
    def ending(self) -> Optional[Tuple[Why, str]]:
        return self._ending

    def results(self) -> List[LinkResult]:
        """The results so far (every link's, after ``finish``)."""
        with self._cond:
            return list(self._results)

    def end(self, why: Why, reason: str) -> None:
        """Stop the run early: cut requests in flight, abandon everything waiting."""
        with self._cond:
            if self._ending is not None:
                return
            self._ending = (why, reason)
            self._open = False
            self._ready.clear()
            for parked in self._parked.values():
                for task in parked:
                    self._results.extend(task.abandon(why, reason))
            self._parked.clear()
            for host in self._hosts.values():
                while host.fresh:
                    self._results.extend(host.fresh.popleft()[1].abandon(why, reason))
                while host.delayed:
                    self._results.extend(heapq.heappop(host.delayed)[2].abandon(why, reason))
            self._cond.notify_all()
        self.ctx.network.expire_all(reason)

    def stop(self) -> None:
        """Start nothing more (the lists could not be read)."""
        self.end(Why.INTERRUPTED, "not checked: the run stopped")
        self._drain()

    def _drain(self) -> None:
        """Wait for the tasks in flight (their requests are cut when the run ends early)."""
        with self._cond:
            while self._in_flight:
                self._cond.wait(0.25)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def completed(self) -> int:
        """How many results are in so far."""
        with self._cond:
            return len(self._results)

    def snapshot(self) -> Snapshot:
        with self._cond:
            now = time.monotonic()
            busy = [(host.busy_since, name) for name, host in self._hosts.items()
                    if host.busy_since is not None]
            oldest = min(busy) if busy else None
            return Snapshot(len(self._results),
                            {name: host.waiting() for name, host in self._hosts.items()
                             if host.waiting()},
                            {name: host.in_flight for name, host in self._hosts.items()
                             if host.in_flight},
                            oldest[1] if oldest else None,
                            now - oldest[0] if oldest else 0.0, now - self._started)

    # --- dispatching ----------------------------------------------------------------------

    def _serve(self, pool: ThreadPoolExecutor, limit: int) -> None:
        with self._cond:
            self._dispatch_loop(pool, limit)
            self._cond.notify_all()

    def _dispatch_loop(self, pool: ThreadPoolExecutor, limit: int) -> None:
        while self._ready or self._in_flight or self._open:
            if self._errors or self._ending is not None:
                return
            now = time.monotonic()
            if self._budget_at is not None and now >= self._budget_at:
                self.end(Why.BUDGET, f"not checked: the run's --max-time budget "
                         f"({self.ctx.policy.max_time:g} s) ran out")  # the lock is re-entrant
                return
            while self._ready and self._in_flight < limit and self._ready[0][0] <= now:
                self._start_next(pool, now)
            timeout = None
            if self._ready and self._in_flight < limit:
                timeout = max(0.0, self._ready[0][0] - time.monotonic())
            if self._budget_at is not None:
                left = max(0.0, self._budget_at - time.monotonic())
                timeout = left if timeout is None else min(timeout, left)
            if self._ready or self._in_flight or self._open:
                self._cond.wait(timeout)

    def _start_next(self, pool: ThreadPoolExecutor, now: float) -> None:
        at, _, name = heapq.heappop(self._ready)
        host = self._hosts[name]
        if host.queued_at != at:
            return  # superseded by an earlier entry
        host.queued_at = None
        ready = host.ready_at()
        if ready is None:
            return  # re-queued when a slot frees
        if ready > now:
            self._push(ready, name)
            return
        task = host.pop(now)
        host.in_flight += 1
        host.busy_since = host.busy_since or now
        host.next_start = now + host.policy.min_interval
        self._in_flight += 1
        pool.submit(self._work, task, name)
        self._schedule(name)

    def _work(self, task: Task, name: str) -> None:
        try:
            decision = task.run(self.ctx)
        except BaseException as error:  # a bug: stop the run and re-raise in the caller
            with self._cond:
                self._errors.append(error)
                self._in_flight -= 1
                self._cond.notify_all()
            return
        with self._cond:
            self._record(task, name, decision)
            self._cond.notify_all()
        if decision.results and self.progress is not None:
            self.progress(len(decision.results))
        if self.ctx.network_down():
            self.end(Why.NETWORK_DOWN, "not checked: the network is unreachable (no URL got "
                     "an answer)")

    def _record(self, task: Task, name: str, decision: Decision) -> None:
        host = self._hosts[name]
        host.in_flight -= 1
        if not host.in_flight:
            host.busy_since = None
        self._in_flight -= 1
        now = time.monotonic()
        if decision.pause_host:
            host.paused_until = max(host.paused_until, now + decision.pause_host)
            host.policy = slower(host.policy, decision.pause_host, self.ctx.policy.max_wait)
        self._results.extend(decision.results)
        pending = list(decision.spawn) + ([decision.again] if decision.again else [])
        if self._ending is not None:
            for item in pending:
                self._results.extend(item.abandon(*self._ending))
            return
        for spawned in decision.spawn:
            self._enqueue(spawned, 0.0)
        if decision.release:
            self._released.add(decision.release)
            for waiting in self._parked.pop(decision.release, ()):
                self._enqueue(waiting, 0.0)
        if decision.again is not None:
            if decision.park and decision.park not in self._released:
                self._parked.setdefault(decision.park, []).append(decision.again)
            else:
                self._enqueue(decision.again, decision.delay)
        self._schedule(name)

    def _enqueue(self, task: Task, delay: float) -> None:
        name = task.host
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(self.ctx.host_policy(name))
        if delay > 0:
            heapq.heappush(host.delayed, (time.monotonic() + delay, next(self._seq), task))
        else:
            host.fresh.append((time.monotonic(), task))
        self._schedule(name)

    def _schedule(self, name: str) -> None:
        ready = self._hosts[name].ready_at()
        if ready is not None:
            self._push(ready, name)

    def _push(self, at: float, name: str) -> None:
        host = self._hosts[name]
        if host.queued_at is not None and host.queued_at <= at:
            return  # an entry at least as early is waiting; it re-checks the host
        host.queued_at = at
        heapq.heappush(self._ready, (at, next(self._seq), name))
