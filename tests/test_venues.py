"""Venues: the table, evidence from proceedings URLs, and venue tags in titles."""
from __future__ import annotations

import re
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools.venues import (
    PMLR_VOLUMES,
    VENUES,
    Evidence,
    arxiv_date,
    find_venue,
    parse_venue_tag,
    url_evidence,
)


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("NIPS", "NeurIPS"),
        ("nips", "NeurIPS"),
        ("NeurIPS", "NeurIPS"),
        ("Arxiv", "arXiv"),
        ("NAACL-HLT", "NAACL"),
        ("naacl hlt", "NAACL"),
        ("EMNLP-IJCNLP", "EMNLP"),
        ("ACM Multimedia", "ACM MM"),
        ("acmmm", "ACM MM"),
        ("T-PAMI", "TPAMI"),
        ("Computational Linguistics", "CL"),
        ("Nature", "Nature"),  # issue 17: the table learns common journals
        ("Frobnicator Letters", None),
        ("", None),
    ],
)
def test_find_venue(name: str, canonical: str) -> None:
    found = find_venue(name)
    assert (found.name if found else None) == canonical


@pytest.mark.parametrize(
    "venue, year, held",
    [
        ("ICCV", 2019, True),
        ("ICCV", 2020, False),  # the seed's "[ICCV 2020]" is a CVPR 2020 paper
        ("ICCV", 2023, True),
        ("ECCV", 2020, True),
        ("ECCV", 2021, False),
        ("CVPR", 2021, True),
        ("ICLR", 2012, False),  # before the first ICLR
        ("ICLR", 2013, True),
        ("NeurIPS", 1987, True),
        ("NeurIPS", 1986, False),
        ("IJCAI", 2015, True),
        ("IJCAI", 2014, False),  # biennial (odd years) until 2015
        ("IJCAI", 2016, True),  # annual since
        ("AISTATS", 2008, False),
        ("AISTATS", 2010, True),
        ("LREC", 2021, False),
        ("NAACL", 2020, None),  # irregular: the table can't tell
        ("NAACL", 1999, False),
        ("arXiv", 1990, False),
        ("TACL", 2021, True),
    ],
)
def test_held_in(venue: str, year: int, held: bool) -> None:
    assert find_venue(venue).held_in(year) is held


def test_table_is_consistent() -> None:
    """Names and aliases are unique, periods are well-formed, PMLR volumes fit their venues."""
    owners: dict = {}
    for venue in VENUES:
        for alias in (venue.name,) + venue.aliases:
            owners.setdefault(re.sub(r"[\s-]+", "", alias.lower()), set()).add(venue.name)
            assert find_venue(alias) is venue
    assert all(len(names) == 1 for names in owners.values())
    for venue in VENUES:
        assert venue.every in (0, 1, 2)
        assert (venue.parity is not None) == (venue.every == 2), venue.name
        assert venue.kind in ("conference", "journal", "preprint", "report")
    by_venue: dict = {}
    for volume, (name, year) in sorted(PMLR_VOLUMES.items()):
        assert find_venue(name).held_in(year), (volume, name, year)
        by_venue.setdefault(name, []).append(year)
    for name, years in by_venue.items():  # higher volume, later year
        assert years == sorted(years) and len(set(years)) == len(years), name


@pytest.mark.parametrize(
    "ident, date",
    [
        ("2004.06165", (2020, 4)),
        ("1901.02860", (2019, 1)),
        ("0704.0001", (2007, 4)),
        ("cs/0112017", (2001, 12)),
        ("hep-th/9901001", (1999, 1)),
        ("x", None),
    ],
)
def test_arxiv_date(ident: str, date: tuple) -> None:
    assert arxiv_date(ident) == date


def _ev(venue, year, source, month=None, workshop=False, findings=False) -> Evidence:
    return Evidence(venue, year, month, source, workshop, findings)


@pytest.mark.parametrize(
    "url, evidence",
    [
        # the seed's own paper links
        (
            "https://openaccess.thecvf.com/content_ICCV_2019/papers/Sun_VideoBERT_A_Joint_Model_"
            "for_Video_and_Language_Representation_Learning_ICCV_2019_paper.pdf",
            _ev("ICCV", 2019, "cvf"),
        ),
        (
            "http://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_Attention_"
            "Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html",
            _ev("CVPR", 2020, "cvf"),
        ),
        ("https://www.aclweb.org/anthology/2020.emnlp-main.161.pdf",
         _ev("EMNLP", 2020, "acl-anthology")),
        (
            "https://proceedings.neurips.cc//paper/2020/file/c8512d142a2d849725f31a9a7a361ab9-Paper.pdf",
            _ev("NeurIPS", 2020, "neurips"),
        ),
        ("http://proceedings.mlr.press/v97/lee19d.html", _ev("ICML", 2019, "pmlr")),
        ("https://arxiv.org/pdf/2004.06165.pdf", _ev("arXiv", 2020, "arxiv", month=4)),
        ("https://128.84.4.15/pdf/2102.00529.pdf", _ev("arXiv", 2021, "arxiv", month=2)),
        ("http://arxiv.org/abs/1901.02860v3", _ev("arXiv", 2019, "arxiv", month=1)),
        # CVF forms: old lower-case, new content/ paths, workshops, listings, conference sites
        ("https://openaccess.thecvf.com/content_iccv_2013/papers/x.pdf", _ev("ICCV", 2013, "cvf")),
        ("https://openaccess.thecvf.com/content_ECCV_2018/papers/x.pdf", _ev("ECCV", 2018, "cvf")),
        ("https://openaccess.thecvf.com/content/CVPR2021/html/x.html", _ev("CVPR", 2021, "cvf")),
        ("https://openaccess.thecvf.com/content/WACV2021/papers/x.pdf", _ev("WACV", 2021, "cvf")),
        (
            "https://openaccess.thecvf.com/content/ICCV2023W/R6D/papers/x.pdf",
            _ev("ICCV", 2023, "cvf", workshop=True),
        ),
        (
            "https://openaccess.thecvf.com/content/CVPR2021W/x/papers/y.pdf",
            _ev("CVPR", 2021, "cvf", workshop=True),
        ),
        (
            "https://openaccess.thecvf.com/content_ICCVW_2019/papers/CVWC/x.pdf",
            _ev("ICCV", 2019, "cvf", workshop=True),
        ),
        (
            "https://openaccess.thecvf.com/content_CVPRW_2020/papers/w22/x.pdf",
            _ev("CVPR", 2020, "cvf", workshop=True),
        ),
        (
            "https://openaccess.thecvf.com/content_cvpr_2017_workshops/w14/papers/x.pdf",
            _ev("CVPR", 2017, "cvf", workshop=True),
        ),
        (
            "https://openaccess.thecvf.com/content_ICCV_2017_workshops/papers/w10/x.pdf",
            _ev("ICCV", 2017, "cvf", workshop=True),
        ),
        (
            "https://openaccess.thecvf.com/content_cvpr_workshops_2014/W01/papers/x.pdf",
            _ev("CVPR", 2014, "cvf", workshop=True),
        ),
        ("https://openaccess.thecvf.com/CVPR2021?day=all", _ev("CVPR", 2021, "cvf")),
        ("https://openaccess.thecvf.com/ICCV2019.py", _ev("ICCV", 2019, "cvf")),
        ("http://cvpr2018.thecvf.com", _ev("CVPR", 2018, "cvf")),
        ("http://iccv2017.thecvf.com", _ev("ICCV", 2017, "cvf")),
        ("https://www.ecva.net/papers/eccv_2020/papers_ECCV/html/x.php", _ev("ECCV", 2020, "ecva")),
        # ACL Anthology: new-style slugs, Findings, SRW, old-style letters
        ("https://aclanthology.org/2021.acl-long.1/", _ev("ACL", 2021, "acl-anthology")),
        ("https://aclanthology.org/2021.naacl-main.1.pdf", _ev("NAACL", 2021, "acl-anthology")),
        ("https://aclanthology.org/2021.tacl-1.5.pdf", _ev("TACL", 2021, "acl-anthology")),
        (
            "https://aclanthology.org/2020.findings-emnlp.12/",
            _ev("EMNLP", 2020, "acl-anthology", findings=True),
        ),
        (
            "https://aclanthology.org/2020.acl-srw.1.pdf",
            _ev("ACL", 2020, "acl-anthology", workshop=True),
        ),
        ("https://aclanthology.org/2020.nlpcovid19-acl.1", _ev(None, 2020, "acl-anthology")),
        ("https://www.aclweb.org/anthology/P19-1001.pdf", _ev("ACL", 2019, "acl-anthology")),
        ("https://www.aclweb.org/anthology/D19-1001", _ev("EMNLP", 2019, "acl-anthology")),
        ("https://www.aclweb.org/anthology/N/N19/N19-1423.pdf",
         _ev("NAACL", 2019, "acl-anthology")),
        ("https://aclanthology.org/Q17-1010", _ev("TACL", 2017, "acl-anthology")),
        ("https://aclanthology.org/C18-1001", _ev("COLING", 2018, "acl-anthology")),
        ("https://aclanthology.org/E17-1001", _ev("EACL", 2017, "acl-anthology")),
        ("https://aclanthology.org/J93-2004", _ev("CL", 1993, "acl-anthology")),
        ("https://aclanthology.org/W19-4801", _ev(None, 2019, "acl-anthology", workshop=True)),
        # NeurIPS proceedings, old and new hosts and paths
        (
            "https://papers.nips.cc/paper/2021/hash/2d969e2cee8cfa07ce7ca0bb13c7a36d-Abstract.html",
            _ev("NeurIPS", 2021, "neurips"),
        ),
        (
            "https://proceedings.neurips.cc/paper_files/paper/2022/hash/x-Abstract-Conference.html",
            _ev("NeurIPS", 2022, "neurips"),
        ),
        ("https://papers.neurips.cc/paper_files/paper/2023/file/x-Paper.pdf",
         _ev("NeurIPS", 2023, "neurips")),
        (
            "https://papers.nips.cc/book/advances-in-neural-information-processing-systems-32-2019",
            _ev("NeurIPS", 2019, "neurips"),
        ),
        (
            "https://papers.nips.cc/book/neural-information-processing-systems-1987",
            _ev("NeurIPS", 1987, "neurips"),
        ),
        (
            "http://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks.pdf",
            _ev("NeurIPS", None, "neurips"),
        ),
        (
            "https://datasets-benchmarks-proceedings.neurips.cc/paper/2021/hash/x-Abstract-round1.html",
            _ev("NeurIPS", 2021, "neurips"),
        ),
        ("https://nips.cc/Conferences/2016/Schedule", _ev("NeurIPS", 2016, "conference-site")),
        ("https://iclr.cc/virtual/2020/poster/1234", _ev("ICLR", 2020, "conference-site")),
        ("https://icml.cc/Conferences/2020", _ev("ICML", 2020, "conference-site")),
        # PMLR and JMLR
        ("http://proceedings.mlr.press/v37/ioffe15.pdf", _ev("ICML", 2015, "pmlr")),
        ("http://proceedings.mlr.press/v119/chen20s.html", _ev("ICML", 2020, "pmlr")),
        ("https://proceedings.mlr.press/v162/li22c.html", _ev("ICML", 2022, "pmlr")),
        ("https://proceedings.mlr.press/v130/x21a.html", _ev("AISTATS", 2021, "pmlr")),
        ("https://proceedings.mlr.press/v229/ren23a.html", _ev("CoRL", 2023, "pmlr")),
        ("https://proceedings.mlr.press/v195/brown23a.html", _ev("COLT", 2023, "pmlr")),
        ("https://proceedings.mlr.press/v216/wang23c.html", _ev("UAI", 2023, "pmlr")),
        ("http://jmlr.org/proceedings/papers/v37/ioffe15.pdf", _ev("ICML", 2015, "pmlr")),
        ("https://proceedings.mlr.press/v999/foo23a.html", _ev(None, 2023, "pmlr")),
        ("https://proceedings.mlr.press/v999/", _ev(None, None, "pmlr")),
        ("https://jmlr.org/papers/v21/19-123.html", _ev("JMLR", 2020, "jmlr")),
        # IJCAI and AAAI
        ("https://www.ijcai.org/proceedings/2019/0123.pdf", _ev("IJCAI", 2019, "ijcai")),
        ("https://www.ijcai.org/Proceedings/16/Papers/123.pdf", _ev("IJCAI", 2016, "ijcai")),
        ("https://ojs.aaai.org/index.php/AAAI/article/view/5432", _ev("AAAI", None, "aaai")),
        ("https://aaai.org/ocs/index.php/AAAI/AAAI18/paper/view/16123", _ev("AAAI", 2018, "aaai")),
        ("https://aaai.org/Papers/AAAI/2020GB/AAAI-ChenX.1234.pdf", _ev("AAAI", 2020, "aaai")),
        # nothing to say
        ("https://ojs.aaai.org/index.php/ICWSM/article/view/1", None),
        ("https://openreview.net/forum?id=rkgNKkHtvB", None),
        ("https://github.com/jiasenlu/vilbert_beta", None),
        ("https://arxiv.org/list/cs.CV/recent", None),
        ("https://openaccess.thecvf.com/menu", None),
        ("https://aclanthology.org/events/acl-2020/", None),
        ("https://example.com/content_CVPR_2020/x", None),
        ("images/x.png", None),
        ("", None),
    ],
)
def test_url_evidence(url: str, evidence: Evidence) -> None:
    assert url_evidence(url) == evidence


def _tag(text: str) -> tuple:
    (tag,) = parse_venue_tag(text)
    return (tag.venue, tag.year, tag.month, tag.preprint, tag.under_review, tag.workshop,
            tag.findings)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[ICCV 2020]", ("ICCV", 2020, None, False, False, False, False)),
        ("(CVPR 2021)", ("CVPR", 2021, None, False, False, False, False)),
        ("NeurIPS 2020", ("NeurIPS", 2020, None, False, False, False, False)),
        ("NIPS 2020", ("NeurIPS", 2020, None, False, False, False, False)),
        ("arXiv 2020/03", ("arXiv", 2020, 3, True, False, False, False)),
        ("Arxiv 2021/03", ("arXiv", 2021, 3, True, False, False, False)),
        ("arXiv 2019", ("arXiv", 2019, None, True, False, False, False)),
        ("arXiv 2020-9", ("arXiv", 2020, 9, True, False, False, False)),
        ("ICLR 2021 submission", ("ICLR", 2021, None, False, True, False, False)),
        ("Under review of ICLR 2021", ("ICLR", 2021, None, False, True, False, False)),
        ("submitted to NeurIPS 2021", ("NeurIPS", 2021, None, False, True, False, False)),
        ("ICLR 2021 (under review)", ("ICLR", 2021, None, False, True, False, False)),
        ("AAAI 2020", ("AAAI", 2020, None, False, False, False, False)),
        ("TACL 2021", ("TACL", 2021, None, False, False, False, False)),
        ("OpenAI papers 2021/01", ("OpenAI", 2021, 1, True, False, False, False)),
        ("CVPRW 2020", ("CVPR", 2020, None, False, False, True, False)),
        ("CVPR 2020 Workshop", ("CVPR", 2020, None, False, False, True, False)),
        ("ICCV Workshops 2019", ("ICCV", 2019, None, False, False, True, False)),
        ("Workshop at ICLR 2021", ("ICLR", 2021, None, False, False, True, False)),
        ("Findings of EMNLP 2020", ("EMNLP", 2020, None, False, False, False, True)),
        ("EMNLP 2020 Findings", ("EMNLP", 2020, None, False, False, False, True)),
        ("ACL Findings 2021", ("ACL", 2021, None, False, False, False, True)),
        ("CVPR'21", ("CVPR", 2021, None, False, False, False, False)),
        ("NIPS\u201998", ("NeurIPS", 1998, None, False, False, False, False)),
        ("ECCV2020", ("ECCV", 2020, None, False, False, False, False)),
        ("NAACL-HLT 2019", ("NAACL", 2019, None, False, False, False, False)),
        ("EMNLP-IJCNLP 2019", ("EMNLP", 2019, None, False, False, False, False)),
        ("ACM MM 2020", ("ACM MM", 2020, None, False, False, False, False)),
        ("IEEE TPAMI 2018", ("TPAMI", 2018, None, False, False, False, False)),
        ("NeurIPS 2020.", ("NeurIPS", 2020, None, False, False, False, False)),
    ],
)
def test_parse_venue_tag(text: str, expected: tuple) -> None:
    assert _tag(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "oracle 2020",  # "acl" inside a word
        "NAACL",  # no year
        "Big Bird: Transformers for Longer Sequences",
        "ICCV 20201",
        "the ACL anthology",
        "pre-CVPR 2020",
        "RSS 2.0 feed",
    ],
)
def test_parse_venue_tag_negative(text: str) -> None:
    assert parse_venue_tag(text) == []


def test_several_tags_with_offsets() -> None:
    text = "VisualBERT: A Simple and Performant Baseline [arXiv 2019/08, ACL 2020]"
    tags = parse_venue_tag(text)
    assert [(t.venue, t.year, t.month) for t in tags] == [("arXiv", 2019, 8), ("ACL", 2020, None)]
    assert [text[t.start : t.end] for t in tags] == ["arXiv 2019/08", "ACL 2020"]
    performer = parse_venue_tag("[arXiv 2020/09, Under review of ICLR 2021]")
    assert [(t.venue, t.under_review) for t in performer] == [("arXiv", False), ("ICLR", True)]


def test_seed_tags_and_links(seed_text: str) -> None:
    """Every bracketed tag on the seed's paper headings parses; its one wrong venue is caught.

    ``Multi-Modality Cross Attention Network ... [ICCV 2020]`` links CVF's CVPR 2020 page, and
    ICCV is not held in even years: both checks point at the same heading.
    """
    lines = seed_text.splitlines()
    tagged = mismatched = 0
    for number, line in enumerate(lines, 1):
        bracket = re.search(r"\[([^\[\]]*\d{4}[^\[\]]*)\]\s*$", line)
        if not line.startswith("####") or bracket is None:
            continue
        tags = parse_venue_tag(bracket.group(1))
        tagged += 1
        assert tags and all(t.year for t in tags), line
        links = re.findall(r"\[\[paper\]\]\((\S+?)\)", "\n".join(lines[number : number + 3]))
        evidence = url_evidence(links[0]) if links else None
        for tag in tags:
            wrong_year = find_venue(tag.venue).held_in(tag.year) is False
            disagrees = (
                evidence is not None
                and evidence.venue not in (None, "arXiv")
                and not tag.preprint
                and (evidence.venue, evidence.year) != (tag.venue, tag.year)
            )
            if wrong_year or disagrees:
                mismatched += 1
                assert line.startswith("#### Multi-Modality Cross Attention Network"), line
                assert (evidence.venue, evidence.year) == ("CVPR", 2020)
    assert tagged == 44
    assert mismatched == 1


# --------------------------------------------------------------------------- perf shortcuts
# Issue 15: the tag regex groups its names by first character and is read on a key cut after
# the text's last digit, parsed tags are remembered, and url_evidence picks its extractors by
# host. Each shortcut is pinned here to the code it replaced, on generated text made of the
# pieces that matter to it (names in odd cases, years, the words around a year, URL parts).

from awesome_tools import venues  # noqa: E402

SHORTCUT_SETTINGS = settings(max_examples=600, deadline=None)
_ALIASES = sorted({a for v in VENUES for a in (v.name,) + v.aliases})


def _flat_tag_pattern() -> "re.Pattern[str]":
    """The tag regex as it was before the perf round: one alternation of every name."""
    aliases = sorted({a for v in VENUES for a in (v.name,) + v.aliases if a != "CL"},
                     key=len, reverse=True)
    return re.compile(
        venues._first_characters(aliases) +
        r"(?<![\w-])"
        r"(?:(?P<review>under\s+review\s+(?:of|at|for|in|by)|submitted\s+to)\s+(?:the\s+)?)?"
        r"(?:(?P<pre>workshops?\s+(?:at|of|@)|findings\s+of)\s+(?:the\s+)?)?"
        r"(?P<name>" + "|".join(venues._alias_pattern(a) for a in aliases) + r")(?P<w>W)?"
        r"(?:\s+(?P<mid>papers?|blog|preprint|workshops?|findings|conference))?"
        r"(?:\s*,\s*|[\s-]*)(?:['\u2019](?P<yy>\d{2})|(?P<year>(?:19|20)\d{2}))(?!\d)"
        r"(?:[/.-](?P<month>1[0-2]|0?[1-9])(?![\d.]))?"
        r"(?:\s*\(?\s*(?P<post>submission|under\s+review|workshops?|findings)\b\)?)?",
        re.I,
    )


FLAT = _flat_tag_pattern()
GROUPED = venues._tag_pattern(VENUES)


def _odd_case(alias: str) -> st.SearchStrategy[str]:
    # the characters ignore-case also matches: Kelvin sign, long s, dotless and dotted I
    exotic = alias.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131") \
        .replace("I", "\u0130")
    return st.sampled_from([alias, alias.lower(), alias.upper(), exotic, alias.replace("-", ""),
                            alias.replace("-", " "), alias.replace(" ", "  "), alias[:-1]])


_TAG_UNITS = st.tuples(
    st.sampled_from(["", "", "Under review of ", "submitted to the ", "Workshop at ",
                     "Findings of ", "(", "[", "x", "-", "*"]),
    st.sampled_from(_ALIASES).flatmap(_odd_case),
    st.sampled_from(["", "", "W", " papers", " Workshop", " conference", " Oral"]),
    st.sampled_from(["", " ", ", ", "-", "  ", ",", "\n"]),
    st.sampled_from(["2020", "1999", "'21", "\u201921", "20", "12020", "\u0663\u0664\u0665\u0666"]),
    st.sampled_from(["", "", "/03", ".1", "-13", "/1.", "/04.", "/"]),
    st.sampled_from(["", "", " Workshop", " (submission)", " findings", " under review",
                     " (\u017fubmission)", " WOR\u212aSHOP", " (Workshop)", ")", ". ", "2"]),
).map("".join)
_TAG_PIECES = st.one_of(_TAG_UNITS, st.sampled_from([" ", ", ", "; ", " x ", "/", "\n", ""]))
TAG_TEXTS = st.lists(_TAG_PIECES, max_size=6).map("".join)


def _matches(pattern: "re.Pattern[str]", text: str):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@SHORTCUT_SETTINGS
@given(TAG_TEXTS)
def test_names_grouped_by_first_character_match_as_one_alternation(text):
    assert _matches(GROUPED, text) == _matches(FLAT, text)


@SHORTCUT_SETTINGS
@given(TAG_TEXTS, st.sampled_from(["", " (*KAIST*). ", "). [", " Oral", " (Workshop)", "\n",
                                   " - foo", ".", "/", " \u017fubmi\u017f\u017fion"]))
def test_the_tag_key_cut_after_the_last_digit_changes_no_tag(text, tail):
    text += tail
    if not re.search(r"\d", text):
        return
    key = venues._tag_key(text)
    assert text.startswith(key)
    assert _matches(GROUPED, key) == _matches(GROUPED, text)


def _unremembered_tags(text: str):
    """parse_tag before the perf round: the flat regex on the whole text, every tag built."""
    if not re.search(r"\d\d", text):
        return []
    tags = []
    for m in FLAT.finditer(text):
        venue = find_venue(m.group("name"))
        if venue is None:  # "AAAİ": ignoring case the regex reads İ as I, the table as i̇
            continue
        year = int(m.group("year")) if m.group("year") else None
        if m.group("yy"):
            yy = int(m.group("yy"))
            year = 1900 + yy if yy >= 70 else 2000 + yy
        words = " ".join(filter(None, (m.group("pre"), m.group("mid"), m.group("post")))).lower()
        tags.append(venues.VenueTag(
            venue=venue.name, year=year, month=int(m.group("month")) if m.group("month") else None,
            preprint=venue.preprint,
            under_review=bool(m.group("review")) or "submission" in words or "review" in words,
            workshop=bool(m.group("w")) or "workshop" in words, findings="findings" in words,
            text=m.group(0), start=m.start(), end=m.end()))
    return tags


@SHORTCUT_SETTINGS
@given(st.lists(TAG_TEXTS, min_size=1, max_size=6))
def test_remembered_tags_are_the_tags_parsed_afresh(texts):
    shared = venues.VenueTable(VENUES)
    for text in texts + [text + " (*Lab*)" for text in texts] + texts:
        assert shared.parse_tag(text) == _unremembered_tags(text)


def _every_extractor(url: str) -> Optional[Evidence]:
    """url_evidence before the perf round: every extractor tried in turn on the URL."""
    if url.find("://", url.find("://") + 3) >= 0:
        return None
    found = venues._host_path(url)
    if found is None:
        return None
    for extract in venues._ALL_EXTRACTORS:
        evidence = extract(url, *found)
        if evidence is not None:
            return evidence
    return None


# each host with paths its extractor reads (and a few it does not)
_URL_SITES = {
    "arxiv.org": ["/abs/2004.06165", "/pdf/2004.06165v2.pdf", "/abs/cs/0112017"],
    "export.arxiv.org": ["/abs/1505.01234"], "xxx.lanl.gov": ["/abs/cs/0112017"],
    "arxiv-export1.library.cornell.edu": ["/pdf/2004.06165"],
    "128.84.21.199": ["/abs/2004.06165", "/pdf/1505.01234"],
    "doi.org": ["/10.48550/arXiv.2004.06165"], "dx.doi.org": ["/10.48550/arxiv.2004.06165"],
    "openaccess.thecvf.com": ["/content_CVPR_2020/html/x.html", "/content/ICCV2023W/x",
                              "/CVPR2021"],
    "cvpr2019.thecvf.com": ["", "/x"], "ecva.net": ["/papers/eccv_2020/papers_ECCV/x.pdf"],
    "aclanthology.org": ["/2020.emnlp-main.161.pdf", "/P19-1001"],
    "aclweb.org": ["/anthology/P19-1001"],
    "papers.nips.cc": ["/paper/2020/hash/x", "/paper/4824-slug"],
    "proceedings.neurips.cc": ["/paper_files/paper/2022/file/x",
                               "/book/advances-in-neural-information-processing-systems-33-2020"],
    "neurips.cc": ["/Conferences/2016"], "iclr.cc": ["/virtual/2020/poster/1"],
    "icml.cc": ["/Conferences/2019"], "iccv.thecvf.com": ["/virtual/2023/poster/1"],
    "proceedings.mlr.press": ["/v97/lee19d.html", "/v999/x20a.html"],
    "jmlr.org": ["/papers/v21/x.html", "/proceedings/papers/v28/x13.html"],
    "ijcai.org": ["/proceedings/2019/1"], "ojs.aaai.org": ["/index.php/AAAI/article/view/1"],
    "aaai.org": ["/Papers/AAAI/2020/x.pdf", "/ocs/index.php/AAAI/AAAI18/paper/view/1"],
    "github.com": ["/o/r"], "": ["/abs/2004.06165"], "[::1]": ["/abs/2004.06165"],
}
_HOST_SPELLINGS = [lambda h: h, lambda h: "www." + h, str.upper, lambda h: h + "."]
WEB_URLS = st.tuples(
    st.sampled_from(["https://", "http://", "HTTPS://", "//", " https://", "ftp://", "http:"]),
    st.sampled_from(["", "", "u@", "a@b@", "u:p@", "a@b:1@"]),
    st.sampled_from(sorted(_URL_SITES)).flatmap(
        lambda host: st.tuples(st.sampled_from(_HOST_SPELLINGS).map(lambda spell: spell(host)),
                               st.sampled_from(["", "", ":443", ":8080", ":x", ":"]),
                               st.sampled_from(_URL_SITES[host] + ["/", ""])).map("".join)),
    st.sampled_from(["", "", "?id=1", "#x", " ", "https://arxiv.org/abs/2004.06165", "@x"]),
).map("".join)


@SHORTCUT_SETTINGS
@given(WEB_URLS)
def test_extractors_picked_by_host_answer_as_trying_every_one(url):
    assert url_evidence(url) == _every_extractor(url)


@SHORTCUT_SETTINGS
@given(st.from_regex(r"(?:[a-z]{2,8}(?:\.[A-Z]{2})?/)?[0-9\u0663]{4,7}(?:\.[0-9]{4,5})?",
                     fullmatch=True))
def test_one_evidence_per_arxiv_month_is_the_ids_date(ident):
    date = arxiv_date(ident)
    expected = Evidence("arXiv", date[0], date[1], "arxiv") if date else None
    assert venues._arxiv_evidence(ident[:ident.rfind("/") + 5]) == expected


# url_evidence sends ``https://arxiv.org/...`` and ``http://arxiv.org/...`` straight to the
# arXiv extractor: pinned to trying every extractor, on URLs that start so (and look-alikes).
ARXIV_WEB_URLS = st.tuples(
    st.sampled_from(["https://arxiv.org/", "http://arxiv.org/", "https://arxiv.org",
                     "https://arxiv.org.", "https://arxiv.org:443/", "https://arxiv.orgx/",
                     "HTTPS://arxiv.org/", "https://ARXIV.org/", " https://arxiv.org/",
                     "https://arxiv.org@aclanthology.org/", "http://arxiv.org@ecva.net/"]),
    st.sampled_from(["abs/", "pdf/", "html/", "", "abs/cs/", "a@b/abs/", "papers/eccv_2020/"]),
    st.sampled_from(["2004.06165", "1505.01234", "0112017", "2013.00001", "2004.0616", "x",
                     "P19-1001"]),
    st.sampled_from(["", "", "v2", ".pdf", "v3.pdf", "/", " ", "?x=1", "#y", "@z",
                     "https://arxiv.org/abs/2004.06165", "://", "\n", "?u=https://x.example",
                     "#http://x"]),
).map("".join)


@SHORTCUT_SETTINGS
@given(ARXIV_WEB_URLS)
def test_arxiv_links_sent_to_the_arxiv_extractor_answer_as_trying_every_one(url):
    assert url_evidence(url) == _every_extractor(url)
