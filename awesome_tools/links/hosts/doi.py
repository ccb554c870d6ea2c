"""DOIs through the doi.org handle API instead of the publishers' bot-walled landing pages.

``GET https://doi.org/api/handles/<doi>`` answers JSON: ``responseCode`` 1 and the handle's
values when the DOI exists, HTTP 404 with ``responseCode`` 100 when it does not. Publishers
answer link checkers with 403, Cloudflare challenges (dl.acm.org) or 418 (IEEE Xplore); the
registry answers facts.

Claimed: ``doi.org`` / ``dx.doi.org`` links, and publisher URLs that carry a DOI in their path
(dl.acm.org, link.springer.com, onlinelibrary.wiley.com, ieeexplore.ieee.org,
www.sciencedirect.com, tandfonline.com, journals.sagepub.com, pubs.acs.org): for those a DOI
the registry does not know is proof the page cannot exist. ACL Anthology ids map to DOIs
(``10.18653/v1/<id>``) that not every paper has, so there an unknown DOI is no proof: the page
itself is checked instead.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import quote, unquote, urlsplit

from awesome_tools.links.hosts import Claim, LinkHost, Limits, Setting
from awesome_tools.links.policy import host_of, retryable_status
from awesome_tools.links.tasks import PageTask, retry_or_give_up, why_for_status
from awesome_tools.links.types import Decision, LinkResult, Task, Verdict, Why, result
from awesome_tools.urls import acl_id, doi

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.targets import Target

DOI_API = "https://doi.org/api/handles"
HOST = LinkHost(
    "doi", "DOIs (doi.org links, and DOIs in publisher URLs) through the DOI handle API",
    settings=(Setting("doi-api", "url", DOI_API, "the DOI handle API base",
                      env="AWESOME_TOOLS_DOI_API"),))

RESOLVERS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
PUBLISHERS = frozenset({"dl.acm.org", "link.springer.com", "onlinelibrary.wiley.com",
                        "ieeexplore.ieee.org", "www.sciencedirect.com", "www.tandfonline.com",
                        "tandfonline.com", "journals.sagepub.com", "pubs.acs.org"})
ACL_HOSTS = frozenset({"aclanthology.org", "www.aclanthology.org", "aclweb.org",
                       "www.aclweb.org"})
_IN_PATH = re.compile(r"/(10\.\d{4,9}/[^?#]+)")
_SUFFIX = re.compile(r"(?:\.pdf|/(?:abstract|full|pdf|epdf|fulltext|references))+/?\Z", re.I)
MAX_JSON_BYTES = 1024 * 1024


@HOST.claims
def claim(url: str, host: str) -> Optional[Claim]:
    if host in RESOLVERS:
        value = doi(url)
        return Claim("doi:" + value, (value, "proof")) if value else None
    if host in PUBLISHERS:
        value = embedded_doi(url)
        return Claim(f"doi:{host}/{value}", (value, "proof")) if value else None
    if host in ACL_HOSTS:
        paper = acl_id(url)
        if paper:
            return Claim(f"doi:{host}/{paper}", ("10.18653/v1/" + paper.lower(), "hint"))
    return None


def embedded_doi(url: str) -> Optional[str]:
    """The DOI a publisher URL carries in its path (lower-cased), if any."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    found = _IN_PATH.search(path)
    if not found:
        return None
    value = _SUFFIX.sub("", found.group(1).rstrip("/")).lower()
    return value if "/" in value and len(value.split("/", 1)[1]) > 0 else None


@HOST.builds
def build(ctx: "LinkContext", targets: Sequence["Target"]) -> List[Task]:
    api = ctx.setting("doi-api")
    return [DoiTask(t.key, t.url, t.ident[0], api, proof=t.ident[1] == "proof")
            for t in targets]


@HOST.politeness
def limits(settings: Mapping[str, Any]) -> Dict[str, Limits]:
    return {host_of(settings["doi-api"]): Limits(2, 0.1)}


class DoiTask(Task):
    """One DOI. ``proof``: an unregistered DOI proves the URL dead (else the page decides)."""

    def __init__(self, key: str, url: str, value: str, api: str, proof: bool = True) -> None:
        self.key, self.url, self.doi, self.proof = key, url, value, proof
        self.api_url = f"{api.rstrip('/')}/{quote(value, safe='/')}"
        self.host = host_of(api)
        self.retries = 0

    def run(self, ctx: "LinkContext") -> Decision:
        outcome = ctx.fetch("GET", self.api_url, self.host, headers={"Accept": "application/json"},
                            read_limit=MAX_JSON_BYTES)
        if outcome.status is None:
            return self._retry(ctx, f"DOI API: {outcome.error}", {}, None)
        code = _response_code(outcome.body)
        if outcome.status == 200 and code == 1:
            return self._done(Verdict.ALIVE, Why.API_FOUND, 200,
                              f"DOI {self.doi} is registered (handle API)")
        if outcome.status == 404 or code == 100:
            if not self.proof:
                return Decision(again=PageTask(self.key, self.url))
            return self._done(Verdict.DEAD, Why.API_NOT_FOUND, outcome.status,
                              f"DOI {self.doi} is not registered (handle API)")
        if code == 200:
            return self._done(Verdict.UNKNOWN, Why.API_ERROR, outcome.status,
                              f"DOI {self.doi} has no values (handle API)")
        if not retryable_status(outcome.status):
            return self._done(Verdict.UNKNOWN, why_for_status(outcome.status), outcome.status,
                              f"DOI API: HTTP {outcome.status}")
        return self._retry(ctx, f"DOI API: HTTP {outcome.status}", outcome.headers,
                           outcome.status)

    def _retry(self, ctx: "LinkContext", what: str, headers: Mapping[str, str],
               status: Optional[int]) -> Decision:
        why = Why.API_ERROR if status is None else why_for_status(status)
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: self._done(Verdict.UNKNOWN, why, status, reason))

    def _done(self, verdict: Verdict, why: Why, status: Optional[int], reason: str) -> Decision:
        return Decision(results=(result(self.key, self.url, verdict, why, status, reason),))

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return (result(self.key, self.url, Verdict.UNKNOWN, why, None, reason),)


def _response_code(body: bytes) -> Optional[int]:
    try:
        code = json.loads(body).get("responseCode")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, int) and not isinstance(code, bool) else None
