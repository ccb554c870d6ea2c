"""``awesome-tools links``: check the list's external links over the network."""
from __future__ import annotations

from awesome_tools.linkcheck.command import run_links

__all__ = ["run_links"]
