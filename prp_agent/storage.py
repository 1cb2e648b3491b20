"""Files: slugs for names, atomic writes that keep the replaced file's mode and a `.bak`, and a lock that
serialises writers of one file. Only regular files are ever replaced."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
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
    "slug_for",
    "stage",
]


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


def stage(path: Path, text: str, *, name: str | None = None) -> Path:
    """Write text to a temporary file beside `path` (fsync'd, with the mode `path` has or a new file would get).

    `name` gives the staged file a fixed name, so an interrupted update can be found and finished later.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output directory {path.parent}: {exc.strerror}") from None
    mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else _new_file_mode()
    tmp = ""
    try:
        if name is not None:
            tmp = str(path.with_name(name))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        else:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return Path(tmp)


def commit_staged(staged: Path, path: Path, *, force: bool, backup: bool = True) -> Path | None:
    """Move a staged file into place atomically; with force, the replaced file is kept as `.bak` (unless `backup`
    is False: caches and reports). The backup's path."""
    kept = None
    try:
        check_replaceable(path, force)
        if backup and path.exists():
            kept = path.with_name(path.name + ".bak")
            shutil.copy2(path, kept)
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return kept


def atomic_write(path: Path, text: str, *, force: bool, backup: bool = True) -> Path | None:
    """Write text atomically (temp file + rename); with force, keep the old file as `.bak` (unless `backup` is
    False). Returns the backup."""
    check_replaceable(path, force)
    return commit_staged(stage(path, text), path, force=force, backup=backup)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock that serialises every prp-agent writer of `path` (waits for the holder).

    The lock file sits beside `path` as `.NAME.lock` and is removed on release; a waiter that got the lock on a file
    already removed tries again, so two writers never both hold it.
    """
    import fcntl

    lock = path.with_name(f".{path.name}.lock")
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
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
