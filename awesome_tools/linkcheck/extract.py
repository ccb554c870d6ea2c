"""Which URLs a list asks us to check, once each, with every place they appear.

The first stage of the pipeline: from parsed Documents to :class:`Target` objects. Only
external http(s) links and images count (in-page ``#fragments``, relative files, ``mailto:``
and TOC links are other rules' business). A URL's fragment is never fetched (servers never
see it), so ``page#a`` and ``page#b`` are one request. URLs are deduplicated by
:func:`awesome_tools.urls.normalize_url`, except where that key would hide a failure: an arXiv
*mirror* and arxiv.org share a paper key there, but a dead mirror must still be reported, so
only arxiv.org's own links are checked by paper id (through the API) and everything else by
its own URL.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

from awesome_tools.model import Document
from awesome_tools.urls import arxiv_id, doi, github_repo, is_external, normalize_url
from awesome_tools.linkcheck.targets import Location, Target, merge

# Hosts whose arXiv links are asked about through the API (mirrors are fetched themselves).
ARXIV_API_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org"})
DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})
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
    """(key, kind, ident) for a fetchable URL."""
    host = (_host(url) or "")
    if host in ARXIV_API_HOSTS:
        paper = arxiv_id(url)
        if paper:
            return "arxiv:" + paper, "arxiv", (paper,)
    if host in DOI_HOSTS:
        value = doi(url)
        if value:
            return "doi:" + value, "doi", (value,)
    if host in GITHUB_HOSTS and _repo_root(url):
        repo = github_repo(url)
        if repo:
            return "github:" + f"{repo[0]}/{repo[1]}".lower(), "github", repo
    key = normalize_url(url)
    if key.startswith(_SPECIAL_KEYS):  # a paper key for a URL we fetch as itself
        key = url
    return "url:" + key, "http", ()


def _host(url: str) -> Optional[str]:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def _repo_root(url: str) -> bool:
    """True for ``github.com/owner/repo`` itself (``/``, ``.git``, a query allowed)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    parts = [part for part in path.split("/") if part]
    return len(parts) == 2


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
