"""Which URLs get checked: external only, once each, fragments dropped, every place kept."""
from __future__ import annotations

from awesome_tools.model.parse import parse
from awesome_tools.linkcheck.extract import Location, extract

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
    assert targets["url:http://128.84.21.199/abs/2101.00001"].kind == "http"
    assert targets["url:github.com/owner/repo/tree/main/x"].kind == "http"
