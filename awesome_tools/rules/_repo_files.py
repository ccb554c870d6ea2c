"""Files of the list's repository that the awesome profile looks for (CONTRIBUTING, LICENSE).

A name matches ignoring case and extension (`CONTRIBUTING.md`, `contributing.rst`,
`LICENSE`, `License.txt`); the places are the repository root, the list's own directory,
`.github/` and `docs/` of the root, as GitHub itself looks for them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, List, Optional

from awesome_tools.rules import RuleContext


def find(ctx: RuleContext, stems: Iterable[str]) -> List[Path]:
    """Files whose name without extension is one of ``stems`` (lower case)."""
    wanted = {stem.lower() for stem in stems}
    places = []
    for directory in (ctx.root, ctx.base_dir, ctx.root / ".github", ctx.root / "docs"):
        if directory not in places:
            places.append(directory)
    found = []
    for directory in places:
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in sorted(names):
            stem = name.split(".", 1)[0].lower()
            path = directory / name
            if stem in wanted and path.is_file():
                found.append(path)
    return found


def is_empty(path: Path) -> Optional[bool]:
    """Whether a file holds nothing but whitespace (None when it cannot be read)."""
    try:
        return not path.read_bytes().strip()
    except OSError:
        return None
