"""A link whose target has moved permanently: a 301 or 308 redirect, or a renamed or
transferred GitHub repository, as recorded by the last `awesome-tools links` run in its
cache. The rule reads that cache and makes no request of its own; without a cache (or with
no redirects in it) it finds nothing. The cache is `$AWESOME_TOOLS_LINK_CACHE` (which
`fix --cache PATH` sets), else `links.cache` from the config, else
`.awesome-tools-cache/links.json` in the working directory.

**On by default:** no · **Severity:** warning · **Fixed by `fix`:** yes, opt-in: with
`fix --update-redirects` or `fix --select redirected-url`, each such URL becomes its final
target. The rule is off by default because following a redirect changes a URL the
maintainer chose; turn the check on with `rules: {redirected-url: on}` or
`check --select redirected-url`. Only real moves are offered (a permanent redirect, a
renamed repository, a shut-down site's named successor), never a redirect to a login page or
a site's front page. A target is written only when it is an http(s) URL with a plain host
name, and every character that could change the list's Markdown (brackets, parentheses,
quotes, spaces, `<`, `>`, backticks, `|`, entity-like `&...;`) is percent-encoded first: a
server cannot add links or HTML to the list through its `Location` header. It is an online rule like
[title-mismatch](#title-mismatch), but being off by default, `check --online` alone does not
run it.

Bad:

```markdown
### Platforms

#### facebook MMF

[[code]](https://github.com/facebookresearch/pythia) A modular framework for vision and language multimodal research.

<!-- redirect https://github.com/facebookresearch/pythia -> https://github.com/facebookresearch/mmf -->
```

Good:

```markdown
### Platforms

#### facebook MMF

[[code]](https://github.com/facebookresearch/mmf) A modular framework for vision and language multimodal research.

<!-- redirect https://github.com/facebookresearch/pythia -> https://github.com/facebookresearch/mmf -->
```
"""
from __future__ import annotations

import os
from typing import Dict, Iterator, Optional
from urllib.parse import quote

from awesome_tools.lazyre import lazy
from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.urls import normalize_url
from awesome_tools.rules import Problem, Rule, RuleContext


def _cache_path(ctx: RuleContext) -> Optional[str]:
    if getattr(ctx, "link_cache", None):
        return ctx.link_cache
    configured = os.environ.get("AWESOME_TOOLS_LINK_CACHE")
    if configured:
        return configured
    config = getattr(ctx, "config", None)
    section = config.section("links") if config is not None and hasattr(config, "section") else {}
    value = section.get("cache") if isinstance(section, dict) else None
    return str(value) if value else None


def redirect_targets(ctx: RuleContext) -> Dict[str, str]:
    """Normalised URL -> final URL (safe to write), from the link checker's cache."""
    from awesome_tools.links.cache import cached_redirects

    targets = {}
    for url, final in cached_redirects(_cache_path(ctx)).items():
        safe = safe_target(final)
        if safe is not None:
            targets[normalize_url(url)] = safe
    return targets


# Characters kept as they are in a written URL; everything else is percent-encoded.
_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&+,;=%")
_HOST = lazy(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
                   r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?(?::\d{1,5})?\Z")
_ENTITY = lazy(r"&(?=[#A-Za-z0-9]+;)")
_PERCENT = lazy(r"%(?![0-9A-Fa-f]{2})")


def safe_target(url: str) -> Optional[str]:
    """``url`` as it may be written into a list, or None when it must not be.

    Only http(s) URLs with a plain host name (no user name or password, no IP-literal
    brackets) and at most 2,048 characters; the rest of the URL is percent-encoded so that
    nothing in it is Markdown or HTML syntax (UTF-8 for non-ASCII characters).
    """
    if not isinstance(url, str) or len(url) > 2048:
        return None
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    split = len(rest)
    for mark in "/?#":
        found = rest.find(mark)
        if found != -1:
            split = min(split, found)
    netloc, tail = rest[:split], rest[split:]
    if not _HOST.match(netloc):
        return None
    tail = _PERCENT.sub("%25", tail)
    tail = _ENTITY.sub("%26", tail)
    encoded = "".join(char if char in _KEEP else quote(char, safe="") for char in tail)
    return f"{scheme.lower()}://{netloc}{encoded}"


RULE = Rule("redirected-url", "A link's target has moved permanently (from the `links` cache).",
            severity="warning", fix="opt-in", enabled=False, online=True, tags=("links",),
            docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    targets = redirect_targets(ctx)
    if not targets:
        return
    for link in doc.links:
        if link.dest is None or link.syntax == "reference" or not link.url.startswith("http"):
            continue
        final = targets.get(normalize_url(link.url))
        if final is None or final == link.url:
            continue
        yield Problem(link.line, link.column, f"{link.url} redirects permanently to {final}", suggestion=final,
                      fix=(Edit(link.dest.start, link.dest.end, final),))
