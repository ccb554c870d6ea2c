"""A link to another Markdown file of the repository (`archive/2020.md#survey`, `.md` or
`.markdown`) whose fragment matches no heading anchor and no HTML anchor of that file, with
anchors computed as GitHub renders that file. A target file that does not exist is
[missing-file](#missing-file)'s to report; `#top` and line fragments are left alone.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes, when exactly one
heading of the target file is plausibly meant (as for [broken-anchor](#broken-anchor)); the
path part of the link is kept.

Bad:

```markdown
## Vision Language Models

Papers before 2021 moved to the [2020 archive](archive/2020.md#vision-language-pretrainng).

<!-- file archive/2020.md: ## Vision-Language Pretraining -->
```

Good:

```markdown
## Vision Language Models

Papers before 2021 moved to the [2020 archive](archive/2020.md#vision-language-pretraining).

<!-- file archive/2020.md: ## Vision-Language Pretraining -->
```
"""
from __future__ import annotations

from typing import Iterator, Tuple
from urllib.parse import unquote

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._anchors import SPECIAL, SuggestionBudget, index_of
from awesome_tools.rules._files import leaves_repository, local_links, resolve

RULE = Rule("broken-file-anchor", "A link to another Markdown file of the repository names a "
            "#fragment that file does not have.", fix="safe", tags=("anchors", "files"),
            docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """``README_2.md#vision`` must match a heading of README_2.md, as GitHub renders it."""
    if not ctx.local_files:
        return
    budget = SuggestionBudget()
    for link, target in local_links(doc, ctx):
        if link.kind != "link" or "#" not in link.url or \
                not target.lower().endswith((".md", ".markdown")):
            continue
        if leaves_repository(target, ctx.base_dir, ctx.root):
            continue  # missing-file reports it; a file outside is never read
        exists, _ = resolve(target, ctx.base_dir, ctx.root)
        if not exists:
            continue  # missing-file reports it
        fragment = link.url.split("#", 1)[1]
        if not fragment or SPECIAL.match(fragment):
            continue
        base = ctx.root if target.startswith("/") else ctx.base_dir
        index = index_of((base / target.lstrip("/")).resolve())
        decoded = unquote(fragment) if "%" in fragment else fragment
        if index is None or index.resolves(decoded):
            continue
        meant, closest = index.repair(decoded, budget)
        message = f"{target} has no anchor #{fragment}"
        if closest:
            message += f" (did you mean #{closest}?)"
        fix: Tuple[Edit, ...] = ()
        if meant is not None and link.dest is not None:
            raw = doc.text[link.dest.start:link.dest.end]
            fix = (Edit(link.dest.start, link.dest.end, raw.split("#", 1)[0] + "#" + meant),)
        yield Problem(link.line, link.column, message,
                      suggestion=f"#{closest}" if closest else None, fix=fix)
