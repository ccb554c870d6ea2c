"""arXiv papers through the arXiv API: batched ``id_list`` queries, one at a time, 3 s apart.

arxiv.org answers parallel clients with 403 "robot detection" or 429, so a paper list checked
page by page fails on noise. The API answers up to ``arxiv-batch`` ids in one Atom feed. Its
terms ask for one connection and at least 3 seconds between requests: the politeness below.

How the feed answers (as the real API does): each found paper is an ``<entry>`` whose ``<id>``
is ``http(s)://arxiv.org/abs/<id>v<N>``, in any order; an id arXiv does not have is simply
absent; a malformed id turns the whole answer into one entry titled ``Error`` whose id is
``.../api/errors#...`` and whose summary names the id; throttling is a plain ``Rate
exceeded.`` body. The API also returns an *empty* feed now and then for a valid query, so:

- an empty feed for a batch of several ids is an API error (retried, then ``unknown``),
  never "these papers do not exist";
- a paper is ``dead`` only when an answer that lists another paper lacks it: another id of
  the same batch, or, for a batch whose answer listed nothing, a *witness* (a paper found
  earlier in this run) added to the query when it is asked again.

What the feed says of each found paper is kept, from the same answer (no request of its
own): its title (for ``title-mismatch``), authors, first and latest version dates, the
``journal_ref``, the authors' comment and the DOI (for ``venue-outdated``, ``add`` and
``export``), and the first code repository the comment or abstract links. The cache stores it
(:mod:`awesome_tools.links.cache`), bounded in size and validated on load. Only arxiv.org's own
links are claimed; mirrors are fetched as pages (a dead mirror must be reported).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlencode
from xml.etree import ElementTree

from awesome_tools.links.hosts import Claim, LinkHost, Limits, Setting
from awesome_tools.links.policy import host_of
from awesome_tools.links.tasks import retry_or_give_up, why_for_status
from awesome_tools.links.types import Decision, LinkResult, Task, Verdict, Why, result
from awesome_tools.urls import arxiv_id

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.targets import Target

ARXIV_API = "https://export.arxiv.org/api/query"
HOST = LinkHost(
    "arxiv", "arXiv papers through the arXiv API (batched, one connection, 3 s apart)",
    settings=(
        Setting("arxiv-api", "url", ARXIV_API, "the arXiv API's query URL",
                env="AWESOME_TOOLS_ARXIV_API"),
        Setting("arxiv-interval", "number", 3.0, "seconds between arXiv API requests"),
        Setting("arxiv-batch", "integer", 100, "ids per arXiv API request", minimum=1),
    ))

CLAIMED_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org"})
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_VERSION = re.compile(r"v\d+\Z")
_BAD_ID = re.compile(r"incorrect id format for (\S+)", re.I)
MAX_FEED_BYTES = 16 * 1024 * 1024
WITNESS = "arxiv-witness"  # ctx.shared: an id the API listed in this run


@HOST.claims
def claim(url: str, host: str) -> Optional[Claim]:
    if host not in CLAIMED_HOSTS:
        return None
    paper = arxiv_id(url)
    return Claim("arxiv:" + paper, (paper,)) if paper else None


@HOST.builds
def build(ctx: "LinkContext", targets: Sequence["Target"]) -> List[Task]:
    papers = [(t.key, t.ident[0], t.url) for t in targets]
    return batches(ctx.setting("arxiv-api"), papers, ctx.setting("arxiv-batch"))


@HOST.politeness
def limits(settings: Mapping[str, object]) -> Dict[str, Limits]:
    return {host_of(str(settings["arxiv-api"])): Limits(1, float(settings["arxiv-interval"]))}  # type: ignore[arg-type]


Paper = Tuple[str, str, str]  # (key, id, url)


class ArxivBatch(Task):
    """Up to ``arxiv-batch`` papers in one API request."""

    def __init__(self, api: str, papers: Sequence[Paper]) -> None:
        self.api = api
        self.host = host_of(api)
        self.papers = list(papers)
        self.retries = 0
        self.confirming = False  # asking again about ids an answer with a witness lacked
        self.witness: Optional[str] = None

    def run(self, ctx: "LinkContext") -> Decision:
        ids = [paper for _, paper, _ in self.papers]
        if self.confirming and self.witness is None:
            self.witness = ctx.shared.get(WITNESS)
        asked = ids + ([self.witness] if self.witness and self.witness not in ids else [])
        query = urlencode({"id_list": ",".join(asked), "start": 0, "max_results": len(asked)})
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

    def _answer(self, ctx: "LinkContext", feed: "Feed") -> Decision:
        if feed.errors:
            return self._error_entry(feed.errors[0])
        found = [paper for paper in self.papers if paper[1] in feed.titles]
        missing = [paper for paper in self.papers if paper[1] not in feed.titles]
        if not feed.titles and len(self.papers) + bool(self.witness) > 1:
            return self._retry(ctx, "arXiv API: an empty answer for several ids (an API "
                               "error; retry later)", {}, None)
        if found:
            ctx.shared.setdefault(WITNESS, found[0][1])
        results = tuple(self._result(paper, Verdict.ALIVE, Why.API_FOUND, 200, "arXiv API: "
                                     + (feed.titles[paper[1]] or "paper found"),
                                     meta=feed.meta.get(paper[1])) for paper in found)
        if not missing:
            return Decision(results=results)
        witnessed = bool(found) or (self.witness is not None and self.witness in feed.titles)
        if witnessed:  # the same answer lists another paper: it is a real answer
            return Decision(results=results + tuple(
                self._result(paper, Verdict.DEAD, Why.API_NOT_FOUND, None,
                             f"arXiv API has no paper {paper[1]} (the same answer lists "
                             "other papers)") for paper in missing))
        # No paper in the answer: ask again, with a paper found elsewhere in this run.
        self.papers, self.confirming, self.witness = missing, True, None
        self.retries += 1
        if self.retries > ctx.policy.retries:
            return Decision(results=results + tuple(self._unwitnessed(missing)))
        return Decision(results=results, again=self,
                        delay=ctx.policy.retry_wait(self.retries - 1))

    def _unwitnessed(self, missing: Sequence[Paper]) -> List[LinkResult]:
        return [self._result(paper, Verdict.UNKNOWN, Why.API_ERROR, None,
                             f"arXiv API did not list {paper[1]}, and no answer listed any "
                             "other paper to confirm that it works; retry later")
                for paper in missing]

    def _error_entry(self, message: str) -> Decision:
        """A malformed id spoils the whole answer: report it and ask again without it."""
        bad = _BAD_ID.search(message)
        named = [paper for paper in self.papers if bad and paper[1] == bad.group(1).rstrip(".")]
        if named:
            rest = [paper for paper in self.papers if paper not in named]
            results = tuple(self._result(paper, Verdict.DEAD, Why.API_NOT_FOUND, None,
                                         f"arXiv API: {message}") for paper in named)
            if not rest:
                return Decision(results=results)
            self.papers = rest
            return Decision(results=results, again=self)
        if len(self.papers) > 1:  # cannot tell which id: split the batch
            half = len(self.papers) // 2
            return Decision(spawn=(ArxivBatch(self.api, self.papers[:half]),
                                   ArxivBatch(self.api, self.papers[half:])))
        return Decision(results=(self._result(self.papers[0], Verdict.UNKNOWN, Why.API_ERROR,
                                              None, f"arXiv API error: {message}"),))

    def _retry(self, ctx: "LinkContext", what: str, headers: Mapping[str, str],
               status: Optional[int]) -> Decision:
        why = Why.API_ERROR if status is None or status == 200 else why_for_status(status)

        def give_up(reason: str) -> Decision:
            return Decision(results=tuple(self._result(paper, Verdict.UNKNOWN, why, status,
                                                       reason) for paper in self.papers))

        return retry_or_give_up(self, ctx, what, headers, status, give_up)

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return tuple(self._result(paper, Verdict.UNKNOWN, why, None, reason)
                     for paper in self.papers)

    @staticmethod
    def _result(paper: Paper, verdict: Verdict, why: Why, status: Optional[int], reason: str,
                meta: Optional[Mapping[str, Any]] = None) -> LinkResult:
        key, ident, url = paper
        extra: Dict[str, Any] = dict(meta or {})
        if extra.get("title"):
            extra["arxiv_id"] = ident
        else:
            extra = {}
        return result(key, url, verdict, why, status, reason, extra=extra)


class Feed:
    """What an API answer says: titles and metadata by version-less id, and error messages."""

    def __init__(self, titles: Dict[str, str], errors: List[str],
                 meta: Optional[Dict[str, Dict[str, Any]]] = None) -> None:
        self.titles = titles
        self.errors = errors
        self.meta = meta if meta is not None else {}


def parse_feed(body: bytes) -> Feed:
    if b"<!DOCTYPE" in body[:4096] or b"<!ENTITY" in body[:4096]:
        raise ValueError("a feed with a DOCTYPE (refused)")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise ValueError(str(error)) from None
    if root.tag != ATOM + "feed":
        raise ValueError("not an Atom feed")
    titles: Dict[str, str] = {}
    meta: Dict[str, Dict[str, Any]] = {}
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
            meta[paper] = entry_metadata(entry, title)
    return Feed(titles, errors, meta)


# Bounds on what one paper's metadata may take in the cache (a feed is a server's text).
MAX_TITLE = 500
MAX_TEXT = 1000
MAX_AUTHORS = 50
MAX_NAME = 120
_DATE = re.compile(r"\s*((?:19|20)\d{2}-[01]\d-[0-3]\d)")
_CODE_URL = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com)/[A-Za-z0-9_.-]+/"
                       r"[A-Za-z0-9_.-]+", re.I)
_DOI_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>]+\Z")


def _text(entry: ElementTree.Element, tag: str, limit: int = MAX_TEXT) -> str:
    return " ".join((entry.findtext(tag) or "").split())[:limit]


def entry_metadata(entry: ElementTree.Element, title: str) -> Dict[str, Any]:
    """One feed entry's metadata, each field bounded; empty fields left out."""
    found: Dict[str, Any] = {"title": title[:MAX_TITLE]}
    names = [" ".join((author.findtext(ATOM + "name") or "").split())[:MAX_NAME]
             for author in entry.findall(ATOM + "author")]
    names = [name for name in names if name]
    if names:
        found["authors"] = names[:MAX_AUTHORS]
        if len(names) > MAX_AUTHORS:
            found["more_authors"] = len(names) - MAX_AUTHORS
    for field, tag in (("published", ATOM + "published"), ("updated", ATOM + "updated")):
        date = _DATE.match(entry.findtext(tag) or "")
        if date:
            found[field] = date.group(1)
    for field, tag in (("journal_ref", ARXIV + "journal_ref"), ("comment", ARXIV + "comment")):
        value = _text(entry, tag)
        if value:
            found[field] = value
    doi = _text(entry, ARXIV + "doi", 200).split(" ")[0]
    if _DOI_TEXT.match(doi):
        found["doi"] = doi
    code = code_url(found.get("comment", "")) or code_url(_text(entry, ATOM + "summary", 20000))
    if code:
        found["code"] = code
    return found


def code_url(text: str) -> Optional[str]:
    """The first GitHub or GitLab repository a comment or abstract links (``Code: https://
    github.com/x/y.``): the owner/name part only, without trailing punctuation."""
    match = _CODE_URL.search(text)
    if not match:
        return None
    url = match.group(0).rstrip(".,;:)")
    if url.endswith(".git"):
        url = url[:-4]
    return url


def paper_id(entry_id: str) -> Optional[str]:
    """``http://arxiv.org/abs/2101.00001v2`` -> ``2101.00001``; old ids keep their archive."""
    marker = "/abs/"
    if marker not in entry_id:
        return None
    return _VERSION.sub("", entry_id.split(marker, 1)[1].strip("/")) or None


def batches(api: str, papers: Sequence[Paper], size: int) -> List[Task]:
    return [ArxivBatch(api, papers[start:start + size]) for start in range(0, len(papers), size)]
