"""arXiv papers through the arXiv API: batched ``id_list`` queries, one at a time, 3 s apart.

arxiv.org answers rapid scrapers with 403, so a paper list checked page by page fails on
noise. The API answers up to ``arxiv-batch`` ids in one Atom feed. Its terms ask for one
connection and at least 3 seconds between requests; the scheduler enforces both through the
API host's policy (per-host 1, ``arxiv-interval``).

How the feed answers (as the real API does): each found paper is an ``<entry>`` whose ``<id>``
is ``http(s)://arxiv.org/abs/<id>v<N>``, in any order; an id arXiv does not have is simply
absent (older servers sent an entry without ``<id>``); a malformed id turns the whole answer
into one entry titled ``Error`` whose id is ``.../api/errors#...`` and whose summary names the
id; throttling is a plain ``Rate exceeded.`` body. A missing id is ``dead`` only after a second
answer agrees, because the API is known to return empty feeds now and then. Titles of found
papers are kept (the cache stores them for the title-mismatch rule).
"""
from __future__ import annotations

import re
import time
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlencode
from xml.etree import ElementTree

from awesome_tools.linkcheck.checker import Context, Decision, Result, Task, host_of, retry_or_give_up

ATOM = "{http://www.w3.org/2005/Atom}"
_VERSION = re.compile(r"v\d+\Z")
_BAD_ID = re.compile(r"incorrect id format for (\S+)", re.I)
MAX_FEED_BYTES = 16 * 1024 * 1024


class ArxivBatch(Task):
    """Up to ``arxiv-batch`` papers in one API request; ``papers`` is [(key, id, url)]."""

    def __init__(self, api: str, papers: Sequence[Tuple[str, str, str]]) -> None:
        self.api = api
        self.host = host_of(api)
        self.papers = list(papers)
        self.retries = 0
        self.confirming = False  # asking again about ids the first answer lacked

    def run(self, ctx: Context) -> Decision:
        ids = [paper for _, paper, _ in self.papers]
        query = urlencode({"id_list": ",".join(ids), "start": 0, "max_results": len(ids)})
        outcome = ctx.fetch("GET", f"{self.api}?{query}", self.host,
                            headers={"Accept": "application/atom+xml"},
                            read_limit=MAX_FEED_BYTES)
        if outcome.status is None:
            return self._retry(ctx, f"arXiv API: {outcome.error}", {}, None)
        if outcome.body.strip().startswith(b"Rate exceeded"):
            return self._retry(ctx, "arXiv API: rate exceeded", outcome.headers, 429)
        if outcome.status != 200:
            return self._retry(ctx, f"arXiv API: HTTP {outcome.status}", outcome.headers,
                               outcome.status)
        try:
            feed = parse_feed(outcome.body)
        except ValueError as error:
            return self._retry(ctx, f"arXiv API: unreadable answer ({error})", {}, None)
        return self._answer(ctx, feed)

    def _answer(self, ctx: Context, feed: "Feed") -> Decision:
        if feed.errors:
            return self._error_entry(feed.errors[0])
        found = [paper for paper in self.papers if paper[1] in feed.titles]
        missing = [paper for paper in self.papers if paper[1] not in feed.titles]
        results = tuple(self._result(paper, "alive", 200, "arXiv API: "
                                     + (feed.titles[paper[1]] or "paper found"),
                                     title=feed.titles[paper[1]]) for paper in found)
        if missing and not self.confirming:
            self.papers, self.confirming, self.retries = missing, True, 0
            return Decision(results=results, again=self)
        results += tuple(self._result(paper, "dead", None,
                                      f"arXiv API has no paper {paper[1]}") for paper in missing)
        return Decision(results=results)

    def _error_entry(self, message: str) -> Decision:
        """A malformed id spoils the whole answer: report it and ask again without it."""
        bad = _BAD_ID.search(message)
        named = [paper for paper in self.papers if bad and paper[1] == bad.group(1).rstrip(".")]
        if named:
            rest = [paper for paper in self.papers if paper not in named]
            results = tuple(self._result(paper, "dead", None, f"arXiv API: {message}")
                            for paper in named)
            if not rest:
                return Decision(results=results)
            self.papers = rest
            return Decision(results=results, again=self)
        if len(self.papers) > 1:  # cannot tell which id: split the batch
            half = len(self.papers) // 2
            return Decision(spawn=(ArxivBatch(self.api, self.papers[:half]),
                                   ArxivBatch(self.api, self.papers[half:])))
        return Decision(results=(self._result(self.papers[0], "unknown", None,
                                              f"arXiv API error: {message}"),))

    def _retry(self, ctx: Context, what: str, headers, status: Optional[int]) -> Decision:
        def give_up(reason: str) -> Decision:
            return Decision(results=tuple(self._result(paper, "unknown", status, reason)
                                          for paper in self.papers))

        return retry_or_give_up(self, ctx, what, headers, status, give_up)

    @staticmethod
    def _result(paper: Tuple[str, str, str], verdict: str, status: Optional[int],
                reason: str, title: Optional[str] = None) -> Result:
        key, _, url = paper
        extra = {"arxiv_id": paper[1], "title": title} if title else {}
        return Result(key, url, verdict, status, None, reason, checked_at=time.time(),
                      extra=extra)


class Feed:
    """What an API answer says: titles by version-less id, and error messages."""

    def __init__(self, titles: Dict[str, str], errors: List[str]) -> None:
        self.titles = titles
        self.errors = errors


def parse_feed(body: bytes) -> Feed:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise ValueError(str(error)) from None
    if root.tag != ATOM + "feed":
        raise ValueError("not an Atom feed")
    titles: Dict[str, str] = {}
    errors: List[str] = []
    for entry in root.iter(ATOM + "entry"):
        ident = (entry.findtext(ATOM + "id") or "").strip()
        title = " ".join((entry.findtext(ATOM + "title") or "").split())
        if "/api/errors" in ident:
            errors.append(" ".join((entry.findtext(ATOM + "summary") or title).split()))
            continue
        paper = paper_id(ident)
        if paper:
            titles[paper] = title
    return Feed(titles, errors)


def paper_id(entry_id: str) -> Optional[str]:
    """``http://arxiv.org/abs/2101.00001v2`` -> ``2101.00001``; old ids keep their archive."""
    marker = "/abs/"
    if marker not in entry_id:
        return None
    return _VERSION.sub("", entry_id.split(marker, 1)[1].strip("/")) or None


def batches(api: str, papers: Sequence[Tuple[str, str, str]], size: int) -> List[ArxivBatch]:
    return [ArxivBatch(api, papers[start:start + size]) for start in range(0, len(papers), size)]


def cached_arxiv_titles(cache_path=None):  # type: ignore[no-untyped-def]
    """arXiv id -> title from the link cache (see :func:`..cache.cached_arxiv_titles`)."""
    from awesome_tools.linkcheck.cache import cached_arxiv_titles as titles

    return titles(cache_path)
