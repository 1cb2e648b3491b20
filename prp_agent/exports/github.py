"""GitHub issues: the REST API's JSON array and `gh issue list --json ...` output (also one object per line)."""

from __future__ import annotations

from prp_agent.errors import InputError

from .records import (
    Collector,
    ExportRead,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from .source import Content, records_of

__all__ = ["named_labels", "read_github"]


def read_github(content: Content, where: str) -> ExportRead:
    """Read GitHub issues; pull requests (entries with a "pull_request" key) are skipped."""
    items = records_of(content, where, "GitHub issues export")
    if items and not any(isinstance(item, dict) and "number" in item for item in items):
        raise InputError(f'{where} is not a GitHub issues export: no entry has a "number"')
    out = Collector("github")
    for row_no, item, number in out.numbered(items, "number", "no issue number"):
        key = out.key(f"GH-{number}", row_no)
        if "pull_request" in item:
            out.skip(key, "pull request")
            continue
        out.add(
            TrackerIssue(
                key=key,
                id=number,
                title=title_text(item.get("title")),
                body=as_text(item.get("body")),
                labels=named_labels(item.get("labels")),
                state=normalize_state(item.get("state")),
                comments=_comments(item.get("comments")),
                url=optional_text(item.get("html_url") or item.get("url")),
                created=optional_text(item.get("created_at") or item.get("createdAt")),
                source="github",
            )
        )
    return out.result


def named_labels(value: object) -> tuple[str, ...]:
    """Labels given as strings or as objects with a "name" (GitHub) or "title" (GitLab)."""
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for label in value:
        if isinstance(label, dict):
            label = label.get("name", label.get("title"))
        if isinstance(label, str):
            names.append(label)
    return clean_labels(names)


def _comments(value: object) -> tuple[str, ...]:
    """Comment bodies from gh output; the REST API gives only a count here, which carries no text."""
    if not isinstance(value, list):
        return ()
    bodies = [as_text(c.get("body")) if isinstance(c, dict) else as_text(c) for c in value]
    return tuple(body for body in bodies if body.strip())
