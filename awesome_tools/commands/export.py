"""``awesome-tools export``: a list's entries as data (JSON, CSV or BibTeX)."""
from __future__ import annotations

import sys
from pathlib import Path


def run_export(path: str, fmt: str = "json") -> int:
    """Print the entries of the list at ``path`` in ``fmt``; 0 on success (2 via InputError).

    Control characters from the list are shown as escapes in CSV and BibTeX, and written as
    ``\\u`` escapes in JSON (which decodes to the same text).
    """
    from awesome_tools.config import load_config
    from awesome_tools.export import export_text
    from awesome_tools.formats.escape import json_safe, visible
    from awesome_tools.runner import load_document

    file = Path(path)
    _, doc = load_document(file, path)
    config = load_config(None, file.resolve().parent)
    text = export_text(doc, config, fmt)
    sys.stdout.write(json_safe(text) if fmt == "json" else visible(text, keep_lines=True))
    return 0
