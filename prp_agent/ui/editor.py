"""Editing text in the user's editor: $VISUAL, then $EDITOR, then vi, then nano."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile

from prp_agent.ui.console import say

__all__ = ["edit_text", "editor_command"]

_FALLBACKS = ("vi", "nano")


def editor_command() -> list[str] | None:
    """The editor to run: $VISUAL, $EDITOR, or the first of vi and nano found on PATH; None when there is none."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    found = next((shutil.which(name) for name in _FALLBACKS if shutil.which(name)), None)
    return [found] if found else None


def edit_text(text: str, *, suffix: str = ".md") -> str | None:
    """Open text in the editor and return what was saved; None when there is no editor or it failed."""
    command = editor_command()
    if command is None:
        say("prp-agent: no editor found: set $VISUAL or $EDITOR, or pass --text")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as handle:
        handle.write(text)
        name = handle.name
    try:
        try:
            status = subprocess.call([*command, name])
        except OSError as exc:
            say(f"prp-agent: cannot run the editor {command[0]}: {exc.strerror}")
            return None
        if status != 0:
            say(f"prp-agent: the editor exited with status {status}; nothing changed")
            return None
        with open(name, encoding="utf-8") as edited:
            return edited.read()
    finally:
        os.unlink(name)
