"""The rule registry: every rule is a small named unit ``check(doc, ctx) -> findings``.

Rules register themselves with :func:`rule` when their family module is imported;
:func:`all_rules` imports the families listed in ``FAMILIES`` once. A rule yields
:class:`~awesome_tools.findings.Finding` objects whose ``path`` and ``severity`` the runner
fills in, so rule code only says what is wrong and where.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Optional

from awesome_tools.findings import Finding

# Family modules, imported on first use. Add a module here to add its rules.
FAMILIES = (
    "anchors",
    "toc",
    "duplicates",
    "files",
    "links",
    "math",
    "venue",
    "entry_format",
    "canonical",
    "redirects",
    "titles",
)


@dataclass(frozen=True)
class Rule:
    name: str
    summary: str
    check: Callable[..., Iterable[Finding]]
    severity: str = "error"
    fixable: bool = False
    enabled: bool = True  # on by default
    online: bool = False  # needs data fetched by `awesome-tools links`


_REGISTRY: Dict[str, Rule] = {}
_loaded = False


def rule(name: str, summary: str, *, severity: str = "error", fixable: bool = False,
         enabled: bool = True, online: bool = False) -> Callable:
    """Register ``check(doc, ctx)`` under a stable kebab-case ``name``."""

    def register(check: Callable[..., Iterable[Finding]]) -> Callable:
        _REGISTRY[name] = Rule(name, summary, check, severity, fixable, enabled, online)
        return check

    return register


def all_rules() -> Dict[str, Rule]:
    """Every registered rule by name, importing the rule families on first call."""
    global _loaded
    if not _loaded:
        for family in FAMILIES:
            try:
                importlib.import_module(f"{__name__}.{family}")
            except ModuleNotFoundError as error:  # a family not written yet
                if error.name != f"{__name__}.{family}":
                    raise
        _loaded = True
    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> Optional[Rule]:
    return all_rules().get(name)


def finding(line: int, column: int, rule_name: str, message: str, **extra) -> Finding:
    """A finding without path and severity: the runner fills those in."""
    return Finding(path="", line=line, column=column, rule=rule_name, message=message, **extra)
