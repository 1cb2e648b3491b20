"""Azure DevOps work items: the CSV a query exports (`ID`, `Work Item Type`, `Title`, `State`, `Tags`, …, columns
as the query shows them) and the REST API's JSON (`value[].fields["System.Title"]`, tags joined by "; ")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from prp_agent.exports.records import (
    KEEP_ALL,
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from prp_agent.exports.source import Table
from prp_agent.text import html_to_text

__all__ = ["is_azure_record", "is_azure_table", "read_azure", "read_azure_table"]


def _split_tags(value: str) -> list[str]:
    """Azure DevOps tags: `a; b; c`."""
    return [tag.strip() for tag in value.split(";")]


_TITLE_COLUMN = re.compile(r"Title(?: \d+)?(?: \([^)]{0,40}\))?")  # `Title`, `Title 2`, `Title 1 (Epic)`


def _titles(table: Table) -> list[str]:
    return [name for name in table.header if _TITLE_COLUMN.fullmatch(name.strip())]


def is_azure_table(table: Table) -> bool:
    """A work-item query exported to CSV (an ID, a work item type and a title column), or a tree of work items to
    import (a work item type and `Title 1`, `Title 2`, … with no IDs yet)."""
    titles = _titles(table)
    return table.has("Work Item Type") and bool(titles) and (table.has("ID") or len(titles) >= 2)


def read_azure_table(table: Table, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read an Azure DevOps query CSV; tree queries' `Title 1`, `Title 2`, … give the deepest title."""
    titles = _titles(table)
    out = Collector("azure", options)
    for row_no, row in enumerate(table.rows, 1):
        ident = table.first(row, "ID").strip()
        title = next((table.first(row, name) for name in reversed(titles) if table.first(row, name).strip()), "")
        out.add(
            TrackerIssue(
                key=out.key(f"ADO-{ident}" if ident else "", row_no, title),
                id=ident or str(row_no),
                title=title_text(title),
                body=html_to_text(table.first(row, "Description")),
                labels=clean_labels(_split_tags(table.first(row, "Tags"))),
                state=normalize_state(table.first(row, "State")),
                created=optional_text(table.first(row, "Created Date")),
                source="azure",
            )
        )
    out.result.mapping = {"id": "ID", "title": " / ".join(titles), "body": "Description", "labels": "Tags",
                          "state": "State"}  # fmt: skip
    return out.result


def is_azure_record(item: dict[str, object]) -> bool:
    """A work item from the REST API: `fields` holding `System.Title`."""
    fields = item.get("fields")
    return isinstance(fields, dict) and "System.Title" in fields


def _latest_revisions(items: Iterable[object], repeated: list[str]) -> Iterator[object]:
    """Work items with their revisions one after another (`/workitems/{id}/revisions`, a recording that fetched an
    item again after changing it: the same id, `rev` 1, 2, …) as each item's latest revision, what it is now, the
    others counted in `repeated`; anything else as it comes."""
    held: dict[str, Any] | None = None
    for item in items:
        if held is not None and isinstance(item, dict) and item.get("id") == held.get("id"):
            repeated.append(f"ADO-{held.get('id')}")
            if _revision(item) >= _revision(held):
                held = item
            continue
        if held is not None:
            yield held
            held = None
        if isinstance(item, dict) and isinstance(item.get("rev"), int):
            held = item
        else:
            yield item
    if held is not None:
        yield held


def _revision(item: dict[str, Any]) -> int:
    rev = item.get("rev")
    return rev if isinstance(rev, int) else -1


def read_azure(items: Iterable[object], where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read work items from the REST API (`{"count": n, "value": [...]}`)."""
    out = Collector("azure", options)
    for row_no, item, ident in out.numbered(_latest_revisions(items, out.result.duplicates), "id", "no id"):
        fields = item.get("fields")
        fields = fields if isinstance(fields, dict) else {}
        out.add(
            TrackerIssue(
                key=out.key(f"ADO-{ident}", row_no),
                id=ident,
                title=title_text(fields.get("System.Title")),
                body=html_to_text(as_text(fields.get("System.Description"))),
                labels=clean_labels(_split_tags(as_text(fields.get("System.Tags")))),
                state=normalize_state(fields.get("System.State")),
                url=optional_text(item.get("url")),
                created=optional_text(fields.get("System.CreatedDate")),
                source="azure",
            )
        )
    out.result.mapping = {"id": "id", "title": "fields.System.Title", "body": "fields.System.Description (HTML)",
                          "labels": "fields.System.Tags", "state": "fields.System.State",
                          "created": "fields.System.CreatedDate"}  # fmt: skip
    return out.result
