"""Table-of-contents rules: the TOC against the headings it should list.

- ``toc-missing``: a heading in the TOC's level range that the TOC does not list.
- ``toc-extra``: a TOC entry for no expected heading (removed or renamed section).
- ``toc-order``: an entry listed at a different place than its heading.
- ``toc-level``: an entry nested deeper or shallower than its heading's level.
- ``toc-anchor``: an entry whose link points at another heading than the one it lists
  (for example the first of two same-named headings instead of ``-1``).

All five share one alignment (:func:`awesome_tools.toc.align.align`) and their fixes are line
edits in the TOC's own style.
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.findings import Finding
from awesome_tools.model import Document
from awesome_tools.toc import align as toc_module
from awesome_tools.rules import finding, rule


def toc_settings(ctx) -> toc_module.Settings:
    config = getattr(ctx, "config", None)
    return toc_module.Settings(
        getattr(config, "toc_min_level", None), getattr(config, "toc_max_level", None),
        tuple(getattr(config, "toc_exclude", ()) or ()),
    )


def _plan(doc: Document, ctx):
    return toc_module.plan_for(doc, toc_settings(ctx))


@rule("toc-missing", "A heading the table of contents should list is missing from it.",
      fixable=True)
def toc_missing(doc: Document, ctx) -> Iterator[Finding]:
    plan = _plan(doc, ctx)
    if plan is None:
        return
    style = toc_module.detect_style(doc)
    if not plan.toc.entries and plan.missing:
        # An empty marker block: write the whole TOC at once, nested as the headings are.
        yield finding(plan.toc.line, 1, "toc-missing",
                      f"the table of contents is empty; {len(plan.missing)} headings belong "
                      f"in it", fix=(toc_module.fill_edit(doc, plan, style),))
        return
    for heading in plan.missing:
        edit = toc_module.insert_edit(doc, plan, heading, style)
        yield finding(heading.line, heading.column, "toc-missing",
                      f"heading '{heading.text}' (#{heading.anchor}) is missing from the table "
                      f"of contents (line {plan.toc.line})", fix=(edit,))


@rule("toc-extra", "A table-of-contents entry lists no heading of this document.",
      fixable=True)
def toc_extra(doc: Document, ctx) -> Iterator[Finding]:
    plan = _plan(doc, ctx)
    if plan is None:
        return
    listed = {h.anchor: (e, h) for e, h, _ in plan.pairs}
    for entry in plan.extra:
        again = listed.get(toc_module.normalize_fragment(entry.fragment))
        if again is not None:
            why = (f"links to heading '{again[1].text}' (line {again[1].line}), which the table "
                   f"of contents already lists at line {again[0].line}")
        else:
            why = "lists no heading of this document (section removed or renamed?)"
        yield finding(entry.line, entry.column, "toc-extra",
                      f"table-of-contents entry '{entry.text}' {why}",
                      fix=(toc_module.delete_edit(doc, entry),))


@rule("toc-order", "A table-of-contents entry is not where its heading is.", fixable=True)
def toc_order(doc: Document, ctx) -> Iterator[Finding]:
    plan = _plan(doc, ctx)
    if plan is None:
        return
    style = toc_module.detect_style(doc)
    for entry, heading in plan.moved:
        edits = (toc_module.delete_edit(doc, entry),
                 toc_module.insert_edit(doc, plan, heading, style))
        yield finding(entry.line, entry.column, "toc-order",
                      f"table-of-contents entry '{entry.text}' is out of order: heading "
                      f"'{heading.text}' is at line {heading.line}", fix=edits)


@rule("toc-level", "A table-of-contents entry is nested unlike the other entries of its level.",
      fixable=True)
def toc_level(doc: Document, ctx) -> Iterator[Finding]:
    """Compare each entry's depth with the depth its peers of the same heading level use.

    TOCs legitimately flatten (an H1 beside its H2s, all levels at one depth) or skip levels,
    so the only reliable mistake is an entry nested differently from the majority.
    """
    plan = _plan(doc, ctx)
    if plan is None:
        return
    usual = toc_module.usual_depths(plan)
    above = {id(e): (plan.toc.entries[i - 1] if i else None)
             for i, e in enumerate(plan.toc.entries)}
    for entry, heading, _weight in plan.pairs:
        depth, example = usual.get(heading.level, (entry.depth, None))
        if entry.depth == depth or example is None:
            continue
        previous = above[id(entry)]
        if depth > (previous.depth + 1 if previous is not None else 0):
            continue  # it cannot nest there (first line, or two levels below the line above)
        edit = toc_module.reindent_edit(doc, entry, example)
        yield finding(entry.line, entry.column, "toc-level",
                      f"table-of-contents entry '{entry.text}' is nested at depth "
                      f"{entry.depth + 1}, but the other level-{heading.level} headings are at "
                      f"depth {depth + 1}", fix=(edit,) if edit else ())


@rule("toc-anchor", "A table-of-contents entry links to another heading than the one it lists.",
      fixable=True)
def toc_anchor(doc: Document, ctx) -> Iterator[Finding]:
    plan = _plan(doc, ctx)
    if plan is None:
        return
    anchors = {toc_module.normalize_fragment(h.anchor): h for h in doc.headings}
    for entry, heading, weight in plan.pairs:
        if weight == toc_module.EXACT:
            continue
        target = anchors.get(toc_module.normalize_fragment(entry.fragment))
        if target is None or target is heading:
            continue  # a fragment that resolves nowhere is broken-anchor's to report
        edit = toc_module.fragment_edit(entry, heading.anchor)
        yield finding(entry.line, entry.column, "toc-anchor",
                      f"table-of-contents entry '{entry.text}' links to #{entry.fragment} "
                      f"(heading at line {target.line}) but lists heading '{heading.text}' "
                      f"at line {heading.line}: link #{heading.anchor}",
                      suggestion=f"#{heading.anchor}", fix=(edit,) if edit else ())
