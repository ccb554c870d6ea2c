"""An entry's description does not open with the entry's own name: in
`- [Linformer](url) - Linformer is a linear transformer.`, the reader has just read it. Part
of the `awesome` profile (`profiles: [awesome]`).

The name must be followed by a space or punctuation, so `[Ray](url) - Rayleigh quotient` is
fine, and badges after the link are skipped to find the description, as awesome-lint does.

**On by default:** no · **Severity:** warning · **Fixed by `fix`:** no: the sentence needs
rewording, not trimming.

Bad:

```markdown
## Efficient Attention

- [Linformer](https://github.com/tatp22/linformer-pytorch) - Linformer is a transformer with linear self-attention.
```

Good:

```markdown
## Efficient Attention

- [Linformer](https://github.com/tatp22/linformer-pytorch) - A transformer with linear self-attention.
```
"""
from __future__ import annotations

from typing import Any, Iterator

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import items, lint_silenced

RULE = Rule("description-repeats-name", "An entry's description does not start with the "
            "entry's own name.", severity="warning", tags=("awesome", "entries"),
            profile="awesome", enabled=False, docs=__doc__)

_BOUNDARY = lazy(r"[\s.,!?:;\u2019'-]|\Z")


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    silenced = lint_silenced(doc, RULE.name)
    described = [item for item in items(doc, ctx)
                 if item.separator.strip() and item.name.strip() and not silenced(item.line)]
    repeating = [item for item in described if _repeats(item)]
    if len(repeating) >= 10 and len(repeating) * 5 >= len(described):
        first = repeating[0]  # the list's way of writing: say it once
        lines = ", ".join(str(item.line) for item in repeating[1:6])
        yield Problem(first.line, first.column,
                      f"{len(repeating)} of the list's {len(described)} descriptions start with "
                      f"the entry's name (first here: '{first.name.strip()}'; also lines "
                      f"{lines}, ...)")
        return
    for item in repeating:
        yield Problem(item.line, item.column, "the description starts with the entry's name")


def _repeats(item: Any) -> bool:
    name = item.name.strip()
    description = item.description.lstrip()
    return description[:len(name)].lower() == name.lower() and \
        bool(_BOUNDARY.match(description, len(name)))
