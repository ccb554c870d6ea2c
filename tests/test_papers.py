"""Paper metadata (issue 16): what the arXiv and OpenReview records say, how the link checker
keeps it, and how a list writes its tags.

The records here are shaped like the real ones: arXiv comments and journal references
copied in form from real records (Performer's "Published as a conference paper + oral
presentation at ICLR 2021", ViT's "ICLR camera-ready version", Swin's proceedings
reference), OpenReview notes as API 2 and v1 write them.
"""
from __future__ import annotations

import json

import pytest

from awesome_tools.links.cache import LinkCache, cached_metadata
from awesome_tools.links.extract import targets_from_urls
from awesome_tools.links.hosts.arxiv import parse_feed
from awesome_tools.links.hosts.openreview import note_metadata
from awesome_tools.links.policy import Policy, with_overrides
from awesome_tools.links.run import check_links
from awesome_tools.papers import (TagStyle, arxiv_venue, comment_venue, journal_ref_venue,
                                  openreview_venue, tag_style)
from awesome_tools.venues import parse_venue_tag
from linkservers import LinkServer, arxiv_api, openreview_api

pytestmark = pytest.mark.usefixtures("no_internet")

OFFLINE = {name: "http://127.0.0.250:9/api" for name in (
    "arxiv_api", "github_api", "doi_api", "openreview_api", "openreview_api_v1")}
FAST = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=1, deadline=5.0,
                      arxiv_interval=0.05, confirm_wait=0.0, **OFFLINE)


# --------------------------------------------------------------------------- comments

@pytest.mark.parametrize("comment, label", [
    ("Published as a conference paper + oral presentation at ICLR 2021. 38 pages. See "
     "https://github.com/google-research/google-research/tree/master/performer for code",
     "ICLR 2021"),
    ("Accepted to CVPR 2021", "CVPR 2021"),
    ("CVPR 2021 (Oral). Code: https://github.com/x/y", "CVPR 2021"),
    ("To appear in NeurIPS 2020; 12 pages", "NeurIPS 2020"),
    ("NeurIPS'2020. Code and pretrained models at https://github.com/google-research/simclr",
     "NeurIPS 2020"),
    ("ICCV 2021 camera-ready version", "ICCV 2021"),
    ("Accepted by Findings of EMNLP 2020", "Findings of EMNLP 2020"),
    ("Accepted at the ICML 2021 Workshop on Uncertainty", "ICML 2021 Workshop"),
])
def test_comments_that_announce_an_acceptance(comment, label):
    found = comment_venue(comment)
    assert found is not None and found.label == label, found


def test_a_comment_without_a_year_names_the_venue_only():
    found = comment_venue("Fine-tuning code and pre-trained models are available at "
                          "https://github.com/google-research/vision_transformer. ICLR "
                          "camera-ready version with 2 small modifications")
    assert (found.venue, found.year) == ("ICLR", None)


@pytest.mark.parametrize("comment", [
    "Extended version of our CVPR 2020 paper",
    "Submitted to NeurIPS 2020",
    "Under review at ICLR 2022; code at https://github.com/jxhe/unify",
    "1st place solution to the CVPR 2021 AVA challenge",
    "Winner of the ICCV 2019 Workshop challenge",
    "Version 2 introduces the Longformer-Encoder-Decoder (LED) model",
    "12 pages, 5 figures",
    "Based on our ECCV 2020 work, this paper extends the method",
    "Accepted to CVPR 2021 and to ICCV 2021",  # two venues in one clause: says nothing
    "Tech report. arXiv v2: add more transfer learning results",
])
def test_comments_that_do_not_make_a_paper_published(comment):
    assert comment_venue(comment) is None


@pytest.mark.parametrize("reference, label", [
    ("Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV), 2021, "
     "pp. 10012-10022", "ICCV 2021"),
    ("Proceedings of the 38th International Conference on Machine Learning, PMLR "
     "139:8748-8763, 2021", "ICML 2021"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence, 2022", "TPAMI 2022"),
    ("ICLR 2021", "ICLR 2021"),
    ("Findings of the Association for Computational Linguistics: EMNLP 2020",
     "Findings of EMNLP 2020"),
])
def test_journal_references(reference, label):
    found = journal_ref_venue(reference)
    assert found is not None and found.label == label


def test_a_journal_reference_the_table_does_not_know_says_nothing():
    assert journal_ref_venue("Sci China Tech Sci 63, 1872-1897 (2020)") is None


def test_the_journal_reference_wins_over_the_comment():
    record = {"journal_ref": "CVPR 2022", "comment": "Accepted to ICCV 2021"}
    assert arxiv_venue(record).label == "CVPR 2022"


@pytest.mark.parametrize("note, decision, label", [
    ({"venue": "ICLR 2021 Poster", "venueid": "ICLR.cc/2021/Conference"}, "accepted",
     "ICLR 2021"),
    ({"venue": "NeurIPS 2023 oral", "venueid": "NeurIPS.cc/2023/Conference"}, "accepted",
     "NeurIPS 2023"),
    ({"venue": "Accepted by TMLR", "venueid": "TMLR", "published": "2023-02-01"}, "accepted",
     "TMLR 2023"),
    ({"venue": "Submitted to ICLR 2021", "venueid":
      "ICLR.cc/2021/Conference/Rejected_Submission"}, "rejected", "ICLR 2021"),
    ({"venue": "ICLR 2022 Conference Withdrawn Submission", "venueid":
      "ICLR.cc/2022/Conference/Withdrawn_Submission"}, "withdrawn", "ICLR 2022"),
])
def test_openreview_decisions(note, decision, label):
    found = openreview_venue(note)
    assert (found.decision, found.label) == (decision, label)


@pytest.mark.parametrize("note", [
    {"venue": "Submitted to ICLR 2021", "venueid": "ICLR.cc/2021/Conference"},
    {"venue": "ICLR 2025 Conference Submission", "venueid": "ICLR.cc/2025/Conference/Submission"},
    {},
])
def test_openreview_notes_without_a_decision(note):
    assert openreview_venue(note) is None


# --------------------------------------------------------------------------- tag style

def _style(*tags_per_entry, bare=()):
    return tag_style([parse_venue_tag(text) for text in tags_per_entry], bare)


def test_tag_style_follows_the_list():
    readme = _style("NeurIPS 2019", "arXiv 2019/08", "ICLR 2020", "arXiv 2020/06", "NIPS 2020")
    assert readme.published("ICLR", 2021) == "ICLR 2021"
    assert readme.preprint((2021, 3)) == "arXiv 2021/03"
    items = _style("ICLR, 2021", "arXiv, 2024", "arXiv, 2023", "ICCV, 2021")
    assert items.published("CVPR", 2022) == "CVPR, 2022"
    assert items.preprint((2024, 5)) == "arXiv, 2024"
    short = _style("NeurIPS'23", "ICLR'24", "arXiv 2023.10")
    assert short.published("ICML", 2021) == "ICML'21"
    assert short.preprint((2023, 4)) == "arXiv 2023.04"
    table = _style("ArXiv 2026", "ArXiv 2025", "CVPR 2026", bare=["ArXiv"])
    assert table.preprint((2026, 4)) == "ArXiv 2026"
    nips = _style("NIPS 2017", "NIPS 2018", "ICML 2018")
    assert nips.published("NeurIPS", 2019) == "NIPS 2019"
    combined = _style("arXiv 2020/04, ECCV 2020", "arXiv 2019/08, ACL 2020", "ICCV 2019")
    assert combined.combined
    assert TagStyle().published("EMNLP", 2020, findings=True) == "Findings of EMNLP 2020"


# --------------------------------------------------------------------------- the records

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/abs/2009.14794v4</id>
    <updated>2022-11-19T10:00:00Z</updated>
    <published>2020-09-30T17:09:09Z</published>
    <title>Rethinking Attention with
  Performers</title>
    <summary>We introduce Performers. Code: https://github.com/google-research/google-research.</summary>
    <author><name>Krzysztof Choromanski</name></author>
    <author><name>Valerii Likhosherstov</name></author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">Published as a conference paper + oral presentation at ICLR 2021</arxiv:comment>
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1000/example.1</arxiv:doi>
    <link href="http://arxiv.org/abs/2009.14794v4" rel="alternate" type="text/html"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2103.14030v2</id>
    <published>2021-03-25T17:59:31Z</published>
    <title>Swin Transformer: Hierarchical Vision Transformer using Shifted Windows</title>
    <summary>Code is at https://github.com/microsoft/Swin-Transformer.</summary>
    <author><name>Ze Liu</name></author>
    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">ICCV 2021</arxiv:journal_ref>
  </entry>
</feed>"""  # noqa: E501 (Markdown/XML test data, lines as written)


def test_feed_metadata_is_kept_bounded():
    feed = parse_feed(FEED)
    performer = feed.meta["2009.14794"]
    assert performer["title"] == "Rethinking Attention with Performers"
    assert performer["authors"] == ["Krzysztof Choromanski", "Valerii Likhosherstov"]
    assert (performer["published"], performer["updated"]) == ("2020-09-30", "2022-11-19")
    assert performer["comment"].startswith("Published as a conference paper")
    assert performer["doi"] == "10.1000/example.1"
    assert performer["code"] == "https://github.com/google-research/google-research"
    swin = feed.meta["2103.14030"]
    assert (swin["journal_ref"], swin["code"]) == ("ICCV 2021",
                                                    "https://github.com/microsoft/Swin-Transformer")


def test_openreview_note_metadata_from_both_api_versions():
    v2 = {"id": "X", "pdate": 1611000000000, "content": {
        "title": {"value": "A Paper"}, "authors": {"value": ["Ann One", "Bob Two"]},
        "venue": {"value": "ICLR 2021 Poster"}, "venueid": {"value": "ICLR.cc/2021/Conference"},
        "code": {"value": "https://github.com/ann/paper"}}}
    v1 = {"id": "Y", "content": {"title": "Old Paper", "authors": ["C. Three"],
                                 "venue": "ICLR 2019 Poster", "code": "javascript:alert(1)"}}
    assert note_metadata(v2, "X") == {"openreview_id": "X", "title": "A Paper",
                                      "authors": ["Ann One", "Bob Two"],
                                      "venue": "ICLR 2021 Poster",
                                      "venueid": "ICLR.cc/2021/Conference",
                                      "published": "2021-01-18",
                                      "code": "https://github.com/ann/paper"}
    assert "code" not in note_metadata(v1, "Y")


def test_links_keeps_what_the_apis_said_in_its_cache_without_asking_more(tmp_path):
    """The metadata comes from the same batched arXiv request the link check makes: one
    request for every arXiv link, and one per OpenReview note."""
    papers = {"2009.14794": {"title": "Rethinking Attention with Performers",
                             "published": "2020-09-30", "authors": ["K. Choromanski"],
                             "comment": "Published as a conference paper at ICLR 2021"},
              "2004.05150": {"title": "Longformer: The Long-Document Transformer",
                             "published": "2020-04-10", "journal_ref": "",
                             "comment": "Version 2 introduces LED"}}
    path = tmp_path / "links.json"
    with LinkServer("127.0.0.61") as api, LinkServer("127.0.0.62") as notes:
        api.routes["/api/query"] = arxiv_api(api, papers)
        notes.routes["*"] = openreview_api({"Abc123": {
            "title": "Some Paper", "venue": "ICLR 2021 Poster",
            "venueid": "ICLR.cc/2021/Conference", "authors": ["Ann One"]}})
        policy = with_overrides(FAST, arxiv_api=api.url("/api/query"),
                                openreview_api=notes.url("").rstrip("/"))
        cache = LinkCache(path)
        check_links(targets_from_urls(["https://arxiv.org/abs/2009.14794",
                                       "https://arxiv.org/pdf/2004.05150v2.pdf",
                                       "https://openreview.net/forum?id=Abc123"]),
                    policy, cache)
        cache.save()
        assert len(api.notes["arxiv_batches"]) == 1
        assert notes.count("/notes") == 1
    arxiv, openreview = cached_metadata(str(path))
    assert arxiv["2009.14794"]["comment"] == "Published as a conference paper at ICLR 2021"
    assert arxiv["2009.14794"]["published"] == "2020-09-30"
    assert arxiv_venue(arxiv["2009.14794"]).label == "ICLR 2021"
    assert arxiv_venue(arxiv["2004.05150"]) is None
    assert openreview_venue(openreview["Abc123"]).label == "ICLR 2021"


@pytest.mark.parametrize("part, record", [
    ("arxiv", {"title": "T", "code": "javascript:alert(1)"}),
    ("arxiv", {"title": "T", "published": "yesterday"}),
    ("arxiv", {"title": "T", "authors": "A. Author"}),
    ("arxiv", {"title": "T", "comment": "x" * 5000}),
    ("arxiv", {"title": 3}),
    ("arxiv", {"title": "T", "more_authors": -1}),
    ("openreview", {"title": "T", "code": "file:///etc/passwd"}),
    ("openreview", {"title": "T", "venue": ["ICLR 2021"]}),
    ("openreview", {"title": "T", "authors": [1, 2]}),
    ("openreview", {"venue": "ICLR 2021 Poster"}),
])
def test_cached_metadata_is_validated_on_load(tmp_path, part, record):
    path = tmp_path / "links.json"
    path.write_text(json.dumps({"version": 2, part: {"2101.00001": record}}),
                    encoding="utf-8")
    cache = LinkCache(path).load()
    assert (cache.arxiv, cache.openreview) == ({}, {}) and cache.warnings, \
        "a bad record must discard the cache"


def test_older_caches_still_load(tmp_path):
    path = tmp_path / "links.json"
    path.write_text(json.dumps({"version": 2, "arxiv": {"2101.00001": {
        "title": "T", "checked": 1.0}}}), encoding="utf-8")
    cache = LinkCache(path).load()
    assert cache.arxiv == {"2101.00001": {"title": "T", "checked": 1.0}}
    assert cache.openreview == {} and not cache.warnings
