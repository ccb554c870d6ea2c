"""The user guide (docs/guide.md) against the code it documents.

A guide drifts silently: a rule gains a fix, an option is renamed, an example stops showing
what it claims. So the guide is written in a shape a test can read, and this test reads it:

- every rule's Bad and Good examples (```markdown blocks after a ``Bad:`` / ``Good:`` line
  under ``### rule-name`` in ``## Rules``) are checked with the real ``check`` command: each
  bad example triggers its rule, each good one does not (and is clean under all default
  rules); a rule the guide calls fixable is gone after ``fix``. Files an example needs on disk
  are named in a ``<!-- files: a.svg b.png -->`` comment inside it and created empty first
  (``<!-- file other.md: ## Heading -->`` creates one with that line of content);
  what the link checker would have cached is given as ``<!-- arxiv-title ID: Title -->``,
  ``<!-- arxiv-comment ID: Comment -->``, ``<!-- arxiv-journal-ref ID: Reference -->``,
  ``<!-- openreview-venue ID: Venue -->`` (a note's decision, as OpenReview writes it) and
  ``<!-- redirect URL -> FINAL -->`` and written to a real link cache, and
  ``<!-- config: key: value -->`` lines go into the example's ``.awesome-tools.yaml``;
- the on-by-default / severity / fixable claims match the rule registry;
- each command's options, as ``awesome-tools CMD --help`` lists them, match the option
  table of the guide's ``### awesome-tools CMD`` section, both ways;
- the config examples load with the real config loader and link policy, the hooks snippet
  names the repository and rev that ``init`` writes, and the sample ``check`` output shown
  is what ``check`` prints on the seed list;
- README.md links to the guide from "Maintaining this list", and CONTRIBUTING.md exists.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from awesome_tools.cli import run
from awesome_tools.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide.md"
README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EXAMPLE = re.compile(r"^(Bad|Good):\n\n```markdown\n(.*?)\n```$", re.M | re.S)
_FILES = re.compile(r"<!--\s*files:\s*(.*?)\s*-->", re.S)
_FILE = re.compile(r"<!--\s*file\s+([^\s:]+):\s*(.*?)\s*-->", re.S)
_ARXIV_TITLE = re.compile(r"<!--\s*arxiv-title\s+([^\s:]+):\s*(.*?)\s*-->", re.S)
_CONFIG = re.compile(r"<!--\s*config:\s*(.*?)\s*-->", re.S)
_REDIRECT = re.compile(r"<!--\s*redirect\s+(\S+)\s+->\s+(\S+)\s*-->")
_ARXIV_FIELD = re.compile(r"<!--\s*arxiv-(comment|journal-ref)\s+([^\s:]+):\s*(.*?)\s*-->", re.S)
_OPENREVIEW_VENUE = re.compile(r"<!--\s*openreview-venue\s+([^\s:]+):\s*(.*?)\s*-->", re.S)
_STATUS = re.compile(r"\*\*On by default:\*\*\s+(yes|no)\s+·\s+\*\*Severity:\*\*\s+(\w+)\s+·"
                     r"\s+\*\*Fixed by `fix`:\*\*\s+(yes|no)")
_OPTION_NAME = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


# --- reading the guide ------------------------------------------------------------------------

def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def sections(text: str, level: int) -> Dict[str, str]:
    """Body text of each heading of ``level``, up to the next heading of that level or above.

    Lines inside fenced code blocks are not headings (the examples contain ``#### Title``).
    """
    found: Dict[str, List[str]] = {}
    current = None
    fence = None
    for line in text.splitlines():
        marker = _FENCE.match(line)
        if marker:
            if fence is None:
                fence = marker.group(1)[0] * 3
            elif line.strip().startswith(fence):
                fence = None
        heading = _HEADING.match(line) if fence is None and not marker else None
        if heading and len(heading.group(1)) <= level:
            current = heading.group(2) if len(heading.group(1)) == level else None
            if current is not None:
                found[current] = []
            continue
        if current is not None:
            found[current].append(line)
    return {title: "\n".join(lines) for title, lines in found.items()}


def rule_sections() -> Dict[str, str]:
    rules_part = sections(_guide(), 2)["Rules"]
    return sections(rules_part, 3)


def examples() -> List[Tuple[str, str, int, str]]:
    """(rule, "Bad" or "Good", number within the rule, Markdown text) for every example."""
    found = []
    for rule, body in rule_sections().items():
        counts: Dict[str, int] = {}
        for kind, text in _EXAMPLE.findall(body):
            counts[kind] = counts.get(kind, 0) + 1
            found.append((rule, kind, counts[kind], text + "\n"))
    return found


def command_sections() -> Dict[str, str]:
    commands = sections(_guide(), 2)["Commands"]
    result = {}
    for title, body in sections(commands, 3).items():
        match = re.fullmatch(r"awesome-tools (\S+)", title)
        assert match, f"unexpected heading under Commands: {title!r}"
        result[match.group(1)] = body
    return result


def table_options(body: str) -> Dict[str, str]:
    """Option name -> the code span of its row, from the section's ``| `--opt ...` |`` rows."""
    options = {}
    for line in body.splitlines():
        row = re.match(r"^\|\s*`(-[^`]*)`", line)
        if row:
            spec = row.group(1).replace("\\|", "|")
            for name in _OPTION_NAME.findall(spec.split("[")[0]):
                options[name] = spec
    return options


# --- running the real command -----------------------------------------------------------------

def cli(capsys, *argv: str) -> Tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_cache_from_the_environment(monkeypatch):
    """``fix --cache`` sets AWESOME_TOOLS_LINK_CACHE for the process; keep each test clean."""
    monkeypatch.delenv("AWESOME_TOOLS_LINK_CACHE", raising=False)


def write_example(directory: Path, text: str) -> Path:
    """The example as ``directory/README.md``, its ``files:`` created, its ``arxiv-title``s in
    a link cache, and a config beside it (pointing at that cache and otherwise empty) so no
    config above the temporary directory can change the result."""
    from awesome_tools.links.cache import LinkCache

    directory.mkdir(parents=True, exist_ok=True)
    cache = LinkCache(directory / "link-cache.json")
    for ident, title in _ARXIV_TITLE.findall(text):
        cache.arxiv[ident] = {"title": " ".join(title.split()), "checked": 0.0}
    for name, ident, value in _ARXIV_FIELD.findall(text):
        record = cache.arxiv.setdefault(ident, {"title": "", "checked": 0.0})
        record[name.replace("-", "_")] = " ".join(value.split())
    for ident, venue in _OPENREVIEW_VENUE.findall(text):
        cache.openreview[ident] = {"title": "", "venue": " ".join(venue.split()),
                                   "checked": 0.0}
    now = cache.now()
    for url, final in _REDIRECT.findall(text):
        cache.links[url] = {"url": url, "verdict": "redirected", "status": 301,
                            "final_url": final, "reason": "HTTP 301", "warnings": [],
                            "checked": now, "expires": now + 86400.0}
    cache.save()
    config = list(_CONFIG.findall(text))
    config.append(f"links:\n  cache: {json.dumps(str(cache.path))}")
    (directory / ".awesome-tools.yaml").write_text("\n".join(config) + "\n", encoding="utf-8")
    for match in _FILES.finditer(text):
        for name in re.split(r"[\s,]+", match.group(1).strip()):
            if name:
                target = directory / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.touch()
    for name, content in _FILE.findall(text):
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content + "\n", encoding="utf-8")
    path = directory / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def rules_found(capsys, path: Path, *options: str) -> Tuple[int, set]:
    code, out, err = cli(capsys, "check", str(path), "--format", "json", *options)
    assert code in (0, 1), f"check failed with {code}: {err}"
    return code, {finding["rule"] for finding in json.loads(out)}


def help_text(capsys, *argv: str) -> str:
    code, out, _ = cli(capsys, *argv, "--help")
    assert code == 0
    return out


def help_options(text: str) -> Dict[str, str]:
    """Option name -> its first help column (``--format [text|json]``), from click's help."""
    options = {}
    in_options = False
    for line in text.splitlines():
        if line.strip() == "Options:":
            in_options = True
            continue
        if in_options and line and not line.startswith(" "):
            in_options = False
        item = re.match(r"^  (-\S.*?)(?:\s{2,}|$)", line) if in_options else None
        if item:
            for name in _OPTION_NAME.findall(item.group(1).split("[")[0]):
                options[name] = item.group(1)
    return options


def help_commands(text: str) -> List[str]:
    part = text.split("Commands:", 1)[1]
    return [m.group(1) for m in re.finditer(r"^  (\S+)", part, re.M)]


def usage_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Usage:"))


# --- (a) rules and their examples -------------------------------------------------------------

EXAMPLES = examples()
EXAMPLE_IDS = [f"{rule}-{kind.lower()}{number}" for rule, kind, number, _ in EXAMPLES]


def test_every_registered_rule_has_a_section_with_bad_and_good_examples():
    documented = rule_sections()
    registered = set(all_rules())
    assert registered - set(documented) == set(), "rules missing from docs/guide.md"
    assert set(documented) - registered == set(), "guide documents rules that do not exist"
    for rule, body in documented.items():
        kinds = {kind for kind, _ in _EXAMPLE.findall(body)}
        assert kinds == {"Bad", "Good"}, f"{rule}: needs a Bad: and a Good: example"


def test_rule_status_lines_match_the_registry():
    for name, body in rule_sections().items():
        rule = all_rules()[name]
        status = _STATUS.search(body)
        assert status, f"{name}: no '**On by default:** ... · **Fixed by `fix`:** ...' line"
        on, severity, fixed = status.groups()
        assert (on == "yes", severity, fixed == "yes") == \
               (rule.enabled, rule.severity, rule.fixable), name
        if rule.online:
            assert "--online" in body, f"{name}: say that it runs with check --online"


def test_rules_table_matches_the_registry():
    body = sections(_guide(), 2)["Rules"].split("\n### ", 1)[0]
    rows = {}
    for line in body.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        link = re.fullmatch(r"\[([\w-]+)\]\(#\1\)", cells[0]) if cells else None
        if link:
            rows[link.group(1)] = cells
    assert set(rows) == set(all_rules())
    for name, cells in rows.items():
        rule = all_rules()[name]
        on, fixed, severity = cells[2], cells[3], cells[4]
        assert (on.split()[0], fixed.split()[0], severity) == (
            "yes" if rule.enabled else "no", "yes" if rule.fixable else "no", rule.severity), name


@pytest.mark.parametrize("rule, kind, number, text", EXAMPLES, ids=EXAMPLE_IDS)
def test_example(rule, kind, number, text, tmp_path, capsys):
    path = write_example(tmp_path, text)
    code, found = rules_found(capsys, path, "--select", rule)
    if kind == "Bad":
        assert rule in found and code == 1, f"bad example does not trigger {rule}"
    else:
        assert rule not in found and code == 0, f"good example triggers {found}"
        code, found = rules_found(capsys, path)
        assert (code, found) == (0, set()), "good example is not clean under the default rules"


@pytest.mark.parametrize("rule, kind, number, text",
                         [e for e in EXAMPLES if e[1] == "Bad"],
                         ids=[i for i, e in zip(EXAMPLE_IDS, EXAMPLES) if e[1] == "Bad"])
def test_fix_handles_what_the_guide_says(rule, kind, number, text, tmp_path, capsys):
    path = write_example(tmp_path, text)
    before = path.read_text(encoding="utf-8")
    code, _, err = cli(capsys, "fix", str(path), "--select", rule)
    assert code == 0, err
    _, found = rules_found(capsys, path, "--select", rule)
    if all_rules()[rule].fixable:
        assert rule not in found, f"fix left {rule} findings"
    else:
        assert path.read_text(encoding="utf-8") == before
        assert rule in found


def test_conventions_create_files_and_cache(tmp_path):
    from awesome_tools.links.cache import cached_arxiv_titles

    from awesome_tools.links.cache import cached_redirects

    path = write_example(tmp_path, "x\n<!-- files: images/a.png, b.svg -->\n"
                                   "<!-- file a/b.md: ## Survey -->\n"
                                   "<!-- arxiv-title 2005.00743: Synthesizer: Rethinking -->\n"
                                   "<!-- redirect https://a.example/x -> https://b.example/y -->")
    assert (path.parent / "images" / "a.png").is_file() and (path.parent / "b.svg").is_file()
    assert (tmp_path / "a" / "b.md").read_text(encoding="utf-8") == "## Survey\n"
    cache = str(tmp_path / "link-cache.json")
    assert cached_arxiv_titles(cache) == {"2005.00743": "Synthesizer: Rethinking"}
    assert cached_redirects(cache) == {"https://a.example/x": "https://b.example/y"}


# --- (b) commands against --help --------------------------------------------------------------

def test_every_command_has_a_section(capsys):
    commands = help_commands(help_text(capsys))
    assert sorted(commands) == sorted(command_sections())
    intro = sections(_guide(), 2)["Commands"].split("\n### ", 1)[0]
    assert "`-h`" in intro and "`--help`" in intro


@pytest.mark.parametrize("command", ["check", "fix", "toc", "links", "init", "export", "add"])
def test_command_options_match_help(command, capsys):
    text = help_text(capsys, command)
    body = command_sections()[command]
    assert usage_line(text) in body, "the usage line differs from --help"
    in_help = {name: spec for name, spec in help_options(text).items()
               if name not in ("-h", "--help")}
    in_guide = table_options(body)
    assert set(in_help) - set(in_guide) == set(), "options missing from the guide"
    assert set(in_guide) - set(in_help) == set(), "the guide lists options --help does not"
    for name, spec in in_help.items():
        choices = re.search(r"\[([^\]]+)\]", spec)
        if choices:
            for choice in choices.group(1).split("|"):
                assert choice in in_guide[name], f"{name}: choice {choice} not in the guide"


def test_help_parser_reads_click_output():
    sample = ("Usage: x [OPTIONS]\n\nOptions:\n  --format [a|b]  Output.\n"
              "  --cache PATH    Cache (with --update-\n                  redirects).\n"
              "  -h, --help      Show this.\n")
    assert help_options(sample) == {"--format": "--format [a|b]", "--cache": "--cache PATH",
                                    "-h": "-h, --help", "--help": "-h, --help"}


def test_export_marked_not_implemented_exactly_while_it_is_not():
    implemented = importlib.util.find_spec("awesome_tools.export") is not None
    marked = "**Not implemented yet.**" in command_sections()["export"]
    assert marked != implemented


@pytest.mark.parametrize("fmt", ["bibtex", "csv"])
def test_export_sample_is_real_output(fmt, tmp_path, capsys):
    body = command_sections()["export"]
    listed = write_example(tmp_path, _code_blocks(body, "markdown")[0] + "\n")
    code, out, err = cli(capsys, "export", str(listed), "--format", fmt)
    assert code == 0, err
    assert out == _code_blocks(body, fmt)[0] + "\n"


# --- configuration and hooks ------------------------------------------------------------------

def _code_blocks(body: str, language: str) -> List[str]:
    return re.findall(rf"^```{language}\n(.*?)\n```$", body, re.M | re.S)


def test_config_reference_loads(tmp_path, capsys):
    """The documented config examples load, and ``check`` runs with them (rules that own a
    section, such as venue-mismatch with ``venues``, validate it when they run)."""
    from awesome_tools.config import load_config
    from awesome_tools.links.policy import build_policy

    config_part = sections(sections(_guide(), 2)["Configuration"], 3)
    yaml_text = _code_blocks(config_part["Reference"], "yaml")[0]
    toml_text = _code_blocks(config_part["Reference"], "toml")[0]
    links_text = _code_blocks(config_part["The links section"], "yaml")[0]
    for name, text in (("a.yaml", yaml_text), ("pyproject.toml", toml_text),
                       ("links.yaml", links_text)):
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        config = load_config(str(path), tmp_path)
        build_policy(config.section("links"), {})
        listed = write_example(tmp_path / "list", "# List\n\n#### Linformer: Self-Attention "
                               "with Linear Complexity [arXiv 2020/06]\n\n"
                               "[[paper]](https://arxiv.org/abs/2006.04768)\n")
        code, out, err = cli(capsys, "check", str(listed), "--config", str(path))
        assert code == 0, out + err
    yaml_config = load_config(str(tmp_path / "a.yaml"), tmp_path)
    toml_config = load_config(str(tmp_path / "pyproject.toml"), tmp_path)
    assert yaml_config.rules["duplicate-entry"] == toml_config.rules["duplicate-entry"]
    assert yaml_config.toc_exclude == toml_config.toc_exclude


def test_hooks_snippet_matches_init_and_the_hooks_file():
    from awesome_tools.scaffold import HOOKS_REPO_URL, HOOKS_REV

    body = sections(_guide(), 2)["Using the hooks from another repository"]
    snippet = _code_blocks(body, "yaml")[0]
    assert f"repo: {HOOKS_REPO_URL}" in snippet and f"rev: {HOOKS_REV}" in snippet
    hook_ids = re.findall(r"^- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text(), re.M)
    assert hook_ids and all(f"id: {hook_id}" in snippet for hook_id in hook_ids)


# --- sample output -------------------------------------------------------------------------

SEED = "tests/fixtures/seed/README.md"


def test_quick_start_shows_real_check_output(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = _code_blocks(sections(_guide(), 2)["Quick start"], "text")[0].splitlines()
    code, out, _ = cli(capsys, "check", SEED)
    printed = out.splitlines()
    assert code == 1 and shown[-1] == printed[-1], "the summary line differs"
    assert [line for line in shown[:-1] if line not in printed] == []


def test_json_sample_is_real_output(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    formats = sections(sections(_guide(), 2)["Output formats"], 3)["Findings: check"]
    shown = json.loads(_code_blocks(formats, "json")[0])
    _, out, _ = cli(capsys, "check", SEED, "--select", "duplicate-entry", "--format", "json")
    assert shown == json.loads(out)[:1]


# --- (c) README and CONTRIBUTING --------------------------------------------------------------

def test_readme_links_to_the_guide_from_maintaining_this_list():
    maintaining = sections(README.read_text(encoding="utf-8"), 2)["Maintaining this list"]
    assert re.search(r"\]\(docs/guide\.md(?:#[^)]*)?\)", maintaining)


def test_contributing_exists_and_says_how_to_run_the_hooks():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for command in ("pre-commit install", "pre-commit run --all-files", "awesome-tools fix",
                    "#### Title [Venue YYYY]", "[[paper]](https://arxiv.org/abs/"):
        assert command in text


def test_guide_and_contributing_pass_their_own_check(capsys):
    code, out, err = cli(capsys, "check", str(GUIDE), str(CONTRIBUTING))
    assert code == 0, out + err


def test_rule_reference_is_generated_from_the_rules():
    """The guide's rule table and sections are the rules' own docs (regenerate with
    ``python -m awesome_tools.rules._docs docs/guide.md``)."""
    from awesome_tools.rules import _docs

    text = _guide()
    assert _docs.replace_in(text, _docs.render(all_rules())) == text, \
        "docs/guide.md is stale: run python -m awesome_tools.rules._docs docs/guide.md"
