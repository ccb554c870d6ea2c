"""``awesome-tools toc``: print the table of contents ``fix`` would leave in a list."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from awesome_tools.fixes.pipeline import fix_text, fixable_rules
from awesome_tools.runner import context_for


def run_toc(path: str, *, config_path: Optional[str] = None) -> int:
    from awesome_tools.model.parse import parse
    from awesome_tools.rules import all_rules
    from awesome_tools.textio import read_source
    from awesome_tools.toc import align, write

    file_path = Path(path)
    source = read_source(file_path)
    ctx = context_for(file_path, config_path, {})
    toc_rules = tuple(name for name, rule in all_rules().items() if "toc" in rule.tags)
    rules = fixable_rules(ctx.config, toc_rules, ())
    fixed, _ = fix_text(source.text, ctx, rules, path)
    doc = parse(fixed, path)
    if doc.toc is None:
        settings = align.toc_settings(ctx)
        headings = align.headings_for_a_new_toc(doc, settings)
        print(f"{path}: no table of contents found; one for levels {settings.min_level or 2}-"
              f"{settings.max_level or 3} would read:", file=sys.stderr)
        sys.stdout.write(write.render_toc(doc, headings, write.Style(newline=write.newline_of(doc))))
        return 0
    sys.stdout.write(fixed[doc.toc.start:doc.toc.end])
    return 0
