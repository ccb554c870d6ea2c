"""A product name is written the way its makers write it: `JavaScript`, `GitHub`, `macOS`,
`Node.js`, `PostgreSQL`, `YouTube`. Part of the `awesome` profile (`profiles: [awesome]`).

Only names whose other spellings are never an ordinary word are checked (so `Go`, `Rust`,
`Swift`, `React` and `Windows` are not), in the list's own prose only: code, URLs, link
destinations, HTML, image descriptions and e-mail addresses are skipped, and so is a name
joined to a path, a package or a handle (`github.com`, `nodejs/node`, `@github`,
`vue-router`, `node_modules`). The text of a link is left alone too: it is the title of what
it links (a project, a video, a paper), which its owner may spell their way. One finding per
misspelling names every line it is on.

awesome-lint's `spell-check` knows more names, several of them only with context words
(`python` before `library`); this rule keeps to the names it can be sure of.

**On by default:** no · **Severity:** warning · **Fixed by `fix`:** yes: every occurrence in
running text is respelled. In a heading (and the table-of-contents entry that lists it) the
name is reported but left as it is: other links and rules refer to headings by their text.

Bad:

```markdown
## Platforms

- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence, on Github.
- [Transformers.js](https://github.com/huggingface/transformers.js) - Transformers in javascript, for node.js and the browser.
```

Good:

```markdown
## Platforms

- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence, on GitHub.
- [Transformers.js](https://github.com/huggingface/transformers.js) - Transformers in JavaScript, for Node.js and the browser (`npm i @huggingface/transformers`).
```
"""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import block_prose, blocks, lint_silenced

RULE = Rule("product-spelling", "A product name is spelled as its makers spell it "
            "(JavaScript, GitHub, macOS, Node.js, ...).", severity="warning", fix="safe",
            tags=("awesome", "spelling"), profile="awesome", enabled=False, docs=__doc__)

# The right spelling -> a pattern for every spelling of it (matched ignoring case). A
# spelling that differs only in case keeps the heading anchor GitHub derives from it.
NAMES: Dict[str, str] = {
    "JavaScript": "javascript", "TypeScript": "typescript", "CoffeeScript": "coffeescript",
    "GitHub": "github", "GitLab": "gitlab", "Bitbucket": "bitbucket",
    "macOS": "macos", "iOS": "ios", "iPadOS": "ipados", "watchOS": "watchos", "tvOS": "tvos",
    "Node.js": r"node\.?js", "Vue.js": r"vue\.?js", "Next.js": r"next\.?js",
    "Nuxt.js": r"nuxt\.?js", "YouTube": "youtube", "PostgreSQL": "postgresql",
    "MySQL": "mysql", "MongoDB": "mongodb", "SQLite": "sqlite", "GraphQL": "graphql",
    "WebAssembly": "webassembly", "WebSocket": "websocket", "WebRTC": "webrtc",
    "WebGL": "webgl", "WebGPU": "webgpu", "TensorFlow": "tensorflow", "PyTorch": "pytorch",
    "NumPy": "numpy", "SciPy": "scipy", "OpenAI": "openai",
    "ChatGPT": "chatgpt", "LangChain": "langchain", "Xcode": "xcode",
    "CocoaPods": "cocoapods", "SwiftUI": "swiftui", "LinkedIn": "linkedin",
    "WordPress": "wordpress", "PayPal": "paypal", "PowerShell": "powershell",
    "DigitalOcean": "digitalocean", "CircleCI": "circleci", "ImageMagick": "imagemagick",
    "Kubernetes": "kubernetes", "Linux": "linux", "Android": "android", "Ubuntu": "ubuntu",
    "arXiv": "arxiv", "Stack Overflow": "stackoverflow",
}
# Each name by the letters of its spellings (lower case, dots dropped): one dictionary look-up
# per word of prose instead of a search for every name.
_BY_KEY = {pattern.replace("\\.?", "").replace("\\", ""): name for name, pattern in NAMES.items()}
_CANDIDATE = lazy(r"[A-Za-z](?:[A-Za-z]|\.(?=[A-Za-z]))*")
_JOINED = set("-_/\\@#+~=&")  # a name joined to a path, a package, a handle or a domain
_JOINED_BEFORE_WORD = set(".:")  # github.com, node:fs; a full stop or a colon after is fine


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    silenced = lint_silenced(doc, RULE.name)
    toc_lines = range(doc.toc.line, doc.toc.end_line + 1) if doc.toc is not None else range(0)
    found: Dict[Tuple[str, str, bool], List[Tuple[int, int, int]]] = {}
    link_texts = _link_texts(doc)
    for block in blocks(doc, ctx):
        if silenced(block.line):
            continue
        named = block.kind == "heading" or block.line in toc_lines
        for (base, visible), segment in zip(block_prose(block), block.segments):
            for wrong, right, offset in _misspellings(segment.text, visible):
                start = base + offset
                line, column = doc.position(start)
                if not named and _link_text_at(link_texts, start) is not None:
                    continue  # a link's text: the title of what it links, its owner's to spell
                key = (wrong, right, named)
                found.setdefault(key, []).append((line, column, start))
    for (wrong, right, named), places in sorted(found.items(), key=lambda pair: pair[1][0][2]):
        line, column = places[0][0], places[0][1]
        lines = sorted({place[0] for place in places})
        count = (f"{len(places)} times, on lines {', '.join(map(str, lines[:8]))}"
                 f"{', ...' if len(lines) > 8 else ''}")
        if named:  # a title: reported, left to its owner
            where = " in a heading" + (f" ({count})" if len(places) > 1 else "")
            yield Problem(line, column, f"'{wrong}' is spelled '{right}'{where}",
                          suggestion=right)
            continue
        where = f" ({count})" if len(places) > 1 else ""
        yield Problem(line, column, f"'{wrong}' is spelled '{right}'{where}", suggestion=right,
                      fix=tuple(Edit(start, start + len(wrong), right) for _, _, start in places))


def _link_texts(doc: Document) -> List[Tuple[int, int, str]]:
    """(start, end, url) of the text of every inline link, sorted by start."""
    spans = []
    for link in doc.links:
        if link.kind == "link" and link.syntax == "inline" and link.dest is not None:
            start = doc.line_starts[link.line - 1] + link.column  # just past "["
            spans.append((start, link.dest.start - 2, link.url))
    spans.sort()
    return spans


def _link_text_at(spans: List[Tuple[int, int, str]], offset: int) -> Optional[str]:
    """The URL of the link whose text holds ``offset``, or None outside link texts."""
    from bisect import bisect_right

    index = bisect_right(spans, (offset, float("inf"), "")) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index][2]
    return None


def _misspellings(text: str, visible: str) -> Iterator[Tuple[str, str, int]]:
    """(as written, right spelling, offset) for each misspelled name in the prose of a line
    (``visible``: ``text`` with what is not prose blanked)."""
    for match in _CANDIDATE.finditer(visible):
        wrong = match.group(0)
        key = wrong.lower().replace(".", "")
        plural = ""
        if key not in _BY_KEY and key.endswith("s") and key[:-1] in _BY_KEY:
            key, plural = key[:-1], "s"
        right = _BY_KEY.get(key)
        if right is None or (("." in wrong) and "." not in right):
            continue
        right += plural
        start, end = match.span()
        if wrong == right or wrong.isupper():
            continue  # right, or all capitals (GITHUB in a banner, Cisco's IOS)
        before = visible[start - 1] if start else " "
        after = visible[end] if end < len(visible) else " "
        beyond = visible[end + 1] if end + 1 < len(visible) else " "
        if before.isalnum() or after.isalnum() or before in _JOINED or after in _JOINED \
                or before in _JOINED_BEFORE_WORD \
                or (after in _JOINED_BEFORE_WORD and beyond.isalnum()):
            continue
        if text[start - 1:start] == "[" and text[end:end + 1] == "]" and wrong.islower():
            continue  # a link label such as [github]
        yield wrong, right, start
