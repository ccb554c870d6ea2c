"""Quotes and brackets that open also close, within the paragraph, heading or table cell
they are in: curly quotes (`“…”`, `‘…’`), straight double quotes, and the CJK brackets
`「」『』《》【】（）`. Part of the `awesome` profile (`profiles: [awesome]`).

Code, URLs, HTML and link destinations are not read. An apostrophe is not a quote: `’` or
`'` inside or at the end of a word (`don’t`, `students’`) and before a digit (`’90s`), and
a straight `"` after a digit is an inch mark (`13" laptop`). A quote that cannot be placed
with certainty is left alone, so each finding is a real stray character.

**On by default:** no · **Severity:** warning · **Fixed by `fix`:** no: whether a quote is
missing or one too many takes a person.

Bad:

```markdown
## Analysis

- [Behind the Scene](https://arxiv.org/abs/2005.07310) - Asks “what do pre-trained vision-and-language models learn?
```

Good:

```markdown
## Analysis

- [Behind the Scene](https://arxiv.org/abs/2005.07310) - Asks “what do pre-trained vision-and-language models learn?” and probes them.
- [Are we pretraining it right?](https://arxiv.org/abs/2004.08744) - Revisits the ’90s idea of 13" screens and the students’ view.
```
"""
from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import block_prose, blocks, lint_silenced

RULE = Rule("balanced-punctuation", "Quotes and brackets that open also close (curly and "
            "straight quotes, CJK brackets).", severity="warning",
            tags=("awesome", "spelling"), profile="awesome", enabled=False, docs=__doc__)

PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", "\u300e": "\u300f", "\uff08": "\uff09",
         "\u300a": "\u300b", "\u300c": "\u300d", "\u3010": "\u3011"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return _word(before) or after.isdigit()


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    silenced = lint_silenced(doc, RULE.name)
    for block in blocks(doc, ctx):
        if silenced(block.line):
            continue
        offsets: List[int] = []
        marks: List[Tuple[str, bool]] = []  # (character, could be an apostrophe or inch mark)
        for offset, visible in block_prose(block):
            for index, char in enumerate(visible):
                if char in PAIRS or char in CLOSERS or char == '"':
                    loose = (char == "\u2019" and _apostrophe(visible, index)) or (
                        char == '"' and index > 0 and visible[index - 1].isdigit())
                    offsets.append(offset + index)
                    marks.append((char, loose))
        problem = _unbalanced(marks)
        if problem is not None:
            position, message = problem
            line, column = doc.position(offsets[position])
            yield Problem(line, column, message)


def _unbalanced(marks: List[Tuple[str, bool]]) -> Optional[Tuple[int, str]]:
    """(index, message) of the first quote or bracket left unmatched, or None. A ’ that could
    be an apostrophe closes an open ‘ and is otherwise skipped; a " after a digit closes an
    open " and is otherwise an inch mark."""
    stack: List[Tuple[int, str]] = []
    straight: Optional[int] = None
    for index, (char, loose) in enumerate(marks):
        if char == '"':
            if straight is None and loose:
                continue  # 13" screen
            straight = index if straight is None else None
        elif char in PAIRS:
            stack.append((index, char))
        elif char in CLOSERS:
            opening = CLOSERS[char]
            if stack and stack[-1][1] == opening:
                stack.pop()
            elif any(open_ == opening for _, open_ in stack):
                while stack and stack[-1][1] != opening:
                    stack.pop()
                stack.pop()
            elif not loose:
                return index, f"closing {char} without an opening {opening}"
    if stack:
        index, char = stack[0]
        return index, f"{char} is never closed (no {PAIRS[char]} after it)"
    if straight is not None:
        return straight, 'a straight " is never closed'
    return None
