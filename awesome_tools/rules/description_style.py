"""An entry's description starts with a capital letter and ends the way the list's other
descriptions end: with a period, or (if the list writes them so) with none. Part of the
`awesome` profile (`profiles: [awesome]`).

The entries are the list items of the shape `- [Name](url) - Description`, after the table
of contents. The rule holds each description to the list's own convention, so a list is
told once where it differs from the awesome style and item by item where an entry differs
from the rest of the list:

- **casing**: a description whose first word starts with a lower-case letter, unless the
  word is a name written in lower case (`npm`, `iOS`, `jQuery`, `node.js`, the item's own
  name, a word the description goes on to define: `ct is a tool for ...`) or the description
  is written in another script, where the word is a name among other words
  (`virtualenv 的一组扩展`); when most of the list's descriptions start in lower case, one
  finding says so.
- **ending**: the list's convention is a final period when most descriptions end with one,
  or when no convention stands out (awesome-lint's style); no period when at least 60 % of
  them (and five or more) end without one. A description that ends with `!`, `?`, `…`, a
  closing parenthesis, an emoji, a link, code or a badge is left alone either way.

awesome-lint requires a period on every item; this rule asks for consistency, because a
list whose hundred descriptions all end without one is written that way on purpose.

**On by default:** no · **Severity:** warning · **Fixed by `fix`:** yes: the first letter is
capitalised; the period is added, or removed from a one-sentence description.

Bad:

```markdown
## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - a library for language-vision intelligence.
- [X-VLM](https://github.com/zengyan-97/X-VLM) - Multi-grained vision language pre-training
- [OpenCLIP](https://github.com/mlfoundations/open_clip) - An open source implementation of CLIP.
```

Good:

```markdown
## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence.
- [X-VLM](https://github.com/zengyan-97/X-VLM) - Multi-grained vision language pre-training.
- [OpenCLIP](https://github.com/mlfoundations/open_clip) - An open source implementation of CLIP.
- [pandas](https://github.com/pandas-dev/pandas) - pandas is written in lower case.
```
"""
from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import Item, items, lint_silenced, majority

RULE = Rule("description-style", "An entry's description starts with a capital letter and "
            "ends like the list's other descriptions (with a period, or consistently without).",
            severity="warning", fix="safe", tags=("entries", "awesome"), profile="awesome",
            enabled=False, docs=__doc__)

# Names written in lower case, never capitalised at the start of a description.
LOWER_CASE_NAMES = frozenset((
    "npm", "pnpm", "npx", "yarn", "webpack", "pip", "pipx", "conda", "brew", "apt", "curl",
    "wget", "jq", "vim", "neovim", "emacs", "tmux", "zsh", "bash", "fish", "git", "gulp",
    "grunt", "bower", "esbuild", "vite", "rollup", "babel", "eslint", "prettier", "pandas",
    "numpy", "scipy", "pytest", "ffmpeg", "gcc", "clang", "llvm", "rustc", "cargo", "go",
    "make", "cmake", "sed", "awk", "grep", "ls", "cd", "ssh", "ssl", "http", "https", "www",
    "macos", "ios", "ipados", "tvos", "watchos", "visionos", "iphone", "ipad", "ipod",
    "ebay", "etc", "vs", "e.g.", "i.e.",
))
_SENTENCE_END = ".!?\u2026\u3002\uff01\uff1f"
_BYLINE = lazy(r"(?:by|from|via)\s", re.I)  # "by Author": an attribution, not a sentence
_ABBREVIATION = lazy(r"(?:\b(?:etc|Inc|Ltd|Co|Corp|vs|approx|misc|al|No|e\.g|i\.e)|"
                           r"\b[A-Za-z]|\.\.|\b(?:[A-Za-z]\.)+[A-Za-z])\.\Z")
_EMOJI = lazy("[\u2190-\u21FF\u2300-\u27BF\u2B00-\u2BFF\U0001F000-\U0001FAFF"
                    "\uFE0F\u200D\u3030\u303D]")


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    silenced = lint_silenced(doc, RULE.name)
    described = [item for item in items(doc, ctx)
                 if item.separator.strip() and item.description and not silenced(item.line)
                 and not _BYLINE.match(item.description)]
    yield from _casing(doc, described)
    yield from _endings(doc, described)


# --------------------------------------------------------------------------- casing


def _first_word(item: Item) -> Optional[str]:
    words = item.description.split()
    return words[0] if words else None


_NAMED = lazy(r"\S+\s+(?:is|are|was|has)\b|\S+\s+[-\u2013\u2014:]\s")
_OTHER_SCRIPT = lazy("[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u3040-\u30ff"
                           "\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def _lower_start(item: Item) -> bool:
    """The description starts with a lower-case letter that is not a name written so."""
    word = _first_word(item)
    if not word or not ("a" <= word[0] <= "z"):
        return False
    if _NAMED.match(item.description) or _OTHER_SCRIPT.search(item.description):
        return False  # "ct is a tool", "nanomsg - ...", "virtualenv 的一组扩展": a name
    bare = word.rstrip(",;:.!?)\"'")
    if bare.lower() in LOWER_CASE_NAMES or bare.lower().split("-")[0] in LOWER_CASE_NAMES \
            or any(c.isupper() or c.isdigit() for c in bare):
        return False  # npm, iOS, jQuery, p2p
    if any(c in bare for c in "._/@#+:()[]<>=`'\u2019"):
        return False  # node.js, socket.io, `code`
    name_words = {part for part in re.split(r"[^\w]+", item.name) if part}
    if bare in name_words or bare.split("-")[0] in name_words:
        return False  # the item's own name, written in lower case
    return True


def _upper_start(item: Item) -> bool:
    word = _first_word(item) or ""
    return "A" <= word[:1] <= "Z" and word[:1] != ""


def _capitalise(doc: Document, item: Item) -> Tuple[Edit, ...]:
    if item.start < 0 or not doc.text[item.start:item.start + 1].islower():
        return ()
    return (Edit(item.start, item.start + 1, doc.text[item.start].upper()),)


def _casing(doc: Document, described: List[Item]) -> Iterator[Problem]:
    lower = [item for item in described if _lower_start(item)]
    if not lower:
        return
    upper = [item for item in described if _upper_start(item)]
    decided = ["lower"] * len(lower) + ["upper"] * len(upper)
    if majority(decided) == "lower":
        first = lower[0]
        edits = _all_or_none([_capitalise(doc, item) for item in lower])
        yield Problem(*_start(doc, first),
                      f"{len(lower)} of the list's {len(decided)} descriptions start with a "
                      f"lower-case letter (first here: '{_first_word(first)}'); the awesome "
                      "style starts them with a capital letter", fix=edits)
        return
    for item in lower:
        word = _first_word(item) or ""
        yield Problem(*_start(doc, item),
                      f"description starts with a lower-case letter: '{word}'",
                      fix=_capitalise(doc, item))


# --------------------------------------------------------------------------- endings


def ending(item: Item) -> Optional[str]:
    """``period``, ``none``, or None when the ending says nothing about the convention."""
    if item.tail != "text":
        return None  # ends with a link, code, a badge or HTML
    text = item.description.rstrip()
    stripped = text.rstrip("\"'\u201d\u2019*_")
    if not stripped:
        return None
    last = stripped[-1]
    if last in _SENTENCE_END:
        return "period" if last in ".\u3002" else None
    if not ("a" <= last.lower() <= "z" or "0" <= last <= "9" or "\u00c0" <= last <= "\u024f"):
        return None  # a parenthesis, an emoji, a symbol, another script: a person's call
    return "none"


def _removable(item: Item) -> bool:
    """A one-sentence description ending in a plain period (not an abbreviation)."""
    body = item.description.rstrip()
    if not body.endswith(".") or _ABBREVIATION.search(body):
        return False
    return not re.search(r"[.!?]\s", body[:-1])


def _endings(doc: Document, described: List[Item]) -> Iterator[Problem]:
    decided: List[Tuple[Item, str]] = []
    for item in described:
        kind = ending(item)
        if kind is not None:
            decided.append((item, kind))
    kinds = [kind for _, kind in decided]
    if majority(kinds) == "none":
        count = kinds.count("none")
        for item, kind in decided:
            if kind == "period" and _removable(item):
                fix = (Edit(item.end - 1, item.end, ""),) if item.end > 0 and \
                    doc.text[item.end - 1] == "." else ()
                yield Problem(*_end(doc, item, -1),
                              f"description ends with a period, unlike {count} of the list's "
                              f"{len(kinds)} descriptions", fix=fix)
        return
    count = kinds.count("period")
    bare = [item for item, kind in decided if kind == "none"]
    if not bare:
        return
    if len(kinds) >= 5 and majority(kinds) is None:  # no convention: say so once
        first = bare[0]
        yield Problem(*_end(doc, first),
                      f"descriptions end inconsistently: {count} of the list's {len(kinds)} "
                      f"end with a period, {len(bare)} without (first here); the awesome "
                      "style ends them with a period",
                      fix=_all_or_none([_period(doc, item) for item in bare]))
        return
    for item in bare:
        where = f", unlike {count} of the list's {len(kinds)} descriptions" if count else ""
        yield Problem(*_end(doc, item),
                      f"description does not end with a period{where}", fix=_period(doc, item))


def _start(doc: Document, item: Item) -> Tuple[int, int]:
    """Where the description starts (the item's link when that cannot be placed)."""
    return doc.position(item.start) if item.start >= 0 else (item.line, item.column)


def _end(doc: Document, item: Item, back: int = 0) -> Tuple[int, int]:
    """Just past the description's last character (on it, with ``back=-1``)."""
    return doc.position(item.end + back) if item.end > 0 else (item.line, item.column)


def _all_or_none(edits: List[Tuple[Edit, ...]]) -> Tuple[Edit, ...]:
    """A list-wide fix only when every entry it covers can be fixed: one left over would be
    reported on its own after the fix, a finding the fix created."""
    if not edits or any(not group for group in edits):
        return ()
    return tuple(edit for group in edits for edit in group)


def _period(doc: Document, item: Item) -> Tuple[Edit, ...]:
    return (Edit(item.end, item.end, "."),) if item.end > 0 else ()
