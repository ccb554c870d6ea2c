"""What the commands read: files, directories, globs and standard input, as the user named them.

People name lists the way other linters taught them to (markdownlint-cli2, lychee): a file, a
directory (``.``), a quoted glob (``'docs/**/*.md'``) or ``-`` for standard input. This module
turns those arguments into one ordered list of inputs, each read once (the same file named
twice, or found by a directory and a glob, is one input), and a list of one-line problems for
the arguments that name nothing usable. A bad argument does not stop the others: the command
reports it, processes the rest and exits 2 at the end.

- A directory contributes the Markdown files below it: in a git work tree, those git knows or
  would add (``git ls-files --cached --others --exclude-standard``, so ``.gitignore`` is
  honoured); elsewhere a walk that skips hidden directories. Files matching ``files.exclude``
  of the config are left out.
- A glob is expanded here (``**`` matches any number of directories), so quoting it works the
  same on every shell; non-Markdown matches and config excludes are skipped.
- A file named explicitly must be Markdown (``.md``, ``.markdown``, ``.mdown``, ``.mkd``, or a
  ``README`` without extension) unless ``any_extension`` is set: an SVG taken as a list would
  report "No problems" and teach nothing.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional, Sequence, Set, Tuple

from awesome_tools.config.schema import Option, Section, strings
from awesome_tools.errors import InputError
from awesome_tools.lazyre import lazy
from awesome_tools.records import field, record

STDIN = "-"
# Where a remote list "is" for the rules' context: a directory that is never created, so no
# local config, repository or file is taken for the remote repository's.
REMOTE_NAME = "awesome-tools-remote"  # below the temporary directory (see _remote_root)
DEFAULT_STDIN_NAME = "<stdin>"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_GLOB_CHARS = lazy(r"[*?\[]")
_SKIPPED_DIRECTORIES = frozenset({"node_modules"})

FILES_SECTION = Section("files", (
    Option("exclude", strings, (), "globs of files that directories and globs leave out "
                                   "(relative to the config's directory; ** for any depth)"),
), help="which files directories and globs given to the commands take")


def config_sections() -> Iterator[Section]:
    yield FILES_SECTION


@record(frozen=True)
class Input:
    """One list to read: a file (``path``) or standard input (``text`` already read)."""

    name: str  # as shown in messages
    path: Path  # the file, or for standard input where it stands (config, relative files)
    text: Optional[str] = None
    raw: Optional[bytes] = None
    remote: bool = False  # read from GitHub: its repository's other files are not here

    @property
    def is_stdin(self) -> bool:
        return self.text is not None


@record
class Inputs:
    """The inputs in the order named, and a one-line problem for each argument that failed."""

    items: List[Input] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)


def is_markdown(path: Path) -> bool:
    """Markdown by its name: a Markdown suffix, or ``README`` without one."""
    name = path.name
    return name.lower().endswith(MARKDOWN_SUFFIXES) or name.upper() == "README"


def is_glob(argument: str) -> bool:
    return bool(_GLOB_CHARS.search(argument)) and not os.path.lexists(argument)


def collect(arguments: Sequence[str], *, any_extension: bool = False,
            stdin_name: Optional[str] = None, config_path: Optional[str] = None,
            stdin: Any = None, remote: bool = False) -> Inputs:
    """The inputs named by ``arguments`` (see the module docstring). Never raises for a bad
    argument: it becomes a line of ``problems``. A single string is one argument. With
    ``remote``, a GitHub URL names a list read through the GitHub API (:mod:`awesome_tools.
    remote`)."""
    if isinstance(arguments, str):
        arguments = (arguments,)
    result = Inputs()
    seen: Set[str] = set()

    def add(path: Path, name: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            result.items.append(Input(name, path))

    stdin_taken = False
    for argument in arguments:
        if argument == STDIN:
            if not stdin_taken:
                stdin_taken = True
                _add_stdin(result, stdin_name, stdin)
            continue
        if argument.startswith(("https://", "http://")):
            _add_remote(result, argument, config_path, remote, seen)
            continue
        try:
            for path in _expand(argument, any_extension, config_path):
                add(path, str(path))
        except InputError as error:
            result.problems.append(str(error))
    return result


def load(item: Input) -> Tuple[Any, Any]:
    """The source and parsed document of one input; InputError when it is not UTF-8 text."""
    from awesome_tools.model.parse import parse
    from awesome_tools.runner import load_document
    from awesome_tools.textio import Source

    if item.text is None:
        return load_document(item.path, item.name)
    source = Source(item.path, item.text, False, item.raw or b"")
    return source, parse(item.text, item.name)


def report(problems: Sequence[str]) -> None:
    """Each problem as one line on standard error (control characters shown escaped)."""
    from awesome_tools.formats.escape import visible

    for problem in problems:
        sys.stderr.write(visible(f"awesome-tools: error: {problem}") + "\n")


def _add_remote(result: Inputs, url: str, config_path: Optional[str], allowed: bool,
                seen: Set[str]) -> None:
    if not allowed:
        result.problems.append(f"{url}: a list on the web is read by check and links only; "
                               "clone the repository to use this command")
        return
    from awesome_tools.config import load_config
    from awesome_tools.remote import fetch_list, parse_list_url
    from awesome_tools.textio import decode

    try:
        where = parse_list_url(url)
        key = f"remote:{where}"
        if key in seen:
            return
        seen.add(key)
        raw = fetch_list(url, load_config(config_path, Path.cwd()).section("links"))
        place = _remote_root() / where.owner / where.repo / (where.path or "README.md")
        source = decode(Path(url), raw)
    except InputError as error:
        result.problems.append(str(error))
        return
    result.items.append(Input(url, place, source.text, raw, remote=True))


def _add_stdin(result: Inputs, stdin_name: Optional[str], stdin: Any) -> None:
    from awesome_tools.textio import decode

    name = stdin_name or DEFAULT_STDIN_NAME
    stream = stdin if stdin is not None else sys.stdin
    try:
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    except OSError as error:
        result.problems.append(f"{name}: cannot read standard input ({error.strerror})")
        return
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    try:
        source = decode(Path(name), raw)
    except InputError as error:
        result.problems.append(str(error))
        return
    place = Path(stdin_name) if stdin_name else Path("README.md")
    result.items.append(Input(name, place, source.text, raw))


def _expand(argument: str, any_extension: bool, config_path: Optional[str]) -> List[Path]:
    path = Path(argument)
    if is_glob(argument):
        found = _glob(argument, config_path)
        if not found and not ("*" in argument or "?" in argument):
            raise InputError(f"{argument}: no such file")  # a name with brackets, most likely
        if not found:
            raise InputError(f"{argument}: no Markdown file matches")
        return found
    if path.is_dir():
        found = _directory(path, config_path)
        if not found:
            raise InputError(f"{argument}: is a directory with no Markdown files below it")
        return found
    if not os.path.lexists(argument):
        raise InputError(f"{argument}: no such file")
    if path.exists() and not any_extension and not is_markdown(path):
        raise InputError(f"{argument}: not a Markdown file (.md, .markdown, .mdown, .mkd or "
                         "README); pass --any-extension to read it anyway")
    return [path]


def _remote_root() -> Path:
    """Where remote lists "are" (never created); ``tempfile`` is imported only for them."""
    import tempfile

    return Path(tempfile.gettempdir()) / REMOTE_NAME


def _glob(pattern: str, config_path: Optional[str]) -> List[Path]:
    import glob  # here: a plain file argument, the usual case, needs no glob (start-up)

    excluded = _excludes(Path(pattern.split("*")[0] or ".").parent, config_path)
    matches = sorted(glob.glob(pattern, recursive=True))
    return [Path(match) for match in matches
            if os.path.isfile(match) and is_markdown(Path(match))
            and not _excluded(Path(match), excluded)]


def _directory(directory: Path, config_path: Optional[str]) -> List[Path]:
    excluded = _excludes(directory, config_path)
    listed = _git_files(directory)
    names = listed if listed is not None else _walk(directory)
    found = []
    for name in sorted(set(names)):
        path = directory / name if str(directory) != "." else Path(name)
        if is_markdown(path) and path.is_file() and not _excluded(path, excluded):
            found.append(path)
    return found


def _git_files(directory: Path) -> Optional[List[str]]:
    """The files git knows or would add below ``directory`` (relative to it), or None outside
    a work tree (or without git)."""
    import subprocess  # here: only a directory argument runs git (start-up)

    try:
        done = subprocess.run(["git", "ls-files", "-z", "--others", "--exclude-standard",
                               "--cached"], cwd=directory, capture_output=True, timeout=60,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    text = done.stdout.decode("utf-8", "surrogateescape")
    return [name for name in text.split("\0") if name]


def _walk(directory: Path) -> List[str]:
    found = []
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(name for name in directories
                                if not name.startswith(".") and name not in _SKIPPED_DIRECTORIES)
        base = os.path.relpath(root, directory)
        for name in files:
            found.append(name if base == "." else os.path.join(base, name))
    return found


def _excludes(start: Path, config_path: Optional[str]) -> Tuple[Path, Tuple[re.Pattern[str], ...]]:
    """The config's directory and its ``files.exclude`` patterns as regular expressions."""
    from awesome_tools.config import load_config

    config = load_config(config_path, start if start.is_dir() else Path.cwd())
    patterns = tuple(config.value("files", "exclude", ()) or ())
    found: Optional[Path] = getattr(config, "path", None)
    root = found.parent if found is not None else Path.cwd()
    return root.resolve(), tuple(glob_regex(pattern) for pattern in patterns)


def _excluded(path: Path, excludes: Tuple[Path, Tuple[re.Pattern[str], ...]]) -> bool:
    root, patterns = excludes
    if not patterns:
        return False
    resolved = path.resolve()
    try:
        relative = resolved.relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(pattern.fullmatch(relative) or pattern.fullmatch(path.name)
               for pattern in patterns)


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression: ``**/`` any directories, ``*`` and ``?`` within one
    name, ``[...]`` a class; a pattern ending in ``/`` matches everything below."""
    if pattern.endswith("/"):
        pattern += "**"
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1:end].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out))


__all__ = ["Input", "Inputs", "collect", "is_markdown", "glob_regex", "STDIN",
           "config_sections", "FILES_SECTION"]
