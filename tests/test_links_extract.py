"""Which URLs get checked: external only, once each, fragments dropped, every place kept."""
from __future__ import annotations

import pytest

from awesome_tools.model.parse import parse
from awesome_tools.links.extract import Location, extract

TEXT = """# List

- [Contents](#papers)

## Papers

- [P](https://arxiv.org/abs/2101.00001) [[pdf]](https://arxiv.org/pdf/2101.00001v2.pdf)
  [code](https://github.com/Owner/Repo#readme) [tree](https://github.com/Owner/Repo/tree/main/x)
  [doi](https://doi.org/10.1000/ABC) [mirror](http://128.84.21.199/abs/2101.00001)
- <https://example.org/page#intro> and https://example.org/page and [rel](docs/x.md)
  ![img](https://example.org/i.png) <a href="https://example.org/html">h</a> [m](mailto:a@b.c)
- [again](https://github.com/owner/repo/)
"""


def test_extract_dedupes_and_keeps_every_location():
    targets = {t.key: t for t in extract([parse(TEXT, "README.md")])}
    assert set(targets) == {
        "arxiv:2101.00001", "github:owner/repo", "doi:10.1000/abc",
        "url:github.com/owner/repo/tree/main/x", "url:http://128.84.21.199/abs/2101.00001",
        "url:example.org/page", "url:example.org/i.png", "url:example.org/html"}
    paper = targets["arxiv:2101.00001"]
    assert paper.kind == "arxiv" and paper.ident == ("2101.00001",)
    assert [where.line for where in paper.locations] == [7, 7]
    repo = targets["github:owner/repo"]
    assert repo.kind == "github" and repo.url == "https://github.com/Owner/Repo"
    assert [where.line for where in repo.locations] == [8, 12]
    page = targets["url:example.org/page"]
    assert page.url == "https://example.org/page" and len(page.locations) == 2
    assert page.locations[0] == Location("README.md", 10, 3, ("List", "Papers"))
    assert targets["url:http://128.84.21.199/abs/2101.00001"].kind == "page"
    assert targets["url:github.com/owner/repo/tree/main/x"].kind == "page"


def test_host_plugins_claim_their_urls():
    from awesome_tools.links.extract import classify

    forum = classify("https://openreview.net/forum?id=AbC123")
    pdf = classify("https://openreview.net/pdf?id=AbC123")
    assert forum == pdf == ("openreview:AbC123", "openreview", ("AbC123",))
    acm = classify("https://dl.acm.org/doi/abs/10.1145/3292500.3330701")
    assert acm == ("doi:dl.acm.org/10.1145/3292500.3330701", "doi",
                   ("10.1145/3292500.3330701", "proof"))
    springer = classify("https://link.springer.com/content/pdf/10.1007/s11263-015-0816-y.pdf")
    assert springer[1:] == ("doi", ("10.1007/s11263-015-0816-y", "proof"))
    acl = classify("https://aclanthology.org/2020.acl-main.1.pdf")
    assert acl[1:] == ("doi", ("10.18653/v1/2020.acl-main.1", "hint"))  # no proof when absent
    assert classify("https://ieeexplore.ieee.org/document/8578843")[1] == "page"
    assert classify("https://paperswithcode.com/paper/attention-is-all")[1] == "paperswithcode"
    assert classify("https://github.com/owner/repo/issues")[1] == "page"


def test_the_host_registry_fails_loudly(monkeypatch):
    from awesome_tools.links import hosts

    bad = hosts.LinkHost("bad", "claims with a foreign key")
    bad.claims(lambda url, host: hosts.Claim("other:1"))
    with pytest.raises(RuntimeError, match="must start with 'bad:'"):
        bad.claim("https://x.org", "x.org")
    assert set(hosts.all_hosts()) >= {"arxiv", "doi", "github", "openreview", "paperswithcode"}
    for host in hosts.all_hosts().values():
        assert host.summary and host._claim and host._build
