"""Export records: the issue, the result of reading an export, and the helpers every format reader shares."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from prp_agent.text import one_line

__all__ = [
    "FORMATS",
    "Collector",
    "ExportRead",
    "TrackerIssue",
    "as_text",
    "clean_labels",
    "normalize_state",
    "optional_text",
    "title_text",
]

FORMATS: tuple[str, ...] = ("github", "gitlab", "jira", "linear", "csv", "jsonl")

_MAX_KEY = 200


@dataclass(frozen=True)
class TrackerIssue:
    """One issue from an export; its text is untrusted data, carried verbatim and never interpreted."""

    key: str
    id: str
    title: str
    body: str
    labels: tuple[str, ...]
    state: str
    comments: tuple[str, ...] = ()
    url: str | None = None
    created: str | None = None
    source: str = ""


@dataclass
class ExportRead:
    """What reading one export produced: issues in export order, and what was dropped or noticed on the way."""

    format: str
    issues: list[TrackerIssue]
    duplicates: list[str]
    skipped: list[tuple[str, str]]
    warnings: list[str]


class Collector:
    """Gathers issues in export order: repeated keys are dropped and listed, untitled entries skipped."""

    def __init__(self, fmt: str) -> None:
        self.result = ExportRead(format=fmt, issues=[], duplicates=[], skipped=[], warnings=[])
        self._keys: set[str] = set()

    def key(self, raw: str, row: int) -> str:
        """The issue's key as the tracker wrote it (one line, no control characters); ROW-n when there is none.

        Keys are compared exactly: `X/1` and `X-1` are two issues. File names are made from keys elsewhere.
        """
        key = one_line(raw, _MAX_KEY)
        return key or f"ROW-{row}"

    def add(self, issue: TrackerIssue) -> None:
        """Keep an issue unless it has no title or an earlier entry had the same key."""
        if not issue.title:
            self.skip(issue.key, "no title")
        elif issue.key in self._keys:
            self.result.duplicates.append(issue.key)
        else:
            self._keys.add(issue.key)
            self.result.issues.append(issue)

    def numbered(self, items: list[object], field: str, missing: str) -> Iterator[tuple[int, dict[str, Any], str]]:
        """(row, entry, id) for JSON entries carrying `field`; others are recorded as skipped."""
        for row_no, item in enumerate(items, 1):
            if not isinstance(item, dict):
                self.skip(f"ROW-{row_no}", "not a JSON object")
                continue
            ident = as_text(item.get(field)).strip()
            if not ident:
                self.skip(f"ROW-{row_no}", missing)
                continue
            yield row_no, item, ident

    def skip(self, key: str, reason: str) -> None:
        """Record an entry that is not an issue to draft."""
        self.result.skipped.append((key, reason))

    def warn(self, message: str) -> None:
        """Record something the reader noticed but could work around."""
        self.result.warnings.append(message)


def as_text(value: object) -> str:
    """Any JSON or CSV value as text: None is empty, numbers as written, nested values as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def optional_text(value: object) -> str | None:
    """Text of a value, or None when it is missing or blank."""
    text = as_text(value).strip()
    return text or None


def title_text(value: object) -> str:
    """A title on one line: surrounding and repeated whitespace (newlines included) collapsed."""
    return " ".join(as_text(value).split())


def normalize_state(value: object) -> str:
    """Lower-case state; GitLab's "opened" becomes "open"."""
    state = " ".join(as_text(value).split()).lower()
    return "open" if state == "opened" else state


def clean_labels(values: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty labels without repeats, in first-seen order."""
    seen: dict[str, None] = {}
    for value in values:
        label = " ".join(value.split())
        if label:
            seen.setdefault(label, None)
    return tuple(seen)
