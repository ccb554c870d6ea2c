"""`awesome-tools init`: add the pre-commit hooks, the GitHub workflows and the cache's
`.gitignore` line to a list's repository.

Everything here is additive and idempotent. The pre-commit config is edited with ruamel.yaml's
round-trip mode, so the user's comments, key order, quoting and indentation survive, and it is
not rewritten at all when the hooks are already there (a second run is byte-identical). The
workflows are written only when absent: a user's file is never overwritten. Every problem is
found before anything is written, so a bad config leaves the repository as it was.

Where the hooks and the workflows get awesome-tools from is decided in one place,
:func:`coordinates`, from this package's own metadata: installed from Git (``pip install
git+URL@REV``), the exact commit it was installed from; otherwise the ``Repository`` URL of
the project metadata and the release tag ``v<version>``. ``init --hooks-repo URL --rev REV``
overrides both. The list the hooks and workflows check is found by :func:`detect_list`
(``README.md``, ``readme.md``, ``docs/list.md``, ...) or named with ``--list``.
"""
from __future__ import annotations

import io
import json
import os
import re
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import Any, List, Optional, Sequence, Tuple, Union

from awesome_tools import __version__
from awesome_tools.errors import InputError
from awesome_tools.records import record
from awesome_tools.textio import decode, write_atomic

DISTRIBUTION = "awesome-tools"
# fix first: a run that rewrote the TOC then shows only what is left for a person to do.
HOOK_IDS = ("awesome-tools-fix", "awesome-tools-check")
CONFIG_NAME = ".pre-commit-config.yaml"
DEFAULT_LIST = "README.md"
CACHE_DIR = ".awesome-tools-cache/"
# (path in the target repository, template in awesome_tools/templates/)
CHECK_WORKFLOW = (".github/workflows/awesome-tools.yml", "check.yml")
AUTOFIX_WORKFLOW = (".github/workflows/awesome-tools-autofix.yml", "autofix.yml")
LINKS_WORKFLOW = (".github/workflows/awesome-tools-links.yml", "links.yml")
WORKFLOWS = (CHECK_WORKFLOW, LINKS_WORKFLOW)  # what a plain `init` writes
REQUIREMENT_TOKEN = "@AWESOME_TOOLS_REQUIREMENT@"

_NEW_CONFIG = """\
# pre-commit hooks (https://pre-commit.com), added by `awesome-tools init`.
# Install them with `pre-commit install`; run them all with `pre-commit run --all-files`.
repos:
"""


# -- coordinates: where the hooks and the workflows get awesome-tools from ---------------------

@record(frozen=True)
class Coordinates:
    """A Git repository holding this project and a revision of it (a tag or a commit)."""

    url: str
    rev: str

    @property
    def requirement(self) -> str:
        """What the workflows pip-install: this project at this revision."""
        return f"git+{self.url}@{self.rev}"

    @property
    def action(self) -> Optional[str]:
        """``owner/name@rev`` for ``uses:``, when the repository is on GitHub."""
        found = re.match(r"^https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", self.url)
        return f"{found.group(1)}/{found.group(2)}@{self.rev}" if found else None


def coordinates(url: Optional[str] = None, rev: Optional[str] = None) -> Coordinates:
    """The hooks repository and revision: ``url``/``rev`` when given, else from the package
    metadata (the Git URL and commit it was installed from, or its Repository URL and the
    release tag ``v<version>``)."""
    installed_url, installed_rev = _installed_from()
    return Coordinates(url or installed_url or _project_url(), rev or installed_rev
                       or f"v{_version()}")


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return __version__


def _project_url() -> str:
    """The ``Repository`` URL of ``[project.urls]``."""
    try:
        urls: List[str] = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("repository", "source") and url.strip():
            return url.strip()
    raise InputError("awesome-tools' package metadata names no repository; pass "
                     "--hooks-repo URL --rev REV")


def _installed_from() -> Tuple[Optional[str], Optional[str]]:
    """(URL, commit) when this package was installed with ``pip install git+URL@REV``
    (pip's direct_url.json, PEP 610); (None, None) otherwise."""
    try:
        raw = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None, None
    try:
        record = json.loads(raw) if raw else {}
    except ValueError:
        return None, None
    vcs = record.get("vcs_info") or {}
    if vcs.get("vcs") != "git" or not vcs.get("commit_id"):
        return None, None
    return str(record.get("url", "")) or None, str(vcs["commit_id"])


HOOKS = coordinates()
HOOKS_REPO_URL = HOOKS.url
HOOKS_REV = HOOKS.rev


# -- the list --------------------------------------------------------------------------------

_LIST_PLACES = ("", "docs/")
_ITEM_LINK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S*\[[^\]]+\]\(", re.M)


def detect_list(root: Path) -> str:
    """The list's path relative to ``root``: the root's readme (any case), else the one
    Markdown file of the root or ``docs/`` that reads as a list (a heading and link items);
    ``README.md`` when the repository has no Markdown yet."""
    readmes = [name for name in _names(root) if name.lower() in ("readme.md", "readme.markdown")]
    if len(readmes) == 1:
        return readmes[0]
    if len(readmes) > 1:
        raise InputError(f"{root}: several readmes ({', '.join(readmes)}); name the list with "
                         "--list PATH")
    candidates = [place + name for place in _LIST_PLACES for name in _names(root / place)
                  if name.lower().endswith((".md", ".markdown"))
                  and name.lower() not in _NOT_LISTS and _reads_as_list(root / place / name)]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise InputError(f"{root}: more than one Markdown file reads as a list "
                         f"({', '.join(candidates)}); name it with --list PATH")
    return DEFAULT_LIST


_NOT_LISTS = frozenset(("contributing.md", "code_of_conduct.md", "code-of-conduct.md",
                        "changelog.md", "license.md", "security.md", "pull_request_template.md"))


def _names(directory: Path) -> List[str]:
    try:
        return sorted(name for name in os.listdir(directory) if (directory / name).is_file())
    except OSError:
        return []


def _reads_as_list(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    has_heading = text.lstrip().startswith("#") or "\n#" in text
    return has_heading and len(_ITEM_LINK.findall(text)) >= 3


def _checked_list(root: Path, list_path: Optional[str]) -> str:
    path = (list_path or detect_list(root)).replace("\\", "/")
    if path.startswith("/") or ".." in path.split("/"):
        raise InputError(f"--list {path}: give a path inside the repository")
    if list_path and not (root / path).is_file():
        raise InputError(f"{root / path}: no such file (--list)")
    return path


def files_pattern(list_path: str) -> str:
    """The hooks' ``files:`` regular expression for the list."""
    return "^" + re.escape(list_path) + "$"


@record(frozen=True)
class _Plan:
    """One file's outcome, decided before anything is written."""

    path: Path
    action: str  # created, updated, unchanged, kept
    data: Optional[bytes] = None  # bytes to write for created/updated
    source: Any = None  # textio.Source of an existing file that is updated


@record(frozen=True)
class Setup:
    """What ``init`` writes: the list, where awesome-tools comes from, which workflows."""

    list_path: str
    hooks: Coordinates
    autofix: bool = False
    use_action: bool = False

    @property
    def workflows(self) -> Tuple[Tuple[str, str], ...]:
        return (AUTOFIX_WORKFLOW if self.autofix else CHECK_WORKFLOW, LINKS_WORKFLOW)


def init_repository(directory: Union[str, os.PathLike[str]], hooks_repo: Optional[str] = None,
                    rev: Optional[str] = None, list_path: Optional[str] = None,
                    autofix: bool = False, use_action: bool = False) -> List[str]:
    """Plan every file, then write; one line per file saying what happened.

    Raises InputError on bad input, before anything is written."""
    root = Path(directory)
    if not root.exists():
        raise InputError(f"{root}: no such directory")
    if not root.is_dir():
        raise InputError(f"{root}: not a directory")
    setup = Setup(_checked_list(root, list_path), coordinates(hooks_repo, rev), autofix,
                  use_action)
    if use_action and setup.hooks.action is None:
        raise InputError(f"--use-action needs a GitHub repository, not {setup.hooks.url}")
    plans = [_plan_config(root / CONFIG_NAME, setup)]
    plans += [_plan_workflow(root / name, template, setup) for name, template in setup.workflows]
    plans.append(_plan_gitignore(root / ".gitignore"))
    done = []
    for plan in plans:
        _apply(plan)
        done.append(_describe(plan))
    return done


def requirement() -> str:
    """What the workflows pip-install by default: this project at the hooks' revision."""
    return HOOKS.requirement


_LIST_ARGUMENT = re.compile(r"(awesome-tools (?:check|fix|links|toc|export) |"
                            r"AWESOME_TOOLS_LIST: )README\.md\b")
_INSTALL = re.compile(r"^(?P<indent> *)run: python -m pip install \"" + re.escape(
    REQUIREMENT_TOKEN) + r"\"$", re.M)


def render_template(template: str, setup: Optional[Setup] = None) -> str:
    """A workflow template from the package data, filled in for ``setup`` (by default: this
    package's coordinates, README.md, pip install). The templates name ``README.md``; each
    `awesome-tools <command> README.md` becomes the list's path."""
    setup = setup or Setup(DEFAULT_LIST, HOOKS)
    resource = resources.files("awesome_tools").joinpath("templates").joinpath(template)
    text = resource.read_text(encoding="utf-8")
    if setup.use_action and setup.hooks.action is not None:
        text = _INSTALL.sub(lambda found: _action_step(found.group("indent"), setup.hooks), text)
    text = text.replace(REQUIREMENT_TOKEN, setup.hooks.requirement)
    if setup.list_path != DEFAULT_LIST:
        path = setup.list_path
        text = _LIST_ARGUMENT.sub(lambda found: found.group(1) + path, text)
    return text


def _action_step(indent: str, hooks: Coordinates) -> str:
    """The install step as a ``uses:`` of this project's action (it installs itself)."""
    return (f"{indent}uses: {hooks.action}\n{indent}with:\n{indent}  command: install")


def _describe(plan: _Plan) -> str:
    if plan.action == "kept":
        return f"kept {plan.path} (exists; not overwritten)"
    return f"{plan.action} {plan.path}"


# -- workflows -------------------------------------------------------------------------------

def _plan_workflow(path: Path, template: str, setup: Setup) -> _Plan:
    data = render_template(template, setup).encode("utf-8")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a workflow file")
    if path.exists():
        try:
            same = path.read_bytes() == data
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        return _Plan(path, "unchanged" if same else "kept")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise InputError(f"{parent}: not a directory, cannot write {path.name} under it")
    return _Plan(path, "created", data)


# -- .gitignore ------------------------------------------------------------------------------

def _plan_gitignore(path: Path) -> _Plan:
    """The link cache is a run's data, not the list's: one line in .gitignore."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")
    if not path.exists():
        return _Plan(path, "created", f"{CACHE_DIR}\n".encode("utf-8"))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    source = decode(path, raw)
    lines = [line.strip() for line in source.text.splitlines()]
    if any(line.rstrip("/") in (CACHE_DIR.rstrip("/"), "/" + CACHE_DIR.rstrip("/"))
           for line in lines):
        return _Plan(path, "unchanged")
    newline = source.newline
    body = source.text if not source.text or source.text.endswith(("\n", "\r")) \
        else source.text + newline
    text = body + CACHE_DIR + newline
    return _Plan(path, "updated", text.encode("utf-8"), source)


# -- pre-commit config ---------------------------------------------------------------------

def _plan_config(path: Path, setup: Setup) -> _Plan:
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a YAML file")
    if not path.exists():
        text = _NEW_CONFIG + _repo_block(HOOK_IDS, setup)
        return _Plan(path, "created", text.encode("utf-8"))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    source = decode(path, raw)
    text = _updated_config(path, source.text, setup)
    if text == source.text:
        return _Plan(path, "unchanged")
    return _Plan(path, "updated", source=source, data=text.encode("utf-8"))


def _repo_block(hook_ids: Sequence[str], setup: Setup) -> str:
    """A new `repos` item in the common `  - repo:` style (for new or empty configs)."""
    return "".join("  " + line + "\n" for line in _repo_lines(hook_ids, setup))


def _repo_lines(hook_ids: Sequence[str], setup: Setup) -> List[str]:
    lines = [f"- repo: {setup.hooks.url}", f"  rev: {setup.hooks.rev}", "  hooks:"]
    for hook_id in hook_ids:
        lines += [f"    - id: {hook_id}", f"      files: {files_pattern(setup.list_path)}"]
    return lines


def _updated_config(path: Path, text: str, setup: Setup) -> str:
    """The config text with our missing hooks added; ``text`` itself when nothing is missing."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    yaml = _round_trip_yaml(plain)
    data = _load(yaml, path, plain)
    if data is None:  # empty, or only comments: keep them and append a fresh config
        body = plain if plain.endswith("\n") or not plain else plain + "\n"
        return (body + "repos:\n" + _repo_block(HOOK_IDS, setup)).replace("\n", newline)
    if not isinstance(data, CommentedMap):
        raise InputError(f"{path}: expected a mapping with a `repos` list at the top level")
    repos = data.get("repos")
    if repos is None:
        repos = data["repos"] = CommentedSeq()
    if not isinstance(repos, CommentedSeq):
        raise InputError(f"{path}: `repos` must be a list")
    missing = [hook_id for hook_id in HOOK_IDS if hook_id not in _hook_ids(path, repos)]
    if not missing:
        return text
    ours = _our_repo(repos, setup.hooks.url)
    if ours is None:
        repos.append(_new_repo(yaml, tuple(missing), setup))
    else:
        hooks = ours.get("hooks")
        if not isinstance(hooks, CommentedSeq):
            raise InputError(f"{path}: the hooks of {setup.hooks.url} must be a list")
        for hook_id in missing:
            hooks.append(yaml.load(f"id: {hook_id}\nfiles: {files_pattern(setup.list_path)}\n"))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().replace("\n", newline)


def _new_repo(yaml: Any, hook_ids: Tuple[str, ...], setup: Setup) -> Any:
    """Our `repos` item as a round-trip node; the dump gives it the file's own indentation."""
    return yaml.load("\n".join(_repo_lines(hook_ids, setup)) + "\n")[0]


def _load(yaml: Any, path: Path, text: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return yaml.load(text)
    except YAMLError as error:
        raise InputError(f"{path}: not valid YAML ({_yaml_problem(error)})") from None


def _yaml_problem(error: Exception) -> str:
    problem = getattr(error, "problem", None) or getattr(error, "context", None) or str(error)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return " ".join(str(problem).split()) + where


def _hook_ids(path: Path, repos: Any) -> List[str]:
    """Every hook id the config already runs, from any repository (a user's choice stands)."""
    ids: List[str] = []
    for repo in repos:
        if not isinstance(repo, dict):
            raise InputError(f"{path}: every item of `repos` must be a mapping")
        hooks = repo.get("hooks") or []
        if not isinstance(hooks, list):
            raise InputError(f"{path}: the hooks of {repo.get('repo')} must be a list")
        ids.extend(str(hook.get("id")) for hook in hooks if isinstance(hook, dict))
    return ids


def _our_repo(repos: Any, url: str) -> Any:
    wanted = _normalise_url(url)
    for repo in repos:
        if _normalise_url(str(repo.get("repo", ""))) == wanted:
            return repo
    return None


def _normalise_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    return re.sub(r"^https?://", "", url).lower()


# Indentation styles seen in pre-commit configs: (mapping, sequence, offset) as ruamel names
# them. `-   repo:` is pre-commit's sample-config, `  - repo:` and `- repo:` the other two.
_STYLES = ((2, 4, 2), (4, 4, 0), (2, 2, 0), (4, 6, 4), (3, 3, 1), (4, 4, 2), (2, 4, 0))


def _round_trip_yaml(text: str) -> Any:
    """A ruamel YAML that reproduces ``text`` unchanged, so only added lines differ."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    start = _first_content_line(text).startswith("---")
    first = None
    for mapping, sequence, offset in _STYLES:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.explicit_start = start
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        first = first or yaml
        try:
            data = yaml.load(text)
        except YAMLError:
            return yaml  # the caller's load reports the error
        if data is None:
            return yaml
        out = io.StringIO()
        yaml.dump(data, out)
        if out.getvalue() == text:
            return yaml
    return first


def _first_content_line(text: str) -> str:
    """The first line that is neither blank nor a comment (``---`` when the file has one)."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


# -- writing -------------------------------------------------------------------------------

def _apply(plan: _Plan) -> None:
    if plan.data is None:
        return
    if plan.action == "updated":
        write_atomic(plan.source, plan.data.decode("utf-8"))
    elif plan.action == "created":
        _create(plan.path, plan.data)


def _create(path: Path, data: bytes) -> None:
    """Write a new file completely or not at all, and never over one that appeared meanwhile."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{path.parent}: cannot create ({error.strerror})") from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # unlike a rename, refuses to replace an existing file
    except FileExistsError:
        raise InputError(f"{path}: appeared while awesome-tools ran; left untouched") from None
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror})") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
