"""The rule contract and its registry.

A rule is one module in this package, named after the rule (``broken_anchor.py`` holds
``broken-anchor``), whose module docstring is the rule's user documentation (what it finds,
why, a ``Bad:`` and a ``Good:`` example; the guide's rule sections are generated from it and
the examples are executed by ``tests/test_docs.py``). The module declares::

    RULE = Rule("broken-anchor", "An in-page #fragment matches no heading or HTML anchor.",
                fix="safe", tags=("anchors", "toc"), docs=__doc__)

    @RULE.check
    def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
        yield Problem(line, column, "fragment '#x' ...", suggestion="#y", fix=(edit,))

The name is written once: the runner stamps it (and the path and severity) on every
:class:`Problem` to make a :class:`~awesome_tools.findings.Finding`. Options are declared on
the rule (``options=(Option("allow", strings, (), "..."),)``) and set under
``rules: {name: {option: value}}`` in the config, or in a section shared by several rules
(``section=TOC_SECTION``); either way the config loader validates them for every command.

A rule may belong to a *profile* (``profile="awesome"``): a set of conventions a list chooses
to follow. Such a rule is off unless the config turns its profile on (``profiles: [awesome]``,
see :func:`profiles_on`), names the rule under ``rules:``, or ``--select`` asks for it.

Modules whose name starts with ``_`` hold helpers shared by several rules. The registry imports
every other module of the package and fails loudly: a module that cannot be imported, declares
no rule, or reuses a name stops the program instead of silently dropping rules.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

from awesome_tools.config.schema import (
    SEVERITIES,
    Fail,
    KeyPath,
    Option,
    Section,
    check_options,
    did_you_mean,
    kind_of,
    severity_or_off,
)
from awesome_tools.findings import Edit, Finding
from awesome_tools.lazyre import lazy
from awesome_tools.records import field, record

__all__ = ["Rule", "Problem", "RuleContext", "Option", "Section", "all_rules", "get",
           "config_sections", "FIXES", "PROFILES", "profiles_on"]

FIXES = ("safe", "opt-in")  # what a rule's fix may be: applied by default, or only when asked
_NAME = lazy(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@record(frozen=True)
class Problem:
    """What a rule reports: a place and a message; the runner adds rule, path and severity.

    ``severity`` lowers (or names) the severity of this one problem below the rule's own
    (``venue-mismatch`` reports an arXiv month as a note); ``suggestion`` is a short
    replacement a person can paste; ``related`` the line of the other place involved;
    ``fix`` the edits ``awesome-tools fix`` applies (empty when not safely fixable).
    """

    line: int
    column: int
    message: str
    severity: Optional[str] = None
    suggestion: Optional[str] = None
    related: Optional[int] = None
    fix: Tuple[Edit, ...] = ()


@record(frozen=True)
class RuleContext:
    """What a rule may know besides the document: where it lives, its options, the config.

    ``memo`` is shared by the rules of one run over one document, so rules that need the same
    derived data (the TOC alignment, an anchor index) compute it once; the Document itself
    stays immutable.
    """

    path: Path
    config: Any  # awesome_tools.config.Config
    root: Path  # repository root, for root-relative paths
    online: bool = False
    link_cache: Optional[str] = None  # the `links` cache a command named explicitly
    options: Mapping[str, Any] = field(default_factory=dict)
    memo: Dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    local_files: bool = True  # False when the list is not on disk beside its files

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def remember(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per document run, shared by every rule that asks for ``key``."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = compute()
            return value


Check = Callable[[Any, RuleContext], Iterable[Problem]]


@record
class Rule:
    """A rule's declaration: everything a user, the config, the fixer and the docs need."""

    name: str
    summary: str
    severity: str = "error"
    tags: Tuple[str, ...] = ()
    options: Tuple[Option, ...] = ()
    section: Optional[Section] = None  # a section shared with other rules, instead of options
    fix: Optional[str] = None  # None, "safe" or "opt-in"
    enabled: bool = True  # runs without being asked for
    online: bool = False  # reads data cached by `awesome-tools links`; runs with --online
    profile: Optional[str] = None  # runs when this profile is on (see profiles_on)
    docs: Optional[str] = None
    module: str = ""
    _check: Optional[Check] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.name}: severity {self.severity!r}")
        if self.fix not in (None, *FIXES):
            raise ValueError(f"rule {self.name}: fix must be None, 'safe' or 'opt-in'")
        if self.profile is not None and (self.profile not in PROFILES or self.enabled):
            raise ValueError(f"rule {self.name}: a profile rule names one of {PROFILES} and "
                             "is not enabled by itself")

    def check(self, function: Check) -> Check:
        """Decorator: the function that finds this rule's problems."""
        self._check = function
        self.module = function.__module__
        return function

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def on_by_default(self, config: Any, online: bool = False) -> bool:
        """Whether the rule runs without being named: enabled, or its profile is on; an
        online rule only with ``online``."""
        if self.online and not online:
            return False
        return self.enabled or (self.profile is not None and self.profile in profiles_on(config))

    def problems(self, doc: Any, ctx: RuleContext) -> Iterable[Problem]:
        if self._check is None:
            raise RuntimeError(f"rule {self.name} has no check function")
        if self.profile is not None and self.profile in _scopes(ctx.config) and \
                self.profile not in profiles_on(ctx.config, ctx.path):
            return ()  # the config limits this rule's profile to other files
        return self._check(doc, ctx)

    def resolve_options(self, config: Any) -> Mapping[str, Any]:
        """This rule's options: defaults, overridden by the config."""
        if self.section is not None:
            values = self.section.defaults()
            values.update(getattr(config, "sections", {}).get(self.section.name, {}))
            return values
        values = {option.name: option.default for option in self.options}
        values.update(getattr(config, "rule_options", {}).get(self.name, {}))
        return values


# --- the registry ---------------------------------------------------------------------------------

_REGISTRY: Dict[str, Rule] = {}


def _load() -> Dict[str, Rule]:
    if _REGISTRY:
        return _REGISTRY
    found: Dict[str, Rule] = {}
    for name in _rule_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        rules = [value for value in vars(module).values() if isinstance(value, Rule)]
        if not rules:
            raise RuntimeError(f"rules/{name}.py declares no Rule")
        for declared in rules:
            if declared.name in found and found[declared.name] is not declared:
                raise RuntimeError(f"rule name {declared.name} is declared twice")
            if declared._check is None:
                raise RuntimeError(f"rule {declared.name} ({name}.py) has no @check")
            found[declared.name] = declared
    _REGISTRY.update(sorted(found.items()))
    return _REGISTRY


def _rule_modules() -> List[str]:
    """The rule modules: this package's ``*.py`` files but the ``_helpers``. Listed from the
    directory: ``pkgutil.iter_modules`` imports ``inspect``, ~8 ms of an empty file's check."""
    return sorted(name[:-3] for name in os.listdir(os.path.dirname(__file__))
                  if name.endswith(".py") and not name.startswith("_"))


def all_rules() -> Dict[str, Rule]:
    """Every rule by name (a copy), importing the rule modules on first call."""
    return dict(_load())


def get(name: str) -> Optional[Rule]:
    return _load().get(name)


# --- config: `rules:` and the sections rules share ------------------------------------------------

def _rules_section_validate(value: Dict[str, Any], fail: Fail) -> Dict[str, Any]:
    """``rules: {name: severity | {severity: ..., option: value}}``."""
    registry = _load()
    result: Dict[str, Any] = {}
    for name, setting in value.items():
        key: KeyPath = ("rules", name)
        if not isinstance(name, str):
            raise fail(key, "rule names must be strings")
        declared = registry.get(name)
        if declared is None:
            raise fail(key, "unknown rule" + did_you_mean(name, registry))
        if isinstance(setting, dict):
            severity = setting.get("severity", "on")
            if "severity" in setting:
                if isinstance(setting["severity"], dict):
                    raise fail(key, "expected {severity: error|warning|note|off}")
                severity = severity_or_off(setting["severity"], key + ("severity",), fail)
            elif not declared.options and not setting:
                raise fail(key, "expected {severity: error|warning|note|off}")
            options = dict(check_options(declared.options, setting, key, fail,
                                         extra=("severity",)))
            result[name] = (declared.severity if severity == "on" else severity, options)
        else:
            severity = severity_or_off(setting, key, fail)
            result[name] = (declared.severity if severity == "on" else severity, {})
    return result


RULES_SECTION = Section("rules", help="rule name -> severity, or {severity, options}",
                        validate=_rules_section_validate)


def config_sections() -> Iterator[Section]:
    """The sections rules own: ``rules``, ``profiles`` and every section rules share."""
    yield RULES_SECTION
    yield PROFILES_SECTION
    seen: List[Section] = []
    for declared in _load().values():
        if declared.section is not None and all(declared.section is not s for s in seen):
            seen.append(declared.section)
            yield declared.section


# --- profiles: sets of conventions a list opts into ---------------------------------------------

# Profile name -> what a list that turns it on promises. `papers` has no rules of its own: it
# selects the paper shape of `entry-format`.
PROFILES = {
    "awesome": "the conventions of sindresorhus/awesome that awesome-lint enforces",
    "papers": "paper entries: a title, a venue tag and the paper's link first",
}


def _profiles_validate(value: Any, fail: Fail) -> Dict[str, Optional[Tuple[str, ...]]]:
    """``profiles: [awesome, papers]`` (every file checked with this config), or
    ``profiles: {awesome: [README.md]}`` (only the files those globs match)."""
    if isinstance(value, list):
        value = {name: None for name in value} if all(
            isinstance(name, str) for name in value) else value
        if isinstance(value, list):
            index = next(i for i, name in enumerate(value) if not isinstance(name, str))
            raise fail(("profiles", index), f"unknown profile {value[index]!r}; expected one "
                       f"of {', '.join(PROFILES)}")
    if not isinstance(value, dict):
        raise fail(("profiles",), f"expected a list of profiles ({', '.join(PROFILES)}) or a "
                   f"mapping of profile to files, got {kind_of(value)}")
    scopes: Dict[str, Optional[Tuple[str, ...]]] = {}
    for index, (name, files) in enumerate(value.items()):
        key: KeyPath = ("profiles", name if files is not None else index)
        if name not in PROFILES:
            raise fail(key, f"unknown profile {name!r}; expected one of {', '.join(PROFILES)}"
                       + did_you_mean(name, PROFILES))
        if files is not None and (not isinstance(files, list) or not files or not all(
                isinstance(glob, str) and glob for glob in files)):
            raise fail(key, f"expected a list of file names or globs, got {kind_of(files)}")
        scopes[name] = tuple(files) if files is not None else None
    return scopes


PROFILES_SECTION = Section("profiles", help="profiles turned on: awesome, papers",
                           validate=_profiles_validate, kind="any")


def _scopes(config: Any) -> Dict[str, Optional[Tuple[str, ...]]]:
    """Profile -> the globs it is limited to (None: every file), from the validated raw value."""
    value = (getattr(config, "data", None) or {}).get("profiles") or ()
    if isinstance(value, dict):
        return {name: tuple(files) if files is not None else None
                for name, files in value.items()}
    return {name: None for name in value}


def profiles_on(config: Any, path: Optional[Path] = None) -> Tuple[str, ...]:
    """The profiles the config turns on (``profiles:``), for the file at ``path`` when given:
    a profile limited to some files is on only for them (globs relative to the config's
    directory). The older ``entry-format.profile`` is not a profile: it picks the shape
    ``entry-format`` checks, and nothing else."""
    chosen = []
    for name, globs in _scopes(config).items():
        if globs is None or path is None or _matches(config, path, globs):
            chosen.append(name)
    return tuple(chosen)


def _matches(config: Any, path: Path, globs: Tuple[str, ...]) -> bool:
    import fnmatch

    base = getattr(config, "path", None)
    try:
        relative = Path(path).resolve().relative_to(Path(base).resolve().parent).as_posix() \
            if base is not None else Path(path).name
    except ValueError:
        return False  # a file outside the config's directory
    return any(fnmatch.fnmatchcase(relative, glob) for glob in globs)


def finding_from(problem: Problem, rule: Rule, path: str, severity: str) -> Finding:
    """The Finding a problem becomes once its rule, path and severity are known."""
    return Finding(path=path, line=problem.line, column=problem.column, rule=rule.name,
                   message=problem.message, severity=severity, suggestion=problem.suggestion,
                   related=(path, problem.related) if problem.related is not None else None,
                   fix=problem.fix)
