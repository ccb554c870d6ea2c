r"""A local image or file path uses backslashes (`images\Reformer.svg`). GitHub URLs use forward
slashes, so the image shows in some viewers and is broken on GitHub.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: every backslash in
the path becomes `/`.

Bad:

```markdown
#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451) [[code]](https://github.com/google/trax/tree/master/trax/models/reformer)

![Reformer: LSH attention hashes queries and keys into buckets and attends within each bucket](images\Reformer.svg)

<!-- files: images/Reformer.svg -->
```

Good:

```markdown
#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451) [[code]](https://github.com/google/trax/tree/master/trax/models/reformer)

![Reformer: LSH attention hashes queries and keys into buckets and attends within each bucket](images/Reformer.svg)

<!-- files: images/Reformer.svg -->
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._files import local_links

RULE = Rule("backslash-path", "A local path uses backslashes; GitHub URLs use forward slashes.",
            fix="safe", tags=("files",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    for link, target in local_links(doc, ctx):
        if "\\" not in target or link.dest is None:
            continue
        raw = doc.text[link.dest.start:link.dest.end]
        fixed = raw.replace("\\", "/")
        yield Problem(link.line, link.column, f"path '{raw}' uses backslashes; use '{fixed}'",
                      suggestion=fixed, fix=(Edit(link.dest.start, link.dest.end, fixed),))
