"""URL identity: which links name the same paper or resource, and what kind of link a URL is.

The duplicate-entry rule, the link checker's request dedupe and ``fix --canonical-urls`` all ask
the same question: do these two strings point at the same thing?  Awesome lists write one paper
as ``arxiv.org/pdf/ID.pdf``, ``http://arxiv.org/abs/IDv3`` or an IP-addressed mirror, and one
repository as ``https://github.com/Foo/Bar/`` or ``http://www.github.com/foo/bar.git``.
:func:`normalize_url` maps all of those to one key.

Everything here is standard library only and runs on lists of thousands of URLs: one
precompiled RFC 3986 split (cached), small regexes per host family, no ``urllib.parse`` on the
hot path.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional, Tuple
from urllib.parse import unquote

from awesome_tools.lazyre import lazy

__all__ = [
    "normalize_url",
    "arxiv_id",
    "arxiv_version",
    "is_arxiv_mirror",
    "canonical_arxiv",
    "github_repo",
    "doi",
    "openreview_id",
    "acl_id",
    "is_external",
    "is_local_path",
    "paper_key",
    "identity",
    "resource_names",
]

# --------------------------------------------------------------------------- splitting


class _Parts(NamedTuple):
    """An http(s) or protocol-relative URL split once; hosts lower-cased, ``www.`` kept."""

    userinfo: str
    host: str  # lower-case, trailing dot removed, default port dropped
    port: str  # "" or a non-default port
    path: str  # as written (no percent-decoding)
    query: Optional[str]
    fragment: Optional[str]


# RFC 3986 appendix B, restricted to URLs with an authority ("//").
_SPLIT = lazy(
    r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):)?//(?P<auth>[^/?#]*)(?P<path>[^?#]*)"
    r"(?:\?(?P<query>[^#]*))?(?:#(?P<frag>.*))?\Z",
    re.S,
)
_SCHEME = lazy(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_DRIVE = lazy(r"[A-Za-z]:[\\/]")
_DEFAULT_PORTS = frozenset({"", "80", "443"})


@lru_cache(maxsize=16384)
def _split(url: str) -> Optional[_Parts]:
    """Split an http(s) or ``//host`` URL; None for anything else.

    Cached because the same URL is asked about many times (normalise, then arXiv, GitHub...).
    """
    m = _SPLIT.match(url)
    if m is None:
        return None
    scheme = m.group("scheme")
    if scheme is not None and scheme.lower() not in ("http", "https"):
        return None
    userinfo, _, hostport = m.group("auth").rpartition("@")
    host, port = hostport, ""
    if hostport.startswith("["):  # IPv6 literal
        end = hostport.find("]")
        if end != -1:
            host, rest = hostport[: end + 1], hostport[end + 1 :]
            port = rest[1:] if rest.startswith(":") else ""
    elif ":" in hostport:
        host, _, port = hostport.rpartition(":")
    host = host.lower().rstrip(".")
    if port in _DEFAULT_PORTS:
        port = ""
    return _Parts(userinfo, host, port, m.group("path"), m.group("query"), m.group("frag"))


def _bare_host(host: str) -> str:
    """The host without a leading ``www.``, the form every host table below is written in."""
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


# --------------------------------------------------------------------------- percent-encoding

_PCT = lazy(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _pct_sub(m: "re.Match[str]") -> str:
    char = chr(int(m.group(0)[1:], 16))
    return char if char in _UNRESERVED else m.group(0).upper()


def _norm_pct(text: str) -> str:
    """Decode escaped unreserved characters and upper-case the rest (RFC 3986 6.2.2.2)."""
    return _PCT.sub(_pct_sub, text) if "%" in text else text


# --------------------------------------------------------------------------- arXiv

# New-style IDs YYMM.NNNN (2007-2014) and YYMM.NNNNN (2015-); old-style archive[.XX]/YYMMNNN.
_ARXIV_ID = (
    r"(?:arxiv:)?(?:(?P<new>(?P<yymm>\d{4})\.(?P<num>\d{4,5}))"
    r"|(?P<arch>[a-z]+(?:-[a-z]+)?)(?:\.[a-z]+(?:-[a-z]+)?)?/(?P<old>(?P<oyymm>\d{4})\d{3}))"
    r"(?:v(?P<ver>\d+))?"
)
_ARXIV_PATH = lazy(r"/(?:abs|pdf|ps|html|format)/" + _ARXIV_ID + r"(?:\.pdf)?/?\Z", re.I)
_ARXIV_IP_PATH = lazy(r"/(?:abs|pdf)/" + _ARXIV_ID + r"(?:\.pdf)?/?\Z", re.I)
_ARXIV_TEXT = lazy(_ARXIV_ID + r"\Z", re.I)  # after an "arXiv:" prefix or a DOI
_ARXIV_MIRROR_HOST = lazy(
    r"(?:(?:[a-z0-9-]+\.)*arxiv\.org|xxx\.lanl\.gov"
    r"|arxiv-export[a-z0-9-]*\.library\.cornell\.edu)\Z"
)
_IPV4 = lazy(r"(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\Z")
_ARXIV_DOI_PREFIX = "10.48550/arxiv."


class _Arxiv(NamedTuple):
    id: str
    version: Optional[int]
    canonical_host: bool  # arxiv.org itself (www. or not)
    from_doi: bool


def _valid_arxiv(m: "re.Match[str]") -> Optional[Tuple[str, Optional[int]]]:
    """Check the ID's date part so IP-addressed look-alikes and typos are not taken as arXiv."""
    ver = m.group("ver")
    version = int(ver) if ver else None
    if m.group("new"):
        yymm, num = m.group("yymm"), m.group("num")
        month = int(yymm[2:])
        if not 1 <= month <= 12 or yymm < "0704":
            return None
        if len(num) != (4 if yymm < "1501" else 5):
            return None
        return m.group("new"), version
    oyymm = m.group("oyymm")
    year, month = int(oyymm[:2]), int(oyymm[2:])
    if not 1 <= month <= 12 or 8 <= year <= 90 or oyymm > "0703" and year < 91:
        return None
    # The subject class (math.GT/...) is not part of the identifier; arxiv.org drops it too.
    return m.group("arch").lower() + "/" + m.group("old"), version


# ``https://arxiv.org/abs/2101.00001`` (or ``/pdf/``, a version, ``.pdf``, a closing ``/``):
# how lists write nearly every arXiv link (2024 of 2026 on Awesome-Transformer-Attention).
# Read with string operations, at a tenth of the general path's split, look-up and match;
# anything else goes the general way. Tests compare the two.
_SIMPLE_ARXIV_HEADS = ("https://arxiv.org/abs/", "https://arxiv.org/pdf/",
                       "http://arxiv.org/abs/", "http://arxiv.org/pdf/")


def _simple_arxiv(text: str) -> Optional[_Arxiv]:
    """The new-style arXiv ID of a URL in the usual form, or None for any other text (the
    general path then decides, for a look-alike too)."""
    if not text.startswith(_SIMPLE_ARXIV_HEADS):
        return None
    rest = text[22:] if text[4] == "s" else text[21:]
    if rest[-1:] == "/":
        rest = rest[:-1]
    if rest[-4:] == ".pdf":
        rest = rest[:-4]
    ident, mark, ver = rest.partition("v")
    if len(ident) not in (9, 10) or ident[4] != "." or not ident.isascii():
        return None
    yymm, num = ident[:4], ident[5:]
    if not (yymm.isdigit() and num.isdigit()):
        return None
    if mark and not (ver.isascii() and ver.isdigit()):
        return None
    if not 1 <= int(yymm[2:]) <= 12 or yymm < "0704" or len(num) != (4 if yymm < "1501" else 5):
        return None
    return _Arxiv(ident, int(ver) if ver else None, True, False)


@lru_cache(maxsize=16384)
def _arxiv(url: str) -> Optional[_Arxiv]:
    """The arXiv paper a URL, an ``arXiv:ID`` string or an arXiv DOI names, if any."""
    return _simple_arxiv(url) or _general_arxiv(url)


def _general_arxiv(url: str) -> Optional[_Arxiv]:
    """:func:`_arxiv` of any text, the usual URL form included."""
    text = url.strip()
    head = text[:6].lower()
    if head == "arxiv:":
        m = _ARXIV_TEXT.match(text.replace(" ", ""), 6)
        found = _valid_arxiv(m) if m else None
        return _Arxiv(found[0], found[1], False, False) if found else None
    parts = _split(text)
    if parts is None:
        if head[:4] == "doi:":
            return _arxiv_from_doi(doi(text))
        return None
    host = _bare_host(parts.host)
    if host in ("doi.org", "dx.doi.org"):
        return _arxiv_from_doi(doi(text))
    if host == "arxiv.org" or _ARXIV_MIRROR_HOST.match(host):
        m = _ARXIV_PATH.match(parts.path)
    elif _IPV4.match(host):
        m = _ARXIV_IP_PATH.match(parts.path)
    else:
        return None
    found = _valid_arxiv(m) if m else None
    if found is None:
        return None
    return _Arxiv(found[0], found[1], host == "arxiv.org" and not parts.port, False)


def _arxiv_from_doi(value: Optional[str]) -> Optional[_Arxiv]:
    """arXiv's own DOIs (10.48550/arXiv.ID, lower-cased by :func:`doi`) name the paper too."""
    if not value or not value.startswith(_ARXIV_DOI_PREFIX):
        return None
    m = _ARXIV_TEXT.match(value, len(_ARXIV_DOI_PREFIX))
    found = _valid_arxiv(m) if m else None
    return _Arxiv(found[0], found[1], False, True) if found else None


def arxiv_id(url: str) -> Optional[str]:
    """The arXiv identifier without version (``2004.06165``, ``cs/0112017``), or None.

    Accepts abs/pdf/html links on arxiv.org and its mirrors (``export.arxiv.org``,
    ``xxx.lanl.gov``, Cornell export hosts, any IPv4 host serving ``/abs/`` or ``/pdf/`` with a
    valid ID), ``arXiv:ID`` strings and arXiv DOIs, so every form of one paper shares an ID.
    """
    found = _arxiv(url)
    return found.id if found else None


def arxiv_version(url: str) -> Optional[int]:
    """The explicit version (``v3`` -> 3) of an arXiv link, None when unversioned or not arXiv."""
    found = _arxiv(url)
    return found.version if found else None


def is_arxiv_mirror(url: str) -> bool:
    """True for an arXiv paper link on a host other than arxiv.org (mirror, export, bare IP).

    ``fix --canonical-urls`` rewrites these: mirrors come and go (the IP ones already have)
    while arxiv.org links stay.  DOI links are not mirrors: they are a deliberate resolver.
    """
    found = _arxiv(url)
    return bool(found and not found.canonical_host and not found.from_doi and _split(url.strip()))


def canonical_arxiv(url: str, keep_version: bool = True) -> Optional[str]:
    """``https://arxiv.org/abs/ID`` for an arXiv link (abs, pdf, mirror, ``arXiv:ID``), else None.

    The version is kept when the link had one (``keep_version``): a curator who wrote ``v2``
    may mean exactly that text (results tables change between versions), and canonicalising is
    about host and format, not about which revision is cited.  Duplicate detection ignores the
    version anyway (:func:`normalize_url`).  Pass ``keep_version=False`` to drop it.  DOI links
    are left alone (None): a DOI is a choice of resolver, not a non-canonical arXiv link.
    """
    found = _arxiv(url)
    if found is None or found.from_doi:
        return None
    suffix = "v%d" % found.version if keep_version and found.version is not None else ""
    return "https://arxiv.org/abs/" + found.id + suffix


# --------------------------------------------------------------------------- GitHub

_GITHUB_OWNER = lazy(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
_GITHUB_REPO = lazy(r"[A-Za-z0-9._-]+\Z")
# First path segments that are GitHub pages, not users: github.com/<these>/... is no repository.
_GITHUB_RESERVED = frozenset(
    """about account apps blog business codespaces collections contact copilot customer-stories
    dashboard enterprise enterprises events explore features gist issues join login logout
    marketplace new notifications orgs organizations pricing pulls readme resources search
    security settings site sitemap solutions sponsors team teams topics trending users watching
    premium-support education nonprofit mobile home git-guides open-source shop stars""".split()
)


def _repo_segments(segs: list[str]) -> Optional[Tuple[str, str]]:
    """(owner, repo) from path segments after the host, or None for GitHub's own pages."""
    if len(segs) < 2 or segs[0].lower() in _GITHUB_RESERVED:
        return None
    owner, repo = unquote(segs[0]), unquote(segs[1])
    if repo.lower().endswith(".git"):
        repo = repo[:-4]
    if not _GITHUB_OWNER.match(owner) or not _GITHUB_REPO.match(repo) or repo in (".", ".."):
        return None
    return owner, repo


def github_repo(url: str) -> Optional[Tuple[str, str]]:
    """(owner, repo) as written (``.git`` dropped) for a github.com repository URL or subpath.

    None for GitHub's own pages (``/orgs``, ``/topics``, ``/sponsors``, ``/marketplace``...),
    user profiles, gists and other hosts, so callers can ask the API about real repositories only.
    """
    parts = _split(url.strip())
    if parts is None or parts.port or _bare_host(parts.host) != "github.com":
        return None
    return _repo_segments(parts.path.split("/")[1:])


def _github_path(path: str) -> str:
    """The normalised path with owner/repo lower-cased (GitHub resolves them case-insensitively).

    Whatever follows (``/tree/main/x``, ``/blob/...``) stays as written: branch names and file
    paths are case-sensitive and name a different resource than the repository itself.
    """
    segs = path.split("/")
    repo = _repo_segments(segs[1:])
    if repo is not None:
        segs[1], segs[2] = repo[0].lower(), repo[1].lower()
    elif len(segs) == 2 and segs[1] and segs[1].lower() not in _GITHUB_RESERVED:
        segs[1] = segs[1].lower()  # a user or organisation profile
    return "/".join(segs)


# --------------------------------------------------------------------------- DOI, OpenReview, ACL

_DOI = lazy(r"10\.\d{4,9}/\S+\Z")
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org"})


def doi(url: str) -> Optional[str]:
    """The lower-cased DOI of a ``doi.org`` / ``dx.doi.org`` link or a ``doi:10...`` string.

    DOIs are case-insensitive by definition, so lower-casing makes equal DOIs compare equal.
    """
    text = url.strip()
    if text[:4].lower() == "doi:":
        value = text[4:].strip()
    else:
        parts = _split(text)
        if parts is None or _bare_host(parts.host) not in _DOI_HOSTS:
            return None
        value = parts.path[1:]
    value = unquote(value).rstrip("/").lower()
    return value if _DOI.match(value) else None


_OPENREVIEW_PATH = lazy(r"/(?:forum|pdf)/?\Z")
_OPENREVIEW_ID = lazy(r"(?:^|&)id=([^&]+)")


def openreview_id(url: str) -> Optional[str]:
    """The note id of an OpenReview ``/forum?id=X`` or ``/pdf?id=X`` link (one paper, two views).

    Other parameters (``noteId`` of a comment, ``referrer``) do not change which paper it is.
    """
    parts = _split(url.strip())
    if parts is None or parts.query is None or _bare_host(parts.host) != "openreview.net":
        return None
    if not _OPENREVIEW_PATH.match(parts.path):
        return None
    m = _OPENREVIEW_ID.search(parts.query)
    return unquote(m.group(1)) if m else None


# New-style 2020.emnlp-main.161, old-style P19-1001; an optional revision vN; optional .pdf.
_ACL_ID = r"(?P<id>\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+|[A-Z]\d{2}-\d{4})(?:v\d+)?(?:\.pdf)?/?\Z"
_ACL_PATHS = {
    "aclanthology.org": lazy(r"/" + _ACL_ID, re.I),
    "aclweb.org": lazy(r"/anthology/(?:[A-Z]/[A-Z]\d{2}/)?" + _ACL_ID, re.I),
}


def acl_id(url: str) -> Optional[str]:
    """The ACL Anthology ID of an aclanthology.org or aclweb.org/anthology paper link.

    Old IDs are upper-cased (``P19-1001``) and new ones lower-cased (``2020.emnlp-main.161``),
    the Anthology's own spelling, so case variants of one paper compare equal.
    """
    parts = _split(url.strip())
    if parts is None:
        return None
    pattern = _ACL_PATHS.get(_bare_host(parts.host))
    m = pattern.match(parts.path) if pattern else None
    if m is None:
        return None
    value = m.group("id")
    return value.lower() if "." in value else value.upper()


# --------------------------------------------------------------------------- normalisation

_TRACKING = frozenset(
    """fbclid gclid gclsrc dclid msclkid yclid twclid ttclid li_fat_id igshid mc_cid mc_eid _ga
    _gl _hsenc _hsmi __hstc __hssc __hsfp hsctatracking mkt_tok vero_id oly_anon_id oly_enc_id
    wickedid rb_clickid s_cid spm ref_src ref_url referrer""".split()
)
# On these hosts ``ref`` names a branch or tag (``?ref=main``), elsewhere it is a referrer tag.
_REF_MEANINGFUL = frozenset({"github.com", "api.github.com", "gitlab.com"})


def _norm_query(query: Optional[str], host: str) -> str:
    """Drop tracking parameters and sort the rest, so parameter order and campaigns don't split."""
    if not query:
        return ""
    keep = []
    for item in query.split("&"):
        if not item:
            continue
        key = item.split("=", 1)[0].lower()
        if key.startswith("utm_") or key in _TRACKING:
            continue
        if key == "ref" and host not in _REF_MEANINGFUL:
            continue
        keep.append(_norm_pct(item))
    return "?" + "&".join(sorted(keep)) if keep else ""


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4; called only when a dot segment is present (rare, so off the fast path)."""
    out: list[str] = []
    for seg in path.split("/")[1:]:
        if seg == "..":
            if out:
                out.pop()
        elif seg != ".":
            out.append(seg)
    tail = "/" if path.endswith(("/.", "/..")) else ""
    return "/" + "/".join(out) + tail


def _special_key(url: str, host: str) -> Optional[str]:
    """The identifier key for paper hosts whose many URL forms name one paper."""
    found = _arxiv(url)
    if found is not None:
        return "arxiv:" + found.id
    if host in _DOI_HOSTS:
        value = doi(url)
        return "doi:" + value if value else None
    if host == "openreview.net":
        value = openreview_id(url)
        return "openreview:" + value if value else None
    if host in _ACL_PATHS:
        value = acl_id(url)
        return "acl:" + value if value else None
    return None


@lru_cache(maxsize=16384)
def normalize_url(url: str) -> str:
    """A key under which two URLs naming the same paper or resource compare equal.

    Used by the duplicate-entry rule and to dedupe link-check requests.  Papers get identifier
    keys (``arxiv:ID`` without version, ``openreview:ID``, ``doi:lower-case-doi``, ``acl:ID``);
    other http(s) URLs become ``host[:port]/path[?query]`` with the scheme, ``www.``, default
    ports, trailing slashes, fragments (except ``#/route`` ones) and tracking parameters dropped,
    the remaining query sorted, escapes of unreserved characters decoded and GitHub owner/repo
    lower-cased.  The key is for comparing, not for fetching.  ``doi:`` and ``arXiv:`` strings
    get their paper key; any other non-http(s) text is returned stripped and otherwise unchanged.
    """
    text = url.strip()
    key = _simple_github(text)
    if key is not None:
        return key
    return _normalize_general(text)


# ``https://github.com/owner/repo``, half the links of many lists: no query, fragment,
# escape, port or third segment. Its key is owner and repo lower-cased (``.git`` dropped),
# which the general path below would also give; tests compare the two.
_SIMPLE_GITHUB = lazy(
    r"https?://(?:www\.)?github\.com/([A-Za-z0-9_][A-Za-z0-9_-]*)/([A-Za-z0-9._-]+)/?\Z", re.I)


# _SIMPLE_GITHUB for a lower-cased ASCII URL: its IGNORECASE then changes nothing.
_SIMPLE_GITHUB_LOWER = lazy(
    r"https?://(?:www\.)?github\.com/([a-z0-9_][a-z0-9_-]*)/([a-z0-9._-]+)/?\Z")


def _simple_github(text: str) -> Optional[str]:
    """The key of a simple GitHub URL, owner and repo lower-cased and ``.git`` dropped, or
    None for any other text (a reserved first segment, a dot segment, an empty name).

    An ASCII URL is lower-cased once and matched case-sensitively, and its key is a slice of
    it; others take the case-insensitive pattern and :func:`_simple_github_key`. Half the
    links of many lists (12,700 on a 3 MB list).
    """
    if not text.isascii():
        match = _SIMPLE_GITHUB.match(text)
        return _simple_github_key(match) if match is not None else None
    low = text.lower()
    match = _SIMPLE_GITHUB_LOWER.match(low)
    if match is None or match.group(1) in _GITHUB_RESERVED:
        return None
    repo_at, end = match.span(2)
    if low.endswith(".git", repo_at, end):
        end -= 4
    if end <= repo_at or low[repo_at] == ".":
        return None  # dot segments and an empty name: the general path decides
    return low[match.start(1) - 11:end]  # "github.com/owner/repo"


def _simple_github_key(match: "re.Match[str]") -> Optional[str]:
    owner, repo = match.group(1).lower(), match.group(2).lower()
    if owner in _GITHUB_RESERVED:
        return None
    if repo.endswith(".git"):
        repo = repo[:-4]
    if not repo or repo in (".", "..") or "/." in "/" + repo:
        return None  # dot segments and an empty name: the general path decides
    return "github.com/" + owner + "/" + repo


def _normalize_general(text: str) -> str:
    """:func:`normalize_url` for any stripped text."""
    parts = _split(text)
    if parts is None:
        found = _arxiv(text)
        if found is not None:  # arXiv:ID, or doi:10.48550/arXiv.ID
            return "arxiv:" + found.id
        value = doi(text)
        return "doi:" + value if value else text
    host = _bare_host(parts.host)
    key = _special_key(text, host)
    if key is not None:
        return key
    path = _norm_pct(parts.path)
    if "/." in path:
        path = _remove_dot_segments(path)
    path = path.rstrip("/")
    if host == "github.com" and not parts.port:
        path = _github_path(path)
    userinfo = parts.userinfo + "@" if parts.userinfo else ""
    port = ":" + parts.port if parts.port else ""
    return userinfo + host + port + path + _norm_query(parts.query, host) + _route(parts.fragment)


def _route(fragment: Optional[str]) -> str:
    """Keep client-side routes (``#/app/x``, ``#!/x``): there the fragment is the page itself.

    Every other fragment is a place within one resource and is dropped.
    """
    if fragment and fragment[0] in "/!" and fragment.strip("/!"):
        return "#" + _norm_pct(fragment).rstrip("/")
    return ""


# --------------------------------------------------------------------------- identity
#
# ``normalize_url`` keys what one *request* fetches (the link checker dedupes on it, and ``fix
# --canonical-urls`` rewrites arXiv mirrors), so it must not merge pages that are fetched
# separately. Duplicate detection asks a wider question, "is this the same paper or
# resource?": an arXiv paper on alphaxiv or Hugging Face papers, one DOI on the publisher's
# abstract, full-text and PDF pages, one YouTube video under ``youtu.be`` and ``watch?v=``.
# ``identity`` answers it, on top of ``normalize_url``.

# Pages that embed an arXiv id in their path (not mirrors: they are other sites about the paper).
_ARXIV_PAGES = {  # host -> path pattern
    "alphaxiv.org": r"/(?:abs|overview|pdf)/" + _ARXIV_ID + r"(?:\.pdf)?/?\Z",
    "huggingface.co": r"/papers/" + _ARXIV_ID + r"/?\Z",
    "hf.co": r"/papers/" + _ARXIV_ID + r"/?\Z",
    "paperswithcode.com": r"/(?:paper|arxiv)/" + _ARXIV_ID + r"/?\Z",
    "semanticscholar.org": r"/arxiv/" + _ARXIV_ID + r"/?\Z",
    "api.semanticscholar.org": r"/(?:graph/v1/paper/)?" + _ARXIV_ID + r"/?\Z",
    "ar5iv.org": r"/(?:abs|html)/" + _ARXIV_ID + r"/?\Z",
    "arxiv-vanity.com": r"/papers/" + _ARXIV_ID + r"/?\Z",
    "scirate.com": r"/arxiv/" + _ARXIV_ID + r"/?\Z",
}
# ``/doi/10.x/...`` on publisher sites (ACM, Wiley, Taylor & Francis, SAGE, ACS, IEEE ...),
# optionally after ``abs/``, ``full/``, ``pdf/``, ``epdf/``, ``fullHtml/``; Springer's
# ``/article/10.x/...`` and ``/chapter/10.x/...``.
_DOI_PATH = lazy(r"/(?:doi|article|chapter|book|content/pdf)/(?:(?:abs|full|pdf|epdf|"
                       r"fullhtml|reader|book)/)?(10\.\d{4,9}/[^?#\s]+?)(?:\.pdf)?/?\Z", re.I)
_IEEE_DOCUMENT = lazy(r"/(?:abstract/)?document/(\d+)|/stamp/stamp\.jsp|/xpl/"
                            r"(?:articleDetails|freeabs_all)\.jsp", re.I)
_IEEE_NUMBER = lazy(r"(?:^|&)arnumber=(\d+)")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "m.youtube.com", "music.youtube.com",
                            "youtube-nocookie.com"})
_YOUTUBE_PATH = lazy(r"/(?:embed|shorts|live|v)/([\w-]{11})")
_YOUTUBE_V = lazy(r"(?:^|&)v=([\w-]{11})")
_YOUTUBE_LIST = lazy(r"(?:^|&)list=([\w-]+)")
_PYPI = lazy(r"/(?:pypi|project)/([^/]+)")
# Fragments that name no part of the page (GitHub's ``#readme``, ``#top``): dropped.
_NO_PLACE = frozenset({"", "readme", "top", "start", "main", "content", "contents", "home",
                       "about", "introduction", "overview", "description"})


@lru_cache(maxsize=None)
def _arxiv_page(host: str) -> re.Pattern[str]:
    """The host's path pattern, compiled when a link to it first shows up (import stays cheap)."""
    return re.compile(_ARXIV_PAGES[host], re.I)


def _page_arxiv(host: str, parts: _Parts) -> Optional[str]:
    if host not in _ARXIV_PAGES:
        return None
    m = _arxiv_page(host).match(parts.path)
    found = _valid_arxiv(m) if m else None
    return found[0] if found else None


@lru_cache(maxsize=16384)
def paper_key(url: str) -> Optional[str]:
    """``arxiv:ID``, ``doi:...``, ``openreview:ID``, ``acl:ID`` or ``ieee:N`` when ``url`` names
    one paper, in any of its forms (abs, pdf, html, versions, mirrors, pages that embed the
    id: alphaxiv, Hugging Face papers, Papers with Code, Semantic Scholar; a DOI on doi.org or
    on the publisher's own ``/doi/`` pages; an IEEE Xplore document); None for anything else."""
    text = url.strip()
    key = _arxiv_org_key(text)
    if key is not None:
        return key
    parts = _split(text)
    if parts is None:
        found = _arxiv(text)
        if found is not None:
            return "arxiv:" + found.id
        value = doi(text)
        return "doi:" + value if value else None
    host = _bare_host(parts.host)
    key = _special_key(text, host)
    if key is not None:
        if key.startswith("doi:"):
            inner = _arxiv_from_doi(key[4:])
            return "arxiv:" + inner.id if inner else key
        return key
    page = _page_arxiv(host, parts)
    if page is not None:
        return "arxiv:" + page
    if host.endswith("semanticscholar.org") and "/arxiv" in parts.path.lower():
        page = _page_arxiv("semanticscholar.org", parts)
        if page is not None:
            return "arxiv:" + page
    if "/10." in parts.path:
        m = _DOI_PATH.search(unquote(parts.path))
        if m and host not in _DOI_HOSTS:
            value = m.group(1).rstrip("/").lower()
            inner = _arxiv_from_doi(value)
            return "arxiv:" + inner.id if inner else "doi:" + value
    if host == "openreview.net" and parts.path.rstrip("/") == "/attachment" and \
            "name=pdf" in (parts.query or ""):  # the paper's PDF attached to its note
        m = _OPENREVIEW_ID.search(parts.query or "")
        if m:
            return "openreview:" + unquote(m.group(1))
    if host == "ieeexplore.ieee.org":
        m = _IEEE_DOCUMENT.search(parts.path)
        if m:
            number = m.group(1) or next(iter(_IEEE_NUMBER.findall(parts.query or "")), None)
            if number:
                return "ieee:" + number
    return None


def identity(url: str) -> str:
    """The key under which two links name the same paper or resource, for duplicate detection.

    A paper's id (:func:`paper_key`) when it has one; a YouTube video's or playlist's id; a
    PyPI project by name; else :func:`normalize_url` with ``locale`` parameters dropped and a
    fragment kept when it names a part of the page (``CHANGELOG.md#057`` is one release,
    ``vet#hdr-Shadowed_variables`` one check), since a list may link a page and a part of it
    as two entries. ``#readme``-like fragments name nothing and are dropped.

    A simple GitHub URL (half the links of many lists; never a paper) is keyed without the
    cache: a check asks once per link, and a cache miss cost as much as the key itself.
    """
    text = url.strip()
    key = _simple_github(text)
    if key is not None:
        return key
    key = _arxiv_org_key(text)  # (without two more caches' misses)
    return key if key is not None else _identity(url)


def _arxiv_org_key(text: str) -> Optional[str]:
    """``arxiv:ID`` of an arxiv.org abs or pdf URL, from the cached arXiv reading the venue
    rules share (each URL read once per run); None for any other text."""
    if text.startswith(_SIMPLE_ARXIV_HEADS):
        found = _arxiv(text)
        if found is not None:
            return "arxiv:" + found.id
    return None


@lru_cache(maxsize=16384)
def _identity(url: str) -> str:
    """:func:`identity` of any URL but a simple GitHub one."""
    text = url.strip()
    key = paper_key(text)
    if key is not None:
        return key
    parts = _split(text)
    if parts is None:
        return normalize_url(text)
    host = _bare_host(parts.host)
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        video = _YOUTUBE_V.search(parts.query or "") if host != "youtu.be" else None
        if host == "youtu.be":
            segment = parts.path.strip("/")
            if re.fullmatch(r"[\w-]{11}", segment):
                return "youtube:" + segment
        elif video:
            return "youtube:" + video.group(1)
        else:
            m = _YOUTUBE_PATH.match(parts.path)
            if m:
                return "youtube:" + m.group(1)
            playlist = _YOUTUBE_LIST.search(parts.query or "")
            if playlist and parts.path.rstrip("/") == "/playlist":
                return "youtube-list:" + playlist.group(1)
    if host in ("pypi.org", "pypi.python.org"):
        m = _PYPI.match(parts.path)
        if m:
            return "pypi:" + re.sub(r"[-_.]+", "-", unquote(m.group(1))).lower()
    key = normalize_url(text)
    if parts.query and "locale=" in parts.query.lower():
        key = re.sub(r"([?&])locale=[^&]*&?", r"\1", key, flags=re.I).rstrip("?&")
    fragment = parts.fragment
    if fragment and fragment[0] not in "/!" and fragment.lower() not in _NO_PLACE \
            and not fragment.startswith(":~:"):
        key += "#" + unquote(fragment)
    return key


_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "codeberg.org", "bitbucket.org",
                         "gitee.com", "sr.ht", "git.sr.ht", "huggingface.co", "pypi.org",
                         "npmjs.com", "www.npmjs.com", "crates.io", "pkg.go.dev",
                         "packagist.org", "rubygems.org", "hub.docker.com"})
_PAGE_SUFFIX = lazy(r"\.(?:html?|php|aspx?|md|pdf)$", re.I)
_GENERIC_SEGMENTS = frozenset({"", "index", "home", "en", "docs", "doc", "wiki", "p", "blog",
                               "posts", "post", "article", "articles", "www", "main", "master",
                               "tree", "blob", "projects", "project", "package", "packages",
                               "app", "apps", "product", "products", "tools", "tool"})


@lru_cache(maxsize=16384)
def resource_names(url: str, pages: bool = True) -> Tuple[str, ...]:
    """The names a URL gives its resource, lower-cased: a repository's or package's name on
    a code host (``github.com/o/react-hook-form`` -> ``react-hook-form``), else the site's own
    name and the page's last path segment (``beets.io`` -> ``beets``;
    ``blog.x.io/p/design-instagram`` -> ``x``, ``design-instagram``). An entry whose name is
    one of these names the resource itself, not something that merely lives there.
    ``pages=False`` leaves out the page's last path segment (keeps sites and repositories)."""
    parts = _split(url.strip())
    if parts is None:
        return ()
    host = _bare_host(parts.host)
    segments = [unquote(seg) for seg in parts.path.split("/") if seg]
    names = []
    if host in _CODE_HOSTS:
        if host in ("pypi.org", "npmjs.com", "www.npmjs.com", "crates.io", "packagist.org",
                    "rubygems.org"):
            names.append(segments[-1] if segments else "")
        elif len(segments) >= 2:
            names.append(segments[1][:-4] if segments[1].lower().endswith(".git")
                         else segments[1])
        elif segments:
            names.append(segments[0])
    else:
        labels = host.split(".")
        if host.endswith(".github.io") or host.endswith(".gitlab.io"):
            names.append(labels[0])
            if segments and pages:
                names.append(segments[0])
        elif len(labels) >= 2:
            names.append(labels[-3] if len(labels) >= 3 and labels[-2] in (
                "co", "com", "org", "ac", "gov", "net", "edu") and len(labels[-1]) == 2
                else labels[-2])
        tail = [seg for seg in segments if seg.lower() not in _GENERIC_SEGMENTS]
        if tail and pages:
            names.append(_PAGE_SUFFIX.sub("", tail[-1]))
    return tuple(name.lower() for name in names if name)


# --------------------------------------------------------------------------- link kinds


def is_external(url: str) -> bool:
    """True for http(s) and protocol-relative (``//host``) links: those a link checker fetches."""
    text = url.strip()
    if text.startswith("//"):
        return True
    head = text[:8].lower()
    return head.startswith("http://") or head == "https://"


_WEB_STARTS = ("https://", "http://")


def is_local_path(url: str) -> bool:
    """True for a relative or root-relative file path that the repository should contain.

    Fragment-only (``#x``) and query-only links point into the page; anything with a scheme
    (``mailto:``, ``tel:``, ``data:``, ``javascript:``, ``http:``) or ``//host`` is not a file.
    A Windows drive path (``C:\\x``) counts as local: it is a (broken) file reference, not a scheme.
    """
    if url.startswith(_WEB_STARTS):
        return False  # most links: decided without the two patterns (a fifth of the time)
    text = url.strip()
    if not text or text[0] in "#?" or text.startswith("//"):
        return False
    if _SCHEME.match(text) and not _DRIVE.match(text):
        return False
    return True
