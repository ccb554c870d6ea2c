"""What `fix` writes, and what it never does (issue 12, items 9, 10 and 15).

Real files, real symlinks and hard links, real owners, a real immutable flag, a real full
file system (a small tmpfs), real processes killed with real signals. Probes that need root
(owners, chattr, mount) skip elsewhere. Each probe checks the exit code, that standard error
is one line and no traceback, that the original is intact when the write fails, and that no
temporary file is left beside the list.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROKEN = "# T\n\nSee [a](#A).\n\n## A\n"
FIXED = "# T\n\nSee [a](#a).\n\n## A\n"
HANG = 120

as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="needs root (owners, chattr, mount)")


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


# Root without the capabilities that let it ignore owners and permissions: it then writes
# like any user (the venv's interpreter may not be readable by another uid).
UNPRIVILEGED = ["setpriv", "--bounding-set", "-chown,-dac_override,-dac_read_search,-fowner",
                "--inh-caps", "-all"]


def fix(cwd: Path, *args: str, unprivileged: bool = False, prelude: str = "",
        check: bool = False) -> subprocess.CompletedProcess:
    """`awesome-tools fix ARGS` in a fresh process (without root's file capabilities when
    ``unprivileged``); ``prelude`` is Python run first there (to kill it at a chosen point)."""
    code = prelude + "\nimport sys\nfrom awesome_tools.cli import run\nsys.exit(run(sys.argv[1:]))"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    prefix: List[str] = []
    if unprivileged:
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv (util-linux) is needed to drop root's capabilities")
        prefix = UNPRIVILEGED
    done = subprocess.run([*prefix, sys.executable, "-c", code, "fix", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=HANG)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def one_line_error(done: subprocess.CompletedProcess, *needles: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("awesome-tools: error: "), done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def ours(directory: Path) -> List[str]:
    """Temporary files of ours left in ``directory``."""
    return sorted(name for name in os.listdir(directory) if ".awesome-tools-" in name)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- symlinks ---------------------------------------------------------------------------------

def test_a_symlink_is_written_through_and_stays_a_link(repo):
    (repo / "docs").mkdir()
    target = repo / "docs" / "list.md"
    target.write_text(BROKEN)
    (repo / "README.md").symlink_to("docs/list.md")
    done = fix(repo, "README.md", check=True)
    assert "README.md: fixed (broken-anchor 1)" in done.stdout
    assert (repo / "README.md").is_symlink()
    assert os.readlink(repo / "README.md") == "docs/list.md"
    assert target.read_text() == FIXED
    assert ours(repo) == ours(repo / "docs") == []


def test_a_chain_of_symlinks_reaches_the_file(repo):
    (repo / "list.md").write_text(BROKEN)
    (repo / "middle.md").symlink_to("list.md")
    (repo / "README.md").symlink_to("middle.md")
    fix(repo, "README.md", check=True)
    assert (repo / "README.md").is_symlink() and (repo / "middle.md").is_symlink()
    assert (repo / "list.md").read_text() == FIXED


def test_a_symlink_out_of_the_repository_is_refused(repo, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(BROKEN)
    (repo / "README.md").symlink_to(outside)
    line = one_line_error(fix(repo, "README.md"), "README.md: is a link to", "outside the "
                          "repository", "not written")
    assert str(outside) in line
    assert outside.read_text() == BROKEN
    assert (repo / "README.md").is_symlink()
    assert ours(repo) == ours(tmp_path) == []


def test_a_directory_symlink_out_of_the_repository_is_refused(repo, tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "list.md").write_text(BROKEN)
    (repo / "docs").symlink_to(tmp_path / "other")
    one_line_error(fix(repo, "docs/list.md"), "outside the repository")
    assert (tmp_path / "other" / "list.md").read_text() == BROKEN


# --- hard links, owner, group, mode -----------------------------------------------------------

def test_hard_links_keep_their_inode(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    twin = repo / "copy.md"
    os.link(readme, twin)
    inode = readme.stat().st_ino
    fix(repo, "README.md", check=True)
    assert readme.stat().st_ino == twin.stat().st_ino == inode
    assert readme.stat().st_nlink == 2
    assert twin.read_text() == FIXED
    assert ours(repo) == []


@as_root
@pytest.mark.parametrize("mode", [0o640, 0o2664, 0o604])
def test_owner_group_and_mode_survive_a_fix_run_as_root(repo, mode):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    os.chown(readme, 4321, 4322)
    os.chmod(readme, mode)
    fix(repo, "README.md", check=True)
    info = readme.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)  # not root:root
    assert info.st_mode & 0o7777 == mode
    assert readme.read_text() == FIXED


@as_root
def test_an_owner_this_user_cannot_give_is_kept_by_writing_in_place(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    os.chown(readme, 4321, 4322)
    os.chmod(readme, 0o666)  # writable by anyone, so by a process that may not chown
    inode = readme.stat().st_ino
    fix(repo, "README.md", unprivileged=True, check=True)
    info = readme.stat()
    assert (info.st_uid, info.st_gid, info.st_ino) == (4321, 4322, inode)
    assert readme.read_text() == FIXED
    assert ours(repo) == []


# --- write errors -----------------------------------------------------------------------------

@as_root
def test_an_immutable_file_is_one_line_and_left_intact(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    if subprocess.run(["chattr", "+i", str(readme)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i not supported here")
    try:
        one_line_error(fix(repo, "README.md"), "README.md: cannot write",
                       "the file is unchanged")
        assert readme.read_text() == BROKEN
        assert ours(repo) == []
    finally:
        subprocess.run(["chattr", "-i", str(readme)], check=True)


@as_root
def test_a_read_only_directory_is_one_line_and_left_intact(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    os.chmod(repo, 0o555)
    try:
        one_line_error(fix(repo, "README.md", unprivileged=True),
                       "cannot write (Permission denied)",
                       "the file is unchanged")
        assert readme.read_text() == BROKEN
        assert ours(repo) == []
    finally:
        os.chmod(repo, 0o755)


@pytest.fixture
def small_fs(tmp_path):
    """A 64 KiB tmpfs (root only), unmounted afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to mount a tmpfs")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        (mount / ".git").mkdir()
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _fill(directory: Path) -> None:
    """Fill the file system of ``directory`` to the last byte."""
    with open(directory / "filler", "wb", buffering=0) as handle:
        for size in (4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                pass


@pytest.mark.parametrize("linked", [False, True], ids=["replace", "in-place"])
def test_a_full_disk_is_one_line_and_left_intact(small_fs, linked):
    readme = small_fs / "README.md"
    original = BROKEN + "".join(f"- item {i}\n" for i in range(1500))
    readme.write_text(original)
    if linked:
        os.link(readme, small_fs / "twin.md")
    _fill(small_fs)
    one_line_error(fix(small_fs, "README.md"), "cannot write (No space left on device)",
                   "the file is unchanged")
    assert readme.read_text() == original
    assert ours(small_fs) == []


def test_a_full_disk_mid_way_through_an_in_place_write_puts_the_original_back(small_fs):
    page = os.statvfs(small_fs).f_frsize
    head = "# T\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n\n## B\n\n"
    original = head + "x" * (4 * page - len(head) - 4) + "\n"  # 4 pages; the fix adds a line
    readme = small_fs / "README.md"
    readme.write_text(original)
    os.link(readme, small_fs / "twin.md")
    free = os.statvfs(small_fs)
    with open(small_fs / "filler", "wb") as handle:  # room for the copy, not for the growth
        handle.write(b"\0" * ((free.f_bavail - 4) * page))
    assert os.statvfs(small_fs).f_bavail == 4
    one_line_error(fix(small_fs, "README.md"), "cannot write (No space left on device)",
                   "the file is unchanged")
    assert readme.read_text() == original == (small_fs / "twin.md").read_text()
    assert ours(small_fs) == []


@as_root
def test_a_read_only_file_system_is_one_line(small_fs):
    readme = small_fs / "README.md"
    readme.write_text(BROKEN)
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    try:
        one_line_error(fix(small_fs, "README.md"), "cannot write (Read-only file system)")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_fs)], check=True)
    assert readme.read_text() == BROKEN


@as_root
def test_one_unwritable_file_does_not_stop_the_others(repo):
    stuck, fine = repo / "stuck.md", repo / "fine.md"
    stuck.write_text(BROKEN)
    fine.write_text(BROKEN)
    if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i not supported here")
    try:
        done = fix(repo, "stuck.md", "fine.md")
        one_line_error(done, "stuck.md: cannot write")
        assert "fine.md: fixed" in done.stdout
        assert fine.read_text() == FIXED and stuck.read_text() == BROKEN
    finally:
        subprocess.run(["chattr", "-i", str(stuck)], check=True)


# --- killed while writing ---------------------------------------------------------------------

def _kill_at_fsync(sig: int, count: int = 1) -> str:
    """Python that sends ``sig`` to its own process at its ``count``-th fsync."""
    return textwrap.dedent(f"""
        import os, signal
        _real, _calls = os.fsync, []
        def _fsync(fd):
            _calls.append(fd)
            if len(_calls) == {count}:
                os.kill(os.getpid(), {int(sig)})
            return _real(fd)
        os.fsync = _fsync
    """)


def test_sigkill_mid_write_leaves_a_temporary_file_the_next_run_removes(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    done = fix(repo, "README.md", prelude=_kill_at_fsync(signal.SIGKILL))
    assert done.returncode == -signal.SIGKILL
    left = ours(repo)
    assert len(left) == 1 and left[0].startswith(".README.md.awesome-tools-")
    assert left[0].endswith(".tmp")
    assert readme.read_text() == BROKEN  # the old file, whole
    fix(repo, "README.md", check=True)
    assert ours(repo) == []
    assert readme.read_text() == FIXED


def test_a_leftover_goes_even_when_there_is_nothing_to_fix(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    fix(repo, "README.md", prelude=_kill_at_fsync(signal.SIGKILL))
    assert len(ours(repo)) == 1
    readme.write_text(FIXED)  # fixed by hand meanwhile
    done = fix(repo, "README.md", check=True)
    assert done.stdout == "" and ours(repo) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_termination_signal_mid_write_is_held_until_the_file_is_whole(repo, sig):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    done = fix(repo, "README.md", prelude=_kill_at_fsync(sig))
    assert done.returncode != 0  # the signal was delivered...
    assert readme.read_text() == FIXED  # ...after the file was complete
    assert ours(repo) == []


def test_only_our_own_dead_leftovers_are_deleted(repo, tmp_path):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    dead, alive = dead_pid(), os.getpid()
    keep = [
        f".README.md.awesome-tools-{alive}-abcdefgh.tmp",  # a run still going
        ".README.md.awesome-tools-notes.tmp",  # the user's, named alike
        f".OTHER.md.awesome-tools-{dead}-abcdefgh.tmp",  # another file's
        f".README.md.awesome-tools-{dead}-abcdefgh.tmp.bak",  # not exactly ours
    ]
    for name in keep:
        (repo / name).write_text("user data")
    (tmp_path / "target").write_text("user data")
    link = f".README.md.awesome-tools-{dead}-linkxxxx.tmp"
    (repo / link).symlink_to(tmp_path / "target")  # a link, not a file of ours
    gone = f".README.md.awesome-tools-{dead}-zyxwvuts.tmp"
    (repo / gone).write_text("half a list")
    fix(repo, "README.md", check=True)
    assert sorted(keep + [link]) == ours(repo)
    assert (tmp_path / "target").read_text() == "user data"
    assert readme.read_text() == FIXED


def test_an_interrupted_in_place_write_is_reported_and_its_copy_kept(repo):
    readme = repo / "README.md"
    readme.write_text(BROKEN)
    os.link(readme, repo / "twin.md")  # in place: the copy of the original is synced first
    done = fix(repo, "README.md", prelude=_kill_at_fsync(signal.SIGKILL, count=2))
    assert done.returncode == -signal.SIGKILL
    copies = [name for name in ours(repo) if name.endswith(".orig")]
    assert len(copies) == 1 and (repo / copies[0]).read_text() == BROKEN
    line = one_line_error(fix(repo, "README.md"), "interrupted", copies[0], "left untouched")
    assert "delete the copy" in line
    assert (repo / copies[0]).read_text() == BROKEN  # never deleted by us
    os.unlink(repo / copies[0])
    fix(repo, "README.md", check=True)
    assert readme.read_text() == FIXED == (repo / "twin.md").read_text()


def test_the_link_cache_writer_still_replaces_its_path(tmp_path):
    from awesome_tools.textio import replace_file

    target = tmp_path / "real.json"
    target.write_text("{}")
    cache = tmp_path / "links.json"
    cache.symlink_to(target)
    replace_file(cache, b'{"version": 1}')
    assert not cache.is_symlink() and cache.read_text() == '{"version": 1}'
    assert target.read_text() == "{}"
    assert ours(tmp_path) == []


def test_a_device_or_pipe_is_not_read(repo):
    fifo = repo / "pipe.md"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "awesome_tools", "check", "pipe.md"],
                          cwd=repo, capture_output=True, text=True, timeout=HANG,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    one_line_error(done, "pipe.md: is not a regular file")
    if os.path.exists("/dev/zero"):
        (repo / "zero.md").symlink_to("/dev/zero")
        done = fix(repo, "zero.md")
        one_line_error(done, "zero.md: is not a regular file")


