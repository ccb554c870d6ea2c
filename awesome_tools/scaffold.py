"""`awesome-tools init`: add the pre-commit hooks and the two GitHub workflows to a repository.

Everything here is additive and idempotent. The pre-commit config is edited with ruamel.yaml's
round-trip mode, so the user's comments, key order, quoting and indentation survive, and it is
not rewritten at all when the hooks are already there (a second run is byte-identical). The
workflows are written only when absent: a user's file is never overwritten. Every problem is
found before anything is written, so a bad config leaves the repository as it was.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, List, Optional, Tuple, Union

from awesome_tools import __version__
from awesome_tools.errors import InputError
from awesome_tools.textio import decode, write_atomic

HOOKS_REPO_URL = "https://github.com/awesome-tools/awesome-tools"
HOOKS_REV = f"v{__version__}"
# fix first: a run that rewrote the TOC then shows only what is left for a person to do.
HOOK_IDS = ("awesome-tools-fix", "awesome-tools-check")
HOOK_FILES = r"^README\.md$"
CONFIG_NAME = ".pre-commit-config.yaml"
# (path in the target repository, template in awesome_tools/templates/)
WORKFLOWS = (
    (".github/workflows/awesome-tools.yml", "check.yml"),
    (".github/workflows/awesome-tools-links.yml", "links.yml"),
)
REQUIREMENT_TOKEN = "@AWESOME_TOOLS_REQUIREMENT@"

_NEW_CONFIG = """\
# pre-commit hooks (https://pre-commit.com), added by `awesome-tools init`.
# Install them with `pre-commit install`; run them all with `pre-commit run --all-files`.
repos:
"""


@dataclass(frozen=True)
class _Plan:
    """One file's outcome, decided before anything is written."""

    path: Path
    action: str  # created, updated, unchanged, kept
    data: Optional[bytes] = None  # bytes to write for created/updated
    source: Any = None  # textio.Source of an existing file that is updated


def init_repository(directory: Union[str, os.PathLike]) -> List[str]:
    """Plan every file, then write; one line per file saying what happened.

    Raises InputError on bad input, before anything is written."""
    root = Path(directory)
    if not root.exists():
        raise InputError(f"{root}: no such directory")
    if not root.is_dir():
        raise InputError(f"{root}: not a directory")
    plans = [_plan_config(root / CONFIG_NAME)]
    plans += [_plan_workflow(root / name, template) for name, template in WORKFLOWS]
    done = []
    for plan in plans:
        _apply(plan)
        done.append(_describe(plan))
    return done


def requirement() -> str:
    """What the workflows pip-install: this project at the same tag the hooks use."""
    return f"git+{HOOKS_REPO_URL}@{HOOKS_REV}"


def render_template(template: str) -> str:
    """A workflow template from the package data, with the install requirement filled in."""
    resource = resources.files("awesome_tools").joinpath("templates").joinpath(template)
    return resource.read_text(encoding="utf-8").replace(REQUIREMENT_TOKEN, requirement())


def _describe(plan: _Plan) -> str:
    if plan.action == "kept":
        return f"kept {plan.path} (exists; not overwritten)"
    return f"{plan.action} {plan.path}"


# -- workflows -------------------------------------------------------------------------------

def _plan_workflow(path: Path, template: str) -> _Plan:
    data = render_template(template).encode("utf-8")
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


# -- pre-commit config ---------------------------------------------------------------------

def _plan_config(path: Path) -> _Plan:
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a YAML file")
    if not path.exists():
        text = _NEW_CONFIG + _repo_block(HOOK_IDS)
        return _Plan(path, "created", text.encode("utf-8"))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    source = decode(path, raw)
    text = _updated_config(path, source.text)
    if text == source.text:
        return _Plan(path, "unchanged")
    return _Plan(path, "updated", source=source, data=text.encode("utf-8"))


def _repo_block(hook_ids: Tuple[str, ...]) -> str:
    """A new `repos` item in the common `  - repo:` style (for new or empty configs)."""
    return "".join("  " + line + "\n" for line in _repo_lines(hook_ids))


def _repo_lines(hook_ids: Tuple[str, ...]) -> List[str]:
    lines = [f"- repo: {HOOKS_REPO_URL}", f"  rev: {HOOKS_REV}", "  hooks:"]
    for hook_id in hook_ids:
        lines += [f"    - id: {hook_id}", f"      files: {HOOK_FILES}"]
    return lines


def _updated_config(path: Path, text: str) -> str:
    """The config text with our missing hooks added; ``text`` itself when nothing is missing."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    yaml = _round_trip_yaml(plain)
    data = _load(yaml, path, plain)
    if data is None:  # empty, or only comments: keep them and append a fresh config
        body = plain if plain.endswith("\n") or not plain else plain + "\n"
        return (body + "repos:\n" + _repo_block(HOOK_IDS)).replace("\n", newline)
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
    ours = _our_repo(repos)
    if ours is None:
        repos.append(_new_repo(yaml, tuple(missing)))
    else:
        hooks = ours.get("hooks")
        if not isinstance(hooks, CommentedSeq):
            raise InputError(f"{path}: the hooks of {HOOKS_REPO_URL} must be a list")
        for hook_id in missing:
            hooks.append(yaml.load(f"id: {hook_id}\nfiles: {HOOK_FILES}\n"))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().replace("\n", newline)


def _new_repo(yaml: Any, hook_ids: Tuple[str, ...]) -> Any:
    """Our `repos` item as a round-trip node; the dump gives it the file's own indentation."""
    return yaml.load("\n".join(_repo_lines(hook_ids)) + "\n")[0]


def _load(yaml: Any, path: Path, text: str) -> Any:
    from ruamel.yaml import YAMLError

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
    ids = []
    for repo in repos:
        if not isinstance(repo, dict):
            raise InputError(f"{path}: every item of `repos` must be a mapping")
        hooks = repo.get("hooks") or []
        if not isinstance(hooks, list):
            raise InputError(f"{path}: the hooks of {repo.get('repo')} must be a list")
        ids.extend(str(hook.get("id")) for hook in hooks if isinstance(hook, dict))
    return ids


def _our_repo(repos: Any) -> Any:
    wanted = _normalise_url(HOOKS_REPO_URL)
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
    from ruamel.yaml import YAML, YAMLError

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
