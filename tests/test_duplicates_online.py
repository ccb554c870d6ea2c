"""``duplicate-entry --online`` (issue 16): one paper under an arXiv link and a proceedings
link, matched by the titles the link checker cached, with the trust rules of issue 10.

The records are what `awesome-tools links` would have cached (written with the real cache
class); the lists are small but shaped like real paper lists (headings, items, a table).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import pytest

from awesome_tools.cli import run
from awesome_tools.links.cache import LinkCache

pytestmark = pytest.mark.usefixtures("no_internet")

CVF_SWIN = ("https://openaccess.thecvf.com/content/ICCV2021/html/Liu_Swin_Transformer_"
            "Hierarchical_Vision_Transformer_Using_Shifted_Windows_ICCV_2021_paper.html")
ACL_XL = "https://aclanthology.org/P19-1285/"


def write(tmp_path: Path, text: str, arxiv: Dict[str, dict], openreview=None) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    cache = LinkCache(tmp_path / "links.json")
    cache.arxiv = {ident: dict(record, checked=1.0) for ident, record in arxiv.items()}
    cache.openreview = {ident: dict(record, checked=1.0)
                        for ident, record in (openreview or {}).items()}
    cache.save()
    (tmp_path / ".awesome-tools.yaml").write_text(
        f"links:\n  cache: {json.dumps(str(cache.path))}\n", encoding="utf-8")
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def duplicates(capsys, path: Path, online: bool = True) -> List[dict]:
    capsys.readouterr()
    code = run(["check", str(path), "--format", "json", "--select", "duplicate-entry"]
               + (["--online"] if online else []))
    assert code in (0, 1)
    return json.loads(capsys.readouterr().out)


SWIN = {"2103.14030": {"title": "Swin Transformer: Hierarchical Vision Transformer using "
                                "Shifted Windows", "published": "2021-03-25",
                       "authors": ["Ze Liu", "Yutong Lin"],
                       "journal_ref": "Proceedings of the IEEE/CVF International Conference "
                                      "on Computer Vision (ICCV), 2021"}}


def test_one_paper_under_an_arxiv_and_a_cvf_link_in_one_section(tmp_path, capsys):
    path = write(tmp_path, f"""# Papers

## Backbones

#### Swin Transformer: Hierarchical Vision Transformer using Shifted Windows [ICCV 2021]

[[paper]](https://arxiv.org/abs/2103.14030)

#### Hierarchical Vision Transformer Using Shifted Windows [ICCV 2021]

[[paper]]({CVF_SWIN})
""", SWIN)
    found = duplicates(capsys, path)
    assert [(f["line"], f["severity"], f["related"]["line"]) for f in found] == [(9, "error", 5)]
    assert "is the same paper (a CVF open access page and arXiv:2103.14030" in found[0]["message"]
    assert duplicates(capsys, path, online=False) == []  # titles alone differ: offline, nothing


def test_across_sections_it_is_a_cross_listing(tmp_path, capsys):
    path = write(tmp_path, f"""# Papers

## Backbones

- [Swin Transformer: Hierarchical Vision Transformer using Shifted Windows](https://arxiv.org/abs/2103.14030) - ICCV 2021.

## Detection

- [Swin Transformer](https://arxiv.org/abs/2103.99999) - another paper.
- [Hierarchical Vision Transformer using Shifted Windows]({CVF_SWIN}) - ICCV 2021.
""", SWIN)  # noqa: E501 (Markdown/XML test data, lines as written)
    found = duplicates(capsys, path)
    assert [(f["line"], f["severity"]) for f in found] == [(10, "note")]
    assert "a cross-listing" in found[0]["message"]


def test_an_openreview_note_and_an_arxiv_link_of_one_paper(tmp_path, capsys):
    path = write(tmp_path, """# Papers

## Vision

| Title | Paper |
| --- | --- |
| ViT | [arXiv](https://arxiv.org/abs/2010.11929) |
| An Image is Worth 16x16 Words | [OpenReview](https://openreview.net/forum?id=YicbFdNTTy) |
""", {"2010.11929": {"title": "An Image is Worth 16x16 Words: Transformers for Image "
                               "Recognition at Scale", "published": "2020-10-22",
                      "comment": "ICLR camera-ready version"}},
        {"YicbFdNTTy": {"title": "An Image is Worth 16x16 Words: Transformers for Image "
                                 "Recognition at Scale", "venue": "ICLR 2021 Oral",
                        "venueid": "ICLR.cc/2021/Conference"}})
    found = duplicates(capsys, path)
    assert [(f["line"], f["severity"]) for f in found] == [(8, "error")]
    assert "(an OpenReview note and arXiv:2010.11929" in found[0]["message"]


def test_an_acl_anthology_page_of_an_arxiv_paper(tmp_path, capsys):
    path = write(tmp_path, f"""# Papers

## Language models

- [Transformer-XL](https://arxiv.org/abs/1901.02860), arXiv 2019/01
- [Attentive Language Models Beyond a Fixed-Length Context]({ACL_XL}), ACL 2019
""", {"1901.02860": {"title": "Transformer-XL: Attentive Language Models Beyond a "
                               "Fixed-Length Context", "published": "2019-01-09",
                      "comment": "ACL 2019 long paper"}})
    found = duplicates(capsys, path)
    assert [(f["line"], f["severity"]) for f in found] == [(6, "error")]
    assert "(an ACL Anthology page and arXiv:1901.02860" in found[0]["message"]


SURVEYS = {"2001.00001": {"title": "Deep Learning: A Survey", "published": "2020-01-02",
                          "authors": ["Jane Doe", "John Roe"]}}


def test_two_papers_with_one_short_title_are_not_reported(tmp_path, capsys):
    """Different papers share short titles ("...: A Survey"): the title alone is not enough
    (issue 11's caution); the arXiv record names no venue and the entry names no authors."""
    path = write(tmp_path, """# Papers

## Surveys

- [Deep Learning: A Survey](https://arxiv.org/abs/2001.00001), arXiv 2020

## Vision surveys

- [Deep Learning: A Survey](https://openaccess.thecvf.com/content_CVPR_2019/html/X_Deep_Learning_A_Survey_CVPR_2019_paper.html), CVPR 2019
""", SURVEYS)  # noqa: E501 (Markdown/XML test data, lines as written)
    assert duplicates(capsys, path) == []


def test_a_short_title_with_the_same_authors_is_one_paper(tmp_path, capsys):
    path = write(tmp_path, """# Papers

## Surveys

**Deep Learning: A Survey** \\
*Jane Doe, John Roe* \\
arXiv 2020 [[Paper](https://arxiv.org/abs/2001.00001)]

**Deep Learning: A Survey** \\
*Jane Doe, John Roe* \\
CVPR 2020 [[Paper](https://openaccess.thecvf.com/content_CVPR_2020/html/Doe_Deep_Learning_A_Survey_CVPR_2020_paper.html)]
""", SURVEYS)
    found = duplicates(capsys, path)
    assert len(found) == 1 and found[0]["line"] == 9


def test_other_authors_or_far_years_make_another_paper(tmp_path, capsys):
    path = write(tmp_path, f"""# Papers

## Backbones

**Swin Transformer: Hierarchical Vision Transformer using Shifted Windows** \\
*Ze Liu, Yutong Lin* \\
arXiv 2021 [[Paper](https://arxiv.org/abs/2103.14030)]

**Hierarchical Vision Transformer using Shifted Windows** \\
*Someone Else, Another Person* \\
ICCV 2021 [[Paper]({CVF_SWIN})]

## Older

- [Hierarchical Vision Transformer using Shifted Windows](https://openaccess.thecvf.com/content_CVPR_2015/html/Old_Hierarchical_Vision_Transformer_CVPR_2015_paper.html), CVPR 2015
""", SWIN)  # noqa: E501 (Markdown/XML test data, lines as written)
    assert duplicates(capsys, path) == []


def test_an_arxiv_link_whose_record_is_another_paper_is_no_evidence(tmp_path, capsys):
    """The list calls 2103.14030 "Pyramid Vision Transformer": the link is wrong (the
    title-mismatch rule says so); it proves nothing about the CVF entry."""
    path = write(tmp_path, f"""# Papers

## Backbones

- [Pyramid Vision Transformer: A Versatile Backbone](https://arxiv.org/abs/2103.14030), arXiv 2021
- [Hierarchical Vision Transformer using Shifted Windows]({CVF_SWIN}), ICCV 2021
""", SWIN)
    assert duplicates(capsys, path) == []
