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
`check --select redirected-url`. It is an online rule like
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

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.urls import normalize_url
from awesome_tools.rules import Problem, Rule, RuleContext


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
    from awesome_tools.links.cache import cached_redirects

    return {normalize_url(url): final for url, final in cached_redirects(_cache_path(ctx)).items()}


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
