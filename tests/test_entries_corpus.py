"""Entries on every corpus list (issue 11): the model finds at least 95% of the entries the
labels count by hand (``entries.count`` in tests/labels/), no more than 105% (more would be
headings, TOC lines, badges or news bullets taken as entries), and none of its entries is a
heading (other than a paper heading or a link heading), a line of the TOC, a badge or a dated
news bullet. Skips without the corpus (../shared/corpus beside the repository)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Dict

import pytest

from awesome_tools.model import Document
from awesome_tools.model.parse import parse
from conftest import label_data

LABELS = Path(__file__).resolve().parent / "labels"
STEMS = sorted(path.stem for path in LABELS.glob("*.yaml"))
_DATED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\W{0,4}(?:\[?(?:19|20)?\d{2}[/.\-]\d{1,2}"
                    r"(?:[/.\-]\d{1,4})?\]?\s|(?:19|20)\d{2}年)")


def _list(corpus_dir: Path, stem: str):
    data = label_data(LABELS / f"{stem}.yaml")
    path = corpus_dir / data["list"]
    return path, data["entries"]["count"]


@pytest.fixture(scope="module")
def parsed() -> Callable[[Path], Document]:
    """Each list parsed once for the two tests of this module (a Document is immutable);
    the Documents go when the module is done."""
    documents: Dict[Path, Document] = {}

    def get(path: Path) -> Document:
        if path not in documents:
            documents[path] = parse(path.read_text(encoding="utf-8"), str(path))
        return documents[path]

    return get


@pytest.mark.parametrize("stem", STEMS)
def test_entries_match_the_hand_count(corpus_dir: Path, stem: str, parsed) -> None:
    path, counted = _list(corpus_dir, stem)
    modelled = len(parsed(path).entries)
    assert counted * 0.95 <= modelled <= counted * 1.05, (stem, counted, modelled)


@pytest.mark.parametrize("stem", STEMS)
def test_no_heading_toc_line_badge_or_news_bullet_is_an_entry(corpus_dir: Path, stem: str,
                                                              parsed) -> None:
    path, _ = _list(corpus_dir, stem)
    doc = parsed(path)
    headings = {heading.line for heading in doc.headings}
    toc = range(doc.toc.line, doc.toc.end_line + 1) if doc.toc is not None else range(0)
    images = {(link.line, link.column) for link in doc.links if link.kind == "image"}
    for entry in doc.entries:
        where = f"{stem}:{entry.line} ({entry.kind} {entry.title[:40]!r})"
        if entry.kind != "heading":
            assert entry.line not in headings, f"{where}: a heading taken as an entry"
        assert entry.line not in toc, f"{where}: a TOC line taken as an entry"
        if entry.primary is not None:
            primary = entry.primary
            assert primary.kind == "link" and not primary.url.startswith("#"), where
            assert (primary.line, primary.column + 1) not in images, f"{where}: a badge"
        assert not _DATED.match(doc.line(entry.line)), f"{where}: a news bullet"
