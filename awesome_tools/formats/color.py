"""Colour on a terminal, by severity, and only where a person reads it.

The decision follows the conventions other tools share: ``--color always|never`` wins;
otherwise (``auto``) ``NO_COLOR`` (any non-empty value) turns colour off, ``FORCE_COLOR``
(non-empty, not ``0``) turns it on, and else colour is used when the stream is a terminal
whose ``TERM`` is not ``dumb``. Text that is not a terminal stays byte-identical to the plain
output. Only our own SGR sequences are added, around text already escaped by
:mod:`awesome_tools.formats.escape`: nothing from a list reaches the terminal raw.
"""
from __future__ import annotations

import os
from typing import Any, Mapping, Optional

COLOR_CHOICES = ("auto", "always", "never")
RESET = "\x1b[0m"
SEVERITY_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "note": "\x1b[36m"}
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
UNDERLINE = "\x1b[4m"
GREEN = "\x1b[32m"


def use_color(choice: str, stream: Any, environ: Optional[Mapping[str, str]] = None) -> bool:
    """Whether to colour what goes to ``stream`` (see the module docstring)."""
    env = os.environ if environ is None else environ
    if choice == "always":
        return True
    if choice == "never":
        return False
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force and force != "0":
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def paint(text: str, style: str) -> str:
    """``text`` wrapped in the SGR ``style`` and a reset (``style`` empty: unchanged)."""
    return f"{style}{text}{RESET}" if style and text else text


def severity_style(severity: str) -> str:
    return SEVERITY_COLORS.get(severity, SEVERITY_COLORS["error"])


__all__ = ["COLOR_CHOICES", "use_color", "paint", "severity_style", "BOLD", "DIM", "UNDERLINE",
           "GREEN"]
