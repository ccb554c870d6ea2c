"""Shortcuts taken for speed give exactly what the code they short-cut gave.

Issue 15 (the perf round): entry building and the link rules decide the usual case without a
pattern or a pass (a year only where ``19``/``20`` occurs, a simple GitHub URL by its start,
a web link without the local-path patterns, the near-miss maps of anchors without U+FE0F as
one map). Each shortcut is pinned here to the code it replaces, kept as the reference, on
generated text made of the characters that matter to it. Timings live in bench/, never here.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools import urls
from awesome_tools.model import Document, Heading, HtmlAnchor
from awesome_tools.model import entries
from awesome_tools.model.slugs import without_vs16
from awesome_tools.model.targets import CASE, CASE_AND_VS16, VS16, FragmentTargets, Target, \
    decode

SETTINGS = settings(max_examples=400, deadline=None)


def _text(alphabet: str, max_size: int = 20):
    return st.text(alphabet=alphabet, max_size=max_size)


# --- entries ----------------------------------------------------------------------------------

_YEAR_CHARS = "1920' 0a\u0663-\n"


@SETTINGS
@given(_text(_YEAR_CHARS))
def test_year_of_is_the_two_year_patterns(text):
    year = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)").search(text)  # the pattern as it was
    short = re.compile(r"'(\d{2})(?!\d)").search(text)
    expected = int(year.group()) if year else (2000 + int(short.group(1)) if short else None)
    assert entries._year_of(text) == expected


@SETTINGS
@given(_text("*_ [(#🚩a12/.-:年月\u0663\t", 14))
def test_dated_is_the_dated_pattern(text):
    assert entries._dated(text) == (entries._DATED.match(text) is not None)


def _old_text_title(text: str, info) -> str:
    """entries._text_title before the perf round: the bold name, the quoted title and the
    authors each found by their pattern."""
    lead = entries._lead_venue(text) if text[:1] in "([" else None
    if lead:
        info.venue = lead[0].strip("*_ ")
        text = text[lead[1]:]
    bold = entries._BOLD_START.match(text)
    if bold:
        title = bold.group(1).strip().rstrip(":")
        rest = text[bold.end():]
    else:
        quoted = entries.first_quoted(text)
        if quoted and quoted[0] - 1 < 40:
            title = text[quoted[0]:quoted[1]].strip().rstrip(",")
            rest = text[quoted[1] + 1:]
        else:
            head = text.split("[", 1)[0].split("](", 1)[0]
            title = head.strip(" -–—:|*").strip()
            rest = text[len(head):]
    region = rest.lstrip(" :*_")
    if region[:1] in "\"“":
        quoted_title = entries._QUOTED.match(region)
        if quoted_title:
            region = region[quoted_title.end():]
    author_part = region.split("[", 1)[0].strip(" ,.;:*_")
    if author_part:
        if " et al" in author_part or entries._AUTHOR_NAMES.match(author_part):
            info.authors = author_part
        elif len(author_part) < 80:
            info.year = entries._year_of(author_part)
    info.description = entries._description(rest)
    return title


_TITLE_PIECES = st.lists(st.sampled_from(
    ["**", "__", "*", "_", "\n", " ", ":", ",", '"', "\u201c", "\u201d", "[", "]", "(", ")",
     "Ab", "Cd Ef", "Ada Lovelace", "Alan Turing", " et al", "2021", "'19", "CVPR", "\t",
     "[[Paper](u)]", "(ICCV 2019)", "Bottleneck Transformers for Vision"]), max_size=12)


@settings(max_examples=1500, deadline=None)
@given(_TITLE_PIECES.map("".join))
def test_text_title_is_the_title_patterns(text):
    new, old = entries._Item(None, "", ""), entries._Item(None, "", "")
    assert entries._text_title(text, new) == _old_text_title(text, old)
    assert (new.venue, new.authors, new.year, new.description) == \
        (old.venue, old.authors, old.year, old.description)


@SETTINGS
@given(st.sampled_from(["**", "__", "*", ""]), _text("[ \t\u00a0a*_]()", 8))
def test_start_of_bold_link_is_the_bold_link_pattern(lead, rest):
    text = "**" + lead + rest
    expected = "link" if entries._BOLD_LINK_START.match(text) else "bold"
    if entries._dated(text) or text.startswith("~~"):
        return
    assert entries._start_of(text)[0] == expected


# --- urls -------------------------------------------------------------------------------------

_SIMPLE = re.compile(
    r"https?://(?:www\.)?github\.com/([A-Za-z0-9_][A-Za-z0-9_-]*)/([A-Za-z0-9._-]+)/?\Z", re.I)


def _old_simple_github(text: str) -> Optional[str]:
    match = _SIMPLE.match(text)
    if match is None:
        return None
    owner, repo = match.group(1), match.group(2)
    if owner.lower() in urls._GITHUB_RESERVED:
        return None
    if repo.lower().endswith(".git"):
        repo = repo[:-4]
    if not repo or repo in (".", "..") or "/." in "/" + repo:
        return None
    return "github.com/" + owner.lower() + "/" + repo.lower()


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["https://", "http://", "HTTPS://", "hTTp://", "ftp://", ""]),
       st.sampled_from(["github.com/", "www.github.com/", "GitHub.COM/", "gist.github.com/",
                        "github.com:443/", "github.com"]),
       _text("aZ09_-.K\u212a\u017f", 6),  # the Kelvin sign and long s fold to ASCII letters
       st.sampled_from(["/", "", "//"]),
       st.one_of(_text("aZ09_-.\u212a", 6), st.sampled_from(["orgs", "Topics", ".git", ".", ".."])),
       st.sampled_from(["", "/", ".git", ".GIT/", "?tab=1", "#readme", " "]))
def test_simple_github_is_the_simple_github_pattern(scheme, host, owner, slash, repo, tail):
    text = scheme + host + owner + slash + repo + tail
    assert urls._simple_github(text) == _old_simple_github(text)


_ARXIV_IDS = st.one_of(
    st.builds(lambda yymm, dot, num: yymm + dot + num, _text("0123456789", 4).filter(
        lambda yymm: len(yymm) == 4), st.sampled_from([".", ".", ".", ",", ""]),
        _text("0123456789", 6)),
    st.sampled_from(["2101.00001", "1412.6980", "1501.0001", "0703.0001", "0704.0001",
                     "2113.00001", "2100.00001", "\u0662\u0661\u0660\u0661.00001",
                     "2101.0000\u00b9", "hep-th/9901001", "math.GT/0309136", "2101.00001 "]))
_ARXIV_HEADS = st.one_of(
    st.sampled_from(urls._SIMPLE_ARXIV_HEADS),
    st.builds(lambda *parts: "".join(parts),
              st.sampled_from(["https://", "http://", "HTTPS://", "https:/", " https://",
                               "ftp://", ""]),
              st.sampled_from(["arxiv.org/", "www.arxiv.org/", "ArXiv.org/", "export.arxiv.org/",
                               "arxiv.org:443/", "arxiv.org:80/", "arxiv.org./"]),
              st.sampled_from(["abs/", "pdf/", "ABS/", "html/", "ps/", "abs//", "abs/arXiv:"])))


@settings(max_examples=3000, deadline=None)
@given(_ARXIV_HEADS, _ARXIV_IDS,
       st.sampled_from(["", "v1", "v12", "V2", "v", "v1v2", "v\u0661", "v01"]),
       st.sampled_from(["", ".pdf", ".PDF", "/", ".pdf/", "/.pdf", ".pdf.pdf", "?x=1", "#page=2",
                        " ", "\n"]))
def test_simple_arxiv_is_the_general_path(head, ident, version, tail):
    """Where the string-operation reading of the usual arXiv URL answers, it answers what
    the general path (split, host look-up, pattern) answers; paper_key and identity too."""
    text = head + ident + version + tail
    simple = urls._simple_arxiv(text)
    general = urls._general_arxiv(text)
    if simple is not None:
        assert simple == general, text
    elif general is not None:  # only what the shortcut does not read goes the general way
        assert not re.fullmatch(r"https?://arxiv\.org/(?:abs|pdf)/\d{4}\.\d{4,5}(?:v\d+)?"
                                r"(?:\.pdf)?/?", text, re.A), text
    urls.paper_key.cache_clear()
    key = urls.paper_key(text)
    assert key == ("arxiv:" + general.id if general is not None else key), text
    if general is not None and simple is not None:
        assert urls.identity(text) == "arxiv:" + general.id


def test_simple_arxiv_reads_the_usual_forms():
    """The shortcut is taken where lists need it (so the comparison above means something)."""
    for url, ident, version in [("https://arxiv.org/abs/2101.00001", "2101.00001", None),
                                ("http://arxiv.org/pdf/1412.6980v9.pdf", "1412.6980", 9),
                                ("https://arxiv.org/pdf/2203.12345v2/", "2203.12345", 2)]:
        assert urls._simple_arxiv(url) == urls._general_arxiv(url) == (ident, version, True, False)
    assert urls._simple_arxiv("https://arxiv.org/abs/2113.00001") is None  # month 13
    assert urls._simple_arxiv("https://arxiv.org/abs/1501.0001") is None  # 2015: five digits


@SETTINGS
@given(st.sampled_from(["https://", "http://", "HTTP://", " https://", "//", "#", "?", "C:\\",
                        "c:/", "mailto:", "docs/", "./", ""]), _text("ab/#?:\\ ", 8))
def test_is_local_path_shortcut_is_the_patterns(start, rest):
    url = start + rest
    text = url.strip()
    expected = bool(text) and text[0] not in "#?" and not text.startswith("//") and not (
        re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", text) and not re.match(r"[A-Za-z]:[\\/]", text))
    assert urls.is_local_path(url) == expected


# --- anchors ----------------------------------------------------------------------------------

def _old_near(targets: FragmentTargets, fragment: str) -> Tuple[Optional[str], List[Target]]:
    """FragmentTargets.near before the perf round: three (kind, key) maps, always built."""
    folded: Dict[Tuple[str, str], List[Target]] = {}
    seen = set()
    for target in (*targets.ids.values(), *targets.names.values()):
        if target.name in seen:
            continue
        seen.add(target.name)
        for kind, key in ((CASE, target.name.lower()), (VS16, without_vs16(target.name)),
                          (CASE_AND_VS16, without_vs16(target.name).lower())):
            folded.setdefault((kind, key), []).append(target)
    decoded = decode(fragment)
    for kind, key in ((CASE, decoded.lower()), (VS16, without_vs16(decoded)),
                      (CASE_AND_VS16, without_vs16(decoded).lower())):
        found = folded.get((kind, key), [])
        if found:
            return kind, found
    return None, []


_NAMES = st.text(alphabet="aA\ufe0f-1", min_size=1, max_size=4)


def _document(headings: List[str], anchors: List[Tuple[str, bool, int]]) -> Document:
    heads = tuple(Heading(2, name, name, name, 2 * index + 1, 1, 2 * index + 2, index)
                  for index, name in enumerate(headings))
    marks = tuple(HtmlAnchor(name, "id" if is_id else "name", line, 1)
                  for name, is_id, line in anchors)
    return Document("", "README.md", heads, (), marks, (), (), None)


@SETTINGS
@given(st.lists(_NAMES, max_size=6),
       st.lists(st.tuples(_NAMES, st.booleans(), st.integers(1, 12)), max_size=4),
       st.lists(st.text(alphabet="aA\ufe0f-1%", max_size=5), min_size=1, max_size=4))
def test_near_misses_are_the_three_maps(headings, anchors, fragments):
    targets = FragmentTargets(_document(headings, anchors))
    for fragment in fragments:
        assert targets.near(fragment) == _old_near(targets, fragment)


@SETTINGS
@given(st.lists(_NAMES, max_size=6),
       st.lists(st.tuples(_NAMES, st.booleans(), st.integers(1, 12)), max_size=4))
def test_fragment_targets_order_is_the_line_order(headings, anchors):
    """ids in line order, an ``id=`` anchor before the slug of a heading on its line; the
    first target of a repeated name wins (as before the perf round)."""
    doc = _document(headings, anchors)
    by_line = {h.line: h.index for h in doc.headings}
    rows: List[Tuple[int, int, str, Optional[int]]] = [
        (h.line, 1, h.anchor, h.index) for h in doc.headings]
    for anchor in doc.anchors:
        if anchor.attribute == "id":
            near = next((by_line[line] for line in (anchor.line, anchor.line + 1,
                                                   anchor.line + 2, anchor.line - 1)
                         if line in by_line), None)
            rows.append((anchor.line, 0, anchor.name, near))
    rows.sort(key=lambda row: (row[0], row[1]))
    expected: Dict[str, Target] = {}
    for line, _, name, index in rows:
        expected.setdefault(name, Target(name, line, index))
    targets = FragmentTargets(doc)
    assert list(targets.ids.items()) == list(expected.items())


@settings(max_examples=1500, deadline=None)
@given(_text("ab[]()\n <>&\u00a0\x1c", 5), _text("ab[]()\n <>:/\u00a0\x1c", 6),
       _text("ab[]() -", 6), st.booleans())
def test_usual_end_is_the_usual_item_pattern(title, url, tail, written_as_read):
    """``[title](url)`` compared at the start of the item, else the pattern, whose name must
    be the link's text."""
    content = f"[{title}]({url}){tail}" if written_as_read else f"[{title}]{url}{tail}"
    match = entries._USUAL_ITEM.match(content)
    expected = match.end() if match is not None and match.group(1) == title else 0
    assert entries._usual_end(content, title, url) == expected


def test_usual_item_with_an_empty_angle_destination_is_read_by_the_general_path():
    """``[a](<>)``: the pattern matches ``<>`` but the link has no URL (no entry link)."""
    from awesome_tools.model.parse import parse

    doc = parse("# L\n\n- [a](<>) - a description long enough to be one\n", "README.md")
    assert [entry.primary for entry in doc.entries if entry.primary is not None] == []
