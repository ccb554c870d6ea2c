"""``awesome-tools check``: findings of the offline rules, in the chosen format."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, Optional, Sequence

from awesome_tools.findings import Finding
from awesome_tools.inputs import Input
from awesome_tools.runner import CheckResult, Selection, check_document, context_for, \
    selected_rules


def run_check(paths: Sequence[str], *, fmt: str = "text", select: Sequence[str] = (),
              ignore: Sequence[str] = (), config_path: Optional[str] = None,
              online: bool = False, color: str = "auto", quiet: bool = False,
              statistics: bool = False, stdin_name: Optional[str] = None,
              any_extension: bool = False) -> int:
    """Print findings; return 0 clean, 1 findings, 2 when an input was bad or a rule crashed.

    ``paths`` are files, directories, globs or ``-`` (see :mod:`awesome_tools.inputs`). A bad
    one is reported on one line and the others are still checked; the exit code is then 2.
    With a data format (json, github, sarif), ``statistics`` goes to standard error so that
    standard output stays valid data; ``quiet`` drops the summary, which only the formats a
    person reads (text, pretty) have.
    """
    from awesome_tools.errors import InputError
    from awesome_tools.formats.color import use_color
    from awesome_tools.formats.escape import visible
    from awesome_tools.formats.findings import PERSON_FORMATS, format_findings, \
        rule_statistics
    from awesome_tools.inputs import collect, load, report
    from awesome_tools.model.parse import gc_paused

    inputs = collect(paths, any_extension=any_extension, stdin_name=stdin_name,
                     config_path=config_path, remote=True)
    report(inputs.problems)
    failed = bool(inputs.problems)
    result = CheckResult()
    config_cache: Dict[Path, object] = {}
    checked = 0
    for item in inputs.items:
        try:
            _, doc = load(item)
        except InputError as error:
            report([str(error)])
            failed = True
            continue
        if item.remote:
            remote_config(item, config_path, config_cache)
        ctx = context_for(item.path, config_path, config_cache, online=online)
        rules = selected_rules(ctx.config, select, ignore, online)
        if item.remote:
            rules = without_local_rules(item, rules)
        with gc_paused():
            result.extend(check_document(doc, ctx, rules))
        checked += 1
    if not checked and failed:
        return 2
    result.findings.sort(key=Finding.sort_key)
    person = fmt in PERSON_FORMATS
    output = format_findings(result.findings, fmt, files_checked=checked,
                             color=person and use_color(color, sys.stdout), quiet=quiet,
                             statistics=statistics and person)
    if output:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    if statistics and not person and result.findings:
        lines = rule_statistics(result.findings, color=use_color(color, sys.stderr))
        sys.stderr.write("\n".join(lines) + "\n")
    for crash in result.crashes:
        print(visible(f"awesome-tools: error: {crash} (please report this)"), file=sys.stderr)
    if result.crashes or failed:
        return 2
    return 1 if any(f.severity in ("error", "warning") for f in result.findings) else 0


LOCAL_TAGS = frozenset({"files", "repository"})  # rules that read the repository's other files


def remote_config(item: Input, config_path: Optional[str],
                  config_cache: Dict[Path, object]) -> None:
    """A remote list is checked with ``--config`` if given, else the defaults: never with the
    config of the directory the command runs in, which belongs to another repository."""
    from awesome_tools.config import Config, load_config

    key = item.path.resolve().parent
    if key not in config_cache:
        config_cache[key] = load_config(config_path, Path.cwd()) if config_path else Config()


def without_local_rules(item: Input, rules: Selection) -> Selection:
    """The rules that do not read files beside the list (its tree is not here), and a note
    on standard error naming the ones left out."""
    from awesome_tools.formats.escape import visible

    kept = {name: chosen for name, chosen in rules.items()
            if not LOCAL_TAGS & set(chosen[0].tags)}
    skipped = sorted(set(rules) - set(kept))
    if skipped:
        sys.stderr.write(visible(f"awesome-tools: note: {item.name}: skipped the rules that "
                                 f"read the repository's files ({', '.join(skipped)}): its "
                                 "tree is not local") + "\n")
    return kept
