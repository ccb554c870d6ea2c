"""The link checker: extract -> dedupe -> cache -> check politely -> report (see command.py).

Public helpers for other commands: :func:`cached_redirects` (``fix --update-redirects``) and
:func:`cached_arxiv_titles` (the title-mismatch rule), both reading the link cache only.
"""
from awesome_tools.linkcheck.cache import cached_arxiv_titles, cached_redirects

__all__ = ["cached_redirects", "cached_arxiv_titles"]
