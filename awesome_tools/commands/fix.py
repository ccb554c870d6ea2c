"""``awesome-tools fix``: apply the safe fixes in place (or show them)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Sequence, Tuple

from awesome_tools.errors import InputError
from awesome_tools.fixes.pipeline import FixResult, fix_path, fixable_rules, unified_diff
from awesome_tools.textio import Source


def run_fix(paths: Sequence[str], *, check_only: bool = False, diff: bool = False,
            opt_in: Sequence[str] = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
            config_path: Optional[str] = None, cache_path: Optional[str] = None,
            stdin_name: Optional[str] = None, any_extension: bool = False) -> int:
    """0 done (or nothing to do), 1 ``--check`` found changes, 2 error.

    ``paths`` are files, directories, globs or ``-`` (see :mod:`awesome_tools.inputs`);
    ``-`` reads the list from standard input and writes the fixed text to standard output
    (byte for byte what ``fix`` would write to a file), or the diff or ``--check`` line.
    A path that names nothing usable, or a file that cannot be written (read-only,
    immutable, full disk, a link out of the repository) is reported on one line and left as
    it was; the other files are still fixed, and the exit code is 2. What is printed quotes
    the list (the diff) and the command line (file names) with control characters shown as
    escapes.
    """
    from awesome_tools.formats.escape import visible
    from awesome_tools.inputs import collect, report
    from awesome_tools.textio import interrupted, read_source, tidy, write_atomic

    config_cache: Dict[Path, object] = {}

    def rules_for(config: object) -> Any:
        return fixable_rules(config, select, ignore, opt_in)

    inputs = collect(paths, any_extension=any_extension, stdin_name=stdin_name,
                     config_path=config_path)
    report(inputs.problems)
    would_change = False
    failed = bool(inputs.problems)
    for item in inputs.items:
        name = item.name
        if item.text is None:
            try:
                read_source(item.path)  # a file that cannot be read: one line, go on
            except InputError as error:
                report([str(error)])
                failed = True
                continue
            result, source = fix_path(item.path, config_path, rules_for, config_cache,
                                      cache_path)
        else:
            result, source = _fix_stdin(item, config_path, rules_for, config_cache, cache_path)
        if item.text is not None and not (diff or check_only):
            from awesome_tools.textio import encode

            sys.stdout.flush()
            sys.stdout.buffer.write(encode(source, result.fixed))
            sys.stdout.flush()
            would_change = would_change or result.changed
            continue
        if not result.changed:
            if not (diff or check_only):
                copy = tidy(item.path)  # what a killed run left beside it
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


def _fix_stdin(item: Any, config_path: Optional[str], rules_for: Callable[[object], Any],
               config_cache: Dict[Path, object],
               cache_path: Optional[str]) -> Tuple[FixResult, Source]:
    """As ``fix_path``, for text read from standard input (nothing is written to disk)."""
    from awesome_tools.fixes.guard import guarded
    from awesome_tools.fixes.pipeline import fix_text, fix_text_blocks
    from awesome_tools.runner import context_for
    from awesome_tools.textio import decode

    source = decode(item.path, item.raw if item.raw is not None else item.text.encode())
    ctx = context_for(item.path, config_path, config_cache, link_cache=cache_path)
    rules = rules_for(ctx.config)
    fixed, applied, blocks = fix_text_blocks(source.text, ctx, rules, item.name)
    guarded(source.text, fixed, list(applied), ctx, rules, item.name, fix_text)
    return FixResult(item.path, source.text, fixed, applied, blocks), source
