"""The link checker: extract -> dedupe -> cache -> check politely -> report.

Layout: :mod:`types` (verdicts, typed reasons, results, tasks), :mod:`policy` (every knob of
politeness, the ``links`` config section), :mod:`addresses` (which addresses may be
connected to), :mod:`http` (the only module that uses ``requests``), :mod:`context`,
:mod:`scheduler`, :mod:`tasks` (web pages), :mod:`walls` (bot walls), :mod:`hosts` (host
plugins with a source of truth: arXiv, GitHub, DOI, OpenReview, paperswithcode),
:mod:`extract` and :mod:`targets` (what to check), :mod:`cache`, :mod:`run` (the library
entry point, :func:`~awesome_tools.links.run.check_links`), :mod:`summary` (reports) and
:mod:`issue` (the one report issue). The library never prints; ``awesome-tools links``
(:mod:`awesome_tools.commands.links`) does.

Other commands read only the cache, without the network stack: :func:`cached_redirects`
(``fix --update-redirects``) and :func:`cached_arxiv_titles` (the title-mismatch rule).
"""
from awesome_tools.links.cache import cached_arxiv_titles, cached_redirects

__all__ = ["cached_redirects", "cached_arxiv_titles"]
