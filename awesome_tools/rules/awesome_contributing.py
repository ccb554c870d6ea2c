"""The list tells contributors how to take part: a Contributing section in the list, or a
contributing file in the repository (`CONTRIBUTING.md` at the root, in `.github/` or in
`docs/`, any case, any extension), or a link to one. Part of the `awesome` profile
(`profiles: [awesome]`).

An empty contributing file does not count. awesome-lint asks for the file only; a section of
the list says the same to a reader who never opens the repository, so either is enough here.

**On by default:** no · **Severity:** error · **Fixed by `fix`:** no: the rules of a list are
its maintainer's to write.

Bad:

```markdown
# Awesome Transformers

Papers on making transformers cheaper.

## Efficient Attention

- [Linformer](https://arxiv.org/abs/2006.04768) - Self-attention with linear complexity.
```

Good:

```markdown
# Awesome Transformers

Papers on making transformers cheaper.

## Efficient Attention

- [Linformer](https://arxiv.org/abs/2006.04768) - Self-attention with linear complexity.

## Contributing

Open a pull request that adds the paper with its venue and abstract page.
```
"""
from __future__ import annotations

import re
from typing import Iterator

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import lint_silenced, title
from awesome_tools.rules._repo_files import find, is_empty

RULE = Rule("awesome-contributing", "The list has a Contributing section or a contributing "
            "file.", tags=("awesome", "repository"), profile="awesome", enabled=False,
            docs=__doc__)

# Words of a contributing heading or link, in the languages of real lists.
_CONTRIBUTE = lazy(r"contribu|贡献|貢献|参与|기여|участ|как помочь", re.I)
_FILE = lazy(r"(?:^|/)contributing(?:\.[\w.]+)?(?:[?#].*)?$", re.I)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    if any(_CONTRIBUTE.search(h.text) for h in doc.headings):
        return
    if any(link.kind == "link" and _FILE.search(link.url.rstrip("/")) for link in doc.links):
        return
    if not ctx.local_files:
        return  # the list is not on disk beside its repository: nothing to look at
    files = find(ctx, ("contributing",))
    found = title(doc, ctx)
    line = found.line if found is not None else 1
    if lint_silenced(doc, RULE.name)(line):
        return
    full = [path for path in files if is_empty(path) is False]
    if full:
        return
    if files:
        yield Problem(line, 1, f"{files[0].name} is empty: say how to add to the list")
        return
    yield Problem(line, 1, "no Contributing section and no CONTRIBUTING.md: say how to add to "
                  "the list")
