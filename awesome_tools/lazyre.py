"""Regexes compiled on first use, so that importing a module costs no regex compilation.

Every ``check`` imports every rule, and the rules import :mod:`awesome_tools.urls` and
:mod:`awesome_tools.venues` for their helpers; an empty file needs none of their patterns,
yet compiling them all at import was a sizeable part of the start-up time (issue 15).
:func:`lazy` returns a stand-in with the methods of :class:`re.Pattern`: the first attribute
read compiles the pattern and binds its methods on the stand-in, so later calls cost what a
compiled pattern's do.
"""
from __future__ import annotations

import re
from typing import Any, cast

_BOUND = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split",
          "pattern", "flags", "groups", "groupindex", "scanner")


class _Lazy:
    """A pattern's source until first use, then its compiled methods as attributes."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self._source, self._flags)
        for attribute in _BOUND:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy(source: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(source, flags)``, deferred to the first call (see the module docstring)."""
    return cast("re.Pattern[str]", _Lazy(source, flags))
