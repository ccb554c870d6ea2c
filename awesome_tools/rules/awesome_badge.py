"""The Awesome badge sits next to the main heading:
`# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)`. Part of
the `awesome` profile (`profiles: [awesome]`).

What is reported: a title without the badge; a badge elsewhere in the list (under the
title, in a badge row) instead of in the heading; a badge whose image is not one of
awesome.re's (`badge.svg`, `badge-flat.svg`, `badge-flat2.svg`), such as the old
`cdn.rawgit.com/sindresorhus/awesome/.../media/badge.svg`, which rawgit no longer serves. A
list whose title is an HTML header or a logo may carry the badge anywhere in its header
(before the first section).

**On by default:** no · **Severity:** error · **Fixed by `fix`:** yes: a badge written in
Markdown is moved to the end of the heading (unless the list links to the title's anchor,
which the badge would change), and an old badge image from sindresorhus/awesome
becomes the same badge from awesome.re; a missing badge is left to a person (it says the
list follows the awesome guidelines).

Bad:

```markdown
# Awesome Vision-Language Pre-Training

[![Awesome](https://cdn.rawgit.com/sindresorhus/awesome/d7305f38d29fed78fa85652e3a63e154dd8e8829/media/badge.svg)](https://github.com/sindresorhus/awesome)

Papers that pre-train one model on images and text.
```

Good:

```markdown
# Awesome Vision-Language Pre-Training [![Awesome](https://awesome.re/badge.svg)](https://github.com/sindresorhus/awesome)

Papers that pre-train one model on images and text.
```
"""
from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.findings import Edit
from awesome_tools.model import Document, Link
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import Title, lint_silenced, preamble_end, title

RULE = Rule("awesome-badge", "The Awesome badge (from awesome.re) sits next to the main "
            "heading.", fix="safe", tags=("awesome", "structure"), profile="awesome",
            enabled=False, docs=__doc__)

BADGE_TARGETS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
BADGE_IMAGES = ("https://awesome.re/badge.svg", "https://awesome.re/badge-flat.svg",
                "https://awesome.re/badge-flat2.svg")
# The badge image as sindresorhus/awesome served it before awesome.re (rawgit, raw files).
_OLD_IMAGE = lazy(
    r"^https?://(?:cdn\.rawgit\.com|rawgit\.com|raw\.githubusercontent\.com|cdn\.jsdelivr\.net/gh"
    r"|github\.com)/sindresorhus/awesome(?:@[^/]+)?/(?:raw/|blob/)?(?:[^/]+/)?media/"
    r"(badge(?:-flat2?)?)\.svg(?:\?raw=true)?$")
_BADGE_MARKDOWN = lazy(r"\[!\[[^\]]*\]\((?P<src>[^()\s]+)\)\]\((?P<href>[^()\s]+)\)")


def _target(url: str) -> bool:
    return url.rstrip("/").split("#")[0] in BADGE_TARGETS


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    found = title(doc, ctx)
    silenced = lint_silenced(doc, RULE.name)
    if found is None or silenced(found.line):
        return
    badges = _badges(doc)
    # next to the title: in a Markdown heading; anywhere in the header under a logo or an
    # HTML title
    last = found.end_line if found.kind == "heading" else preamble_end(doc)
    inside = [badge for badge in badges if found.line <= badge[0].line <= last]
    for _link, image in inside:
        if image.url not in BADGE_IMAGES:
            yield _bad_image(doc, image)
    if inside:
        return
    elsewhere = [badge for badge in badges if not silenced(badge[0].line)]
    if elsewhere:
        link, image = elsewhere[0]
        yield Problem(link.line, link.column, f"the Awesome badge is on line {link.line}, not "
                      f"next to the main heading (line {found.line})",
                      fix=_move(doc, found, link, image))
        return
    yield Problem(found.line, 1, "the main heading has no Awesome badge: "
                  "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)")


def _badges(doc: Document) -> List[Tuple[Link, Link]]:
    """(link, image) of every Awesome badge: an image inside a link to awesome.re or to
    sindresorhus/awesome."""
    images = [link for link in doc.links if link.kind == "image"]
    found = []
    for link in doc.links:
        if link.kind != "link":
            continue
        image = next((i for i in images if i.line == link.line and i.column > link.column
                      and (_same_badge(i) if _target(link.url) else _awesome_image(i))), None)
        if image is not None:
            found.append((link, image))
    return found


def _awesome_image(image: Link) -> bool:
    """The badge's own image, wherever its link points."""
    return image.url.split("?")[0] in BADGE_IMAGES or bool(_OLD_IMAGE.match(image.url))


def _same_badge(image: Link) -> bool:
    url = image.url.split("?")[0]
    return url in BADGE_IMAGES or bool(_OLD_IMAGE.match(image.url)) or \
        url.rsplit("/", 1)[-1].lower() in ("badge.svg", "awesome.svg", "awesome.png",
                                            "badge-flat.svg", "badge-flat2.svg")


def _bad_image(doc: Document, image: Link) -> Problem:
    old = _OLD_IMAGE.match(image.url)
    if old and image.dest is not None:
        new = f"https://awesome.re/{old.group(1)}.svg"
        return Problem(image.line, image.column, f"the badge image {image.url} is an old copy "
                       f"of awesome.re's; use {new}", suggestion=new,
                       fix=(Edit(image.dest.start, image.dest.end, new),))
    return Problem(image.line, image.column, f"the badge image {image.url} is not awesome.re's "
                   f"badge ({', '.join(BADGE_IMAGES)})")


def _move(doc: Document, found: Title, link: Link, image: Link) -> Tuple[Edit, ...]:
    """Edits that move a Markdown badge to the end of a Markdown heading (none otherwise)."""
    if found.heading is None or link.syntax != "inline" or found.line != found.end_line:
        return ()
    anchor = "#" + found.heading.anchor.lower()
    if any(other.url.lower() == anchor for other in doc.links):
        return ()  # the badge would change the title's anchor, which this list links to
    start = doc.line_starts[link.line - 1] + link.column - 1
    match = _BADGE_MARKDOWN.match(doc.text, start)
    if match is None:
        return ()
    badge = match.group(0)
    src = match.group("src")
    old = _OLD_IMAGE.match(src)
    if old:
        badge = badge.replace(src, f"https://awesome.re/{old.group(1)}.svg")
    elif src not in BADGE_IMAGES:
        return ()  # another image: moving it would only move the next finding
    removal = _removal(doc, link.line, match.start(), match.end())
    if removal is None:
        return ()
    heading_line = doc.line(found.line)
    end = doc.line_starts[found.line - 1] + len(heading_line.rstrip())
    closing = re.search(r"\s+#+\s*$", heading_line)
    if closing:
        end = doc.line_starts[found.line - 1] + closing.start()
    return (Edit(end, end, " " + badge), removal)


def _removal(doc: Document, line: int, start: int, end: int) -> Optional[Edit]:
    """The edit that takes the badge out of its line: the badge and one space beside it, or
    the whole line (and a blank line after it) when nothing else is on it."""
    line_start = doc.line_starts[line - 1]
    text = doc.line(line)
    before, after = doc.text[line_start:start], text[end - line_start:]
    if before.strip() or after.strip():
        if after.startswith(" "):
            return Edit(start, end + 1, "")
        if before.endswith(" "):
            return Edit(start - 1, end, "")
        return Edit(start, end, "")
    next_start = doc.line_starts[line] if line < len(doc.line_starts) else len(doc.text)
    stop = next_start
    if not doc.line(line - 1).strip() and line + 1 <= len(doc.line_starts) \
            and not doc.line(line + 1).strip():
        stop = doc.line_starts[line + 1] if line + 1 < len(doc.line_starts) else len(doc.text)
    return Edit(line_start, stop, "")
