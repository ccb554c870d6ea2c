"""``awesome-tools add``: a paper into a list, in the list's own form and order.

The library (:mod:`awesome_tools.adding`) finds the metadata and writes the entry; this module
reads the list and the config, picks the section (``--section``, else the best match: asked on
a terminal, required elsewhere), prints and writes. Exit codes: 0 added (or the diff shown
with ``--dry-run``), 1 the paper is already listed (nothing written), 2 a usage or input error
(a source that cannot be reached, an entry that would not be clean: nothing written).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from awesome_tools.errors import InputError

CHOICES = 5  # sections offered when asking


def run_add(ident: str, path: str = "README.md", *, section: Optional[str] = None,
            code: Optional[str] = None, title: Optional[str] = None,
            venue: Optional[str] = None, description: Optional[str] = None,
            dry_run: bool = False,
            config_path: Optional[str] = None, cache_path: Optional[str] = None,
            ask: Optional[Callable[[Sequence[Any]], Any]] = None) -> int:
    """Add the paper ``ident`` to the list at ``path``; returns the exit code."""
    from awesome_tools.adding import add_paper, listed_as
    from awesome_tools.adding.lookup import Lookup, identify, with_overrides
    from awesome_tools.adding.write import find_section
    from awesome_tools.fixes.pipeline import unified_diff, FixResult
    from awesome_tools.rules._venue import table_for_config
    from awesome_tools.runner import context_for, load_document
    from awesome_tools.textio import write_atomic

    wanted = identify(ident)
    file = Path(path)
    source, doc = load_document(file, path)
    ctx = context_for(file, config_path, {})
    table = table_for_config(ctx.config)
    early = _listed_by_url(doc, wanted)
    if early is not None:
        return _already(path, early)
    target = find_section(doc, section) if section else None
    cache, policy = _links(ctx.config, cache_path)
    lookup = Lookup(policy, cache, table)
    try:
        paper = with_overrides(lookup.paper(wanted), title=title, venue=venue, code=code,
                               table=table)
    finally:
        _save(cache)
    found = listed_as(doc, paper)
    if found is not None:
        return _already(path, found)
    if target is None:
        target = _choose(doc, paper.title, ask or _ask)
    from awesome_tools.adding.lookup import clean

    added = add_paper(doc, ctx, paper, target, table, clean(description or "", 500))
    if dry_run:
        from collections import Counter

        sys.stdout.write(unified_diff(FixResult(file, source.text, added.text, Counter()),
                                      path))
        return 0
    write_atomic(source, added.text)
    print(f"{path}: added '{_short(paper.title)}' under '{target.label}' (line {added.line})"
          + ("; table of contents updated" if added.toc_updated else ""))
    return 0


def _listed_by_url(doc: Any, wanted: Any) -> Any:
    from awesome_tools.urls import paper_key

    key = paper_key(wanted.url)
    if not key:
        return None
    for entry in doc.entries:
        for _, link in entry.links:
            if paper_key(link.url) == key:
                return entry
    return None


def _already(path: str, entry: Any) -> int:
    print(f"{path}:{entry.line}: already listed as '{_short(entry.title)}'; nothing written")
    return 1


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _links(config: Any, cache_path: Optional[str]) -> Any:
    """The link checker's cache and policy, as ``links`` builds them (the environment's API
    overrides included)."""
    from awesome_tools.links.cache import LinkCache
    from awesome_tools.links.policy import PolicyError, build_policy
    from awesome_tools.rules._titles import link_cache_path

    section = config.section("links")
    try:
        policy = build_policy(section, os.environ)
    except PolicyError as error:
        raise InputError(f"{error.key}: {error}") from None
    path = Path(cache_path) if cache_path else link_cache_path(config)
    cache = LinkCache(path).load()
    for warning in cache.warnings:
        print(f"awesome-tools: warning: {warning}", file=sys.stderr)
    return cache, policy


def _save(cache: Any) -> None:
    try:
        cache.save()
    except OSError as error:
        print(f"awesome-tools: warning: cannot write the link cache {cache.path}: "
              f"{error.strerror or error}", file=sys.stderr)


def _choose(doc: Any, title: str, ask: Callable[[Sequence[Any]], Any]) -> Any:
    from awesome_tools.adding.write import best_sections

    ranked = best_sections(doc, title)
    if not ranked:
        raise InputError("add: the list has no section with entries; give --section")
    return ask(ranked[:CHOICES])


def _ask(choices: Sequence[Any]) -> Any:
    """On a terminal, the user picks among the best sections; elsewhere --section is needed."""
    import click

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("add: --section is required when not run on a terminal (best match: "
                         f"'{choices[0].label}')")
    for number, choice in enumerate(choices, 1):
        click.echo(f"  {number}. {choice.label}")
    picked = click.prompt("Section", type=click.IntRange(1, len(choices)), default=1)
    return choices[picked - 1]
