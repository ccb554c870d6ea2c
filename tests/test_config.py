"""Config discovery, parsing and validation, on real files in tmp_path."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from awesome_tools import rules as registry
from awesome_tools.config import Config, load_config
from awesome_tools.errors import ConfigError, InputError

FULL_YAML = """\
# project settings
rules:
  duplicate-entry: warning
  empty-link: off
  broken-anchor: {severity: note}
  missing-file: true
  backslash-path: false
  toc-missing: "on"
  toc-extra: ERROR
duplicates:
  allow: [https://github.com/sindresorhus/awesome]
toc:
  min-level: 2
  max-level: 3
  exclude: [License, Contributing]
fix:
  canonical-urls: true
entry-format:
  profile: papers
links:
  read-timeout: 5
  hosts:
    arxiv.org: {per-host: 1}
  exclude: ['^https://example[.]com/', '^http://']
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository root (it has .git) that is also the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def config_error(repo: Path, text: str, name: str = ".awesome-tools.yaml") -> str:
    write(repo / name, text)
    with pytest.raises(ConfigError) as caught:
        load_config(None, repo)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- discovery --------------------------------------------------------------------------------

def test_no_config_file_gives_defaults(repo):
    config = load_config(None, repo)
    assert config == Config()
    assert config.path is None
    assert dict(config.rules) == {}
    assert config.duplicates_allow == () and config.toc_exclude == ()
    assert config.toc_min_level is None and config.toc_max_level is None
    assert config.canonical_urls is False and config.entry_profile is None
    assert config.section("links") == {}


def test_full_yaml_config(repo):
    write(repo / ".awesome-tools.yaml", FULL_YAML)
    config = load_config(None, repo)
    assert config.path == repo / ".awesome-tools.yaml"
    assert dict(config.rules) == {
        "duplicate-entry": "warning", "empty-link": "off", "broken-anchor": "note",
        "missing-file": "error", "backslash-path": "off", "toc-missing": "error",
        "toc-extra": "error",
    }
    assert config.duplicates_allow == ("https://github.com/sindresorhus/awesome",)
    assert (config.toc_min_level, config.toc_max_level) == (2, 3)
    assert config.toc_exclude == ("License", "Contributing")
    assert config.canonical_urls is True
    assert config.entry_profile == "papers"


def test_on_and_true_take_the_rules_default_severity(repo):
    write(repo / ".awesome-tools.yaml", "rules:\n  canonical-url: on\n  empty-link: true\n")
    assert registry.get("canonical-url").severity == "warning"
    assert dict(load_config(None, repo).rules) == {"canonical-url": "warning",
                                                    "empty-link": "error"}


def test_section_is_plain_data_and_a_copy(repo):
    write(repo / ".awesome-tools.yaml", FULL_YAML)
    config = load_config(None, repo)
    links = config.section("links")
    assert links == {"read-timeout": 5, "hosts": {"arxiv.org": {"per-host": 1}},
                     "exclude": ["^https://example[.]com/", "^http://"]}
    assert type(links) is dict and type(links["hosts"]) is dict
    assert type(links["exclude"]) is list and type(links["exclude"][0]) is str
    assert type(links["read-timeout"]) is int
    assert type(config.section("toc")["exclude"][0]) is str
    links["read-timeout"] = 99
    assert config.section("links")["read-timeout"] == 5
    assert config.section("venues") == {}


def test_config_error_helper_points_at_the_key(repo):
    write(repo / ".awesome-tools.yaml", FULL_YAML)
    config = load_config(None, repo)
    error = config.error("links.hosts.arxiv.org", "bad host")  # dotted name: falls back
    assert str(error) == ".awesome-tools.yaml:22: links.hosts.arxiv.org: bad host"
    error = config.error(("links", "hosts", "arxiv.org", "per-host"), "too many")
    assert str(error) == ".awesome-tools.yaml:23: links.hosts.arxiv.org.per-host: too many"
    assert str(config.error(("links", "exclude", 1), "no")) == \
        ".awesome-tools.yaml:24: links.exclude[1]: no"
    assert isinstance(error, ConfigError)


def test_yml_extension(repo):
    write(repo / ".awesome-tools.yml", "toc:\n  max-level: 4\n")
    assert load_config(None, repo).toc_max_level == 4


def test_yaml_preferred_over_yml_and_pyproject(repo):
    write(repo / ".awesome-tools.yaml", "toc:\n  max-level: 2\n")
    write(repo / ".awesome-tools.yml", "toc:\n  max-level: 3\n")
    write(repo / "pyproject.toml", "[tool.awesome-tools.toc]\nmax-level = 4\n")
    assert load_config(None, repo).toc_max_level == 2
    (repo / ".awesome-tools.yaml").unlink()
    assert load_config(None, repo).toc_max_level == 3


def test_empty_yaml_file_is_all_defaults(repo):
    write(repo / ".awesome-tools.yaml", "# nothing yet\n")
    config = load_config(None, repo)
    assert config.path == repo / ".awesome-tools.yaml"
    assert config.rules == {} and config.toc_max_level is None


def test_empty_sections_are_allowed(repo):
    write(repo / ".awesome-tools.yaml", "rules:\ntoc:\nlinks:\n")
    config = load_config(None, repo)
    assert config.rules == {} and config.section("links") == {}


def test_search_goes_upward_to_the_repository_root(repo):
    write(repo / ".awesome-tools.yaml", "toc:\n  min-level: 2\n")
    nested = repo / "docs" / "lists"
    nested.mkdir(parents=True)
    config = load_config(None, nested)
    assert config.path == repo / ".awesome-tools.yaml"
    assert config.toc_min_level == 2


def test_search_stops_at_the_directory_with_git(tmp_path):
    write(tmp_path / ".awesome-tools.yaml", "toc:\n  min-level: 2\n")  # outside the repository
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "sub").mkdir()
    assert load_config(None, project / "sub") == Config()
    assert load_config(None, project) == Config()
    assert load_config(None, tmp_path).toc_min_level == 2


def test_git_file_also_marks_the_root(tmp_path):
    """Worktrees and submodules have a .git file, not a directory."""
    write(tmp_path / ".awesome-tools.yaml", "toc:\n  min-level: 2\n")
    project = tmp_path / "worktree"
    write(project / ".git", "gitdir: /somewhere/else\n")
    assert load_config(None, project) == Config()


def test_start_may_be_a_file(repo):
    write(repo / ".awesome-tools.yaml", "toc:\n  min-level: 2\n")
    readme = write(repo / "README.md", "# List\n")
    assert load_config(None, readme).toc_min_level == 2


def test_pyproject_config(repo):
    write(repo / "pyproject.toml", """\
        [project]
        name = "list"

        [tool.awesome-tools]
        entry-format = { profile = "awesome" }
        toc.max-level = 3

        [tool.awesome-tools.rules]
        "duplicate-entry" = "warning"
        empty-link = false
        broken-anchor = { severity = "note" }

        [tool.awesome-tools.duplicates]
        allow = [
          "https://a.example/",
          "https://b.example/",
        ]

        [tool.awesome-tools.links]
        read-timeout = 7
        """)
    config = load_config(None, repo)
    assert config.path == repo / "pyproject.toml"
    assert dict(config.rules) == {"duplicate-entry": "warning", "empty-link": "off",
                                  "broken-anchor": "note"}
    assert config.duplicates_allow == ("https://a.example/", "https://b.example/")
    assert config.toc_max_level == 3 and config.entry_profile == "awesome"
    assert config.section("links") == {"read-timeout": 7}


def test_pyproject_without_the_table_is_skipped(repo):
    write(repo / ".awesome-tools.yaml", "toc:\n  min-level: 3\n")
    write(repo / "pkg" / "pyproject.toml", "[project]\nname = 'x'\n[tool.other]\nawesome = 1\n")
    assert load_config(None, repo / "pkg").toc_min_level == 3


def test_pyproject_mentioning_us_only_in_text_is_skipped(repo):
    write(repo / "pyproject.toml", '[project]\ndescription = "uses awesome-tools"\n')
    assert load_config(None, repo) == Config()


def test_unrelated_broken_pyproject_is_not_our_problem(repo):
    write(repo / "pyproject.toml", "[project\nname = \n")
    assert load_config(None, repo) == Config()


# --- explicit path ----------------------------------------------------------------------------

def test_explicit_yaml_path_with_any_name(repo):
    path = write(repo / "conf" / "lint.cfg", "toc:\n  max-level: 5\n")
    write(repo / ".awesome-tools.yaml", "toc:\n  max-level: 2\n")
    config = load_config(str(path), repo)
    assert config.path == path and config.toc_max_level == 5


def test_explicit_toml_path(repo):
    path = write(repo / "settings.toml", "[tool.awesome-tools.fix]\ncanonical-urls = true\n")
    assert load_config(str(path), repo).canonical_urls is True


def test_explicit_path_missing(repo):
    with pytest.raises(ConfigError, match="missing.yaml: config file not found"):
        load_config("missing.yaml", repo)


def test_explicit_toml_without_table(repo):
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError) as caught:
        load_config("pyproject.toml", repo)
    assert str(caught.value) == "pyproject.toml: no [tool.awesome-tools] table"


def test_config_error_is_an_input_error():
    assert issubclass(ConfigError, InputError) and ConfigError.exit_code == 2


def test_not_utf8(repo):
    (repo / ".awesome-tools.yaml").write_bytes(b"toc:\n  exclude: [\xff\xfe]\n")
    with pytest.raises(ConfigError, match=r"^\.awesome-tools\.yaml: not UTF-8 text$"):
        load_config(None, repo)


def test_ruamel_is_imported_only_for_yaml(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[tool.awesome-tools.toc]\nmax-level = 2\n")
    script = ("import sys\nfrom pathlib import Path\n"
              "from awesome_tools.config import load_config\n"
              "assert load_config(None, Path(sys.argv[1])).toc_max_level == 2\n"
              "print('ruamel' in ' '.join(sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == "False"
    write(tmp_path / ".awesome-tools.yaml", "toc:\n  max-level: 2\n")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == "True"


# --- YAML errors, each with its line ----------------------------------------------------------

def test_unknown_rule_with_suggestion(repo):
    message = config_error(repo, "# rules\nrules:\n  broken-anchr: warning\n")
    assert message == (".awesome-tools.yaml:3: rules.broken-anchr: unknown rule "
                       "(did you mean broken-anchor?)")


def test_unknown_rule_without_close_match(repo):
    message = config_error(repo, "rules:\n  empty-link: off\n  zzzzzz: off\n")
    assert message == ".awesome-tools.yaml:3: rules.zzzzzz: unknown rule"


def test_bad_severity(repo):
    message = config_error(repo, "rules:\n  empty-link: off\n  broken-anchor: warn\n")
    assert message.startswith(".awesome-tools.yaml:3: rules.broken-anchor: bad severity 'warn'")
    assert message.endswith("(did you mean warning?)")


def test_severity_of_wrong_type(repo):
    message = config_error(repo, "rules:\n  broken-anchor: 2\n")
    assert message.startswith(".awesome-tools.yaml:2: rules.broken-anchor: expected a severity")


def test_bad_severity_inside_mapping(repo):
    message = config_error(repo, "rules:\n  broken-anchor:\n    severity: loud\n")
    assert message.startswith(".awesome-tools.yaml:3: rules.broken-anchor.severity: bad severity")


def test_unknown_key_in_rule_mapping(repo):
    message = config_error(repo, "rules:\n  broken-anchor:\n    severity: note\n    sevrity: x\n")
    assert message == (".awesome-tools.yaml:4: rules.broken-anchor.sevrity: unknown key "
                       "(did you mean severity?)")


def test_rule_mapping_without_severity(repo):
    message = config_error(repo, "rules:\n  broken-anchor: {}\n")
    assert message.startswith(".awesome-tools.yaml:2: rules.broken-anchor: expected {severity:")


def test_unknown_top_level_key(repo):
    message = config_error(repo, "rules: {}\n\ntocs:\n  max-level: 2\n")
    assert message == ".awesome-tools.yaml:3: tocs: unknown section (did you mean toc?)"


def test_unknown_key_in_known_section(repo):
    message = config_error(repo, "toc:\n  min-level: 2\n  max-levle: 3\n")
    assert message == (".awesome-tools.yaml:3: toc.max-levle: unknown key "
                       "(did you mean max-level?)")


def test_section_that_is_not_a_mapping(repo):
    message = config_error(repo, "fix: true\n")
    assert message == ".awesome-tools.yaml:1: fix: expected a mapping, got a boolean (true)"


def test_free_section_must_be_a_mapping(repo):
    message = config_error(repo, "toc: {}\nlinks:\n  - a\n")
    assert message == ".awesome-tools.yaml:2: links: expected a mapping, got a list"


def test_top_level_must_be_a_mapping(repo):
    message = config_error(repo, "- rules\n- toc\n")
    assert message == (".awesome-tools.yaml:1: (top level): expected a mapping of sections, "
                       "got a list")


@pytest.mark.parametrize("value, problem", [
    ('"two"', "expected a heading level 1..6, got a string ('two')"),
    ("true", "expected a heading level 1..6, got a boolean (true)"),
    ("7", "heading level 7 is not in 1..6"),
    ("0", "heading level 0 is not in 1..6"),
    ("2.5", "expected a heading level 1..6, got a number (2.5)"),
])
def test_bad_toc_level(repo, value, problem):
    message = config_error(repo, f"toc:\n  exclude: []\n  min-level: {value}\n")
    assert message == f".awesome-tools.yaml:3: toc.min-level: {problem}"


def test_toc_min_above_max(repo):
    message = config_error(repo, "toc:\n  max-level: 2\n  min-level: 3\n")
    assert message == ".awesome-tools.yaml:2: toc.max-level: 2 is less than toc.min-level (3)"


def test_allow_must_be_a_list(repo):
    message = config_error(repo, "duplicates:\n  allow: https://example.com\n")
    assert message == (".awesome-tools.yaml:2: duplicates.allow: expected a list of strings, "
                       "got a string ('https://example.com')")


def test_allow_item_must_be_a_string(repo):
    message = config_error(repo, "duplicates:\n  allow:\n    - https://a.example\n    - 42\n")
    assert message == (".awesome-tools.yaml:4: duplicates.allow[1]: expected a string, "
                       "got a number (42)")


def test_toc_exclude_item_in_flow_list(repo):
    message = config_error(repo, "toc:\n  exclude: [License, {a: 1}]\n")
    assert message == ".awesome-tools.yaml:2: toc.exclude[1]: expected a string, got a mapping"


def test_canonical_urls_must_be_boolean(repo):
    message = config_error(repo, "fix:\n  canonical-urls: yes\n")
    assert message == (".awesome-tools.yaml:2: fix.canonical-urls: expected true or false, "
                       "got a string ('yes')")


def test_bad_profile(repo):
    message = config_error(repo, "entry-format:\n  profile: paper\n")
    assert message == (".awesome-tools.yaml:2: entry-format.profile: expected one of awesome, "
                       "papers, got 'paper' (did you mean papers?)")


def test_unparsable_yaml(repo):
    message = config_error(repo, "toc:\n  exclude: [License\nrules: {}\n")
    assert message.startswith(".awesome-tools.yaml:3: invalid YAML: ")


def test_duplicate_yaml_key(repo):
    message = config_error(repo, "toc:\n  min-level: 2\ntoc:\n  max-level: 3\n")
    assert message.startswith(".awesome-tools.yaml:3: invalid YAML: found duplicate key")


def test_tab_indentation(repo):
    message = config_error(repo, "toc:\n\tmin-level: 2\n")
    assert message.startswith(".awesome-tools.yaml:2: invalid YAML: ")


def test_yaml_tags_are_refused(repo):
    message = config_error(repo, "links:\n  timeout: !!python/name:os.system\n")
    assert message.startswith(".awesome-tools.yaml:2: links.timeout: unsupported YAML tag")


def test_error_names_the_file_outside_the_working_directory(tmp_path, monkeypatch):
    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    path = write(tmp_path / "conf.yaml", "toc:\n  bad: 1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(str(path), work)
    assert str(caught.value) == f"{path}:2: toc.bad: unknown key"


# --- pyproject errors: lines found by scanning the text ---------------------------------------

def test_pyproject_unknown_rule_line(repo):
    message = config_error(repo, """\
        [project]
        name = "x"

        [tool.awesome-tools.rules]
        empty-link = "off"
        broken-anchr = "warning"
        """, name="pyproject.toml")
    assert message == ("pyproject.toml:6: rules.broken-anchr: unknown rule "
                       "(did you mean broken-anchor?)")


def test_pyproject_unknown_section_line(repo):
    message = config_error(repo, """\
        [tool.awesome-tools]
        toc = { max-level = 2 }
        dupes = { allow = [] }
        """, name="pyproject.toml")
    assert message == "pyproject.toml:3: dupes: unknown section (did you mean duplicates?)"


def test_pyproject_key_in_inline_table_takes_its_line(repo):
    message = config_error(repo, """\
        [tool.awesome-tools]
        rules = { empty-link = "off", broken-anchor = "loud" }
        """, name="pyproject.toml")
    assert message.startswith("pyproject.toml:2: rules.broken-anchor: bad severity 'loud'")


def test_pyproject_dotted_key_line(repo):
    message = config_error(repo, """\
        [tool.awesome-tools]
        # depth
        toc.min-level = 2
        toc.max-level = 9
        """, name="pyproject.toml")
    assert message == "pyproject.toml:4: toc.max-level: heading level 9 is not in 1..6"


def test_pyproject_array_item_line(repo):
    message = config_error(repo, """\
        [tool.awesome-tools.duplicates]
        allow = [
          "https://a.example/",  # first, with a comma, in a comment
          "https://b.example/", [1, 2],
        ]
        """, name="pyproject.toml")
    assert message == "pyproject.toml:4: duplicates.allow[2]: expected a string, got a list"


def test_pyproject_tool_table_under_tool_header(repo):
    message = config_error(repo, """\
        [tool]
        other = 1
        awesome-tools = { fix = { canonical-urls = "no" } }
        """, name="pyproject.toml")
    assert message.startswith("pyproject.toml:3: fix.canonical-urls: expected true or false")


def test_pyproject_keys_inside_multiline_strings_are_not_keys(repo):
    message = config_error(repo, '''\
        [tool.awesome-tools.links]
        issue-title = """
        [tool.awesome-tools.toc]
        min-level = 1
        """

        [tool.awesome-tools.toc]
        min-level = 0
        ''', name="pyproject.toml")
    assert message == "pyproject.toml:8: toc.min-level: heading level 0 is not in 1..6"


def test_pyproject_awesome_tools_must_be_a_table(repo):
    message = config_error(repo, '[tool]\nawesome-tools = "yes"\n', name="pyproject.toml")
    assert message == "pyproject.toml:2: (top level): tool.awesome-tools must be a table"


def test_unparsable_toml(repo):
    message = config_error(repo, """\
        [tool.awesome-tools.toc]
        min-level = 2
        max-level = = 3
        """, name="pyproject.toml")
    assert message.startswith("pyproject.toml:3: invalid TOML: ")
    assert "(at line" not in message
