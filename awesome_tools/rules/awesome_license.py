"""The list says under which license it may be reused: a license file in the repository
(`LICENSE`, `LICENCE`, `COPYING`, `UNLICENSE`, any case and extension), a License section,
or a link to a license (Creative Commons, opensource.org, the repository's license file).
Part of the `awesome` profile (`profiles: [awesome]`).

awesome-lint goes the other way and forbids a License section, wanting the file only; the
awesome guidelines' point is that the list has a license at all, which either way shows.

**On by default:** no · **Severity:** error · **Fixed by `fix`:** no: choosing a license is
the maintainer's decision.

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

---

To the extent possible under law, the contributors have waived all copyright to this list
([CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/)).
```
"""
from __future__ import annotations

import re
from typing import Iterator

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import lint_silenced, title
from awesome_tools.rules._repo_files import find

RULE = Rule("awesome-license", "The list has a license: a license file, a License section or "
            "a link to its license.", tags=("awesome", "repository"), profile="awesome",
            enabled=False, docs=__doc__)

_HEADING = lazy(r"licen[cs]|许可|授權|授权|ライセンス|라이선스|лицензи|licença", re.I)
_LICENSE_URL = lazy(
    r"creativecommons\.org/(?:licenses|publicdomain)/|opensource\.org/licen[cs]es?/"
    r"|choosealicense\.com/licenses/|gnu\.org/licenses/|unlicense\.org"
    r"|(?:^|/)(?:licen[cs]e|copying|unlicense)(?:[-.][\w.]+)?(?:[?#].*)?$", re.I)
STEMS = ("license", "licence", "copying", "unlicense", "license-mit", "license-apache",
         "license-cc0", "license-code", "license-content")


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    if any(_HEADING.search(h.text) for h in doc.headings):
        return
    if any(_LICENSE_URL.search(link.url.rstrip("/")) for link in doc.links):
        return
    if not ctx.local_files or find(ctx, STEMS):
        return
    found = title(doc, ctx)
    line = found.line if found is not None else 1
    if lint_silenced(doc, RULE.name)(line):
        return
    yield Problem(line, 1, "no license: add a LICENSE file (CC0-1.0 is the awesome "
                  "guidelines' choice for lists) or a License section")
