"""``awesome-tools init``: add the pre-commit hooks, the GitHub workflows and the cache's
``.gitignore`` line to a list's repository."""
from __future__ import annotations

from typing import Optional


def run_init(directory: str, list_path: Optional[str] = None, hooks_repo: Optional[str] = None,
             rev: Optional[str] = None, autofix: bool = False, use_action: bool = False) -> int:
    from awesome_tools.scaffold import init_repository

    for line in init_repository(directory, hooks_repo=hooks_repo, rev=rev, list_path=list_path,
                                autofix=autofix, use_action=use_action):
        print(line)
    return 0
