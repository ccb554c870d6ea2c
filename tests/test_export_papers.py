"""``export`` and the paper behind each entry (issue 16): ``arxiv_id``, ``doi`` and
``published_venue``, from the entry's links, its tags and the link checker's cached records."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from awesome_tools.cli import run
from awesome_tools.links.cache import LinkCache

pytestmark = pytest.mark.usefixtures("no_internet")

LIST = """# Papers

## Transformers

#### Performer: Rethinking Attention with Performers [arXiv 2020/09, Under review of ICLR 2021]

[[paper]](https://arxiv.org/abs/2009.14794)

#### Longformer: The Long-Document Transformer [arXiv 2020/04]

[[paper]](https://arxiv.org/pdf/2004.05150v2.pdf)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451)

#### Synthesizing Obama: Learning Lip Sync from Audio [TOG 2017]

[[paper]](https://doi.org/10.1145/3072959.3073640)

#### CoCa: Contrastive Captioners are Image-Text Foundation Models [arXiv 2022/05]

[[paper]](https://openreview.net/forum?id=Ee277P3AYC)

#### Multi-Modality Cross Attention Network for Image and Sentence Matching

[[paper]](https://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_Attention_Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html)
"""


def export(capsys, path: Path, fmt: str) -> str:
    capsys.readouterr()
    assert run(["export", str(path), "--format", fmt]) == 0
    return capsys.readouterr().out


@pytest.fixture
def listed(tmp_path, monkeypatch):
    monkeypatch.delenv("AWESOME_TOOLS_LINK_CACHE", raising=False)
    (tmp_path / ".git").mkdir()
    cache = LinkCache(tmp_path / "links.json")
    cache.arxiv = {
        "2009.14794": {"title": "Rethinking Attention with Performers", "checked": 1.0,
                       "published": "2020-09-30", "doi": "10.1000/performer.1",
                       "comment": "Published as a conference paper at ICLR 2021"},
        "2004.05150": {"title": "Longformer: The Long-Document Transformer", "checked": 1.0,
                       "published": "2020-04-10", "comment": "Version 2 introduces LED"},
    }
    cache.openreview = {"Ee277P3AYC": {"title": "CoCa", "venue": "Accepted by TMLR",
                                       "venueid": "TMLR", "published": "2022-08-08",
                                       "checked": 1.0}}
    cache.save()
    (tmp_path / ".awesome-tools.yaml").write_text(
        f"links:\n  cache: {json.dumps(str(cache.path))}\n", encoding="utf-8")
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_json_carries_the_paper_behind_each_entry(listed, capsys):
    records = {record["title"].split(":")[0]: record
               for record in json.loads(export(capsys, listed, "json"))}
    papers = {name: (r["arxiv_id"], r["doi"], r["published_venue"])
              for name, r in records.items()}
    assert papers == {
        "Performer": ("2009.14794", "10.1000/performer.1", "ICLR 2021"),  # the record says
        "Longformer": ("2004.05150", None, None),  # still a preprint
        "Reformer": ("2001.04451", None, "ICLR 2020"),  # the entry's own tag
        "Synthesizing Obama": (None, "10.1145/3072959.3073640", None),  # TOG: not a known venue
        "CoCa": (None, None, "TMLR 2022"),  # OpenReview's decision
        "Multi-Modality Cross Attention Network for Image and Sentence Matching":
            (None, None, "CVPR 2020"),  # the proceedings link
    }


def test_csv_has_the_three_columns_before_the_text(listed, capsys):
    rows = list(csv.DictReader(io.StringIO(export(capsys, listed, "csv"))))
    header = list(rows[0])
    assert header[-5:] == ["arxiv_id", "doi", "published_venue", "authors", "description"]
    assert (rows[0]["arxiv_id"], rows[0]["published_venue"]) == ("2009.14794", "ICLR 2021")
    assert rows[1]["published_venue"] == ""


def test_bibtex_takes_the_published_venue_and_doi_from_the_record(listed, capsys):
    text = export(capsys, listed, "bibtex")
    performer = text.split("@")[1]
    assert performer.startswith("inproceedings{rethinking2021,")  # the record's title, venue
    assert "booktitle = {International Conference on Learning Representations}" in performer
    assert "year = {2021}" in performer and "doi = {10.1000/performer.1}" in performer
    longformer = text.split("@")[2]
    assert longformer.startswith("misc{longformer2020,")


def test_without_a_cache_the_list_alone_speaks(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AWESOME_TOOLS_LINK_CACHE", str(tmp_path / "absent.json"))
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    records = json.loads(export(capsys, path, "json"))
    assert [r["published_venue"] for r in records] == [None, None, "ICLR 2020", None, None,
                                                      "CVPR 2020"]
