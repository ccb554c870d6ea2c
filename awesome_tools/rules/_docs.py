"""The rules' documentation, rendered from the rules themselves.

Each rule's module docstring is its user documentation; the guide's rule reference (the
summary table and one section per rule) is generated from the registry, so a new rule is
documented by writing its own module. ``tests/test_docs.py`` fails when the guide is stale
and executes every Bad/Good example. Regenerate with::

    python -m awesome_tools.rules._docs docs/guide.md
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List

from awesome_tools.rules import Rule, all_rules

BEGIN = ("<!-- BEGIN rules: generated from awesome_tools/rules/*.py by "
         "`python -m awesome_tools.rules._docs docs/guide.md`; edit the rules, not this -->")
END = "<!-- END rules -->"


def fixed_by(rule: Rule) -> str:
    return {"safe": "yes", "opt-in": "yes (opt-in)", None: "no"}[rule.fix]


def on_by_default(rule: Rule) -> str:
    if rule.profile is not None:
        return f"no (on with the `{rule.profile}` profile)"
    if not rule.enabled:
        return "no"
    if rule.online:
        return "yes (with `--online`)"
    if rule.section is not None and rule.section.name == "entry-format":
        return "yes (with a profile)"
    return "yes"


def rule_section(rule: Rule) -> str:
    """``### name`` and the rule's own documentation."""
    return f"### {rule.name}\n\n{(rule.docs or rule.summary).strip()}\n"


def render(rules: Dict[str, Rule]) -> str:
    """The generated part of the guide: the table, then a section per rule."""
    rows = ["| Rule | What it finds | On by default | Fixed by `fix` | Severity |",
            "| --- | --- | --- | --- | --- |"]
    for name, rule in rules.items():
        rows.append(f"| [{name}](#{name}) | {rule.summary} | {on_by_default(rule)} | "
                    f"{fixed_by(rule)} | {rule.severity} |")
    sections = [rule_section(rule) for rule in rules.values()]
    return "\n".join([BEGIN, "", *rows, "", *sections, END])


def replace_in(text: str, generated: str) -> str:
    """``text`` with its generated region replaced (ValueError when it has none)."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + generated + text[end:]


def main(argv: List[str]) -> int:
    path = Path(argv[0]) if argv else Path("docs/guide.md")
    text = path.read_text(encoding="utf-8")
    updated = replace_in(text, render(all_rules()))
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: rule reference regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
