"""``redirected-url`` (opt-in, online): links whose target moved permanently.

The link checker records permanent redirects (301/308, renamed GitHub repositories) in its
cache; this rule reads that cache, so it needs a previous ``awesome-tools links`` run and no
network of its own. ``fix --update-redirects`` rewrites each such URL to its final target.
"""
from __future__ import annotations

import os
from typing import Dict, Iterator, Optional

from awesome_tools.findings import Edit, Finding
from awesome_tools.model import Document
from awesome_tools.urls import normalize_url
from awesome_tools.rules import finding, rule


def _cache_path(ctx) -> Optional[str]:
    if getattr(ctx, "link_cache", None):
        return ctx.link_cache
    configured = os.environ.get("AWESOME_TOOLS_LINK_CACHE")
    if configured:
        return configured
    config = getattr(ctx, "config", None)
    section = config.section("links") if config is not None and hasattr(config, "section") else {}
    value = section.get("cache") if isinstance(section, dict) else None
    return str(value) if value else None


def redirect_targets(ctx) -> Dict[str, str]:
    """Normalised URL -> final URL, from the link checker's cache (empty without one)."""
    from awesome_tools.linkcheck.cache import cached_redirects

    return {normalize_url(url): final for url, final in cached_redirects(_cache_path(ctx)).items()}


@rule("redirected-url", "A link's target has moved permanently (from the `links` cache).",
      severity="warning", fixable=True, enabled=False, online=True)
def redirected_url(doc: Document, ctx) -> Iterator[Finding]:
    targets = redirect_targets(ctx)
    if not targets:
        return
    for link in doc.links:
        if link.dest is None or link.syntax == "reference" or not link.url.startswith("http"):
            continue
        final = targets.get(normalize_url(link.url))
        if final is None or final == link.url:
            continue
        yield finding(link.line, link.column, "redirected-url",
                      f"{link.url} redirects permanently to {final}", suggestion=final,
                      fix=(Edit(link.dest.start, link.dest.end, final),))
