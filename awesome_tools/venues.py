"""Venues: a small table of where papers appear, and the evidence a URL or a tag gives of it.

Paper lists tag entries like ``[ICCV 2020]`` or ``[arXiv 2020/04, ECCV 2020]`` and link the paper
on a proceedings site.  Both say something checkable: ICCV is held in odd years only, a CVF
``content_CVPR_2020`` link says CVPR 2020, an arXiv ID says when the preprint first appeared.
This module turns tags and URLs into comparable facts (:class:`VenueTag`, :class:`Evidence`);
rules decide what a disagreement means.  Standard library only; regexes compiled once.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.records import record
from awesome_tools.urls import acl_id, arxiv_id

__all__ = [
    "Venue",
    "VENUES",
    "find_venue",
    "Evidence",
    "url_evidence",
    "arxiv_date",
    "VenueTag",
    "parse_venue_tag",
    "PMLR_VOLUMES",
    "VenueTable",
    "DEFAULT_TABLE",
    "venues_from_config",
    "apostrophe_tag",
    "unknown_venue",
]

# --------------------------------------------------------------------------- the table


@record(frozen=True)
class Venue:
    """A conference, journal or preprint server, with when it can have happened.

    ``every`` is 1 for annual venues (no year after ``first_year`` is ruled out; a few early
    skipped years, such as AAAI's in IJCAI's North American years, are not modelled), 2 for
    biennial ones held in years with ``year % 2 == parity`` (ICCV odd, ECCV even), and 0 for
    irregular ones (NAACL, EACL, COLING), where only ``first_year`` is checked.
    ``annual_from`` is the year a biennial venue became annual (IJCAI 2016).
    """

    name: str
    full_name: str
    kind: str  # "conference", "journal", "preprint" or "report"
    first_year: int
    aliases: Tuple[str, ...] = ()
    every: int = 1
    parity: Optional[int] = None
    annual_from: Optional[int] = None

    def held_in(self, year: int) -> Optional[bool]:
        """Whether the venue can have a paper dated ``year``; None when the table can't tell."""
        if year < self.first_year:
            return False
        if self.every == 1 or (self.annual_from is not None and year >= self.annual_from):
            return True
        if self.every == 2 and self.parity is not None:
            return year % 2 == self.parity
        return None

    @property
    def preprint(self) -> bool:
        """Preprint servers and lab reports: not peer-reviewed publications."""
        return self.kind in ("preprint", "report")


def _v(name: str, full: str, kind: str, first: int, *aliases: str, **period: int) -> Venue:
    return Venue(name, full, kind, first, aliases, **period)


_C, _J = "conference", "journal"
VENUES: Tuple[Venue, ...] = (
    # machine learning
    _v("NeurIPS", "Conference on Neural Information Processing Systems", _C, 1987, "NIPS"),
    _v("ICML", "International Conference on Machine Learning", _C, 1980),
    _v("ICLR", "International Conference on Learning Representations", _C, 2013),
    _v("AISTATS", "Conference on Artificial Intelligence and Statistics", _C, 1985,
       every=2, parity=1, annual_from=2009),
    _v("COLT", "Conference on Learning Theory", _C, 1988),
    _v("UAI", "Conference on Uncertainty in Artificial Intelligence", _C, 1985),
    _v("CoRL", "Conference on Robot Learning", _C, 2017),
    _v("JMLR", "Journal of Machine Learning Research", _J, 2000),
    _v("TMLR", "Transactions on Machine Learning Research", _J, 2022),
    _v("COLM", "Conference on Language Modeling", _C, 2024),
    _v("TNNLS", "IEEE Transactions on Neural Networks and Learning Systems", _J, 2012),
    _v("Neurocomputing", "Neurocomputing", _J, 1989),
    # general science and engineering journals that paper lists cite
    _v("Nature", "Nature", _J, 1869),
    _v("Science", "Science", _J, 1880),
    _v("Nature Machine Intelligence", "Nature Machine Intelligence", _J, 2019,
       "Nat. Mach. Intell."),
    _v("Nature Communications", "Nature Communications", _J, 2010, "Nat. Commun."),
    _v("PNAS", "Proceedings of the National Academy of Sciences", _J, 1915),
    _v("IEEE Access", "IEEE Access", _J, 2013),
    _v("ACM Computing Surveys", "ACM Computing Surveys", _J, 1969, "CSUR"),
    _v("TKDE", "IEEE Transactions on Knowledge and Data Engineering", _J, 1989),
    # computer vision
    _v("CVPR", "Conference on Computer Vision and Pattern Recognition", _C, 1983),
    _v("ICCV", "International Conference on Computer Vision", _C, 1987, every=2, parity=1),
    _v("ECCV", "European Conference on Computer Vision", _C, 1990, every=2, parity=0),
    _v("WACV", "Winter Conference on Applications of Computer Vision", _C, 1992, every=0),
    _v("ACCV", "Asian Conference on Computer Vision", _C, 1993, every=0),
    _v("BMVC", "British Machine Vision Conference", _C, 1990),
    _v("3DV", "International Conference on 3D Vision", _C, 2013),
    _v("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence", _J, 1979,
       "PAMI", "T-PAMI"),
    _v("IJCV", "International Journal of Computer Vision", _J, 1987),
    _v("TIP", "IEEE Transactions on Image Processing", _J, 1992),
    _v("MICCAI", "Medical Image Computing and Computer Assisted Intervention", _C, 1998),
    _v("TMM", "IEEE Transactions on Multimedia", _J, 1999),
    _v("TCSVT", "IEEE Transactions on Circuits and Systems for Video Technology", _J, 1991),
    _v("SIGGRAPH", "ACM SIGGRAPH Conference", _C, 1974, "SIGGRAPH Asia"),
    _v("ICME", "IEEE International Conference on Multimedia and Expo", _C, 2000),
    _v("ISBI", "IEEE International Symposium on Biomedical Imaging", _C, 2002),
    _v("Eurographics", "Annual Conference of the European Association for Computer Graphics",
       _C, 1980),
    _v("IEEE VR", "IEEE Conference on Virtual Reality and 3D User Interfaces", _C, 1993),
    # natural language processing
    _v("ACL", "Annual Meeting of the Association for Computational Linguistics", _C, 1963,
       "ACL-IJCNLP"),
    _v("EMNLP", "Conference on Empirical Methods in Natural Language Processing", _C, 1996,
       "EMNLP-IJCNLP", "EMNLP-CoNLL"),
    _v("NAACL", "North American Chapter of the ACL", _C, 2000, "NAACL-HLT", "HLT-NAACL",
       every=0),
    _v("EACL", "European Chapter of the ACL", _C, 1983, every=0),
    _v("AACL", "Asia-Pacific Chapter of the ACL", _C, 2020, "AACL-IJCNLP", "IJCNLP-AACL",
       every=0),
    _v("COLING", "International Conference on Computational Linguistics", _C, 1965, every=0),
    _v("CoNLL", "Conference on Computational Natural Language Learning", _C, 1997),
    _v("LREC", "Language Resources and Evaluation Conference", _C, 1998, "LREC-COLING",
       every=2, parity=0),
    _v("TACL", "Transactions of the Association for Computational Linguistics", _J, 2013),
    _v("CL", "Computational Linguistics", _J, 1974, "Computational Linguistics"),
    # artificial intelligence, data, speech, robotics
    _v("AAAI", "AAAI Conference on Artificial Intelligence", _C, 1980),
    _v("IJCAI", "International Joint Conference on Artificial Intelligence", _C, 1969,
       every=2, parity=1, annual_from=2016),
    _v("KDD", "ACM SIGKDD Conference on Knowledge Discovery and Data Mining", _C, 1995,
       "SIGKDD"),
    _v("WWW", "The Web Conference", _C, 1994, "TheWebConf"),
    _v("CIKM", "ACM International Conference on Information and Knowledge Management", _C,
       1992),
    _v("ICDE", "IEEE International Conference on Data Engineering", _C, 1984),
    _v("VLDB", "International Conference on Very Large Data Bases", _C, 1975, "PVLDB"),
    _v("WSDM", "ACM International Conference on Web Search and Data Mining", _C, 2008),
    _v("ICDM", "IEEE International Conference on Data Mining", _C, 2001),
    _v("RecSys", "ACM Conference on Recommender Systems", _C, 2007),
    _v("ECIR", "European Conference on Information Retrieval", _C, 1978),
    _v("ICMR", "ACM International Conference on Multimedia Retrieval", _C, 2011),
    _v("SIGIR", "ACM SIGIR Conference on Research and Development in Information Retrieval",
       _C, 1978),
    _v("ACM MM", "ACM International Conference on Multimedia", _C, 1993, "ACMMM",
       "ACM Multimedia"),
    _v("ICASSP", "IEEE International Conference on Acoustics, Speech and Signal Processing",
       _C, 1976),
    _v("Interspeech", "Interspeech", _C, 2000),
    _v("ICRA", "IEEE International Conference on Robotics and Automation", _C, 1984),
    _v("IROS", "IEEE/RSJ International Conference on Intelligent Robots and Systems", _C, 1988),
    # preprints and lab reports
    _v("arXiv", "arXiv preprint", "preprint", 1991),
    _v("OpenAI", "OpenAI papers and reports", "report", 2015),
)

_BY_KEY: Dict[str, Venue] = {}
for _venue in VENUES:
    for _alias in (_venue.name,) + _venue.aliases:
        _BY_KEY[re.sub(r"[\s-]+", "", _alias.lower())] = _venue


def find_venue(name: str) -> Optional[Venue]:
    """The table entry for a name or alias, ignoring case, spaces and hyphens (``nips``)."""
    return _BY_KEY.get(re.sub(r"[\s-]+", "", name.lower()))


def _name(key: str) -> str:
    return _BY_KEY[key].name


# --------------------------------------------------------------------------- URL evidence


@record(frozen=True)
class Evidence:
    """What a URL says about where and when a paper appeared.

    ``venue`` is a canonical table name (or None when only the year is known); ``source`` names
    the URL family (``cvf``, ``acl-anthology``, ``neurips``, ``pmlr``, ``arxiv``...) so a message
    can say where the evidence came from.  ``workshop`` and ``findings`` mark papers of a
    venue's workshops or of its Findings volume rather than of the main conference.
    """

    venue: Optional[str]
    year: Optional[int]
    month: Optional[int]
    source: str
    workshop: bool = False
    findings: bool = False


_HOSTPATH = lazy(
    r"(?:https?:)?//(?:[^/?#@]*@)?(?P<host>[^/?#:]+)(?::\d*)?(?P<path>[^?#]*)", re.I
)


def _host_path(url: str) -> Optional[Tuple[str, str]]:
    """Lower-case host without ``www.`` and the raw path of an http(s) URL."""
    m = _HOSTPATH.match(url.strip())
    if m is None:
        return None
    host, path = m.group("host", "path")
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host, path


def arxiv_date(ident: str) -> Optional[Tuple[int, int]]:
    """(year, month) of first submission encoded in an arXiv ID (``2004.06165`` -> 2020, 4).

    New IDs start with YYMM; old ones (``cs/0112017``) carry YYMM after the archive.
    """
    digits = ident.rsplit("/", 1)[-1][:4]
    if len(digits) < 4 or not digits.isdigit():
        return None
    yy, month = int(digits[:2]), int(digits[2:])
    if "/" in ident:
        return (1900 + yy if yy >= 91 else 2000 + yy), month
    return 2000 + yy, month


def _from_arxiv(url: str, host: str, path: str) -> Optional[Evidence]:
    ident = arxiv_id(url)
    # the date is in the archive and the first four digits after it: cut the serial number
    return _arxiv_evidence(ident[:ident.rfind("/") + 5]) if ident else None


@lru_cache(maxsize=1024)
def _arxiv_evidence(stamp: str) -> Optional[Evidence]:
    """The evidence of every arXiv ID of one month (``2304`` for ``2304.00685``, ``cs/0112``).

    Shared, as it is immutable: building one per link was half the cost of reading the 2026
    arXiv links of a paper list."""
    date = arxiv_date(stamp)
    return Evidence("arXiv", date[0], date[1], "arxiv") if date else None


_CVF_VENUES = "cvpr|iccv|eccv|wacv|accv"
_CVF_CONTENT = lazy(
    r"/content[_/](?P<v>%s)(?P<w1>w|_workshops)?_?(?P<y>(?:19|20)\d{2})"
    r"(?P<w2>w|_workshops)?(?:/|\Z)"
    % _CVF_VENUES,
    re.I,
)
_CVF_LISTING = lazy(
    r"/(?P<v>%s)(?P<y>(?:19|20)\d{2})(?P<w2>w|_workshops)?(?:\.py)?(?:/|\Z)" % _CVF_VENUES, re.I
)
_CVF_SITE = lazy(r"(?P<v>%s)(?P<y>(?:19|20)\d{2})\.thecvf\.com\Z" % _CVF_VENUES)


def _from_cvf(url: str, host: str, path: str) -> Optional[Evidence]:
    """CVF open access (``content_CVPR_2020``, ``content/ICCV2023W``), ``cvpr2018.thecvf.com``."""
    if host == "openaccess.thecvf.com":
        m = _CVF_CONTENT.match(path) or _CVF_LISTING.match(path)
        if m is None:
            return None
        workshop = bool(m.groupdict().get("w1") or m.group("w2"))
        return Evidence(_name(m.group("v").lower()), int(m.group("y")), None, "cvf", workshop)
    m = _CVF_SITE.match(host)
    if m is None:
        return None
    return Evidence(_name(m.group("v")), int(m.group("y")), None, "cvf")


_ECVA = lazy(r"/papers/eccv_(?P<y>(?:19|20)\d{2})/", re.I)


def _from_ecva(url: str, host: str, path: str) -> Optional[Evidence]:
    """ECCV papers since 2018 live on ecva.net (``/papers/eccv_2020/...``)."""
    m = _ECVA.match(path) if host == "ecva.net" else None
    return Evidence("ECCV", int(m.group("y")), None, "ecva") if m else None


# Old-style Anthology letters whose venue is in the table (W is workshops of any venue).
_ACL_LETTERS = {"C": "COLING", "D": "EMNLP", "E": "EACL", "J": "CL", "K": "CoNLL",
                "L": "LREC", "N": "NAACL", "P": "ACL", "Q": "TACL"}
# New-style volume slugs (2020.<slug>-<track>.N) whose venue is in the table.
_ACL_SLUGS = {"acl": "ACL", "emnlp": "EMNLP", "naacl": "NAACL", "eacl": "EACL",
              "aacl": "AACL", "ijcnlp": "AACL", "coling": "COLING", "conll": "CoNLL",
              "lrec": "LREC", "tacl": "TACL", "cl": "CL"}


def _from_acl(url: str, host: str, path: str) -> Optional[Evidence]:
    """ACL Anthology IDs: ``2020.emnlp-main.161`` -> EMNLP 2020, ``P19-1001`` -> ACL 2019."""
    ident = acl_id(url)
    if ident is None:
        return None
    if "." in ident:
        year_text, volume, _ = ident.split(".")
        slug, _, track = volume.partition("-")
        findings = slug == "findings"
        if findings:
            slug, track = track, ""
        venue = _ACL_SLUGS.get(slug)
        return Evidence(venue, int(year_text), None, "acl-anthology", track == "srw", findings)
    yy = int(ident[1:3])
    year = 1900 + yy if yy >= 50 else 2000 + yy
    letter = ident[0]
    return Evidence(_ACL_LETTERS.get(letter), year, None, "acl-anthology", letter == "W")


_NEURIPS_HOST = lazy(
    r"(?:papers|proceedings|datasets-benchmarks-proceedings)\.(?:nips|neurips)\.cc\Z"
)
_NEURIPS_PAPER = lazy(r"/+(?:paper_files/)?paper/(?P<y>(?:19|20)\d{2})(?:/|\Z)")
_NEURIPS_BOOK = lazy(
    r"/+book/(?:advances-in-)?neural-information-processing-systems-(?:(?P<vol>\d{1,2})-)?"
    r"(?P<y>(?:19|20)\d{2})/?\Z"
)


def _from_neurips(url: str, host: str, path: str) -> Optional[Evidence]:
    """NeurIPS proceedings: ``/paper/2020/...``, ``/paper_files/paper/2022/...``, ``/book/...``.

    Old ``papers.nips.cc/paper/4824-slug`` links carry no year: venue only.
    """
    if not _NEURIPS_HOST.match(host):
        return None
    m = _NEURIPS_PAPER.match(path) or _NEURIPS_BOOK.match(path)
    return Evidence("NeurIPS", int(m.group("y")) if m else None, None, "neurips")


_SITES = {"neurips.cc": "NeurIPS", "nips.cc": "NeurIPS", "icml.cc": "ICML", "iclr.cc": "ICLR",
          "cvpr.thecvf.com": "CVPR", "iccv.thecvf.com": "ICCV"}
_SITE_YEAR = lazy(r"/(?:Conferences|virtual)/(?P<y>(?:19|20)\d{2})(?:/|\Z)", re.I)


def _from_site(url: str, host: str, path: str) -> Optional[Evidence]:
    """Conference sites: ``nips.cc/Conferences/2016``, ``iclr.cc/virtual/2020/poster/...``."""
    venue = _SITES.get(host)
    m = _SITE_YEAR.match(path) if venue else None
    return Evidence(venue, int(m.group("y")), None, "conference-site") if m else None


# The main PMLR volumes: volume -> (venue, year).  Checked against citations of each volume.
PMLR_VOLUMES: Dict[int, Tuple[str, int]] = {
    **{v: ("ICML", y) for v, y in ((28, 2013), (32, 2014), (37, 2015), (48, 2016), (70, 2017),
                                   (80, 2018), (97, 2019), (119, 2020), (139, 2021), (162, 2022),
                                   (202, 2023), (235, 2024), (267, 2025))},
    **{v: ("AISTATS", y) for v, y in ((2, 2007), (5, 2009), (9, 2010), (15, 2011), (22, 2012),
                                      (31, 2013), (33, 2014), (38, 2015), (51, 2016), (54, 2017),
                                      (84, 2018), (89, 2019), (108, 2020), (130, 2021),
                                      (151, 2022), (206, 2023), (238, 2024), (258, 2025))},
    **{v: ("COLT", y) for v, y in ((19, 2011), (23, 2012), (30, 2013), (35, 2014), (40, 2015),
                                   (49, 2016), (65, 2017), (75, 2018), (99, 2019), (125, 2020),
                                   (134, 2021), (178, 2022), (195, 2023), (247, 2024))},
    **{v: ("CoRL", y) for v, y in ((78, 2017), (87, 2018), (100, 2019), (155, 2020), (164, 2021),
                                   (205, 2022), (229, 2023), (270, 2024))},
    **{v: ("UAI", y) for v, y in ((115, 2019), (124, 2020), (161, 2021), (180, 2022),
                                  (216, 2023), (244, 2024))},
}
_PMLR_PATH = lazy(
    r"/(?:proceedings/papers/)?v(?P<vol>\d+)(?:/(?P<key>[a-z][a-z-]*?(?P<yy>\d{2})[a-z]*)\b)?"
)
_JMLR_PATH = lazy(r"/papers/v(?P<vol>\d+)/")


def _from_pmlr(url: str, host: str, path: str) -> Optional[Evidence]:
    """PMLR volumes (``proceedings.mlr.press/v97`` -> ICML 2019) and JMLR journal volumes.

    An unlisted volume still dates the paper by its key (``lee19d`` -> 2019), though that is
    the publication year (CoRL 2024's papers are keyed ``25``), so no venue is claimed.
    """
    if host == "proceedings.mlr.press" or (host == "jmlr.org" and path.startswith("/proceedings/")):
        m = _PMLR_PATH.match(path)
        if m is None:
            return None
        known = PMLR_VOLUMES.get(int(m.group("vol")))
        if known:
            return Evidence(known[0], known[1], None, "pmlr")
        return Evidence(None, 2000 + int(m.group("yy")) if m.group("yy") else None, None, "pmlr")
    if host == "jmlr.org":
        m = _JMLR_PATH.match(path)
        return Evidence("JMLR", 1999 + int(m.group("vol")), None, "jmlr") if m else None
    return None


_IJCAI_PATH = lazy(r"/proceedings/(?P<y>(?:19|20)?\d{2})/", re.I)
_AAAI_PATH = lazy(
    r"/(?:ocs/index\.php/AAAI/AAAI(?P<yy>\d{2})/|Papers/AAAI/(?P<y>\d{4})"
    r"|Library/AAAI/(?P<y2>\d{4})/"
    r"|(?:ojs/)?index\.php/AAAI/)",
    re.I,
)


def _from_ai(url: str, host: str, path: str) -> Optional[Evidence]:
    """IJCAI proceedings (``/proceedings/2019/...``) and AAAI (OCS, OJS and library links)."""
    if host == "ijcai.org":
        m = _IJCAI_PATH.match(path)
        if m is None:
            return None
        year = int(m.group("y"))
        return Evidence("IJCAI", year if year > 99 else 2000 + year, None, "ijcai")
    if host in ("aaai.org", "ojs.aaai.org"):
        m = _AAAI_PATH.match(path)
        if m is None:
            return None
        year_text = m.group("y") or m.group("y2")
        short = m.group("yy")
        aaai_year: Optional[int] = int(year_text) if year_text else (
            2000 + int(short) if short else None)
        return Evidence("AAAI", aaai_year, None, "aaai")
    return None


Extractor = Callable[[str, str, str], Optional[Evidence]]


def _arxiv_host(host: str) -> bool:
    """Every host :func:`~awesome_tools.urls.arxiv_id` reads (arxiv.org and its mirrors, the
    DOI resolvers, IPv4 addresses) holds ``arxiv``, ``lanl``, ``doi`` or ends with a digit."""
    return "arxiv" in host or "lanl" in host or "doi" in host or host[-1:].isdigit()


# Each extractor with a test that is true of every host it can answer for (a superset: the
# extractor still checks the host itself). Order matters: the first answer wins.
_EXTRACTORS: Tuple[Tuple[Extractor, Callable[[str], bool]], ...] = (
    (_from_arxiv, _arxiv_host),
    (_from_cvf, lambda host: host.endswith("thecvf.com")),
    (_from_ecva, lambda host: host == "ecva.net"),
    (_from_acl, lambda host: host in ("aclanthology.org", "aclweb.org")),
    (_from_neurips, lambda host: host.endswith(("nips.cc", "neurips.cc"))),
    (_from_site, lambda host: host in _SITES),
    (_from_pmlr, lambda host: host in ("proceedings.mlr.press", "jmlr.org")),
    (_from_ai, lambda host: host in ("ijcai.org", "aaai.org", "ojs.aaai.org")),
)
_ALL_EXTRACTORS = tuple(extract for extract, _ in _EXTRACTORS)


# These two read the URL itself (urls.arxiv_id, urls.acl_id), not the host and path.
_URL_READERS = frozenset({_from_arxiv, _from_acl})
_WEB = ("https://", "http://")
# The host of these is arxiv.org, whose only extractor is _from_arxiv (it reads the URL, not
# the host and path): url_evidence skips the strip, split and host look-up it would take to
# learn that (~4.6M instructions, 2%
# of venue-mismatch, on the 2000 arXiv links of Awesome-Transformer-Attention).
_ARXIV_WEB = ("https://arxiv.org/", "http://arxiv.org/")


@lru_cache(maxsize=4096)
def _extractors_for(host: str) -> Tuple[Extractor, ...]:
    """The extractors that can answer for ``host``, in order: none for most links (GitHub,
    blogs), :func:`_from_arxiv` alone for arxiv.org."""
    return tuple(extract for extract, accepts in _EXTRACTORS if accepts(host))


@lru_cache(maxsize=4096)
def _by_authority(authority: str) -> Tuple[str, Tuple[Extractor, ...], bool]:
    """For a URL ``https://<authority>/...``: its host (as :func:`_host_path` reads it, from
    the authority alone), the extractors to try, and whether one of them reads the path.

    With an ``@`` the host read here can differ from the one urls.arxiv_id and acl_id read
    (``a@b@arxiv.org``): then every extractor is tried, as each checks its own host."""
    found = _host_path("//" + authority)
    if found is None:
        return "", (), False
    extractors = _ALL_EXTRACTORS if "@" in authority else _extractors_for(found[0])
    return found[0], extractors, any(e not in _URL_READERS for e in extractors)


def url_evidence(url: str) -> Optional[Evidence]:
    """What a paper URL says about its venue and date, or None when it says nothing.

    Recognises arXiv (year and month of first submission), CVF open access, ECVA, the ACL
    Anthology, NeurIPS proceedings, PMLR and JMLR volumes, IJCAI and AAAI proceedings, and
    conference sites.  A link to a paper's proceedings page is stronger evidence of its venue
    than a hand-written tag, so rules can compare the two.

    The extractors are picked by host (:func:`_by_authority`, one cached look-up for the usual
    ``https://host/...``), so most links (GitHub, blogs) are answered at once and an arXiv
    link is read once, by the arXiv extractor: trying all eight in turn on each of a paper
    list's 3520 links cost ~20 ms. An ``https://arxiv.org/...`` link, most paper links, goes
    to the arXiv extractor at once (:data:`_ARXIV_WEB`).
    """
    if url.startswith(_ARXIV_WEB):
        return _from_arxiv(url, "arxiv.org", "") if url.count("://") == 1 else None
    text = url.strip()
    if text.startswith(_WEB):
        host, extractors, reads_path = _by_authority(text.split("/", 3)[2])
        if not extractors:
            return None
        path = _host_path(text)[1] if reads_path else ""  # type: ignore[index]
    else:
        found = _host_path(text)
        if found is None:
            return None
        host, path = found
        extractors = _ALL_EXTRACTORS if "@" in text else _extractors_for(host)
    if url.count("://") > 1:
        return None  # two URLs glued together: a broken link says nothing of a venue
    for extract in extractors:
        evidence = extract(url, host, path)
        if evidence is not None:
            return evidence
    return None


# --------------------------------------------------------------------------- venue tags


@record(frozen=True)
class VenueTag:
    """One venue mention in a title or tag (``[arXiv 2019/08, ACL 2020]`` holds two).

    ``start``/``end`` are offsets in the parsed text so a fix can replace exactly the mention.
    """

    venue: str
    year: Optional[int]
    month: Optional[int]
    preprint: bool
    under_review: bool
    workshop: bool
    findings: bool
    text: str
    start: int
    end: int

    @classmethod
    def make(cls, venue: str, year: Optional[int], month: Optional[int], preprint: bool,
             under_review: bool, workshop: bool, findings: bool, text: str, start: int,
             end: int) -> "VenueTag":
        """The same VenueTag as the constructor, built without the frozen dataclass' per-field
        ``object.__setattr__`` (as :meth:`awesome_tools.model.Entry.make`): a paper list has
        thousands of tags, and this makes each about four times cheaper to build. The
        instance is as frozen and compares as equal as any other."""
        tag = object.__new__(cls)
        tag.__dict__.update(venue=venue, year=year, month=month, preprint=preprint,
                            under_review=under_review, workshop=workshop, findings=findings,
                            text=text, start=start, end=end)
        return tag


def _alias_pattern(alias: str) -> str:
    """Aliases match with any run of spaces, and with a hyphen or a space or nothing for ``-``."""
    return r"[\s-]?".join(r"\s+".join(map(re.escape, part.split())) for part in alias.split("-"))


def _tag_pattern(venues: Sequence[Venue]) -> "re.Pattern[str]":
    """The venue-mention regex for a table: its names and aliases, longest first.

    Optional parts are written ``(?:X|)`` rather than ``(?:X)?``: the same greedy choice,
    but the regex engine runs an alternation with an empty branch cheaper than a repeat
    (with :func:`_names_pattern`, the search costs ~45% fewer instructions on a paper list).
    """
    aliases = sorted({alias for v in venues for alias in (v.name,) + v.aliases if alias != "CL"},
                     key=len, reverse=True)
    return re.compile(
        _first_characters(aliases) +
        r"(?<![\w-])"
        r"(?:(?P<review>under\s+review\s+(?:of|at|for|in|by)|submitted\s+to)\s+(?:the\s+|)|)"
        r"(?:(?P<pre>workshops?\s+(?:at|of|@)|findings\s+of)\s+(?:the\s+|)|)"
        r"(?P<name>" + _names_pattern(aliases) + r")(?:(?P<w>W)|)"
        r"(?:\s+(?P<mid>papers?|blog|preprint|workshops?|findings|conference)|)"
        r"(?:\s*,\s*|[\s-]*)(?:['\u2019](?P<yy>\d{2})|(?P<year>(?:19|20)\d{2}))(?!\d)"
        r"(?:[/.-](?P<month>1[0-2]|0?[1-9])(?![\d.])|)"
        r"(?:\s*\(?\s*(?P<post>submission|under\s+review|workshops?|findings)\b\)?|)",
        re.I,
    )


def _names_pattern(aliases: Sequence[str]) -> str:
    """The alternation of ``aliases`` (in their order), grouped by first character.

    A flat alternation of ~110 names makes the engine try every name at each word start;
    grouped, it tries one branch per first character, then only the names of the group that
    matched. The matches are the same: when every name starts with an ASCII letter or digit,
    a character of the text matches (ignoring case) the first character of one group at
    most, and within a group the names keep their order (longest first).
    """
    if not all(alias[:1].isascii() and alias[:1].isalnum() for alias in aliases):
        return "|".join(_alias_pattern(alias) for alias in aliases)
    groups: Dict[str, List[str]] = {}
    for alias in aliases:  # an ASCII letter or digit is its own pattern: drop it, keep the rest
        groups.setdefault(alias[0].lower(), []).append(_alias_pattern(alias)[1:])
    return "|".join(first + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())


def _first_characters(aliases: Sequence[str]) -> str:
    """A lookahead for the characters a mention can start with (a name's first letter, or
    the ``under review``/``submitted``/``workshop``/``findings`` lead-ins), so that the
    search skips other positions at once instead of trying every alternative there (twice
    as fast on a paper list). Empty, so no shortcut, when a name starts with anything but a
    letter or digit. The pattern's flags (ignore case) apply to the class as to the names."""
    first = {alias[0] for alias in aliases if alias}
    if not first or not all(character.isalnum() for character in first):
        return ""
    first |= set("usUSwfWF")
    return "(?=[" + "".join(re.escape(character) for character in sorted(first)) + "])"


# Every mention holds a year, ``'21`` or ``2021``: a text without one is not searched (the
# search of a description with other numbers, ``10+ providers``, never compiles the tag regex).
_HAS_YEAR = lazy("(?:'|\u2019|19|20)\\d\\d")
_SPACES = lazy(r"[\s-]+")


_LAST_DIGIT = lazy(r".*\d", re.S)
_AFTER_YEAR = lazy(r"submission|review|workshop|findings", re.I)


def _tag_key(text: str) -> str:
    """``text`` cut one character after its last digit, when that cannot change its tags.

    Every mention holds a year, so none starts after the last digit, and what follows it can
    only be read by the lookaheads right after a year or month (one character) and by the
    ``(Workshop)``-like words after a year: the cut is made only when none of those words
    (matched as the tag regex matches them, ignoring case) follows. The text must hold a digit.
    """
    last = _LAST_DIGIT.match(text).end()  # type: ignore[union-attr]
    if last + 1 >= len(text):
        return text
    tail = text[last:]
    if tail.isascii():  # ignoring case is lower-casing here: no Kelvin sign, no long s
        lower = tail.lower()
        if "review" in lower or "submission" in lower or "workshop" in lower \
                or "findings" in lower:
            return text
    elif _AFTER_YEAR.search(tail):
        return text
    return text[:last + 1]


def _key(name: str) -> str:
    return _SPACES.sub("", name.lower())


# The groups _tag_from_match reads, fetched in one call.
_TAG_GROUPS = ("name", "year", "yy", "month", "review", "pre", "mid", "post", "w")
_PARSED_MAX = 4096  # texts whose tags a table remembers before it starts again


class VenueTable:
    """A venue table: look-ups by name or alias, and the tag parser built from its names.

    The default table is :data:`VENUES`; a list's config can add venues or replace entries
    (see :func:`venues_from_config`) with :meth:`extended`.  The tag regex is compiled on first
    use, once per table.
    """

    def __init__(self, venues: Sequence[Venue]) -> None:
        self.venues: Tuple[Venue, ...] = tuple(venues)
        self._by_key: Dict[str, Venue] = {}
        for venue in self.venues:
            for alias in (venue.name,) + venue.aliases:
                self._by_key[_key(alias)] = venue
        # the names as the table spells them: most tags do too, and need no normalising
        self._by_spelling = {alias: self._by_key[_key(alias)]
                             for venue in self.venues for alias in (venue.name,) + venue.aliases}
        self._pattern: Optional["re.Pattern[str]"] = None
        self._parsed: Dict[str, Tuple[VenueTag, ...]] = {}

    def find(self, name: str) -> Optional[Venue]:
        """The entry for a name or alias, ignoring case, spaces and hyphens (``nips``)."""
        venue = self._by_spelling.get(name)
        return venue if venue is not None else self._by_key.get(_key(name))

    def extended(self, extra: Sequence[Venue]) -> "VenueTable":
        """This table with ``extra`` added; an extra venue replaces one of the same name."""
        names = {_key(venue.name) for venue in extra}
        kept = [venue for venue in self.venues if _key(venue.name) not in names]
        return VenueTable(kept + list(extra))

    def parse_tag(self, text: str) -> List[VenueTag]:
        """Every venue mention with a year in ``text`` (see :func:`parse_venue_tag`).

        Remembered (tags are immutable) per text and per :func:`_tag_key`: a paper list
        repeats its tags, and what follows them (``, arXiv, 2023 (*KAIST*). ``): the 2161
        tag texts of Awesome-Transformer-Attention are 1431 distinct texts but 112 keys, and
        the regex reads the short key only.
        """
        tags = self._parsed.get(text)
        if tags is None:
            if not _HAS_YEAR.search(text):
                return []  # a tag needs a year; most descriptions have none
            key = _tag_key(text)
            tags = self._parsed.get(key)
            if tags is None:
                tags = self._remember(key, tuple(self._parse(key)))
            self._remember(text, tags)
        return list(tags)

    def _remember(self, text: str, tags: Tuple[VenueTag, ...]) -> Tuple[VenueTag, ...]:
        if len(self._parsed) >= _PARSED_MAX:
            self._parsed.clear()
        self._parsed[text] = tags
        return tags

    def _parse(self, text: str) -> Iterator[VenueTag]:
        if self._pattern is None:
            self._pattern = _tag_pattern(self.venues)
        for m in self._pattern.finditer(text):
            venue = self.find(m.group("name"))
            if venue is None:  # pragma: no cover - every alternative comes from the table
                continue
            yield _tag_from_match(m, venue)


def _tag_from_match(m: "re.Match[str]", venue: Venue) -> VenueTag:
    _, year_text, yy, month, review, pre, mid, post, w = m.group(*_TAG_GROUPS)
    year = int(year_text) if year_text else None
    if yy:
        short = int(yy)
        year = 1900 + short if short >= 70 else 2000 + short
    words = " ".join(filter(None, (pre, mid, post))).lower() if pre or mid or post else ""
    return VenueTag.make(venue.name, year, int(month) if month else None, venue.preprint,
                         bool(review) or "submission" in words or "review" in words,
                         bool(w) or "workshop" in words, "findings" in words,
                         m.group(), m.start(), m.end())


DEFAULT_TABLE = VenueTable(VENUES)

# A venue-like tag the table may not know: ``Name'YY`` in brackets or parentheses at the end of
# a title (``(Frob'21)``); a name is one to six words that start with a letter.
_APOSTROPHE_TAG = lazy(r"\s*[(\[](?P<tag>(?P<name>[A-Za-z][\w&.+\-]*(?: [\w&.+\-]+){0,5})"
                             r"\s*['\u2019](?P<yy>\d{2}))[)\]]\s*\Z")
# the year after a name: ``'21``, or a four-digit year after a space or comma (``rhuang2014``
# is a user name, not a venue)
_TAG_YEAR_AT = lazy(r"['\u2019]\d{2}(?!\d)|(?<=[\s,])(?:19|20)\d{2}(?!\d)")
_VENUE_NAME = lazy(r"[A-Z][\w&.+\-]*(?: [\w&.+\-]+){0,5}\Z")  # a capital first
_NOT_VENUES = frozenset({"since", "updated", "update", "from", "in", "year", "before", "after",
                         "v", "version", "code", "paper", "project", "page", "accepted",
                         "published", "preprint", "tech report", "technical report", "report",
                         "blog", "oral", "spotlight", "poster", "best paper", "spring",
                         "summer", "autumn", "fall", "winter"})


def apostrophe_tag(title: str) -> Optional[Tuple[str, str, int]]:
    """``Title (Frob'21)`` -> (``Title``, ``Frob'21``, 2021); None without such a tag."""
    found = _APOSTROPHE_TAG.search(title)
    if found is None or not found.start():
        return None
    yy = int(found.group("yy"))
    return title[:found.start()].rstrip(), found.group("tag"), (1900 + yy if yy >= 70
                                                                else 2000 + yy)


def unknown_venue(tag: str, table: VenueTable = DEFAULT_TABLE) -> Optional[str]:
    """The venue name of a tag with a year (``Frobnicator Letters 2020``, ``Frob'21``) that
    ``table`` does not know, or None: a known venue, no year, or no name before the year
    (``2020``, ``Oral 2021``, a citation)."""
    if len(tag) > 60 or table.parse_tag(tag):
        return None
    year = _TAG_YEAR_AT.search(tag)
    if year is None:
        return None
    name = " ".join(tag[:year.start()].strip(" \t,;:([").split())
    if not _VENUE_NAME.match(name) or name.lower() in _NOT_VENUES or name.endswith(".") \
            or " Vol" in name:
        return None  # a citation ("Advances in ... systems.", "ICML. Vol. 14."), not a tag
    return name


def parse_venue_tag(text: str) -> List[VenueTag]:
    """Every venue mention with a year in ``text``, in order, with canonical names.

    Recognises ``[ICCV 2020]``, ``(CVPR 2021)``, ``NIPS 2020`` (-> NeurIPS), ``CVPR'21``,
    ``arXiv, 2024`` (the ``"Title", Venue, Year`` style of large lists),
    ``arXiv 2020/03``, ``OpenAI papers 2021/01``, ``ICLR 2021 submission`` and ``Under review
    of ICLR 2021`` (under review), ``CVPRW 2020`` and ``ICCV 2019 Workshop`` (workshop),
    ``Findings of EMNLP 2020``.  A year is required: a bare ``ACL`` is too often just a word.
    """
    return DEFAULT_TABLE.parse_tag(text)


# --------------------------------------------------------------------------- config

_KINDS = ("conference", "journal", "preprint", "report")
_EXTRA_KEYS = ("full-name", "kind", "first-year", "aliases", "every", "parity", "annual-from")
KeyPath = Tuple[Any, ...]


def config_sections() -> Iterator[Any]:
    """The ``venues`` section of the config schema (validated by :func:`venues_from_config`)."""
    from awesome_tools.config.schema import Section

    def validate(section: Dict[str, Any], fail: Callable[[KeyPath, str], Exception]) -> Any:
        venues_from_config(section, fail)
        return section

    yield Section("venues", help="extra venues for the venue rules", validate=validate)


def venues_from_config(section: Mapping[str, Any],
                       fail: Callable[[KeyPath, str], Exception]) -> Tuple[Venue, ...]:
    """Extra venues from the config's ``venues:`` section; ``fail(key, message)`` builds the error.

    Schema (an extra venue with a table name replaces the table's entry)::

        venues:
          extra:
            MIDL:                      # the name tags use; matched ignoring case and spaces
              first-year: 2018         # required: no MIDL paper can be older
              full-name: Medical Imaging with Deep Learning
              kind: conference         # conference (default) | journal | preprint | report
              aliases: [Medical Imaging with Deep Learning]
              every: 1                 # 1 annual (default), 2 biennial, 0 irregular
              parity: 1                # biennial: held in years with year % 2 == parity
              annual-from: 2024        # biennial venue that became annual that year
    """
    for key in section:
        if key != "extra":
            raise fail(("venues", key), "unknown key (expected extra)")
    extra = section.get("extra") or {}
    if not isinstance(extra, dict):
        raise fail(("venues", "extra"), "expected a mapping of venue names")
    return tuple(_config_venue(name, spec, fail) for name, spec in extra.items())


def _config_venue(name: Any, spec: Any, fail: Callable[[KeyPath, str], Exception]) -> Venue:
    where: KeyPath = ("venues", "extra", name)
    if not isinstance(name, str) or not name.strip() or not re.search(r"[A-Za-z]", name):
        raise fail(where, "a venue name must be a word")
    if not isinstance(spec, dict):
        raise fail(where, "expected a mapping with at least first-year")
    for key in spec:
        if key not in _EXTRA_KEYS:
            raise fail(where + (key,), "unknown key; expected one of " + ", ".join(_EXTRA_KEYS))
    numbers = {}
    for key in ("first-year", "every", "parity", "annual-from"):
        value = spec.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise fail(where + (key,), f"expected a whole number, got {value!r}")
        numbers[key] = value
    if numbers["first-year"] is None:
        raise fail(where, "first-year is required")
    every = 1 if numbers["every"] is None else numbers["every"]
    if every not in (0, 1, 2):
        raise fail(where + ("every",), "expected 1 (annual), 2 (biennial) or 0 (irregular)")
    if numbers["parity"] is not None and (every != 2 or numbers["parity"] not in (0, 1)):
        raise fail(where + ("parity",), "parity is 0 or 1, and only for every: 2")
    kind = spec.get("kind", "conference")
    if kind not in _KINDS:
        raise fail(where + ("kind",), "expected one of " + ", ".join(_KINDS))
    aliases = spec.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail(where + ("aliases",), "expected a list of names")
    full = spec.get("full-name", name)
    if not isinstance(full, str):
        raise fail(where + ("full-name",), "expected a string")
    return Venue(name.strip(), full, kind, numbers["first-year"],
                 tuple(a.strip() for a in aliases), every, numbers["parity"],
                 numbers["annual-from"])
