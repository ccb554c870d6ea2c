"""What ``awesome-tools add`` is asked to add, and what the sources of truth say about it.

An argument is an arXiv id or URL, a DOI (``10.…``, ``doi:10.…``, a doi.org URL), an
OpenReview forum or pdf URL, or a proceedings page (CVF open access, ECVA, ACL Anthology,
NeurIPS, PMLR, JMLR, IJCAI, AAAI). Metadata comes through the link checker's own clients
(:mod:`awesome_tools.links`), with their politeness, User-Agent, address protections and test
overrides (``AWESOME_TOOLS_ARXIV_API``, ``AWESOME_TOOLS_OPENREVIEW_API``, …), and from its
cache first: a paper ``awesome-tools links`` has seen costs no request, and one asked now is
cached for the next run.

- arXiv: the arXiv API (title, authors, first-version date, journal reference and comment,
  a code repository the comment or abstract links);
- OpenReview: the OpenReview API (title, authors, decision, code);
- a proceedings page: the page's own ``citation_*`` meta tags (Highwire Press tags, which
  CVF, the ACL Anthology, NeurIPS and PMLR pages carry), the venue from its URL;
- a DOI: the DOI handle API says whether it is registered; an arXiv DOI is the arXiv paper
  and an ACL DOI its Anthology page. Other DOIs have no metadata source here (there is no
  Crossref client), so ``--title`` is needed.

Everything a server says is untrusted text: it is bounded and made plain (no Markdown, HTML
or control characters) before it is written into a list (:func:`clean`).
"""
from __future__ import annotations

import re
import unicodedata
from html import unescape
from typing import Any, Dict, List, Mapping, Optional, Tuple

from awesome_tools.errors import InputError
from awesome_tools.papers import Published, arxiv_venue, first_version, openreview_venue
from awesome_tools.records import field, record, replace
from awesome_tools.urls import acl_id, arxiv_id, doi as doi_of, openreview_id
from awesome_tools.venues import DEFAULT_TABLE, VenueTable, url_evidence

PROCEEDINGS = frozenset({"cvf", "ecva", "acl-anthology", "neurips", "pmlr", "jmlr", "ijcai",
                         "aaai"})
_BARE_ARXIV = re.compile(r"(?:arxiv:\s*)?((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))"
                         r"(?:v\d+)?\Z", re.I)
_BARE_DOI = re.compile(r"(?:doi:\s*)?(10\.\d{4,9}/\S+)\Z", re.I)
MAX_PAGE_BYTES = 2 * 1024 * 1024


@record(frozen=True)
class Wanted:
    """The paper asked for: ``kind`` arxiv, openreview, doi or page; its id; its paper URL."""

    kind: str
    ident: str
    url: str


@record(frozen=True)
class Paper:
    """A paper as ``add`` writes it. ``venue`` is where it was published (None for a
    preprint); ``preprint`` the (year, month) of its first arXiv version."""

    title: str
    url: str
    kind: str
    ident: str
    arxiv: Optional[str] = None
    doi: Optional[str] = None
    authors: Tuple[str, ...] = ()
    venue: Optional[Published] = None
    preprint: Optional[Tuple[int, int]] = None
    code: Optional[str] = None
    keys: Tuple[str, ...] = field(default=())  # paper keys that identify it (arxiv:…, doi:…)

    @property
    def year(self) -> Optional[int]:
        """The year a date column gives it: its first arXiv version's, else its venue's."""
        if self.preprint:
            return self.preprint[0]
        return self.venue.year if self.venue is not None else None

    @property
    def sort_year(self) -> Optional[int]:
        """The year lists sort it by: its venue's, else its preprint's."""
        if self.venue is not None and self.venue.year:
            return self.venue.year
        return self.preprint[0] if self.preprint else None


# --------------------------------------------------------------------------- the argument


def identify(text: str) -> Wanted:
    """What the argument names; InputError for anything ``add`` cannot read."""
    value = text.strip()
    if not value:
        raise InputError("add: give an arXiv id or URL, a DOI, or an OpenReview or "
                         "proceedings URL")
    from awesome_tools.urls import paper_key

    key = paper_key(value) if value.startswith(("http://", "https://")) else None
    ident = arxiv_id(value) or (key[len("arxiv:"):] if key and key.startswith("arxiv:")
                                else None)
    bare = _BARE_ARXIV.match(value)
    if ident or bare:
        paper = ident or bare.group(1)  # type: ignore[union-attr]
        return Wanted("arxiv", paper, f"https://arxiv.org/abs/{paper}")
    doi = _doi(value)
    if doi:
        return _from_doi(doi)
    note = openreview_id(value) if value.startswith(("http://", "https://")) else None
    if note:
        return Wanted("openreview", note, f"https://openreview.net/forum?id={note}")
    if value.startswith(("http://", "https://")):
        evidence = url_evidence(value)
        if evidence is not None and evidence.source in PROCEEDINGS:
            from awesome_tools.rules.redirected_url import safe_target

            safe = safe_target(value)
            if safe is not None:
                return Wanted("page", safe, safe)
    raise InputError(f"add: {value[:200]!r} is not an arXiv id or URL, a DOI, or an OpenReview "
                     "or proceedings URL (CVF, ECVA, ACL Anthology, NeurIPS, PMLR, JMLR, IJCAI, "
                     "AAAI)")


def _doi(value: str) -> Optional[str]:
    if value.startswith(("http://", "https://")):
        return doi_of(value)
    match = _BARE_DOI.match(value)
    return match.group(1) if match else None


def _from_doi(doi: str) -> Wanted:
    lowered = doi.lower()
    if lowered.startswith("10.48550/arxiv."):
        paper = doi[len("10.48550/arxiv."):]
        return Wanted("arxiv", paper, f"https://arxiv.org/abs/{paper}")
    if lowered.startswith("10.18653/v1/"):
        anthology = doi[len("10.18653/v1/"):]
        if acl_id(f"https://aclanthology.org/{anthology}/"):
            return Wanted("page", f"https://aclanthology.org/{anthology}/",
                          f"https://aclanthology.org/{anthology}/")
    if any(char in doi for char in " <>\"'`|[]()\\"):
        raise InputError(f"add: {doi[:200]!r} is not a DOI that can be written as a link")
    return Wanted("doi", doi, f"https://doi.org/{doi}")


# --------------------------------------------------------------------------- plain text


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def clean(text: str, limit: int = 300) -> str:
    """A server's text made plain for a list: one line, no control or bidi characters, no
    tags, entities decoded, bounded (Markdown escaping is the writer's job)."""
    text = unescape(re.sub(r"</?[A-Za-z][^<>]*>", " ", str(text)))
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())[:limit]


# --------------------------------------------------------------------------- looking it up


class Lookup:
    """Metadata through the link checker's clients and cache (one per ``add`` run)."""

    def __init__(self, policy: Any, cache: Any, table: VenueTable = DEFAULT_TABLE) -> None:
        self.policy = policy
        self.cache = cache
        self.table = table
        self.requests = 0

    def paper(self, wanted: Wanted) -> Paper:
        if wanted.kind == "arxiv":
            return self._arxiv(wanted)
        if wanted.kind == "openreview":
            return self._openreview(wanted)
        if wanted.kind == "doi":
            self._check(wanted.url, "the DOI handle API")
            return Paper("", wanted.url, "doi", wanted.ident, doi=wanted.ident,
                         keys=(f"doi:{wanted.ident.lower()}",))
        return self._page(wanted)

    # --- through the link checker -----------------------------------------------------

    def _check(self, url: str, what: str) -> Any:
        """The link checker's verdict on ``url`` (asked now, not taken from the cache)."""
        from awesome_tools.links.extract import targets_from_urls
        from awesome_tools.links.run import check_links

        targets = targets_from_urls([url])
        for target in targets:
            self.cache.links.pop(target.key, None)
        checked = check_links(targets, self.policy, self.cache)
        self.requests += checked.requests
        if not checked.pairs:
            raise InputError(f"add: {url} is excluded by the link settings")
        result = checked.pairs[0][1]
        if result.verdict == "dead":
            raise InputError(f"add: {what} does not know {url}: {result.reason}")
        if result.verdict not in ("alive", "redirected"):
            raise InputError(f"add: could not ask {what} about {url} ({result.reason}); "
                             "try again later")
        return result

    def _arxiv(self, wanted: Wanted) -> Paper:
        record = self.cache.arxiv.get(wanted.ident)
        if not record or "published" not in record:  # a title-only record of an older cache
            self._check(wanted.url, "the arXiv API")
            record = self.cache.arxiv.get(wanted.ident)
        if not record:
            raise InputError(f"add: the arXiv API gave no record for {wanted.ident}")
        return self.from_arxiv(wanted, record)

    def from_arxiv(self, wanted: Wanted, record: Mapping[str, Any]) -> Paper:
        venue = arxiv_venue(record, self.table)
        if venue is not None and (not venue.year or venue.workshop
                                  or venue.decision != "accepted"):
            venue = None  # a preprint as far as a tag can say
        doi = record.get("doi")
        keys = [f"arxiv:{wanted.ident}"] + ([f"doi:{str(doi).lower()}"] if doi else [])
        return Paper(clean(record.get("title", ""), 500), wanted.url, "arxiv", wanted.ident,
                     arxiv=wanted.ident, doi=doi, authors=_names(record.get("authors")),
                     venue=venue, preprint=first_version(record),
                     code=_code(record.get("code")), keys=tuple(keys))

    def _openreview(self, wanted: Wanted) -> Paper:
        record = self.cache.openreview.get(wanted.ident)
        if not record:
            self._check(wanted.url, "the OpenReview API")
            record = self.cache.openreview.get(wanted.ident)
        if not record:
            raise InputError(f"add: the OpenReview API gave no record for {wanted.ident}")
        venue = openreview_venue(record, self.table)
        if venue is not None and (venue.decision != "accepted" or not venue.year
                                  or venue.workshop):
            venue = None
        return Paper(clean(record.get("title", ""), 500), wanted.url, "openreview",
                     wanted.ident, authors=_names(record.get("authors")), venue=venue,
                     code=_code(record.get("code")), keys=(f"openreview:{wanted.ident}",))

    # --- a proceedings page -------------------------------------------------------------

    def _page(self, wanted: Wanted) -> Paper:
        evidence = url_evidence(wanted.url)
        venue = None
        if evidence is not None and evidence.venue and evidence.year:
            venue = Published(evidence.venue, evidence.year, "url", wanted.url,
                              evidence.workshop, findings=evidence.findings)
        meta = page_metadata(self.policy, wanted.url)
        self.requests += 1
        from awesome_tools.urls import paper_key

        key = paper_key(wanted.url)
        doi = meta.get("doi")
        keys = ([key] if key else []) + ([f"doi:{doi.lower()}"] if doi else [])
        ident = meta.get("arxiv_id")
        return Paper(meta.get("title", ""), wanted.url, "page", wanted.ident, arxiv=ident,
                     doi=doi, authors=tuple(meta.get("authors", ())), venue=venue,
                     keys=tuple(keys))


def _names(value: Any) -> Tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(name for name in (clean(item, 120) for item in value[:50]) if name)


def _code(value: Any) -> Optional[str]:
    if not isinstance(value, str):
        return None
    from awesome_tools.rules.redirected_url import safe_target

    return safe_target(value)


# --------------------------------------------------------------------------- page meta tags

_META = re.compile(r"<meta\s+([^>]*?)/?>", re.I | re.S)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def citation_meta(html: str) -> Dict[str, Any]:
    """The Highwire Press ``citation_*`` meta tags of a page: title, authors, DOI, arXiv id."""
    found: Dict[str, Any] = {}
    authors: List[str] = []
    for tag in _META.finditer(html):
        attributes = {name.lower(): next(v for v in values if v is not None)
                      for name, *values in _ATTRIBUTE.findall(tag.group(1))}
        name = attributes.get("name", "").lower()
        content = clean(attributes.get("content", ""), 500)
        if not name.startswith("citation_") or not content:
            continue
        if name == "citation_title" and "title" not in found:
            found["title"] = content
        elif name == "citation_author" and len(authors) < 50:
            authors.append(_author_name(content))
        elif name == "citation_doi" and "doi" not in found and re.match(r"10\.\d{4,9}/\S+\Z",
                                                                      content):
            found["doi"] = content
        elif name == "citation_arxiv_id" and "arxiv_id" not in found:
            match = _BARE_ARXIV.match(content)
            if match:
                found["arxiv_id"] = match.group(1)
    if authors:
        found["authors"] = authors
    return found


def _author_name(text: str) -> str:
    """``Liu, Ze`` -> ``Ze Liu`` (the meta tags write family name first)."""
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and given:
            return f"{given} {family}"
    return text


def page_metadata(policy: Any, url: str, redirects: int = 3) -> Dict[str, Any]:
    """A proceedings page's citation meta tags, fetched with the link checker's client (its
    User-Agent, timeouts and address protections); redirects within http(s) followed."""
    from urllib.parse import urljoin

    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.policy import host_of

    ctx = LinkContext(policy)
    try:
        current = url
        for _ in range(redirects + 1):
            outcome = ctx.fetch("GET", current, host_of(current),
                                headers={"Accept": "text/html"}, peek=MAX_PAGE_BYTES)
            if outcome.status in (301, 302, 303, 307, 308) and outcome.header("Location"):
                current = urljoin(current, outcome.header("Location"))
                if not current.startswith(("http://", "https://")):
                    break
                continue
            break
    finally:
        ctx.close()
    if outcome.status != 200:
        why = outcome.error or f"HTTP {outcome.status}"
        raise InputError(f"add: could not read {url} ({why}); give --title (and --venue)")
    return citation_meta(outcome.body.decode("utf-8", "replace"))


def with_overrides(paper: Paper, *, title: Optional[str] = None, venue: Optional[str] = None,
                   code: Optional[str] = None, table: VenueTable = DEFAULT_TABLE) -> Paper:
    """The paper with what the user said instead (``--title``, ``--venue``, ``--code``)."""
    changes: Dict[str, Any] = {}
    if title:
        changes["title"] = clean(title, 500)
    if venue:
        tags = table.parse_tag(venue)
        if not tags or tags[0].under_review:
            raise InputError(f"--venue: {venue!r} is not a venue and year this list's venue "
                             "table knows (such as 'CVPR 2021'; add others under venues: in "
                             "the config)")
        tag = tags[0]
        changes["venue"] = None if tag.preprint else Published(
            tag.venue, tag.year, "user", venue, tag.workshop, findings=tag.findings)
    if code:
        from awesome_tools.rules.redirected_url import safe_target

        safe = safe_target(code)
        if safe is None:
            raise InputError(f"--code: {code[:200]!r} is not an http(s) URL")
        changes["code"] = safe
    paper = replace(paper, **changes) if changes else paper
    if not paper.title:
        raise InputError(f"add: no title is known for {paper.url}; give --title")
    return paper
