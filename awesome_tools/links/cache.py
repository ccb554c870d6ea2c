"""The persistent link cache: verdicts with timestamps, so a weekly run asks only what is due.

One JSON file (default ``.awesome-tools-cache/links.json``; CI keeps it with
``actions/cache``)::

    {"version": 2,
     "links": {"<dedupe key>": {"url", "verdict", "why", "status", "final_url", "reason",
                                "warnings", "checked", "expires"}},
     "arxiv": {"<id>": {"title", "authors", "published", "updated", "journal_ref",
                         "comment", "doi", "code", "checked"}},
     "openreview": {"<id>": {"title", "authors", "venue", "venueid", "published", "code",
                              "checked"}},
     "hints": {"<dedupe key>": {"method": "GET", "expires"}},
     "recheck": {"<dedupe key>": {"url", "paths", "expires"}},
     "hosts": {"<origin>": {"probe": {...}, "expires"}},
     "lists": {"<path>": {"digest", "targets"}}}

Only successes are stored (``alive`` and ``redirected``): a failure may be a passing outage
and must be asked again next time (lychee does the same). What survives a failure is how to
ask again: a *hint* that HEAD failed there (the next run starts with GET) and a *recheck*
entry (the next run of the same list asks it first, while it is still reading the list).
``hosts`` keeps how each host answered a path that cannot exist (the soft-404 probe), so it
is asked once per TTL, not once per run. ``arxiv`` and ``openreview`` keep what the arXiv and
OpenReview APIs said of each paper they listed (the answers the link check needed anyway):
offline rules (``title-mismatch``, ``venue-outdated``, ``duplicate-entry`` with ``--online``),
``add`` and ``export`` read it from here. ``lists`` keeps each list's URLs under a digest of
its text and of this package's code, so an unchanged list is not parsed again.

The cache is data from disk, and disk can be written by others (a restored Actions cache, a
crafted file): it is **validated on load**, field by field, with a size limit and depth
protection; a file that fails is discarded with a warning, never a crash. It is **never a
source of URLs**: what it says about a URL is used only for a URL the list itself contains
(see :mod:`awesome_tools.links.run`), and a redirect target is offered to ``fix`` only when it
is an http(s) URL recorded as a real move. Writes replace the file atomically.

This module does not import ``requests``: ``check --online`` and ``fix --update-redirects``
read the cache without the network stack.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from awesome_tools.formats.jsonlines import dumps_object
from awesome_tools.links.targets import Target, from_json, to_json
from awesome_tools.links.types import UPDATABLE, LinkResult, Verdict, Why
from awesome_tools.textio import replace_file

DEFAULT_PATH = Path(".awesome-tools-cache") / "links.json"
VERSION = 2
READABLE = (1, 2)  # version 1 had no "why" and no "hosts": read with the defaults below
CACHED_VERDICTS = ("alive", "redirected")
MAX_BYTES = 64 * 1024 * 1024
_WHYS = frozenset(item.value for item in Why)


class CacheError(ValueError):
    """The file is not a valid cache (the message says where)."""


class LinkCache:
    """Load once, look up and record during the run, save once at the end."""

    def __init__(self, path: Optional[Path], now: Callable[[], float] = time.time) -> None:
        self.path = path
        self.now = now
        self.links: Dict[str, Dict[str, Any]] = {}
        self.arxiv: Dict[str, Dict[str, Any]] = {}
        self.openreview: Dict[str, Dict[str, Any]] = {}
        self.hints: Dict[str, Dict[str, Any]] = {}
        self.recheck: Dict[str, Dict[str, Any]] = {}
        self.hosts: Dict[str, Dict[str, Any]] = {}
        self.lists: Dict[str, Dict[str, Any]] = {}
        self.warnings: List[str] = []

    def load(self) -> "LinkCache":
        if self.path is None or not self.path.exists():
            return self
        try:
            if self.path.stat().st_size > MAX_BYTES:
                raise CacheError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
            data = json.loads(self.path.read_text(encoding="utf-8"))
            parts = _validate(data)
        except RecursionError:
            self._discard("nested too deeply")
            return self
        except (OSError, ValueError, TypeError, KeyError, UnicodeError) as error:
            self._discard(_short(error))
            return self
        (self.links, self.arxiv, self.hints, self.recheck, self.hosts, self.lists,
         self.openreview) = parts
        return self

    def _discard(self, why: str) -> None:
        self.warnings.append(f"{self.path}: cache is unreadable ({why}); discarded, every "
                             "link is checked again")

    # --- lists ----------------------------------------------------------------------------

    def list_targets(self, path: str, digest: str) -> Optional[List[Target]]:
        """The URLs found in ``path`` last time, if its text (and our code) are unchanged."""
        entry = self.lists.get(path)
        if entry is None or entry.get("digest") != digest:
            return None
        return from_json(path, entry.get("targets"))

    def keep_list(self, path: str, digest: str, targets: Sequence[Target]) -> None:
        self.lists[path] = {"digest": digest, "targets": to_json(targets)}

    # --- failures asked first -------------------------------------------------------------

    def failed_last_time(self, paths: Sequence[str]) -> List[Tuple[str, str]]:
        """(key, url) of page checks that failed in an earlier run of one of ``paths`` (not
        yet expired). The caller asks only those whose URL its lists really contain."""
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

    # --- host probes ----------------------------------------------------------------------

    def probes(self) -> Dict[str, Any]:
        """origin -> the probe's JSON, for entries not yet expired."""
        now = self.now()
        return {origin: entry["probe"] for origin, entry in self.hosts.items()
                if entry["expires"] > now}

    def keep_probe(self, origin: str, probe: Mapping[str, Any], ttl: float) -> None:
        self.hosts[origin] = {"probe": dict(probe), "expires": self.now() + ttl}

    # --- verdicts -------------------------------------------------------------------------

    def get(self, key: str) -> Optional[LinkResult]:
        entry = self.links.get(key)
        if entry is None or entry["expires"] <= self.now():
            return None
        return LinkResult(key, entry["url"], Verdict(entry["verdict"]), Why(entry["why"]),
                          entry.get("status"), entry.get("final_url"), entry.get("reason", ""),
                          tuple(entry.get("warnings", ())), cached=True,
                          checked_at=entry.get("checked", 0.0))

    def put(self, result: LinkResult, ttl: float) -> None:
        extra = result.extra or {}
        if extra.get("title") and extra.get("arxiv_id"):
            self.arxiv[extra["arxiv_id"]] = _record(extra, ARXIV_FIELDS, result.checked_at)
        if extra.get("title") and extra.get("openreview_id"):
            self.openreview[extra["openreview_id"]] = _record(extra, OPENREVIEW_FIELDS,
                                                              result.checked_at)
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
            "url": result.url, "verdict": str(result.verdict), "why": str(result.why),
            "status": result.status, "final_url": result.final_url, "reason": result.reason,
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
        hosts = {key: item for key, item in self.hosts.items() if item["expires"] > now}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One entry per line, written by the C encoder (see jsonlines): readable in a diff and
        # a fraction of the cost of an indented dump, which a cached run would mostly spend.
        text = "".join(('{"version": ', str(VERSION), ',\n"links": ', dumps_object(links),
                        ',\n"arxiv": ', dumps_object(self.arxiv), ',\n"hints": ',
                        dumps_object(hints), ',\n"recheck": ', dumps_object(recheck),
                        ',\n"hosts": ', dumps_object(hosts),
                        ',\n"openreview": ', dumps_object(self.openreview),
                        ',\n"lists": ', dumps_object(self.lists), "}\n"))
        replace_file(self.path, text.encode("utf-8"))


# --- paper metadata -----------------------------------------------------------------------------

# The metadata fields kept per paper (see the module docstring); each is validated on load.
ARXIV_FIELDS = ("title", "authors", "more_authors", "published", "updated", "journal_ref",
                "comment", "doi", "code")
OPENREVIEW_FIELDS = ("title", "authors", "venue", "venueid", "published", "code")
_TEXT_LIMIT = 2000


def _record(extra: Mapping[str, Any], fields: Sequence[str], checked: float) -> Dict[str, Any]:
    record = {name: extra[name] for name in fields if extra.get(name)}
    record["checked"] = checked
    return record


def _metadata_ok(entry: Any, fields: Sequence[str]) -> bool:
    """A paper's cached metadata: a title, authors as a list of names, dates as YYYY-MM-DD,
    other fields bounded strings, a code link an http(s) URL."""
    if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
        return False
    for name, value in entry.items():
        if name == "checked":
            ok = _number(value)
        elif name not in fields:
            ok = True  # a field of a newer version: kept, never read
        elif name == "authors":
            ok = value is None or (_strings(value) and len(value) <= 1000
                                   and all(len(item) <= 300 for item in value))
        elif name == "more_authors":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        elif name in ("published", "updated"):
            ok = isinstance(value, str) and _DAY.match(value) is not None
        elif name == "code":
            ok = _http_url(value)
        else:
            ok = isinstance(value, str) and len(value) <= _TEXT_LIMIT
        if not ok:
            return False
    return True


_DAY = re.compile(r"(?:19|20)\d{2}-[01]\d-[0-3]\d\Z")


# --- validation -------------------------------------------------------------------------------

def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _optional(value: Any, kind: type) -> bool:
    return value is None or (isinstance(value, kind) and not isinstance(value, bool))


def _http_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 8192:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check(condition: bool, part: str, key: Any) -> None:
    if not condition:
        raise CacheError(f"bad {part} entry {str(key)[:80]!r}")


def _validate(data: Any) -> Tuple[Dict[str, Any], ...]:
    if not isinstance(data, dict) or data.get("version") not in READABLE:
        raise CacheError("unknown format or version")
    parts = [data.get(name, {}) for name in ("links", "arxiv", "hints", "recheck", "hosts",
                                              "lists", "openreview")]
    if not all(isinstance(part, dict) for part in parts):
        raise CacheError("links, arxiv, hints, recheck, hosts, lists and openreview must be "
                         "objects")
    links, arxiv, hints, recheck, hosts, lists, openreview = parts
    for key, e in links.items():
        if isinstance(e, dict) and "why" not in e:
            e["why"] = "ok" if e.get("verdict") == "alive" else "moved"
        _check(isinstance(e, dict) and _http_url(e.get("url"))
               and e.get("verdict") in CACHED_VERDICTS and e.get("why") in _WHYS
               and _number(e.get("expires")) and _optional(e.get("status"), int)
               and (e.get("final_url") is None or _http_url(e.get("final_url")))
               and isinstance(e.get("reason", ""), str)
               and _strings(e.get("warnings", [])) and _number(e.get("checked", 0)),
               "links", key)
    for key, e in arxiv.items():
        _check(_metadata_ok(e, ARXIV_FIELDS), "arXiv", key)
    for key, e in openreview.items():
        _check(_metadata_ok(e, OPENREVIEW_FIELDS), "OpenReview", key)
    for key, e in hints.items():
        _check(isinstance(e, dict) and e.get("method") == "GET" and _number(e.get("expires")),
               "hint", key)
    for key, e in recheck.items():
        _check(isinstance(e, dict) and _http_url(e.get("url")) and _number(e.get("expires"))
               and _strings(e.get("paths", [])), "recheck", key)
    for key, e in hosts.items():  # the probe's fields are checked where it is used
        _check(isinstance(e, dict) and _number(e.get("expires"))
               and isinstance(e.get("probe"), dict), "hosts", key)
    for key, e in lists.items():
        _check(isinstance(e, dict) and isinstance(e.get("digest"), str)
               and isinstance(e.get("targets"), list), "lists", key)
    return links, arxiv, hints, recheck, hosts, lists, openreview


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


# --- readers for other commands (no network stack) ---------------------------------------------

def _quiet_load(cache_path: Optional[str]) -> LinkCache:
    return LinkCache(Path(cache_path) if cache_path else DEFAULT_PATH).load()


def cached_redirects(cache_path: Optional[str] = None) -> Dict[str, str]:
    """URL -> where it moved, from unexpired entries that are real moves (a permanent
    redirect, a renamed repository, a shut-down site's successor), never a login page or a
    front page. For ``fix --update-redirects``; the target is an http(s) URL (the rule
    encodes it before writing). An unreadable or missing cache gives an empty mapping.
    """
    cache = _quiet_load(cache_path)
    now = cache.now()
    updatable = {str(why) for why in UPDATABLE}
    return {entry["url"]: entry["final_url"] for entry in cache.links.values()
            if entry["verdict"] == "redirected" and entry["why"] in updatable
            and entry.get("final_url") and entry["expires"] > now}


def cached_arxiv_titles(cache_path: Optional[str] = None) -> Dict[str, str]:
    """arXiv id (no version) -> title as the arXiv API gave it, for the title-mismatch rule."""
    return {paper: entry["title"] for paper, entry in _quiet_load(cache_path).arxiv.items()}


def cached_metadata(cache_path: Optional[str] = None
                    ) -> Tuple[Dict[str, Dict[str, Any]], Dict[str, Dict[str, Any]]]:
    """(arXiv id -> metadata, OpenReview id -> metadata) as the APIs gave them (validated on
    load; see ``ARXIV_FIELDS`` and ``OPENREVIEW_FIELDS``). For ``venue-outdated``,
    ``duplicate-entry --online``, ``add`` and ``export``. A missing or unreadable cache gives
    two empty mappings."""
    cache = _quiet_load(cache_path)
    return cache.arxiv, cache.openreview
