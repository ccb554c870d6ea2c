"""The same paper or resource listed twice. Entries are list items (`- [Name](url) -
Description.`) and paper headings followed by a link line (`#### Title [Venue]` then
`[[paper]](url) [[code]](url)`). Two entries are the same when their primary links (the paper
link, else the first link) normalise to the same key, or when their titles match after case
and punctuation are ignored (titles of at least four words). URL normalisation ignores the
scheme, `www.`, a trailing slash and host case; treats GitHub owner and repository names
case-insensitively; maps arXiv abs, pdf, versioned and mirror links (including bare IP
mirrors) to the paper, OpenReview forum and pdf links to the submission, and the forms of a
DOI to the DOI. TOC links and other in-page links never count. The finding sits at the later
entry and names the first (the JSON and SARIF output carry its line as `related`). URLs
listed under `duplicates.allow` in the config are never reported.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: which copy to keep,
and where, is an editor's choice.

Bad:

```markdown
### Survey

#### Pre-trained Models for Natural Language Processing: A Survey [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2003.08271)

#### A Survey on Contextual Embeddings [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2003.07278)

### More surveys

#### Pre-trained Models for NLP [arXiv 2020]

[[paper]](https://arxiv.org/pdf/2003.08271v4.pdf)
```

Bad:

```markdown
## Vision Language Models

- [Deep Multimodal Representation Learning: A Survey](https://ieeexplore.ieee.org/document/8715409) - IEEE Access 2019.

## Transformer

- [Deep multimodal representation learning: a survey](https://doi.org/10.1109/ACCESS.2019.2916887) - IEEE Access 2019.
```

Good:

```markdown
### Survey

#### Pre-trained Models for Natural Language Processing: A Survey [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2003.08271)

#### A Survey on Contextual Embeddings [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2003.07278)

#### A Survey on Visual Transformer [arXiv 2020/12]

[[paper]](https://arxiv.org/abs/2012.12556)
```
"""
from __future__ import annotations

import re
from typing import Dict, Iterator, Tuple

from awesome_tools.config.schema import Option, Section, strings
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.urls import normalize_url

# Two entries are the same when their identifying URLs normalise to the same key (arXiv
# abs/pdf/version/mirror, OpenReview forum/pdf, DOI forms, GitHub case, scheme, `www.`,
# trailing slash) or when their titles match after case and punctuation are ignored. Only each
# entry's primary link counts (the paper link, else the first link), so a description that
# mentions another project, a TOC link or a "back to top" link never makes a duplicate. The
# finding sits at the later entry and names the first.

SECTION = Section("duplicates", (
    Option("allow", strings, (), "URLs never reported as duplicates"),
))
RULE = Rule("duplicate-entry", "The same paper or resource is listed twice.",
            section=SECTION, tags=("entries",), docs=__doc__)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_TITLE_WORDS = 4  # shorter titles ("Other", "Tools") are names, not identities


def title_key(title: str) -> str:
    if title.count(" ") < MIN_TITLE_WORDS - 1:
        return ""  # fewer spaces than words needed: a name, not a title (and no regex spent)
    words = _WORD.findall(title.casefold())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else ""


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    allowed = frozenset(normalize_url(url) for url in ctx.options.get("allow", ()))
    by_url: Dict[str, Tuple[int, str]] = {}
    by_title: Dict[str, Tuple[int, str]] = {}
    for entry in doc.entries:
        url_key = ""
        if entry.primary is not None and not entry.primary.url.startswith("#"):
            url_key = normalize_url(entry.primary.url)
            if url_key in allowed:
                url_key = ""
        key_title = title_key(entry.title)
        first = by_url.get(url_key) if url_key else None
        how = "links the same resource"
        if first is None and key_title:
            first = by_title.get(key_title)
            how = "has the same title"
        if first is not None:
            line, title = first
            yield Problem(entry.line, entry.column,
                          f"'{_short(entry.title)}' {how} as the entry at line {line} "
                          f"('{_short(title)}')", related=line)
            continue
        if url_key:
            by_url.setdefault(url_key, (entry.line, entry.title))
        if key_title:
            by_title.setdefault(key_title, (entry.line, entry.title))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
