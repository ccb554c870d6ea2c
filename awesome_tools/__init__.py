"""awesome-tools: parse awesome lists into a model, find what is broken, fix what is safe."""

# Not `from typing import TYPE_CHECKING`: `import awesome_tools` does not import typing, and
# type checkers treat any constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from awesome_tools.model import Document

__version__ = "0.1.0"


def parse(text: str, path: str = "README.md") -> "Document":
    """Parse Markdown text into a :class:`~awesome_tools.model.Document` (see document.py)."""
    from awesome_tools.model.parse import parse as _parse

    return _parse(text, path)
