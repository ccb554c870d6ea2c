"""Every entry is written the way the list's profile says. The rule is on by default but does
nothing until the config names a profile (`entry-format: {profile: papers}` or
`{profile: awesome}`), because lists legitimately differ and a style a list never chose is
noise.

- `papers`: a paper entry has a title, a venue tag (`[CVPR 2021]`, `[arXiv 2020/03]`, or
  `"Title", ICCV, 2023` after an item's title) and a link to the paper (labelled `paper`,
  `pdf`, `arxiv` or `openreview`, or an arXiv, DOI, OpenReview, ACL Anthology or proceedings
  URL), first among its links, ahead of code and project pages. Entries in every shape the
  model reads are checked: paper headings, list items, table rows (a row without a link; a
  venue tag only where the table has a venue column; the link order is the table's),
  paragraph entries (`**Title**` with its link lines) and HTML items. A venue tag without a
  year, or written unlike the list's other tags (`AAAI2020` among `ICLR 2021`s), is reported
  too.
- `awesome`: sindresorhus's `- [Name](https://url) - Description.`, checked as awesome-lint's
  `list-item` rule checks it and reported with its messages: the link comes first (badges
  before it are allowed), its URL is absolute and its text is not empty; the description
  follows ` - `, starts with an upper-case letter (or a digit, a symbol, a quote, or an
  identifier such as `npm` or `iOS`) and ends with `.`, `!`, `?` or `…` (or a parenthetical or
  an emoji). Items without a description, items that start with text (a "Tutorials" item over
  a sub-list) and the table of contents are left alone. awesome-lint's own comments
  (`<!--lint disable awesome-list-item-->`, `enable`, `ignore`) are honoured, so a list that
  moves from awesome-lint needs no edits.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: the missing tag or
link, or the wording, takes a person.

Bad:

```markdown
<!-- config: entry-format: {profile: papers} -->

### Efficient Transformers

#### Linformer: Self-Attention with Linear Complexity

[[code]](https://github.com/tatp22/linformer-pytorch) [[paper]](https://arxiv.org/abs/2006.04768)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[code]](https://github.com/google/trax/tree/master/trax/models/reformer)
```

Good:

```markdown
<!-- config: entry-format: {profile: papers} -->

### Efficient Transformers

#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451) [[code]](https://github.com/google/trax/tree/master/trax/models/reformer)
```

Bad:

```markdown
<!-- config: entry-format: {profile: papers} -->

## Datasets

| Name | Venue | Paper |
|------|-------|-------|
| LRS2 | TPAMI 2018 | [paper](https://arxiv.org/abs/1611.05358) |
| LRW | ACCV | |
```

Good:

```markdown
<!-- config: entry-format: {profile: papers} -->

## Datasets

| Name | Venue | Paper |
|------|-------|-------|
| LRS2 | TPAMI 2018 | [paper](https://arxiv.org/abs/1611.05358) |
| LRW | ACCV 2016 | [paper](https://www.robots.ox.ac.uk/~vgg/publications/2016/Chung16/chung16.pdf) |
```

Bad:

```markdown
<!-- config: entry-format: {profile: awesome} -->

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) a modular framework for vision and language research
- [LAVIS](https://github.com/salesforce/LAVIS) - a library for language-vision intelligence
```

Good:

```markdown
<!-- config: entry-format: {profile: awesome} -->

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence.
```
"""
from __future__ import annotations

# ``entry-format``: every entry written the way the list's profile says.
#
# Off unless the config names a profile (``entry-format: {profile: awesome|papers}``), because
# lists legitimately differ and a style a list never chose is noise.
#
# ``awesome``
#     sindresorhus's ``- [Name](https://url) - Description.``, checked as awesome-lint's
#     ``list-item`` rule checks it and reported with its messages, so lists that move from
#     awesome-lint keep their vocabulary: the link comes first (badges before it are allowed),
#     its URL is absolute and its text non-empty; the description follows `` - ``, starts with
#     an upper-case letter (or a digit, a symbol, a quote, an identifier such as ``npm`` or
#     ``iOS``) and ends with ``.``, ``!``, ``?`` or ``…`` (or a parenthetical or an emoji). An item
#     with no description, an item that starts with text ("Tutorials" over a sub-list) and the
#     table of contents (the lists before the first heading after ``## Contents``) are left alone.
# ``papers``
#     a paper entry has a title, a venue tag (``[CVPR 2021]``, ``arXiv 2020/03``, ``"Title",
#     ICCV, 2023``) and a paper link, first among its links, ahead of code and project pages.

import re
import unicodedata
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from awesome_tools.model import Document, Entry, Link
from awesome_tools.urls import acl_id, arxiv_id, doi, openreview_id
from awesome_tools.venues import url_evidence
from awesome_tools.config.schema import Option, Section, choice
from awesome_tools.rules import Problem, Rule, RuleContext

NAME = "entry-format"
PROFILES = ("awesome", "papers")


SECTION = Section("entry-format", (
    Option("profile", choice(*PROFILES), None, "awesome or papers"),
))
RULE = Rule(NAME, "Entries follow the configured profile: `awesome` (`- [Name](url) - "
            "Description.`) or `papers` (title, venue tag, paper link first).",
            section=SECTION, tags=("entries",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    profile = ctx.options.get("profile")
    if profile == "papers":
        yield from check_papers(doc, ctx)
    elif profile == "awesome":
        yield from check_awesome(doc)


# --------------------------------------------------------------------------- papers

PAPER_LABELS = ("paper", "pdf", "arxiv", "openreview")


def is_paper_link(label: str, link: Link) -> bool:
    """A link to the paper itself: labelled so, or an arXiv, DOI, OpenReview, ACL or
    proceedings URL."""
    url = link.url
    return label in PAPER_LABELS or bool(
        arxiv_id(url) or doi(url) or openreview_id(url) or acl_id(url) or url_evidence(url))


def paper_problems(entry: Entry, has_tag: bool, tag_wanted: bool = True) -> List[str]:
    """What a `papers`-profile entry lacks, in reading order. A table row's links sit in its
    columns, so their order is the table's, not the row's choice."""
    problems = []
    if not entry.title.strip():
        problems.append("paper entry has no title")
    if not has_tag and tag_wanted:
        problems.append("paper entry has no venue tag (such as [CVPR 2021] or [arXiv 2020/03])")
    links = [(label, link) for label, link in entry.links if label != "badge"]
    papers = [index for index, (label, link) in enumerate(links) if is_paper_link(label, link)]
    if not links:
        problems.append("table row has no link" if entry.kind == "row"
                        else "paper entry has no link")
    elif not papers:
        found = ", ".join(dict.fromkeys(label for label, _ in links))
        problems.append(f"paper entry has no paper link (only {found})")
    elif papers[0] != 0 and entry.kind != "row":
        problems.append(f"the paper link should come first, before [{links[0][0]}]")
    return problems


# The written form of a venue tag, to compare an entry's tag with the list's usual form:
# ``CVPR 2021`` and ``arXiv 2020/03`` are ``V Y``; ``CVPR'21`` is ``V'y``; ``CVPR, 2021`` is
# ``V, Y``; ``(ICLR 2021)`` is ``(V Y``. Only the first tag counts, up to its year.
_TAG_YEAR = re.compile(r"(?:19|20)\d\d(?:[/.\-]\d{1,2})?|'\d\d\b")
_TAG_WORD = re.compile(r"[A-Za-z][A-Za-z&+.\-]*")
_TAG_WORDS = re.compile(r"V(?:\s+V)+")


def tag_form(venue: str) -> str:
    """The shape of a tag as written (``V Y``, ``V'y``, ``V, Y``), ``?`` without a year."""
    text = venue.strip()
    year = _TAG_YEAR.search(text)
    if year is None:
        return "?"
    head = _TAG_WORDS.sub("V", _TAG_WORD.sub("V", text[:year.start()]))
    return head + ("'y" if year.group().startswith("'") else "Y")


def check_papers(doc: Document, ctx) -> Iterator[Problem]:
    from awesome_tools.rules._venue import entries_with_tags, entry_tags, venue_table

    table = venue_table(ctx)
    entries = entries_with_tags(doc, table)
    tagged_sections = {entry.section for entry in entries if entry.venue}
    usual = _usual_forms(entries)
    for entry in entries:
        # a tag with a year is a tag, whether or not the venue table knows the venue; a
        # table without a venue column asks for no tag in its rows
        has_tag = bool(entry.venue) or bool(entry_tags(doc, entry, table))
        wanted = entry.kind != "row" or entry.section in tagged_sections
        for message in paper_problems(entry, has_tag, wanted):
            yield Problem(entry.line, entry.column, message)
        message = _tag_form_problem(entry, usual)
        if message:
            yield Problem(entry.line, entry.column, message)


def _usual_forms(entries) -> dict:
    """Per entry shape, the tag form most of its tagged entries use, when most of them (four
    in five, five at least) agree."""
    forms: dict = {}
    for entry in entries:
        if entry.venue and len(entry.venue) <= 40:  # a citation's venue is no tag
            forms.setdefault(entry.kind, []).append(tag_form(entry.venue))
    usual = {}
    for kind, seen in forms.items():
        best = max(set(seen), key=seen.count)
        if len(seen) >= 5 and seen.count(best) * 5 >= len(seen) * 4:
            usual[kind] = best
    return usual


def _tag_form_problem(entry: Entry, usual: dict) -> str:
    """A venue tag without a year, or written unlike the list's other tags of its shape."""
    if not entry.venue or len(entry.venue) > 40:
        return ""
    form = tag_form(entry.venue)
    if form == "?":
        return f"venue tag '{entry.venue}' has no year (such as CVPR 2021 or arXiv 2020/03)"
    expected = usual.get(entry.kind)
    if expected and form != expected:
        return (f"venue tag '{entry.venue}' is written unlike the list's other tags "
                f"({_FORM_EXAMPLES.get(expected, expected)})")
    return ""


_FORM_EXAMPLES = {"V Y": "such as CVPR 2021", "V'y": "such as CVPR'21",
                  "V, Y": "such as CVPR, 2021", "(V Y": "such as (CVPR 2021)",
                  "[V Y": "such as [CVPR 2021]"}


# --------------------------------------------------------------------------- awesome

_PUNCT = "[.!?\u2026]"
_EMOJI_CHARS = ("\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
                "\u3030\u303D\u3297\u3299\u00A9\u00AE\u203C\u2049\u2122\u2139\u24C2")
_EMOJI = re.compile(f"[{_EMOJI_CHARS}]")
_EMOJI_TAIL = re.compile("[\uFE0E\uFE0F\u200D\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]+$")
_ONLY_EMOJI = re.compile(f"[{_EMOJI_CHARS}\uFE0E\uFE0F\u200D\u20E3\U0001F3FB-\U0001F3FF\\s]*")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\Z")
_IDENTIFIERS = frozenset({"npm"})
_LINK_CHILDREN = frozenset({"text", "emphasis", "strong", "inlineCode", "image"})
_DESCRIPTION_NODES = frozenset({"emphasis", "footnoteReference", "html", "image", "inlineCode",
                                "link", "strong", "text"})
_SUFFIX_NODES = frozenset({"emphasis", "html", "image", "link", "strong", "text"})
_NO_SPACE_MARKER = re.compile(r"[-*+]\[[^\]]*\]\(")


class Node:
    """An inline node shaped like mdast's (text, link, emphasis, inlineCode...)."""

    __slots__ = ("type", "text", "url", "children")

    def __init__(self, kind: str, text: str = "", url: str = "",
                 children: Sequence["Node"] = ()) -> None:
        self.type = kind
        self.text = text  # the plain text (toString), code spans with their backticks
        self.url = url
        self.children = list(children)


_OPEN = {"link_open": "link", "em_open": "emphasis", "strong_open": "strong",
         "s_open": "delete"}


def inline_nodes(tokens) -> List[Node]:
    """markdown-it inline children -> top-level mdast-like nodes, adjacent text merged."""
    nodes: List[Node] = []
    # Adjacent text is joined once at the end: appending to a node's text token by token
    # copies it each time (a run of thousands of escapes or entities).
    pieces: Dict[int, List[str]] = {}
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in _OPEN:
            close = kind.replace("_open", "_close")
            depth, end = 1, index + 1
            while end < len(tokens) and depth:
                depth += (tokens[end].type == kind) - (tokens[end].type == close)
                end += 1
            children = inline_nodes(tokens[index + 1:end - 1])
            text = "".join(child.text for child in children)
            url = token.attrGet("href") or "" if kind == "link_open" else ""
            nodes.append(Node(_OPEN[kind], text, url, children))
            index = end
            continue
        if kind in ("text", "text_special", "softbreak", "hardbreak", "entity"):
            value = "\n" if kind.endswith("break") else token.content
            if nodes and nodes[-1].type == "text":
                pieces.setdefault(id(nodes[-1]), [nodes[-1].text]).append(value)
            else:
                nodes.append(Node("text", value))
        elif kind == "code_inline":
            nodes.append(Node("inlineCode", token.markup + token.content + token.markup))
        elif kind == "image":
            nodes.append(Node("image", "", token.attrGet("src") or ""))
        elif kind == "html_inline":
            nodes.append(Node("html", ""))
        else:
            nodes.append(Node(kind, token.content))
        index += 1
    for node in nodes:
        if id(node) in pieces:
            node.text = "".join(pieces[id(node)])
    return [node for node in nodes if node.type != "text" or node.text]


_TAIL_CHARS = "\uFE0E\uFE0F\u200D\u20E3" + "".join(
    chr(code) for codes in (range(0x1F3FB, 0x1F400), range(0xE0020, 0xE0080)) for code in codes)


def _strip_emoji_tail(text: str) -> str:
    """``_EMOJI_TAIL.sub("", text)``: the trailing run of modifiers and joiners removed (before
    a final newline, as ``$`` allows), without a search that rescans a long run from each of
    its characters."""
    if text.endswith("\n"):
        return text[:-1].rstrip(_TAIL_CHARS) + "\n"
    return text.rstrip(_TAIL_CHARS)


def _ends_with_emoji(text: str) -> bool:
    stripped = _strip_emoji_tail(text.rstrip())
    return bool(stripped) and bool(_EMOJI.match(stripped[-1]))


def _words(text: str) -> List[str]:
    return [word for word in re.split(r"[- ;./]", text) if word]


def _special_case(description: str) -> bool:
    """Descriptions awesome-lint accepts without a dash: emoji only, or one parenthetical."""
    if description.startswith(" - "):
        return False
    text = _EMOJI.sub("", description)
    text = _strip_emoji_tail(text).strip()
    if not text or not _ONLY_EMOJI.sub("", text):
        return True
    return bool(re.match(r"\s\([^)]+\)\s*\Z", description) or re.match(r"\([^)]+\)\Z", text))


def valid_suffix(description: str, suffix: str) -> bool:
    """Whether the description ends properly (punctuation, a closing quote after it, a
    parenthetical, an emoji); a description that is one code span never does."""
    if _one_code_span(description):
        return _three_backticks(description)
    if re.search(f"(?<=[\"\u201d]){_PUNCT}+\\Z", description):
        return not re.search(f"{_PUNCT}[\"\u201d]{_PUNCT}+\\Z", description)
    if re.search(f"{_PUNCT}[\"\u201d]?\\Z", description):
        return True
    if not re.search(_PUNCT, description):
        words = _words(description)
        if len(words) > 2 or not words or not _ends_with_emoji(words[-1]):
            return False
    return bool(re.search(r"\)\s*\Z", suffix)) or _ends_with_emoji(suffix)


_PUNCT_CHARS = ".!?\u2026"


def _one_code_span(description: str) -> bool:
    """``re.match("`.*P*`P*\\Z")``, P the sentence punctuation: a backtick first, one last but
    for trailing punctuation, no line break between. Written out because the pattern
    backtracks quadratically on a long run of punctuation."""
    body = description.rstrip(_PUNCT_CHARS)
    return len(body) >= 2 and body[0] == "`" and body[-1] == "`" and "\n" not in body


def _three_backticks(description: str) -> bool:
    """``re.match("`.+`.+`.+\\Z")``: a backtick first and two more, each after at least one
    character and the last before one, on one line."""
    if "\n" in description or description[:1] != "`":
        return False
    second = description.find("`", 2)
    return second >= 0 and description.find("`", second + 2, len(description) - 1) >= 0


def _latin_lower(char: str) -> bool:
    """Only Latin letters are held to the rule, as awesome-lint does (not Greek, Armenian...)."""
    return char.islower() and unicodedata.name(char, "").startswith("LATIN SMALL")


def valid_casing(text: str) -> Optional[str]:
    """The casing problem of a description's first word, or None."""
    words = text.split()
    if not words:
        return "List item description must start with a non-empty string"
    word = words[0]
    if not _latin_lower(word[0]):
        return None  # upper case, a digit, a symbol, a quote, or another script
    if any(char.isupper() or char.isdigit() for char in word) or word in _IDENTIFIERS:
        return None  # camelCase, iOS, macOS, p2p, npm
    return "List item description must start with valid casing"


def _skip_badges(nodes: List[Node]) -> List[Node]:
    """Drop leading images and image links (badges) and the spaces between them."""
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if node.type == "image" or (node.type == "link" and node.children
                                    and all(child.type == "image" for child in node.children)):
            index += 1
        elif node.type == "text" and not node.text.strip() and index:
            index += 1
        else:
            break
    if index and index < len(nodes) and nodes[index].type == "link":
        return nodes[index:]
    return nodes


def _skip_trailing_badges(description: List[Node]) -> List[Node]:
    """``[foo](u) ![stars](badge) - Description.``: badges between link and dash are fine."""
    index = 0
    while index < len(description) and (description[index].type == "image" or (
            description[index].type == "text" and not description[index].text.strip())):
        index += 1
    if 0 < index < len(description) and any(node.type == "image"
                                            for node in description[:index]):
        return description[index:]
    return description


def item_problem(nodes: List[Node]) -> Optional[str]:
    """awesome-lint's verdict on one list item's first paragraph, or None when it is fine."""
    if not nodes:
        return "Invalid list item"
    nodes = _skip_badges(nodes)
    link, description = nodes[0], _skip_trailing_badges(nodes[1:])
    if link.type == "text":
        return None  # "Tutorials" over a sub-list, or prose
    problem = _link_problem(link)
    if problem or not description:
        return problem
    return _description_problem(description)


def _link_problem(link: Node) -> Optional[str]:
    if link.type != "link":
        return "Invalid list item link"
    if not _URL.match(link.url.strip()):
        return "Invalid list item link URL"
    if not link.text.strip():
        return "Invalid list item link text"
    if any(child.type not in _LINK_CHILDREN for child in link.children):
        return "Invalid list item link"
    return None


def _description_problem(description: List[Node]) -> Optional[str]:
    prefix, suffix = description[0], description[-1]
    text = "".join(node.text if node.type != "image" else "" for node in description)
    if _special_case(text):
        return None
    if prefix.type != "text" or not (prefix.text.startswith(" - ") or (
            _ends_with_emoji(prefix.text) and len(description) == 1)):
        if re.match("[\\s\u00a0]-[\\s\u00a0]", prefix.text) and prefix.type == "text":
            return "List item link and description separated by invalid whitespace"
        if re.match("\\s*[\u2014\u2013]", prefix.text) and prefix.type == "text":
            return "List item link and description separated by invalid en-dash"
        return "List item link and description must be separated with a dash"
    if suffix.type not in _SUFFIX_NODES:
        return "List item description must end with proper punctuation"
    body = text[3:] if text.startswith(" - ") else text
    if suffix.type == "text" and not valid_suffix(body, suffix.text):
        return "List item description must end with proper punctuation"
    for node in description:
        if node.type not in _DESCRIPTION_NODES:
            return "List item description contains invalid markdown"
    first = prefix.text[3:]
    if len(description) > 1 and not first.strip():
        return None  # starts with code or a link: nothing to case
    return valid_casing(first)


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _scope_start(tokens) -> int:
    """Index of the first token to check: after the heading that follows ``## Contents``."""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" \
                and tokens[index + 1].content.strip() == "Contents":
            for later in range(index + 3, len(tokens)):
                if tokens[later].type == "heading_open":
                    return later
            return len(tokens)
    return 0


def awesome_items(text: str, toc_lines: range = range(0)
                  ) -> Iterator[Tuple[int, int, Optional[str]]]:
    """(line, column, problem) for each list item in scope, and for ``-[x](u)`` lines."""
    tokens = _parser().parse(text)
    lines = text.splitlines()
    depth = 0
    control = _LintControl()
    for index in range(_scope_start(tokens), len(tokens)):
        token = tokens[index]
        control.see(token)
        if token.type == "list_item_open":
            depth += 1
            line = token.map[0] + 1 if token.map else 0
            if line in toc_lines or control.silenced:
                continue
            column = _content_column(lines[line - 1]) if 0 < line <= len(lines) else 1
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if after is None or after.type != "paragraph_open":
                yield line, column, "Invalid list item"
                continue
            yield line, column, item_problem(inline_nodes(tokens[index + 2].children or []))
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline" and token.map and not control.silenced:
            yield from _missing_space(token, top_level=not depth)


def _missing_space(token, top_level: bool) -> Iterator[Tuple[int, int, Optional[str]]]:
    """``-[Name](url) - ...`` lines: meant as items, parsed as text (a paragraph of its own, or
    a lazy continuation of the item above, which then swallows them)."""
    for offset, line in enumerate(token.content.split("\n")):
        if (offset or top_level) and _NO_SPACE_MARKER.match(line):
            yield token.map[0] + 1 + offset, 1, "List item marker must be followed by a space"


_LINT_COMMENT = re.compile(r"<!--\s*lint\s+(disable|enable|ignore)\b([^>]*?)-->", re.S)
_LINT_OPENING = re.compile(r"<!--\s*lint\s+(disable|enable|ignore)\b")


def lint_comments(text: str) -> List[Tuple[str, str]]:
    """``_LINT_COMMENT.findall(text)`` in one pass: the comment ends at the first ``>`` after
    its keyword, which must be that of ``-->``. (The pattern rescans to the end of the text
    from every unclosed ``<!-- lint disable``.)"""
    found = []
    position = 0
    close = -2  # the first ">" at or after the last keyword end looked at (-1: none)
    while True:
        opening = _LINT_OPENING.search(text, position)
        if opening is None:
            return found
        end = opening.end()
        if close != -1 and close < end:
            close = text.find(">", end)
        if close >= end + 2 and text[close - 2:close] == "--":
            found.append((opening.group(1), text[end:close - 2]))
            position = close + 1
        else:
            position = opening.start() + 1


class _LintControl:
    """awesome-lint's own comments (``<!--lint disable awesome-list-item-->``, ``enable``,
    ``ignore`` for the next list), honoured so lists that used awesome-lint need no edits."""

    def __init__(self) -> None:
        self.disabled = False
        self.ignore_next = False
        self.ignoring = 0  # nesting depth of the ignored list

    @property
    def silenced(self) -> bool:
        return self.disabled or self.ignoring > 0

    def see(self, token) -> None:
        if token.type in ("html_block", "html_inline"):
            for kind, names in lint_comments(token.content):
                if names.strip() and "list-item" not in names:
                    continue
                if kind == "ignore":
                    self.ignore_next = True
                else:
                    self.disabled = kind == "disable"
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            if self.ignoring or self.ignore_next:
                self.ignoring += 1
                self.ignore_next = False
        elif token.type in ("bullet_list_close", "ordered_list_close") and self.ignoring:
            self.ignoring -= 1


def _content_column(line: str) -> int:
    match = re.match(r"\s*(?:[-*+]|\d{1,9}[.)])\s*", line)
    return (match.end() if match else 0) + 1


def check_awesome(doc: Document) -> Iterator[Problem]:
    toc_lines = range(doc.toc.line, doc.toc.end_line + 1) if doc.toc is not None else range(0)
    for line, column, problem in awesome_items(doc.text, toc_lines):
        if problem:
            yield Problem(line, column, problem)
