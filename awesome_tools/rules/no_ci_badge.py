"""The list's header shows no CI badge: a "build passing" badge says whether the list's own
checks ran, which tells a reader nothing about the links they came for. Part of the
`awesome` profile (`profiles: [awesome]`).

A CI badge is an image from Travis CI, CircleCI, AppVeyor, Azure Pipelines, GitLab pipelines,
Buildkite, Drone, Cirrus, Jenkins or GitHub Actions (a workflow's `badge.svg`), directly or
through shields.io, or an image titled or described as a build status. Only the header is
held to this (the title, the description and the badge row, before the first section): a
badge next to a listed project describes that project, not the list.

**On by default:** no · **Severity:** error · **Fixed by `fix`:** no: the badge row is the
maintainer's to rearrange.

Bad:

```markdown
# Awesome Transformers [![Awesome](https://awesome.re/badge.svg)](https://awesome.re) [![Build Status](https://github.com/owner/awesome-transformers/actions/workflows/ci.yml/badge.svg)](https://github.com/owner/awesome-transformers/actions)

Papers on making transformers cheaper.

## Efficient Attention
```

Good:

```markdown
# Awesome Transformers [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

Papers on making transformers cheaper.

## Efficient Attention

- [Linformer](https://github.com/tatp22/linformer-pytorch) - Linear self-attention. [![CI](https://github.com/tatp22/linformer-pytorch/actions/workflows/ci.yml/badge.svg)](https://github.com/tatp22/linformer-pytorch/actions)
```
"""
from __future__ import annotations

import re
from typing import Iterator

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import lint_silenced, preamble_end

RULE = Rule("no-ci-badge", "The list's header shows no CI (build status) badge.",
            tags=("awesome", "badges"), profile="awesome", enabled=False, docs=__doc__)

_CI_IMAGE = lazy(
    r"travis-ci\.(?:org|com)/|circleci\.com/.*(?:badge|\.svg)|ci\.appveyor\.com/api/projects/"
    r"|dev\.azure\.com/.*/_apis/build/status|visualstudio\.com/.*/_apis/build/status"
    r"|gitlab\.com/.*/badges/.*/pipeline\.svg|badge\.buildkite\.com/|cloud\.drone\.io/.*\.svg"
    r"|api\.cirrus-ci\.com/github/|/buildStatus/icon"
    r"|github\.com/[^/]+/[^/]+/(?:actions/)?workflows/[^/]+/badge\.svg"
    r"|img\.shields\.io/(?:travis|circleci|appveyor|azure-devops/build|gitlab/pipeline"
    r"|github/(?:actions/)?workflow|github/check-runs|github/checks-status|jenkins/build"
    r"|drone/build|buildkite|cirrus)/", re.I)
_CI_TEXT = lazy(r"\bbuild(?:\s+|-)?(?:status|passing|failing)\b|\bci\s+status\b", re.I)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    last = preamble_end(doc)
    silenced = lint_silenced(doc, RULE.name)
    for image in doc.images:
        if image.line > last or silenced(image.line):
            continue
        if _CI_IMAGE.search(image.url) or _CI_TEXT.search(image.text or ""):
            yield Problem(image.line, image.column, f"the list's header shows a CI badge "
                          f"({image.url}); a build status is not news to a reader of the list")
