"""``title-mismatch`` (online): an entry's title against the title of the arXiv paper it links.

A list that links ``arxiv.org/abs/2004.05150`` under "Reformer" points readers at the wrong
paper, and no offline check can see it. ``awesome-tools links`` asks the arXiv API about every
arXiv link anyway and keeps the titles in its cache; this rule reads that cache, so it costs no
request of its own and runs only with ``check --online``.

Titles are compared loosely, because lists abbreviate and papers get retitled: case, accents,
punctuation and small words are ignored, a short name before a colon may be on either side
only (``Linear Transformer: Transformers are RNNs: ...`` is ``Transformers are RNNs: ...``),
and two titles match when their characters and their (singular) words mostly agree. A listed
"title" of one or two words is a name, not a title, and is not compared.

Where the cache is: the one the command names (``Context.link_cache``), else
``$AWESOME_TOOLS_LINK_CACHE``, else ``links.cache`` from the config, else
``.awesome-tools-cache/links.json`` (relative paths from the working directory, as for
``awesome-tools links``).
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, TYPE_CHECKING, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Entry, Link
from awesome_tools.model.entries import first_quoted
from awesome_tools.urls import arxiv_id

if TYPE_CHECKING:  # annotations only
    from awesome_tools.rules import RuleContext

NAME = "title-mismatch"
ENV_CACHE = "AWESOME_TOOLS_LINK_CACHE"
DEFAULT_CACHE = Path(".awesome-tools-cache") / "links.json"
THRESHOLD = 0.75  # mean of character and word similarity
SHORT_NAME_WORDS = 4  # "Linear Transformer:" is a name; "A Survey of Methods for X:" is not
MIN_TITLE_WORDS = 3
MAX_NAMES = 3  # leading "Name:" parts taken off a title, one variant each
MAX_TITLE = 500  # characters of a title compared (the longest arXiv titles are about 300)
_STOP: FrozenSet[str] = frozenset(
    "a an the of for and in on with to via by from at is are as its into or using".split())
_WORD = lazy(r"[^\W_]+")


def link_cache_path(config: Any) -> Path:
    """The link checker's cache file for this run (see the module docstring)."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env)
    section = config.section("links") if hasattr(config, "section") else {}
    configured = section.get("cache")
    return Path(configured) if isinstance(configured, str) and configured else DEFAULT_CACHE


# --------------------------------------------------------------------------- comparing


def normalize_title(title: str) -> str:
    """Lower-case words without accents or punctuation: ``Pre-Training!`` -> ``pre training``."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(_WORD.findall(text.casefold()))


def _variants(title: str) -> List[str]:
    """The title, and the title without a short leading name (``ViLBERT: Pretraining ...``).

    At most :data:`MAX_NAMES` leading names are taken off and only the first
    :data:`MAX_TITLE` characters compared: a real title has one or two such names and a few
    hundred characters, and character similarity costs the product of the two lengths.
    """
    title = title[:MAX_TITLE]
    found = [normalize_title(title)]
    rest = title
    while ":" in rest and len(found) <= MAX_NAMES:
        head, rest = rest.split(":", 1)
        if len(head.split()) > SHORT_NAME_WORDS or not rest.strip():
            break
        found.append(normalize_title(rest))
    return [variant for variant in found if variant]


def _stems(text: str) -> List[str]:
    words = [word for word in text.split() if word not in _STOP]
    return [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words]


def _word_score(a: str, b: str) -> float:
    """Dice coefficient of the (singular, stop-word-free) word sets."""
    left, right = set(_stems(a)), set(_stems(b))
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def similarity(listed: str, actual: str) -> float:
    """How alike two titles are, 0..1: the best over the variants with and without a name.

    The score is the mean of a character ratio (kind to typos and ``Visual``/``Vision``) and
    a word-set ratio (kind to reordered words). Either alone is fooled by short titles:
    "Reformer: The Efficient Transformer" and "Longformer: The Long-Document Transformer"
    share three quarters of their characters.
    """
    from difflib import SequenceMatcher  # (here, not with the rule registry at start-up)

    best = 0.0
    for a in _variants(listed):
        for b in _variants(actual):
            if a == b:
                return 1.0
            characters = SequenceMatcher(None, a, b, autojunk=False).ratio()
            best = max(best, (characters + _word_score(a, b)) / 2)
    return best


def titles_match(listed: str, actual: str) -> bool:
    """True when ``listed`` plausibly names the paper titled ``actual``."""
    return similarity(listed, actual) >= THRESHOLD


def comparable(title: str) -> bool:
    """A title worth comparing: at least three words (a one-word name says too little)."""
    return len(normalize_title(title).split()) >= MIN_TITLE_WORDS


# --------------------------------------------------------------------------- the rule


def listed_titles(doc: Document, entry: Entry) -> List[str]:
    """What the entry calls the paper: its title, and a quoted title in an item's text.

    ``* **SimPool**: "Keep It SimPool: ...", ICCV, 2023`` gives "SimPool" as the entry's
    title; the quoted one is the paper's.
    """
    titles = [entry.title]
    if entry.kind == "item":
        begin = doc.line_starts[entry.line - 1]
        end = doc.text.find("\n", begin)
        line = doc.text[begin:end if end >= 0 else len(doc.text)]
        quoted = first_quoted(line)
        if quoted:
            titles.insert(0, line[quoted[0]:quoted[1]].strip().rstrip(","))
    return [title for title in titles if comparable(title)]


def paper_link(entry: Entry) -> Optional[Tuple[Link, str]]:
    """The entry's arXiv paper link and its ID: the primary link if arXiv, else the first."""
    links = [entry.primary] if entry.primary is not None else []
    links += [link for _, link in entry.links]
    for link in links:
        ident = arxiv_id(link.url)
        if ident:
            return link, ident
    return None


def cache_for(ctx: RuleContext) -> Path:
    """A cache named by the command (``ctx.link_cache``) wins over :func:`link_cache_path`."""
    explicit = getattr(ctx, "link_cache", None)
    return Path(explicit) if explicit else link_cache_path(getattr(ctx, "config", None))


def load_titles(path: Path) -> Dict[str, str]:
    from awesome_tools.links.cache import cached_arxiv_titles  # the cache only: no network stack

    return cached_arxiv_titles(str(path))


def short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
