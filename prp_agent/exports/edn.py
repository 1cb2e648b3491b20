"""Data written as EDN (Clojure's data notation: `[{:id 7, :subject "Export orders"}]`), as Clojure tools dump
what a tracker's API returned, read into the JSON-like values the readers take: maps (keywords become their
names, `:status` → "status"), vectors, lists and sets (lists), strings, numbers, `nil`/`true`/`false`; tagged
values (`#inst "2024-05-01"`, `#uuid "…"`) are their value. Iterative, so nesting depth costs no stack.
"""

from __future__ import annotations

import re
from typing import Any

from prp_agent.errors import InputError

__all__ = ["EDN_START", "parse_edn"]

# A map or a vector of maps whose first key is a keyword (`{:id`, `[{:status`), after any `;` comment lines
EDN_START = re.compile(r"^(?:;[^\n]*\n[ \t\r\n]*)*[\[(]?[ \t\r\n,]*\{[ \t\r\n,]*:[A-Za-z_*!?][\w.*+!?<>=/-]*")
_TOKEN = re.compile(
    r"""[ \t\r\n,]*(?:(;[^\n]*)|("(?:[^"\\]|\\.)*")|(\#\{|[\[\]{}()])|(\#_)|(\#[A-Za-z][\w.\-/]*)"""
    r"""|(\\(?:newline|space|tab|.))|([^\s,\[\]{}()";]+))""",
    re.S,
)
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?M?N?")
_CLOSE = {"[": "]", "(": ")", "{": "}", "#{": "}"}
_STRING_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "b": "\b", "f": "\f"}
_STRING_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)


def parse_edn(text: str, where: str) -> Any:
    """The first EDN value of the text."""
    stack: list[tuple[str, list[Any]]] = []  # open collections: their opening bracket and items so far
    discard = 0  # `#_` seen: the next value is dropped
    at, length = 0, len(text)
    while at < length:
        token = _TOKEN.match(text, at)
        if token is None or token.end() == at:
            if text[at:].strip(" \t\r\n,"):
                raise InputError(f"{where} is not valid EDN (at character {at})")
            break
        at = token.end()
        comment, string, bracket, drop, tag, char, atom = token.groups()
        if comment is not None or tag is not None:  # a tag reads as the value it tags
            continue
        if drop is not None:
            discard += 1
            continue
        if bracket in _CLOSE:
            stack.append((bracket, []))
            continue
        if bracket is not None:
            if not stack or _CLOSE[stack[-1][0]] != bracket:
                raise InputError(f"{where} is not valid EDN: unexpected {bracket!r} (at character {at - 1})")
            opened, items = stack.pop()
            value: Any = _mapping(items, where) if opened == "{" else items
        elif string is not None:
            value = _STRING_ESCAPE.sub(_unescape, string[1:-1])
        elif char is not None:
            value = {"\\newline": "\n", "\\space": " ", "\\tab": "\t"}.get(char, char[1:])
        else:
            value = _atom(atom)
        if discard:
            discard -= 1
            continue
        if not stack:
            return value
        stack[-1][1].append(value)
    raise InputError(f"{where} is not valid EDN: it ends inside an open collection; the file seems cut short")


def _atom(text: str) -> Any:
    if text == "nil":
        return None
    if text in ("true", "false"):
        return text == "true"
    if _NUMBER.fullmatch(text):
        number = text.rstrip("MN")
        return float(number) if any(c in number for c in ".eE") else int(number)
    return text[1:] if text.startswith(":") else text  # a keyword is its name; a symbol its text


def _mapping(items: list[Any], where: str) -> dict[str, Any]:
    if len(items) % 2:
        raise InputError(f"{where} is not valid EDN: a map has a key without a value")
    return {str(items[i]): items[i + 1] for i in range(0, len(items), 2)}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if len(code) == 5 and code[0] == "u" else _STRING_ESCAPES.get(code, code)
