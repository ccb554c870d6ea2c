"""The formatters: text, json, github workflow commands and SARIF, from findings alone."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from awesome_tools import rules as registry
from awesome_tools.findings import Edit, Finding
from awesome_tools.formats.findings import artifact_uri, format_findings

DUPLICATE = Finding("README.md", 299, 1, "duplicate-entry",
                    "duplicate of the entry at line 120", "error",
                    related=("README.md", 120))
ANCHOR = Finding("README.md", 12, 5, "broken-anchor",
                 "no heading has the anchor #surveys (closest: #survey)", "warning",
                 suggestion="#survey", fix=(Edit(300, 308, "#survey"),))
IMAGE = Finding("docs/list.md", 40, 3, "missing-file", "images/x.png does not exist", "error",
                suggestion="images/X.png")
NOTE = Finding("docs/list.md", 41, 1, "backslash-path", "use / in images\\x.png", "note",
               suggestion="images/x.png", fix=(Edit(0, 1, "/"),))
FINDINGS = [ANCHOR, DUPLICATE, IMAGE, NOTE]


@pytest.fixture(autouse=True)
def known_rules(monkeypatch):
    """A fixed registry: two documented rules; the others are unknown to it."""
    rules = {
        "broken-anchor": registry.Rule("broken-anchor", "In-page link to a missing anchor",
                                       "error", _check=lambda doc, ctx: ()),
        "duplicate-entry": registry.Rule("duplicate-entry", "The same resource listed twice",
                                         "warning", _check=lambda doc, ctx: ()),
    }
    monkeypatch.setattr(registry, "_REGISTRY", rules)


# --- text -------------------------------------------------------------------------------------

def test_text_lines_and_summary():
    assert format_findings(FINDINGS, "text", files_checked=2).splitlines() == [
        "README.md:12:5: broken-anchor no heading has the anchor #surveys (closest: #survey)"
        " [fixable]",
        "README.md:299:1: duplicate-entry duplicate of the entry at line 120",
        "docs/list.md:40:3: missing-file images/x.png does not exist"
        " (did you mean images/X.png?)",
        "docs/list.md:41:1: backslash-path use / in images\\x.png"
        " (did you mean images/x.png?) [fixable]",
        "4 problems (2 errors, 1 warning, 1 note) in 2 files,"
        " 2 fixable with `awesome-tools fix`",
    ]


def test_text_summary_singulars_and_no_fixable():
    assert format_findings([DUPLICATE], "text", files_checked=1).splitlines()[-1] == \
        "1 problem (1 error) in 1 file"


def test_text_summary_plural_severities():
    findings = [DUPLICATE, DUPLICATE, ANCHOR, ANCHOR]
    assert format_findings(findings, "text", files_checked=3).splitlines()[-1] == \
        "4 problems (2 errors, 2 warnings) in 3 files, 2 fixable with `awesome-tools fix`"


def test_text_no_problems():
    assert format_findings([], "text", files_checked=1) == "No problems in 1 file."
    assert format_findings([], "text", files_checked=4) == "No problems in 4 files."


# --- json -------------------------------------------------------------------------------------

def test_json_objects():
    data = json.loads(format_findings(FINDINGS, "json", files_checked=2))
    assert isinstance(data, list) and len(data) == 4
    for item in data:
        assert set(item) == {"path", "line", "column", "rule", "severity", "message", "related",
                             "suggestion", "fixable"}
    assert data[0] == {
        "path": "README.md", "line": 12, "column": 5, "rule": "broken-anchor",
        "severity": "warning", "message": "no heading has the anchor #surveys (closest: #survey)",
        "related": None, "suggestion": "#survey", "fixable": True,
    }
    assert data[1]["related"] == {"path": "README.md", "line": 120}
    assert data[1]["suggestion"] is None and data[1]["fixable"] is False


def test_json_empty_and_unicode():
    assert json.loads(format_findings([], "json", files_checked=1)) == []
    finding = Finding("列表.md", 1, 1, "empty-link", "空链接 🙂")
    text = format_findings([finding], "json", files_checked=1)
    assert "空链接 🙂" in text
    assert json.loads(text)[0]["path"] == "列表.md"


# --- github -----------------------------------------------------------------------------------

def test_github_commands():
    lines = format_findings(FINDINGS, "github", files_checked=2).splitlines()
    assert lines == [
        "::warning file=README.md,line=12,col=5,title=awesome-tools broken-anchor::"
        "no heading has the anchor #surveys (closest: #survey)",
        "::error file=README.md,line=299,col=1,title=awesome-tools duplicate-entry::"
        "duplicate of the entry at line 120",
        "::error file=docs/list.md,line=40,col=3,title=awesome-tools missing-file::"
        "images/x.png does not exist (did you mean images/X.png?)",
        "::notice file=docs/list.md,line=41,col=1,title=awesome-tools backslash-path::"
        "use / in images\\x.png (did you mean images/x.png?)",
    ]


def test_github_escaping():
    finding = Finding("dir,name/a:b%.md", 3, 2, "empty-link",
                      "100% broken:\r\nsecond, line", "error")
    assert format_findings([finding], "github", files_checked=1) == (
        "::error file=dir%2Cname/a%3Ab%25.md,line=3,col=2,title=awesome-tools empty-link::"
        "100%25 broken:%0D%0Asecond, line")


def test_github_empty():
    assert format_findings([], "github", files_checked=1) == ""


# --- sarif ------------------------------------------------------------------------------------

def sarif(findings):
    return json.loads(format_findings(findings, "sarif", files_checked=1))


def test_sarif_log_structure():
    log = sarif(FINDINGS)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "awesome-tools"
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [
        "backslash-path", "broken-anchor", "duplicate-entry", "missing-file"]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["broken-anchor"]["shortDescription"] == {
        "text": "In-page link to a missing anchor"}
    assert by_id["duplicate-entry"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["missing-file"]["shortDescription"] == {"text": "missing-file"}


def test_sarif_results():
    log = sarif(FINDINGS)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert [result["level"] for result in results] == ["warning", "error", "error", "note"]
    for result in results:
        assert set(result) >= {"ruleId", "level", "message", "locations"}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    anchor = results[0]
    assert anchor["ruleId"] == "broken-anchor"
    assert anchor["message"] == {"text": "no heading has the anchor #surveys (closest: #survey)"}
    assert anchor["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "README.md"},
        "region": {"startLine": 12, "startColumn": 5}}}]
    assert "relatedLocations" not in anchor
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "docs/list.md"


def test_sarif_related_location():
    result = sarif([DUPLICATE])["runs"][0]["results"][0]
    [related] = result["relatedLocations"]
    assert related["physicalLocation"] == {"artifactLocation": {"uri": "README.md"},
                                           "region": {"startLine": 120}}
    assert related["message"]["text"]
    assert isinstance(related["id"], int)


def test_sarif_empty_run():
    log = sarif([])
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_uri_is_relative_with_forward_slashes():
    finding = Finding(".\\docs\\my list#1.md", 1, 1, "empty-link", "empty")
    uri = sarif([finding])["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    assert uri == "docs/my%20list%231.md"
    assert artifact_uri("./a/./b.md") == "a/./b.md"
    assert artifact_uri("列表.md") == "%E5%88%97%E8%A1%A8.md"


# --- dispatch ---------------------------------------------------------------------------------

def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        format_findings([], "xml", files_checked=1)


def test_report_imports_nothing_heavy():
    script = ("import sys\nimport awesome_tools.formats.findings\n"
              "heavy = [m for m in ('ruamel', 'markdown_it', 'requests', 'click', "
              "'awesome_tools.rules') if m in sys.modules]\nprint(heavy)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "[]"
