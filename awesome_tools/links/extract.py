"""Which URLs a list asks us to check, once each, with every place they appear.

The first stage of the pipeline: from parsed Documents to :class:`Target` objects. Only
external http(s) links and images count (in-page ``#fragments``, relative files, ``mailto:``
and TOC links are other rules' business). A URL's fragment is never fetched (servers never
see it), so ``page#a`` and ``page#b`` are one request. URLs are deduplicated by
:func:`awesome_tools.urls.normalize_url`, except where that key would hide a failure: an arXiv
*mirror* and arxiv.org share a paper key there, but a dead mirror must still be reported, so
only arxiv.org's own links are checked by paper id (through the API) and everything else by
its own URL. Which URLs a host plugin takes over is the plugin's business
(:mod:`awesome_tools.links.hosts`); the rest are web pages.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

from awesome_tools.model import Document
from awesome_tools.urls import is_external, normalize_url
from awesome_tools.links import hosts
from awesome_tools.links.targets import PAGE, Location, Target, merge

_SPECIAL_KEYS = ("arxiv:", "doi:", "openreview:", "acl:")


def fetchable(url: str) -> Optional[str]:
    """The URL to fetch for a written link (fragment dropped, ``//host`` made https), or None."""
    text = url.strip()
    if not text or not is_external(text):
        return None
    if text.startswith("//"):
        text = "https:" + text
    text = text.split("#", 1)[0]
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return text  # malformed: the checker will call it invalid
    return text if host or text else None


def classify(url: str) -> Tuple[str, str, Tuple[str, ...]]:
    """(key, kind, ident) for a fetchable URL: a host plugin's claim, else a web page."""
    host = _host(url) or ""
    claimed = hosts.claim(url, host)
    if claimed is not None:
        name, claim = claimed
        return claim.key, name, claim.ident
    key = normalize_url(url)
    if key.startswith(_SPECIAL_KEYS):  # a paper key for a URL we fetch as itself
        key = url
    return "url:" + key, PAGE, ()


def _host(url: str) -> Optional[str]:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def extract(documents: Iterable[Document]) -> List[Target]:
    """Every external URL of the documents, deduplicated, in order of first appearance."""
    return merge(extract_document(doc) for doc in documents)


def extract_document(doc: Document) -> List[Target]:
    """The external URLs of one document, deduplicated, in order of first appearance."""
    found: Dict[str, Tuple[str, str, Tuple[str, ...], List[Location]]] = {}
    for link in doc.links:
        if link.in_toc:
            continue
        url = fetchable(link.url)
        if url is None:
            continue
        key, kind, ident = classify(url)
        where = Location(doc.path, link.line, link.column, tuple(link.section))
        if key in found:
            if where not in found[key][3]:
                found[key][3].append(where)
        else:
            found[key] = (url, kind, ident, [where])
    return [Target(key, url, kind, tuple(locations), ident)
            for key, (url, kind, ident, locations) in found.items()]


def targets_from_urls(urls: Iterable[str], path: str = "<urls>") -> List[Target]:
    """Targets for bare URLs (line = position in the input), for library callers and tests."""
    from awesome_tools.model import Link

    links = tuple(Link("link", "bare", url, url, number, 1)
                  for number, url in enumerate(urls, 1))
    doc = Document(text="", path=path, headings=(), links=links, anchors=(), entries=(),
                   comments=(), toc=None)
    return extract([doc])
