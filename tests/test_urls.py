"""URL identity: every written form of one paper or repository shares a key; others do not."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools.urls import (
    acl_id,
    arxiv_id,
    arxiv_version,
    canonical_arxiv,
    doi,
    github_repo,
    is_arxiv_mirror,
    is_external,
    is_local_path,
    normalize_url,
    openreview_id,
)

# Pairs that name the same thing.  The first block is taken from the seed list as written.
SAME = [
    ("https://arxiv.org/pdf/2004.06165.pdf", "https://arxiv.org/abs/2004.06165"),
    ("http://arxiv.org/abs/1901.02860v3", "https://arxiv.org/abs/1901.02860"),
    ("http://arxiv.org/abs/1901.02860", "https://arxiv.org/pdf/1901.02860v1.pdf"),
    ("https://128.84.4.15/pdf/2102.00529.pdf", "https://arxiv.org/abs/2102.00529"),
    ("https://openreview.net/pdf?id=rkgNKkHtvB", "https://openreview.net/forum?id=rkgNKkHtvB"),
    ("https://github.com/Foo/Bar/", "http://www.github.com/foo/bar.git"),
    ("https://github.com/tensorflow/tensor2tensor/", "https://github.com/tensorflow/tensor2tensor"),
    (
        "https://www.aclweb.org/anthology/2020.emnlp-main.161.pdf",
        "https://aclanthology.org/2020.emnlp-main.161/",
    ),
    # arXiv: versions, formats, mirrors, old-style IDs, arXiv: strings, arXiv DOIs
    ("https://arxiv.org/abs/2004.06165v2", "https://arxiv.org/pdf/2004.06165v2"),
    ("https://www.arxiv.org/abs/2004.06165", "https://arxiv.org/abs/2004.06165"),
    ("https://export.arxiv.org/abs/2004.06165", "https://arxiv.org/abs/2004.06165"),
    ("http://xxx.lanl.gov/abs/2004.06165", "https://arxiv.org/abs/2004.06165"),
    ("https://arxiv-export1.library.cornell.edu/pdf/2004.06165", "https://arxiv.org/abs/2004.06165"),
    ("https://arxiv-export-lb.library.cornell.edu/abs/2004.06165", "arXiv:2004.06165"),
    ("https://128.84.4.18/abs/2004.06165v4", "https://arxiv.org/abs/2004.06165"),
    ("http://128.84.21.199/pdf/2004.06165.pdf", "https://arxiv.org/abs/2004.06165"),
    ("https://arxiv.org/abs/2004.06165?context=cs", "https://arxiv.org/abs/2004.06165#"),
    ("https://arxiv.org/abs/2306.05493?s=31", "https://arxiv.org/abs/2306.05493"),
    ("https://arxiv.org/abs/1412.6980", "https://arxiv.org/pdf/1412.6980v9.pdf"),
    ("https://arxiv.org/abs/cs/0112017", "https://arxiv.org/pdf/cs/0112017v1.pdf"),
    ("https://arxiv.org/abs/math.GT/0309136", "https://arxiv.org/abs/math/0309136"),
    ("https://export.arxiv.org/abs/cond-mat.str-el/0101001", "arXiv:cond-mat/0101001v2"),
    ("https://arxiv.org/abs/hep-th/9901001", "http://xxx.lanl.gov/abs/hep-th/9901001"),
    ("https://arxiv.org/html/2401.00001v2", "https://arxiv.org/abs/2401.00001"),
    ("https://doi.org/10.48550/arXiv.2004.06165", "https://arxiv.org/abs/2004.06165"),
    ("doi:10.48550/ARXIV.2004.06165", "https://arxiv.org/abs/2004.06165"),
    # OpenReview: other parameters do not change the paper
    ("https://openreview.net/forum?id=X1&noteId=Y2", "https://www.openreview.net/pdf?id=X1"),
    # DOI forms
    ("https://doi.org/10.1613/jair.1.11688", "http://dx.doi.org/10.1613/JAIR.1.11688"),
    ("doi:10.1613/jair.1.11688", "https://doi.org/10.1613/jair.1.11688"),
    ("DOI: 10.1109/CVPR.2016.90", "https://www.doi.org/10.1109/cvpr.2016.90"),
    ("https://doi.org/10.1145%2F3292500.3330701", "https://doi.org/10.1145/3292500.3330701"),
    # ACL Anthology, old and new hosts and IDs, revisions
    ("https://www.aclweb.org/anthology/P19-1001.pdf", "https://aclanthology.org/P19-1001"),
    ("https://www.aclweb.org/anthology/P/P19/P19-1001.pdf", "https://aclanthology.org/p19-1001/"),
    ("https://aclanthology.org/N19-1423v2.pdf", "https://aclanthology.org/N19-1423/"),
    ("https://aclanthology.org/2021.ACL-long.1.pdf", "https://aclanthology.org/2021.acl-long.1"),
    # generic rules: scheme, host case, www., default ports, trailing slash, fragment
    ("http://Example.COM/a/", "https://www.example.com/a#section"),
    ("https://example.com:443/a", "http://example.com:80/a"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com./a", "https://example.com/a"),
    ("  https://example.com/a  ", "https://example.com/a"),
    ("//example.com/a", "https://example.com/a"),
    # tracking parameters dropped, the rest sorted
    ("https://example.com/p?utm_source=x&utm_medium=y&b=2&a=1", "https://example.com/p?a=1&b=2"),
    ("https://example.com/p?fbclid=abc", "https://example.com/p"),
    ("https://example.com/p?gclid=1&id=7", "https://example.com/p?id=7"),
    ("https://example.com/p?ref=producthunt", "https://example.com/p"),
    ("https://example.com/p?&", "https://example.com/p"),
    # percent-encoding of unreserved characters, escape case
    ("https://example.com/%7Euser/%41b", "https://example.com/~user/Ab"),
    ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
    ("https://example.com/a/./b/../c", "https://example.com/a/c"),
    # GitHub owner/repo case, www., .git, subpaths keep their own case
    ("https://GitHub.com/Foo/Bar/tree/Main/Src", "https://github.com/foo/bar/tree/Main/Src"),
    ("https://github.com/Sirupsen/logrus", "https://github.com/sirupsen/logrus"),
    ("https://github.com/Foo", "https://github.com/foo/"),
    ("https://github.com/sindresorhus/awesome#readme", "https://github.com/sindresorhus/awesome"),
]

# Pairs that must stay apart.
DIFFERENT = [
    ("https://github.com/foo/bar", "https://github.com/foo/bar/tree/master"),
    ("https://github.com/foo/bar/tree/master", "https://github.com/foo/bar/blob/master/README.md"),
    ("https://github.com/foo/bar/tree/Main", "https://github.com/foo/bar/tree/main"),
    ("https://github.com/foo/bar", "https://github.com/foo/baz"),
    ("https://github.com/foo/bar", "https://gitlab.com/foo/bar"),
    ("https://github.com/topics/Awesome", "https://github.com/topics/awesome"),
    ("https://arxiv.org/abs/2004.06165", "https://arxiv.org/abs/2004.06166"),
    ("https://arxiv.org/abs/2004.06165", "https://arxiv.org/abs/2004.0616"),
    ("https://arxiv.org/abs/cs/0112017", "https://arxiv.org/abs/math/0112017"),
    ("https://openreview.net/forum?id=abc", "https://openreview.net/forum?id=ABC"),
    ("https://doi.org/10.1000/1", "https://doi.org/10.1000/2"),
    ("https://example.com/A", "https://example.com/a"),
    ("https://example.com/p?id=1", "https://example.com/p?id=2"),
    ("https://example.com:8080/p", "https://example.com/p"),
    ("https://api.github.com/repos/o/r/contents/x?ref=dev", "https://api.github.com/repos/o/r/contents/x"),
    ("https://app.example.com/#/a", "https://app.example.com/#/b"),
    ("https://example.com/a%2Fb", "https://example.com/a/b"),
    ("https://aclanthology.org/P19-1001", "https://aclanthology.org/P19-1002"),
    ("https://aclanthology.org/P19-1001.Attachment.zip", "https://aclanthology.org/P19-1001"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_same_resource_same_key(a: str, b: str) -> None:
    assert normalize_url(a) == normalize_url(b)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_resources_differ(a: str, b: str) -> None:
    assert normalize_url(a) != normalize_url(b)


@pytest.mark.parametrize(
    "url, key",
    [
        ("https://arxiv.org/pdf/2004.06165.pdf", "arxiv:2004.06165"),
        ("http://arxiv.org/abs/1901.02860v3", "arxiv:1901.02860"),
        ("https://128.84.4.15/pdf/2102.00529.pdf", "arxiv:2102.00529"),
        ("https://arxiv.org/abs/math.GT/0309136v1", "arxiv:math/0309136"),
        ("https://openreview.net/pdf?id=rkgNKkHtvB", "openreview:rkgNKkHtvB"),
        ("https://doi.org/10.1613/JAIR.1.11688", "doi:10.1613/jair.1.11688"),
        ("https://www.aclweb.org/anthology/2020.emnlp-main.161.pdf", "acl:2020.emnlp-main.161"),
        ("https://aclanthology.org/p19-1001.pdf", "acl:P19-1001"),
        ("https://github.com/Foo/Bar.git", "github.com/foo/bar"),
        ("http://www.github.com/Foo/Bar/blob/Main/A.md", "github.com/foo/bar/blob/Main/A.md"),
        ("https://Example.com:8443/a/?b=1&a=2#x", "example.com:8443/a?a=2&b=1"),
        ("https://user@example.com/a", "user@example.com/a"),
        ("https://app.example.com/#/page/", "app.example.com#/page"),
        ("https://example.com/#!/page", "example.com#!/page"),
        ("https://arxiv.org/list/cs.CV/recent", "arxiv.org/list/cs.CV/recent"),
        ("https://openreview.net/group?id=ICLR.cc/2021", "openreview.net/group?id=ICLR.cc/2021"),
        ("https://github.com/orgs/Foo/people", "github.com/orgs/Foo/people"),
        ("https://[::1]:8080/x", "[::1]:8080/x"),
        # not http(s): stripped, otherwise unchanged
        ("  mailto:Someone@Example.com ", "mailto:Someone@Example.com"),
        ("ftp://Example.com/a/", "ftp://Example.com/a/"),
        ("#Section", "#Section"),
        ("images\\ViLBERT.png", "images\\ViLBERT.png"),
        ("arXiv:notanid", "arXiv:notanid"),
        ("doi:not-a-doi", "doi:not-a-doi"),
        ("", ""),
    ],
)
def test_normalize_url_key(url: str, key: str) -> None:
    assert normalize_url(url) == key


@pytest.mark.parametrize(
    "url, ident, version",
    [
        ("https://arxiv.org/abs/2004.06165", "2004.06165", None),
        ("https://arxiv.org/pdf/2004.06165v2.pdf", "2004.06165", 2),
        ("https://arxiv.org/pdf/2004.06165v12", "2004.06165", 12),
        ("http://arxiv.org/abs/1901.02860v3", "1901.02860", 3),
        ("https://arxiv.org/abs/0704.0001", "0704.0001", None),
        ("https://arxiv.org/abs/1412.6980v9", "1412.6980", 9),
        ("https://arxiv.org/abs/cs/0112017v1", "cs/0112017", 1),
        ("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", None),
        ("https://arxiv.org/abs/CS.AI/0112017", "cs/0112017", None),
        ("https://128.84.4.15/pdf/2102.00529.pdf", "2102.00529", None),
        ("https://10.1.2.3:8080/abs/2102.00529", "2102.00529", None),
        ("arXiv:2102.00529v1", "2102.00529", 1),
        ("arxiv: 2102.00529", "2102.00529", None),
        ("https://doi.org/10.48550/arXiv.2102.00529", "2102.00529", None),
        # not arXiv IDs
        ("https://arxiv.org/list/cs.CV/recent", None, None),
        ("https://arxiv.org/abs/2013.00001", None, None),  # month 13
        ("https://arxiv.org/abs/1501.0001", None, None),  # 4 digits after 2014
        ("https://arxiv.org/abs/1412.00011", None, None),  # 5 digits before 2015
        ("https://arxiv.org/abs/0612.0001", None, None),  # before new-style IDs
        ("https://arxiv.org/abs/cs/0801001", None, None),  # old style ended in 2007
        ("https://arxiv.org/a/smith_j_1", None, None),
        ("https://arxiv.org/", None, None),
        ("https://example.com/abs/2004.06165", None, None),  # not a mirror: named host
        ("https://10.1.2.3/list/2004.06165", None, None),  # IP host, wrong path
        ("https://arxiv.org.evil.com/abs/2004.06165", None, None),
        ("https://github.com/a/b", None, None),
        ("2004.06165", None, None),
    ],
)
def test_arxiv_id_and_version(url: str, ident: str, version: int) -> None:
    assert arxiv_id(url) == ident
    assert arxiv_version(url) == version


@pytest.mark.parametrize(
    "url, mirror, canonical, unversioned",
    [
        ("https://arxiv.org/abs/2004.06165", False, "https://arxiv.org/abs/2004.06165", None),
        ("https://arxiv.org/pdf/2004.06165.pdf", False, "https://arxiv.org/abs/2004.06165", None),
        (
            "http://arxiv.org/abs/1901.02860v3",
            False,
            "https://arxiv.org/abs/1901.02860v3",
            "https://arxiv.org/abs/1901.02860",
        ),
        ("https://www.arxiv.org/abs/2004.06165", False, "https://arxiv.org/abs/2004.06165", None),
        ("https://128.84.4.15/pdf/2102.00529.pdf", True, "https://arxiv.org/abs/2102.00529", None),
        ("https://export.arxiv.org/abs/2102.00529", True, "https://arxiv.org/abs/2102.00529", None),
        ("http://xxx.lanl.gov/pdf/cs/0112017v2", True, "https://arxiv.org/abs/cs/0112017v2",
         "https://arxiv.org/abs/cs/0112017"),
        ("arXiv:2102.00529", False, "https://arxiv.org/abs/2102.00529", None),
        ("https://doi.org/10.48550/arXiv.2102.00529", False, None, None),
        ("https://arxiv.org/list/cs.CV/recent", False, None, None),
        ("https://export.arxiv.org/api/query?search_query=x", False, None, None),
        ("https://github.com/a/b", False, None, None),
    ],
)
def test_mirror_and_canonical(url: str, mirror: bool, canonical: str, unversioned: str) -> None:
    assert is_arxiv_mirror(url) is mirror
    assert canonical_arxiv(url) == canonical
    assert canonical_arxiv(url, keep_version=False) == (unversioned or canonical)


@pytest.mark.parametrize(
    "url, repo",
    [
        ("https://github.com/jiasenlu/vilbert_beta", ("jiasenlu", "vilbert_beta")),
        ("https://github.com/tensorflow/tensor2tensor/", ("tensorflow", "tensor2tensor")),
        ("http://www.github.com/Foo/Bar.git", ("Foo", "Bar")),
        ("https://github.com/Foo/Bar.git/", ("Foo", "Bar")),
        ("https://github.com/google-research/google-research/tree/master/etcmodel",
         ("google-research", "google-research")),
        ("https://github.com/o/r/blob/main/a.md#L1", ("o", "r")),
        ("https://github.com/o/r/issues/1", ("o", "r")),
        ("https://github.com/o/r.js?tab=readme", ("o", "r.js")),
        ("//github.com/o/r", ("o", "r")),
        # not repositories
        ("https://github.com/facebookresearch", None),
        ("https://github.com/", None),
        ("https://github.com/orgs/foo/people", None),
        ("https://github.com/topics/awesome", None),
        ("https://github.com/sponsors/sindresorhus", None),
        ("https://github.com/features/copilot", None),
        ("https://github.com/marketplace/actions/go-test-coverage", None),
        ("https://github.com/trending/developers", None),
        ("https://github.com/settings/profile", None),
        ("https://gist.github.com/agnoster/3712874", None),
        ("https://raw.githubusercontent.com/o/r/main/x", None),
        ("https://github.com:8443/o/r", None),
        ("https://gitlab.com/o/r", None),
        ("https://github.com/o/..", None),
        ("https://github.com/o/r}},", None),
        ("git@github.com:o/r.git", None),
    ],
)
def test_github_repo(url: str, repo: tuple) -> None:
    assert github_repo(url) == repo


@pytest.mark.parametrize(
    "url, value",
    [
        ("https://doi.org/10.1613/jair.1.11688", "10.1613/jair.1.11688"),
        ("http://dx.doi.org/10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"),
        ("https://www.doi.org/10.1145%2F3292500.3330701", "10.1145/3292500.3330701"),
        ("doi:10.1000/XYZ", "10.1000/xyz"),
        ("DOI: 10.1000/xyz", "10.1000/xyz"),
        ("https://doi.org/", None),
        ("https://doi.org/about", None),
        ("https://example.com/10.1000/xyz", None),
        ("doi:", None),
    ],
)
def test_doi(url: str, value: str) -> None:
    assert doi(url) == value


@pytest.mark.parametrize(
    "url, value",
    [
        ("https://openreview.net/forum?id=rkgNKkHtvB", "rkgNKkHtvB"),
        ("https://openreview.net/pdf?id=rkgNKkHtvB", "rkgNKkHtvB"),
        ("https://openreview.net/forum?id=-CwPopPJda", "-CwPopPJda"),
        ("https://openreview.net/forum?noteId=c&id=abc", "abc"),
        ("https://openreview.net/forum?noteid=abc", None),
        ("https://openreview.net/group?id=ICLR.cc/2021/Conference", None),
        ("https://openreview.net/forum", None),
        ("https://example.com/forum?id=abc", None),
    ],
)
def test_openreview_id(url: str, value: str) -> None:
    assert openreview_id(url) == value


@pytest.mark.parametrize(
    "url, value",
    [
        ("https://www.aclweb.org/anthology/2020.emnlp-main.161.pdf", "2020.emnlp-main.161"),
        ("https://aclanthology.org/2020.findings-emnlp.12/", "2020.findings-emnlp.12"),
        ("https://aclanthology.org/2021.tacl-1.5.pdf", "2021.tacl-1.5"),
        ("https://www.aclweb.org/anthology/P19-1001", "P19-1001"),
        ("https://www.aclweb.org/anthology/N/N19/N19-1423.pdf", "N19-1423"),
        ("https://aclanthology.org/d19-1001v2.pdf", "D19-1001"),
        ("https://aclanthology.org/volumes/2020.acl-main/", None),
        ("https://aclanthology.org/events/acl-2020/", None),
        ("https://aclanthology.org/P19-1001.Presentation.pdf", None),
        ("https://example.com/anthology/P19-1001", None),
    ],
)
def test_acl_id(url: str, value: str) -> None:
    assert acl_id(url) == value


@pytest.mark.parametrize(
    "url, external, local",
    [
        ("https://example.com", True, False),
        ("HTTP://example.com", True, False),
        ("//cdn.example.com/x.png", True, False),
        ("  https://example.com  ", True, False),
        ("images/ViLBERT.png", False, True),
        ("images\\ViLBERT.png", False, True),
        ("./docs/a.md#part", False, True),
        ("/docs/a.md", False, True),
        ("../up.md", False, True),
        ("C:\\Users\\me\\x.png", False, True),
        ("file with spaces.md", False, True),
        ("#section", False, False),
        ("?tab=readme", False, False),
        ("", False, False),
        ("   ", False, False),
        ("mailto:a@b.c", False, False),
        ("tel:+123", False, False),
        ("data:image/png;base64,AAAA", False, False),
        ("javascript:void(0)", False, False),
        ("ftp://example.com/x", False, False),
        ("irc://irc.libera.chat/x", False, False),
        ("httpx://example.com", False, False),
    ],
)
def test_link_kinds(url: str, external: bool, local: bool) -> None:
    assert is_external(url) is external
    assert is_local_path(url) is local


def test_seed_paper_links_all_get_paper_keys(seed_text: str) -> None:
    """Every arXiv and OpenReview link in the seed list is recognised as a paper."""
    links = re.findall(r"\]\((https?://[^)\s]+)\)", seed_text)
    papers = [u for u in links if "arxiv" in u or "128.84.4.15" in u or "openreview" in u]
    assert len(papers) == 46  # 42 arxiv.org, 1 IP mirror, 3 OpenReview
    for url in papers:
        assert normalize_url(url).startswith(("arxiv:", "openreview:")), url
    keys = [normalize_url(u) for u in links]
    # the survey 2003.08271 is linked three times, by the same key
    assert keys.count("arxiv:2003.08271") == 3


def test_corpus_urls_are_handled(corpus_dir) -> None:
    """Every URL in the real lists normalises without error and arXiv abs/pdf links get IDs."""
    pattern = re.compile(r"https?://[^\s)\]>\"'<]+")
    count = 0
    for path in sorted((corpus_dir / "lists").glob("*.md")):
        for url in pattern.findall(path.read_text(encoding="utf-8-sig")):
            count += 1
            key = normalize_url(url)
            assert isinstance(key, str) and key
            if re.match(r"https?://arxiv\.org/(abs|pdf)/\d{4}\.\d{5}", url):
                assert key.startswith("arxiv:"), url
    assert count > 1000


_GITHUB_PIECES = st.sampled_from(["http", "https", "HTTPS", "hTTp"])
_SEGMENT = st.text(alphabet="aZ09_-.%/", min_size=0, max_size=8)


@settings(max_examples=500, deadline=None)
@given(_GITHUB_PIECES, st.sampled_from(["github.com", "www.github.com", "GitHub.COM",
                                        "gist.github.com", "github.com:443"]),
       st.sampled_from(["owner", "Owner-1", "orgs", "Topics", "_x", "-bad", "a.b"]),
       _SEGMENT, st.sampled_from(["", "/", "//", ".git", ".GIT/", "?tab=1", "#readme"]))
def test_the_github_shortcut_gives_the_general_key(scheme, host, owner, repo, tail):
    from awesome_tools.urls import _normalize_general

    url = f"{scheme}://{host}/{owner}/{repo}{tail}"
    assert normalize_url(url) == _normalize_general(url.strip())


def test_the_github_shortcut_agrees_on_every_corpus_url(corpus_dir):
    from awesome_tools.urls import _normalize_general

    pattern = re.compile(r"https?://(?:www\.)?github\.com/[^\s)\]>\"']+", re.I)
    urls = set()
    for path in sorted((corpus_dir / "lists").glob("*.md")):
        urls.update(pattern.findall(path.read_text(encoding="utf-8-sig")))
    assert len(urls) > 1000
    assert [u for u in urls if normalize_url(u) != _normalize_general(u)] == []


# --------------------------------------------------------------------------- identity (duplicates)

from awesome_tools.urls import identity, paper_key, resource_names  # noqa: E402

# One paper or resource under forms that are fetched separately (so ``normalize_url``, the link
# checker's key, keeps them apart) but name one thing for duplicate detection.
SAME_IDENTITY = [
    ("https://www.alphaxiv.org/abs/2103.00020", "https://arxiv.org/abs/2103.00020"),
    ("https://alphaxiv.org/overview/2103.00020v2", "https://arxiv.org/pdf/2103.00020.pdf"),
    ("https://huggingface.co/papers/2103.00020", "https://arxiv.org/abs/2103.00020v3"),
    ("https://paperswithcode.com/paper/2103.00020", "arXiv:2103.00020"),
    ("https://www.semanticscholar.org/arxiv/2103.00020", "https://arxiv.org/abs/2103.00020"),
    ("https://api.semanticscholar.org/arXiv:2103.00020", "https://arxiv.org/abs/2103.00020"),
    ("https://ar5iv.org/abs/2103.00020", "https://arxiv.org/html/2103.00020v1"),
    ("https://dl.acm.org/doi/abs/10.1145/3503161.3547818", "https://doi.org/10.1145/3503161.3547818"),
    ("https://dl.acm.org/doi/pdf/10.1145/3503161.3547818", "https://dl.acm.org/doi/10.1145/3503161.3547818"),
    ("https://link.springer.com/article/10.1007/s11263-021-01453-z",
     "doi:10.1007/S11263-021-01453-Z"),
    ("https://onlinelibrary.wiley.com/doi/full/10.1002/aaai.12036", "https://doi.org/10.1002/aaai.12036"),
    ("https://ieeexplore.ieee.org/abstract/document/8715409", "https://ieeexplore.ieee.org/document/8715409"),
    ("https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=8715409", "https://ieeexplore.ieee.org/document/8715409/"),
    ("https://openreview.net/attachment?id=X1&name=pdf", "https://openreview.net/forum?id=X1"),
    ("https://www.youtube.com/watch?v=uQeidE2LA1s&list=PL6b&ab_channel=Lee", "https://youtu.be/uQeidE2LA1s"),
    ("https://m.youtube.com/embed/uQeidE2LA1s", "https://www.youtube.com/watch?v=uQeidE2LA1s"),
    ("https://pypi.python.org/pypi/pygraphviz", "https://pypi.org/project/PyGraphviz/"),
    ("https://www.facebook.com/groups/k8skr/?locale=ko_KR", "https://www.facebook.com/groups/k8skr/"),
    ("https://github.com/x/y#readme", "https://github.com/X/Y"),
]
DIFFERENT_IDENTITY = [
    ("https://github.com/facebook/react-native/blob/main/CHANGELOG.md#057",
     "https://github.com/facebook/react-native/blob/main/CHANGELOG.md"),
    ("https://golang.org/cmd/vet#hdr-Shadowed_variables", "https://golang.org/cmd/vet"),
    ("https://www.youtube.com/watch?v=eIrMbAQSU34", "https://www.youtube.com/watch?v=grEKMHGYyns"),
    ("https://www.youtube.com/playlist?list=PLa", "https://www.youtube.com/playlist?list=PLb"),
    ("https://huggingface.co/papers/2103.00020", "https://huggingface.co/papers/2103.00021"),
    ("https://dl.acm.org/doi/10.1145/1", "https://dl.acm.org/doi/10.1145/2"),
    ("https://ieeexplore.ieee.org/document/8715409", "https://ieeexplore.ieee.org/document/8715408"),
]


@pytest.mark.parametrize("a, b", SAME_IDENTITY)
def test_one_paper_or_resource_one_identity(a: str, b: str) -> None:
    assert identity(a) == identity(b)


@pytest.mark.parametrize("a, b", DIFFERENT_IDENTITY)
def test_different_targets_different_identities(a: str, b: str) -> None:
    assert identity(a) != identity(b)


def test_pages_about_a_paper_are_not_arxiv_mirrors() -> None:
    """alphaxiv and Hugging Face pages are other sites: the link checker fetches them on their
    own and ``fix --canonical-urls`` must not rewrite them to arxiv.org."""
    for url in ("https://www.alphaxiv.org/abs/2103.00020", "https://huggingface.co/papers/2103.00020"):
        assert normalize_url(url) != normalize_url("https://arxiv.org/abs/2103.00020")
        assert not is_arxiv_mirror(url) and canonical_arxiv(url) is None
        assert paper_key(url) == "arxiv:2103.00020"
    assert paper_key("https://github.com/o/r") is None
    assert paper_key("https://dl.acm.org/doi/10.48550/arXiv.2103.00020") == "arxiv:2103.00020"


def test_resource_names() -> None:
    assert resource_names("https://github.com/JuliaDSP/DSP.jl") == ("dsp.jl",)
    assert resource_names("http://beets.io/") == ("beets",)
    assert resource_names("https://www.bbc.co.uk/news") == ("bbc", "news")
    assert resource_names("https://algomaster.io/learn/system-design-interviews/design-instagram",
                          pages=False) == ("algomaster",)
    assert resource_names("https://pypi.org/project/python-dateutil") == ("python-dateutil",)
    assert resource_names("https://security-code-scan.github.io/") == ("security-code-scan",)
    assert resource_names("./analytics/a/README.md") == ()
