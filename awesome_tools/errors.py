"""Errors that end a command with exit code 2 and one line of text, never a traceback."""


class InputError(Exception):
    """Bad input or usage: a missing file, a directory, binary or non-UTF-8 data, bad config."""

    exit_code = 2


class ConfigError(InputError):
    """A config file that cannot be used; the message names the file, line and key."""
