"""Untrusted text made safe: one line for messages and table cells, no control characters for terminals, shell
quoting for printed commands, and JSON/TOML parsed only when it is not nested deeper than a bound."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from typing import Any

__all__ = ["MAX_DEPTH", "command_line", "loads_json", "loads_toml", "nesting_depth", "one_line", "printable"]

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


MAX_DEPTH = 100  # deeper JSON or TOML from outside is refused, never recursed into


def nesting_depth(text: str, *, comments: str = "", quotes: str = '"') -> tuple[int, int]:
    """The deepest nesting of `[`/`{` in JSON-like text (strings and comments skipped), and where it was first
    reached: a linear scan, so a document nested a million levels deep costs one pass, never a recursion."""
    depth = deepest = where = 0
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char in quotes:
            index = _string_end(text, index, char)
        elif char in comments:
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
        elif char in "]}":
            depth -= 1
        index += 1
    return deepest, where


def _string_end(text: str, start: int, quote: str) -> int:
    index = start + 1
    while index < len(text):
        if text[index] == "\\" and quote == '"':
            index += 2
            continue
        if text[index] == quote:
            return index
        index += 1
    return index


def loads_json(data: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """`json.loads` that refuses input nested deeper than `max_depth` (a JSONDecodeError, as for any bad JSON)."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    deepest, where = nesting_depth(text)
    if deepest > max_depth:
        raise json.JSONDecodeError(f"nested {deepest} levels deep (at most {max_depth})", text, where)
    return json.loads(text)


def loads_toml(text: str, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """`tomllib.loads` that refuses input nested deeper than `max_depth` (a TOMLDecodeError)."""
    deepest, _ = nesting_depth(text, comments="#", quotes="\"'")
    if deepest > max_depth:
        raise tomllib.TOMLDecodeError(f"nested {deepest} levels deep (at most {max_depth})")
    return tomllib.loads(text)
