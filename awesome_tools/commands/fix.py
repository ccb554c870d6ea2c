"""``awesome-tools fix``: apply the safe fixes in place (or show them)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, Optional, Sequence

from awesome_tools.fixes.pipeline import fix_path, fixable_rules, unified_diff


def run_fix(paths: Sequence[str], *, check_only: bool = False, diff: bool = False,
            opt_in: Sequence[str] = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
            config_path: Optional[str] = None, cache_path: Optional[str] = None) -> int:
    """0 done (or nothing to do), 1 ``--check`` found changes, 2 error."""
    from awesome_tools.textio import write_atomic

    config_cache: Dict[Path, object] = {}

    def rules_for(config: object):
        return fixable_rules(config, select, ignore, opt_in)

    would_change = False
    for name in paths:
        result, source = fix_path(Path(name), config_path, rules_for, config_cache, cache_path)
        if not result.changed:
            continue
        would_change = True
        summary = ", ".join(f"{rule} {count}" for rule, count in sorted(result.applied.items()))
        if diff:
            sys.stdout.write(unified_diff(result, name))
        elif check_only:
            print(f"{name}: would fix ({summary})")
        else:
            write_atomic(source, result.fixed)
            print(f"{name}: fixed ({summary})")
    return 1 if check_only and would_change else 0
