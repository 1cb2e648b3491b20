"""Files: where a draft goes, atomic writes, backups, and the sidecar that lets later commands refine one section."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, OutputExistsError

__all__ = ["OutputPlan", "atomic_write", "plan_outputs", "slug_for"]

DEFAULT_DIR = Path("PRPs")
SIDECAR_SUFFIX = ".prp.json"


def slug_for(text: str, limit: int = 60) -> str:
    """A file-name slug: ASCII letters, digits and dashes, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "prp"


@dataclass(frozen=True)
class OutputPlan:
    """Where the markdown and sidecar go; None markdown means stdout."""

    markdown: Path | None
    sidecar: Path | None
    force: bool


def sidecar_for(markdown: Path) -> Path:
    """`FILE.md` → `FILE.prp.json` beside it."""
    stem = markdown.name[:-3] if markdown.name.endswith(".md") else markdown.name
    return markdown.with_name(stem + SIDECAR_SUFFIX)


def plan_outputs(slug: str, output: str | None, sidecar: str | None, force: bool) -> OutputPlan:
    """Decide output paths and check them before any work: refuse to overwrite, fail early on unwritable dirs."""
    markdown = None if output == "-" else Path(output) if output else DEFAULT_DIR / f"{slug}.md"
    side = Path(sidecar) if sidecar else (sidecar_for(markdown) if markdown else None)
    for path in (markdown, side):
        if path is None:
            continue
        if path.is_dir():
            raise InputError(f"output {path} is a directory")
        if path.exists() and not force:
            raise OutputExistsError(f"{path} already exists; pass --force to replace it (a .bak copy is kept)")
        _check_writable_dir(path.parent)
    if markdown is not None and side is not None and markdown.resolve() == side.resolve():
        raise InputError("the markdown output and the sidecar must be different files")
    return OutputPlan(markdown, side, force)


def _check_writable_dir(directory: Path) -> None:
    existing = directory
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"cannot create output directory {directory}: {existing} is not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"output directory {existing} is not writable")


def atomic_write(path: Path, text: str, *, force: bool) -> Path | None:
    """Write text atomically (temp file + rename); with force, keep the old file as `.bak`. Returns the backup."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output directory {path.parent}: {exc.strerror}") from None
    backup = None
    if path.exists():
        if not force:
            raise OutputExistsError(f"{path} already exists; pass --force to replace it (a .bak copy is kept)")
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if "tmp" in locals() and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return backup
