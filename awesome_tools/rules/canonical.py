"""``canonical-url`` (opt-in): arXiv links in their one stable form, ``https://arxiv.org/abs/ID``.

PDF links, versioned links and mirror hosts (including bare IP addresses that once served
arXiv) all name the same paper; the abstract page is the form that survives and that
duplicate detection and the link checker understand best. Off by default because it changes
URLs a maintainer chose; ``fix --canonical-urls`` or ``fix: {canonical-urls: true}`` turns it on.
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.findings import Edit, Finding
from awesome_tools.model import Document
from awesome_tools.urls import canonical_arxiv
from awesome_tools.rules import finding, rule


@rule("canonical-url", "An arXiv link is a pdf, versioned or mirror link instead of "
      "https://arxiv.org/abs/ID.", severity="warning", fixable=True, enabled=False)
def canonical_url(doc: Document, ctx) -> Iterator[Finding]:
    for link in doc.links:
        if link.syntax == "reference" or link.dest is None or "arxiv" not in link.url and \
                not link.url[8:9].isdigit():
            continue
        canonical = canonical_arxiv(link.url, keep_version=False)
        if canonical is None or canonical == link.url:
            continue
        yield finding(link.line, link.column, "canonical-url",
                      f"arXiv link {link.url} has a stable form: {canonical}",
                      suggestion=canonical,
                      fix=(Edit(link.dest.start, link.dest.end, canonical),))
