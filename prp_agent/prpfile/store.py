"""Writing a PRP and its sidecar as a pair, and changing one section of a PRP that a human may be editing.

The pair is written in an order that a crash cannot leave inconsistent: the markdown is staged under a fixed name,
the sidecar (which records the markdown's hash) replaces the old one, then the staged markdown is moved into place.
A crash between the last two steps leaves the staged file; the next read finishes the move (the sidecar proves it
is the one it describes) or discards it (the sidecar still describes the old markdown).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from prp_agent.errors import ConflictError, InputError
from prp_agent.prpfile.parse import PrpDocument, load_document
from prp_agent.prpfile.sidecar import Sidecar, load_sidecar, pairing, text_sha256
from prp_agent.storage import atomic_write, commit_staged, file_lock, stage
from prp_agent.templates.compiler import Template

__all__ = ["Opened", "SectionChange", "open_prp", "recover", "update_section", "write_pair"]


def _staged_prefix(markdown: Path) -> str:
    return f".{markdown.name}.pending-"


def write_pair(markdown: Path, text: str, sidecar_path: Path, sidecar: Sidecar, template: Template,
               *, force: bool) -> list[Path]:  # fmt: skip
    """Write the markdown and its sidecar (tied to it by hash) under the document's lock, so two writers of one
    document never leave one's markdown beside the other's sidecar; the backups made of replaced files."""
    with file_lock(markdown):
        recover(markdown)
        return _write_pair(markdown, text, sidecar_path, sidecar, template, force=force)


def _write_pair(markdown: Path, text: str, sidecar_path: Path, sidecar: Sidecar, template: Template,
                *, force: bool) -> list[Path]:  # fmt: skip
    sidecar.tie(markdown, text, template)
    staged = stage(markdown, text, prefix=_staged_prefix(markdown))
    try:
        side_backup = atomic_write(sidecar_path, sidecar.dumps(), force=force)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    backup = commit_staged(staged, markdown, force=force)
    return [b for b in (backup, side_backup) if b is not None]


def recover(markdown: Path) -> str | None:
    """Finish or discard a pair update a crash interrupted; what was done, or None when there was nothing.

    Only regular files prp-agent staged are looked at (a link with a staging name is removed, never followed)."""
    staged = sorted(p for p in markdown.parent.glob(f"{_staged_prefix(markdown)}*") if p.name.endswith(".tmp"))
    if not staged:
        return None
    try:
        _, sidecar = load_sidecar(markdown)
    except (InputError, OSError):
        sidecar = None
    done = None
    for candidate in staged:
        if not candidate.is_symlink() and sidecar is not None and sidecar.markdown_sha256 == _sha(candidate):
            commit_staged(candidate, markdown, force=True)
            done = f"finished an interrupted write of {markdown} (the previous version is {markdown.name}.bak)"
        else:
            candidate.unlink(missing_ok=True)
    return done or f"discarded an interrupted write of {markdown}: the sidecar still describes the file as it is"


def _sha(path: Path) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, encoding="utf-8") as handle:
            return text_sha256(handle.read())
    except (OSError, UnicodeDecodeError):
        return ""


@dataclass
class Opened:
    """A PRP as it is now, with its sidecar when there is one that belongs to it."""

    path: Path
    document: PrpDocument
    sidecar_path: Path
    sidecar: Sidecar | None
    notes: list[str]


def open_prp(path: str | Path, template_for: Callable[[Sidecar | None], Template]) -> Opened:
    """Read a PRP and its sidecar; a sidecar written for another document is refused with what to do."""
    markdown = Path(path)
    notes = [note] if (note := recover(markdown)) else []
    sidecar_path, sidecar = load_sidecar(markdown)
    template = template_for(sidecar)
    document = load_document(markdown, template)
    if sidecar is not None and pairing(sidecar, document) == "foreign":
        other = f" (it was written for {sidecar.document})" if sidecar.document else ""
        raise InputError(
            f"{sidecar_path} does not belong to {markdown}{other}: none of its sections match; "
            f"move it away to work on {markdown.name} without it"
        )
    return Opened(markdown, document, sidecar_path, sidecar, notes)


@dataclass
class SectionChange:
    """One section's new body, given the body it replaces as it was read (to detect edits made meanwhile)."""

    template_id: str
    expected_body: str
    new_body: str


def update_section(
    opened: Opened,
    template: Template,
    change: SectionChange,
    apply_sidecar: Callable[[Sidecar | None], Sidecar],
) -> tuple[Path | None, Sidecar]:
    """Replace one section's body in the file as it is *now* and update the sidecar, under the file's lock.

    Edits made elsewhere in the file while a model was answering are kept; if this section itself changed
    meanwhile, nothing is written and ConflictError says so. Returns the markdown's backup and the new sidecar.
    """
    with file_lock(opened.path):
        recover(opened.path)
        now = load_document(opened.path, template)
        section = now.find(change.template_id)
        if section is None or _norm(now.body(section)) != _norm(change.expected_body):
            title = section.title if section else change.template_id
            raise ConflictError(
                f"section {title!r} of {opened.path} changed while prp-agent was working on it; nothing was "
                "written — run the command again on the file as it is now"
            )
        _, stored = load_sidecar(opened.path)
        updated = apply_sidecar(stored)
        text = now.with_body(section, change.new_body)
        backups = _write_pair(opened.path, text, opened.sidecar_path, updated, template, force=True)
    markdown_backup = next((b for b in backups if b.name == opened.path.name + ".bak"), None)
    return markdown_backup, updated


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n")
