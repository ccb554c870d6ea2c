"""Shared fixtures: the read-only corpus of real lists, the seed list, the no-internet guard.

The corpus lives outside the repository (``../shared/corpus`` beside the clone, as in CI) and
is never copied in, so tests that need it skip when it is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = TESTS / "fixtures" / "seed" / "README.md"


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


@pytest.fixture
def no_internet(monkeypatch):
    """Fail the test if it looked up any name but a 127.x address (see linkservers)."""
    from linkservers import forbid_internet

    attempts = forbid_internet(monkeypatch)
    yield
    assert attempts == [], f"tried to reach {attempts}"
