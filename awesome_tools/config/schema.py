"""The config schema as data: sections and options, contributed by the code that owns them.

Every key a user can write in ``.awesome-tools.yaml`` (or ``[tool.awesome-tools]``) is
declared once, next to the code that reads it: a rule declares its options on its
:class:`~awesome_tools.rules.Rule`; the TOC rules share the ``toc`` section; the fix pipeline
owns ``fix``; the link checker owns ``links`` and the venue tables own ``venues`` (those two
validate their free-form content with a function of their own). The loader asks every owner
listed in :data:`OWNERS` for its sections and validates the whole file at load, for every
command, so a typo in ``links:`` fails the pre-commit ``check`` hook today, not the weekly
link job next week.

A validator is a plain function ``(value, key, fail) -> value``: it returns the value to keep
(possibly normalised) or raises ``fail(key, message)``, which points at the file and line.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, Iterator, Optional, Sequence, Tuple, Union

from awesome_tools.records import field, record

KeyPath = Tuple[Union[str, int], ...]
Fail = Callable[[KeyPath, str], Exception]
Validator = Callable[[Any, KeyPath, Fail], Any]

SEVERITIES = ("error", "warning", "note")
LEVELS = SEVERITIES + ("off",)

# Modules that contribute sections (each has ``config_sections() -> Iterable[Section]``).
# Adding a rule never touches this list: rules contribute through the rule registry.
OWNERS = (
    "awesome_tools.rules",
    "awesome_tools.fixes.pipeline",
    "awesome_tools.links.policy",
    "awesome_tools.venues",
    "awesome_tools.inputs",
)


@record(frozen=True)
class Option:
    """One key: its name, how to validate it, its default and a line of help."""

    name: str
    validate: Validator
    default: Any = None
    help: str = ""


@record(frozen=True)
class Section:
    """A top-level key. ``options`` are checked key by key; ``validate`` (for free-form
    sections such as ``links``) checks the whole mapping instead. ``kind`` is ``mapping``, or
    ``any`` for a key whose value may also be a list (``profiles: [awesome]``), which
    ``validate`` checks."""

    name: str
    options: Tuple[Option, ...] = ()
    help: str = ""
    validate: Optional[Callable[[Any, Fail], Any]] = None
    kind: str = "mapping"

    def option(self, name: str) -> Optional[Option]:
        return next((option for option in self.options if option.name == name), None)

    def defaults(self) -> Dict[str, Any]:
        return {option.name: option.default for option in self.options}


@record(frozen=True)
class Schema:
    """All sections by name, gathered from the owners."""

    sections: Dict[str, Section] = field(default_factory=dict)

    @classmethod
    def collect(cls, owners: Sequence[str] = OWNERS) -> "Schema":
        import importlib

        sections: Dict[str, Section] = {}
        for owner in owners:
            module = importlib.import_module(owner)
            for section in module.config_sections():
                known = sections.get(section.name)
                if known is not None and known is not section:
                    raise RuntimeError(f"config section '{section.name}' is declared twice "
                                       f"({owner})")
                sections[section.name] = section
        return cls(sections)


# --- validators ---------------------------------------------------------------------------------

def kind_of(value: Any) -> str:
    """How a value reads in an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(word: Any, choices: Iterable[Any]) -> str:
    import difflib  # only when a config has a mistake

    close = difflib.get_close_matches(str(word), [str(choice) for choice in choices], n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def boolean(value: Any, key: KeyPath, fail: Fail) -> bool:
    if not isinstance(value, bool):
        raise fail(key, f"expected true or false, got {kind_of(value)}")
    return value


def strings(value: Any, key: KeyPath, fail: Fail) -> Tuple[str, ...]:
    if not isinstance(value, list):
        raise fail(key, f"expected a list of strings, got {kind_of(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise fail(key + (index,), f"expected a string, got {kind_of(item)}")
    return tuple(value)


def heading_level(value: Any, key: KeyPath, fail: Fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(key, f"expected a heading level 1..6, got {kind_of(value)}")
    if not 1 <= value <= 6:
        raise fail(key, f"heading level {value} is not in 1..6")
    return value


def choice(*choices: str) -> Validator:
    def validate(value: Any, key: KeyPath, fail: Fail) -> str:
        if value not in choices:
            raise fail(key, f"expected one of {', '.join(choices)}, got {value!r}"
                       + (did_you_mean(value, choices) if isinstance(value, str) else ""))
        return str(value)  # one of the choices: a str already
    return validate


def severity_or_off(value: Any, key: KeyPath, fail: Fail) -> str:
    """A severity word; ``on``/``true`` mean the rule's default, resolved by the caller."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "on" or word in LEVELS:
            return word
        raise fail(key, f"bad severity {value!r}; expected one of {', '.join(LEVELS)}, on, "
                   "true, false" + did_you_mean(word, LEVELS))
    raise fail(key, f"expected a severity ({', '.join(LEVELS)}), got {kind_of(value)}")


def check_options(options: Sequence[Option], value: Any, key: KeyPath, fail: Fail,
                  *, extra: Sequence[str] = ()) -> Iterator[Tuple[str, Any]]:
    """Validate a mapping against ``options`` (keys in ``extra`` are the caller's)."""
    if not isinstance(value, dict):
        raise fail(key, f"expected a mapping, got {kind_of(value)}")
    by_name = {option.name: option for option in options}
    for name, item in value.items():
        if name in extra:
            continue
        option = by_name.get(name)
        if option is None:
            raise fail(key + (name,), "unknown key"
                       + did_you_mean(name, [*by_name, *extra]))
        yield name, option.validate(item, key + (name,), fail)
