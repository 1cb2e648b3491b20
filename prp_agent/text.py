"""Untrusted text made safe to show: one line for messages and table cells, no control characters for terminals."""

from __future__ import annotations

import re
import shlex

__all__ = ["command_line", "one_line", "printable"]

# C0 and C1 controls except tab and newline, DEL, and the bidi overrides that reorder what a terminal shows
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int = 60) -> str:
    """Text fit for a one-line message: whitespace collapsed, control characters dropped, shortened with an ellipsis."""
    flat = "".join(ch for ch in " ".join(text.split()) if ch.isprintable())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def printable(text: str) -> str:
    """Text with terminal control characters (ESC, NUL, bidi overrides, …) removed; newlines and tabs kept."""
    return _CONTROL.sub("", text)


def command_line(*args: object) -> str:
    """A `prp-agent …` command to print for the user to run: every argument shell-quoted (a value from a model,
    a server or a file can never become code when the line is pasted), control characters dropped."""
    return printable(shlex.join(["prp-agent", *(str(arg) for arg in args)]))
