"""The persistent link cache: verdicts with timestamps, so a weekly run asks only what is due.

One JSON file (default ``.awesome-tools-cache/links.json``; CI keeps it with
``actions/cache``)::

    {"version": 1,
     "links": {"<dedupe key>": {"url", "verdict", "status", "final_url", "reason",
                                "warnings", "checked", "expires"}},
     "arxiv": {"<id>": {"title", "checked"}},
     "hints": {"<dedupe key>": {"method": "GET", "expires"}},
     "recheck": {"<dedupe key>": {"url", "paths", "expires"}},
     "lists": {"<path>": {"digest", "targets"}}}

Only successes are stored (``alive`` and ``redirected``): a failure may be a passing outage
and must be asked again next time (lychee does the same). What survives a failure is how to
ask again: a *hint* that HEAD failed there (the next run starts with GET and spends one
request, not two, on a link that stays dead) and a *recheck* entry (the next run of the same
list asks it first, while it is still reading the list). ``lists`` keeps each list's URLs
under a digest of its text and of this package's code, so an unchanged list is not parsed
again. Each entry lives ``cache-ttl-days`` shortened by a random part (see
:meth:`Policy.ttl`) so entries do not all expire in the same run. A file that cannot be
read as this shape is discarded with a warning, never a crash; writes replace the file
atomically, so a killed run cannot leave half a file behind.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.formats.jsonlines import dumps_object
from awesome_tools.textio import replace_file
from awesome_tools.linkcheck.checker import Result
from awesome_tools.linkcheck.targets import Target, from_json, to_json

DEFAULT_PATH = Path(".awesome-tools-cache") / "links.json"
VERSION = 1
CACHED_VERDICTS = ("alive", "redirected")


class LinkCache:
    """Load once, look up and record during the run, save once at the end."""

    def __init__(self, path: Optional[Path], now: Callable[[], float] = time.time) -> None:
        self.path = path
        self.now = now
        self.links: Dict[str, Dict[str, Any]] = {}
        self.arxiv: Dict[str, Dict[str, Any]] = {}
        self.hints: Dict[str, Dict[str, Any]] = {}
        self.recheck: Dict[str, Dict[str, Any]] = {}
        self.lists: Dict[str, Dict[str, Any]] = {}
        self.warnings: List[str] = []

    def load(self) -> "LinkCache":
        if self.path is None or not self.path.exists():
            return self
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            links, arxiv, hints, recheck, lists = _validate(data)
        except (OSError, ValueError, TypeError, KeyError) as error:
            self.warnings.append(f"{self.path}: cache is unreadable ({_short(error)}); "
                                 "discarded, every link is checked again")
            return self
        self.links, self.arxiv, self.hints, self.recheck = links, arxiv, hints, recheck
        self.lists = lists
        return self

    def list_targets(self, path: str, digest: str) -> Optional[List[Target]]:
        """The URLs found in ``path`` last time, if its text (and our code) are unchanged."""
        entry = self.lists.get(path)
        if entry is None or entry.get("digest") != digest:
            return None
        return from_json(path, entry.get("targets"))

    def keep_list(self, path: str, digest: str, targets: Sequence[Target]) -> None:
        self.lists[path] = {"digest": digest, "targets": to_json(targets)}

    def failed_last_time(self, paths: Sequence[str]) -> List[Tuple[str, str]]:
        """(key, url) of plain HTTP checks that failed in an earlier run of one of ``paths``
        (not yet expired): a cache shared by several lists asks only this run's again."""
        now, wanted = self.now(), set(paths)
        return [(key, entry["url"]) for key, entry in self.recheck.items()
                if entry["expires"] > now and wanted.intersection(entry.get("paths", ()))]

    def forget(self, keys: Sequence[str], paths: Sequence[str]) -> None:
        """``keys`` failed in ``paths`` before but are no longer there: drop those paths (and
        the entry when no list is left), so they are not asked early again."""
        for key in keys:
            entry = self.recheck.get(key)
            if entry is None:
                continue
            left = [path for path in entry.get("paths", ()) if path not in paths]
            if left:
                entry["paths"] = left
            else:
                del self.recheck[key]

    def note_paths(self, paths: Mapping[str, Sequence[str]]) -> None:
        """Record which lists each failed URL appeared in (see ``failed_last_time``)."""
        for key, entry in self.recheck.items():
            if key in paths:
                entry["paths"] = sorted(set(entry.get("paths", ())).union(paths[key]))

    def method(self, key: str) -> str:
        """The method to start with: GET where HEAD failed last time, else HEAD."""
        hint = self.hints.get(key)
        return "GET" if hint and hint.get("expires", 0) > self.now() else "HEAD"

    def get(self, key: str) -> Optional[Result]:
        entry = self.links.get(key)
        if entry is None or entry.get("expires", 0) <= self.now():
            return None
        if entry.get("verdict") not in CACHED_VERDICTS:
            return None
        return Result(key, entry["url"], entry["verdict"], entry.get("status"),
                      entry.get("final_url"), entry.get("reason", ""),
                      tuple(entry.get("warnings", ())), cached=True,
                      checked_at=entry.get("checked", 0.0))

    def put(self, result: Result, ttl: float) -> None:
        title = result.extra.get("title") if result.extra else None
        if title and result.extra.get("arxiv_id"):
            self.arxiv[result.extra["arxiv_id"]] = {"title": title, "checked": result.checked_at}
        if result.extra and result.extra.get("method") == "GET":
            self.hints[result.key] = {"method": "GET", "expires": result.checked_at + ttl}
        if result.cached:
            return
        if result.verdict not in CACHED_VERDICTS:
            self.links.pop(result.key, None)  # failures are never cached
            if result.verdict in ("dead", "unknown") and result.key.startswith("url:"):
                known = self.recheck.get(result.key, {}).get("paths", [])
                self.recheck[result.key] = {"url": result.url, "paths": known,
                                            "expires": result.checked_at + ttl}
            else:
                self.recheck.pop(result.key, None)
            return
        self.recheck.pop(result.key, None)
        self.links[result.key] = {
            "url": result.url, "verdict": result.verdict, "status": result.status,
            "final_url": result.final_url, "reason": result.reason,
            "warnings": list(result.warnings), "checked": result.checked_at,
            "expires": result.checked_at + ttl,
        }

    def save(self) -> None:
        if self.path is None:
            return
        now = self.now()
        links = {key: entry for key, entry in self.links.items() if entry["expires"] > now}
        hints = {key: hint for key, hint in self.hints.items() if hint["expires"] > now}
        recheck = {key: item for key, item in self.recheck.items() if item["expires"] > now}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One entry per line, written by the C encoder (see jsonout): readable in a diff and
        # a fraction of the cost of an indented dump, which a cached run would mostly spend.
        text = "".join(('{"version": ', str(VERSION), ',\n"links": ', dumps_object(links),
                        ',\n"arxiv": ', dumps_object(self.arxiv), ',\n"hints": ',
                        dumps_object(hints), ',\n"recheck": ', dumps_object(recheck),
                        ',\n"lists": ', dumps_object(self.lists), "}\n"))
        replace_file(self.path, text.encode("utf-8"))


def _validate(data: Any):
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("unknown format or version")
    links, arxiv, hints = data.get("links", {}), data.get("arxiv", {}), data.get("hints", {})
    recheck, lists = data.get("recheck", {}), data.get("lists", {})
    if not all(isinstance(part, dict) for part in (links, arxiv, hints, recheck, lists)):
        raise ValueError("links, arxiv, hints, recheck and lists must be objects")
    for path, entry in lists.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("digest"), str) \
                or not isinstance(entry.get("targets"), list):
            raise ValueError(f"bad list entry {path!r}")
    for key, hint in hints.items():
        if not isinstance(hint, dict) or not isinstance(hint.get("expires"), (int, float)):
            raise ValueError(f"bad hint {key!r}")
    for key, entry in links.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str) \
                or not isinstance(entry.get("expires"), (int, float)) \
                or entry.get("verdict") not in CACHED_VERDICTS:
            raise ValueError(f"bad entry {key!r}")
    for key, item in recheck.items():
        if not isinstance(item, dict) or not isinstance(item.get("url"), str) \
                or not isinstance(item.get("expires"), (int, float)) \
                or not isinstance(item.get("paths", []), list) \
                or not all(isinstance(path, str) for path in item.get("paths", [])):
            raise ValueError(f"bad recheck entry {key!r}")
    for key, entry in arxiv.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise ValueError(f"bad arXiv entry {key!r}")
    return links, arxiv, hints, recheck, lists


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


def _quiet_load(cache_path: Optional[str]) -> LinkCache:
    return LinkCache(Path(cache_path) if cache_path else DEFAULT_PATH).load()


def cached_redirects(cache_path: Optional[str] = None) -> Dict[str, str]:
    """URL -> permanent redirect target, from unexpired ``redirected`` entries.

    For ``fix --update-redirects``. The URL is the spelling that was fetched (the first one
    met in the list); an unreadable or missing cache gives an empty mapping.
    """
    cache = _quiet_load(cache_path)
    now = cache.now()
    return {entry["url"]: entry["final_url"] for entry in cache.links.values()
            if entry.get("verdict") == "redirected" and entry.get("final_url")
            and entry["expires"] > now}


def cached_arxiv_titles(cache_path: Optional[str] = None) -> Dict[str, str]:
    """arXiv id (no version) -> title as the arXiv API gave it, for the title-mismatch rule."""
    return {paper: entry["title"] for paper, entry in _quiet_load(cache_path).arxiv.items()}
