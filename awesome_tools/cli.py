"""Command line: parse arguments, call the library, turn its result into an exit code.

Nothing here knows how a rule works. Each command imports only the modules it needs, so
``awesome-tools check`` does not pay for ``requests`` or ``ruamel.yaml`` at start-up.
Exit codes: 0 clean, 1 findings (or changes with ``fix --check``), 2 usage or input error.
"""
from __future__ import annotations

import sys
from typing import Any, Callable, List, NoReturn, Optional, Sequence, Tuple

import click

from awesome_tools.errors import InputError

FORMATS = ("text", "pretty", "json", "github", "sarif")
COLOR_CHOICES = ("auto", "always", "never")  # formats/color.py, not imported: start-up


def _rule_names(values: Sequence[str]) -> Tuple[str, ...]:
    names: List[str] = []
    for value in values:
        names.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(names)


def _inputs(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads lists shares (see awesome_tools/inputs.py)."""
    function = click.option("--any-extension", is_flag=True,
                            help="Read files named explicitly whatever their extension "
                                 "(default: only .md, .markdown, .mdown, .mkd and README).")(
        function)
    return click.option("--stdin-name", metavar="NAME", default=None,
                        help="The name of the list read from - (standard input) in messages; "
                             "its config and relative files are looked up from there.")(
        function)


def _fail(error: InputError) -> None:
    from awesome_tools.formats.escape import visible

    # The message may quote a file name or a config key: control characters shown escaped.
    click.echo(visible(f"awesome-tools: error: {error}"), err=True)
    sys.exit(error.exit_code)


class _Group(click.Group):
    """A group whose every error is one line on stderr: 2 for usage and input errors."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True,
             **extra: Any) -> NoReturn:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "awesome-tools"
            click.echo(f"{where}: error: {error.format_message()} (see --help)", err=True)
            sys.exit(2)
        except click.ClickException as error:
            click.echo(f"awesome-tools: error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("awesome-tools: aborted", err=True)
            sys.exit(1)
        except InputError as error:
            _fail(error)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="awesome-tools", prog_name="awesome-tools")
def main() -> None:
    """Check and fix awesome lists: anchors, tables of contents, duplicates, files and links."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format (text is shown as pretty when colour is on).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules (comma-separated; repeatable).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: .awesome-tools.yaml or pyproject.toml, searched upward).")
@click.option("--online", is_flag=True,
              help="Also run rules that use data cached by `awesome-tools links` (title-mismatch).")
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour by severity: auto is on a terminal unless NO_COLOR is set (or "
                   "FORCE_COLOR is).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary line.")
@click.option("--statistics", is_flag=True,
              help="Also print how many findings each rule had (json, github, sarif: on "
                   "standard error).")
@click.option("--explain", metavar="RULE", default=None,
              help="Print the documentation of RULE (as `awesome-tools rules RULE`) and exit.")
@_inputs
def check(paths: Tuple[str, ...], fmt: str, select: Tuple[str, ...], ignore: Tuple[str, ...],
          config_path: Optional[str], online: bool, color: str, quiet: bool, statistics: bool,
          explain: Optional[str], stdin_name: Optional[str], any_extension: bool) -> None:
    """Check Markdown lists offline (default: README.md).

    PATHS are files, directories (the Markdown files below, honouring .gitignore), quoted
    globs ('docs/**/*.md'), - for standard input, or a list on GitHub
    (https://github.com/OWNER/REPO).

    \b
    Examples:
      awesome-tools check . --statistics
      cat list.md | awesome-tools check - --stdin-name list.md
      awesome-tools check https://github.com/OWNER/REPO

    The rules and their documentation: awesome-tools rules [RULE].
    """
    if explain is not None:
        from awesome_tools.commands.rules import run_rules

        sys.exit(run_rules(explain))
    from awesome_tools.commands.check import run_check

    sys.exit(run_check(paths or ("README.md",), fmt=fmt, select=_rule_names(select),
                       ignore=_rule_names(ignore), config_path=config_path, online=online,
                       color=color, quiet=quiet, statistics=statistics, stdin_name=stdin_name,
                       any_extension=any_extension))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when something would change.")
@click.option("--diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--canonical-urls", is_flag=True, default=None,
              help="Also rewrite arXiv pdf, versioned and mirror links to https://arxiv.org/abs/ID.")
@click.option("--update-redirects", is_flag=True,
              help="Also rewrite permanently redirected URLs (from the `links` cache).")
@click.option("--update-venues", is_flag=True,
              help="Also rewrite preprint tags of papers since published (from the `links` "
                   "cache).")
@click.option("--select", multiple=True, metavar="RULES", help="Only fix these rules.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not fix these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: searched upward).")
@click.option("--cache", "cache_path", type=click.Path(), default=None,
              help="Link cache to read from (with --update-redirects and --update-venues).")
@_inputs
def fix(paths: Tuple[str, ...], check_only: bool, diff: bool, canonical_urls: Optional[bool],
        update_redirects: bool, update_venues: bool, select: Tuple[str, ...],
        ignore: Tuple[str, ...], config_path: Optional[str], cache_path: Optional[str],
        stdin_name: Optional[str], any_extension: bool) -> None:
    """Apply safe fixes in place (default: README.md).

    PATHS are files, directories, quoted globs or - (standard input: the fixed text is
    written to standard output).

    \b
    Examples:
      awesome-tools fix --diff
      awesome-tools fix 'docs/**/*.md'
      awesome-tools fix - < README.md > fixed.md
    """
    from awesome_tools.commands.fix import run_fix

    # The flags name opt-in fixes; `--select RULE` asks for any opt-in fix by its name.
    opt_in = tuple(name for name, wanted in (("canonical-url", canonical_urls),
                                             ("redirected-url", update_redirects),
                                             ("venue-outdated", update_venues)) if wanted)
    sys.exit(run_fix(paths or ("README.md",), check_only=check_only, diff=diff, opt_in=opt_in,
                     select=_rule_names(select), ignore=_rule_names(ignore),
                     config_path=config_path, cache_path=cache_path, stdin_name=stdin_name,
                     any_extension=any_extension))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: searched upward).")
@_inputs
def toc(paths: Tuple[str, ...], config_path: Optional[str], stdin_name: Optional[str],
        any_extension: bool) -> None:
    """Print the table of contents that `fix` would write (default: README.md).

    \b
    Examples:
      awesome-tools toc
      awesome-tools toc docs/list.md
      cat README.md | awesome-tools toc -
    """
    from awesome_tools.commands.toc import run_toc

    sys.exit(run_toc(paths or ("README.md",), config_path=config_path, stdin_name=stdin_name,
                     any_extension=any_extension))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt",
              type=click.Choice(("text", "json", "github", "sarif", "markdown")),
              default="text", show_default=True, help="Output format.")
@click.option("--fail-on", default=None, metavar="VERDICTS",
              help="Verdicts that fail the run: comma-separated of dead, unknown, redirected, "
                   "or none  [default: links.fail-on, else dead].")
@click.option("--max-time", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Overall budget: links not checked by then are unknown; the report is "
                   "still written  [default: links.max-time, else none].")
@click.option("--cache", "cache_path", type=click.Path(), default=None,
              help="Cache file (default: .awesome-tools-cache/links.json).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--exclude", multiple=True, metavar="REGEX", help="Skip URLs matching REGEX.")
@click.option("--exclude-private", is_flag=True,
              help="Never connect to loopback, private, CGNAT or unique-local addresses "
                   "(link-local and metadata addresses never are).")
@click.option("--report-issue", is_flag=True,
              help="Open, update or close one GitHub issue with the report (GITHUB_TOKEN).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: searched upward).")
@_inputs
def links(paths: Tuple[str, ...], fmt: str, fail_on: Optional[str], max_time: Optional[float],
          cache_path: Optional[str], no_cache: bool, exclude: Tuple[str, ...],
          exclude_private: bool, report_issue: bool, config_path: Optional[str],
          stdin_name: Optional[str], any_extension: bool) -> None:
    """Check external links over the network (default: README.md).

    \b
    Examples:
      awesome-tools links . --format markdown
      awesome-tools links https://github.com/OWNER/REPO
      awesome-tools links --fail-on dead,redirected --max-time 600
    """
    from awesome_tools.commands.links import run_links

    sys.exit(run_links(paths or ("README.md",), fmt=fmt, fail_on=fail_on, cache_path=cache_path,
                       no_cache=no_cache, exclude=exclude, exclude_private=exclude_private,
                       report_issue=report_issue, config_path=config_path, max_time=max_time,
                       stdin_name=stdin_name, any_extension=any_extension))


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--list", "list_path", metavar="PATH", default=None,
              help="The list, relative to DIRECTORY (default: found: README.md, readme.md, "
                   "docs/list.md, ...).")
@click.option("--hooks-repo", metavar="URL", default=None,
              help="Repository the hooks and workflows install awesome-tools from "
                   "(default: from the package metadata).")
@click.option("--rev", metavar="REV", default=None,
              help="Tag or commit of that repository (default: the commit awesome-tools was "
                   "installed from, else v<version>).")
@click.option("--autofix", is_flag=True,
              help="Write the autofix workflow (fix, commit back, then check) instead of the "
                   "check workflow.")
@click.option("--use-action", is_flag=True,
              help="Workflows install awesome-tools with its GitHub Action (uses:) instead of "
                   "pip.")
def init(directory: str, list_path: Optional[str], hooks_repo: Optional[str],
         rev: Optional[str], autofix: bool, use_action: bool) -> None:
    """Add the pre-commit hooks, the GitHub workflows and a .gitignore line to a repository.

    \b
    Examples:
      awesome-tools init
      awesome-tools init --autofix
      awesome-tools init path/to/repo --list docs/list.md
    """
    from awesome_tools.commands.init import run_init

    sys.exit(run_init(directory, list_path=list_path, hooks_repo=hooks_repo, rev=rev,
                      autofix=autofix, use_action=use_action))


@main.command()
@click.argument("ident", metavar="ID_OR_URL")
@click.argument("path", default="README.md", type=click.Path(dir_okay=True))
@click.option("--section", default=None, metavar="PATH",
              help="Section to add to: a heading path ('Transformer > Survey') or '#anchor' "
                   "[default: the best match, asked on a terminal].")
@click.option("--code", default=None, metavar="URL", help="The paper's code repository.")
@click.option("--title", default=None, help="The title to write (instead of the record's).")
@click.option("--venue", default=None,
              help="Where the paper was published, such as 'CVPR 2021' (instead of the "
                   "record's).")
@click.option("--description", default=None,
              help="A description, where the list's entries have one.")
@click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: searched upward).")
@click.option("--cache", "cache_path", type=click.Path(), default=None,
              help="Link cache to read records from and keep them in (default: as links).")
def add(ident: str, path: str, section: Optional[str], code: Optional[str],
        title: Optional[str], venue: Optional[str], description: Optional[str], dry_run: bool,
        config_path: Optional[str], cache_path: Optional[str]) -> None:
    """Add a paper (arXiv id or URL, DOI, OpenReview or proceedings URL) to a list.

    \b
    Examples:
      awesome-tools add 1706.03762 --section 'Transformer > Survey'
      awesome-tools add https://openreview.net/forum?id=ID --dry-run
      awesome-tools add 10.1145/3072959.3073640 --title 'A Title' --venue 'CVPR 2021'
    """
    from awesome_tools.commands.add import run_add

    sys.exit(run_add(ident, path, section=section, code=code, title=title, venue=venue,
                     description=description, dry_run=dry_run, config_path=config_path,
                     cache_path=cache_path))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(("json", "csv", "bibtex")), default="json",
              show_default=True, help="Output format.")
@_inputs
def export(paths: Tuple[str, ...], fmt: str, stdin_name: Optional[str],
           any_extension: bool) -> None:
    """Print the list's entries as data (section, title, venue, year, links, line).

    \b
    Examples:
      awesome-tools export > entries.json
      awesome-tools export --format bibtex > papers.bib
      awesome-tools export docs --format csv
    """
    from awesome_tools.commands.export import run_export

    sys.exit(run_export(paths or ("README.md",), fmt=fmt, stdin_name=stdin_name,
                        any_extension=any_extension))


@main.command()
@click.argument("rule", required=False, default=None)
def rules(rule: Optional[str]) -> None:
    """List the rules, or print one rule's documentation with bad and good examples.

    \b
    Examples:
      awesome-tools rules
      awesome-tools rules broken-anchor
    """
    from awesome_tools.commands.rules import run_rules

    sys.exit(run_rules(rule))


def entry() -> None:
    """The process entry point (the ``awesome-tools`` script and ``python -m awesome_tools``).

    Once the command has finished and its output is flushed, the process ends with
    ``os._exit``: freeing a large list's model object by object at interpreter exit costs
    a twentieth of a ``check`` run and changes nothing (every file we write is written and
    closed by then; no command registers exit handlers). ``run`` keeps the normal exit.
    """
    from awesome_tools.__main__ import flush_and_exit

    flush_and_exit(run())


def run(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI in-process and return its exit code (tests call this; ``entry`` is the
    process's own entry point)."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="awesome-tools",
                  standalone_mode=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0
