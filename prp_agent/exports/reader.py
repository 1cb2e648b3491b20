"""read_export: load a file, tell its format from the content (never the file name), and hand it to its reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from prp_agent.errors import InputError

from .generic import read_generic
from .github import read_github
from .gitlab import read_gitlab
from .jira import read_jira
from .linear import read_linear
from .records import FORMATS, ExportRead
from .source import Content, JsonDoc, JsonLines, Table, parse_content, read_text, shown

__all__ = ["detect_format", "read_export"]

_READERS: dict[str, Callable[[Content, str], ExportRead]] = {
    "github": read_github,
    "gitlab": read_gitlab,
    "jira": read_jira,
    "linear": read_linear,
}
_SAMPLE = 50


def read_export(path: str | Path, fmt: str = "auto", mapping: dict[str, str] | None = None) -> ExportRead:
    """Read an issue-tracker export: its format is detected from the content unless `fmt` names one."""
    fmt = fmt.strip().lower()
    if fmt not in ("auto", *FORMATS):
        raise InputError(f"unknown export format {fmt!r}: choose auto, {', '.join(FORMATS)}")
    if mapping and fmt in _READERS:
        raise InputError(f"--map applies to the csv and jsonl formats, not {fmt}")
    where = shown(path)
    text, warnings = read_text(Path(path), where)
    content = parse_content(text, where)
    if fmt == "auto":
        fmt = _generic_format(content, where) if mapping else detect_format(content) or _unknown(where)
    result = _READERS[fmt](content, where) if fmt in _READERS else read_generic(content, where, mapping, fmt)
    result.warnings[:0] = warnings
    return result


def detect_format(content: Content) -> str | None:
    """The tracker whose export this content looks like, or None."""
    if isinstance(content, Table):
        return _csv_format(content)
    if isinstance(content, JsonDoc) and isinstance(content.value, dict):
        return "jira"  # parse_content keeps only {"issues": [...]} objects whole: a Jira search result
    items = content.records if isinstance(content, JsonLines) else content.value
    objects = [item for item in items if isinstance(item, dict)][:_SAMPLE] if isinstance(items, list) else []
    if any("number" in item or "pull_request" in item for item in objects):
        return "github"
    if any("iid" in item for item in objects):
        return "gitlab"
    if any("key" in item and isinstance(item.get("fields"), dict) for item in objects):
        return "jira"
    return None


def _csv_format(table: Table) -> str | None:
    if table.has("Issue key") or (table.has("Issue id") and table.has("Summary")):
        return "jira"
    if table.has("Issue ID") and (table.has("URL") or table.has("Created At (UTC)")):
        return "gitlab"
    if table.has("ID") and table.has("Title") and table.has("Team"):
        return "linear"
    return None


def _generic_format(content: Content, where: str) -> str:
    if isinstance(content, Table):
        return "csv"
    if isinstance(content, JsonLines) or isinstance(content.value, list):
        return "jsonl"
    raise InputError(f"{where} is a single JSON object: --map reads CSV, JSON Lines or a JSON array of objects")


def _unknown(where: str) -> NoReturn:
    raise InputError(
        f"cannot tell the format of {where}: not a GitHub, GitLab, Jira or Linear export; "
        f"pass --format ({', '.join(FORMATS)}) or --map title=COLUMN,body=COLUMN"
    )
