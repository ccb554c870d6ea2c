"""The commands: each reads its inputs, calls the library, prints, and returns an exit code.

Only these modules write to stdout and stderr; ``awesome_tools.cli`` parses arguments and
calls them. Exit codes: 0 clean, 1 findings (or changes with ``fix --check``), 2 usage or
input error (and a rule that crashed).
"""
