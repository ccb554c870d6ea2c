"""The process entry point: ``python -m awesome_tools`` and the ``awesome-tools`` script.

Start-up is a good part of a ``check`` run, and importing click alone costs about as much as
the interpreter does to start. So this module reads ``check``'s arguments itself when they
are plain (``check [PATHS] [--format F] [--select R] [--ignore R] [--config C] [--online]``,
each value in either ``--opt value`` or ``--opt=value`` form) and runs the command without
click. Everything else (other commands, ``--help``, ``--version``, ``--``, an unknown option, a
value click would refuse, a value that starts with ``-``) goes to the click CLI in ``cli.py``,
which defines the interface and prints every usage error. ``tests/test_cli_entry.py`` holds
both paths to the same output and exit code on each form the light path accepts.

Paths are passed to ``run_check`` as written: directories, globs and GitHub URLs are expanded
there (:mod:`awesome_tools.inputs`), so both paths read them alike; ``-`` and the newer
options (``--color``, ``--quiet``, ``--statistics``, ``--explain``, ``--stdin-name``,
``--any-extension``) start with ``-`` and so go to click (tests/test_cli_inputs.py).
"""
from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, NoReturn, Optional, Sequence, Tuple

FORMATS = ("text", "pretty", "json", "github", "sarif")  # cli.py's check --format choices
_VALUED = {"--format": "fmt", "--select": "select", "--ignore": "ignore",
           "--config": "config_path"}


def check_arguments(args: Sequence[str]) -> Optional[Dict[str, Any]]:
    """``check``'s keyword arguments for ``commands.check.run_check`` from ``args`` (what
    follows ``check``), exactly as the click definition gives them, or None when click
    should read them."""
    paths: List[str] = []
    values: Dict[str, Any] = {"fmt": "text", "select": [], "ignore": [], "config_path": None,
                    "online": False}
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--online":
            values["online"] = True
            continue
        if not arg.startswith("-"):
            if not _plain_path(arg, directory_ok=True):
                return None
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=")
        key = _VALUED.get(name)
        if key is None:
            return None
        if not equals:
            if index >= len(args):
                return None
            value = args[index]
            index += 1
        if not value or value.startswith("-"):
            return None
        if key in ("select", "ignore"):
            values[key].append(value)
        elif key == "fmt" and value not in FORMATS:
            return None
        elif key == "config_path" and not _plain_path(value, directory_ok=False):
            return None
        else:
            values[key] = value
    names = {key: _rule_names(values[key]) for key in ("select", "ignore")}
    return dict(values, **names, paths=tuple(paths) or ("README.md",))


def _plain_path(value: str, directory_ok: bool) -> bool:
    """Whether click's ``Path`` type (not required to exist, readable) takes ``value`` as is."""
    try:
        is_directory = os.path.isdir(value)
        exists = is_directory or os.path.exists(value)
    except (ValueError, OSError):
        return False
    if not exists:
        return True
    return (directory_ok or not is_directory) and os.access(value, os.R_OK)


def _rule_names(values: Sequence[str]) -> Tuple[str, ...]:
    names: List[str] = []
    for value in values:
        names.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(names)


def run_light(argv: Sequence[str]) -> Optional[int]:
    """Run ``check`` without click when its arguments are plain; None when they are not."""
    if not argv or argv[0] != "check":
        return None
    arguments = check_arguments(argv[1:])
    if arguments is None:
        return None
    from awesome_tools.commands.check import run_check
    from awesome_tools.errors import InputError

    paths = arguments.pop("paths")
    try:
        return run_check(paths, **arguments)
    except InputError as error:  # as cli._Group reports it
        from awesome_tools.formats.escape import visible

        # as cli._fail: a quoted file name or config key shows its control characters escaped
        sys.stderr.write(visible(f"awesome-tools: error: {error}") + "\n")
        return error.exit_code
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\nawesome-tools: aborted\n")
        return 1


def entry() -> None:
    """Run the command and end the process (see ``cli.entry``, which this falls back to)."""
    code = run_light(sys.argv[1:])
    if code is None:
        from awesome_tools.cli import entry as click_entry

        click_entry()
        return
    flush_and_exit(code)


def flush_and_exit(code: int) -> NoReturn:
    """Flush the output and end the process at once (``cli.entry`` ends the same way): a
    closed pipe makes a clean run exit 1, since nothing more can be said."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    entry()
