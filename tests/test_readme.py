"""The list itself: clean under its own toolkit, no dead services, real figures with alt text."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from awesome_tools.cli import run
from awesome_tools.model.parse import parse

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_check_reports_nothing(capsys):
    assert run(["check", str(README), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_fix_would_change_nothing(capsys):
    assert run(["fix", "--check", str(README)]) == 0
    assert capsys.readouterr().out == ""


def test_no_dead_math_service_and_no_bare_ip_links():
    doc = parse(README.read_text(encoding="utf-8"))
    urls = [link.url for link in doc.links]
    assert not [u for u in urls if "render.githubusercontent.com" in u]
    assert not [u for u in urls if re.match(r"^\w+://\d+\.\d+\.\d+\.\d+(?::\d+)?/", u)]


def test_every_figure_exists_is_an_svg_with_a_title_and_has_alt_text():
    doc = parse(README.read_text(encoding="utf-8"))
    figures = [link for link in doc.images if not link.url.startswith("http")]
    assert len(figures) == 14
    for link in figures:
        path = ROOT / link.url
        assert path.suffix == ".svg" and path.is_file(), link.url
        assert len(link.text.split()) >= 5, f"{link.url}: alt text should describe the figure"
        root = ET.parse(path).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    on_disk = {p.name for p in (ROOT / "images").iterdir()}
    assert on_disk == {Path(link.url).name for link in figures}


def test_each_paper_is_listed_once():
    doc = parse(README.read_text(encoding="utf-8"))
    from awesome_tools.urls import normalize_url

    keys = [normalize_url(e.primary.url) for e in doc.entries if e.primary is not None]
    assert len(keys) == len(set(keys))
