"""duplicate-entry by evidence (issue 10 Deliver 3, issue 11 Deliver 3, issue 16 Deliver 3):
the same link in one section is an error, the same item in another section a cross-listing
note (configurable), a title match needs more evidence, names that share a page are not always
one thing. Each case is a small list shaped like the real one it comes from."""
from __future__ import annotations

from pathlib import Path

import pytest

from awesome_tools.config import Config, load_config
from awesome_tools.model.parse import parse
from awesome_tools.rules import RuleContext
from awesome_tools.runner import check_document, selected_rules


def findings(text: str, config: Config = None):
    config = config or Config()
    doc = parse(text, "README.md")
    ctx = RuleContext(Path("README.md"), config, Path("."))
    result = check_document(doc, ctx, selected_rules(config, ("duplicate-entry",), ()))
    return [(f.line, f.severity, f.related[1] if f.related else None) for f in result.findings]


def config_with(tmp_path: Path, yaml: str) -> Config:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / ".awesome-tools.yaml").write_text(yaml)
    return load_config(None, tmp_path)


# --------------------------------------------------------------------------- one section


def test_a_duplicate_row_inside_a_table_is_an_error() -> None:
    text = ("# Events\n\n## Meetups\n\n| 이름 | 링크 |\n|---|---|\n"
            "| React Korea | [facebook](https://www.facebook.com/groups/react.ko/) |\n"
            "| Kubernetes Korea | [facebook](https://www.facebook.com/groups/k8skr/) |\n"
            "| React Korea | [facebook](https://www.facebook.com/groups/react.ko/) |\n"
            "| Kubernetes Korea Group | [facebook](https://www.facebook.com/groups/k8skr/"
            "?locale=ko_KR) |\n")
    assert findings(text) == [(9, "error", 7), (10, "error", 8)]


def test_a_duplicate_inside_a_paragraph_list_is_an_error() -> None:
    text = ("# Diffusion\n\n## Video\n\n"
            "**VanGogh: A Unified Multimodal Diffusion-based Framework for Video "
            "Colorization** \\\n"
            "[[Website](https://arxiv.org/abs/2501.09499)]\n\n"
            "**Another Paper About Something Else Entirely** \\\n"
            "[[Website](https://arxiv.org/abs/2501.00001)]\n\n"
            "**VanGogh: A Unified Multimodal Diffusion-based Framework for Video "
            "Colorization** \\\n"
            "[[Website](https://arxiv.org/pdf/2501.09499v2)]\n")
    assert findings(text) == [(11, "error", 5)]


def test_two_titles_on_one_paper_id_mean_a_wrong_link() -> None:
    text = ("# Datasets\n\n| Year | Dataset | Venue |\n|---|---|---|\n"
            "| 2018 | [LRS2](https://arxiv.org/abs/1611.05358) | TPAMI 2018 |\n"
            "| 2016 | [LRW](https://arxiv.org/abs/1611.05358) | ACCV 2016 |\n")
    assert findings(text) == [(6, "error", 5)]


def test_one_paper_under_many_url_forms() -> None:
    forms = ("https://arxiv.org/abs/2103.00020", "https://www.alphaxiv.org/abs/2103.00020",
             "https://huggingface.co/papers/2103.00020", "https://arxiv.org/pdf/2103.00020v2.pdf",
             "https://www.semanticscholar.org/arxiv/2103.00020")
    for form in forms[1:]:
        text = (f"# L\n\n## CLIP\n\n- [Learning Transferable Visual Models]({forms[0]}) - A.\n"
                f"- [CLIP paper page]({form}) - B.\n")
        assert findings(text) == [(6, "error", 5)], form
    doi = ("# L\n\n## Face\n\n- [Learning Dynamic Prior Knowledge for Text-to-Face Pixel "
           "Synthesis](https://dl.acm.org/doi/abs/10.1145/3503161.3547818) - ACMMM 2022.\n"
           "- [Dynamic Prior Knowledge for Text-to-Face Synthesis](https://doi.org/10.1145/"
           "3503161.3547818) - ACM MM.\n")
    assert findings(doi) == [(6, "error", 5)]
    ieee = ("# L\n\n## Survey\n\n- [Deep Multimodal Representation Learning: A Survey]"
            "(https://ieeexplore.ieee.org/abstract/document/8715409) - IEEE Access.\n"
            "- [Deep multimodal representation learning: a survey](https://ieeexplore.ieee.org/"
            "stamp/stamp.jsp?tp=&arnumber=8715409) - IEEE Access 2019.\n")
    assert findings(ieee) == [(6, "error", 5)]


def test_models_a_paper_introduces_are_not_that_paper_twice() -> None:
    text = ("# Models\n\n| Name | Year |\n|---|---|\n"
            "| [Ruri](https://arxiv.org/abs/2409.07737) | 2024 |\n"
            "| [Ruri-Reranker](https://arxiv.org/abs/2409.07737) | 2024 |\n"
            "| [gpt-oss-20b-Ja-Fin](https://arxiv.org/abs/2603.01353) | 2026 |\n"
            "| [Qwen3-14B-Ja-Fin](https://arxiv.org/abs/2603.01353) | 2026 |\n")
    assert findings(text) == []


def test_different_papers_sharing_a_title_are_not_duplicates() -> None:
    text = ("# L\n\n## Surveys\n\n"
            "- [Large Language Models on Graphs: A Survey](https://arxiv.org/abs/2312.02783) - "
            "Jin et al.\n"
            "- [Large Language Models on Graphs: A Survey](https://arxiv.org/abs/2311.12399) - "
            "Li et al.\n")
    assert findings(text) == []


def test_a_title_match_needs_a_paper_and_two_sites() -> None:
    same_paper = ("# L\n\n## Training\n\n"
                  "* **PatchRot**: \"PatchRot: A Self-Supervised Technique for Training Vision "
                  "Transformers\", CVPRW, 2022. [[Paper](https://drive.google.com/file/d/x/view)]\n"
                  "* **PatchRot**: \"PatchRot: A Self-Supervised Technique for Training Vision "
                  "Transformers\", NeurIPSW, 2022. [[Paper](https://arxiv.org/abs/2210.15722)]\n")
    assert findings(same_paper) == [(6, "warning", 5)]
    two_videos = ("# L\n\n## Java\n\n"
                  "- [Java Tutorial for Beginners](https://www.youtube.com/watch?v=eIrMbAQSU34)\n"
                  "- [Java Tutorial For Beginners](https://www.youtube.com/playlist?list=PLsyeo)\n")
    assert findings(two_videos) == []
    book_and_course = ("# L\n\n## Courses\n\n"
                       "- [Deep Learning Crash Course](https://www.manning.com/livevideo/x) - A.\n"
                       "- [Deep Learning Crash Course](https://www.youtube.com/playlist?list=PLx)"
                       " - B.\n")
    assert findings(book_and_course) == []


def test_a_title_match_across_sections_with_the_year_of_a_venue_description() -> None:
    """IEEE Xplore's document page and the DOI of one survey (no offline link between the two
    ids): same title and the year written after it (``- IEEE Access 2019.``)."""
    text = ("## Vision Language Models\n\n"
            "- [Deep Multimodal Representation Learning: A Survey]"
            "(https://ieeexplore.ieee.org/document/8715409) - IEEE Access 2019.\n\n"
            "## Transformer\n\n"
            "- [Deep multimodal representation learning: a survey]"
            "(https://doi.org/10.1109/ACCESS.2019.2916887) - IEEE Access 2019.\n")
    assert findings(text) == [(7, "note", 3)]
    other_year = text[:-len("2019.\n")] + "2021.\n"
    assert findings(other_year) == []


def test_a_short_name_on_two_sites_of_its_own() -> None:
    text = ("# Python\n\n## Date and time\n\n"
            "* [dateutil](https://pypi.python.org/pypi/python-dateutil) - Extensions.\n"
            "* [dateutil](https://github.com/dateutil/dateutil) - Extensions to datetime.\n"
            "* [errors](https://github.com/emperror/errors) - One errors package.\n"
            "* [errors](https://gitlab.com/tozd/go/errors) - Another one.\n")
    assert findings(text) == [(6, "warning", 5)]


# --------------------------------------------------------------------------- names on one page


def test_names_that_share_a_page() -> None:
    text = ("# Z\n\n## Themes\n\n"
            "- [mochi](https://github.com/mochidaz/zsh-themes) - A theme.\n"
            "- [mochi2](https://github.com/mochidaz/zsh-themes) - Another theme.\n"
            "- [aligncheck](https://gitlab.com/opennota/check) - Alignment.\n"
            "- [structcheck](https://gitlab.com/opennota/check) - Structs.\n"
            "- [agnoster (fseguin)]"
            "(https://github.com/fsegouin/oh-my-zsh-agnoster-mod-theme) - A.\n"
            "- [agnoster-mod](https://github.com/fsegouin/oh-my-zsh-agnoster-mod-theme) - B.\n"
            "- [hatch](https://github.com/pypa/hatch) - A project manager.\n"
            "- [hatchling](https://github.com/pypa/hatch) - The build backend of the hatch "
            "project.\n")
    # versions and monorepo tools share a page; a second name for the repository itself is
    # the theme listed twice; a component the description calls part of the project is not
    assert findings(text) == [(10, "error", 9)]


def test_a_second_name_for_a_site_that_is_the_resource() -> None:
    text = ("# Interviews\n\n## Problems\n\n"
            "- [Design Autocomplete for Search Engines](https://algomaster.io/learn/system-design-"
            "interviews/design-instagram)\n"
            "- [Design Instagram](https://algomaster.io/learn/system-design-interviews/design-"
            "instagram)\n")
    assert findings(text) == [(6, "error", 5)]


# --------------------------------------------------------------------------- other sections


def test_cross_listings_are_notes_by_default_and_configurable(tmp_path) -> None:
    text = ("# L\n\n## Vision\n\n- [CLIP](https://arxiv.org/abs/2103.00020) - A model.\n\n"
            "## Language\n\n- [CLIP](https://arxiv.org/abs/2103.00020) - The same model.\n")
    assert findings(text) == [(9, "note", 5)]
    assert findings(text, config_with(tmp_path, "duplicates:\n  cross-listings: error\n")) == [
        (9, "error", 5)]
    assert findings(text, config_with(tmp_path, "duplicates:\n  cross-listings: off\n")) == []
    assert findings(text, config_with(tmp_path, "duplicates:\n  allow: "
                                                "[https://arxiv.org/abs/2103.00020]\n")) == []


def test_the_cross_listing_option_is_validated(tmp_path) -> None:
    from awesome_tools.errors import ConfigError

    with pytest.raises(ConfigError, match="cross-listings"):
        config_with(tmp_path, "duplicates:\n  cross-listings: maybe\n")


def test_a_fragment_that_names_a_part_is_another_target() -> None:
    text = ("# RN\n\n## Releases\n\n"
            "- [Stable: 0.57.0](https://github.com/facebook/react-native/blob/main/CHANGELOG.md"
            "#057) - The release notes.\n"
            "- [All Changelogs](https://github.com/facebook/react-native/blob/main/CHANGELOG.md)"
            " - Everything.\n"
            "- [react-native](https://github.com/facebook/react-native#readme) - The repo.\n"
            "- [React Native](https://github.com/facebook/react-native) - Again.\n")
    assert findings(text) == [(8, "error", 7)]


def test_news_bullets_and_toc_lines_make_no_duplicates() -> None:
    text = ("# L\n\n## Contents\n\n- [Papers](https://github.com/o/l/blob/master/README.md#p)\n"
            "- [Tools](https://github.com/o/l/blob/master/README.md#t)\n\n## News\n\n"
            "- [2024/05] Added [CLIP](https://arxiv.org/abs/2103.00020).\n\n## Papers\n\n"
            "- [CLIP](https://arxiv.org/abs/2103.00020) - A model.\n")
    assert findings(text) == []
