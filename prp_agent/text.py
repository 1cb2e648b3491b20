"""Untrusted text made safe: one line for messages and table cells, no control characters for terminals, shell
quoting for printed commands, JSON/TOML parsed only when it is not nested deeper than a bound, and HTML read as
text in one linear pass."""

from __future__ import annotations

import html
import json
import re
import shlex
import tomllib
from typing import Any

__all__ = [
    "MAX_DEPTH", "command_line", "html_to_text", "loads_json", "loads_toml", "nesting_depth", "one_line", "printable",
]  # fmt: skip

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


# A string that never closes runs to the end (of its line, in TOML): read once, not again from every quote in it.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.?)*+(?:"|\Z)|[\[\]{}]')
_TOML_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.?)*+(?:"|(?=\n)|\Z)|\'[^\'\n]*+(?:\'|(?=\n)|\Z)|#[^\n]*+|[\[\]{}]')


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


_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
           "section", "article", "hr", "dd", "dt"}  # fmt: skip
_SKIPPED = {"script", "style"}


def html_to_text(value: str) -> str:
    """HTML (a tracker's rich-text description) as plain text: blocks become lines, other tags go, entities are
    decoded, script and style dropped. One pass: the next `<` and `>` are each found once per position they move
    past, so a run of unclosed tags (`<p <p <p …`) costs what its length costs, where regexes and the standard
    library's HTMLParser go quadratic."""
    out: list[str] = []
    i, n = 0, len(value)
    next_gt = next_lt = -1
    skipping = ""
    while i < n:
        lt = value.find("<", i)
        if lt == -1:
            if not skipping:
                out.append(value[i:])
            break
        if not skipping:
            out.append(value[i:lt])
        if next_gt <= lt:
            next_gt = value.find(">", lt + 1)
            next_gt = n if next_gt == -1 else next_gt
        if next_lt <= lt:
            next_lt = value.find("<", lt + 1)
            next_lt = n if next_lt == -1 else next_lt
        opener = value[lt + 1 : lt + 3]
        starts_tag = opener[:1].isalpha() or opener[:1] == "!" or (opener[:1] == "/" and opener[1:2].isalpha())
        if next_gt == n or next_lt < next_gt or not starts_tag:  # not a tag: a lone `<`, "a < b"
            if not skipping:
                out.append("<")
            i = lt + 1
            continue
        tag = value[lt + 1 : next_gt]
        closing = tag.startswith("/")
        name = tag.lstrip("/").split(None, 1)[0].rstrip("/").lower() if tag.strip("/ ") else ""
        if skipping:
            skipping = "" if closing and name == skipping else skipping
        elif name in _SKIPPED and not closing:
            skipping = name
        elif name in _BLOCKS:
            out.append("\n")
        i = next_gt + 1
    lines = [" ".join(html.unescape(line).split()) for line in "".join(out).splitlines()]
    return "\n".join(line for line in lines if line).strip()
