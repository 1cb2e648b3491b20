"""Files: slugs for names, atomic writes that keep the replaced file's mode and a `.bak`, and a lock that
serialises writers of one file. Only regular files are ever replaced."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from prp_agent.errors import InputError, OutputExistsError

__all__ = [
    "atomic_write",
    "check_replaceable",
    "check_writable_dir",
    "commit_staged",
    "file_lock",
    "open_private",
    "read_capped",
    "slug_for",
    "stage",
]


def state_dir() -> Path:
    """Where prp-agent keeps what it learns and logs: `$XDG_STATE_HOME/prp-agent` (`~/.local/state/…` by default)."""
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "prp-agent"


def slug_for(text: str, limit: int = 60) -> str:
    """A file-name slug: ASCII letters, digits and dashes, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "prp"


def check_replaceable(path: Path, force: bool) -> None:
    """A path we may write: new, or (with force) an existing regular file; never a directory or device."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (a parent that is not a directory is reported by the directory check)
    except OSError as exc:
        raise InputError(f"cannot use {path}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"output {path} is a directory")
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if target.exists() and not target.is_file():
            raise InputError(f"output {path} links to {target}, which is not a regular file")
    elif not stat.S_ISREG(info.st_mode):
        raise InputError(f"output {path} is not a regular file (a device, socket or pipe); choose a file path")
    if not force:
        raise OutputExistsError(f"{path} already exists; pass --force to replace it (a .bak copy is kept)")


def check_writable_dir(directory: Path) -> None:
    """Fail early when a file cannot be created in `directory` (or the nearest existing parent of it)."""
    existing = directory
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"cannot create output directory {directory}: {existing} is not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"output directory {existing} is not writable")


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def stage(path: Path, text: str | bytes, *, prefix: str | None = None, mode: int | None = None) -> Path:
    """Write text (UTF-8, `\n` line ends) or bytes (as they are) to a new file beside `path` (fsync'd, with the mode
    `path` has or a new file would get).

    The staged file's name is random and it is created exclusively, never through a link: nothing already in the
    folder (a link planted at a predictable name, another writer's staged file) is ever written to. `prefix` starts
    the name, so an interrupted update can be found and finished later.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output directory {path.parent}: {exc.strerror}") from None
    mode = _mode_for(path) if mode is None else mode
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.", suffix=".tmp")
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except OSError as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return Path(tmp)


def _mode_for(path: Path) -> int:
    """The mode a replacement of `path` gets: the regular file's own (a link's target is never asked), else new."""
    try:
        info = path.lstat()
    except OSError:
        return _new_file_mode()
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else _new_file_mode()


def _keep_backup(path: Path) -> Path:
    """Copy `path` to `path.bak` by staging a copy and renaming it over the name: a link at `.bak` is replaced, never
    written through."""
    kept = path.with_name(path.name + ".bak")
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as source:
        data = source.read()
    os.replace(stage(kept, data, prefix=f".{kept.name}.", mode=_mode_for(path)), kept)
    return kept


def commit_staged(staged: Path, path: Path, *, force: bool, backup: bool = True) -> Path | None:
    """Move a staged file into place atomically; with force, the replaced file is kept as `.bak` (unless `backup`
    is False: caches and reports). The backup's path."""
    kept = None
    try:
        check_replaceable(path, force)
        if backup and path.is_file() and not path.is_symlink():
            kept = _keep_backup(path)
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return kept


def atomic_write(path: Path, text: str, *, force: bool, backup: bool = True, mode: int | None = None) -> Path | None:
    """Write text atomically (temp file + rename); with force, keep the old file as `.bak` (unless `backup` is
    False); `mode` fixes the file's mode (0o600 for caches that must stay private). Returns the backup."""
    check_replaceable(path, force)
    return commit_staged(stage(path, text, mode=mode), path, force=force, backup=backup)


def open_private(path: Path, flags: int, mode: int = 0o600) -> int:
    """`os.open` that never follows a link at `path` (a planted link is an error, not a write elsewhere)."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path} is a link; prp-agent never writes through one (remove it)") from None
        raise


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock that serialises every prp-agent writer of `path` (waits for the holder).

    The lock file sits beside `path` as `.NAME.lock` and is removed on release; a waiter that got the lock on a file
    already removed tries again, so two writers never both hold it.
    """
    import fcntl

    lock = path.with_name(f".{path.name}.lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output directory {lock.parent}: {exc.strerror}") from None
    while True:
        fd = open_private(lock, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)


def read_capped(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError for anything else (a device such as
    /dev/zero, a FIFO that would block, a socket, a file too large), before reading more than `limit` + 1 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{what} {path} is not a regular file (a device, pipe or socket); give a file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what} {path} is larger than {limit:,} bytes")
    return data
