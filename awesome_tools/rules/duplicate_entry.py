"""The same paper or resource listed twice. Entries are whatever the list lists: list items
(`- [Name](url) - Description.`), paper headings with a link line, table rows, paragraph
entries (`**Title**` with its author, venue and link lines) and HTML items. What counts as the
same, by evidence:

- **The same link inside one section** is an error: the same paper (arXiv, DOI, OpenReview
  or ACL id, whatever the URL form: abs, pdf, versions, mirrors, alphaxiv, Hugging Face
  papers, publisher pages), the same video, the same repository or page. Two entries with
  different names on one page are different things sharing it (two tools of one monorepo, two
  releases on one vendor page, `YOLOv8` and `YOLOv11`), unless one entry's name is the
  resource itself (its repository or site name): then the other is the same resource under
  a second name. A paper id is the paper, whatever the names say: two titles on one arXiv id
  mean one of the links is wrong.
- **The same item in another section** is a cross-listing, often deliberate: reported as a
  note, or not at all, or as an error (`duplicates: {cross-listings: off | note | error}`).
- **The same title with different links** counts only in the same section (as a warning),
  or with the same year or authors elsewhere (as a cross-listing), and never when both links
  are on one site (two videos, two repositories, two arXiv papers that share a title are
  different things).

- **One paper under two URLs** (with `check --online`): an arXiv link in one entry and a
  proceedings page in another (CVF open access, ECVA, ACL Anthology, NeurIPS, ICML/PMLR,
  OpenReview) are the same paper when the arXiv record's title, as `awesome-tools links`
  cached it, is the other entry's title (or the OpenReview note's). Titles are compared
  ignoring case, accents and punctuation, with or without a short name before a colon. The
  years must fit (a proceedings year more than two years before the preprint or three after
  it is another paper), authors written on both sides must agree, and a short title (five
  words or fewer, such as "Deep Learning: A Survey") needs more than the title: the arXiv
  record naming the same venue, or the same authors. The same section is an error when that
  more is there (else a warning); elsewhere a cross-listing.

Fragments are kept when they name a part of the page (`CHANGELOG.md#057`); bullets of news
and update sections, TOC lines and badges are not entries. The finding sits at the later
entry and names the first (the JSON and SARIF output carry its line as `related`). URLs listed
under `duplicates.allow` in the config are never reported.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: which copy to keep,
and where, is an editor's choice. Cross-listings are notes and title matches warnings.

Bad:

```markdown
### Survey

#### Pre-trained Models for Natural Language Processing: A Survey [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2003.08271)

#### A Survey on Contextual Embeddings [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2003.07278)

#### Pre-trained Models for NLP [arXiv 2020]

[[paper]](https://arxiv.org/pdf/2003.08271v4.pdf)
```

Bad:

```markdown
## Datasets

| Name | Venue | Paper |
|------|-------|-------|
| LRS2 | TPAMI 2018 | [paper](https://arxiv.org/abs/1611.05358) |
| LRW | ACCV 2016 | [paper](https://arxiv.org/pdf/1611.05358v2.pdf) |
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

Good:

```markdown
## Themes

- [mochi](https://github.com/mochidaz/zsh-themes) - A minimal theme.
- [mochi2](https://github.com/mochidaz/zsh-themes) - Its two-line variant.
```
"""
from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.config.schema import Option, Section, choice, strings
from awesome_tools.model import Document, Entry
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.urls import arxiv_version, identity, resource_names

SECTION = Section("duplicates", (
    Option("allow", strings, (), "URLs never reported as duplicates"),
    Option("cross-listings", choice("off", "note", "error"), "note",
           "the same item in two sections: off, note (the default) or error"),
))
RULE = Rule("duplicate-entry", "The same paper or resource is listed twice.",
            section=SECTION, tags=("entries",), docs=__doc__)

_WORD = lazy(r"[^\W_]+[+#]*", re.UNICODE)  # C, C++ and C# are three words
MIN_TITLE_WORDS = 4  # shorter titles ("Other", "Tools") are names, not identities
_SCAN = 20  # earlier entries of one key compared at most (a URL listed 500 times is rare)


def title_key(title: str) -> str:
    """A title compared ignoring case and punctuation (but ``C++`` is not ``C``); "" for
    titles under four words, which are names rather than identities."""
    if title.count(" ") < MIN_TITLE_WORDS - 1:
        return ""  # fewer spaces than words needed: a name, not a title (and no regex spent)
    words = _WORD.findall(title.casefold())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else ""


_DECORATION = lazy(r"\s*(?:[*_]*\([^)]*\)[*_]*|[★⭐]\s*[\d.,]+[kKmM]?)\s*$")


def _name_words(title: str) -> List[str]:
    """A name's words, ignoring case, punctuation, star counts and trailing ``(qualifiers)``."""
    base = title.casefold()
    while True:
        stripped = _DECORATION.sub("", base)
        if stripped == base or not stripped.strip():
            break
        base = stripped
    return _WORD.findall(base)


def _name_key(title: str) -> str:
    return "".join(_name_words(title))


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    allowed = frozenset(identity(url) for url in ctx.options.get("allow", ()))
    cross = ctx.options.get("cross-listings", "note")
    by_url: Dict[str, List[Entry]] = {}
    by_title: Dict[str, List[Entry]] = {}
    by_name: Dict[Tuple[Tuple[str, ...], str], List[Entry]] = {}
    reported: Set[int] = set()
    for entry in doc.entries:
        # one pass, each key computed and each bucket looked up once (12,700 entries on a
        # 3 MB list: the loop itself was a third of the rule's time)
        link = entry.primary
        url = link.url if link is not None else ""
        url_key = identity(url) if url and url[0] != "#" else ""
        if allowed and url_key in allowed:
            url_key = ""
        problem = None
        same_url = by_url.get(url_key) if url_key else None
        if same_url:
            problem = _url_problem(entry, same_url, url_key, cross)
        title = entry.title
        key_title = title_key(title) if title.count(" ") >= MIN_TITLE_WORDS - 1 else ""
        same_title = by_title.get(key_title) if key_title else None
        if problem is None and same_title:
            problem = _title_problem(entry, same_title, cross)
        # short names match only between entries that both have a link (see _name_problem)
        name_key = None
        if not key_title and link is not None:
            name = title.casefold().strip()
            # "?", "-": a placeholder, not a name (one starting with a letter or digit holds
            # a word: decided without the search)
            if name and (name[0].isalnum() or _WORD.search(name) is not None):
                name_key = (entry.section, name)
        same_name = by_name.get(name_key) if name_key is not None else None
        if problem is None and same_name:
            problem = _name_problem(entry, same_name)
        if problem is not None:
            reported.add(entry.line)
            yield problem
        # each bucket as looked up above: a new list only for a new key
        if same_url is not None:
            same_url.append(entry)
        elif url_key:
            by_url[url_key] = [entry]
        if same_title is not None:
            same_title.append(entry)
        elif key_title:
            by_title[key_title] = [entry]
        if same_name is not None:
            same_name.append(entry)
        elif name_key is not None:
            by_name[name_key] = [entry]
    if ctx.online:
        yield from _one_paper_two_urls(doc, ctx, reported, cross, allowed)


def _url(entry: Entry) -> str:
    return entry.primary.url if entry.primary is not None else ""


# --------------------------------------------------------------------------- one link


def _url_problem(entry: Entry, earlier: List[Entry], key: str, cross: str
                 ) -> Optional[Problem]:
    """The entry against earlier ones with the same link: same section first."""
    same = [other for other in earlier[:_SCAN] if other.section == entry.section]
    for other in same:
        if _nested_apart(other, entry):
            continue
        if _same_thing(other, entry, key):
            return Problem(entry.line, entry.column,
                           f"'{_short(entry.title)}' links the same {_what(key, _url(entry))} as "
                           f"the entry at "
                           f"line {other.line} ('{_short(other.title)}') in the same section",
                           related=other.line)
    if cross == "off":
        return None
    for other in earlier[:_SCAN]:
        if other.section != entry.section and not _nested_apart(other, entry) \
                and _same_thing(other, entry, key, elsewhere=True):
            return _cross_listing(entry, other, cross,
                                  "links the same " + _what(key, _url(entry)) + " as")
    return None


def _what(key: str, url: str = "") -> str:
    if key.startswith(("arxiv:", "doi:", "openreview:", "acl:", "ieee:")):
        return "paper"
    if key.startswith("youtube"):
        return "video"
    if url and _proceedings(url):
        return "paper"
    return "resource"


def _proceedings(url: str) -> bool:
    """A proceedings page of one paper (CVF, ECVA, ACL Anthology, NeurIPS, PMLR ...)."""
    from awesome_tools.venues import url_evidence

    evidence = url_evidence(url)
    return evidence is not None and evidence.source != "conference-site"


def _nested_apart(a: Entry, b: Entry) -> bool:
    """Both are sub-items of different entries (two collections that each implement a paper):
    parts of different things, not one thing listed twice."""
    return bool(a.parent and b.parent and a.parent != b.parent)


def _same_thing(a: Entry, b: Entry, key: str, elsewhere: bool = False) -> bool:
    """Do two entries that share a link name the same thing?"""
    primary = a.primary or b.primary
    assert primary is not None  # entries compared here share a link
    url = primary.url
    words_a, words_b = _name_words(a.title), _name_words(b.title)
    if _what(key, url) != "resource":
        # one paper or video: the same one, or one of the two links is wrong; unless both
        # are things the paper introduces (models Ruri and Ruri-Reranker of one report), or
        # the list pins two versions of one arXiv record under two titles (TGATE-V1 at v1,
        # TGATE-V2 at v2)
        return not _artifacts_of_one_paper(a, b, words_a, words_b) and \
            not _pinned_versions(a, b, words_a, words_b)
    name_a, name_b = "".join(words_a), "".join(words_b)
    if not name_a or not name_b or name_a == name_b:
        return True  # a bare URL names the resource itself; equal names name one thing
    if _versions_apart(a.title, b.title):
        return False  # YOLOv8 and YOLOv11, Rakuten AI 2.0 and 2.0 mini: releases on one page
    if _component(a, b) or _component(b, a):
        return False  # "hatchling - the build backend from the hatch project"
    short, long_ = sorted((name_a, name_b), key=len)
    if len(short) >= 4 and short in long_ or _similar(words_a, words_b):
        return True  # Grappelli and django-grappelli; one title written two ways
    names = _resource_variants(resource_names(url, pages=False))
    relation_a, relation_b = _relation(a.title, name_a, names), _relation(b.title, name_b, names)
    if "is" in (relation_a, relation_b):
        return True  # one of them is the resource itself: the other is it again
    if _short_names(a, b) and _family(words_a, words_b):
        return False  # Evo-Ukiyoe and Evo-Nishikie: two members of one family on one page
    pages = _resource_variants(resource_names(url))
    if _relation(a.title, name_a, pages) == "is" or _relation(b.title, name_b, pages) == "is":
        return True  # the page is named after one of them: the other links it by mistake
    if {relation_a, relation_b} == {"extends", "other"}:
        return True  # "MLPerf Inference" on mlcommons/inference; another name: a wrong link
    if elsewhere and _deep(url):
        return True  # one document (not a home page) placed in two sections
    return False  # two tools of one repository, two apps of one vendor, two papers of a repo


def _pinned_versions(a: Entry, b: Entry, words_a: List[str], words_b: List[str]) -> bool:
    versions = {arxiv_version(entry.primary.url) for entry in (a, b) if entry.primary}
    return None not in versions and len(versions) == 2 and words_a != words_b


def _artifacts_of_one_paper(a: Entry, b: Entry, words_a: List[str], words_b: List[str]
                            ) -> bool:
    """Two short names of one family (``Ruri``/``Ruri-Reranker``, ``gpt-oss-20b-Ja-Fin``/
    ``Qwen3-14B-Ja-Fin``) that link one paper, neither entry giving a paper title of its own:
    two models or datasets the paper introduces, not the paper listed twice."""
    if _QUOTED_TITLE.match(a.description) or _QUOTED_TITLE.match(b.description):
        return False  # paper entries ("Title", Venue): two titles on one id is a wrong link
    name_a, name_b = "".join(words_a), "".join(words_b)
    if not name_a or not name_b or name_a == name_b:
        return False
    short, long_ = sorted((name_a, name_b), key=len)
    return _short_names(a, b) and (_family(words_a, words_b) or (
        len(short) >= 3 and long_.startswith(short)))


def _short_names(a: Entry, b: Entry) -> bool:
    """Product names (``Evo-Ukiyoe``, ``gpt-oss-20b-Ja-Fin``: three words at most), not titles
    (``Design Instagram`` and ``Design Autocomplete for Search Engines`` share a word, not a
    stem)."""
    return len(a.title.split()) <= 3 and len(b.title.split()) <= 3


_QUOTED_TITLE = lazy(r"\s*[:\-\u2013\u2014]?\s*[\"\u201c]")


def _family(words_a: List[str], words_b: List[str]) -> bool:
    """Two names built on one stem (``Evo-Ukiyoe``/``Evo-Nishikie``, ``東大BERT``/
    ``日本語金融BERT``): they share a word, or a start or an end of four characters."""
    if len(words_a) > 6 or len(words_b) > 6:
        return False
    if set(w for w in words_a if len(w) >= 3) & set(w for w in words_b if len(w) >= 3):
        return True
    a, b = "".join(words_a), "".join(words_b)
    return a[:4] == b[:4] and len(a) >= 4 or a[-4:] == b[-4:] and len(a) >= 4


def _component(whole: Entry, part: Entry) -> bool:
    """``part`` names a component of ``whole``: its name extends the other's and its
    description says so (``(part of Django)``, ``uv's build backend``)."""
    name = _name_key(whole.title)
    if len(name) < 2 or name not in _name_key(part.title) or not part.description:
        return False
    return re.search(r"(?<![\w-])" + re.escape(whole.title.strip().casefold()) + r"(?![\w-])",
                     part.description.casefold()) is not None


def _similar(words_a: List[str], words_b: List[str]) -> bool:
    """Titles of three words or more that share three quarters of their words."""
    set_a, set_b = set(words_a), set(words_b)
    if len(set_a) < 3 or len(set_b) < 3:
        return False
    return len(set_a & set_b) * 4 >= len(set_a | set_b) * 3


def _deep(url: str) -> bool:
    """A link to one file of the list's own repository (an assignment, a note): one document,
    not a site or repository that holds several things."""
    return not url.startswith(("http://", "https://", "//")) and ":" not in url.split("/")[0]


_VERSION = lazy(r"v?\d+(?:\.\d+)*[a-z]?\b|\b(?:ii|iii|iv|[a-z])\b|\b(?:mini|tiny|nano|"
                      r"small|base|medium|large|xl|xxl|pro|max|plus|lite|ultra|instruct|chat)\b",
                      re.I)


def _versions_apart(a: str, b: str) -> bool:
    """Names that differ in a version or size (``CS25 V4``/``V5``, ``7B``/``13B``, ``mochi``/
    ``mochi2``) and otherwise agree (one may add a word: ``斯坦福 CS25 ... V4``)."""
    versions_a = _VERSION.findall(a.casefold())
    versions_b = _VERSION.findall(b.casefold())
    if versions_a == versions_b:
        return False
    words_a = set(_WORD.findall(_VERSION.sub(" ", a.casefold())))
    words_b = set(_WORD.findall(_VERSION.sub(" ", b.casefold())))
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


_AFFIXES = lazy(r"^(?:oh-my-zsh-|zsh-|vim-|nvim-|python-|py-|node-|go-|lib)|"
                      r"(?:[-.](?:zsh-theme|theme|plugin|zsh|prompt|jl|js|py|rs|go|nvim|vim|el|"
                      r"sh|cli|nim|cr|rb|php|kt|swift))+$")


def _resource_variants(names: Tuple[str, ...]) -> Tuple[str, ...]:
    out = []
    for name in names:
        for variant in (name, _AFFIXES.sub("", name), _AFFIXES.sub("", _AFFIXES.sub("", name))):
            key = "".join(_WORD.findall(variant))
            if len(key) >= 2 and key not in out:
                out.append(key)
    return tuple(out)


def _relation(title: str, name: str, resources: Tuple[str, ...]) -> str:
    """How an entry's name relates to the resource's own names: ``is`` it (``Poutyne: A
    framework ...`` on ``poutyne``; a title that is most of the page's slug), ``extends`` it
    (``MLPerf Inference`` on ``inference``), or ``other``."""
    head = _name_key(re.split(r":|\s[-\u2013\u2014]\s", title, maxsplit=1)[0])
    if name in resources or head in resources:
        return "is"
    if len(name) >= 8 and any(name in resource and len(name) * 5 >= len(resource) * 3
                              for resource in resources):
        return "is"
    if any(len(resource) >= 4 and resource in name for resource in resources):
        return "extends"
    return "other"


# --------------------------------------------------------------------------- one title


def _title_problem(entry: Entry, earlier: List[Entry], cross: str) -> Optional[Problem]:
    """A title match with different links: evidence only when the links are on different
    sites (a paper's arXiv page and its proceedings page), and, across sections, with the
    same year or authors."""
    for other in earlier[:_SCAN]:
        if _one_site(other, entry) or _nested_apart(other, entry) or not (
                _paper_like(other) or _paper_like(entry)):
            continue  # one title, two things (a book and a course), unless a paper is linked
        if other.authors and entry.authors and _name_key(other.authors) != \
                _name_key(entry.authors):
            continue  # two papers that share a title
        if other.section == entry.section:
            return Problem(entry.line, entry.column,
                           f"'{_short(entry.title)}' has the same title as the entry at line "
                           f"{other.line} ('{_short(other.title)}') in the same section",
                           severity="warning", related=other.line)
        if cross != "off" and ((entry.year and entry.year == other.year) or (
                entry.authors and other.authors)):
            return _cross_listing(entry, other, cross, "has the same title as")
    return None


def _one_site(a: Entry, b: Entry) -> bool:
    """Both entries link the same site (two videos, two repositories, two arXiv papers)."""
    if a.primary is None or b.primary is None:
        return False
    return _site(a.primary.url) == _site(b.primary.url)


def _site(url: str) -> str:
    """The site a link is on (``youtube``, ``arxiv``, ``github.com``); ``local`` for a file of
    the list's own repository."""
    key = identity(url)
    head = key.split(":", 1)[0] if re.match(r"^[a-z-]+:", key) else ""
    if head in ("arxiv", "doi", "openreview", "acl", "ieee", "pypi"):
        return head
    if head.startswith("youtube"):
        return "youtube"
    if not url.startswith(("http://", "https://", "//")):
        return "local"
    return key.split("/", 1)[0]


def _paper_like(entry: Entry) -> bool:
    """The entry links a paper: a paper id, a proceedings page, or a link labelled paper."""
    if entry.primary is None:
        return False
    url = entry.primary.url
    return _what(identity(url), url) == "paper" or any(
        label in ("paper", "pdf", "arxiv") and link is entry.primary
        for label, link in entry.links)


_CODE_SITES = frozenset({"github.com", "gitlab.com", "codeberg.org", "bitbucket.org",
                         "gitee.com", "git.sr.ht"})


def _name_problem(entry: Entry, earlier: List[Entry]) -> Optional[Problem]:
    """Short names (``dateutil``, ``beets``) match only inside one section, exactly, and
    with links on different sites (PyPI and GitHub, the project's site and its repository)."""
    for other in earlier[:_SCAN]:
        if entry.title.casefold().strip() != other.title.casefold().strip() or \
                other.primary is None or entry.primary is None or _one_site(other, entry) \
                or _nested_apart(other, entry):
            continue
        if _paper_like(other) and _paper_like(entry):
            if not _same_lead(other.description, entry.description):
                continue  # [ImageNet] the CVPR'09 database and [ImageNet] the IJCV'15 challenge
        elif not _own_pages(other, entry):
            continue
        return Problem(entry.line, entry.column,
                       f"'{_short(entry.title)}' has the same name as the entry at line "
                       f"{other.line} in the same section", severity="warning",
                       related=other.line)
    return None


def _same_lead(a: str, b: str) -> bool:
    """Two descriptions that start with the same six words (the paper's quoted title after a
    short name), or that say nothing."""
    if not a or not b:
        return True
    return _WORD.findall(a.casefold())[:6] == _WORD.findall(b.casefold())[:6]


def _own_pages(a: Entry, b: Entry) -> bool:
    """Both links are pages of the named thing itself on two sites (its PyPI page and its
    repository, its home page and its repository), not two repositories of one name."""
    name = _name_key(a.title)
    if len(name) < 3:
        return False
    assert a.primary is not None and b.primary is not None  # both are linked entries
    urls = (a.primary.url, b.primary.url)
    sites = {_site(url) for url in urls}
    if sites <= _CODE_SITES:
        return False  # two repositories that happen to share a name
    return all(name in _resource_variants(resource_names(url)) for url in urls)


def _cross_listing(entry: Entry, other: Entry, cross: str, how: str) -> Problem:
    return Problem(entry.line, entry.column,
                   f"'{_short(entry.title)}' {how} the entry at line {other.line} "
                   f"('{_short(other.title)}') under '{_where(other.section, entry.section)}'"
                   ": a cross-listing (duplicates.cross-listings: off if deliberate)",
                   severity=cross, related=other.line)


def _where(section: Tuple[str, ...], mine: Tuple[str, ...]) -> str:
    """Enough of ``section``'s path to tell it from ``mine`` (``Transformer > Survey`` when
    both end in ``Survey``)."""
    for size in range(1, len(section) + 1):
        if section[-size:] != mine[-size:]:
            return _short(" > ".join(section[-size:]), 60)
    return _short(" > ".join(section), 60) or "the top"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- one paper, two URLs

SHORT_TITLE_WORDS = 5  # "Deep Learning: A Survey": a title shared by different papers
YEARS_BEFORE, YEARS_AFTER = 2, 3  # a proceedings year this far from the preprint's: another paper


def _one_paper_two_urls(doc: Document, ctx: RuleContext, reported: Set[int], cross: str,
                        allowed: FrozenSet[str]) -> Iterator[Problem]:
    """An arXiv entry and a proceedings (or OpenReview) entry of the same paper, matched by
    the arXiv record's cached title (see the module docstring for the trust rules)."""
    from awesome_tools.papers import cached_metadata

    arxiv, openreview = cached_metadata(ctx)
    if not arxiv:
        return
    by_title = _arxiv_titles(doc, arxiv)
    if not by_title:
        return
    for entry in doc.entries:
        if entry.line in reported or entry.primary is None:
            continue
        page = _proceedings_page(entry, openreview)
        if page is None or identity(entry.primary.url) in allowed:
            continue
        for other, paper, meta in _same_titles(doc, entry, page[2], by_title):
            if other.line == entry.line or _nested_apart(other, entry) or \
                    max(other.line, entry.line) in reported:
                continue
            if not _fits(entry, page, meta):
                continue
            problem = _paper_problem(entry, other, paper, page, meta, cross)
            if problem is not None:
                reported.add(problem.line)
                yield problem
                break


def _arxiv_titles(doc: Document, arxiv: Dict[str, Dict[str, Any]]
                  ) -> Dict[str, List[Tuple[Entry, str, Dict[str, Any]]]]:
    """Title variant -> (entry, arXiv id, record) for entries whose arXiv link's record is
    cached and agrees with the entry's own title (a disagreeing one is a wrong link, which
    title-mismatch reports: it is no evidence of anything else)."""
    from awesome_tools.rules._titles import _variants, comparable, listed_titles, paper_link, \
        titles_match

    found: Dict[str, List[Tuple[Entry, str, Dict[str, Any]]]] = {}
    for entry in doc.entries:
        pair = paper_link(entry)
        if pair is None or pair[1] not in arxiv:
            continue
        meta = arxiv[pair[1]]
        title = meta.get("title") or ""
        listed = listed_titles(doc, entry)
        if not comparable(title) or (listed and not any(titles_match(item, title)
                                                        for item in listed)):
            continue
        for variant in _variants(title):
            found.setdefault(variant, []).append((entry, pair[1], meta))
    return found


def _proceedings_page(entry: Entry, openreview: Dict[str, Dict[str, Any]]
                      ) -> Optional[Tuple[str, Any, List[str], Optional[Dict[str, Any]]]]:
    """(source name, URL evidence, the titles to compare, OpenReview record) of an entry whose
    paper link is a proceedings page or an OpenReview note (not arXiv)."""
    from awesome_tools.urls import arxiv_id, openreview_id
    from awesome_tools.venues import url_evidence

    url = entry.primary.url if entry.primary is not None else ""
    if not url or arxiv_id(url):
        return None
    note = openreview_id(url)
    if note:
        meta = openreview.get(note)
        if not meta or not meta.get("title"):
            return None
        return "OpenReview", None, [meta["title"]], meta
    evidence = url_evidence(url)
    if evidence is None or evidence.source in ("arxiv", "conference-site"):
        return None
    from awesome_tools.rules._venue import SOURCES

    return SOURCES.get(evidence.source, evidence.source), evidence, [], None


def _same_titles(doc: Document, entry: Entry, titles: List[str],
                 by_title: Dict[str, List[Tuple[Entry, str, Dict[str, Any]]]]
                 ) -> List[Tuple[Entry, str, Dict[str, Any]]]:
    from awesome_tools.rules._titles import _variants, comparable, listed_titles

    seen: Set[int] = set()
    found = []
    for title in titles or listed_titles(doc, entry):
        if not comparable(title):
            continue
        for variant in _variants(title):
            for item in by_title.get(variant, ()):
                if item[0].line not in seen:
                    seen.add(item[0].line)
                    found.append(item)
    return found


def _fits(entry: Entry, page: Any, meta: Dict[str, Any]) -> bool:
    """The years fit and the authors (where both sides give them) agree."""
    from awesome_tools.papers import first_version

    evidence, note = page[1], page[3]
    year = (evidence.year if evidence is not None else None) or entry.year or (
        int(note["published"][:4]) if note and note.get("published") else None)
    first = first_version(meta)
    if year and first and not first[0] - YEARS_BEFORE <= year <= first[0] + YEARS_AFTER:
        return False
    return _authors_agree(entry, page, meta) is not False


def _surnames(names: List[str]) -> Set[str]:
    out = set()
    for name in names:
        words = _WORD.findall(name.casefold())
        if words:
            out.add(words[-1])
    return out


def _authors_agree(entry: Entry, page: Any, meta: Dict[str, Any]) -> Optional[bool]:
    """True when both sides name authors and share a surname, False when they share none,
    None when one side names none."""
    theirs = _surnames(list(meta.get("authors") or []))
    note = page[3]
    if note and note.get("authors"):
        mine = _surnames(list(note["authors"]))
    elif entry.authors:
        mine = {word for word in _WORD.findall(entry.authors.casefold()) if len(word) > 1}
    else:
        return None
    if not theirs or not mine:
        return None
    return bool(theirs & mine)


def _venue_agrees(page: Any, meta: Dict[str, Any]) -> bool:
    from awesome_tools.papers import arxiv_venue, openreview_venue

    said = arxiv_venue(meta)
    if said is None:
        return False
    evidence, note = page[1], page[3]
    if note is not None:
        decided = openreview_venue(note)
        return decided is not None and decided.venue == said.venue
    return evidence is not None and evidence.venue == said.venue and (
        not said.year or not evidence.year or said.year == evidence.year)


def _paper_problem(entry: Entry, other: Entry, paper: str, page: Any, meta: Dict[str, Any],
                   cross: str) -> Optional[Problem]:
    from awesome_tools.rules._titles import normalize_title

    corroborated = _venue_agrees(page, meta) or _authors_agree(entry, page, meta) is True
    if len(normalize_title(meta.get("title") or "").split()) <= SHORT_TITLE_WORDS \
            and not corroborated:
        return None  # a short title alone: different papers share those
    later, first = (entry, other) if entry.line > other.line else (other, entry)
    where = "OpenReview note" if page[0] == "OpenReview" else f"{page[0]} page"
    article = "an" if where[0] in "AEIOU" else "a"
    how = (f"is the same paper ({article} {where} and arXiv:{paper}, titled "
           f"'{_short(meta.get('title') or '')}') as")
    if other.section == entry.section:
        return Problem(later.line, later.column,
                       f"'{_short(later.title)}' {how} the entry at line {first.line} "
                       f"('{_short(first.title)}') in the same section",
                       severity=None if corroborated else "warning", related=first.line)
    if cross == "off":
        return None
    return _cross_listing(later, first, cross, how)
