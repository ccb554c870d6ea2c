"""Entries in every common shape (issue 11): table rows, paragraph entries, bare URLs, HTML
items, link headings, and what is *not* an entry (group labels, field bullets, TOC lines,
badges, news bullets). Each test is a small list written the way real lists write them."""
from __future__ import annotations

from awesome_tools.model.parse import parse


def entries(text: str):
    return parse(text).entries


def brief(entry):
    return (entry.kind, entry.line, entry.title, entry.primary.url if entry.primary else None)


# --------------------------------------------------------------------------- tables


def test_table_rows_with_english_headers() -> None:
    text = ("# Papers\n\n## Portrait\n\n"
            "| Year | Title | Conference/Journal | Code | Description |\n"
            "| ---- | ----- | ------------------ | ---- | ----------- |\n"
            "| 2024 | [EMO: Emote Portrait Alive](https://arxiv.org/abs/2402.17485) | ECCV 2024 "
            "| [Code](https://github.com/x/emo) | Audio to video. |\n"
            "| 2023 | [SadTalker](https://arxiv.org/abs/2211.12194) | CVPR 2023 | "
            "| Talking heads |\n")
    first, second = entries(text)
    assert (first.kind, first.line, first.title) == ("row", 7, "EMO: Emote Portrait Alive")
    assert first.primary.url == "https://arxiv.org/abs/2402.17485"
    assert (first.venue, first.year, first.description) == ("ECCV 2024", 2024, "Audio to video.")
    assert [label for label, _ in first.links] == ["link", "code"]
    assert first.section == ("Papers", "Portrait")
    assert (second.title, second.venue, second.year) == ("SadTalker", "CVPR 2023", 2023)


def test_table_rows_with_chinese_headers_and_a_link_column() -> None:
    text = ("# 资源\n\n| 资源名（Name） | 描述（Description） | 链接 |\n| :-- | :-- | :-- |\n"
            "| 对联数据 | 70万对对联 | [github](https://github.com/wb14123/couplet-dataset) |\n"
            "| 中文谣言数据 | 谣言数据 "
            "| [github](https://github.com/thunlp/Chinese_Rumor_Dataset) |\n")
    first, second = entries(text)
    assert brief(first) == ("row", 5, "对联数据", "https://github.com/wb14123/couplet-dataset")
    assert first.description == "70万对对联"
    assert brief(second)[2:] == ("中文谣言数据", "https://github.com/thunlp/Chinese_Rumor_Dataset")


def test_table_columns_found_by_content_when_headers_say_nothing() -> None:
    text = ("# Models\n\n|    | 公開年 | 開発元 |\n|:---|:---:|:---:|\n"
            "| [Sarashina2-8x70B](https://www.sbintuitions.co.jp/news/) | 2024 | SB Intuitions |\n"
            "| [LLM-jp-3 172B](https://www.nii.ac.jp/news/release/2024/1224.html) | 2024 | NII |\n")
    rows = entries(text)
    assert [(row.title, row.year) for row in rows] == [("Sarashina2-8x70B", 2024),
                                                       ("LLM-jp-3 172B", 2024)]


def test_a_paper_column_of_pdf_links_is_the_primary_link() -> None:
    text = ("# L\n\n|Date|Title|Paper|Code|\n|:---:|:---:|:---:|:---:|\n"
            "|2023.12|🔥[**PETALS**] Distributed Inference of LLMs|[[pdf]](https://arxiv.org/pdf/"
            "2312.08361.pdf)|[[petals]](https://github.com/bigscience-workshop/petals)|\n")
    (row,) = entries(text)
    assert row.primary.url == "https://arxiv.org/pdf/2312.08361.pdf"
    assert row.year == 2023 and "PETALS" in row.title


def test_rows_without_links_in_a_table_of_entries_are_entries() -> None:
    text = ("# L\n\n| Name | Description | Link |\n|--|--|--|\n"
            "| A | a | [github](https://github.com/a/a) |\n"
            "| B | b | [github](https://github.com/b/b) |\n"
            "| C | written without a link | |\n")
    assert [row.title for row in entries(text)] == ["A", "B", "C"]


def test_tables_of_numbers_and_tables_of_contents_hold_no_entries() -> None:
    numbers = ("# L\n\n| Detector | VOC07 | COCO |\n|---|---|---|\n| R-CNN | 58.5 | - |\n"
               "| Fast R-CNN | 70.0 | 19.7 |\n")
    toc = ("# L\n\n| | |\n|--|--|\n| [A](#a) | [B](#b) |\n| [C](#c) | [D](#d) |\n\n## A\n## B\n"
           "## C\n## D\n")
    assert entries(numbers) == () and entries(toc) == ()


# --------------------------------------------------------------------------- paragraphs


def test_bold_title_paragraphs_with_link_lines() -> None:
    text = ("# Diffusion\n\n## Editing\n\n"
            "**The Art of Deception: Color Visual Illusions and Diffusion Models** \\\n"
            "*Alex Gomez-Villa, Kai Wang* \\\n"
            "[[CVPR 2025](https://arxiv.org/abs/2412.10122)]\n"
            "[[Code](https://github.com/alviur/illusion)]\n\n"
            "**Visual Anagrams: Multi-View Optical Illusions** \\\n"
            "[[Website](https://arxiv.org/abs/2311.17919)]\n")
    first, second = entries(text)
    assert first.kind == "paragraph" and first.line == 5 and first.end_line == 8
    assert first.title == "The Art of Deception: Color Visual Illusions and Diffusion Models"
    assert (first.venue, first.year, first.authors) == ("CVPR 2025", 2025,
                                                       "Alex Gomez-Villa, Kai Wang")
    assert [label for label, _ in first.links] == ["paper", "code"]
    assert first.primary.url == "https://arxiv.org/abs/2412.10122"
    assert second.primary.url == "https://arxiv.org/abs/2311.17919"


def test_bold_title_with_a_field_list() -> None:
    text = ("# CVPR\n\n# 3DGS\n\n**Scaffold-GS: Structured 3D Gaussians**\n\n"
            "- Homepage: https://city-super.github.io/scaffold-gs/\n"
            "- Paper: https://arxiv.org/abs/2312.00109\n"
            "- Code: https://github.com/city-super/Scaffold-GS\n")
    (entry,) = entries(text)
    assert (entry.kind, entry.line, entry.end_line) == ("paragraph", 5, 9)
    assert [label for label, _ in entry.links] == ["homepage", "paper", "code"]
    assert entry.primary.url == "https://arxiv.org/abs/2312.00109"


def test_citation_paragraphs() -> None:
    text = ("# Roadmap\n\n## 1.3 ImageNet Evolution\n\n"
            "**[4]** Krizhevsky, Alex, and Geoffrey E. Hinton. \"**Imagenet classification with "
            "deep convolutional neural networks**.\" Advances in neural information processing "
            "systems. 2012. [[pdf]](http://papers.nips.cc/paper/4824.pdf) :star::star:\n\n"
            "**[5]** Simonyan, Karen, and Andrew Zisserman. \"**Very deep convolutional networks "
            "for large-scale image\nrecognition**.\" arXiv preprint arXiv:1409.1556 (2014). "
            "[[pdf]](https://arxiv.org/pdf/1409.1556.pdf)\n")
    first, second = entries(text)
    assert first.title == "Imagenet classification with deep convolutional neural networks"
    assert first.authors.startswith("Krizhevsky, Alex") and first.year == 2012
    assert second.title == ("Very deep convolutional networks for large-scale image "
                            "recognition") and second.year == 2014


def test_link_first_and_task_prefixed_paragraphs() -> None:
    text = ("# VLP\n\n## Task-specific\n\n"
            "[ViLBERT: Pretraining Visiolinguistic Representations](https://arxiv.org/abs/1908."
            "02265), NeurIPS 2019 [[code]](https://github.com/jiasenlu/vilbert_beta)\n\n"
            "**VCR**: [Fusion of Detected Objects in Text for VQA](https://arxiv.org/abs/1908.05054)"
            ", EMNLP 2019, [[code]](https://github.com/google-research/language)\n")
    first, second = entries(text)
    assert (first.title, first.venue) == ("ViLBERT: Pretraining Visiolinguistic "
                                          "Representations", "NeurIPS 2019")
    assert (second.title, second.venue) == ("Fusion of Detected Objects in Text for VQA",
                                            "EMNLP 2019")
    assert [label for label, _ in second.links] == ["link", "code"]


def test_a_lone_link_paragraph_is_no_entry_but_a_section_of_them_is() -> None:
    lone = "# L\n\n## Tools\n\n- [a](https://a.org) - A.\n\n[Join our Discord](https://d.gg/x)\n"
    assert [entry.title for entry in entries(lone)] == ["a"]
    quoted = ("# L\n\n## Nuxt.js\n\n> [Nuxt in 100 seconds](https://youtu.be/aaaaaaaaaaa)\n>\n"
              "> [Nuxt crash course](https://youtu.be/bbbbbbbbbbb)\n>\n"
              "> [Nuxt 3 tutorial](https://youtu.be/ccccccccccc)\n")
    assert len(entries(quoted)) == 3


# --------------------------------------------------------------------------- items


def test_bare_url_items() -> None:
    text = ("# Open o1\n\n1. https://github.com/lsdefine/simple_GRPO\n"
            "2. https://github.com/hkust-nlp/simpleRL-reason\n"
            "3. URL: https://www.pytorch.kr/\n")
    assert [(e.kind, e.title, e.primary.url) for e in entries(text)] == [
        ("item", "simple_GRPO", "https://github.com/lsdefine/simple_GRPO"),
        ("item", "simpleRL-reason", "https://github.com/hkust-nlp/simpleRL-reason"),
        ("item", "pytorch.kr", "https://www.pytorch.kr/")]


def test_group_labels_and_field_bullets_are_not_entries() -> None:
    text = ("# Assignments\n\n## Frontend\n\n"
            "* [Amazon](https://www.amazon.com/)\n"
            "    * [Task for an analyst *(SQL)*](./analytics/amazon/README.md)\n"
            "* [Aviasales](https://aviasales.ru)\n"
            "    * [Task for a product analyst](./analytics/aviasales/README.md)\n\n"
            "## Events\n\n"
            "- __[DevFest](https://devfest.example/2024)__\n"
            "  - 분류: `컨퍼런스`\n  - 주최: GDG\n")
    found = entries(text)
    assert [(e.line, e.title) for e in found] == [
        (6, "Task for an analyst (SQL)"), (8, "Task for a product analyst"), (12, "DevFest")]
    assert found[0].section == ("Assignments", "Frontend", "Amazon")  # the label groups it


def test_feature_bullets_and_description_links_do_not_identify_entries() -> None:
    text = ("# Tools\n\n## HTML\n\n"
            "- [ERB Lint](https://github.com/Shopify/erb-lint) — Lint your ERB files.\n"
            "- [HTMLHint](https://github.com/htmlhint/HTMLHint) — Static analysis.\n"
            "- **grunt-bootlint** :warning: — A Grunt wrapper for "
            "[Bootlint](https://github.com/twbs/bootlint).\n\n"
            "## superconsole\n\n- Custom colorful scheme\n"
            "- Uses [Antigen](https://github.com/zsh-users/antigen) for themes\n- Sets up nano\n")
    found = entries(text)
    assert [(e.title, e.primary.url if e.primary else None) for e in found] == [
        ("ERB Lint", "https://github.com/Shopify/erb-lint"),
        ("HTMLHint", "https://github.com/htmlhint/HTMLHint"),
        ("grunt-bootlint", None)]


def test_numbered_parts_of_an_entry_are_not_entries() -> None:
    text = ("# GANs\n\n- [Catalyst.GAN](https://github.com/catalyst-team/gan)\n"
            "    1. [Vanilla GAN](https://arxiv.org/abs/1406.2661)\n"
            "    2. [Conditional GAN](https://arxiv.org/abs/1411.1784)\n"
            "- [JetBrains Toolbox](https://www.jetbrains.com/toolbox/) - Manage IDEs.\n"
            "  - [CLion](https://www.jetbrains.com/clion/) - C and C++ IDE.\n")
    found = entries(text)
    assert [e.title for e in found] == ["Catalyst.GAN", "JetBrains Toolbox", "CLion"]
    assert found[2].parent == 6


def test_toc_lines_badges_and_news_bullets_are_not_entries() -> None:
    text = ("# Awesome X\n\n"
            "[![Build](https://img.shields.io/b.svg)](https://ci.example/x)\n"
            "[![Stars](https://img.shields.io/s.svg)](https://github.com/o/x)\n\n"
            "## Table of Contents\n"
            "- [Papers](https://github.com/o/x/blob/master/README.md#papers)\n"
            "- [Part 2](README-Part2.md#go)\n\n"
            "## News\n\n- [2024/05] We added [a paper](https://arxiv.org/abs/2405.00001).\n"
            "- 🚩 2023/11/1: released v2\n\n"
            "## Papers\n\n- [A real entry](https://arxiv.org/abs/2401.00001) - A paper.\n")
    assert [e.title for e in entries(text)] == ["A real entry"]


def test_details_summaries_and_html_headings_are_sections() -> None:
    text = ("# L\n\n## Tasks\n\n<details>\n <summary>Analyst</summary>\n\n"
            "- [Task A](./a.md) - A.\n\n</details>\n\n<h2>C++</h2>\n\n"
            "- [cppcheck](https://cppcheck.sourceforge.io) - Static analysis.\n")
    first, second = entries(text)
    assert first.section == ("L", "Tasks", "Analyst")
    assert second.section == ("L", "C++")  # an <h2> ends the ## section, as a ## would


def test_link_headings_in_a_section_of_them_are_entries() -> None:
    text = ("# Z\n\n## Frameworks\n\n### [alf](https://github.com/psyrendust/alf)\n\nAlf.\n\n"
            "### [antigen](https://github.com/zsh-users/antigen)\n\nA manager.\n\n"
            "### [zgen](https://github.com/tarjoilija/zgen)\n\nFast.\n\n## Installation\n\n"
            "### [antigen](https://github.com/zsh-users/antigen)\n\nAdd `antigen bundle`.\n")
    found = entries(text)
    assert [(e.kind, e.line, e.title) for e in found] == [
        ("heading", 5, "alf"), ("heading", 9, "antigen"), ("heading", 13, "zgen")]
    assert found[0].section == ("Z", "Frameworks")


# --------------------------------------------------------------------------- HTML


def test_html_line_items_list_items_and_rows() -> None:
    lines = ("# Book\n\n##### Editors\n\n<p>\n"
             "&nbsp;&nbsp; <a href=\"http://ex-vi.sourceforge.net/\"><b>vi</b></a> - is a text "
             "editor.<br>\n"
             "&nbsp;&nbsp; <a href=\"https://www.vim.org/\"><b>vim</b></a> - is configurable.<br>\n"
             "</p>\n")
    first, second = entries(lines)
    assert (first.kind, first.line, first.title, first.description) == (
        "html", 6, "vi", "is a text editor.")
    assert second.primary.url == "https://www.vim.org/"
    items = ("# L\n\n<ul>\n<li><a href=\"https://a.example\">Alpha</a> - first</li>\n"
             "<li><a href=\"https://b.example\">Beta</a> - second</li>\n</ul>\n")
    assert [e.title for e in entries(items)] == ["Alpha", "Beta"]
    rows = ("# L\n\n<table>\n<tr><th>Name</th><th>Link</th></tr>\n"
            "<tr><td>Alpha</td><td><a href=\"https://a.example\">site</a></td></tr>\n"
            "<tr><td>Beta</td><td><a href=\"https://b.example\">site</a></td></tr>\n</table>\n")
    assert [(e.title, e.primary.url) for e in entries(rows)] == [
        ("Alpha", "https://a.example"), ("Beta", "https://b.example")]


def test_banners_and_avatar_tables_are_not_entries() -> None:
    text = ("<p align=\"center\">\n  <a href=\"https://x.example\">\n    <img src=\"b.png\">\n"
            "  </a>\n</p>\n\n# L\n\n<table><tr>\n<td><a href=\"https://u1.example\"><img src="
            "\"a.png\"><br><sub><b>One</b></sub></a></td>\n<td><a href=\"https://u2.example\">"
            "<img src=\"b.png\"><br><sub><b>Two</b></sub></a></td>\n</tr></table>\n")
    assert entries(text) == ()


# ------------------------------------------------------------------------ the two styles of today


def test_the_seed_styles_keep_working(seed_text: str) -> None:
    doc = parse(seed_text)
    # the same 56 paper headings as before tables, paragraphs and HTML were read
    assert [entry.kind for entry in doc.entries] == ["heading"] * 56
    vilbert = doc.entries[0]
    assert vilbert.kind == "heading" and vilbert.venue == "NeurIPS 2019"
    assert vilbert.section == ("Vision Language Models", "Vision-Language Pretraining")
