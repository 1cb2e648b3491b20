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


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*+"|[\[\]{}]')
_TOML_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*+"|\'[^\'\n]*+\'|#[^\n]*+|[\[\]{}]')


def nesting_depth(text: str, *, toml: bool = False) -> tuple[int, int]:
    """The deepest nesting of `[`/`{` in JSON (or TOML) text, strings and comments skipped, and where it was first
    reached: one linear scan, so a document nested a million levels deep costs one pass, never a recursion."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # cannot be deeper than it has openers
        return 0, 0
    depth = deepest = where = 0
    for token in (_TOML_TOKENS if toml else _JSON_TOKENS).finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, token.start()
        elif char in "]}":
            depth -= 1
    return deepest, where


def loads_json(data: str | bytes) -> Any:
    """`json.loads` that refuses input nested deeper than `MAX_DEPTH` (a JSONDecodeError, as for any bad JSON)."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    deepest, where = nesting_depth(text)
    if deepest > MAX_DEPTH:
        raise json.JSONDecodeError(f"nested {deepest} levels deep (at most {MAX_DEPTH})", text, where)
    return json.loads(text)


def loads_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads` that refuses input nested deeper than `MAX_DEPTH` (a TOMLDecodeError)."""
    deepest, _ = nesting_depth(text, toml=True)
    if deepest > MAX_DEPTH:
        raise tomllib.TOMLDecodeError(f"nested {deepest} levels deep (at most {MAX_DEPTH})")
    return tomllib.loads(text)
