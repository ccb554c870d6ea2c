"""``awesome-tools export``: a list's entries as data (JSON, CSV or BibTeX)."""
from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional, Sequence


def run_export(paths: Sequence[str], fmt: str = "json", *, stdin_name: Optional[str] = None,
               any_extension: bool = False) -> int:
    """Print the entries of the lists at ``paths`` (files, directories, globs or ``-``) in
    ``fmt``; 0 on success, 2 when an input was bad (the others are still exported).

    Several lists give one document: one JSON array, one CSV table (one header), BibTeX
    entries one after another. Each JSON object and CSV row then starts with ``file``, the
    list's name as given (``--stdin-name`` for ``-``), so every entry can be traced back to
    its list; one list's output keeps the shape it always had. Control characters from the
    list are shown as escapes in CSV and BibTeX, and written as ``\\u`` escapes in JSON
    (which decodes to the same text).
    """
    from awesome_tools.config import load_config
    from awesome_tools.errors import InputError
    from awesome_tools.export import export_text, records_of, to_csv, to_json
    from awesome_tools.formats.escape import json_safe, visible
    from awesome_tools.inputs import collect, load, report

    inputs = collect(paths, any_extension=any_extension, stdin_name=stdin_name)
    report(inputs.problems)
    failed = bool(inputs.problems)
    texts: List[str] = []
    records: List[Dict[str, Any]] = []
    merged = fmt in ("json", "csv") and len(inputs.items) > 1
    loaded = 0
    for item in inputs.items:
        try:
            _, doc = load(item)
        except InputError as error:
            report([str(error)])
            failed = True
            continue
        config = load_config(None, item.path.resolve().parent)
        loaded += 1
        if merged:
            records.extend({"file": item.name, **record} for record in records_of(doc, config))
        else:
            texts.append(export_text(doc, config, fmt))
    if loaded:
        text = (to_json(records) if fmt == "json" else to_csv(records)) if merged \
            else texts[0] if len(texts) == 1 \
            else "\n".join(text.rstrip("\n") + "\n" for text in texts if text.strip())
        sys.stdout.write(json_safe(text) if fmt == "json" else visible(text, keep_lines=True))
    return 2 if failed else 0

