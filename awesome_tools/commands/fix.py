"""``awesome-tools fix``: apply the safe fixes in place (or show them)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, Optional, Sequence

from awesome_tools.errors import InputError
from awesome_tools.fixes.pipeline import fix_path, fixable_rules, unified_diff


def run_fix(paths: Sequence[str], *, check_only: bool = False, diff: bool = False,
            opt_in: Sequence[str] = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
            config_path: Optional[str] = None, cache_path: Optional[str] = None) -> int:
    """0 done (or nothing to do), 1 ``--check`` found changes, 2 error.

    A file that cannot be written (read-only, immutable, full disk, a link out of the
    repository) is reported on one line and left as it was; the other files are still fixed,
    and the exit code is 2. What is printed quotes the list (the diff) and the command line
    (file names) with control characters shown as escapes.
    """
    from awesome_tools.formats.escape import visible
    from awesome_tools.textio import interrupted, tidy, write_atomic

    config_cache: Dict[Path, object] = {}

    def rules_for(config: object):
        return fixable_rules(config, select, ignore, opt_in)

    would_change = failed = False
    for name in paths:
        result, source = fix_path(Path(name), config_path, rules_for, config_cache, cache_path)
        if not result.changed:
            if not (diff or check_only):
                copy = tidy(Path(name))  # what a killed run left beside it
                if copy:
                    print(visible(f"awesome-tools: error: {name}: {interrupted(copy)}"),
                          file=sys.stderr)
                    failed = True
            continue
        would_change = True
        summary = ", ".join(f"{rule} {count}" for rule, count in sorted(result.applied.items()))
        if diff:
            sys.stdout.write(visible(unified_diff(result, name), keep_lines=True))
        elif check_only:
            print(visible(f"{name}: would fix ({summary})"))
        else:
            try:
                write_atomic(source, result.fixed)
            except InputError as error:
                sys.stdout.flush()
                print(visible(f"awesome-tools: error: {error}"), file=sys.stderr)
                failed = True
                continue
            print(visible(f"{name}: fixed ({summary})"))
    if failed:
        return 2
    return 1 if check_only and would_change else 0
