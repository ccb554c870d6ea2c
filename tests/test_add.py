"""``awesome-tools add`` (issue 16): a paper into a list, in the list's own form and order.

Metadata comes from loopback fakes of the arXiv API, the OpenReview API and a proceedings page
(the real clients, through the environment's API overrides). Each test adds a paper to a real
list (this repository's README, the seed, and corpus lists written as tables, paragraphs and
list items) and checks what a reviewer would: exactly one new entry, in the asked section and
at its place in the section's order; written in the same form as a neighbour (the same
markup around the same fields: heading level, tag brackets and format, link labels and
order, table cells); the table of contents still right; and ``check`` (every default rule,
and ``entry-format`` with the papers profile) reporting nothing new. The diff is printed
(``pytest -rP`` shows it).
"""
from __future__ import annotations

import difflib
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import List, Tuple

import pytest

from awesome_tools.cli import run
from awesome_tools.model import Document, Entry
from awesome_tools.model.parse import parse
from linkservers import LinkServer, arxiv_api, citation_page, doi_api, openreview_api, resolver

pytestmark = pytest.mark.usefixtures("no_internet")

ROOT = Path(__file__).resolve().parents[1]

ARXIV = {
    "2106.04560": {"title": "Scaling Vision Transformers", "published": "2021-06-08",
                   "authors": ["Xiaohua Zhai", "Alexander Kolesnikov", "Neil Houlsby",
                               "Lucas Beyer"],
                   "comment": "CVPR 2022 camera-ready",
                   "summary": "Code: https://github.com/google-research/big_vision."},
    "2010.04159": {"title": "Deformable DETR: Deformable Transformers for End-to-End Object "
                            "Detection", "published": "2020-10-08",
                   "authors": ["Xizhou Zhu", "Weijie Su"], "comment": "ICLR 2021 Oral",
                   "summary": "Code is released at https://github.com/fundamentalvision/"
                              "Deformable-DETR."},
    "2305.13245": {"title": "GQA: Training Generalized Multi-Query Transformer Models from "
                            "Multi-Head Checkpoints", "published": "2023-05-22",
                   "authors": ["Joshua Ainslie", "James Lee-Thorp"]},
    "2604.99999": {"title": "TalkNow: Real-Time Talking Heads with Diffusion",
                   "published": "2026-04-28", "authors": ["A. Person"],
                   "summary": "Code: https://github.com/example/talknow"},
    "2201.99999": {"title": "Swin Transformer: Hierarchical Vision Transformer using "
                            "Shifted Windows", "published": "2022-01-03"},
    "2202.00001": {"title": "Evil <img src=x onerror=alert(1)> [click](javascript:alert(1)) "
                            "| *Title* `code`", "published": "2022-02-01"},
    "2010.11929": {"title": "An Image is Worth 16x16 Words: Transformers for Image "
                            "Recognition at Scale", "published": "2020-10-22"},
}
NOTES = {"Ee277P3AYC": {"title": "CoCa: Contrastive Captioners are Image-Text Foundation "
                                 "Models", "venue": "Accepted by TMLR", "venueid": "TMLR",
                        "pdate": 1660000000000, "authors": ["Jiahui Yu"]},
         "Xyz0Vlp123": {"title": "Unified Contrastive Pre-training for Image and Text Retrieval",
                        "venue": "ICLR 2023 poster", "venueid": "ICLR.cc/2023/Conference",
                        "authors": ["Ann One"], "code": "https://github.com/ann/ucp"}}


@pytest.fixture
def apis(monkeypatch, tmp_path):
    """Fake arXiv, OpenReview and DOI APIs, named by the environment as a user would; the
    link cache in the temporary directory."""
    monkeypatch.delenv("AWESOME_TOOLS_LINK_CACHE", raising=False)
    with LinkServer("127.0.0.81") as arxiv, LinkServer("127.0.0.82") as notes, \
            LinkServer("127.0.0.84") as doi:
        arxiv.routes["/api/query"] = arxiv_api(arxiv, ARXIV)
        notes.routes["*"] = openreview_api(NOTES)
        doi.routes["*"] = doi_api({"10.1145/3072959.3073640": "https://dl.acm.org/doi/x"})
        monkeypatch.setenv("AWESOME_TOOLS_ARXIV_API", arxiv.url("/api/query"))
        monkeypatch.setenv("AWESOME_TOOLS_OPENREVIEW_API", notes.url("").rstrip("/"))
        monkeypatch.setenv("AWESOME_TOOLS_OPENREVIEW_API_V1", "http://127.0.0.250:9")
        monkeypatch.setenv("AWESOME_TOOLS_DOI_API", doi.url("/api/handles"))
        yield {"arxiv": arxiv, "openreview": notes, "doi": doi, "cache": tmp_path / "c.json"}


def cli(capsys, *argv: str) -> Tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def place(tmp_path: Path, source: Path, name: str = "README.md", config: str = "") -> Path:
    """A copy of a list in a repository of its own (with a config when given)."""
    directory = tmp_path / "repo"
    directory.mkdir(exist_ok=True)
    (directory / ".git").mkdir(exist_ok=True)
    target = directory / name
    shutil.copyfile(source, target)
    if config:
        (directory / ".awesome-tools.yaml").write_text(config, encoding="utf-8")
    return target


# --------------------------------------------------------------------------- the form check


def form_of(doc: Document, entry: Entry) -> str:
    """An entry's form: its source with every field (title, name, venue, authors, paper and
    code links) replaced by a placeholder, other links and remarks left out; a table row's
    cells by what they hold."""
    from awesome_tools.adding import _tags_span
    from awesome_tools.adding.write import entry_region, skeleton, split_cells, template_fields
    from awesome_tools.venues import DEFAULT_TABLE

    if entry.kind == "row":
        _, cells, _ = split_cells(doc.line(entry.line))
        shapes = []
        for cell in cells:
            text = cell.strip()
            link = re.fullmatch(r"\[([^\]]*)\]\([^)]*\)", text)
            if not text or text in ("N/A", "-", "None"):
                shapes.append(text or "empty")
            elif link and entry.title in link.group(1):
                shapes.append("[TITLE](URL)")
            elif link:
                shapes.append(f"[{link.group(1)}](URL)")
            elif re.fullmatch(r"(?:19|20)\d{2}", text):
                shapes.append("YEAR")
            else:
                shapes.append("TEXT")
        return " | ".join(shapes)
    fields = template_fields(doc, entry, _tags_span(doc, entry, DEFAULT_TABLE))
    assert fields is not None, f"line {entry.line}: no form"
    kinds = {item.kind for item in fields}
    return skeleton(doc, fields, entry_region(doc, entry), "code" in kinds, "venue" in kinds,
                    "authors" in kinds)


def _new_entries(before: Document, after: Document) -> List[Entry]:
    old = {(entry.title, entry.primary.url if entry.primary else "") for entry in before.entries}
    return [entry for entry in after.entries
            if (entry.title, entry.primary.url if entry.primary else "") not in old]


def _report(capsys, path: Path, *extra: str) -> Counter:
    code, out, err = cli(capsys, "check", str(path), "--format", "json", *extra)
    assert code in (0, 1), err
    return Counter((f["rule"], re.sub(r"\d+", "#", f["message"])) for f in json.loads(out))


def added_cleanly(capsys, path: Path, before_text: str, section: Tuple[str, ...],
                  papers_profile: bool = True) -> Tuple[Entry, str]:
    """The one new entry of ``path`` (checked as the module docstring says) and the diff."""
    after_text = path.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(before_text.splitlines(True),
                                        after_text.splitlines(True), "before", "after"))
    before, after = parse(before_text, str(path)), parse(after_text, str(path))
    new = _new_entries(before, after)
    assert len(new) == 1, diff
    entry = new[0]
    assert entry.section[-len(section):] == section, (entry.section, diff)
    neighbours = [other for other in after.entries
                  if other.section == entry.section and other is not entry
                  and other.kind == entry.kind]
    forms = Counter(form_of(after, other) for other in neighbours if _formable(after, other))
    mine = form_of(after, entry)
    assert mine in forms, f"{mine!r} is the form of no neighbour:\n{forms}\n{diff}"
    # nothing new for any default rule, nor for entry-format with the papers profile
    original = path.with_name("before.md")
    original.write_text(before_text, encoding="utf-8")
    assert _report(capsys, path) - _report(capsys, original) == Counter(), diff
    if papers_profile:
        config = path.parent / "papers.yaml"
        config.write_text("entry-format: {profile: papers}\n", encoding="utf-8")
        extra = ("--select", "entry-format", "--config", str(config))
        assert _report(capsys, path, *extra) - _report(capsys, original, *extra) == \
            Counter(), diff
    original.unlink()
    return entry, diff


def _formable(doc: Document, entry: Entry) -> bool:
    try:
        form_of(doc, entry)
    except AssertionError:
        return False
    return True


# --------------------------------------------------------------------------- heading entries


def test_add_to_this_readme_as_a_paper_heading(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md", config=(ROOT / ".awesome-tools.yaml")
                   .read_text(encoding="utf-8"))
    before = readme.read_text(encoding="utf-8")
    code, out, err = cli(capsys, "add", "https://arxiv.org/abs/2106.04560v3", str(readme),
                         "--section", "Vision Transformers", "--cache", str(apis["cache"]))
    assert code == 0, err
    assert "added 'Scaling Vision Transformers' under 'Transformer > Vision Transformers'" in out
    entry, diff = added_cleanly(capsys, readme, before, ("Transformer", "Vision Transformers"))
    text = readme.read_text(encoding="utf-8")
    assert "#### Scaling Vision Transformers [CVPR 2022]\n\n[[paper]](https://arxiv.org/abs/" \
           "2106.04560) [[code]](https://github.com/google-research/big_vision)\n" in text
    # in the section's order (by arXiv id): after DINO (2104.14294), before BEiT (2106.08254)
    assert text.index("#### DINO:") < text.index("#### Scaling Vision") < \
        text.index("#### BEiT:")
    assert "table of contents" not in out  # this README's TOC lists sections only
    print(diff)


def test_add_a_paper_without_code_and_the_preprint_tag_style(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md", config=(ROOT / ".awesome-tools.yaml")
                   .read_text(encoding="utf-8"))
    before = readme.read_text(encoding="utf-8")
    code, _, err = cli(capsys, "add", "2305.13245", str(readme), "--section",
                       "Transformer > Efficient Transformers", "--cache", str(apis["cache"]))
    assert code == 0, err
    entry, diff = added_cleanly(capsys, readme, before, ("Efficient Transformers",))
    assert "#### GQA: Training Generalized Multi-Query Transformer Models from Multi-Head " \
           "Checkpoints [arXiv 2023/05]\n\n[[paper]](https://arxiv.org/abs/2305.13245)\n" \
           in readme.read_text(encoding="utf-8")
    print(diff)


def test_add_to_the_seed_updates_its_table_of_contents(apis, seed_file, capsys):
    before = seed_file.read_text(encoding="utf-8")
    code, out, err = cli(capsys, "add", "2010.04159", str(seed_file), "--section",
                         "Image Transformers", "--cache", str(seed_file.parent / "c.json"))
    assert code == 0, err
    assert "table of contents updated" in out
    entry, diff = added_cleanly(capsys, seed_file, before, ("Image Transformers",),
                                papers_profile=False)
    after = parse(seed_file.read_text(encoding="utf-8"), "README.md")
    heading = next(h for h in after.headings if h.text.startswith("Deformable DETR"))
    toc_line = next(e for e in after.toc.entries if e.fragment == heading.anchor)
    swin = next(e for e in after.toc.entries if e.text.startswith("Swin Transformer"))
    assert toc_line.depth == swin.depth and toc_line.line == swin.line + 1
    assert heading.text == "Deformable DETR: Deformable Transformers for End-to-End Object " \
                           "Detection [ICLR 2021]"
    code, out, _ = cli(capsys, "check", str(seed_file), "--select",
                       "toc-missing,toc-extra,toc-anchor,toc-order,toc-level,broken-anchor")
    assert code == 0, out  # the table of contents is right
    print(diff)


# --------------------------------------------------------------------------- corpus lists


CORPUS_CASES = [
    # (list, section, paper, what the new entry's line must read)
    ("lists2/Kedreamix__Awesome-Talking-Head-Synthesis.md", ("Audio-driven",), "2604.99999",
     "| 2026 | [TalkNow: Real-Time Talking Heads with Diffusion](https://arxiv.org/abs/"
     "2604.99999) | ArXiv 2026 | [Code](https://github.com/example/talknow) |  |  |"),
    ("lists2/Kedreamix__Awesome-Talking-Head-Synthesis.md", ("Datasets",), "2604.99999",
     "| 2026 | [TalkNow: Real-Time Talking Heads with Diffusion](https://arxiv.org/abs/"
     "2604.99999) | ArXiv 2026 | N/A | 1,000 hours of talking-head video with diffusion "
     "targets. |"),
    ("lists/yuewang-cuhk__awesome-vision-language-pretraining-papers.md",
     ("Representation Learning",), "2106.04560",
     "[Scaling Vision Transformers](https://arxiv.org/abs/2106.04560), CVPR 2022"),
    ("lists/cmhungsteve__Awesome-Transformer-Attention.md", ("General Vision Transformer",),
     "2604.99999",
     '* **TalkNow**: "TalkNow: Real-Time Talking Heads with Diffusion", arXiv, 2026. '
     "[[Paper](https://arxiv.org/abs/2604.99999)]"),
    ("lists2/XiaoxinHe__Awesome-Graph-LLM.md", ("Large Multimodal Models (LMMs)",),
     "2010.04159", "- (*ICLR'21*) Deformable DETR: Deformable Transformers for End-to-End "
                   "Object Detection [[paper](https://arxiv.org/abs/2010.04159)]"),
]


@pytest.mark.parametrize("name, section, paper, expected", CORPUS_CASES,
                         ids=[f"{case[0].split('__')[1][:24]}-{case[1][0][:12]}"
                              for case in CORPUS_CASES])
def test_add_to_corpus_lists_in_their_own_form(apis, corpus_dir, tmp_path, capsys, name,
                                               section, paper, expected):
    path = place(tmp_path, corpus_dir / name)
    before = path.read_text(encoding="utf-8")
    described = ("--description", "1,000 hours of talking-head video with diffusion targets.") \
        if section == ("Datasets",) else ()
    code, _, err = cli(capsys, "add", paper, str(path), "--section", " > ".join(section),
                       "--cache", str(apis["cache"]), *described)
    assert code == 0, err
    entry, diff = added_cleanly(capsys, path, before, section)
    line = path.read_text(encoding="utf-8").split("\n")[entry.line - 1]
    assert line.startswith(expected), diff
    print(diff)


def test_a_table_sorted_newest_first_gets_the_new_paper_first(apis, corpus_dir, tmp_path,
                                                              capsys):
    path = place(tmp_path, corpus_dir / "lists2/Kedreamix__Awesome-Talking-Head-Synthesis.md")
    before = path.read_text(encoding="utf-8").split("\n")
    assert cli(capsys, "add", "2604.99999", str(path), "--section", "Survey", "--cache",
               str(apis["cache"]))[0] == 0
    after = path.read_text(encoding="utf-8").split("\n")
    header = before.index("| Year | Title | Conference/Journal |")
    assert after[header + 2].startswith("| 2026 | [TalkNow")
    assert after[header + 3] == before[header + 2]


def test_a_section_that_lists_no_papers_is_refused(apis, corpus_dir, tmp_path, capsys):
    path = place(tmp_path, corpus_dir / "lists2/Kedreamix__Awesome-Talking-Head-Synthesis.md")
    before = path.read_bytes()
    code, _, err = cli(capsys, "add", "2604.99999", str(path), "--section", "Tools & Software",
                       "--cache", str(apis["cache"]))
    assert code == 2 and "does not list papers" in err
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- already listed


@pytest.mark.parametrize("argument", ["2010.11929", "https://arxiv.org/pdf/2010.11929v2.pdf",
                                      "arXiv:2010.11929", "https://alphaxiv.org/abs/2010.11929"])
def test_a_paper_already_listed_under_any_url_form_is_not_added(apis, tmp_path, capsys,
                                                                argument):
    readme = place(tmp_path, ROOT / "README.md")
    before = readme.read_bytes()
    code, out, _ = cli(capsys, "add", argument, str(readme), "--section", "Survey",
                       "--cache", str(apis["cache"]))
    assert code == 1 and "already listed as 'ViT: An Image is Worth 16x16 Words" in out
    assert readme.read_bytes() == before


def test_the_same_url_is_caught_before_any_request(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    assert cli(capsys, "add", "https://arxiv.org/abs/2010.11929", str(readme),
               "--cache", str(apis["cache"]))[0] == 1
    assert apis["arxiv"].requests == []


def test_a_paper_listed_under_another_id_with_its_long_title_is_not_added(apis, tmp_path,
                                                                          capsys):
    readme = place(tmp_path, ROOT / "README.md")
    code, out, _ = cli(capsys, "add", "2201.99999", str(readme), "--section",
                       "Vision Transformers", "--cache", str(apis["cache"]))
    assert code == 1 and "already listed as 'Swin Transformer" in out


# --------------------------------------------------------------------------- sections


def test_without_section_off_a_terminal_the_best_match_is_named(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    code, _, err = cli(capsys, "add", "2106.04560", str(readme), "--cache", str(apis["cache"]))
    assert code == 2
    assert "--section is required" in err and "'Transformer > Vision Transformers'" in err


def test_on_a_terminal_the_user_picks_among_the_best_sections(apis, tmp_path, capsys):
    from awesome_tools.commands.add import run_add

    readme = place(tmp_path, ROOT / "README.md", config=(ROOT / ".awesome-tools.yaml")
                   .read_text(encoding="utf-8"))
    offered: List[str] = []

    def ask(choices):
        offered.extend(choice.label for choice in choices)
        return choices[0]

    assert run_add("2010.04159", str(readme), ask=ask, cache_path=str(apis["cache"])) == 0
    assert offered[0] == "Transformer > Vision Transformers" and len(offered) == 5


@pytest.mark.parametrize("section, message", [
    ("Survey", "names 2 sections"),
    ("Nonexistent Things", "no section"),
])
def test_section_names_must_name_one_section(apis, tmp_path, capsys, section, message):
    readme = place(tmp_path, ROOT / "README.md")
    code, _, err = cli(capsys, "add", "2106.04560", str(readme), "--section", section,
                       "--cache", str(apis["cache"]))
    assert code == 2 and message in err


def test_a_section_named_by_its_anchor(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    code, out, err = cli(capsys, "add", "2305.13245", str(readme), "--section", "#survey-1",
                         "--cache", str(apis["cache"]))
    assert code == 0, err
    assert "under 'Transformer > Survey'" in out


# --------------------------------------------------------------------------- sources


def test_dry_run_prints_the_diff_and_writes_nothing(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    before = readme.read_bytes()
    code, out, _ = cli(capsys, "add", "2106.04560", str(readme), "--section",
                       "Vision Transformers", "--dry-run", "--cache", str(apis["cache"]))
    assert code == 0 and readme.read_bytes() == before
    assert "+#### Scaling Vision Transformers [CVPR 2022]" in out and out.startswith("--- a/")


def test_an_openreview_paper_takes_its_decision_as_venue(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md", config=(ROOT / ".awesome-tools.yaml")
                   .read_text(encoding="utf-8"))
    before = readme.read_text(encoding="utf-8")
    code, out, _ = cli(capsys, "add", "https://openreview.net/forum?id=Ee277P3AYC",
                       str(readme), "--section", "Vision-Language Pretraining", "--cache",
                       str(apis["cache"]))
    assert code == 1 and "already listed as 'CoCa: Contrastive Captioners" in out  # by title
    code, _, err = cli(capsys, "add", "https://openreview.net/pdf?id=Xyz0Vlp123", str(readme),
                       "--section", "Vision-Language Pretraining", "--cache",
                       str(apis["cache"]))
    assert code == 0, err
    entry, diff = added_cleanly(capsys, readme, before, ("Vision-Language Pretraining",))
    assert "#### Unified Contrastive Pre-training for Image and Text Retrieval [ICLR 2023]\n\n" \
           "[[paper]](https://openreview.net/forum?id=Xyz0Vlp123) [[code]](https://github.com/" \
           "ann/ucp)\n" in readme.read_text(encoding="utf-8")
    assert apis["openreview"].count("/notes") == 2
    print(diff)


def test_a_doi_needs_a_title_and_is_checked_with_the_handle_api(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    code, _, err = cli(capsys, "add", "10.1145/3072959.3073640", str(readme), "--section",
                       "Video-Language Pretraining", "--cache", str(apis["cache"]))
    assert code == 2 and "give --title" in err
    code, _, err = cli(capsys, "add", "doi:10.1145/9999999.0000000", str(readme), "--section",
                       "Video-Language Pretraining", "--title", "Unknown",
                       "--cache", str(apis["cache"]))
    assert code == 2 and "does not know" in err
    code, out, err = cli(capsys, "add", "https://doi.org/10.1145/3072959.3073640", str(readme),
                         "--section", "Video-Language Pretraining", "--title",
                         "Synthesizing Obama: Learning Lip Sync from Audio",
                         "--venue", "CVPR 2017", "--cache", str(apis["cache"]))
    assert code == 0, err
    assert "#### Synthesizing Obama: Learning Lip Sync from Audio [CVPR 2017]\n\n[[paper]](" \
           "https://doi.org/10.1145/3072959.3073640)\n" in readme.read_text(encoding="utf-8")


def test_a_proceedings_page_gives_title_and_venue(tmp_path):
    """A CVF page through the library (its host name resolves to a loopback server through
    the policy's test resolver): the title from its citation tags, the venue from its URL."""
    from awesome_tools.adding.lookup import Lookup, identify
    from awesome_tools.links.cache import LinkCache
    from awesome_tools.links.policy import Policy, with_overrides

    url = ("http://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_"
           "Attention_Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html")
    with LinkServer("127.0.0.85") as cvf:
        cvf.routes["*"] = citation_page("Multi-Modality Cross Attention Network for Image and "
                                        "Sentence Matching", ["Wei, Xi", "Zhang, Tianzhu"])
        policy = with_overrides(Policy(), resolve=resolver({"openaccess.thecvf.com": cvf}))
        paper = Lookup(policy, LinkCache(None)).paper(identify(url))
    assert paper.title == "Multi-Modality Cross Attention Network for Image and Sentence " \
                          "Matching"
    assert paper.authors == ("Xi Wei", "Tianzhu Zhang")
    assert (paper.venue.venue, paper.venue.year) == ("CVPR", 2020)


def test_untrusted_titles_are_written_as_plain_text(apis, corpus_dir, tmp_path, capsys):
    path = place(tmp_path, corpus_dir / "lists2/Kedreamix__Awesome-Talking-Head-Synthesis.md")
    before = path.read_text(encoding="utf-8")
    code, _, err = cli(capsys, "add", "2202.00001", str(path), "--section", "Survey",
                       "--cache", str(apis["cache"]))
    assert code == 0, err
    after = parse(path.read_text(encoding="utf-8"), str(path))
    entry = _new_entries(parse(before, str(path)), after)[0]
    assert [link.url for _, link in entry.links] == ["https://arxiv.org/abs/2202.00001"]
    line = after.line(entry.line)
    assert "<img" not in line and "\\[click\\](javascript" in line
    assert line.count(" | ") == 2, line  # the title's | did not split the row
    assert entry.title.startswith("Evil") and "img" not in entry.title


def test_bad_arguments(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    for argument, message in (("https://example.com/paper", "is not an arXiv id"),
                              ("2101.99999", "does not know")):
        code, _, err = cli(capsys, "add", argument, str(readme), "--section", "Survey > x",
                           "--cache", str(apis["cache"]))
        assert code == 2 and message in err or "no section" in err, err
    code, _, err = cli(capsys, "add", "2106.04560", str(readme), "--section",
                       "Vision Transformers", "--code", "javascript:alert(1)",
                       "--cache", str(apis["cache"]))
    assert code == 2 and "--code" in err


def test_a_paper_known_to_the_link_cache_costs_no_request(apis, tmp_path, capsys):
    readme = place(tmp_path, ROOT / "README.md")
    seedless = readme.read_bytes()
    assert cli(capsys, "add", "2106.04560", str(readme), "--section", "Vision Transformers",
               "--cache", str(apis["cache"]))[0] == 0
    asked = len(apis["arxiv"].requests)
    readme.write_bytes(seedless)
    assert cli(capsys, "add", "2106.04560", str(readme), "--section", "Vision Transformers",
               "--cache", str(apis["cache"]))[0] == 0
    assert len(apis["arxiv"].requests) == asked == 1


# --------------------------------------------------------------------------- order


@pytest.mark.parametrize("keys, new, direction, expected", [
    ([2019, 2020, 2020, 2021], 2020, 1, 3),
    ([2019, 2020, 2020, 2021], 2022, 1, 4),
    ([2019, 2020, 2020, 2021], 2018, 1, 0),
    ([2026, 2026, 2025], 2026, -1, 0),
    ([2026, 2025, 2024], 2025, -1, 1),
    ([2019, 2021, 2020, 2022], 2021, 1, 3),  # an entry out of place does not drag it back
    ([2019, None, 2021], 2020, 1, 2),
])
def test_insertion_index(keys, new, direction, expected):
    from awesome_tools.adding import insertion_index

    assert insertion_index(keys, new, direction) == expected


def test_sections_without_an_order_get_the_new_entry_at_the_end():
    from awesome_tools.adding import order_of
    from awesome_tools.venues import DEFAULT_TABLE

    doc = parse("# L\n\n## S\n\n" + "".join(
        f"- [{title}](https://arxiv.org/abs/{ident}), arXiv {year}\n"
        for title, ident, year in (("Beta", "2101.00005", 2021), ("Alpha", "1901.00001", 2019),
                                   ("Delta", "2301.00001", 2023), ("Gamma", "2001.00002", 2020),
                                   ("Epsilon", "2201.00001", 2022))), "README.md")
    assert order_of(doc, doc.entries, DEFAULT_TABLE) is None
