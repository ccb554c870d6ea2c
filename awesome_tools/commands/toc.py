"""``awesome-tools toc``: print the table of contents ``fix`` would leave in a list."""
from __future__ import annotations

import sys
from typing import Optional, Sequence

from awesome_tools.fixes.pipeline import fix_text, fixable_rules
from awesome_tools.inputs import Input
from awesome_tools.runner import context_for


def run_toc(paths: Sequence[str], *, config_path: Optional[str] = None,
            stdin_name: Optional[str] = None, any_extension: bool = False) -> int:
    """Print the TOC of each input (files, directories, globs or ``-``; a ``==> NAME <==``
    line before each when there are several); a bad input is one line and exit 2 at the
    end."""
    from awesome_tools.errors import InputError
    from awesome_tools.inputs import collect, report

    inputs = collect(paths, any_extension=any_extension, stdin_name=stdin_name,
                     config_path=config_path)
    report(inputs.problems)
    failed = bool(inputs.problems)
    several = len(inputs.items) + len(inputs.problems) > 1
    for number, item in enumerate(inputs.items):
        if several:
            from awesome_tools.formats.escape import visible

            sys.stdout.write(("\n" if number else "") + visible(f"==> {item.name} <==") + "\n")
        try:
            _print_toc(item, config_path)
        except InputError as error:
            report([str(error)])
            failed = True
    return 2 if failed else 0


def _print_toc(item: Input, config_path: Optional[str]) -> int:
    """Print one input's TOC; headings' control characters are shown as escapes."""
    from awesome_tools.formats.escape import visible
    from awesome_tools.model.parse import parse
    from awesome_tools.rules import all_rules
    from awesome_tools.inputs import load
    from awesome_tools.toc import align, write

    source, _ = load(item)
    file_path, path = item.path, item.name
    ctx = context_for(file_path, config_path, {})
    toc_rules = tuple(name for name, rule in all_rules().items() if "toc" in rule.tags)
    rules = fixable_rules(ctx.config, toc_rules, ())
    fixed, _ = fix_text(source.text, ctx, rules, path)
    doc = parse(fixed, path)
    if doc.toc is None:
        settings = align.toc_settings(ctx)
        headings = align.headings_for_a_new_toc(doc, settings)
        print(visible(f"{path}: no table of contents found; one for levels "
                      f"{settings.min_level or 2}-{settings.max_level or 3} would read:"),
              file=sys.stderr)
        sys.stdout.write(visible(write.render_toc(doc, headings,
                                                  write.Style(newline=write.newline_of(doc))),
                                 keep_lines=True))
        return 0
    sys.stdout.write(visible(fixed[doc.toc.start:doc.toc.end], keep_lines=True))
    return 0
