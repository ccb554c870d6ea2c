"""Shared fixtures: the read-only corpus of real lists, the seed list, the network guard.

The corpus lives outside the repository (``../shared/corpus`` beside the clone, as in CI) and
is never copied in, so tests that need it skip when it is absent.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI (.ci/run) sets AWESOME_TOOLS_HYPOTHESIS=ci: the property tests draw the same examples on
# every run, so a landing is never refused by a case one run happened to draw; exploring
# afresh is for local runs (the default profile) and bench/fuzz_bench.py. A failure found
# there is kept as an @example or a unit test.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("AWESOME_TOOLS_HYPOTHESIS"):
    settings.load_profile(os.environ["AWESOME_TOOLS_HYPOTHESIS"])

TESTS = Path(__file__).resolve().parent
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = TESTS / "fixtures" / "seed" / "README.md"
LABELS = TESTS / "labels"


@functools.lru_cache(maxsize=None)
def label_data(path: Path) -> Any:
    """A label file of tests/labels/ (ruamel's safe loader), read once per test session.

    Why: the label files hold 1.5 MB of YAML that ruamel reads in pure Python; two test
    modules read every file twice each, and those reads were most of their time. Callers
    share the object: read it, never change it.
    """
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus directory (lists/, reference/); skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed list exactly as written (bytes decoded, line endings untouched)."""
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture
def seed_file(tmp_path, seed_text) -> Path:
    """A writable copy of the seed list as ``README.md`` in a temporary directory."""
    path = tmp_path / "README.md"
    path.write_bytes(seed_text.encode("utf-8"))
    return path


@pytest.fixture(autouse=True)
def network_guard(monkeypatch):
    """Every test: connections to anything but 127.0.0.0/8 (and ::1) are refused and
    recorded, and so are name lookups of anything but addresses and ``localhost`` (a DNS
    query leaves the machine); a test that tried fails loudly at teardown, even when the
    code under test swallowed the error (the link checker turns it into a verdict).
    Subprocesses are not covered: tests that run the CLI as a process point it at loopback.
    """
    from linkservers import guard_network

    attempts = guard_network(monkeypatch)
    yield attempts
    if attempts:
        pytest.fail(f"the test tried to reach the network outside 127.0.0.0/8: {attempts}",
                    pytrace=False)


@pytest.fixture
def no_internet(network_guard):
    """Kept for the tests that name it: the autouse ``network_guard`` does the work."""
    return network_guard
