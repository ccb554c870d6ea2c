"""``empty-link``: links that go nowhere or show nothing.

``[text]()`` and ``[text](#)`` render as links that do nothing useful; ``[](url)`` renders
as an invisible link. Images are not links here: an image without alt text is another matter.
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.findings import Finding
from awesome_tools.model import Document
from awesome_tools.rules import finding, rule


@rule("empty-link", "A link with no destination, only '#', or no text.")
def empty_link(doc: Document, ctx) -> Iterator[Finding]:
    for link in doc.links:
        if link.kind != "link" or link.syntax not in ("inline", "reference", "html"):
            continue
        url = link.url.strip()
        if not url or url == "#":
            where = "no destination" if not url else "only '#' as destination"
            yield finding(link.line, link.column, "empty-link",
                          f"link '{link.text.strip() or url}' has {where}")
        elif not link.text.strip() and link.syntax != "html" and not _has_image(doc, link):
            yield finding(link.line, link.column, "empty-link",
                          f"link to {url} has no text, so nothing is shown to click")


def _has_image(doc: Document, link) -> bool:
    """A badge link ``[![alt](img)](url)`` shows its image: not empty."""
    return any(other.kind == "image" and other.line == link.line
               and other.column > link.column for other in doc.links)
