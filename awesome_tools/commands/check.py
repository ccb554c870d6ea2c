"""``awesome-tools check``: findings of the offline rules, in the chosen format."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, Optional, Sequence

from awesome_tools.findings import Finding
from awesome_tools.runner import CheckResult, check_document, context_for, load_document, \
    selected_rules


def run_check(paths: Sequence[str], *, fmt: str = "text", select: Sequence[str] = (),
              ignore: Sequence[str] = (), config_path: Optional[str] = None,
              online: bool = False) -> int:
    """Print findings; return 0 clean, 1 findings, 2 when a rule crashed."""
    from awesome_tools.formats.escape import visible
    from awesome_tools.formats.findings import format_findings
    from awesome_tools.model.parse import gc_paused

    result = CheckResult()
    config_cache: Dict[Path, object] = {}
    for name in paths:
        path = Path(name)
        _, doc = load_document(path, name)
        ctx = context_for(path, config_path, config_cache, online=online)
        rules = selected_rules(ctx.config, select, ignore, online)
        with gc_paused():
            result.extend(check_document(doc, ctx, rules))
    result.findings.sort(key=Finding.sort_key)
    output = format_findings(result.findings, fmt, files_checked=len(paths))
    if output:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    for crash in result.crashes:
        print(visible(f"awesome-tools: error: {crash} (please report this)"), file=sys.stderr)
    if result.crashes:
        return 2
    return 1 if any(f.severity in ("error", "warning") for f in result.findings) else 0
