"""Atlassian Document Format (Jira Cloud rich text) to markdown; unknown nodes keep their text content."""

from __future__ import annotations

import re
from datetime import UTC, datetime

__all__ = ["adf_to_markdown"]

_CONTAINERS = {"doc", "panel", "expand", "nestedExpand", "layoutSection", "layoutColumn", "bodiedExtension"}
_INLINE = {"text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status", "placeholder", "inlineExtension"}
_BACKTICKS_RE = re.compile(r"`+")


def adf_to_markdown(node: object) -> str:
    """Markdown for an ADF document (or any ADF node); a plain string is returned unchanged."""
    if isinstance(node, str):
        return node
    if not isinstance(node, dict):
        return ""
    return _block(node).strip("\n")


def _children(node: dict[str, object]) -> list[dict[str, object]]:
    content = node.get("content")
    return [child for child in content if isinstance(child, dict)] if isinstance(content, list) else []


def _attrs(node: dict[str, object]) -> dict[str, object]:
    attrs = node.get("attrs")
    return attrs if isinstance(attrs, dict) else {}


def _attr(node: dict[str, object], name: str) -> str:
    value = _attrs(node).get(name)
    return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _blocks(nodes: list[dict[str, object]], sep: str = "\n\n") -> str:
    parts = [_block(child) for child in nodes]
    return sep.join(part for part in parts if part.strip())


def _block(node: dict[str, object]) -> str:
    kind = node.get("type")
    if kind in _CONTAINERS:
        return _blocks(_children(node))
    if kind in _INLINE:
        return _inline(node)
    if kind == "paragraph":
        return _inlines(_children(node))
    if kind == "heading":
        level = _attrs(node).get("level")
        hashes = "#" * (level if isinstance(level, int) and 1 <= level <= 6 else 1)
        return f"{hashes} {_inlines(_children(node))}"
    if kind in ("bulletList", "orderedList"):
        return _list(node, ordered=kind == "orderedList")
    if kind == "codeBlock":
        return _code_block(node)
    if kind == "blockquote":
        return "\n".join(f"> {line}".rstrip() for line in _blocks(_children(node)).split("\n"))
    if kind == "rule":
        return "---"
    if kind == "table":
        return _table(node)
    if kind in ("blockCard", "embedCard"):
        return _attr(node, "url")
    return _plain(node)


def _list(node: dict[str, object], *, ordered: bool) -> str:
    start = _attrs(node).get("order")
    number = start if isinstance(start, int) and not isinstance(start, bool) else 1
    items: list[str] = []
    for item in _children(node):
        marker = f"{number}. " if ordered else "- "
        number += 1
        lines = _blocks(_children(item), sep="\n").split("\n")
        pad = " " * len(marker)
        items.append("\n".join([marker + lines[0], *(pad + line if line else "" for line in lines[1:])]))
    return "\n".join(items)


def _code_block(node: dict[str, object]) -> str:
    code = "".join(_plain(child) for child in _children(node))
    longest = max((len(run) for run in _BACKTICKS_RE.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{_attr(node, 'language')}\n{code}\n{fence}"


def _table(node: dict[str, object]) -> str:
    rows = [
        [" ".join(_blocks(_children(cell), sep=" ").split()).replace("|", "\\|") for cell in _children(row)]
        for row in _children(node)
    ]
    rows = [row for row in rows if row]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
    return "\n".join(lines)


def _inlines(nodes: list[dict[str, object]]) -> str:
    return "".join(_inline(child) for child in nodes)


def _inline(node: dict[str, object]) -> str:
    kind = node.get("type")
    if kind == "text":
        text = node.get("text")
        return _marked(text if isinstance(text, str) else "", node.get("marks"))
    if kind == "hardBreak":
        return "\n"
    if kind == "mention":
        name = _attr(node, "text") or _attr(node, "id")
        return "@" + name.removeprefix("@") if name else ""
    if kind == "emoji":
        return _attr(node, "text") or _attr(node, "shortName")
    if kind == "inlineCard":
        return _attr(node, "url")
    if kind == "status":
        return _attr(node, "text")
    if kind == "date":
        return _date(_attr(node, "timestamp"))
    return _plain(node)


def _marked(text: str, marks: object) -> str:
    core = text.strip()
    if not core or not isinstance(marks, list):
        return text
    kinds = {mark.get("type"): mark for mark in marks if isinstance(mark, dict)}
    if "code" in kinds:
        ticks = "``" if "`" in core else "`"
        core = f"{ticks}{core}{ticks}"
    if "em" in kinds:
        core = f"*{core}*"
    if "strong" in kinds:
        core = f"**{core}**"
    if "strike" in kinds:
        core = f"~~{core}~~"
    link = kinds.get("link")
    if link is not None:
        href = _attr(link, "href")
        core = f"[{core}]({href})" if href else core
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead + core + trail


def _date(timestamp: str) -> str:
    try:
        return datetime.fromtimestamp(int(timestamp) / 1000, tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return timestamp


def _plain(node: dict[str, object]) -> str:
    """The text content of any node: what an unknown node keeps."""
    if node.get("type") == "text":
        text = node.get("text")
        return text if isinstance(text, str) else ""
    if node.get("type") == "hardBreak":
        return "\n"
    children = _children(node)
    inline = all(child.get("type") in _INLINE for child in children)
    parts = [_inline(child) if child.get("type") in _INLINE else _plain(child) for child in children]
    return ("" if inline else "\n").join(part for part in parts if inline or part)
