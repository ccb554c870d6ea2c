"""Local link targets and how GitHub resolves them, for the file rules.

GitHub serves files by exact, case-sensitive path, so ``images/Foo.png`` does not find
``images/foo.png`` even on a case-insensitive laptop where it looks fine.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple
from urllib.parse import unquote

from awesome_tools.model import Document, Link
from awesome_tools.rules import RuleContext
from awesome_tools.urls import is_local_path


def local_target(url: str) -> Optional[str]:
    """The path part of a local link (no query or fragment, percent-decoded)."""
    if not url or url[0] == "#" or not is_local_path(url):
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    return unquote(path) if path else None


def _listing(directory: str) -> FrozenSet[str]:
    """The names in ``directory``, read once per version of it (its mtime changes when a file
    is added, removed or renamed), so a long-running process never sees a stale listing."""
    try:
        version = os.stat(directory).st_mtime_ns
    except OSError:
        return frozenset()
    return _listing_at(directory, version)


@lru_cache(maxsize=4096)
def _listing_at(directory: str, version: int) -> FrozenSet[str]:
    try:
        return frozenset(os.listdir(directory))  # a set: one look-up per path part
    except OSError:
        return frozenset()


def _folded(directory: str) -> Dict[str, List[str]]:
    """The names in ``directory`` by their case-folded form (built once per version of it, as
    :func:`_listing`), so a missing path costs one look-up, not a pass over the directory."""
    try:
        version = os.stat(directory).st_mtime_ns
    except OSError:
        return {}
    return _folded_at(directory, version)


@lru_cache(maxsize=1024)
def _folded_at(directory: str, version: int) -> Dict[str, List[str]]:
    folded: Dict[str, List[str]] = {}
    for name in _listing_at(directory, version):
        folded.setdefault(name.casefold(), []).append(name)
    return folded


def resolve(path: str, base: Path, root: Path) -> Tuple[bool, Optional[str]]:
    """(exists with this exact case, the existing spelling when only case differs)."""
    relative = path.replace("\\", "/")
    start = root if relative.startswith("/") else base
    parts = [p for p in relative.split("/") if p not in ("", ".")]
    current = os.path.abspath(start)  # ".." of a relative "docs" is the working directory
    spelled = []
    case_differs = False
    for part in parts:
        if part == "..":
            current = os.path.dirname(current)
            spelled.append(part)
            continue
        names = _listing(current)
        if part in names:
            spelled.append(part)
        else:
            folded = _folded(current).get(part.casefold(), [])
            if len(folded) != 1:
                return False, None
            spelled.append(folded[0])
            case_differs = True
        current = os.path.join(current, spelled[-1])
    if case_differs:
        return False, "/".join(spelled)
    return True, None


def leaves_repository(path: str, base: Path, root: Path) -> Optional[str]:
    """Why a local path leads out of the repository, or None when it stays inside.

    A path that climbs above the repository root with ``..`` (``/../../etc/hostname``), or
    that reaches a symlink pointing outside it, names no file of the repository: GitHub
    shows nothing there, and reading it would read the machine's files. ``..`` is taken
    lexically, as a browser resolves a URL; symlinks are then followed.
    """
    root_real = os.path.realpath(root)
    relative = path.replace("\\", "/")
    start = root_real if relative.startswith("/") else os.path.realpath(base)
    if not _inside(start, root_real):
        return None  # the list itself lies outside: nothing to measure against
    rest = os.path.relpath(start, root_real)
    stack = [] if rest == os.curdir else rest.split(os.sep)
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                return "points outside the repository"
            stack.pop()
        else:
            stack.append(part)
    if not _inside(os.path.realpath(os.path.join(root_real, *stack)), root_real):
        return "is a symlink to a place outside the repository"
    return None


def _inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def local_links(doc: Document, ctx: Optional[RuleContext] = None) -> List[Tuple[Link, str]]:
    """Every local link with its target path, in document order (reference uses left out:
    each is checked once, at its definition).

    Computed once per run (``ctx.remember``) for the three file rules: on a large list of
    web links, deciding each link's target was most of each rule's time.
    """
    if ctx is None:
        return _local_links(doc)
    found: List[Tuple[Link, str]] = ctx.remember("local-links", lambda: _local_links(doc))
    return found


def _local_links(doc: Document) -> List[Tuple[Link, str]]:
    found = []
    for link in doc.links:
        url = link.url
        if url.startswith(_WEB_STARTS) or link.syntax == "reference":
            continue  # a web link (decided at once), or a use checked at its definition
        target = local_target(url)
        if target:
            found.append((link, target))
    return found


_WEB_STARTS = ("https://", "http://")
