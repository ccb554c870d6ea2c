"""``awesome-tools rules``: the rules, and one rule's documentation (``check --explain``).

A finding names its rule; this is where a user looks it up without leaving the terminal.
The documentation printed is the rule's own module docstring, the text the guide's rule
reference is generated from: what the rule finds, why, and its bad and good examples.
"""
from __future__ import annotations

import sys
from typing import Optional


def run_rules(name: Optional[str] = None) -> int:
    """List every rule (``name`` None) or print one rule's docs; 2 for an unknown rule."""
    from awesome_tools.errors import InputError
    from awesome_tools.formats.escape import visible
    from awesome_tools.rules import all_rules

    rules = all_rules()
    if name is None:
        width = max(len(rule) for rule in rules)
        for rule_name in sorted(rules):
            rule = rules[rule_name]
            state = "on " if rule.enabled else ("profile " + rule.profile if rule.profile
                                                else "off")
            fix = {"safe": " fixable", "opt-in": " opt-in fix"}.get(rule.fix or "", "")
            sys.stdout.write(f"{rule_name:<{width}}  {rule.severity:<7}  {state}{fix}: "
                             f"{visible(rule.summary)}\n")
        sys.stdout.write("\nThe documentation of one rule: awesome-tools rules RULE\n")
        return 0
    explained = rules.get(name)
    if explained is None:
        import difflib

        close = next(iter(difflib.get_close_matches(name, list(rules), n=1)), None)
        raise InputError(f"unknown rule {name!r}" + (f" (did you mean {close}?)" if close
                                                     else "; see awesome-tools rules"))
    sys.stdout.write(f"{explained.name}: {visible(explained.summary)}\n\n")
    sys.stdout.write(visible((explained.docs or "").strip(), keep_lines=True) + "\n")
    return 0
