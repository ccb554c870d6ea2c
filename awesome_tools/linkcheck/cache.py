"""The persistent link cache: verdicts with timestamps, so a weekly run asks only what is due.

One JSON file (default ``.awesome-tools-cache/links.json``; CI keeps it with
``actions/cache``)::

    {"version": 1,
     "links": {"<dedupe key>": {"url", "verdict", "status", "final_url", "reason",
                                "warnings", "checked", "expires"}},
     "arxiv": {"<id>": {"title", "checked"}},
     "hints": {"<dedupe key>": {"method": "GET", "expires"}}}

Only successes are stored (``alive`` and ``redirected``): a failure may be a passing outage
and must be asked again next time (lychee does the same); only a *hint* survives a failure:
that HEAD failed there, so the next run starts with GET and spends one request, not two, on
a link that stays dead. Each entry lives ``cache-ttl-days``
shortened by a random part (see :meth:`Policy.ttl`) so entries do not all expire in the same
run. A file that cannot be read as this shape is discarded with a warning, never a crash;
writes replace the file atomically, so a killed run cannot leave half a file behind.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from ..textio import replace_file
from .checker import Result

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
        self.warnings: List[str] = []

    def load(self) -> "LinkCache":
        if self.path is None or not self.path.exists():
            return self
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            links, arxiv, hints = _validate(data)
        except (OSError, ValueError, TypeError, KeyError) as error:
            self.warnings.append(f"{self.path}: cache is unreadable ({_short(error)}); "
                                 "discarded, every link is checked again")
            return self
        self.links, self.arxiv, self.hints = links, arxiv, hints
        return self

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
            return
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
        data = {"version": VERSION, "links": links, "arxiv": self.arxiv, "hints": hints}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
        replace_file(self.path, text.encode("utf-8"))


def _validate(data: Any):
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("unknown format or version")
    links, arxiv, hints = data.get("links", {}), data.get("arxiv", {}), data.get("hints", {})
    if not isinstance(links, dict) or not isinstance(arxiv, dict) or not isinstance(hints, dict):
        raise ValueError("links, arxiv and hints must be objects")
    for key, hint in hints.items():
        if not isinstance(hint, dict) or not isinstance(hint.get("expires"), (int, float)):
            raise ValueError(f"bad hint {key!r}")
    for key, entry in links.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str) \
                or not isinstance(entry.get("expires"), (int, float)) \
                or entry.get("verdict") not in CACHED_VERDICTS:
            raise ValueError(f"bad entry {key!r}")
    for key, entry in arxiv.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise ValueError(f"bad arXiv entry {key!r}")
    return links, arxiv, hints


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
