"""The fix pipeline: the same findings ``check`` reports, with their edits applied.

``fix`` never re-renders a file. It runs the fixable rules, applies their edits to the
source text, and repeats on the result until nothing changes (a TOC entry repaired in one
round may let another rule see straight in the next), at most a few rounds. Then it writes
atomically, keeping the BOM, line endings, final newline and file mode, and refusing if the
file changed on disk meanwhile. ``--check`` and ``--diff`` write nothing.
"""
from __future__ import annotations

import difflib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

from awesome_tools.fixes import edits as edit_ops
from awesome_tools.runner import Context, check_document, context_for, selected_rules

MAX_ROUNDS = 5
# Fixes that change a URL's target rather than repair the list: only when asked for.
OPT_IN = ("canonical-url", "redirected-url")
TOC_RULES = ("toc-missing", "toc-extra", "toc-order", "toc-level", "toc-anchor", "broken-anchor")


@dataclass(frozen=True)
class FixResult:
    path: Path
    original: str
    fixed: str
    applied: Counter  # rule -> number of findings fixed

    @property
    def changed(self) -> bool:
        return self.original != self.fixed


def fixable_rules(config, select: Sequence[str], ignore: Sequence[str],
                  canonical_urls: bool, update_redirects: bool) -> Dict[str, Tuple[object, str]]:
    """The rules whose fixes run: fixable and enabled; the opt-in ones only when asked for
    (their flag, ``--select``, or a severity for them in the config)."""
    from awesome_tools.rules import all_rules

    registry = all_rules()
    asked = {"canonical-url": canonical_urls, "redirected-url": update_redirects}
    configured = getattr(config, "rules", {}) or {}
    chosen = selected_rules(config, tuple(select), tuple(ignore), online=update_redirects)
    for name, wanted in asked.items():
        if wanted and name in registry and name not in ignore and (not select or name in select):
            chosen.setdefault(name, (registry[name], registry[name].severity))
    return {name: pair for name, pair in chosen.items() if pair[0].fixable and (
        name not in OPT_IN or asked[name] or name in select or name in configured)}


def fix_text(text: str, ctx: Context, rules, path: str = "README.md",
             rounds: int = MAX_ROUNDS) -> Tuple[str, Counter]:
    """Apply the rules' fixes to ``text`` until it stops changing (at most ``rounds`` times)."""
    from awesome_tools.model.parse import parse

    applied: Counter = Counter()
    for _ in range(rounds):
        doc = parse(text, path)
        findings = [f for f in check_document(doc, ctx, rules) if f.fix]
        if not findings:
            break
        all_edits = [edit for finding in findings for edit in finding.fix]
        fixed = edit_ops.apply(text, all_edits)
        if fixed == text:
            break
        applied.update(finding.rule for finding in findings)
        text = fixed
    return text, applied


def fix_path(path: Path, config_path: Optional[str], rules_for, config_cache,
             link_cache: Optional[str] = None) -> Tuple[FixResult, object]:
    from awesome_tools.textio import read_source

    source = read_source(path)
    ctx = context_for(path, config_path, config_cache, link_cache=link_cache)
    fixed, applied = fix_text(source.text, ctx, rules_for(ctx.config), str(path))
    return FixResult(path, source.text, fixed, applied), source


def run_fix(paths: Sequence[str], *, check_only: bool = False, diff: bool = False,
            canonical_urls: Optional[bool] = None, update_redirects: bool = False,
            select: Sequence[str] = (), ignore: Sequence[str] = (),
            config_path: Optional[str] = None, cache_path: Optional[str] = None) -> int:
    """The ``fix`` command: 0 done (or nothing to do), 1 ``--check`` found changes, 2 error."""
    from awesome_tools.textio import write_atomic

    config_cache: Dict[Path, object] = {}

    def rules_for(config):
        canonical = canonical_urls if canonical_urls is not None else \
            bool(getattr(config, "canonical_urls", False))
        return fixable_rules(config, select, ignore, canonical, update_redirects)

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


def unified_diff(result: FixResult, name: str) -> str:
    lines = difflib.unified_diff(result.original.splitlines(True), result.fixed.splitlines(True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def run_toc(path: str, *, config_path: Optional[str] = None) -> int:
    """The ``toc`` command: print the table of contents ``fix`` would leave in ``path``."""
    from awesome_tools.toc import align as toc_module
    from awesome_tools.model.parse import parse
    from awesome_tools.textio import read_source

    file_path = Path(path)
    source = read_source(file_path)
    ctx = context_for(file_path, config_path, {})
    rules = fixable_rules(ctx.config, TOC_RULES, (), False, False)
    fixed, _ = fix_text(source.text, ctx, rules, path)
    doc = parse(fixed, path)
    if doc.toc is None:
        from awesome_tools.rules.toc import toc_settings

        settings = toc_settings(ctx)
        low = settings.min_level or 2
        high = settings.max_level or 3
        headings = [h for h in doc.headings if low <= h.level <= high]
        print(f"{path}: no table of contents found; one for levels {low}-{high} would read:",
              file=sys.stderr)
        sys.stdout.write(toc_module.render_toc(doc, headings, toc_module.Style()))
        return 0
    sys.stdout.write(fixed[doc.toc.start:doc.toc.end])
    return 0
