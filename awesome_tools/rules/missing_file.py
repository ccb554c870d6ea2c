"""A local image or file (Markdown or HTML: `![alt](path)`, `[text](path)`, `<img src>`,
`<a href>`) that does not exist. Relative paths are resolved from the list's directory, paths
starting with `/` from the repository root. GitHub serves files by exact, case-sensitive path,
so a path that differs from the file only in letter case is reported too, with the right
spelling, even on a case-insensitive file system where it looks fine. A path that leads out
of the repository, climbing above its root with `..` or through a symlink that points
elsewhere, names no file of the repository and is reported as such (and never read).

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: add the file or
correct the path.

Bad:

```markdown
#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

![Linformer: learned projections shrink keys and values from n to k rows](images/linformer.svg)

<img src="images/Longformer.png" alt="Longformer: sliding-window attention plus global attention on a few tokens" width="600">

<!-- files: images/Linformer.svg -->
```

Good:

```markdown
#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

![Linformer: learned projections shrink keys and values from n to k rows](images/Linformer.svg)

<img src="images/Longformer.svg" alt="Longformer: sliding-window attention plus global attention on a few tokens" width="600">

<!-- files: images/Linformer.svg images/Longformer.svg -->
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._files import leaves_repository, local_links, resolve

RULE = Rule("missing-file", "A local image or file that the list links to does not exist.",
            tags=("files",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    if not ctx.local_files:
        return  # a list read from a URL or stdin has no files beside it
    base, root = ctx.base_dir, ctx.root
    for link, target in local_links(doc, ctx):
        what = "image" if link.kind == "image" else "file"
        shown = target.replace("\\", "/") if "\\" in target else target
        outside = leaves_repository(target, base, root)
        if outside:
            yield Problem(link.line, link.column, f"{what} '{shown}' {outside}")
            continue
        exists, spelling = resolve(target, base, root)
        if exists:
            continue
        if spelling:
            yield Problem(link.line, link.column,
                          f"{what} '{shown}' differs only in letter case from '{spelling}' "
                          f"(GitHub paths are case-sensitive)", suggestion=spelling)
        else:
            yield Problem(link.line, link.column, f"{what} '{shown}' does not exist")
