"""Reading and writing list files without losing a byte the user wrote.

Files are decoded as UTF-8 (a BOM is remembered, not kept in the text); line endings are
left in the text as they are, so offsets in the model are offsets in the file. Writes go to a
temporary file in the same directory, keep the file mode and replace the original atomically.
"""
from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from awesome_tools.errors import InputError

BOM = "\ufeff"


@dataclass(frozen=True)
class Source:
    path: Path
    text: str  # decoded, without the BOM
    bom: bool
    raw: bytes

    @property
    def newline(self) -> str:
        """The file's dominant line ending, for text a fix inserts."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"


def read_source(path: Path) -> Source:
    """Read a list file, or raise InputError with one line that says what is wrong."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a Markdown file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return decode(path, raw)


def decode(path: Path, raw: bytes) -> Source:
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks like a binary file, not Markdown")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not valid UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r})"
        ) from None
    bom = text.startswith(BOM)
    return Source(path, text[1:] if bom else text, bom, raw)


def encode(source: Source, text: str) -> bytes:
    return ((BOM if source.bom else "") + text).encode("utf-8")


def write_atomic(source: Source, text: str) -> None:
    """Replace the file with ``text``, keeping BOM and mode; refuse if it changed on disk."""
    path = source.path
    try:
        current = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if current != source.raw:
        raise InputError(f"{path}: changed on disk while awesome-tools ran; left untouched")
    replace_file(path, encode(source, text), stat.S_IMODE(path.stat().st_mode))


def replace_file(path: Path, data: bytes, mode: Optional[int] = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A reader (or a killed run) sees the old file or the new one, never half of either.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
