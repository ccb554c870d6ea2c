"""Reading and writing list files without losing a byte the user wrote.

Files are decoded as UTF-8 (a BOM is remembered, not kept in the text); line endings are
left in the text as they are, so offsets in the model are offsets in the file.

Writing (:func:`write_atomic`) changes the file the user means and nothing else:

- A symlink is written through: its target is updated and the link stays a link. A target
  outside the repository (the nearest directory above the link holding ``.git``, else the
  link's own directory) is refused: a list from a pull request must not make ``fix`` rewrite
  a file elsewhere on the machine.
- The new text goes to a temporary file beside the target, which gets the target's owner,
  group, mode and extended attributes, and then replaces it atomically: a reader, or a run
  that is killed, sees the old file or the new one, never half of either.
- A file with several hard links, or one whose owner or group this process cannot give to a
  new file, is rewritten in place instead, so it keeps its inode, links and owner. A copy of
  the original is written and synced beside it first and removed afterwards; a failed write
  puts the original back.
- SIGINT, SIGTERM, SIGHUP and SIGQUIT are held while a file is being written and delivered
  right after, so an interrupted run removes its temporary file. Only SIGKILL (or a crash)
  can leave one: temporary files are named ``.NAME.awesome-tools-PID-XXXXXXXX.tmp``, and the
  next write of that file deletes those of processes that are gone. Nothing else is deleted.
  A copy of an original left by an interrupted in-place write (``...orig``) is never
  deleted: that file is refused until the user has looked at it.
- Every failure (read-only directory or file system, immutable file, full disk, ...) is an
  :class:`~awesome_tools.errors.InputError` of one line that says the file is unchanged.
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

from awesome_tools.errors import InputError
from awesome_tools.lazyre import lazy
from awesome_tools.records import record

BOM = "\ufeff"
TAG = "awesome-tools"
# Our temporary files and in-place copies: ".NAME.awesome-tools-PID-RANDOM.tmp|orig", where
# NAME is the file's name (at most NAME_KEEP characters of it) and RANDOM mkstemp's 8 letters.
NAME_KEEP = 100
_OURS = lazy(r"\.(?P<name>.+)\." + TAG + r"-(?P<pid>\d+)-[a-z0-9_]{8}\.(?P<kind>tmp|orig)")
_HELD = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")  # (signal is imported by writers only)


@record(frozen=True)
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
    """Read a list file, or raise InputError with one line that says what is wrong.

    Only regular files are read (through symlinks): a device or a pipe could block or
    never end.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a Markdown file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is not a regular file")
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


# --- writing ----------------------------------------------------------------------------------

def write_atomic(source: Source, text: str, root: Optional[Path] = None) -> None:
    """Replace the file's content with ``text``, keeping BOM, mode, owner, group, links and
    inode where it matters (see the module docstring); refuse if it changed on disk.

    ``root`` is the repository the file may not leave through a symlink (default: the
    nearest directory above ``source.path`` that holds ``.git``, else its directory).
    """
    path = source.path
    target = write_target(path, root)
    try:
        current = target.read_bytes()
        keep = target.stat()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if current != source.raw:
        raise InputError(f"{path}: changed on disk while awesome-tools ran; left untouched")
    copies = clean_leftovers(target, keep)
    if copies:
        raise InputError(f"{path}: {interrupted(copies[0])}")
    data = encode(source, text)
    try:
        if keep.st_nlink > 1:
            _write_in_place(target, data, current, keep)
        else:
            try:
                _write_replacing(target, data, keep)
            except _CannotKeep:
                _write_in_place(target, data, current, keep)
    except _Damaged as error:
        raise InputError(f"{path}: cannot write ({error.reason}); the original could not be "
                         f"put back: it is kept in {error.copy}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot write ({_reason(error)}); the file is unchanged") \
            from None


def write_target(path: Path, root: Optional[Path] = None) -> Path:
    """The regular file a write of ``path`` goes to: symlinks followed, kept inside ``root``."""
    link = Path(os.path.abspath(path))
    target = Path(os.path.realpath(link))
    base = Path(os.path.realpath(root if root is not None else _repository(link)))
    if target != base and base not in target.parents:
        raise InputError(f"{path}: is a link to {target}, outside the repository ({base}); "
                         "not written")
    try:
        info = target.stat()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is not a regular file; not written")
    return target


def _repository(path: Path) -> Path:
    """The nearest directory above ``path`` (not following a symlink ``path``) with ``.git``,
    else ``path``'s directory."""
    directory = path.parent
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


def replace_file(path: Path, data: bytes, mode: Optional[int] = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A reader (or a killed run) sees the old file or the new one, never half of either. The
    path itself is replaced (a symlink there becomes a file): for files awesome-tools owns,
    such as the link cache. OSError propagates; the temporary file never stays behind.
    """
    with _signals_held():
        fd, tmp = _temporary(path, "tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            _unlink_quietly(tmp)
            raise


class _CannotKeep(Exception):
    """A new file cannot get the original's owner, group or attributes: write in place."""


class _Damaged(Exception):
    def __init__(self, reason: str, copy: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.copy = copy


def _write_replacing(target: Path, data: bytes, keep: os.stat_result) -> None:
    with _signals_held():
        fd, tmp = _temporary(target, "tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                _copy_metadata(handle.fileno(), target, keep)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            _unlink_quietly(tmp)
            raise
        _sync_directory(target.parent)


def _copy_metadata(fd: int, target: Path, keep: os.stat_result) -> None:
    """Give the temporary file the target's owner, group, mode and extended attributes."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (keep.st_uid, keep.st_gid) and hasattr(os, "fchown"):
        try:
            os.fchown(fd, keep.st_uid, keep.st_gid)
        except PermissionError:
            raise _CannotKeep() from None
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(keep.st_mode))  # after chown, which clears set-id bits
    else:  # pragma: no cover - Windows before 3.13
        raise _CannotKeep()
    for name in _xattr_names(target):
        try:
            os.setxattr(fd, name, os.getxattr(target, name, follow_symlinks=False))
        except OSError:
            raise _CannotKeep() from None


def _xattr_names(target: Path) -> List[str]:
    if not hasattr(os, "listxattr"):
        return []
    try:
        return os.listxattr(target, follow_symlinks=False)
    except OSError:
        return []


def _write_in_place(target: Path, data: bytes, original: bytes, keep: os.stat_result) -> None:
    """Rewrite the target's own inode: a synced copy of the original first, then the data;
    on failure the original goes back (and the copy stays if even that fails)."""
    with _signals_held():
        fd, copy = _temporary(target, "orig")
        try:
            with os.fdopen(fd, "wb") as handle:
                try:
                    os.fchown(handle.fileno(), keep.st_uid, keep.st_gid)
                except (PermissionError, AttributeError):
                    pass  # the copy stays ours; it is only a copy
                if hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), stat.S_IMODE(keep.st_mode) & 0o666)
                handle.write(original)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            _unlink_quietly(copy)
            raise
        target_fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            try:
                _overwrite(target_fd, data)
            except OSError as error:
                try:
                    _overwrite(target_fd, original)
                except OSError:
                    raise _Damaged(_reason(error), os.path.basename(copy)) from None
                _unlink_quietly(copy)
                raise
        finally:
            os.close(target_fd)
        _unlink_quietly(copy)
        _sync_directory(target.parent)


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _temporary(target: Path, kind: str) -> tuple[int, str]:
    """(fd, path) of a new file beside ``target`` named as ours (see :data:`_OURS`)."""
    import tempfile  # here: only writing needs it, and check only reads (start-up)

    prefix = f".{target.name[:NAME_KEEP]}.{TAG}-{os.getpid()}-"
    return tempfile.mkstemp(prefix=prefix, suffix=f".{kind}", dir=target.parent)


def clean_leftovers(target: Path, keep: Optional[os.stat_result] = None) -> List[str]:
    """Delete temporary files an earlier, killed write of ``target`` left beside it.

    Only files named as ours for this very name, by a process that no longer runs, regular,
    with one link and owned by us or by the target's owner are deleted. Returns the names of
    original copies left by an interrupted in-place write (kept: they may be all that is
    left of the original).
    """
    name = target.name[:NAME_KEEP]
    prefix = f".{name}.{TAG}-"
    copies = []
    try:
        names = [entry for entry in os.listdir(target.parent) if entry.startswith(prefix)]
    except OSError:
        return []
    owners = {os.geteuid()} if hasattr(os, "geteuid") else set()
    if keep is not None:
        owners.add(keep.st_uid)
    for entry in sorted(names):
        match = _OURS.fullmatch(entry)
        if match is None or match.group("name") != name or _running(int(match.group("pid"))):
            continue
        leftover = target.parent / entry
        try:
            info = leftover.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or (
                owners and info.st_uid not in owners):
            continue
        if match.group("kind") == "orig":
            copies.append(entry)
        else:
            _unlink_quietly(str(leftover))
    return copies


def interrupted(copy: str) -> str:
    """What to say about a copy of an original left by an interrupted in-place write."""
    return (f"an earlier fix was interrupted while rewriting it in place; the original is "
            f"kept in {copy}: compare the two, keep the right one and delete the copy; "
            "left untouched")


def tidy(path: Path) -> Optional[str]:
    """Delete what a killed write of ``path`` left (see :func:`clean_leftovers`) when there is
    nothing to write to it this time; the name of a kept copy of an original, if any. Never
    raises."""
    try:
        target = write_target(path)
        copies = clean_leftovers(target, target.stat())
    except (InputError, OSError):
        return None
    return copies[0] if copies else None


def _running(pid: int) -> bool:
    """Whether a process with this id runs (another one than us: a leftover named with our own
    id comes from an earlier process, as ours are removed before we return)."""
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would send CTRL_C_EVENT there
        return True  # never delete on Windows: leftovers stay for the user
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (someone else's): leave its files alone
    return True


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold the usual termination signals while a file is being written; they are delivered
    as soon as it is complete (or its temporary file removed)."""
    import signal

    deferred = tuple(getattr(signal, name) for name in _HELD if hasattr(signal, name))
    if not deferred or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (best effort: not every system can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
