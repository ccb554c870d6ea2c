"""Running one child process and reading what it cost: wall time, CPU time, peak RSS.

``os.wait4`` reports the child's own resource usage, so each benchmark run is measured by
itself, whatever else the machine is doing in the same second.
"""
from __future__ import annotations

import os
import subprocess
import time
from typing import IO, NamedTuple, Optional, Sequence, Union


class Cost(NamedTuple):
    wall: float  # seconds, inf when the timeout killed it
    cpu: float  # user + system seconds
    max_rss_kib: int
    returncode: int


def run_measured(argv: Sequence[str], *, cwd=None, env: Optional[dict] = None,
                 stdout: Union[int, IO, None] = subprocess.DEVNULL, timeout: float = 900,
                 poll: float = 0.005) -> Cost:
    """Run ``argv`` to the end (or kill it at ``timeout``) and return its cost."""
    start = time.perf_counter()
    child = subprocess.Popen(list(argv), cwd=None if cwd is None else str(cwd), env=env,
                             stdin=subprocess.DEVNULL, stdout=stdout,
                             stderr=subprocess.STDOUT if stdout is not subprocess.DEVNULL
                             else subprocess.DEVNULL)
    deadline = start + timeout
    killed = False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            killed = True
            break
        time.sleep(poll)
    wall = float("inf") if killed else time.perf_counter() - start
    code = -9 if killed else os.waitstatus_to_exitcode(status)
    child.returncode = code
    return Cost(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
