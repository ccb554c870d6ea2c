"""``awesome-tools init``: add the pre-commit hooks and the GitHub workflows to a repository."""
from __future__ import annotations


def run_init(directory: str) -> int:
    from awesome_tools.scaffold import init_repository

    for line in init_repository(directory):
        print(line)
    return 0
