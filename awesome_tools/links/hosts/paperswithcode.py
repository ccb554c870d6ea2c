"""paperswithcode.com, shut down: paper pages have a successor, the rest has none.

Papers with Code was closed in 2025; its paper pages now redirect to the paper's page on
Hugging Face (``huggingface.co/papers/<arXiv id>``) and everything else to a generic page.
The redirects are temporary (302) and a plain check would call every link alive. Here:

- a paper page whose redirects end on a Hugging Face paper page is ``redirected`` to it as a
  *successor* (``fix --update-redirects`` rewrites it, like a permanent move);
- anything that ends elsewhere (a listing, a front page) is ``redirected`` with the reason
  that the site is gone and there is no successor: find the paper's page or remove the link.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, List, Optional, Sequence
from urllib.parse import urljoin, urlsplit

from awesome_tools.links.hosts import Claim, LinkHost
from awesome_tools.links.tasks import PageTask
from awesome_tools.links.types import Decision, Task, Verdict, Why
from awesome_tools.urls import normalize_url

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.targets import Target

HOST = LinkHost("paperswithcode", "paperswithcode.com links read as the shut-down site "
                "redirects them (paper pages to their Hugging Face successor)")

CLAIMED = frozenset({"paperswithcode.com", "www.paperswithcode.com"})
_HF_PAPER = re.compile(r"/papers/\d{4}\.\d{4,5}/?\Z")


@HOST.claims
def claim(url: str, host: str) -> Optional[Claim]:
    if host not in CLAIMED:
        return None
    return Claim("paperswithcode:" + normalize_url(url))


@HOST.builds
def build(ctx: "LinkContext", targets: Sequence["Target"]) -> List[Task]:
    return [SuccessorTask(t.key, t.url) for t in targets]


def is_successor(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and parts.hostname == "huggingface.co" \
        and bool(_HF_PAPER.match(parts.path))


class SuccessorTask(PageTask):
    """A page check that reads where the shut-down site sends it: the first redirect off
    paperswithcode.com decides (a successor, or a generic page), without fetching it."""

    def _redirect(self, ctx: "LinkContext", status: int, location: str) -> Decision:
        target = urljoin(self.url, location.strip())
        if (urlsplit(target).hostname or "").lower() in CLAIMED:
            return super()._redirect(ctx, status, location)
        self.hops.append((status, self.url))
        if is_successor(target) and "/paper/" in urlsplit(self.start_url).path:
            return self._done(Verdict.REDIRECTED, Why.SUCCESSOR, status,
                              "paperswithcode.com was shut down; this paper now lives at its "
                              "Hugging Face page", target)
        return self._done(Verdict.REDIRECTED, Why.GENERIC, status,
                          f"paperswithcode.com was shut down and this page now leads to "
                          f"{target}, which is not a successor: link the paper's own page or "
                          "remove the link", target)
