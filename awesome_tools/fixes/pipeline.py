"""The fix pipeline: the same findings ``check`` reports, with their edits applied.

``fix`` never re-renders a file. It runs the fixable rules, applies their edits to the
source text, and repeats on the result until nothing changes (a TOC entry repaired in one
round may let another rule see straight in the next), at most a few rounds. The result then
passes the guard (:mod:`awesome_tools.fixes.guard`: nothing fixable left, nothing new
reported, the TOC's structure kept) or nothing is written. Then it writes atomically, keeping
the BOM, line endings, final newline and file mode, and refusing if the file changed on disk
meanwhile. ``--check`` and ``--diff`` write nothing.
"""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional,
                    Sequence, Tuple)

from awesome_tools.fixes import edits as edit_ops
from awesome_tools.fixes import linediff
from awesome_tools.fixes.linediff import Block, compose, edit_blocks
from awesome_tools.fixes.guard import guarded
from awesome_tools.config.schema import Option, Section, boolean
from awesome_tools.records import record
from awesome_tools.rules import RuleContext
from awesome_tools.runner import Selection, check_document, context_for, selected_rules

if TYPE_CHECKING:  # annotations only: textio is imported where a file is read
    from awesome_tools.textio import Source

MAX_ROUNDS = 5
# The `fix` section: what `fix` may do beyond the safe fixes of the rules that are on.
FIX_SECTION = Section("fix", (
    Option("canonical-urls", boolean, False, "let fix rewrite arXiv pdf/mirror links to abs"),
), help="what fix may do")
# Config keys of FIX_SECTION that ask for a rule's opt-in fix.
_OPT_IN_KEYS = {"canonical-urls": "canonical-url"}


def config_sections() -> Iterator[Section]:
    yield FIX_SECTION


@record(frozen=True)
class FixResult:
    path: Path
    original: str
    fixed: str
    applied: Counter[str]  # rule -> number of findings fixed
    # Line blocks where ``fixed`` differs (fixes.linediff); None: unknown, difflib matches.
    blocks: Optional[List[Block]] = None

    @property
    def changed(self) -> bool:
        return self.original != self.fixed


def opt_in_from_config(config: object) -> Tuple[str, ...]:
    """Opt-in fixes the config asks for (``fix: {canonical-urls: true}``)."""
    values = getattr(config, "sections", {}).get("fix", {})
    return tuple(rule for key, rule in _OPT_IN_KEYS.items() if values.get(key))


def fixable_rules(config: object, select: Sequence[str], ignore: Sequence[str],
                  opt_in: Sequence[str] = ()) -> Selection:
    """The rules whose fixes run: safe fixes of the rules that are on; opt-in fixes only when
    asked for (named in ``opt_in``, selected with ``--select``, or set in the config)."""
    from awesome_tools.rules import all_rules

    registry = all_rules()
    asked = set(opt_in) | set(opt_in_from_config(config))
    online = any(registry[name].online for name in asked if name in registry)
    configured = getattr(config, "rules", {}) or {}
    chosen = selected_rules(config, tuple(select), tuple(ignore), online=online)
    for name in sorted(asked):
        if name in registry and name not in ignore and (not select or name in select):
            chosen.setdefault(name, (registry[name], registry[name].severity))
    return {name: pair for name, pair in chosen.items() if pair[0].fix == "safe" or (
        pair[0].fix == "opt-in" and (name in asked or name in select or name in configured))}


def fix_text(text: str, ctx: RuleContext, rules: Selection, path: str = "README.md",
             rounds: int = MAX_ROUNDS) -> Tuple[str, Counter[str]]:
    """Apply the rules' fixes to ``text`` until it stops changing (at most ``rounds`` times)."""
    fixed, applied, _ = fix_text_blocks(text, ctx, rules, path, rounds)
    return fixed, applied


def fix_text_blocks(text: str, ctx: RuleContext, rules: Selection, path: str = "README.md",
                    rounds: int = MAX_ROUNDS) -> Tuple[str, Counter[str], List[Block]]:
    """:func:`fix_text`, and the line blocks where the result differs from ``text`` (what
    :func:`unified_diff` needs to stay linear)."""
    from awesome_tools.model.parse import parse

    applied: Counter[str] = Counter()
    blocks: List[Block] = []
    for _ in range(rounds):
        doc = parse(text, path)
        findings = [f for f in check_document(doc, ctx, rules).findings if f.fix]
        if not findings:
            break
        taken, _ = edit_ops.merge(edit for finding in findings for edit in finding.fix)
        fixed = edit_ops.apply(text, taken)
        if fixed == text:
            break
        applied.update(finding.rule for finding in findings)
        blocks = compose(blocks, edit_blocks(text, fixed, taken)) if blocks \
            else edit_blocks(text, fixed, taken)
        text = fixed
    return text, applied, blocks


def fix_path(path: Path, config_path: Optional[str], rules_for: Callable[[Any], Selection],
             config_cache: Dict[Path, object],
             link_cache: Optional[str] = None) -> Tuple[FixResult, Source]:
    from awesome_tools.textio import read_source

    source = read_source(path)
    ctx = context_for(path, config_path, config_cache, link_cache=link_cache)
    rules = rules_for(ctx.config)
    fixed, applied, blocks = fix_text_blocks(source.text, ctx, rules, str(path))
    guarded(source.text, fixed, list(applied), ctx, rules, str(path), fix_text)
    return FixResult(path, source.text, fixed, applied, blocks), source


def unified_diff(result: FixResult, name: str) -> str:
    """The change as a unified diff: from the fix's line blocks when known (linear), else
    difflib's matcher (super-linear on a large change)."""
    old, new = result.original.splitlines(True), result.fixed.splitlines(True)
    if result.blocks is not None:
        lines: Iterable[str] = linediff.unified_diff(old, new, result.blocks,
                                                     f"a/{name}", f"b/{name}")
    else:
        lines = difflib.unified_diff(old, new, fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
