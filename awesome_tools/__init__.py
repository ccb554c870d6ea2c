"""awesome-tools: parse awesome lists into a model, find what is broken, fix what is safe."""

__version__ = "0.1.0"


def parse(text: str, path: str = "README.md"):
    """Parse Markdown text into a :class:`~awesome_tools.model.Document` (see document.py)."""
    from awesome_tools.model.parse import parse as _parse

    return _parse(text, path)
