"""Project configuration: ``.awesome-tools.yaml`` or ``[tool.awesome-tools]`` in pyproject.toml.

A bad config must stop a run with one line that points at the file, line and key, so every
value is validated here, once, and the rest of the program reads plain typed fields.

Where it is found: from the start directory upward, in each directory
``.awesome-tools.yaml``, then ``.awesome-tools.yml``, then a ``pyproject.toml`` that has a
``[tool.awesome-tools]`` table (one without it is skipped); the search stops after the first
directory that contains ``.git`` (the repository root) or at the filesystem root. An explicit
``--config`` path is used as is: a ``.toml`` name means a pyproject-style file, anything else
YAML. ruamel.yaml is imported only when a YAML file exists, so ``check`` starts fast.

Schema (YAML; the pyproject table has the same keys, e.g. ``[tool.awesome-tools.rules]``)::

    rules:                       # rule name -> severity
      duplicate-entry: warning   # error | warning | note | off
      empty-link: off            # also true/false/on (on = the rule's default severity)
      broken-anchor: {severity: note}
    duplicates:
      allow: [https://github.com/sindresorhus/awesome]   # URLs never reported as duplicates
    toc:
      min-level: 2               # 1..6; headings shallower/deeper are not expected in the TOC
      max-level: 3
      exclude: [License]         # heading texts left out of the TOC
    fix:
      canonical-urls: false      # let `fix` rewrite arXiv pdf/mirror links to abs
    entry-format:
      profile: papers            # awesome | papers
    links: {...}                 # owned by the link checker: Config.section("links")
    venues: {...}                # owned by the venue rules: Config.section("venues")

Unknown top-level keys, unknown keys inside known sections, wrong types and bad values raise
:class:`~awesome_tools.errors.ConfigError`, e.g.
``.awesome-tools.yaml:3: rules.broken-anchr: unknown rule (did you mean broken-anchor?)``.
Owners of free-form sections validate them themselves and report with :meth:`Config.error`,
which knows the line of every key.
"""
from __future__ import annotations

import copy
import re
import sys
from pathlib import Path
from types import MappingProxyType
from typing import (Any, BinaryIO, Dict, List, Mapping, Optional, Sequence, Set, Tuple, Union,
                    overload)

from awesome_tools.errors import ConfigError
from awesome_tools.lazyre import lazy
from awesome_tools.records import field, record

YAML_NAMES = (".awesome-tools.yaml", ".awesome-tools.yml")
PYPROJECT = "pyproject.toml"
TOOL_KEY = "awesome-tools"


KeyPath = Tuple[Union[str, int], ...]


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


class _Lines:
    """Line numbers of keys and list items, by key path; parents stand in for what is missing.

    YAML gives exact lines while loading; for pyproject.toml the text is scanned only when a
    line is actually needed (an error), since tomllib reports none.
    """

    def __init__(self, lines: Optional[Dict[KeyPath, int]] = None,
                 toml_text: Optional[str] = None) -> None:
        self._lines = lines
        self._toml_text = toml_text

    def line(self, path: KeyPath) -> int:
        if self._lines is None:
            self._lines = _toml_key_lines(self._toml_text or "")
        for end in range(len(path), -1, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1


@record(frozen=True)
class Config:
    """The validated configuration; ``Config()`` is the default (no file).

    ``rules`` maps rule names to the severity set for them (``off`` included);
    ``rule_options`` their options; ``sections`` the validated values of the option
    sections (``toc``, ``fix``, ``duplicates``, ``entry-format``); ``data`` the raw file, for
    the owners of free-form sections (``links``, ``venues``), read with :meth:`section`.
    """

    path: Optional[Path] = None
    rules: Mapping[str, str] = field(default_factory=_empty)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=_empty)
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=_empty)
    data: Mapping[str, Any] = field(default_factory=_empty, repr=False)
    lines: _Lines = field(default_factory=_Lines, repr=False, compare=False)

    def value(self, section: str, key: str, default: Any = None) -> Any:
        """A validated option of an option section (its default when unset)."""
        return self.sections.get(section, {}).get(key, default)

    @property
    def toc_min_level(self) -> Optional[int]:
        level: Optional[int] = self.value("toc", "min-level")
        return level

    @property
    def toc_max_level(self) -> Optional[int]:
        level: Optional[int] = self.value("toc", "max-level")
        return level

    @property
    def toc_exclude(self) -> Tuple[str, ...]:
        return tuple(self.value("toc", "exclude", ()))

    @property
    def canonical_urls(self) -> bool:
        return bool(self.value("fix", "canonical-urls", False))

    @property
    def entry_profile(self) -> Optional[str]:
        profile: Optional[str] = self.value("entry-format", "profile")
        return profile

    @property
    def duplicates_allow(self) -> Tuple[str, ...]:
        return tuple(self.value("duplicates", "allow", ()))

    def section(self, name: str) -> Dict[str, Any]:
        """The raw mapping under a top-level key as plain dicts and lists (a copy; {} if absent)."""
        value = self.data.get(name)
        return copy.deepcopy(value) if isinstance(value, dict) else {}

    def error(self, key: Union[str, Sequence[Union[str, int]]], message: str) -> ConfigError:
        """A ConfigError naming this file, the line of ``key`` ("links.timeout") and the key."""
        path = tuple(key.split(".")) if isinstance(key, str) else tuple(key)
        return _error(self.path, self.lines, path, message)


def load_config(config_path: Optional[str], start: Path) -> Config:
    """The config from ``config_path`` if given, else the nearest one above ``start``."""
    if config_path is not None:
        return _load_explicit(Path(config_path))
    directory = Path(start).resolve()
    if directory.is_file():
        directory = directory.parent
    while True:
        found = _load_from_directory(directory)
        if found is not None:
            return found
        if (directory / ".git").exists() or directory.parent == directory:
            return Config()
        directory = directory.parent


def _load_explicit(path: Path) -> Config:
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    text = _read(path, MAX_CONFIG_BYTES)
    if path.suffix.lower() == ".toml":
        config = _from_pyproject(path, text)
        if config is None:
            raise ConfigError(f"{_display(path)}: no [tool.{TOOL_KEY}] table")
        return config
    return _from_yaml(path, text)


def _load_from_directory(directory: Path) -> Optional[Config]:
    for name in YAML_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return _from_yaml(candidate, _read(candidate, MAX_CONFIG_BYTES))
    candidate = directory / PYPROJECT
    if candidate.is_file():
        text = _read(candidate, MAX_CONFIG_BYTES, unless_without=TOOL_KEY)
        if text is not None and TOOL_KEY in text:  # cheap test before parsing someone's TOML
            return _from_pyproject(candidate, text)
    return None


# --- reading files safely ---------------------------------------------------------------------
#
# A config comes with the repository, so it is as untrusted as the list: its size, its nesting
# and what its YAML aliases expand to are bounded before anything is built from it, and every
# way it can be too much is one ConfigError line. Real configs are a few hundred bytes.

MAX_CONFIG_BYTES = 256 * 1024  # ruamel.yaml reads about 150 KB a second
MAX_DEPTH = 64  # nesting of mappings and lists; the schema itself is three levels deep
MAX_VALUES = 20_000  # keys, items and scalars, counting each alias as often as it is used


@overload
def _read(path: Path, limit: int) -> str: ...
@overload
def _read(path: Path, limit: int, unless_without: str) -> Optional[str]: ...


def _read(path: Path, limit: int, unless_without: Optional[str] = None) -> Optional[str]:
    """The file's text, refusing more than ``limit`` bytes.

    With ``unless_without``, a file over the limit that does not contain that text (a large
    pyproject.toml with no table of ours) is skipped (None) instead of refused. The file is
    read ``limit + 1`` bytes at most, so a huge file (or one that grows) costs no memory.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
            if len(data) > limit and unless_without is not None \
                    and not _contains(handle, data, unless_without.encode("utf-8")):
                return None
    except OSError as error:
        raise ConfigError(f"{_display(path)}: cannot read: {error.strerror}") from None
    if len(data) > limit:
        raise ConfigError(f"{_display(path)}: config file is larger than {limit // 1024} KiB; "
                          "awesome-tools reads configs up to that size")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{_display(path)}: not UTF-8 text") from None


def _contains(handle: BinaryIO, start: bytes, needle: bytes) -> bool:
    """Whether ``start`` plus the rest of ``handle`` contains ``needle`` (read in chunks)."""
    tail = start
    while True:
        if needle in tail:
            return True
        chunk = handle.read(1 << 20)
        if not chunk:
            return False
        tail = tail[-len(needle):] + chunk


def _display(path: Optional[Path]) -> str:
    """The file name as the user would type it: relative to the working directory if inside."""
    if path is None:
        return "config"
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _error(path: Optional[Path], lines: _Lines, key: KeyPath, message: str) -> ConfigError:
    where = _display(path) + (f":{lines.line(key)}" if path is not None else "")
    return ConfigError(f"{where}: {_dotted(key)}: {message}")


def _dotted(key: KeyPath) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


# --- reading YAML -----------------------------------------------------------------------------

def _from_yaml(path: Path, text: str) -> Config:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    too_deep = _flow_too_deep(text)
    if too_deep is not None:
        raise ConfigError(f"{_display(path)}:{too_deep}: invalid YAML: brackets nested more "
                          f"than {MAX_DEPTH} levels deep")
    try:
        document = YAML(typ="rt").load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{_display(path)}{line}: invalid YAML: {problem}") from None
    except RecursionError:
        raise ConfigError(f"{_display(path)}: invalid YAML: nested more than {MAX_DEPTH} "
                          "levels deep") from None
    lines: Dict[KeyPath, int] = {(): 1}
    data = _plain(document, (), lines, path, _Expansion())
    return _build(path, data, _Lines(lines))


_FLOW_MARKS = lazy(r"[\[\]{}'\"#\n\\]")


def _flow_too_deep(text: str) -> Optional[int]:
    """The line where ``[`` and ``{`` nest deeper than MAX_DEPTH, else None.

    ruamel.yaml takes time in the square of the nesting of flow collections and then fails
    with a RecursionError, so the nesting is measured first. Quoted scalars and comments are
    skipped; a bracket inside a plain or block scalar is counted, which can only err towards
    a deeper count, and real configs nest two or three levels.
    """
    depth, line, quote = 0, 1, ""
    position = 0
    for mark in _FLOW_MARKS.finditer(text):
        char, at = mark.group(), mark.start()
        if at < position:
            continue  # inside a comment or an escape already passed over
        before = text[at - 1] if at else "\n"
        if char == "\n":
            line += 1
        elif quote == "'":
            if char == "'":
                if text.startswith("''", at):
                    position = at + 2
                else:
                    quote = ""
        elif quote == '"':
            if char == "\\":
                position = at + 2
            elif char == '"':
                quote = ""
        elif char == "#" and before in " \t\n":
            end = text.find("\n", at)
            position = end if end >= 0 else len(text)
        elif char in "'\"" and before in " \t\n[{,:-":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


class _Expansion:
    """What converting a document may still produce: YAML aliases let a few lines stand for
    billions of values (each ``*a`` is the whole of ``&a`` again), so the values produced are
    counted and the nesting is bounded; an alias inside what it names is an error."""

    def __init__(self) -> None:
        self.left = MAX_VALUES
        self.open: Set[int] = set()  # ids of the collections being converted (the current path)

    def take(self, path: Path, lines: Dict[KeyPath, int], key: KeyPath) -> None:
        self.left -= 1
        if self.left < 0:
            raise _error(path, _Lines(lines), key,
                         f"more than {MAX_VALUES} values once YAML aliases are expanded")
        if len(key) > MAX_DEPTH:
            raise _error(path, _Lines(lines), key[:MAX_DEPTH],
                         f"nested more than {MAX_DEPTH} levels deep")


def _plain(node: Any, key: KeyPath, lines: Dict[KeyPath, int], path: Path,
           budget: _Expansion) -> Any:
    """ruamel's round-trip nodes as plain Python values, recording each key's line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    budget.take(path, lines, key)
    if isinstance(node, (CommentedMap, CommentedSeq)):
        if id(node) in budget.open:
            raise _error(path, _Lines(lines), key, "a YAML alias refers to a value that "
                         "contains it (recursive alias)")
        budget.open.add(id(node))
        try:
            if isinstance(node, CommentedMap):
                return _plain_map(node, key, lines, path, budget)
            return _plain_seq(node, key, lines, path, budget)
        finally:
            budget.open.discard(id(node))
    return _scalar(node, key, lines, path)


def _plain_map(node: Any, key: KeyPath, lines: Dict[KeyPath, int], path: Path,
               budget: _Expansion) -> Dict[Any, Any]:
    result = {}
    for original, value in node.items():
        name = _plain(original, key, lines, path, budget)
        lines[key + (name,)] = node.lc.key(original)[0] + 1 if original in node.lc.data \
            else lines.get(key, 1)
        result[name] = _plain(value, key + (name,), lines, path, budget)
    return result


def _plain_seq(node: Any, key: KeyPath, lines: Dict[KeyPath, int], path: Path,
               budget: _Expansion) -> List[Any]:
    items = []
    for index, value in enumerate(node):
        lines[key + (index,)] = node.lc.item(index)[0] + 1 if index in node.lc.data else \
            lines.get(key, 1)
        items.append(_plain(value, key + (index,), lines, path, budget))
    return items


def _scalar(node: Any, key: KeyPath, lines: Dict[KeyPath, int], path: Path) -> Any:
    if node is None or type(node) in (str, int, float, bool):
        return node
    if type(node).__name__ == "ScalarBoolean":  # an anchored true/false
        return bool(node)
    for kind in (bool, str, int, float):
        if isinstance(node, kind):
            return kind(node)
    if hasattr(node, "tag") and hasattr(node, "value"):  # TaggedScalar: `!tag value`
        raise _error(path, _Lines(lines), key, f"unsupported YAML tag {node.tag}")
    return node  # dates and times stay as they are


# --- reading pyproject.toml -------------------------------------------------------------------

def _from_pyproject(path: Path, text: str) -> Optional[Config]:
    """The config from ``[tool.awesome-tools]``, or None when the table is absent."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python < 3.11
        import tomli as tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_toml_error(path, text, str(error))) from None
    except RecursionError:
        raise ConfigError(f"{_display(path)}: invalid TOML: nested more than {MAX_DEPTH} "
                          "levels deep") from None
    table = document.get("tool", {}).get(TOOL_KEY) if isinstance(document.get("tool"), dict) \
        else None
    if table is None:
        return None
    lines = _Lines(toml_text=text)
    if not isinstance(table, dict):
        raise _error(path, lines, (), f"tool.{TOOL_KEY} must be a table")
    too_deep = _too_deep(table)
    if too_deep is not None:
        raise _error(path, lines, too_deep, f"nested more than {MAX_DEPTH} levels deep")
    return _build(path, table, lines)


def _too_deep(value: Any) -> Optional[KeyPath]:
    """The key path of a value nested deeper than MAX_DEPTH (walked without recursion), else
    None: what is built from the table later copies and walks it recursively."""
    stack: List[Tuple[Any, KeyPath]] = [(value, ())]
    while stack:
        current, key = stack.pop()
        if len(key) > MAX_DEPTH:
            return key[:MAX_DEPTH]
        if isinstance(current, dict):
            stack.extend((item, key + (name,)) for name, item in current.items())
        elif isinstance(current, list):
            stack.extend((item, key + (index,)) for index, item in enumerate(current))
    return None


def _toml_error(path: Path, text: str, message: str) -> str:
    message = message.splitlines()[0] if message else "parse error"
    found = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
    if found:
        return f"{_display(path)}:{found.group(1)}: invalid TOML: {message[:found.start()]}"
    found = re.search(r"\s*\(at end of document\)$", message)
    if found:
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        return f"{_display(path)}:{max(last, 1)}: invalid TOML: {message[:found.start()]}"
    return f"{_display(path)}: invalid TOML: {message}"


_TOML_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_TOML_DOTTED = rf"{_TOML_PART}(?:\s*\.\s*{_TOML_PART})*"
# Patterns, compiled on first use (only to place an error), so importing config stays cheap.
_TOML_HEADER = rf"\s*\[\[?\s*({_TOML_DOTTED})\s*\]\]?"
_TOML_ASSIGN = rf"\s*({_TOML_DOTTED})\s*="
_TOML_STRINGS = r""""(?:[^"\\]|\\.)*"|'[^']*'"""


def _mask_strings(raw: str) -> str:
    """``re.sub(_TOML_STRINGS, "S", raw)`` in one pass over the line.

    The pattern, tried at every quote, rescans to the end of the line from each escaped quote
    of an unterminated string (quadratic on ``"\\"\\"\\"...``). Once a ``"`` string fails to
    close, every later ``"`` on the line fails the same way (it is either that string's
    escaped quote, whose scan continues exactly as the first did, or would have closed it),
    and once a ``'`` string fails there is no later ``'``: so each kind is scanned for at
    most once past its failure.
    """
    out: List[str] = []
    position = last = 0
    length = len(raw)
    double_open = single_open = True
    while True:
        candidates = [at for at, still in ((raw.find('"', position), double_open),
                                           (raw.find("'", position), single_open))
                      if still and at >= 0]
        if not candidates:
            break
        start = min(candidates)
        if raw[start] == "'":
            end = raw.find("'", start + 1)
            if end < 0:
                single_open = False
                position = start + 1
                continue
        else:
            end = start + 1
            while end < length and raw[end] != '"':
                if raw[end] == "\\":
                    if end + 1 >= length:
                        end = length
                        break
                    end += 1
                end += 1
            if end >= length:
                double_open = False
                position = start + 1
                continue
        out.append(raw[last:start])
        out.append("S")
        position = last = end + 1
    out.append(raw[last:])
    return "".join(out)


def _toml_parts(dotted: str) -> Tuple[str, ...]:
    parts = re.findall(_TOML_PART, dotted)
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)


def _toml_key_lines(text: str) -> Dict[KeyPath, int]:
    """Lines of the keys under ``[tool.awesome-tools]``, found by scanning the text.

    Table headers, ``key =`` lines and the items of arrays that are values of keys are
    recognised outside multi-line strings; keys inside inline tables take the line of the key
    that holds them.
    """
    scan = _TomlScan()
    for number, raw in enumerate(text.splitlines(), 1):
        scan.line(number, raw)
    return scan.lines


class _TomlScan:
    """State of :func:`_toml_key_lines` across lines: table, bracket depth, open array."""

    def __init__(self) -> None:
        self.lines: Dict[KeyPath, int] = {}
        self.table: Tuple[str, ...] = ()
        self.stack = ""  # open brackets and braces
        self.in_string: Optional[str] = None
        self.array: Optional[KeyPath] = None  # key whose multi-line array is open
        self.items = 0
        self.expecting = False  # just after "[" or "," of the open array: a value is an item

    def line(self, number: int, raw: str) -> None:
        if self.in_string is not None:
            if raw.count(self.in_string) % 2 == 1:
                self.in_string = None
            return
        rest = _mask_strings(raw).split("#", 1)[0]
        if not self.stack:
            header = re.match(_TOML_HEADER, raw)
            if header:
                self.table = _toml_parts(header.group(1))
                self.record(self.table, number)
                return
            assign = re.match(_TOML_ASSIGN, raw)
            if assign:
                key = self.table + _toml_parts(assign.group(1))
                self.record(key, number)
                self.array, self.items = key, 0
                rest = rest.split("=", 1)[1] if "=" in rest else ""
        self.walk(rest, number)
        for quote in ('"""', "'''"):
            if raw.count(quote) % 2 == 1:
                self.in_string = quote

    def walk(self, rest: str, number: int) -> None:
        for char in rest:
            top_level_array = self.stack == "[" and self.array is not None
            if char in "[{":
                if top_level_array and self.expecting:
                    self.item(number)
                self.stack += char
                self.expecting = self.stack == "["
            elif char in "]}":
                self.stack = self.stack[:-1]
                if not self.stack:
                    self.array = None
                self.expecting = False
            elif char == ",":
                self.expecting = top_level_array
            elif not char.isspace() and top_level_array and self.expecting:
                self.item(number)
                self.expecting = False

    def item(self, number: int) -> None:
        assert self.array is not None
        self.record(self.array + (self.items,), number)
        self.items += 1

    def record(self, key: KeyPath, number: int) -> None:
        if key[:2] == ("tool", TOOL_KEY):
            for end in range(2, len(key) + 1):
                self.lines.setdefault(key[2:end], number)


# --- validation -------------------------------------------------------------------------------

def _build(path: Path, data: Any, lines: _Lines) -> Config:
    """Validate the loaded mapping against the schema its owners declare; make a Config."""
    from awesome_tools.config.schema import Schema, kind_of, did_you_mean, check_options

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _error(path, lines, (), f"expected a mapping of sections, got {kind_of(data)}")

    def fail(key: KeyPath, message: str) -> ConfigError:
        return _error(path, lines, key, message)

    schema = Schema.collect()
    values: Dict[str, Any] = {}
    for name, value in data.items():
        section = schema.sections.get(name)
        if section is None:
            raise fail((name,), "unknown section" + did_you_mean(name, schema.sections))
        if value is None:
            value = [] if section.kind == "any" else {}
        if section.options:
            value = dict(check_options(section.options, value, (name,), fail))
        elif not isinstance(value, dict) and section.kind != "any":
            raise fail((name,), f"expected a mapping, got {kind_of(value)}")
        if section.validate is not None:
            checked = section.validate(value, fail)
            if name == "rules":
                value = checked
        values[name] = value
    rules = values.pop("rules", {}) or {}
    return Config(
        path=path,
        rules=MappingProxyType({name: severity for name, (severity, _) in rules.items()}),
        rule_options=MappingProxyType({name: MappingProxyType(options)
                                       for name, (_, options) in rules.items() if options}),
        sections=MappingProxyType({name: MappingProxyType(value)
                                   for name, value in values.items()
                                   if schema.sections[name].options}),
        data=MappingProxyType({name: value if value is not None else {}
                               for name, value in data.items()}),
        lines=lines,
    )


__all__ = ["Config", "load_config"]
